"""Written works made in the tests: DOCX with python-docx, PDF with pypdf (no binary fixtures)."""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_BREAK
from docx.shared import Mm, Pt

WORDS = [
    "государственная",
    "служба",
    "требует",
    "ответственности",
    "открытости",
    "и",
    "постоянного",
    "развития",
    "каждого",
    "служащего",
    "который",
    "работает",
    "для",
    "граждан",
    "своей",
    "страны",
    "и",
    "региона",
]


def words(n: int, offset: int = 0) -> str:
    return " ".join(WORDS[(i + offset) % len(WORDS)] for i in range(n))


def make_docx(
    *,
    pages: int = 8,
    words_per_page: int = 200,
    font: str = "Times New Roman",
    size: float = 14,
    spacing: float = 1.0,
    title: bool = True,
    references: bool = True,
    author: str = "Иванов Иван Иванович",
    company: str = "",
) -> bytes:
    """A paper of ``pages`` body pages, each ended by an explicit page break."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    normal.paragraph_format.line_spacing = spacing
    normal.paragraph_format.space_after = Pt(0)
    props = document.core_properties
    props.author = author
    props.last_modified_by = author
    if title:
        document.add_paragraph("Реферат на тему: государственная служба")
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for page in range(pages):
        document.add_paragraph(words(words_per_page, page))
        if page < pages - 1 or references:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if references:
        document.add_paragraph("Список использованной литературы")
        document.add_paragraph("1. Конституция Российской Федерации.")
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    if company:
        data = _with_company(data, company)
    return data


def _with_company(data: bytes, company: str) -> bytes:
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "docProps/app.xml":
                body = body.replace(
                    b"</Properties>", f"<Company>{company}</Company></Properties>".encode()
                )
            dst.writestr(item, body)
    return out.getvalue()
