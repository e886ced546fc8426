"""What a candidate does with a submitted application: add or replace a document until the intake
ends, and withdraw the application (issue 9 §2).

The intake window is the one the submission is checked against (``engine.intake.intake_window``
through ``selection.intake``): after its closing day (the route's own, where the regulation sets
one) documents are neither added nor replaced. A replaced document is kept, marked as superseded
by the new one. A withdrawn application is final (``states``): it is not admitted, not rated, and
is left out of the engine's case.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from rezerv.selection import uploads
from rezerv.selection.intake import campaign_intake_window
from rezerv.selection.models import Application, Document
from rezerv.selection.states import CLOSED, ApplicationStatus, application_transition


def intake_closes(application: Application) -> dt.date | None:
    """The last day documents are accepted for this application (None: not known yet)."""
    _, closes, route_closes = campaign_intake_window(application.campaign, application.route)
    return route_closes or closes


def fix_window(application: Application) -> tuple[dt.date, dt.date] | None:
    """The days a refused candidate may supply the documents (BR-11: ``documents.fix_term`` of
    the regulation from receiving the refusal; the refusal is delivered in the account the
    moment it is decided), or None: not refused, or the regulation sets no such term."""
    if application.status != ApplicationStatus.REFUSED or application.decided_at is None:
        return None
    reg = application.campaign.regulation.load().regulation
    if reg.documents is None or reg.documents.fix_term is None:
        return None
    from rezerv.engine.deadlines import add_term

    received = timezone.localdate(application.decided_at)
    return received, add_term(received, reg.documents.fix_term)


def documents_open(application: Application, today: dt.date | None = None) -> bool:
    """Whether the candidate may still add or replace documents: until the intake ends, and a
    refused candidate within the fix window (BR-11)."""
    day = today or timezone.localdate()
    window = fix_window(application)
    if window is not None:
        return window[0] <= day <= window[1]
    if application.status in CLOSED:
        return False
    closes = intake_closes(application)
    return closes is None or day <= closes


def _check_open(application: Application, today: dt.date | None) -> None:
    from rezerv.selection.services import ServiceError

    window = fix_window(application)
    if window is not None:
        if not documents_open(application, today):
            raise ServiceError(
                gettext(
                    "Срок устранения причин отказа истёк %(date)s: документы больше не принимаются."
                )
                % {"date": window[1].strftime("%d.%m.%Y")},
                "file",
            )
        return
    if application.status in CLOSED:
        raise ServiceError(
            gettext("Заявление в статусе «%(status)s»: документы не принимаются.")
            % {"status": ApplicationStatus(application.status).label},
            "file",
        )
    if not documents_open(application, today):
        closes = intake_closes(application)
        raise ServiceError(
            gettext(
                "Приём документов окончен %(date)s: документы больше не добавляются и не "
                "заменяются."
            )
            % {"date": closes.strftime("%d.%m.%Y") if closes else ""},
            "file",
        )


def catalogue_titles(application: Application) -> dict[str, str]:
    reg = application.campaign.regulation.load().regulation
    return {d.id: d.title for d in reg.documents.catalogue} if reg.documents else {}


@transaction.atomic
def document_put(
    *,
    actor: Any,
    application: Application,
    doc_type: str,
    upload: UploadedFile[bytes],
    today: dt.date | None = None,
) -> Document:
    """Add a document of ``doc_type``, or replace the one in force (kept as superseded)."""
    from rezerv.selection.services import ServiceError, audit

    locked = Application.objects.select_for_update().get(pk=application.pk)
    _check_open(locked, today)
    if doc_type not in catalogue_titles(locked):
        raise ServiceError(gettext("Выберите вид документа из списка."), "doc_type")
    upload, content_type, digest = uploads.check_upload(upload, field="file")
    current = (
        Document.objects.select_for_update()
        .filter(application=locked, doc_type=doc_type, superseded_at__isnull=True)
        .first()
    )
    document = Document.objects.create(
        application=locked,
        doc_type=doc_type,
        file=upload,
        original_name=upload.name or doc_type,
        content_type=content_type,
        size=upload.size or 0,
        sha256=digest,
    )
    changes: dict[str, Any] = {"doc_type": doc_type, "document": document.pk}
    if current is not None:
        current.superseded_at = timezone.now()
        current.superseded_by = document
        current.save(update_fields=["superseded_at", "superseded_by"])
        changes["replaces"] = current.pk
    locked.version += 1
    locked.save(update_fields=["version"])
    audit(
        actor=actor,
        action="upload.replace" if current is not None else "upload.add",
        obj=locked,
        campaign=locked.campaign,
        changes=changes,
    )
    if fix_window(locked) is not None:  # BR-11: HR decides the admission again
        from rezerv.notifications.events import fix_documents_supplied  # the app above

        fix_documents_supplied(
            application=locked, document_title=catalogue_titles(locked)[doc_type]
        )
    return document


@transaction.atomic
def application_withdraw(*, actor: Any, application: Application, reason: str = "") -> Application:
    """The candidate withdraws the application (final); audited as a withdrawal and a transition."""
    from rezerv.selection.services import audit

    withdrawn = application_transition(
        actor=actor,
        application=application,
        to=ApplicationStatus.WITHDRAWN,
        reason=(reason or "").strip(),
    )
    audit(
        actor=actor,
        action="application.withdraw",
        obj=withdrawn,
        campaign=withdrawn.campaign,
        changes={"reason": (reason or "").strip()},
    )
    return withdrawn
