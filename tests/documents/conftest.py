"""Decided KM competitions (vacancy and reserve), built once per module and rolled back."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from tests.documents.helpers import rolled_back
from tests.documents.world import km_documents_world


@pytest.fixture(scope="module")
def worlds(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[dict[str, Any]]:
    with rolled_back(django_db_blocker, tmp_path_factory.mktemp("media")):
        today = timezone.localdate()
        yield {
            "vacancy": km_documents_world(today),
            "reserve": km_documents_world(today, kind="reserve", suffix="_r"),
        }


@pytest.fixture
def world(worlds: dict[str, Any]) -> dict[str, Any]:
    return worlds["vacancy"]


class Docx:
    """What a person sees in a DOCX: paragraphs, table rows (cell texts), the footer's XML."""

    def __init__(self, data: bytes) -> None:
        assert data[:2] == b"PK"
        self.document = Document(io.BytesIO(data))
        self.paragraphs = [p.text for p in self.document.paragraphs if p.text.strip()]
        self.rows = [
            [cell.text for cell in row.cells]
            for table in self.document.tables
            for row in table.rows
        ]
        self.footer_xml = self.document.sections[0].footer._element.xml
        self.footer = self.document.sections[0].footer.paragraphs[0].text
        # the file's language (its core property), issue 15
        self.language = self.document.core_properties.language

    def language_of(self, text: str) -> str:
        """The language a reader hears ``text`` in: its first run's own, else Normal's."""
        from docx.oxml.ns import qn

        body = self.document.element.body
        paragraph = next(p for p in body.iter(qn("w:p")) if text in "".join(p.itertext()))
        run = next(paragraph.iter(qn("w:r")))
        for rpr in (run.rPr, self.document.styles["Normal"].element.rPr):
            lang = rpr.find(qn("w:lang")) if rpr is not None else None
            if lang is not None:
                return str(lang.get(qn("w:val")))
        return ""

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs + [" | ".join(r) for r in self.rows])

    def row(self, first: str) -> list[str]:
        """The first table row whose first cell is ``first``."""
        return next(r for r in self.rows if r[0] == first)

    def rows_after(self, heading: str, count: int) -> list[list[str]]:
        start = next(i for i, r in enumerate(self.rows) if r[0] == heading)
        return self.rows[start + 1 : start + 1 + count]


class Pdf:
    def __init__(self, data: bytes) -> None:
        assert data[:5] == b"%PDF-"
        reader = PdfReader(io.BytesIO(data))
        self.pages = [page.extract_text() for page in reader.pages]
        self.text = "\n".join(self.pages)
        # the same text with line breaks as spaces: a long phrase may wrap
        self.flat = " ".join(self.text.split())
        # the document's language (the catalog's /Lang), issue 15
        self.language = str(reader.trailer["/Root"].get("/Lang", ""))


@pytest.fixture
def docx() -> type[Docx]:
    return Docx


@pytest.fixture
def pdf() -> type[Pdf]:
    return Pdf
