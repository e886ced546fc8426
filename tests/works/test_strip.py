"""Anonymous works (KM-22, KM-23): the scorers' copy carries no author, modifier or company."""

from __future__ import annotations

import io
import zipfile

import docx
from pypdf import PdfReader, PdfWriter

from rezerv.works.strip import stripped
from tests.works.makedocs import make_docx


def test_km22_km23_docx_metadata_stripped_text_kept() -> None:
    original = make_docx(pages=1, author="Петров Пётр", company="ООО Ромашка")
    assert b"Petrov" not in original and "Петров".encode() in zipfile.ZipFile(
        io.BytesIO(original)
    ).read("docProps/core.xml")
    copy = stripped(original, "docx")
    archive = zipfile.ZipFile(io.BytesIO(copy))
    core = archive.read("docProps/core.xml").decode()
    app = archive.read("docProps/app.xml").decode()
    assert "Петров" not in core and "Ромашка" not in app
    props = docx.Document(io.BytesIO(copy)).core_properties
    assert props.author == "" and props.last_modified_by == ""
    assert docx.Document(io.BytesIO(copy)).paragraphs[0].text.startswith("Реферат")


def test_km22_pdf_metadata_stripped() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Author": "Петров Пётр", "/Creator": "Word"})
    original = io.BytesIO()
    writer.write(original)
    copy = stripped(original.getvalue(), "pdf")
    info = PdfReader(io.BytesIO(copy)).metadata or {}
    assert "/Author" not in info
    assert "Петров" not in str(info)
