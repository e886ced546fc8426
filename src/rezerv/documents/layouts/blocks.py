"""Building blocks of the bundled DOCX templates (python-docx + docxtpl tags).

Run ``.venv/bin/python -m rezerv.documents.build_templates`` after changing a layout here; the
files are committed.  Each template is a Word document with docxtpl tags: ``{{ value }}`` in the
text, ``{%tr for … %}`` / ``{%tr endfor %}`` rows repeating a table row, ``{%p … %}`` paragraphs
repeating or hiding what lies between them.  The context of every form is described in
``docs/documents.md``; an organisation's own template may start from one of these files.
"""

from __future__ import annotations

from collections.abc import Iterable

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"


# --------------------------------------------------------------------------- building blocks


def new_document(title: str, *, page_footer: bool = True) -> object:
    """An A4 Word document; ``page_footer``: the form's name and «Страница N из M» at the foot."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    _set_language(normal.element.rPr, RUSSIAN)  # every run's language unless marked otherwise
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.space_before = Pt(0)
    props = doc.core_properties
    props.title = title
    props.author = "rezerv"
    props.comments = "{{ campaign.title }}"
    if page_footer:
        footer(section)
    return doc


RUSSIAN, KAZAKH = "ru-RU", "kk-KZ"


def _set_language(rpr: object, language: str) -> None:
    found = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
    if found is None:
        found = OxmlElement("w:lang")
        rpr.append(found)  # type: ignore[attr-defined]
    found.set(qn("w:val"), language)


def part_start(doc: object) -> int:
    """Where the next part of the document begins (for :func:`mark_language`)."""
    return len(doc.element.body)  # type: ignore[attr-defined]


def mark_language(doc: object, start: int, language: str = KAZAKH) -> None:
    """Mark every run added since ``start`` (``part_start``) as written in ``language``: the
    Kazakh part of a bilingual form, so that a screen reader and a spelling checker read it as
    Kazakh (the rest is the Normal style's Russian)."""
    for element in list(doc.element.body)[start:]:  # type: ignore[attr-defined]
        for run in element.iter(qn("w:r")):
            _set_language(run.get_or_add_rPr(), language)


def word_field(paragraph: Paragraph, instr: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word computes it when it lays the document out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def footer(section: object) -> None:
    footer = section.footer  # type: ignore[attr-defined]
    p = footer.paragraphs[0]
    p.paragraph_format.tab_stops.add_tab_stop(Mm(165), WD_TAB_ALIGNMENT.RIGHT)
    run = p.add_run("{{ footer }}\tСтраница ")
    run.font.size = Pt(9)
    word_field(p, "PAGE")
    run = p.add_run(" из ")
    run.font.size = Pt(9)
    word_field(p, "NUMPAGES")


def para(
    doc: object,
    text: str = "",
    *,
    align: str = "left",
    bold: bool = False,
    size: float | None = None,
    italic: bool = False,
    indent: bool = False,
    space_before: float = 0,
) -> Paragraph:
    p: Paragraph = doc.add_paragraph()  # type: ignore[attr-defined]
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    if indent:
        p.paragraph_format.first_line_indent = Mm(12.5)
    if space_before:
        p.paragraph_format.space_before = Pt(space_before)
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = Pt(size)
    return p


def tag(doc: object, text: str) -> None:
    """A paragraph holding only a docxtpl ``{%p … %}`` tag (removed when rendered)."""
    doc.add_paragraph(text)  # type: ignore[attr-defined]


def hint(doc: object, text: str) -> None:
    para(doc, text, align="center", size=8.5, italic=True)


def cell_text(cell: object, text: str, *, align: str = "left", size: float = 11) -> None:
    p = cell.paragraphs[0]  # type: ignore[attr-defined]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT
    run = p.add_run(text)
    run.font.size = Pt(size)


def grid(
    doc: object,
    headers: list[str],
    loop: str,
    cells: list[str],
    *,
    widths: Iterable[float],
    centered: Iterable[int] = (),
    empty: str = "",
    extra_rows: list[list[str]] | None = None,
) -> Table:
    """A bordered table: a header row, a row repeated ``{%tr for loop %}``, optional fixed rows.

    ``empty``: the text of one merged row shown when the loop has nothing (Jinja's for-else).
    """
    centered = set(centered)
    table: Table = doc.add_table(rows=0, cols=len(headers))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.add_row()
    for i, text in enumerate(headers):
        cell_text(head.cells[i], text, align="center", size=10)
    mark_header(head)
    table.add_row().cells[0].text = f"{{%tr for {loop} %}}"
    row = table.add_row()
    for i, text in enumerate(cells):
        cell_text(row.cells[i], text, align="center" if i in centered else "left")
    if empty:
        table.add_row().cells[0].text = "{%tr else %}"
        merged = table.add_row()
        cell = merged.cells[0].merge(merged.cells[-1])
        cell_text(cell, empty)
    table.add_row().cells[0].text = "{%tr endfor %}"
    for fixed in extra_rows or []:
        row = table.add_row()
        for i, text in enumerate(fixed):
            cell_text(row.cells[i], text, align="center" if i in centered else "left")
    set_widths(table, widths)
    return table


def set_widths(table: Table, widths: Iterable[float]) -> None:
    """Fixed column widths: the grid (LibreOffice reads it) and every cell (Word reads those)."""
    table.autofit = False
    widths = list(widths)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        column = 0
        for tc in row._tr.tc_lst:  # a merged cell spans several columns
            span = tc.grid_span
            tc.width = Mm(sum(widths[column : column + span]))
            column += span


def mark_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    # CT_TblPr is a sequence: tblBorders goes before shd, tblLayout, tblCellMar and tblLook.
    later = [tbl_pr.find(qn(f"w:{tag}")) for tag in ("shd", "tblLayout", "tblCellMar", "tblLook")]
    following = [e for e in later if e is not None]
    if following:
        following[0].addprevious(borders)
    else:
        tbl_pr.append(borders)


def underline(cell: object) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "4")
    borders.append(bottom)
    tc_pr.append(borders)


def signatures(doc: object, loop: str = "s in signatures") -> None:
    """Signature blocks: role | signature line | name, with captions under each row."""
    table = doc.add_table(rows=0, cols=3)  # type: ignore[attr-defined]
    no_borders(table)
    table.add_row().cells[0].text = f"{{%tr for {loop} %}}"
    row = table.add_row()
    cell_text(row.cells[0], "{{ s.title }}")
    cell_text(row.cells[1], "")
    underline(row.cells[1])
    cell_text(row.cells[2], "{{ s.name }}")
    caption = table.add_row()
    cell_text(caption.cells[1], "(подпись)", align="center", size=8)
    cell_text(caption.cells[2], "(фамилия, имя, отчество)", align="center", size=8)
    table.add_row().cells[0].text = "{%tr endfor %}"
    set_widths(table, (70, 35, 60))


def letter_signature(doc: object) -> None:
    para(doc, "", space_before=24)
    table = doc.add_table(rows=2, cols=3)  # type: ignore[attr-defined]
    no_borders(table)
    cell_text(table.rows[0].cells[0], "Уполномоченное должностное лицо")
    underline(table.rows[0].cells[1])
    underline(table.rows[0].cells[2])
    cell_text(table.rows[1].cells[1], "(подпись)", align="center", size=8)
    cell_text(table.rows[1].cells[2], "(фамилия, инициалы)", align="center", size=8)
    set_widths(table, (70, 35, 60))


def letter_head(doc: object) -> None:
    para(doc, "{{ body.name }}", align="center", bold=True)
    para(doc, "{{ document.date }}")
    p = para(doc, "{{ addressee.dative }}", space_before=6)
    p.paragraph_format.left_indent = Mm(90)
    para(doc, "{{ document.title }}", align="center", bold=True, size=14, space_before=18)
    para(doc, "{{ salutation }}", align="center", space_before=8)
