"""DOCX layouts of the TP forms (see ``rezerv.documents.tp`` for their contexts)."""

from __future__ import annotations

from collections.abc import Callable

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt

from rezerv.documents.layouts.blocks import (
    cell_text,
    grid,
    hint,
    mark_language,
    new_document,
    no_borders,
    para,
    part_start,
    set_widths,
    tag,
    underline,
)

SEED_TAIL = (
    "к Методическим рекомендациям по поиску и формированию пула талантов в государственный сектор"
)
LINE = "_" * 76  # a full line to write on by hand (165 mm of 12 pt Times New Roman)


def appendix(n: int) -> str:
    """The seed's appendix heading («Приложение 5 к Методическим рекомендациям …»)."""
    return f"Приложение {n} {SEED_TAIL}"


def _appendix(doc: object, n: int) -> None:
    p = para(doc, appendix(n), align="right", size=10)
    p.paragraph_format.left_indent = Mm(95)


def _lines(doc: object, count: int) -> None:
    for _ in range(count):
        para(doc, LINE)


def _page_break(doc: object) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # type: ignore[attr-defined]


def _sign_row(doc: object, left: str, right: str, left_caption: str, right_caption: str) -> None:
    """Two underlined fields side by side with captions (signature and full name)."""
    table = doc.add_table(rows=2, cols=3)  # type: ignore[attr-defined]
    no_borders(table)
    cell_text(table.rows[0].cells[0], left, align="center")
    underline(table.rows[0].cells[0])
    cell_text(table.rows[0].cells[2], right, align="center")
    underline(table.rows[0].cells[2])
    cell_text(table.rows[1].cells[0], left_caption, align="center", size=8)
    cell_text(table.rows[1].cells[2], right_caption, align="center", size=8)
    set_widths(table, (50, 20, 95))


def tp_application() -> object:
    doc = new_document("Заявление")
    _appendix(doc, 1)
    p = para(doc, "{{ body.name }}", space_before=12)
    p.paragraph_format.left_indent = Mm(90)
    para(doc, "Заявление", align="center", bold=True, size=14, space_before=18)
    para(doc, "Прошу допустить меня {{ applicant.accusative }}", indent=True, space_before=8)
    hint(doc, "(фамилия, имя, отчество (при его наличии))")
    para(
        doc,
        "к участию в отборе в пул талантов в рамках школы молодых государственных служащих.",
        align="justify",
    )
    para(
        doc,
        "Государственный орган для прохождения производственной практики: "
        "{{ internship_body or '" + LINE[:40] + "' }}",
        indent=True,
        align="justify",
        space_before=6,
    )
    para(doc, "Направление: {{ direction or '" + LINE[:50] + "' }}", indent=True, space_before=6)
    para(
        doc,
        "{% if application.consent %}Выражаю свое согласие на сбор и обработку моих "
        "персональных данных.{% else %}Согласие на сбор и обработку персональных данных: "
        "________________{% endif %}",
        indent=True,
        space_before=6,
    )
    para(doc, "Отвечаю за достоверность предоставленной информации.", indent=True)
    para(
        doc,
        "Прилагаемые документы: {% for d in documents %}{{ d }}"
        "{% if not loop.last %}; {% endif %}{% else %}" + LINE[:45] + "{% endfor %}",
        indent=True,
        space_before=6,
    )
    para(doc, "Адрес: {{ address or '" + LINE[:55] + "' }}", indent=True)
    para(doc, "Номера контактных телефонов: {{ phone or '" + LINE[:35] + "' }}", indent=True)
    para(doc, "e-mail: {{ email or '" + LINE[:55] + "' }}", indent=True)
    para(doc, "ИИН: {{ iin or '" + LINE[:55] + "' }}", indent=True)
    para(doc, "", space_before=18)
    _sign_row(
        doc,
        "",
        "{{ applicant.nominative }}",
        "(подпись)",
        "(фамилия, имя, отчество (при его наличии))",
    )
    para(doc, "{{ application.submitted }}", space_before=12)
    return doc


def tp_review() -> object:
    doc = new_document(
        "Отзыв по итогам презентации проекта и прохождения производственной практики"
    )
    _appendix(doc, 2)
    para(
        doc,
        "ОТЗЫВ ПО ИТОГАМ ПРЕЗЕНТАЦИИ ПРОЕКТА И ПРОХОЖДЕНИЯ ПРОИЗВОДСТВЕННОЙ ПРАКТИКИ",
        align="center",
        bold=True,
        space_before=12,
    )
    para(doc, "на {{ participant.accusative }}", align="center", space_before=8)
    hint(doc, "(фамилия, имя, отчество (при его наличии))")
    para(
        doc,
        "Государственный орган: {{ internship_body or '" + LINE[:50] + "' }}"
        "{% if direction %}; направление: {{ direction }}{% endif %}",
        align="center",
    )
    hint(doc, "(место прохождения производственной практики)")
    para(doc, "1. Информация о проекте", space_before=8)
    _lines(doc, 3)
    hint(doc, "(уровень реализации поставленных задач, достигнутые результаты)")
    para(
        doc,
        "2. Профессиональные и личные качества, проявленные в ходе производственной практики:",
        space_before=8,
    )
    _lines(doc, 4)
    hint(
        doc,
        "(личные качества, профессиональные компетенции и навыки, проявленные в ходе "
        "прохождения производственной практики)",
    )
    para(
        doc,
        "3. Рекомендации и предложения по улучшению деятельности и развитию компетенций:",
        space_before=8,
    )
    _lines(doc, 5)
    para(doc, "", space_before=18)
    _sign_row(
        doc,
        "",
        "",
        "Подпись руководителя государственного органа",
        "фамилия, имя, отчество (при его наличии)",
    )
    return doc


def tp_essay_sheet() -> object:
    doc = new_document("Лист оценки эссе")
    tag(doc, "{%p for s in sheets %}")
    _appendix(doc, 4)
    para(doc, "Лист оценки", align="center", bold=True, size=14, space_before=12)
    para(doc, "{{ s.participant.nominative }}", align="center", space_before=8)
    hint(doc, "(ФИО участника)")
    grid(
        doc,
        [
            "№ п/п",
            "Критерии",
            "Максимальная оценка (баллы)",
            "Оценочный балл{% if range %} ({{ range }}){% endif %}",
        ],
        "c in s.criteria",
        ["{{ c.n }}", "{{ c.title }}", "{{ c.max }}", "{{ c.points }}"],
        widths=(15, 80, 35, 35),
        centered=(0, 2, 3),
        extra_rows=[["{{ s.total_n }}", "Итоговый балл:", "{{ s.max_total }}", "{{ s.total }}"]],
    )
    tag(doc, "{%p if s.recused %}")
    para(doc, "Самоотвод (конфликт интересов): эссе участника не оценивается.", italic=True)
    tag(doc, "{%p endif %}")
    para(doc, "", space_before=12)
    _sign_row(
        doc,
        "{{ member.nominative }}{% if member.post %}, {{ member.post }}{% endif %}",
        "",
        "(фамилия, имя, отчество представителя государственного органа, должность)",
        "(подпись)",
    )
    _page_break(doc)
    tag(doc, "{%p endfor %}")
    _appendix(doc, 3)
    para(
        doc,
        "Дескрипторы для оценки эссе участников пула талантов",
        align="center",
        bold=True,
        space_before=12,
    )
    tag(doc, "{%p for d in descriptors %}")
    para(doc, "{{ d.title }}", align="center", bold=True, space_before=8)
    grid(
        doc,
        ["Балл", "Дескрипторы"],
        "l in d.levels",
        ["{{ l.points }} ({{ l.title }})", "{{ l.text }}"],
        widths=(35, 130),
        centered=(0,),
    )
    tag(doc, "{%p endfor %}")
    return doc


def _certificate_sheet(doc: object, v: str = "") -> None:
    """Appendix 5: one certificate; ``v`` prefixes the values (``c.`` inside a loop)."""
    _appendix(doc, 5)
    para(doc, "{{ body.name }}", align="center", size=11, space_before=12)
    para(doc, "СЕРТИФИКАТ", align="center", bold=True, size=26, space_before=24)
    para(doc, f"№ {{{{ {v}certificate.number }}}}", align="center", size=11)
    table = doc.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    no_borders(table)
    left, photo = table.rows[0].cells
    cell_text(left, "удостоверяет о том, что", align="center", size=12)
    p = left.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(10)
    run = p.add_run(f"{{{{ {v}holder.nominative }}}}")
    run.bold = True
    run.font.size = Pt(14)
    caption = left.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    small = caption.add_run("(фамилия, имя и отчество (при его наличии))")
    small.font.size = Pt(8)
    p = left.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(10)
    p.add_run(f"{{{{ {v}enrolled }}}} в пул талантов школы молодых государственных служащих")
    cell_text(photo, "Место для фото", align="center", size=10)
    for edge in ("top", "left", "bottom", "right"):
        _cell_border(photo, edge)
    set_widths(table, (125, 40))
    para(
        doc,
        f"Срок действия сертификата составляет {{{{ {v}certificate.validity }}}} со дня вручения.",
        align="center",
        space_before=24,
    )
    para(doc, f"Дата вручения: {{{{ {v}certificate.issued }}}}", align="center", space_before=6)
    para(doc, f"Действителен до: {{{{ {v}certificate.until }}}}", align="center")
    para(doc, f"Подпись: ______________    {{{{ {v}certificate.issued }}}}", space_before=36)
    para(doc, "М.П.", space_before=6)


def _certificate_sheet_kk(doc: object, v: str = "") -> None:
    """Appendix 5 in Kazakh, then a page break: the first part of a bilingual certificate,
    printed only when the body issues in Kazakh and Russian (``kazakh``)."""
    tag(doc, "{%p if kazakh %}")
    start = part_start(doc)
    p = para(
        doc,
        "Мемлекеттік секторға таланттар пулын іздеу және қалыптастыру жөніндегі әдістемелік "
        "ұсынымдарға 5-қосымша",
        align="right",
        size=10,
    )
    p.paragraph_format.left_indent = Mm(95)
    para(doc, "{{ body.name }}", align="center", size=11, space_before=12)
    para(doc, "СЕРТИФИКАТ", align="center", bold=True, size=26, space_before=24)
    para(doc, f"№ {{{{ {v}certificate.number }}}}", align="center", size=11)
    table = doc.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    no_borders(table)
    left, photo = table.rows[0].cells
    cell_text(left, "Осы сертификат", align="center", size=12)
    p = left.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(10)
    run = p.add_run(f"{{{{ {v}holder.nominative }}}}")
    run.bold = True
    run.font.size = Pt(14)
    caption = left.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    small = caption.add_run("(тегі, аты және әкесінің аты (бар болса))")
    small.font.size = Pt(8)
    p = left.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = Pt(10)
    p.add_run("жас мемлекеттік қызметшілер мектебінің таланттар пулына қабылданғанын куәландырады")
    cell_text(photo, "Фотосурет орны", align="center", size=10)
    for edge in ("top", "left", "bottom", "right"):
        _cell_border(photo, edge)
    set_widths(table, (125, 40))
    para(
        doc,
        "Сертификаттың қолданылу мерзімі тапсырылған күннен бастап "
        f"{{{{ {v}certificate.kk_validity }}}}.",
        align="center",
        space_before=24,
    )
    para(
        doc, f"Тапсырылған күні: {{{{ {v}certificate.kk_issued }}}}", align="center", space_before=6
    )
    para(doc, f"{{{{ {v}certificate.kk_until }}}} дейін жарамды", align="center")
    para(doc, f"Қолы: ______________    {{{{ {v}certificate.kk_issued }}}}", space_before=36)
    para(doc, "М.О.", space_before=6)
    mark_language(doc, start)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # type: ignore[attr-defined]
    tag(doc, "{%p endif %}")


def tp_certificate() -> object:
    # One sheet handed to its holder (two, Kazakh first, from a body issuing in both): no
    # footer, no page numbers.
    doc = new_document("Сертификат", page_footer=False)
    _certificate_sheet_kk(doc)
    _certificate_sheet(doc)
    return doc


def tp_certificates() -> object:
    """Every certificate of the cycle, one per page, to print them at once."""
    doc = new_document("Сертификаты участников пула талантов", page_footer=False)
    tag(doc, "{%p for c in certificates %}")
    _certificate_sheet_kk(doc, "c.")
    _certificate_sheet(doc, "c.")
    tag(doc, "{%p if not loop.last %}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # type: ignore[attr-defined]
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    return doc


def _cell_border(cell: object, edge: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    element = OxmlElement(f"w:{edge}")
    element.set(qn("w:val"), "single")
    element.set(qn("w:sz"), "4")
    borders.append(element)


BUILDERS: dict[str, Callable[[], object]] = {
    "tp_application": tp_application,
    "tp_review": tp_review,
    "tp_essay_sheet": tp_essay_sheet,
    "tp_certificate": tp_certificate,
    "tp_certificates": tp_certificates,
}
