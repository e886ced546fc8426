"""Documents returned to a candidate on request before the end of their retention term (BR-18,
KM-21), or against signature (PK-10): recorded from the application's page by its HR officer,
with the audit record in the same transaction.  The act of destruction lists the returns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from rezerv.documents.models import Destruction, DocumentReturn
from rezerv.selection.models import Application
from rezerv.selection.services import ServiceError, audit


def returnable(application: Application) -> list[tuple[int, str]]:
    """The application's current documents (id, title in the regulation's words)."""
    reg = application.campaign.regulation.shown()
    titles = {d.id: d.title for d in reg.documents.catalogue} if reg.documents else {}
    return [
        (d.pk, str(titles.get(d.doc_type, d.doc_type)))
        for d in application.documents.filter(superseded_at__isnull=True).order_by("pk")
    ]


def documents_return(
    *,
    actor: Any,
    application: Application,
    returned_on: dt.date,
    document_ids: list[int],
    received_by: str,
    signed: bool,
    note: str = "",
) -> DocumentReturn:
    """Record that the candidate's documents ``document_ids`` were handed back on
    ``returned_on`` to ``received_by`` (against signature when ``signed``)."""
    if Destruction.objects.filter(application=application).exists():
        raise ServiceError(
            gettext("Документы уже уничтожены по истечении срока хранения; вернуть нечего.")
        )
    today = timezone.localdate()
    if returned_on > today:
        raise ServiceError(
            gettext("Дата возврата не может быть позже сегодняшнего дня."), "returned_on"
        )
    if returned_on < timezone.localtime(application.submitted_at).date():
        raise ServiceError(gettext("Дата возврата раньше дня подачи заявления."), "returned_on")
    if not received_by.strip():
        raise ServiceError(gettext("Укажите, кто получил документы."), "received_by")
    titles = dict(returnable(application))
    unknown = [i for i in document_ids if i not in titles]
    if unknown or not document_ids:
        raise ServiceError(gettext("Выберите возвращаемые документы заявления."), "documents")
    with transaction.atomic():
        record = DocumentReturn.objects.create(
            application=application,
            returned_on=returned_on,
            documents=[titles[i] for i in document_ids],
            received_by=received_by.strip(),
            signed=signed,
            note=note.strip(),
            recorded_by=actor,
        )
        audit(
            actor=actor,
            action="documents.return",
            obj=application,
            campaign=application.campaign,
            changes={"returned_on": returned_on.isoformat(), "documents": len(document_ids)},
        )
    return record


def returns_of(application: Application) -> list[DocumentReturn]:
    return list(application.document_returns.select_related("recorded_by"))
