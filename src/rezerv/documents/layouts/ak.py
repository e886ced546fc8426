"""DOCX layouts of the AK forms (see ``rezerv.documents.ak`` for their contexts)."""

from __future__ import annotations

from collections.abc import Callable

from docx.enum.text import WD_BREAK
from docx.shared import Mm

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
    signatures,
    tag,
    underline,
)


def _page_break_between(doc: object, loop: str = "loop") -> None:
    """A page break before every item of a ``{%p for %}`` loop but the first."""
    tag(doc, f"{{%p if not {loop}.first %}}")
    p = doc.add_paragraph()  # type: ignore[attr-defined]
    p.add_run().add_break(WD_BREAK.PAGE)
    tag(doc, "{%p endif %}")


def _kazakh_part_end(doc: object, start: int) -> None:
    """Close the Kazakh part of a bilingual form opened by ``{%p if kazakh %}`` and
    ``part_start``: its runs marked Kazakh, a page break before the Russian part."""
    mark_language(doc, start)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # type: ignore[attr-defined]
    tag(doc, "{%p endif %}")


def _sign_line(doc: object, left: str, left_caption: str, right_caption: str) -> None:
    table = doc.add_table(rows=2, cols=3)  # type: ignore[attr-defined]
    no_borders(table)
    cell_text(table.rows[0].cells[0], left, align="center")
    underline(table.rows[0].cells[0])
    underline(table.rows[0].cells[2])
    cell_text(table.rows[1].cells[0], left_caption, align="center", size=8)
    cell_text(table.rows[1].cells[2], right_caption, align="center", size=8)
    set_widths(table, (70, 35, 60))


# --------------------------------------------------------------------------- appendix 1


def _application_kk(doc: object) -> None:
    """Appendix 1 in Kazakh: the first part of the application of a body issuing in Kazakh
    and Russian (issue 15); the name as written, not declined."""
    tag(doc, "{%p if kazakh %}")
    start = part_start(doc)
    para(doc, "1-қосымша", align="right", size=10)
    for text in (
        "{{ kk.addressee }}",
        "{{ akim.name.nominative }},",
        "{{ kk.akim.post }}{% if kk.akim.place %} ({{ kk.akim.place }}){% endif %}",
    ):
        p = para(doc, text, space_before=4)
        p.paragraph_format.left_indent = Mm(85)
    p = para(doc, "(әкімнің тегі, аты, әкесінің аты және лауазымы)", size=8.5, italic=True)
    p.paragraph_format.left_indent = Mm(85)
    para(doc, "Өтініш", align="center", bold=True, size=14, space_before=24)
    para(
        doc,
        "«Үздік ауыл әкімі» республикалық конкурсына қатысуға жіберуіңізді сұраймын.",
        indent=True,
        align="justify",
        space_before=12,
    )
    para(doc, "Конкурс шарттарымен таныстым және келісемін.", indent=True, align="justify")
    para(doc, "Қосымшалар:", indent=True, space_before=12)
    tag(doc, "{%p for a in kk.attachments %}")
    para(doc, "{{ loop.index }}) {{ a }}{% if loop.last %}.{% else %};{% endif %}", indent=True)
    tag(doc, "{%p endfor %}")
    para(doc, "", space_before=24)
    _sign_line(doc, "{{ kk.date }}", "(күні)", "(қолы)")
    _kazakh_part_end(doc, start)


def ak_application() -> object:
    doc = new_document("Заявление")
    _application_kk(doc)
    para(doc, "Приложение 1", align="right", size=10)
    for text in (
        "{{ addressee }}",
        "от {{ akim.name.genitive }},",
        "{{ akim.post_genitive }}{% if akim.place %} ({{ akim.place }}){% endif %}",
    ):
        p = para(doc, text, space_before=4)
        p.paragraph_format.left_indent = Mm(85)
    p = para(doc, "(ФИО и должность акима)", size=8.5, italic=True)
    p.paragraph_format.left_indent = Mm(85)
    para(doc, "Заявление", align="center", bold=True, size=14, space_before=24)
    para(
        doc,
        "Прошу допустить меня к участию в республиканском конкурсе «Лучший сельский аким».",
        indent=True,
        align="justify",
        space_before=12,
    )
    para(doc, "С условиями конкурса {{ acquainted }}.", indent=True, align="justify")
    para(doc, "Приложения:", indent=True, space_before=12)
    tag(doc, "{%p for a in attachments %}")
    para(doc, "{{ loop.index }}) {{ a }}{% if loop.last %}.{% else %};{% endif %}", indent=True)
    tag(doc, "{%p endfor %}")
    para(doc, "", space_before=24)
    _sign_line(doc, "{{ date }}", "(дата)", "(подпись)")
    return doc


# --------------------------------------------------------------------------- appendix 2


QUESTIONNAIRE_ROWS = [
    ("Фамилия", "{{ person.last }}"),
    ("Имя", "{{ person.first }}"),
    ("Отчество", "{{ person.patronymic }}"),
    ("Дата рождения", "{{ person.birth_date or '«____» ____________ 19___ г.' }}"),
    ("Место работы", "{{ work_place }}"),
    ("Должность", "{{ post }}"),
    ("Телефон", "{{ person.phone }}"),
    ("E-mail", "{{ person.email }}"),
    (
        "Образование (учебное заведение, год окончания, специальность, квалификация)",
        "{{ education|join('; ') }}",
    ),
    ("Учёная степень, звание", "{{ degrees }}"),
    ("Стаж государственной службы", "{{ service }}"),
    ("Стаж работы по направлению, связанному с темой конкурсной работы", ""),
    (
        "Имеете ли Вы государственные, ведомственные награды, почётные звания, дипломы "
        "(перечислите)",
        "{{ awards|join('; ') }}",
    ),
    (
        "Участвовали ли Вы в семинарах, форумах, конференциях по направлению, связанному с темой "
        "конкурсной работы (перечислите)",
        "{{ seminars|join('; ') }}",
    ),
    (
        "Получали ли Вы дополнительное образование (повышение квалификации, "
        "подготовка/переподготовка, стажировка) по направлению, связанному с темой конкурсной "
        "работы (учебное заведение, год окончания, направление, специализация)",
        "{{ further_education|join('; ') }}",
    ),
    (
        "Основные (наиболее значимые) научные публикации, книги, брошюры, проблемные статьи на "
        "тему государственной службы и (или) по направлению, связанному с темой конкурсной работы "
        "(перечислите)",
        "{{ publications }}",
    ),
    (
        "В каких проектах по проблемам государственной службы и (или) по направлению, связанному "
        "с темой конкурсной работы, Вы принимали участие (перечислите)",
        "{{ projects|join('; ') }}",
    ),
    (
        "Имеете ли Вы внедрённые научные разработки в области государственного управления и "
        "(или) по направлению, связанному с темой конкурсной работы",
        "",
    ),
    (
        "Планируемые исследования в области государственной службы и (или) по направлению, "
        "связанному с темой конкурсной работы",
        "",
    ),
    ("Знание государственного и иностранного языков", "{{ languages|join('; ') }}"),
    ("Наличие/отсутствие дисциплинарных взысканий", "{{ penalties|join('; ') }}"),
]


def ak_questionnaire() -> object:
    doc = new_document("Анкета участника конкурса")
    para(doc, "Приложение 2", align="right", size=10)
    para(doc, "АНКЕТА", align="center", bold=True, size=14, space_before=6)
    photo = doc.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    photo.style = "Table Grid"
    cell_text(photo.rows[0].cells[1], "Место для фото", align="center", size=9)
    photo.rows[0].height = Mm(40)
    set_widths(photo, (135, 30))
    para(doc, "", space_before=4)
    table = doc.add_table(rows=0, cols=2)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for label, value in QUESTIONNAIRE_ROWS:
        row = table.add_row()
        cell_text(row.cells[0], label, size=10)
        cell_text(row.cells[1], value)
    set_widths(table, (85, 80))
    para(doc, "", space_before=12)
    _sign_line(doc, "{{ filled }}", "(дата заполнения)", "(подпись)")
    para(
        doc,
        "На обработку и хранение моих персональных данных, содержащихся в настоящей анкете, "
        "{{ consent.word }}.{% if consent.date %} (Согласие дано {{ consent.date }}){% endif %}",
        align="justify",
        space_before=18,
    )
    p = para(doc, "__________________", space_before=12)
    p.paragraph_format.left_indent = Mm(120)
    p = para(doc, "Подпись", size=8.5, italic=True)
    p.paragraph_format.left_indent = Mm(128)
    return doc


# --------------------------------------------------------------------------- appendices 3–7


def _score_sheet(title: str) -> Callable[[], object]:
    """One layout for the five sheets: a page per akim with the criteria table and the total."""

    def build() -> object:
        doc = new_document(title)
        tag(doc, "{%p for s in sheets %}")
        _page_break_between(doc)
        para(doc, "{{ appendix }}", align="right", size=10)
        para(doc, "{{ body.name }}", align="center", bold=True)
        para(doc, "{% if commission %}{{ commission }}{% endif %}", align="center")
        para(doc, "{{ heading[0] }}", align="center", bold=True, size=13, space_before=6)
        para(doc, "{{ heading[1] }}", align="center", bold=True)
        para(
            doc,
            "Участник конкурса: {{ s.akim.name.nominative }}"
            "{% if s.akim.post %}, {{ s.akim.post }}{% endif %}",
            space_before=8,
        )
        hint(doc, "(фамилия, имя, отчество, должность участника конкурса)")
        para(doc, "{{ s.akim.place }}")
        hint(doc, "(село, сельский округ, район, область)")
        para(
            doc,
            "Дата заседания: {{ meeting.date }}{% if meeting.place %}, {{ meeting.place }}"
            "{% endif %}",
            space_before=4,
        )
        grid(
            doc,
            ["№ п/п", "Критерии", "{{ columns.max }}", "{{ columns.points }}"],
            "r in s.rows",
            ["{{ r.n }}", "{{ r.title }}", "{{ r.max }}", "{{ r.points }}"],
            widths=(14, 96, 30, 25),
            centered=(0, 2, 3),
            extra_rows=[["", "Итого баллов:", "{{ s.max }}", "{{ s.total }}"]],
        )
        tag(doc, "{%p if scorer %}")
        para(doc, "", space_before=12)
        table = doc.add_table(rows=2, cols=3)  # type: ignore[attr-defined]
        no_borders(table)
        cell_text(
            table.rows[0].cells[0],
            "{{ scorer.nominative }}{% if scorer.post %}, {{ scorer.post }}{% endif %}",
        )
        underline(table.rows[0].cells[0])
        underline(table.rows[0].cells[2])
        cell_text(
            table.rows[1].cells[0],
            "(фамилия, имя, отчество члена конкурсной комиссии)",
            align="center",
            size=8,
        )
        cell_text(table.rows[1].cells[2], "(подпись)", align="center", size=8)
        set_widths(table, (110, 15, 40))
        tag(doc, "{%p else %}")
        para(doc, "", space_before=12)
        _sign_line(doc, "", "(секретарь конкурсной комиссии, фамилия, инициалы)", "(подпись)")
        tag(doc, "{%p endif %}")
        tag(doc, "{%p else %}")
        para(doc, "Участников для оценки нет.")
        tag(doc, "{%p endfor %}")
        return doc

    return build


# --------------------------------------------------------------------------- protocols


def _protocol(title: str, subtitle: str) -> Callable[[], object]:
    """The protocol of a regional or the republican commission: one per stored decision."""

    def build() -> object:
        doc = new_document(title)
        tag(doc, "{%p for p in protocols %}")
        _page_break_between(doc)
        para(doc, "{{ body.name }}", align="center", bold=True)
        para(doc, "ПРОТОКОЛ", align="center", bold=True, size=14, space_before=6)
        para(doc, subtitle, align="center")
        para(doc, "{% if p.oblast %}({{ p.oblast }}){% endif %}", align="center")
        para(doc, "{{ p.meeting.date }}", align="center", space_before=6)
        hint(
            doc, "(дата заседания){% if p.meeting.place %}; место: {{ p.meeting.place }}{% endif %}"
        )
        para(doc, "Повестка: {{ p.stage.title }}.", align="justify", space_before=6)
        para(
            doc,
            "1. Присутствовали {{ p.attendance.present }} из {{ p.attendance.members }} членов "
            "комиссии{% if p.attendance.quorum %} (необходимо не менее 2/3 состава — "
            "{{ p.attendance.quorum }}; заседание {% if p.attendance.valid %}правомочно"
            "{% else %}неправомочно{% endif %}){% endif %}:",
            space_before=8,
        )
        grid(
            doc,
            ["Фамилия, имя, отчество члена комиссии", "Должность"],
            "m in p.present_members",
            ["{{ m.name }}", "{{ m.post }}"],
            widths=(90, 75),
        )
        tag(doc, "{%p if p.secretary %}")
        para(doc, "Секретарь комиссии: {{ p.secretary.name }}.", indent=True)
        tag(doc, "{%p endif %}")
        para(
            doc,
            "Отсутствовали: {% for m in p.absent_members %}{{ m.name }}"
            "{% if not loop.last %}, {% endif %}{% else %}отсутствовавших нет{% endfor %}.",
            indent=True,
        )
        tag(doc, "{%p if p.chair %}")
        para(doc, "Заседание проведено под председательством {{ p.chair.genitive }}.", indent=True)
        tag(doc, "{%p endif %}")
        para(
            doc,
            "2. Результаты оценки участников конкурса (сумма баллов, выставленных членами комиссии "
            "в оценочных листах{% if p.stage.district_round %}; рейтинг составлен в пределах "
            "района{% elif p.stage.oblast_round %}; рейтинг составлен в пределах области{% endif %}):",
            space_before=8,
        )
        grid(
            doc,
            [
                "№",
                "Фамилия, имя, отчество участника",
                "{% if p.stage.final_round %}Область{% else %}Район{% endif %}",
                "Составляющие оценки",
                "Итоговый балл",
                "Место",
                "Решение",
            ],
            "r in p.rating",
            [
                "{{ r.n }}",
                "{{ r.name.nominative }}",
                "{% if p.stage.final_round %}{{ r.oblast }}{% else %}{{ r.district }}{% endif %}",
                "{{ r.parts }}{% if r.stage1 %}; в т.ч. итоги I этапа (п. 12) — {{ r.stage1 }}"
                "{% endif %}",
                "{{ r.score }}",
                "{{ r.place }}",
                "{{ r.outcome_text }}",
            ],
            widths=(8, 40, 25, 38, 18, 12, 24),
            centered=(0, 4, 5),
        )
        para(doc, "3. Решили:", space_before=8)
        tag(doc, "{%p if p.stage.district_round %}")
        para(
            doc,
            "Номинировать в качестве претендентов для участия в конкурсе (не более трёх сельских "
            "акимов одного района, набравших наибольший балл):",
            indent=True,
            align="justify",
        )
        tag(doc, "{%p elif p.stage.oblast_round %}")
        para(
            doc,
            "Определить претендентом, допущенным ко второму этапу Конкурса от области, и "
            "направить материалы в Агентство:",
            indent=True,
            align="justify",
        )
        tag(doc, "{%p else %}")
        para(doc, "Признать победителями Конкурса:", indent=True, align="justify")
        tag(doc, "{%p endif %}")
        tag(doc, "{%p for r in p.chosen %}")
        para(
            doc,
            "{{ loop.index }}) {{ r.name.accusative }}, {{ r.akim.post_genitive }}"
            "{% if r.akim.place %} ({{ r.akim.place }}){% endif %}, итоговый балл {{ r.score }}.",
            indent=True,
            align="justify",
        )
        tag(doc, "{%p else %}")
        para(doc, "Претенденты не определены.", indent=True)
        tag(doc, "{%p endfor %}")
        tag(doc, "{%p if p.stage.final_round %}")
        para(
            doc,
            "Победители награждаются дипломом «Лучший сельский аким Республики Казахстан», а "
            "также памятным подарком.",
            indent=True,
            align="justify",
        )
        tag(doc, "{%p endif %}")
        signatures(doc, "s in p.signatures")
        tag(doc, "{%p endfor %}")
        return doc

    return build


# --------------------------------------------------------------------------- stage 2 list


def _stage2_list_kk(doc: object) -> None:
    """The list in Kazakh: the first part from a body issuing in Kazakh and Russian."""
    tag(doc, "{%p if kazakh %}")
    start = part_start(doc)
    para(doc, "{{ body.name }}", align="center", bold=True)
    para(doc, "ТІЗІМ", align="center", bold=True, size=14, space_before=6)
    para(
        doc,
        "«Үздік ауыл әкімі» республикалық конкурсының екінші кезеңіне өткен үміткерлердің",
        align="center",
    )
    para(
        doc,
        "Жеке әңгімелесулердің қорытындысы бойынша өңірлік комиссиялар екінші кезеңге "
        "жіберілген үміткерлерді айқындады — әр облыстан бір кандидаттан.",
        indent=True,
        align="justify",
        space_before=8,
    )
    grid(
        doc,
        [
            "№",
            "Тегі, аты, әкесінің аты",
            "Лауазымы",
            "Ауданы, облысы",
            "I кезеңнің қорытынды балы",
            "Өңірлік комиссия шешімінің күні",
        ],
        "c in candidates",
        [
            "{{ c.n }}",
            "{{ c.name.nominative }}",
            "{{ c.kk_akim.post }}{% if c.kk_akim.settlement %}, {{ c.kk_akim.settlement }}"
            "{% endif %}",
            "{{ c.kk_akim.district }}, {{ c.kk_akim.oblast }}",
            "{{ c.score }}",
            "{{ c.kk_decided }}",
        ],
        widths=(8, 42, 38, 37, 20, 20),
        centered=(0, 4),
        empty="Үміткерлер айқындалмаған.",
    )
    para(doc, "Жасалған күні: {{ kk.date }}", space_before=12)
    _kazakh_part_end(doc, start)


def ak_stage2_list() -> object:
    doc = new_document("Список претендентов, прошедших во второй этап Конкурса")
    _stage2_list_kk(doc)
    para(doc, "{{ body.name }}", align="center", bold=True)
    para(doc, "СПИСОК", align="center", bold=True, size=14, space_before=6)
    para(
        doc,
        "претендентов, прошедших во второй этап Республиканского конкурса «Лучший сельский аким»",
        align="center",
    )
    para(
        doc,
        "По итогам индивидуальных собеседований региональные комиссии определили претендентов, "
        "допущенных ко второму этапу, — с каждой области по одному кандидату.",
        indent=True,
        align="justify",
        space_before=8,
    )
    grid(
        doc,
        [
            "№",
            "Фамилия, имя, отчество",
            "Должность",
            "Район, область",
            "Итоговый балл I этапа",
            "Дата решения региональной комиссии",
        ],
        "c in candidates",
        [
            "{{ c.n }}",
            "{{ c.name.nominative }}",
            "{{ c.akim.post }}{% if c.akim.settlement %}, {{ c.akim.settlement }}{% endif %}",
            "{{ c.akim.district }}, {{ c.akim.oblast }}",
            "{{ c.score }}",
            "{{ c.decided }}",
        ],
        widths=(8, 42, 38, 37, 20, 20),
        centered=(0, 4),
        empty="Претенденты не определены.",
    )
    para(doc, "Дата составления: {{ document.date }}", space_before=12)
    return doc


BUILDERS: dict[str, Callable[[], object]] = {
    "ak_application": ak_application,
    "ak_questionnaire": ak_questionnaire,
    "ak_sheet_questionnaire": _score_sheet("Оценка анкеты участника конкурса I этапа"),
    "ak_sheet_project": _score_sheet("Оценочный лист проектной работы"),
    "ak_sheet_survey": _score_sheet("Показатели для онлайн-оценки либо по результатам соцопроса"),
    "ak_sheet_essay": _score_sheet("Оценочный лист эссе"),
    "ak_sheet_defence": _score_sheet("Оценочный лист персональной проектной работы"),
    "ak_regional_protocol": _protocol(
        "Протокол заседания Региональной конкурсной комиссии",
        "заседания Региональной конкурсной комиссии Республиканского конкурса «Лучший сельский "
        "аким»",
    ),
    "ak_republican_protocol": _protocol(
        "Протокол заседания Республиканской конкурсной комиссии",
        "заседания Республиканской конкурсной комиссии по подведению итогов Республиканского "
        "конкурса «Лучший сельский аким»",
    ),
    "ak_stage2_list": ak_stage2_list,
}
