"""Readable PDFs (issue 15; ГОСТ Р 52872-2019): every form of every procedure comes out as a
tagged PDF/UA-1 document that says its language and carries its title."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from rezerv.documents import registry, rendering

FAMILIES = sorted({spec.family for spec in registry.FORMS.values()})
LANGUAGES = {"ru", "kk", "en"}


class Blank(dict[str, Any]):
    """A context in which every value a template looks up is there and empty: the layout, its
    language and its title are what is read here, not the data."""

    def __missing__(self, key: str) -> Blank:
        return Blank()

    def __str__(self) -> str:
        return ""


def context_of(spec: registry.FormSpec) -> Blank:
    context = Blank(document={"title": spec.title, "date": "1 февраля 2027 г."})
    context.update(footer=spec.title, campaign=Blank(), body=Blank())  # what every form reads
    return context


def accessible_problems(pdf: bytes, title: str) -> list[str]:
    """What a screen reader would miss: the language, the title, the tags, PDF/UA's mark."""
    reader = PdfReader(io.BytesIO(pdf))
    root: Any = reader.trailer["/Root"]
    problems = []
    if str(root.get("/Lang") or "") not in LANGUAGES:
        problems.append(f"language {root.get('/Lang')!r}")
    if reader.metadata is None or title not in (reader.metadata.title or ""):
        problems.append(f"title {reader.metadata.title if reader.metadata else None!r}")
    if "/StructTreeRoot" not in root or not root.get("/MarkInfo", {}).get("/Marked"):
        problems.append("not tagged")
    if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle"):
        problems.append("the viewer shows the file name, not the title")
    metadata = root.get("/Metadata")
    if metadata is None or b"pdfuaid" not in metadata.get_object().get_data():
        problems.append("no PDF/UA identification")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("family", FAMILIES)
def test_every_form_pdf_is_tagged_with_language_and_title(family: str) -> None:
    """Each procedure's forms (KM, AK, TP, BR, PK, and the generic ones of uploaded
    regulations), rendered from their bundled layouts as PDF/UA-1."""
    found = {}
    specs = [spec for spec in registry.FORMS.values() if spec.family == family]
    assert specs
    for spec in specs:
        html = rendering.render_html(spec.code, context_of(spec), None)
        pdf = rendering.html_to_pdf(html)
        if problems := accessible_problems(pdf, spec.title):
            found[spec.code] = problems
    assert found == {}


def test_each_page_file_is_tagged_with_language_and_title() -> None:
    """The one-PDF-per-page files (a cycle's certificates in a ZIP) are PDF/UA-1 each."""
    html = (
        '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Сертификаты</title>'
        '</head><body><h1>Первый</h1><p style="break-after: page">Текст</p><h1>Второй</h1>'
        "</body></html>"
    )
    pages = rendering.html_to_page_pdfs(html)
    assert len(pages) == 2
    assert [accessible_problems(page, "Сертификаты") for page in pages] == [[], []]


def test_the_check_finds_an_untagged_pdf_without_language() -> None:
    from weasyprint import HTML

    pdf = HTML(string="<p>Без языка и заголовка</p>").write_pdf()
    assert accessible_problems(pdf, "Заголовок") == [
        "language None",
        "title None",
        "not tagged",
        "the viewer shows the file name, not the title",
        "no PDF/UA identification",
    ]
