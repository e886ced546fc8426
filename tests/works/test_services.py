"""Submitting written works (KM-22, KM-23, TP-8): refused with the reasons and nothing changes;
accepted within the window; a resubmission keeps the earlier work."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rezerv.selection.models import AuditEvent
from rezerv.selection.services import ServiceError
from rezerv.works import services
from rezerv.works.models import Work
from tests.works.makedocs import make_docx, words

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(**kw: Any) -> SimpleUploadedFile:
    return SimpleUploadedFile("referat.docx", make_docx(**kw), content_type=DOCX)


def test_km22_paper_of_6_pages_in_wrong_font_refused_with_reasons_nothing_stored(
    km_works: dict[str, Any],
) -> None:
    with pytest.raises(services.WorkRefused) as refused:
        services.submit(
            actor=km_works["owner"],
            application=km_works["mine"],
            stage_id="competition",
            method_id="paper",
            upload=_docx(pages=6, font="Arial"),
        )
    assert refused.value.reasons == [
        "Страниц (без титульного листа и списка литературы): 6, требуется не менее 7.",
        "Шрифт: Arial, требуется Times New Roman.",
    ]
    assert not Work.objects.exists()
    assert not AuditEvent.objects.filter(action="work.submit").exists()


def test_km22_paper_meeting_the_limits_accepted_and_audited_resubmission_supersedes(
    km_works: dict[str, Any],
) -> None:
    first = services.submit(
        actor=km_works["owner"],
        application=km_works["mine"],
        stage_id="competition",
        method_id="paper",
        upload=_docx(pages=7),
    )
    assert first.format == "docx" and first.measures["pages"] == 7
    second = services.submit(
        actor=km_works["owner"],
        application=km_works["mine"],
        stage_id="competition",
        method_id="paper",
        upload=_docx(pages=10),
    )
    first.refresh_from_db()
    assert first.superseded_at is not None and second.superseded_at is None
    assert AuditEvent.objects.filter(action="work.submit").count() == 2


def test_km23_document_draft_typed_text_accepted(km_works: dict[str, Any]) -> None:
    work = services.submit(
        actor=km_works["owner"],
        application=km_works["mine"],
        stage_id="competition",
        method_id="document_draft",
        text=words(300),
    )
    assert work.format == "text" and work.measures["words"] == 300


def test_km22_paper_is_not_typed_text_and_a_png_is_not_a_paper(km_works: dict[str, Any]) -> None:
    with pytest.raises(services.WorkRefused, match="Формат «текст» не принимается"):
        services.submit(
            actor=km_works["owner"],
            application=km_works["mine"],
            stage_id="competition",
            method_id="paper",
            text=words(3000),
        )
    png = SimpleUploadedFile("paper.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    with pytest.raises(ServiceError, match="DOCX или PDF"):
        services.submit(
            actor=km_works["owner"],
            application=km_works["mine"],
            stage_id="competition",
            method_id="paper",
            upload=png,
        )


def test_works_refused_outside_the_window(km_works: dict[str, Any]) -> None:
    early = km_works["campaign"].events["intake_end"]
    before = dt.date.fromisoformat(early) - dt.timedelta(days=1)
    with pytest.raises(ServiceError, match="Работы принимаются с"):
        services.submit(
            actor=km_works["owner"],
            application=km_works["mine"],
            stage_id="competition",
            method_id="document_draft",
            text=words(10),
            today=before,
        )


def test_km22_type_by_content_a_docx_named_pdf_is_read_as_docx(km_works: dict[str, Any]) -> None:
    upload = SimpleUploadedFile("paper.pdf", make_docx(pages=8), content_type="application/pdf")
    work = services.submit(
        actor=km_works["owner"],
        application=km_works["mine"],
        stage_id="competition",
        method_id="paper",
        upload=upload,
    )
    assert work.format == "docx"


def test_km22_upload_over_the_size_limit_refused(km_works: dict[str, Any], settings: Any) -> None:
    settings.REZERV_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ServiceError, match="больше допустимых"):
        services.submit(
            actor=km_works["owner"],
            application=km_works["mine"],
            stage_id="competition",
            method_id="paper",
            upload=_docx(pages=8),
        )
    assert not Work.objects.exists()
