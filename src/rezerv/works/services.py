"""A candidate's written work: checked against the regulation's limits, then submitted (audited).

``check`` reads the work (typed text or an uploaded DOCX/PDF, its type found by content, its size
limited) and returns its measures and the reasons it fails; ``submit`` refuses a work with any
reason (nothing changes) and otherwise stores it, replacing the one submitted before (kept,
superseded), within the window of ``due.works_due``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from rezerv.selection import uploads
from rezerv.selection.models import Application
from rezerv.selection.services import ServiceError, application_record_facts, audit
from rezerv.selection.states import CLOSED
from rezerv.works import limits
from rezerv.works.docx_reader import read_docx
from rezerv.works.due import Due, find_due
from rezerv.works.measures import Measures, text_measures
from rezerv.works.models import Work
from rezerv.works.pdf_reader import read_pdf
from rezerv.works.similarity import signature

FORMATS = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
TEXT_LIMIT = 200_000  # characters of typed text


class WorkRefused(ServiceError):
    """The work fails the regulation's limits: ``reasons`` name each, with the numbers."""

    def __init__(self, reasons: list[str], field: str | None = None) -> None:
        super().__init__(" ".join(reasons), field)
        self.reasons = reasons


@dataclass
class Checked:
    measures: Measures
    reasons: list[str]
    notes: list[str] = field(default_factory=list)
    data: bytes = b""
    sha256: str = ""


def _kind(upload: UploadedFile[bytes]) -> tuple[str, str]:
    """The format by content (a ZIP holding word/document.xml is a DOCX) and the sha256."""
    _, mime, digest = uploads.check_upload(upload, field="file")
    fmt = FORMATS.get(mime)
    if fmt is None:
        raise ServiceError(gettext("Письменная работа принимается в формате DOCX или PDF."), "file")
    return fmt, digest


def check(due: Due, *, text: str = "", upload: UploadedFile[bytes] | None = None) -> Checked:
    """Measure the work and list the reasons it fails the limits (raises on an unreadable one)."""
    work = due.work
    if upload is not None:
        fmt, digest = _kind(upload)
        refused = limits.format_reason(fmt, work)
        if refused:
            raise WorkRefused([refused], "file")
        upload.seek(0)
        data = upload.read()
        try:
            measures = (read_docx if fmt == "docx" else read_pdf)(data, list(work.pages_exclude))
        except Exception as exc:  # a damaged file: the reader's own error is not shown
            raise ServiceError(
                gettext("Файл не читается как %(fmt)s: сохраните его заново и загрузите.")
                % {"fmt": fmt.upper()},
                "file",
            ) from exc
    else:
        refused = limits.format_reason("text", work)
        if refused:
            raise WorkRefused([refused], "text")
        if len(text) > TEXT_LIMIT:
            raise ServiceError(gettext("Текст длиннее %(n)s знаков.") % {"n": TEXT_LIMIT}, "text")
        data, digest, measures = b"", "", text_measures(text)
    return Checked(
        measures, limits.reasons(measures, work), limits.notes(measures, work), data, digest
    )


def _open(application: Application, due: Due, today: dt.date) -> None:
    if application.status in CLOSED:
        raise ServiceError(gettext("Заявление закрыто: работы не принимаются."))
    if due.stage.id in application.campaign.closed_stages:
        raise ServiceError(gettext("Оценка этапа закрыта: работы не принимаются."))
    if not due.open_on(today):
        if due.opens is not None and today < due.opens:
            raise ServiceError(
                gettext("Работы принимаются с %(date)s.") % {"date": due.opens.strftime("%d.%m.%Y")}
            )
        assert due.closes is not None
        raise ServiceError(
            gettext("Приём работ окончен %(date)s.") % {"date": due.closes.strftime("%d.%m.%Y")}
        )


@transaction.atomic
def submit(
    *,
    actor: Any,
    application: Application,
    stage_id: str,
    method_id: str,
    topic: str = "",
    text: str = "",
    upload: UploadedFile[bytes] | None = None,
    today: dt.date | None = None,
) -> Work:
    """Submit the candidate's work; refused with every reason if it fails a limit."""
    locked = (
        Application.objects.select_for_update().select_related("campaign").get(pk=application.pk)
    )
    due = find_due(locked.campaign, stage_id, method_id)
    if due is None:
        raise ServiceError(gettext("Этот этап не предусматривает письменной работы."))
    _open(locked, due, today or timezone.localdate())
    topic = (topic or due.work.topic or "").strip()
    if due.work.topics_from and not topic:
        raise ServiceError(gettext("Укажите тему работы."), "topic")
    checked = check(due, text=text, upload=upload)
    if checked.reasons:
        raise WorkRefused(checked.reasons, "file" if upload is not None else "text")
    now = timezone.now()
    current = (
        Work.objects.select_for_update()
        .filter(
            application=locked, stage_id=stage_id, method_id=method_id, superseded_at__isnull=True
        )
        .first()
    )
    if current is not None:
        current.superseded_at = now
        current.save(update_fields=["superseded_at"])
    work = Work(
        application=locked,
        stage_id=stage_id,
        method_id=method_id,
        topic=topic[:500],
        text=checked.measures.text,
        format=checked.measures.format,
        size=len(checked.data) or len(text.encode("utf-8")),
        sha256=checked.sha256,
        measures=checked.measures.as_json(),
        signature=signature(checked.measures.text),
        submitted_at=now,
    )
    measured = {"words": checked.measures.words, "pages": checked.measures.pages, "topic": topic}
    facts = {
        fact: measured[key]
        for key, fact in due.work.facts.items()
        if measured.get(key) not in (None, "")
    }
    if facts:  # the measures as the regulation's facts (e.g. TP-8's essay_words ≤ 500)
        locked = application_record_facts(actor=actor, application=locked, facts=facts)
    if checked.data:
        work.file.save(f"work.{work.format}", ContentFile(checked.data), save=False)
    work.save()
    audit(
        actor=actor,
        action="work.submit",
        obj=locked,
        campaign=locked.campaign,
        changes={
            "stage": stage_id,
            "method": method_id,
            "work": work.pk,
            "format": work.format,
            "words": checked.measures.words,
            "pages": checked.measures.pages,
            "replaces": current.pk if current is not None else None,
        },
    )
    return work
