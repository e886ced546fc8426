"""A candidate's own personal data (C-4, C-7; 152-FZ arts. 9, 14, 21): the export of everything
stored about them, and the erasure of their account.

The export (:func:`export`) is one JSON document: the account, the person, the questionnaire,
every application with its facts, consents, documents (their names, types, sizes and checksums,
not the files), results, places, reserve entries, and who read the application
(``selection/reads.py``). It is audited (``account.data_export``) without its content.

The erasure (:func:`erase_account`) keeps what a retention period or the reproducibility of a
decision (C-6) requires and erases the rest, in one transaction, recorded as
``account.erase`` (the numbers of what was erased and kept, never a name):

* an application still under consideration (submitted or admitted in a campaign not yet decided)
  blocks the erasure: it is withdrawn first (:func:`blockers`);
* a withdrawn application that nothing recorded depends on (no result, ballot, vote, test
  attempt, written work, place) is deleted with its files;
* every other application is kept (an admission or a refusal, a decided campaign's inputs: C-6;
  its documents until their term in the regulation's ``retention``, KM-21, BR-18) and so are the
  person's name, birth date and identifiers and the questionnaire the forms print; the contact
  data (e-mail, telephone, address) are erased;
* a person with nothing kept is deleted with the questionnaire;
* the login itself is erased: its name, e-mail and names are replaced, the password made
  unusable, the account deactivated, its sessions ended, its notifications deleted but those
  about a kept application (the evidence that a notice was sent, KM-6). (The user row stays
  as an empty shell because the audit log and the kept records refer to it by number.)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext

from rezerv.selection import reads
from rezerv.selection.audit import Action
from rezerv.selection.models import (
    Application,
    Document,
    Person,
    PersonalDataRead,
    Questionnaire,
    ReserveEntry,
    Staff,
)
from rezerv.selection.services import audit
from rezerv.selection.states import ApplicationStatus, CampaignStatus

EXPORT_FORMAT = 1
UNDER_CONSIDERATION = (ApplicationStatus.SUBMITTED, ApplicationStatus.ADMITTED)


def _value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _fields(obj: models.Model, names: list[str]) -> dict[str, Any]:
    return {name: _value(getattr(obj, name)) for name in names}


PERSON_FIELDS = [
    "uid",
    "last_name",
    "first_name",
    "patronymic",
    "gender",
    "birth_date",
    "citizenship",
    "iin",
    "snils",
    "email",
    "phone",
    "address",
]
QUESTIONNAIRE_FIELDS = [
    "education",
    "work_history",
    "awards",
    "languages",
    "degrees",
    "publications",
    "extra",
    "updated_at",
]
APPLICATION_FIELDS = [
    "uid",
    "status",
    "route",
    "submitted_at",
    "facts",
    "fact_changes",
    "consent_given_at",
    "consent_text",
    "consents",
    "code",
    "refusal_text",
    "decided_at",
]


def export(user: Any) -> dict[str, Any]:
    """Everything stored about ``user`` as a candidate, as JSON-ready data."""
    person = Person.objects.filter(user=user).first()
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "last_name": user.last_name,
            "first_name": user.first_name,
            "date_joined": _value(user.date_joined),
            "last_login": _value(user.last_login),
        },
        "person": None,
        "questionnaire": None,
        "applications": [],
        "reserve": [],
    }
    if person is None:
        return data
    data["person"] = _fields(person, PERSON_FIELDS)
    questionnaire = Questionnaire.objects.filter(person=person).first()
    if questionnaire is not None:
        data["questionnaire"] = _fields(questionnaire, QUESTIONNAIRE_FIELDS)
    for application in person.applications.select_related("campaign").order_by("submitted_at"):
        row = _fields(application, APPLICATION_FIELDS)
        row["campaign"] = {
            "uid": str(application.campaign.uid),
            "title": application.campaign.title,
        }
        row["documents"] = [
            _fields(d, ["doc_type", "original_name", "content_type", "size", "sha256"])
            | {"uploaded_at": _value(d.uploaded_at), "replaced_at": _value(d.superseded_at)}
            for d in application.documents.order_by("uploaded_at", "pk")
        ]
        row["results"] = [
            _fields(r, ["stage_id", "method_id", "correct", "questions", "passed", "points"])
            | {"date": _value(r.date)}
            for r in application.results.order_by("stage_id", "method_id")
        ]
        row["reads"] = [
            {
                "day": _value(r.day),
                "reader": r.who,
                "role": r.role,
                "channel": r.channel,
                "count": r.count,
            }
            for r in reads.reads_of(application)
        ]
        data["applications"].append(row)
    for entry in ReserveEntry.objects.filter(person=person).select_related("campaign"):
        data["reserve"].append(
            _fields(entry, ["outcome", "level", "group_title", "exclusion_ground"])
            | {
                "campaign": entry.campaign.title,
                "included_on": _value(entry.included_on),
                "until": _value(entry.until),
                "excluded_on": _value(entry.excluded_on),
            }
        )
    return data


def record_export(*, actor: Any) -> None:
    """The export is in the audit log (its content is not)."""
    person = Person.objects.filter(user=actor).first()
    audit(actor=actor, action=Action.ACCOUNT_DATA_EXPORT, obj=person or actor)


def may_erase(user: Any) -> bool:
    """A candidate's own account only: an official's or a member's is closed by an
    administrator (their acts must stay attributable)."""
    return (
        not user.is_staff
        and not user.is_superuser
        and not Staff.objects.filter(user=user).exists()
        and not user.memberships.exists()
    )


def blockers(user: Any) -> list[Application]:
    """The applications still under consideration: withdrawn first, or decided."""
    return list(
        Application.objects.filter(person__user=user, status__in=UNDER_CONSIDERATION)
        .exclude(campaign__status=CampaignStatus.DECIDED)
        .select_related("campaign")
    )


def _depended_on(application: Application) -> bool:
    """Whether anything recorded about the selection refers to the application (C-6)."""
    return (
        application.status != ApplicationStatus.WITHDRAWN
        or application.results.exists()
        or application.ballots.exists()
        or application.votes.exists()
    )


@dataclass(frozen=True)
class Erasure:
    applications_erased: int
    applications_kept: int
    files_erased: int
    person_erased: bool


class ErasureRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _delete_files(documents: list[Document]) -> int:
    erased = 0
    for document in documents:
        if document.file:
            document.file.delete(save=False)
            erased += 1
    return erased


def erase_account(*, actor: Any) -> Erasure:
    """Erase ``actor``'s own account: what must be kept is kept, the rest erased, recorded."""
    if not may_erase(actor):
        raise ErasureRefused(
            gettext(
                "Учётную запись сотрудника или члена комиссии закрывает администратор: "
                "совершённые ею действия должны оставаться в журнале."
            )
        )
    files: list[Document] = []
    with transaction.atomic():
        if blockers(actor):
            raise ErasureRefused(
                gettext(
                    "Есть заявления, которые ещё рассматриваются: отзовите их или дождитесь "
                    "решения, затем удалите учётную запись."
                )
            )
        person = Person.objects.select_for_update().filter(user=actor).first()
        erased = kept = 0
        person_erased = False
        if person is not None:
            for application in list(person.applications.all()):
                if _depended_on(application):
                    kept += 1
                    continue
                documents = list(application.documents.all())
                try:
                    with transaction.atomic():
                        PersonalDataRead.objects.filter(application=application).delete()
                        application.delete()
                except ProtectedError:  # a test attempt, a written work, a place: kept
                    kept += 1
                    continue
                files.extend(documents)
                erased += 1
            if kept == 0 and not ReserveEntry.objects.filter(person=person).exists():
                Questionnaire.objects.filter(person=person).delete()
                person.delete()
                person_erased = True
            else:
                person.email = person.phone = person.address = ""
                person.user = None
                person.save(update_fields=["email", "phone", "address", "user"])
        audit(
            actor=actor,
            action=Action.ACCOUNT_ERASE,
            obj=actor,
            changes={
                "applications_erased": erased,
                "applications_kept": kept,
                "files_erased": len(files),
                "person_erased": person_erased,
            },
        )
        _scrub_user(actor)
        # the files go once the rows are gone for good
        transaction.on_commit(lambda: _delete_files(files))
    return Erasure(erased, kept, len(files), person_erased)


def _scrub_user(user: Any) -> None:
    user.username = f"deleted-{uuid.uuid4().hex[:20]}"
    user.email = user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    # the letters about a kept application stay (the evidence that a notice was sent: KM-6)
    user.notifications.filter(application__isnull=True).delete()
    with contextlib.suppress(ObjectDoesNotExist):
        user.email_confirmation.delete()
    # The unusable password changes the hash every session carries: the user's other sessions
    # end at their next request (Django's session verification); the view logs this one out.
