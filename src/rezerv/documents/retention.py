"""Retention (C-7; BR-18, BR-22, KM-21, PK-10): the daily job that destroys what has reached the
end of its term, and the act that records it.

What is kept and for how long is the regulation's (``retention``): an item covers the
campaign's candidates not in the reserve (except the outcomes it keeps), counted from one of the
campaign's events, or the reserve's excluded members, counted from the day each was excluded.
When the term of an item that destroys has passed, for each application it covers:

* every stored file of the application is removed from storage (not only unlinked) and its row
  deleted;
* with ``personal_data``, the person's data no decision needs is erased (identity numbers,
  contacts, birth date, the questionnaire) — unless the person still has an application kept
  or is in the reserve.  The name, the facts at submission, the scores, ballots and votes stay:
  every decision and protocol is reproduced from them (C-6);
* a ``Destruction`` row claims the application for the item, so a second run does nothing more.

One act per campaign, item and day lists what was destroyed, whose, on what ground and by
which job; it is rendered as a PDF by the documents machinery and kept (``RetentionAct``).
Nothing here names a procedure's event or outcome: they are read from the regulation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from rezerv.documents import rendering
from rezerv.documents.common import body_context, campaign_context
from rezerv.documents.models import Destruction, RetentionAct
from rezerv.documents.registry import FormSpec
from rezerv.documents.style import doc_date
from rezerv.engine.deadlines import add_term
from rezerv.engine.schema import Regulation, Retention
from rezerv.selection.in_force import candidate_rows, reserve_in_force
from rezerv.selection.models import Application, Campaign, Person, Questionnaire, ReserveEntry
from rezerv.selection.selectors import usable_events
from rezerv.selection.services import audit

log = logging.getLogger(__name__)

JOB = "retention"
ACT_TITLE = "Акт об уничтожении документов"

# The act's layout: rendered by the documents machinery (``documents/retention_act.html``); an
# organisation's own HTML template of the code replaces it as for any form.
ACT_FORM = FormSpec(
    code="retention_act",
    family="retention",
    title=ACT_TITLE,
    subject="campaign",
    build=lambda act: act_context(act),
    slug="akt_unichtozheniya",
)


@dataclass(frozen=True)
class Due:
    """An application whose documents an item's term has ended for, and when it ended."""

    application: Application
    until: dt.date


def _start(campaign: Campaign, ret: Retention) -> dt.date | None:
    return usable_events(campaign).get(ret.after)


def _reserve_people(campaign: Campaign) -> set[int]:
    """The persons the campaign put in the reserve by a decision in force."""
    return set(reserve_in_force(campaign).values_list("person_id", flat=True))


def due_for(campaign: Campaign, ret: Retention, day: dt.date) -> list[Due]:
    """The applications of ``campaign`` whose documents ``ret`` destroys on ``day`` (its term
    over, not destroyed yet)."""
    if not ret.destroys or ret.term is None:
        return []
    done = set(
        Destruction.objects.filter(application__campaign=campaign, retention_id=ret.id).values_list(
            "application_id", flat=True
        )
    )
    out: list[Due] = []
    if ret.covers == "candidates":
        start = _start(campaign, ret)
        if start is None:
            return []
        until = add_term(start, ret.term)
        if until > day:
            return []
        in_reserve = _reserve_people(campaign)
        rows = candidate_rows(campaign) if ret.keep_outcomes else {}
        kept = set(ret.keep_outcomes)
        for app in campaign.applications.select_related("person").order_by("pk"):
            if app.pk in done or app.person_id in in_reserve:
                continue
            if (rows.get(str(app.pk)) or {}).get("outcome") in kept:
                continue
            out.append(Due(app, until))
        return out
    excluded = reserve_in_force(campaign).filter(excluded_on__isnull=False).order_by("pk")
    for entry in excluded:
        assert entry.excluded_on is not None
        until = add_term(entry.excluded_on, ret.term)
        if until > day:
            continue
        for app in campaign.applications.filter(person_id=entry.person_id).select_related("person"):
            if app.pk not in done:
                out.append(Due(app, until))
    return out


def _ground(reg: Regulation, ret: Retention) -> str:
    clauses = reg.cite(ret.rules)
    return f"{ret.what} ({clauses})" if clauses else str(ret.what)


def _kept_elsewhere(person: Person, destroyed: set[int], day: dt.date) -> bool:
    """Whether the person's data is still needed: another application not destroyed, or a
    place in the reserve."""
    if person.applications.exclude(pk__in=destroyed).exclude(destructions__isnull=False).exists():
        return True
    return (
        ReserveEntry.objects.filter(person=person, excluded_on__isnull=True)
        .filter(decision__superseded_at__isnull=True)
        .exclude(until__lt=day)
        .exists()
    )


def _erase(person: Person) -> list[str]:
    """Erase the person's data no decision needs; the names of what was erased."""
    erased: list[str] = []
    for field in ("iin", "snils", "phone", "address"):
        if getattr(person, field):
            setattr(person, field, "")
            erased.append(field)
    if person.birth_date is not None:
        person.birth_date = None
        erased.append("birth_date")
    if person.user_id is None and person.email:
        person.email = ""  # an account keeps its own address to sign in
        erased.append("email")
    person.save(update_fields=["iin", "snils", "phone", "address", "birth_date", "email"])
    if Questionnaire.objects.filter(person=person).delete()[0]:
        erased.append("questionnaire")
    return erased


ERASED_TITLES = {
    "iin": "ИИН",
    "snils": "СНИЛС",
    "phone": "телефон",
    "address": "адрес",
    "birth_date": "дата рождения",
    "email": "адрес электронной почты",
    "questionnaire": "анкета",
}


def _destroy_files(application: Application) -> list[dict[str, Any]]:
    """Remove every stored file of the application from storage; what they were."""
    titles = {d.id: d.title for d in _catalogue(application)}
    out = []
    for doc in application.documents.order_by("uploaded_at", "pk"):
        out.append(
            {
                "title": titles.get(doc.doc_type, doc.doc_type),
                "format": doc.format_name,
                "size": doc.size,
                "uploaded": doc.uploaded_at.date().isoformat(),
                "sha256": doc.sha256,
            }
        )
        if doc.file.name:
            doc.file.storage.delete(doc.file.name)
    return out


def _catalogue(application: Application) -> list[Any]:
    reg = application.campaign.regulation.load().regulation
    return list(reg.documents.catalogue) if reg.documents is not None else []


def destroy(
    campaign: Campaign, ret: Retention, due: list[Due], day: dt.date, *, actor: Any = None
) -> RetentionAct | None:
    """Destroy the documents (and personal data) of the ``due`` applications under ``ret`` and
    record it in one act; None when another run claimed them all first."""
    reg = campaign.regulation.load().regulation
    # The files go first: should the transaction fail, the next run finds the rows and deletes
    # them (deleting a missing file is nothing); a file is never left behind a recorded act.
    files = {d.application.pk: _destroy_files(d.application) for d in due}
    with transaction.atomic():
        act = RetentionAct.objects.create(
            campaign=campaign,
            retention_id=ret.id,
            ground=_ground(reg, ret),
            day=day,
            performed_by=actor if getattr(actor, "is_authenticated", False) else None,
            job="" if getattr(actor, "is_authenticated", False) else JOB,
        )
        items: list[dict[str, Any]] = []
        destroyed: set[int] = set()
        for d in due:
            app = d.application
            try:
                with transaction.atomic():
                    Destruction.objects.create(act=act, application=app, retention_id=ret.id)
            except IntegrityError:  # claimed by another run: recorded there
                continue
            destroyed.add(app.pk)
            app.documents.all().delete()
            returns = [
                {"on": r.returned_on.isoformat(), "to": r.received_by, "signed": r.signed}
                for r in app.document_returns.order_by("returned_on", "pk")
            ]
            items.append(
                {
                    "application": app.code,
                    "name": app.person.full_name,
                    "until": d.until.isoformat(),
                    "files": files.get(app.pk, []),
                    "returned": returns,
                    "erased": [],
                    "person": app.person_id,
                }
            )
        if not items:
            transaction.set_rollback(True)
            return None
        if ret.personal_data:
            for item in items:
                person = Person.objects.get(pk=item["person"])
                if not _kept_elsewhere(person, destroyed, day):
                    item["erased"] = _erase(person)
        for item in items:
            item.pop("person")
        act.items = items
        content = rendering.render(ACT_FORM, "pdf", act_context(act), campaign.body_id)
        act.sha256 = hashlib.sha256(content).hexdigest()
        act.file.save("act.pdf", ContentFile(content), save=False)
        act.save(update_fields=["items", "file", "sha256"])
        audit(
            actor=actor,
            action="retention.destroy",
            obj=act,
            campaign=campaign,
            changes={
                "retention": ret.id,
                "applications": len(items),
                "files": sum(len(i["files"]) for i in items),
            },
        )
    return act


def run_retention(day: dt.date, *, actor: Any = None) -> int:
    """The daily job: destroy what every campaign's retention items have brought to term on
    ``day``; the number of applications whose documents were destroyed."""
    count = 0
    campaigns = Campaign.objects.filter(applications__isnull=False).distinct()
    for campaign in campaigns.select_related("regulation", "body").order_by("pk"):
        reg = campaign.regulation.load().regulation
        for ret in reg.retention:
            due = due_for(campaign, ret, day)
            if not due:
                continue
            act = destroy(campaign, ret, due, day, actor=actor)
            if act is not None:
                count += len(act.items)
    return count


def daily_job() -> Any:
    from django.utils.translation import gettext_lazy as _

    from rezerv.notifications.scheduler import DailyJob

    return DailyJob(_("Уничтожение документов по истечении срока хранения"), run_retention)


# --------------------------------------------------------------------------- the act


def act_context(act: RetentionAct) -> dict[str, Any]:
    campaign = act.campaign
    rows = []
    for i, item in enumerate(act.items, 1):
        files = [f"{f['title']} ({f['format']})" for f in item.get("files", [])]
        erased = [ERASED_TITLES.get(e, e) for e in item.get("erased", [])]
        returned = [
            f"{doc_date(r['on'])}, {r['to']}" + (" (под роспись)" if r.get("signed") else "")
            for r in item.get("returned", [])
        ]
        rows.append(
            {
                "n": i,
                "name": item["name"],
                "code": item["application"],
                "until": doc_date(item["until"]),
                "files": files,
                "erased": erased,
                "returned": returned,
            }
        )
    by = act.performed_by.get_full_name() if act.performed_by else ""
    return {
        "document": {"title": ACT_TITLE, "date": doc_date(act.day)},
        "body": body_context(campaign),
        "campaign": campaign_context(campaign),
        "footer": f"{ACT_TITLE} · {campaign.body.name}",
        "act": {
            "ground": act.ground,
            "day": doc_date(act.day),
            "by": by or "ежедневная задача системы (хранение документов)",
            "rows": rows,
        },
    }
