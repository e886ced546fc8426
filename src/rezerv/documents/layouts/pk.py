"""DOCX layouts of the PK forms (see ``rezerv.documents.pk`` for their contexts).

Laid out from the appendices of the seed (shared/seeds/003_2bcfb3d4b4415c39.txt) in their order
and wording; a line of underscores is left where the form asks for what rezerv does not record.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Row

from rezerv.documents.layouts.blocks import (
    cell_text,
    hint,
    mark_header,
    new_document,
    no_borders,
    para,
    set_widths,
    signatures,
    tag,
    underline,
)

LINE = "_" * 62
SHORT = "_" * 30
REGULATION = (
    "к Положению о кадровом резерве для замещения вакантных должностей муниципальной службы "
    "в {{ body.genitive }}"
)
MUNICIPALITY = "{{ body.municipality or '" + SHORT + "' }}"


def _appendix(doc: object, label: str) -> None:
    para(doc, label, align="right", size=10)
    p = para(doc, REGULATION, align="right", size=10)
    p.paragraph_format.left_indent = Mm(85)


def _landscape(doc: object) -> None:
    section = doc.sections[0]  # type: ignore[attr-defined]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)


def _row(
    table: object, texts: list[str], *, size: float = 10, center: tuple[int, ...] = ()
) -> _Row:
    row: _Row = table.add_row()  # type: ignore[attr-defined]
    for i, text in enumerate(texts):
        cell_text(row.cells[i], text, align="center" if i in center else "left", size=size)
    return row


def _merged(table: object, text: str, *, size: float = 10, bold: bool = False) -> object:
    row = table.add_row()  # type: ignore[attr-defined]
    cell = row.cells[0].merge(row.cells[-1])
    p = cell.paragraphs[0]
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    return row


def _tag_row(table: object, text: str) -> None:
    table.add_row().cells[0].text = text  # type: ignore[attr-defined]


def _sign_line(doc: object, left: str, captions: tuple[str, str, str]) -> None:
    """A bottom line: date (or name) | name | signature, each with its caption."""
    para(doc, "", space_before=14)
    table = doc.add_table(rows=2, cols=3)  # type: ignore[attr-defined]
    no_borders(table)
    cell_text(table.rows[0].cells[0], left)
    for cell in table.rows[0].cells:
        underline(cell)
    for i, caption in enumerate(captions):
        cell_text(table.rows[1].cells[i], caption, align="center", size=8)
    set_widths(table, (60, 60, 45))


# --------------------------------------------------------------------------- appendix 1


def pk_reserve_list() -> object:
    doc = new_document("Кадровый резерв")
    _landscape(doc)
    _appendix(doc, "Приложение 1")
    for text in (
        "УТВЕРЖДАЮ",
        "Глава {{ body.genitive }}",
        "_______________ " + SHORT,
    ):
        p = para(doc, text, space_before=4 if text == "УТВЕРЖДАЮ" else 0)
        p.paragraph_format.left_indent = Mm(150)
    p = para(doc, "(подпись)            (инициалы, фамилия)", size=8, italic=True)
    p.paragraph_format.left_indent = Mm(160)
    p = para(doc, "{{ approval.date or '«__» ____________20__' }}")
    p.paragraph_format.left_indent = Mm(150)
    para(doc, "КАДРОВЫЙ РЕЗЕРВ", align="center", bold=True, size=14, space_before=10)
    para(
        doc,
        "для замещения вакантных должностей муниципальной службы",
        align="center",
        bold=True,
    )
    para(doc, "в {{ body.genitive }}", align="center", bold=True)
    widths = (45, 55, 28, 74, 28, 22)
    table = doc.add_table(rows=0, cols=6)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    head = _row(
        table,
        [
            "Наименование должности",
            "Фамилия, имя отчество",
            "Дата рождения",
            "Образование (когда, что окончил, специальность по диплому) Когда и где прошел "
            "переподготовку (повышение квалификации)",
            "Дата назначения на замещаемую должность",
            "Стаж муниципальной службы",
        ],
        size=9,
        center=(0, 1, 2, 3, 4, 5),
    )
    mark_header(head)
    _row(table, ["1", "2", "3", "4", "5", "6"], size=9, center=(0, 1, 2, 3, 4, 5))
    _tag_row(table, "{%tr for p in positions %}")
    _merged(
        table,
        "{{ p.title }}{% if p.group %} ({{ p.group }}){% endif %}",
        bold=True,
        size=11,
    )
    _row(table, ["Основной работник", "", "", "", "", ""])
    _row(table, ["Резерв:", "", "", "", "", ""])
    _tag_row(table, "{%tr for r in p.reserve %}")
    _row(
        table,
        [
            "{{ r.n }}",
            "{{ r.name.nominative }}",
            "{{ r.birth_date }}",
            "{{ r.education_full }}",
            "{{ r.appointed }}",
            "{{ r.service }}",
        ],
        center=(2, 4, 5),
    )
    _tag_row(table, "{%tr endfor %}")
    _tag_row(table, "{%tr endfor %}")
    set_widths(table, widths)
    para(
        doc,
        "Основание: решение комиссии по формированию и подготовке муниципального резерва от "
        "{{ decision.date }} (протокол). Численность кадрового резерва — {{ per_position }} "
        "претендента на каждую должность муниципальной службы (п. 2.2 Положения).",
        size=10,
        space_before=8,
    )
    return doc


# --------------------------------------------------------------------------- appendix 2


def pk_recommendation() -> object:
    doc = new_document("Рекомендация")
    _appendix(doc, "Приложение № 2")
    para(doc, "РЕКОМЕНДАЦИЯ", align="center", bold=True, size=14, space_before=10)
    para(doc, "на {{ candidate.accusative }}", align="center", space_before=6)
    hint(doc, "(фамилия, имя, отчество кандидата для включения в резерв)")
    para(doc, "Я, " + LINE, space_before=6)
    para(doc, LINE)
    hint(
        doc,
        "(фамилия, имя, отчество, должность лица, дающего рекомендацию на кандидата на "
        "включение в резерв)",
    )
    para(
        doc,
        "рекомендую для включения в муниципальный резерв управленческих кадров Администрации "
        + MUNICIPALITY,
        align="justify",
        space_before=4,
    )
    hint(doc, "(наименование муниципального образования)")
    para(doc, "{{ candidate.accusative }}", align="center")
    hint(doc, "(фамилия, имя, отчество кандидата для включения в резерв)")
    para(doc, "Знаю {{ candidate.initials.accusative }} с " + SHORT, space_before=4)
    hint(doc, "(фамилия, и.о. кандидата)                    (период времени)")
    para(doc, "по совместной работе в " + LINE[:45])
    hint(doc, "(наименование организации)")
    for _ in range(3):
        para(doc, LINE + "_" * 8)
    hint(
        doc,
        "(сведения о профессиональных достижениях кандидата с указанием фактов, конкретных "
        "показателей и достигнутых им результатов профессиональной деятельности)",
    )
    para(
        doc,
        "Считаю кандидатуру {{ candidate.initials.genitive }} достойной для включения в "
        "муниципальный резерв управленческих кадров Администрации " + MUNICIPALITY,
        align="justify",
        space_before=4,
    )
    hint(doc, "(наименование муниципального образования)")
    _sign_line(
        doc, "«____» _____________20___г.", ("(дата)", "(фамилия, имя, отчество)", "(подпись)")
    )
    return doc


# --------------------------------------------------------------------------- appendix 3


def pk_application() -> object:
    doc = new_document("Заявление")
    _appendix(doc, "Приложение № 3")
    for text, size in (
        (
            "Председателю комиссии по формированию и подготовке муниципального резерва "
            "управленческих кадров Администрации " + MUNICIPALITY,
            12,
        ),
        ("(наименование муниципального образования)", 8.5),
        ("{{ candidate.genitive }}", 12),
        ("(Ф.И.О. кандидата)", 8.5),
        ("{{ words.residing_genitive }} по адресу: {{ person.address or '" + SHORT + "' }},", 12),
        ("тел.: {{ person.phone or '" + SHORT + "' }}", 12),
    ):
        p = para(doc, text, size=size if size != 12 else None, italic=size != 12)
        p.paragraph_format.left_indent = Mm(85)
    para(doc, "заявление", align="center", bold=True, size=14, space_before=12)
    para(
        doc,
        "Прошу рассмотреть мою кандидатуру на включение в муниципальный резерв управленческих "
        "кадров Администрации " + MUNICIPALITY,
        indent=True,
        align="justify",
        space_before=6,
    )
    hint(doc, "(наименование муниципального образования)")
    para(doc, "на должность {{ application.position or '" + LINE[:45] + "' }}")
    hint(doc, "(наименование должности)")
    para(
        doc,
        "С порядком формирования и подготовки муниципального резерва управленческих кадров "
        "{{ words.acquainted }}.",
        indent=True,
        align="justify",
        space_before=6,
    )
    para(doc, "Приложения:", indent=True, space_before=6)
    tag(doc, "{%p for e in enclosures %}")
    para(doc, "{{ e.n }}. {{ e.title }} на ___ л. в 1 экз.{{ e.mark }}", indent=True)
    tag(doc, "{%p endfor %}")
    _sign_line(doc, "{{ application.submitted }}", ("(дата)", "", "(подпись)"))
    return doc


# --------------------------------------------------------------------------- appendix 4


def _multiline(cell: object, lines: list[str], size: float = 10) -> None:
    first = True
    for line in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()  # type: ignore[attr-defined]
        run = p.add_run(line)
        run.font.size = Pt(size)
        first = False


def pk_questionnaire() -> object:
    doc = new_document("Анкета")
    _appendix(doc, "Приложение № 4")
    para(doc, "АНКЕТА", align="center", bold=True, size=14, space_before=8)
    para(
        doc,
        "кандидата на включение в муниципальный резерв управленческих кадров",
        align="center",
        bold=True,
    )
    para(doc, "{{ candidate.nominative }}", align="center", space_before=6)
    hint(doc, "(фамилия, имя, отчество)")
    photo = doc.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    no_borders(photo)
    cell_text(photo.rows[0].cells[1], "Место для фотографии", align="center", size=10)
    set_widths(photo, (130, 35))
    photo.rows[0].height = Mm(40)
    box = photo.rows[0].cells[1]._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        borders.append(element)
    box.append(borders)

    para(doc, "1. Общие сведения", bold=True, space_before=6)
    table = doc.add_table(rows=0, cols=2)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    row = table.add_row()
    _multiline(row.cells[0], ["Дата и место рождения:", "{{ person.birth_date }}, " + SHORT])
    _multiline(
        row.cells[1],
        [
            "Контакты:",
            "домашний телефон " + SHORT[:15],
            "рабочий телефон " + SHORT[:15],
            "мобильный телефон {{ person.phone }}",
            "E-mail {{ person.email }}",
        ],
    )
    _row(table, ["Адрес проживания:", "{{ person.address }}"])
    _row(table, ["Индекс:", "Область, район, населенный пункт:"])
    _row(table, ["Улица, дом, квартира:", ""])
    set_widths(table, (80, 85))

    para(doc, "2. Профессиональное образование:", bold=True, space_before=6)
    hint(
        doc,
        "(указываются сведения о базовом высшем образовании и других полученных высших образованиях)",
    )
    table = doc.add_table(rows=0, cols=4)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    mark_header(
        _row(
            table,
            [
                "Дата поступления",
                "Дата окончания",
                "Полное наименование учебного заведения, факультет, отделение (очное, заочное)",
                "Специальность, квалификация, № диплома, дата выдачи",
            ],
            size=9,
            center=(0, 1, 2, 3),
        )
    )
    _tag_row(table, "{%tr for e in education %}")
    _row(
        table,
        ["{{ e.start }}", "{{ e.end }}", "{{ e.institution }}", "{{ e.specialty }}"],
        center=(0, 1),
    )
    _merged(table, "Тема дипломного проекта:")
    _tag_row(table, "{%tr endfor %}")
    set_widths(table, (25, 25, 65, 50))

    para(doc, "3. Дополнительное образование", bold=True, space_before=6)
    hint(
        doc,
        "(профессиональная переподготовка, повышение квалификации, специализированные школы, "
        "аспирантура, докторантура, стажировки, курсы, семинары, тренинги)",
    )
    table = doc.add_table(rows=0, cols=4)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    mark_header(
        _row(
            table,
            [
                "Дата начала обучения",
                "Дата окончания обучения",
                "Полное название (профессиональная переподготовка, повышение квалификации, "
                "аспирантура, семинары, тренинги), место проведения (название организации, город)",
                "Специальность, квалификация, № свидетельства, дата выдачи",
            ],
            size=9,
            center=(0, 1, 2, 3),
        )
    )
    _row(table, ["", "", "{{ retraining }}", ""])
    _row(table, ["", "", "", ""])
    set_widths(table, (25, 25, 65, 50))

    para(doc, "4. Профессиональная деятельность в настоящее время", bold=True, space_before=6)
    table = doc.add_table(rows=0, cols=3)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    _row(
        table,
        [
            "Название организации или направление деятельности (для физических лиц), место "
            "нахождения",
            "Наименование должности, с какого времени в этой должности",
            "Количество подчиненных",
        ],
        size=9,
        center=(0, 1, 2),
    )
    _row(table, ["{{ current.organisation }}", "{{ current.post }}", ""])
    for text in (
        "Основное направление Вашей работы:",
        "Ваши основные профессиональные достижения (в том числе наличие успешно реализованных "
        "проектов, опыт организации чего-либо «с нуля»):",
        "Ваши сильные стороны как профессионала:",
    ):
        _merged(table, text)
    set_widths(table, (75, 60, 30))

    para(
        doc,
        "5. Выполняемая работа с начала трудовой деятельности (включая учебу в высших и средних "
        "специальных учебных заведениях, военную службу, работу по совместительству, "
        "предпринимательскую деятельность и т.п.).",
        bold=True,
        align="justify",
        space_before=6,
    )
    para(
        doc,
        "Примечание. При заполнении данного раздела необходимо именовать организации так, как они "
        "назывались в свое время, военную службу записывать с указанием должности и номера "
        "воинской части.",
        size=10,
        align="justify",
    )
    table = doc.add_table(rows=0, cols=4)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    head = table.add_row()
    merged = head.cells[0].merge(head.cells[1])
    cell_text(merged, "Месяц и год", align="center", size=9)
    cell_text(head.cells[2], "Должность с указанием организации", align="center", size=9)
    cell_text(head.cells[3], "Адрес организации (в т.ч. за границей)", align="center", size=9)
    mark_header(head)
    _row(table, ["поступления", "ухода", "", ""], size=9, center=(0, 1))
    _tag_row(table, "{%tr for w in work %}")
    _row(table, ["{{ w.start }}", "{{ w.end }}", "{{ w.post }}", "{{ w.address }}"], center=(0, 1))
    _tag_row(table, "{%tr endfor %}")
    set_widths(table, (22, 22, 76, 45))

    para(doc, "6. Дополнительные сведения:", bold=True, space_before=6)
    table = doc.add_table(rows=0, cols=2)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for label, value in (
        ("Знание компьютерных программ (указать каких)", ""),
        (
            "Владение иностранными языками (укажите уровень владения: читаете и переводите со "
            "словарем, читаете и можете объясняться, владеете свободно)",
            "{{ languages }}",
        ),
        (
            "Участие в деятельности общественных объединений, партий, движений, некоммерческих "
            "организаций (наименование организации, период участия в ее деятельности, в каком "
            "статусе участвовали)",
            "",
        ),
        ("Ваши увлечения, интересы, хобби", ""),
        ("Иная информация, которую Вы хотите сообщить о себе", ""),
    ):
        _row(table, [label, value])
    set_widths(table, (85, 80))

    para(
        doc,
        "7. Имеете ли Вы классный чин (воинское или специальное звание), дата присвоения",
        bold=True,
        space_before=6,
    )
    para(doc, LINE + "_" * 8)
    para(doc, LINE + "_" * 8)
    para(
        doc,
        "8. Имеете ли Вы государственные награды, иные награды и знаки отличия",
        bold=True,
        space_before=6,
    )
    para(doc, "{{ awards or '" + LINE + "' }}")
    hint(doc, "(указать какие, в каком году и за что награждены)")
    para(doc, LINE + "_" * 8)
    para(doc, "9. Были ли Вы за границей?", bold=True, space_before=6)
    para(doc, LINE + "_" * 8)
    hint(doc, "(указать когда, где, с какой целью)")
    para(doc, LINE + "_" * 8)
    _sign_line(
        doc,
        "{{ application.submitted }}",
        ("(дата)", "(фамилия, инициалы)", "(подпись)"),
    )
    # the name under its caption: the middle cell of the line above
    table = doc.tables[-1]  # type: ignore[attr-defined]
    cell_text(table.rows[0].cells[1], "{{ candidate.surname_initials }}", align="center")
    return doc


# --------------------------------------------------------------------------- appendix 5

CONSENT_ITEMS = (
    "фамилия, имя, отчество, дата, место рождения;",
    "контактная информация (домашний адрес, номера рабочего, мобильного, домашнего телефонов, "
    "адрес электронной почты);",
    "фотография;",
    "серия, номер паспорта гражданина Российской Федерации, сведения о дате выдачи указанного "
    "документа и выдавшем его органе;",
    "образование;",
    "место работы, занимаемая должность;",
    "информация о трудовой деятельности;",
    "сведения о наградах;",
    "сведения о владении иностранными языками;",
    "сведения о близких родственниках (фамилия, имя, отчество, число, месяц, год и место "
    "рождения, место работы, должность, домашний адрес);",
    "сведения об отношении к воинской обязанности и воинском звании.",
)


def pk_consent() -> object:
    doc = new_document("Согласие на обработку персональных данных")
    _appendix(doc, "Приложение № 5")
    para(doc, "СОГЛАСИЕ", align="center", bold=True, size=14, space_before=8)
    para(
        doc,
        "на обработку персональных данных, проверку предоставляемых сведений, проведение "
        "оценочных мероприятий",
        align="center",
        bold=True,
    )
    para(doc, "Я, {{ candidate.nominative }},", space_before=8)
    hint(doc, "(фамилия, имя, отчество полностью)")
    para(doc, "{{ words.residing }} по адресу: {{ person.address or '" + LINE[:45] + "' }}")
    para(
        doc,
        "паспорт серия ________ номер __________ выдан «___» _____________ _______г. "
        + LINE[:50]
        + ",",
    )
    hint(doc, "(наименование органа, выдавшего паспорт)")
    para(
        doc,
        "в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных» "
        "даю свое согласие на обработку (сбор, запись, систематизация, накопление, хранение, "
        "уточнение (обновление, изменение), извлечение, использование, передачу "
        "(распространение, предоставление, доступ), обезличивание, блокирование, удаление, "
        "уничтожение) Администрации " + MUNICIPALITY + ", расположенной по адресу: " + SHORT,
        align="justify",
    )
    hint(doc, "(наименование муниципального образования)")
    para(
        doc,
        "(далее - Оператор) своих персональных данных, предоставленных в целях формирования "
        "муниципального резерва управленческих кадров, в том числе:",
        align="justify",
    )
    for item in CONSENT_ITEMS:
        para(doc, f"- {item}", indent=True)
    for text in (
        "Я {{ words.agree }}, что представленные мной сведения будут собираться, "
        "накапливаться, храниться Оператором в указанных настоящим Согласием целях.",
        "Я {{ words.informed }}, что под обработкой персональных данных понимаются действия "
        "(операции) с персональными данными в рамках выполнения Федерального закона от "
        "27.07.2006 № 152-ФЗ «О персональных данных», конфиденциальность персональных данных "
        "соблюдается в рамках исполнения Оператором законодательства Российской Федерации.",
        "Я {{ words.agree }} на обработку моих персональных данных с использованием средств "
        "автоматизации и без использования таковых.",
        "Хранение персональных данных в вышеуказанных целях может осуществляться в течение 10 "
        "лет, если иное не установлено законодательством.",
        "Согласие действует со дня его подписания до даты его отзыва субъектом персональных "
        "данных в письменной форме. Я {{ words.agree }} добровольно участвовать в оценочных "
        "процедурах в рамках проводимого отбора в муниципальный резерв управленческих кадров.",
        "На проведение в отношении меня проверочных мероприятий {{ words.agree }}.",
    ):
        para(doc, text, indent=True, align="justify", space_before=2)
    _sign_line(doc, "{{ consent.date }}", ("(дата)", "", "(подпись)"))
    para(
        doc,
        "Согласие дано {{ candidate.instrumental }} в электронной форме при подаче заявления "
        "(шифр {{ application.code }}) {{ consent.date }} в {{ consent.time }} "
        "({{ consent.zone }}).",
        size=9,
        italic=True,
        space_before=8,
    )
    return doc


# --------------------------------------------------------------------------- appendix 6


def pk_criteria_sheet() -> object:
    doc = new_document("Оценка профессиональных и личностных качеств кандидата")
    _landscape(doc)
    _appendix(doc, "Приложение № 6")
    para(doc, "ПРИМЕРНЫЕ КРИТЕРИИ", align="center", bold=True, size=14, space_before=6)
    para(
        doc,
        "оценки профессиональных и личностных качеств кандидатов на включение в муниципальный "
        "резерв",
        align="center",
        bold=True,
    )
    para(doc, "Кандидат: {{ candidate.nominative }}", space_before=6)
    para(
        doc,
        "Целевая должность: {{ application.position }}{% if application.group %} "
        "({{ application.group }}){% endif %}",
    )
    para(
        doc,
        "Заседание комиссии: {{ meeting.date }}{% if meeting.place %}, {{ meeting.place }}"
        "{% endif %}",
    )
    widths = (34, 55, 35, 78, 18, 32)
    table = doc.add_table(rows=0, cols=6)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    mark_header(
        _row(
            table,
            [
                "Критерий",
                "Индикатор критерия",
                "Методика оценки",
                "Варианты оценки (баллы)",
                "Баллы кандидата",
                "Основание оценки",
            ],
            size=9,
            center=(0, 1, 2, 3, 4, 5),
        )
    )
    _tag_row(table, "{%tr for r in criteria %}")
    row = _row(
        table,
        [
            "{{ r.group }}",
            "{{ r.indicator }}",
            "{{ r.method }}",
            "",
            "{{ r.points }}",
            "{{ r.basis }}",
        ],
        size=9,
        center=(4,),
    )
    cell = row.cells[3]
    cell.paragraphs[0].add_run("{%p for v in r.variants %}")
    p = cell.add_paragraph()
    run = p.add_run("- {{ v.text }} — {{ v.points }}")
    run.font.size = Pt(9)
    cell.add_paragraph().add_run("{%p endfor %}")
    _tag_row(table, "{%tr endfor %}")
    total = table.add_row()
    merged = total.cells[0].merge(total.cells[3])
    cell_text(merged, "Итого (максимальный балл — {{ total.max }})", size=10)
    cell_text(total.cells[4], "{{ total.score }}", align="center", size=10)
    cell_text(total.cells[5], "", size=10)
    set_widths(table, widths)
    para(
        doc,
        "Итоговая оценка кандидата — {{ total.score }} {{ total.word }} из {{ total.max }}"
        "{% if total.place %}; место среди кандидатов на должность — {{ total.place }}"
        "{% endif %}. Решение комиссии: {{ total.outcome_title }}.",
        space_before=6,
    )
    para(
        doc,
        "Баллы по индикаторам, оцениваемым анализом документов и профессиональным тестированием, "
        "определены по представленным сведениям; по индикаторам собеседования, эссе и групповых "
        "дискуссий — среднее оценок членов комиссии (бюллетеней: {{ total.ballots }}).",
        size=10,
        italic=True,
    )
    signatures(doc)
    return doc


BUILDERS: dict[str, Callable[[], object]] = {
    "pk_reserve_list": pk_reserve_list,
    "pk_recommendation": pk_recommendation,
    "pk_application": pk_application,
    "pk_questionnaire": pk_questionnaire,
    "pk_consent": pk_consent,
    "pk_criteria_sheet": pk_criteria_sheet,
}
