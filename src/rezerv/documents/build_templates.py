"""Build the bundled DOCX templates (``docx/<code>.docx``) with python-docx.

Run ``.venv/bin/python -m rezerv.documents.build_templates`` after changing a layout here; the
files are committed.  Each template is a Word document with docxtpl tags: ``{{ value }}`` in the
text, ``{%tr for … %}`` / ``{%tr endfor %}`` rows repeating a table row, ``{%p … %}`` paragraphs
repeating or hiding what lies between them.  The context of every form is described in
``docs/documents.md``; an organisation's own template may start from one of these files.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

OUT = Path(__file__).resolve().parent / "docx"
FONT = "Times New Roman"


# --------------------------------------------------------------------------- building blocks


def new_document(title: str) -> object:
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
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.space_before = Pt(0)
    props = doc.core_properties
    props.title = title
    props.author = "rezerv"
    props.comments = "{{ campaign.title }}"
    _footer(section)
    return doc


def _field(paragraph: Paragraph, instr: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word computes it when it lays the document out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _footer(section: object) -> None:
    footer = section.footer  # type: ignore[attr-defined]
    p = footer.paragraphs[0]
    p.paragraph_format.tab_stops.add_tab_stop(Mm(165), WD_TAB_ALIGNMENT.RIGHT)
    run = p.add_run("{{ footer }}\tСтраница ")
    run.font.size = Pt(9)
    _field(p, "PAGE")
    run = p.add_run(" из ")
    run.font.size = Pt(9)
    _field(p, "NUMPAGES")


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
    p = doc.add_paragraph()  # type: ignore[attr-defined]
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


def _cell(cell: object, text: str, *, align: str = "left", size: float = 11) -> None:
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
    table = doc.add_table(rows=0, cols=len(headers))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.add_row()
    for i, text in enumerate(headers):
        _cell(head.cells[i], text, align="center", size=10)
    _mark_header(head)
    table.add_row().cells[0].text = f"{{%tr for {loop} %}}"
    row = table.add_row()
    for i, text in enumerate(cells):
        _cell(row.cells[i], text, align="center" if i in centered else "left")
    if empty:
        table.add_row().cells[0].text = "{%tr else %}"
        merged = table.add_row()
        cell = merged.cells[0].merge(merged.cells[-1])
        _cell(cell, empty)
    table.add_row().cells[0].text = "{%tr endfor %}"
    for fixed in extra_rows or []:
        row = table.add_row()
        for i, text in enumerate(fixed):
            _cell(row.cells[i], text, align="center" if i in centered else "left")
    _widths(table, widths)
    return table


def _widths(table: Table, widths: Iterable[float]) -> None:
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


def _mark_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def _no_borders(table: Table) -> None:
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


def _underline(cell: object) -> None:
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
    _no_borders(table)
    table.add_row().cells[0].text = f"{{%tr for {loop} %}}"
    row = table.add_row()
    _cell(row.cells[0], "{{ s.title }}")
    _cell(row.cells[1], "")
    _underline(row.cells[1])
    _cell(row.cells[2], "{{ s.name }}")
    caption = table.add_row()
    _cell(caption.cells[1], "(подпись)", align="center", size=8)
    _cell(caption.cells[2], "(фамилия, имя, отчество)", align="center", size=8)
    table.add_row().cells[0].text = "{%tr endfor %}"
    _widths(table, (70, 35, 60))


def letter_signature(doc: object) -> None:
    para(doc, "", space_before=24)
    table = doc.add_table(rows=2, cols=3)  # type: ignore[attr-defined]
    _no_borders(table)
    _cell(table.rows[0].cells[0], "Уполномоченное должностное лицо")
    _underline(table.rows[0].cells[1])
    _underline(table.rows[0].cells[2])
    _cell(table.rows[1].cells[1], "(подпись)", align="center", size=8)
    _cell(table.rows[1].cells[2], "(фамилия, инициалы)", align="center", size=8)
    _widths(table, (70, 35, 60))


def letter_head(doc: object) -> None:
    para(doc, "{{ body.name }}", align="center", bold=True)
    para(doc, "{{ document.date }}")
    p = para(doc, "{{ addressee.dative }}", space_before=6)
    p.paragraph_format.left_indent = Mm(90)
    para(doc, "{{ document.title }}", align="center", bold=True, size=14, space_before=18)
    para(doc, "{{ salutation }}", align="center", space_before=8)


# --------------------------------------------------------------------------- KM forms


def km_ballot() -> object:
    doc = new_document("Конкурсный бюллетень")
    para(doc, "Приложение № 4 к методике", align="right", size=10)
    para(doc, "{{ body.name }}", align="center", bold=True)
    para(doc, "Конкурсный бюллетень", align="center", bold=True, size=14, space_before=6)
    para(doc, "{{ meeting.date }}", align="center", space_before=6)
    hint(doc, "(дата проведения конкурса)")
    para(
        doc,
        "{% if campaign.reserve %}{{ campaign.group or campaign.position }}"
        "{% else %}{{ campaign.position_full or campaign.title }}{% endif %}",
        align="center",
        space_before=6,
    )
    hint(
        doc,
        "(полное наименование должности, на замещение которой проводится конкурс, или "
        "наименование группы должностей, по которой проводится конкурс на включение в кадровый "
        "резерв)",
    )
    para(
        doc,
        "Балл, присвоенный членом конкурсной комиссии кандидату по результатам "
        "индивидуального собеседования",
        align="center",
        space_before=8,
    )
    hint(doc, "(Справочно: максимальный балл составляет {{ max_score }} {{ max_word }})")
    grid(
        doc,
        [
            "№",
            "Фамилия, имя, отчество кандидата",
            "Балл",
            "Краткая мотивировка выставленного балла (при необходимости)",
        ],
        "c in candidates",
        ["{{ c.n }}", "{{ c.name.nominative }}", "{{ c.points }}", "{{ c.reason }}"],
        widths=(10, 65, 20, 70),
        centered=(0, 2),
    )
    para(doc, "", space_before=18)
    table = doc.add_table(rows=2, cols=3)  # type: ignore[attr-defined]
    _no_borders(table)
    _cell(
        table.rows[0].cells[0],
        "{{ member.nominative }}{% if member.post %}, {{ member.post }}{% endif %}",
    )
    _underline(table.rows[0].cells[0])
    _underline(table.rows[0].cells[2])
    _cell(
        table.rows[1].cells[0],
        "(фамилия, имя, отчество члена конкурсной комиссии)",
        align="center",
        size=8,
    )
    _cell(table.rows[1].cells[2], "(подпись)", align="center", size=8)
    _widths(table, (110, 15, 40))
    return doc


def _km_decision_items(doc: object, *, reserve: bool) -> None:
    para(
        doc,
        "1. Присутствовало на заседании {{ attendance.present }} из {{ attendance.members }} "
        "членов конкурсной комиссии{% if attendance.quorum %} (кворум — {{ attendance.quorum }}; "
        "заседание {% if attendance.valid %}правомочно{% else %}неправомочно{% endif %})"
        "{% endif %}.",
        space_before=8,
    )
    grid(
        doc,
        [
            "Фамилия, имя, отчество члена конкурсной комиссии, присутствовавшего на заседании "
            "конкурсной комиссии",
            "Должность",
        ],
        "m in present_members",
        ["{{ m.name }}", "{{ m.post }}"],
        widths=(90, 75),
    )
    tag(doc, "{%p if chair %}")
    para(
        doc,
        "Заседание проведено под председательством {{ chair.genitive }}.",
        indent=True,
        space_before=4,
    )
    tag(doc, "{%p endif %}")
    if reserve:
        para(
            doc,
            "2. Проведен конкурс на включение в кадровый резерв государственного органа по "
            "следующей группе должностей государственной гражданской службы: "
            "{{ campaign.group or campaign.position }}.",
            space_before=8,
        )
    else:
        para(
            doc,
            "2. Проведен конкурс на замещение вакантной должности государственной гражданской "
            "службы: {{ campaign.position_full or campaign.title }}.",
            space_before=8,
        )
    para(
        doc,
        "3. Результаты рейтинговой оценки кандидатов{% if max_score %} (максимальный балл — "
        "{{ max_score }}){% endif %}",
        space_before=8,
    )
    grid(
        doc,
        [
            "Фамилия, имя, отчество кандидата",
            "Итоговый балл",
            "Место в рейтинге (в порядке убывания)",
        ],
        "r in rating",
        ["{{ r.name.nominative }}", "{{ r.score }}", "{{ r.place }}"],
        widths=(95, 35, 35),
        centered=(1, 2),
    )
    if reserve:
        para(
            doc,
            "4. Результаты голосования по определению кандидата (кандидатов) для включения в "
            "кадровый резерв (по кандидатам, получившим по итогам оценки не менее 50 процентов "
            "максимального балла)",
            space_before=8,
        )
    else:
        para(
            doc,
            "4. Результаты голосования по определению победителя конкурса (по всем кандидатам)",
            space_before=8,
        )
    tag(doc, "{%p for v in votes %}")
    para(
        doc,
        "{{ v.name.nominative }} — {{ v.place }} место в рейтинге"
        "{% if v.question %}; вопрос: {{ v.question }}{% endif %}",
        bold=True,
        space_before=6,
    )
    tag(doc, "{%p if v.held %}")
    grid(
        doc,
        ["Фамилия, имя, отчество члена конкурсной комиссии", "«за»", "«против»", "«воздержался»"],
        "row in v.rows",
        [
            "{{ row.name }}{% if row.note %} ({{ row.note }}){% endif %}",
            "{{ row.yes }}",
            "{{ row.no }}",
            "{{ row.abstain }}",
        ],
        widths=(81, 26, 26, 32),
        centered=(1, 2, 3),
        extra_rows=[["Итого", "{{ v.totals.yes }}", "{{ v.totals.no }}", "{{ v.totals.abstain }}"]],
    )
    para(doc, "{{ v.outcome_text }}.", indent=True, space_before=4)
    tag(doc, "{%p else %}")
    para(doc, "Голосование по кандидату не проводилось.", indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def km_decision() -> object:
    doc = new_document("Решение конкурсной комиссии")
    para(doc, "Приложение № 5 к методике", align="right", size=10)
    para(doc, "{{ body.name }}", align="center", bold=True)
    para(doc, "РЕШЕНИЕ", align="center", bold=True, size=14, space_before=6)
    para(
        doc,
        "конкурсной комиссии по итогам конкурса на замещение вакантной должности "
        "государственной гражданской службы",
        align="center",
    )
    para(doc, "{{ meeting.date }}", align="center", space_before=6)
    hint(
        doc,
        "(дата проведения конкурса){% if meeting.place %}; место: {{ meeting.place }}{% endif %}",
    )
    _km_decision_items(doc, reserve=False)
    para(
        doc,
        "5. По результатам голосования конкурсная комиссия признает победителем конкурса "
        "следующего кандидата",
        space_before=8,
    )
    grid(
        doc,
        [
            "Фамилия, имя, отчество кандидата, признанного победителем",
            "Вакантная должность государственной гражданской службы",
        ],
        "w in winners",
        ["{{ w.name.nominative }}", "{{ w.position }}"],
        widths=(85, 80),
        empty="Победитель конкурса не определён.",
    )
    tag(doc, "{%p for w in winners %}")
    para(
        doc,
        "Признать победителем конкурса {{ w.name.accusative }} (итоговый балл {{ w.score }}).",
        indent=True,
    )
    tag(doc, "{%p endfor %}")
    para(
        doc,
        "6. По результатам голосования конкурсная комиссия рекомендует к включению в кадровый "
        "резерв государственного органа следующих кандидатов",
        space_before=8,
    )
    grid(
        doc,
        [
            "Фамилия, имя, отчество кандидата, рекомендованного к включению в кадровый резерв "
            "государственного органа",
            "Группа должностей государственной гражданской службы",
        ],
        "r in recommended",
        ["{{ r.name.nominative }}", "{{ r.group }}"],
        widths=(85, 80),
        empty="Кандидаты не рекомендованы.",
    )
    tag(doc, "{%p for r in recommended %}")
    para(doc, "Рекомендовать {{ r.name.accusative }} к включению в кадровый резерв.", indent=True)
    tag(doc, "{%p endfor %}")
    _absent(doc, 7)
    signatures(doc)
    return doc


def _absent(doc: object, number: int) -> None:
    para(
        doc,
        f"{number}. В заседании конкурсной комиссии не участвовали следующие члены комиссии: "
        "{% for m in absent_members %}{{ m.name }}{% if not loop.last %}, {% endif %}"
        "{% else %}отсутствовавших нет{% endfor %}.",
        space_before=8,
    )


def km_reserve_protocol() -> object:
    doc = new_document("Протокол заседания конкурсной комиссии")
    para(doc, "Приложение № 6 к методике", align="right", size=10)
    para(doc, "{{ body.name }}", align="center", bold=True)
    para(doc, "ПРОТОКОЛ", align="center", bold=True, size=14, space_before=6)
    para(
        doc,
        "заседания конкурсной комиссии по результатам конкурса на включение в кадровый резерв",
        align="center",
    )
    para(doc, "{{ meeting.date }}", align="center", space_before=6)
    hint(
        doc,
        "(дата проведения конкурса){% if meeting.place %}; место: {{ meeting.place }}{% endif %}",
    )
    _km_decision_items(doc, reserve=True)
    para(
        doc,
        "5. По результатам голосования конкурсная комиссия определяет следующего кандидата "
        "(кандидатов) для включения в кадровый резерв",
        space_before=8,
    )
    grid(
        doc,
        [
            "Фамилия, имя, отчество кандидата",
            "Группа должностей государственной гражданской службы",
        ],
        "r in recommended",
        ["{{ r.name.nominative }}", "{{ r.group }}"],
        widths=(85, 80),
        empty="Кандидаты для включения в кадровый резерв не определены.",
    )
    tag(doc, "{%p for r in recommended %}")
    para(
        doc,
        "Включить в кадровый резерв {{ r.name.accusative }} (итоговый балл {{ r.score }}).",
        indent=True,
    )
    tag(doc, "{%p endfor %}")
    _absent(doc, 6)
    signatures(doc)
    return doc


def km_refusal() -> object:
    doc = new_document("Уведомление об отказе в допуске к участию в конкурсе")
    letter_head(doc)
    para(
        doc,
        "Сообщаем, что по результатам рассмотрения документов, представленных Вами "
        "{{ application.submitted }} для участия в конкурсе «{{ campaign.title }}»"
        "{% if campaign.position %} (должность: {{ campaign.position_full }}){% endif %}, Вам "
        "отказано в допуске к участию в конкурсе{% if decided %} (решение от {{ decided }})"
        "{% endif %} по следующим основаниям:",
        indent=True,
        align="justify",
    )
    tag(doc, "{%p for reason in reasons %}")
    para(doc, "{{ loop.index }}. {{ reason }}", indent=True, align="justify")
    tag(doc, "{%p else %}")
    para(doc, "Основания указаны в решении о допуске.", indent=True)
    tag(doc, "{%p endfor %}")
    para(
        doc,
        "Решение может быть обжаловано в соответствии с законодательством Российской Федерации. "
        "Представленные документы могут быть возвращены Вам по письменному заявлению в течение "
        "трёх лет со дня завершения конкурса.",
        indent=True,
        align="justify",
    )
    letter_signature(doc)
    return doc


def km_invitation() -> object:
    doc = new_document("Сообщение о проведении второго этапа конкурса")
    letter_head(doc)
    para(
        doc,
        "Сообщаем, что Вы допущены к участию во втором этапе конкурса «{{ campaign.title }}»"
        "{% if campaign.position %} (должность: {{ campaign.position_full }}){% endif %}.",
        indent=True,
        align="justify",
    )
    para(
        doc,
        "Второй этап конкурса состоится {{ meeting.date }}"
        "{% if meeting.place %}, место проведения: {{ meeting.place }}.{% endif %}",
        indent=True,
        align="justify",
    )
    para(doc, "Список кандидатов, допущенных к участию во втором этапе конкурса:", indent=True)
    tag(doc, "{%p for c in candidates %}")
    para(doc, "{{ c.n }}. {{ c.name.nominative }}", indent=True)
    tag(doc, "{%p endfor %}")
    para(
        doc,
        "При себе необходимо иметь паспорт. Расходы, связанные с участием в конкурсе, "
        "осуществляются кандидатами за счёт собственных средств.",
        indent=True,
        align="justify",
    )
    letter_signature(doc)
    return doc


def km_results_notice() -> object:
    doc = new_document("Сообщение о результатах конкурса")
    letter_head(doc)
    para(
        doc,
        "Сообщаем о результатах конкурса «{{ campaign.title }}», проведённого {{ result.date }}",
        indent=True,
        align="justify",
    )
    tag(doc, "{%p for sentence in result.sentences %}")
    para(doc, "{{ sentence }}", indent=True, align="justify")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if result.rated %}")
    para(
        doc,
        "Ваш итоговый балл — {{ result.score }}{% if result.max %} (максимальный балл — "
        "{{ result.max }}){% endif %}, место в рейтинге кандидатов — {{ result.place }}.",
        indent=True,
        align="justify",
    )
    tag(doc, "{%p endif %}")
    para(
        doc,
        "Благодарим Вас за участие в конкурсе. Решение конкурсной комиссии может быть обжаловано "
        "в соответствии с законодательством Российской Федерации.",
        indent=True,
        align="justify",
    )
    letter_signature(doc)
    return doc


BUILDERS: dict[str, Callable[[], object]] = {
    "km_ballot": km_ballot,
    "km_decision": km_decision,
    "km_reserve_protocol": km_reserve_protocol,
    "km_refusal": km_refusal,
    "km_invitation": km_invitation,
    "km_results_notice": km_results_notice,
}


def build(codes: Iterable[str] | None = None, out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for code in codes or BUILDERS:
        path = out / f"{code}.docx"
        BUILDERS[code]().save(str(path))  # type: ignore[attr-defined]
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    for path in build(argv or None):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
