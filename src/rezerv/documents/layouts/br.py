"""DOCX layouts of the BR forms (see ``rezerv.documents.br`` for their contexts).

The seed names appendices 2–4 (application, nomination, questionnaire) without reproducing them:
their layout follows what the seed says they hold (3.4–3.7, 3.13, 4.15); lines the candidate or
the recommender fills by hand are left blank.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.shared import Mm

from rezerv.documents.layouts.blocks import (
    cell_text,
    grid,
    hint,
    letter_head,
    letter_signature,
    new_document,
    no_borders,
    para,
    set_widths,
    signatures,
    tag,
    underline,
)

LINE = "_" * 60


def _right(doc: object, text: str, **kw: object) -> None:
    p = para(doc, text, **kw)  # type: ignore[arg-type]
    p.paragraph_format.left_indent = Mm(85)


def _sign_line(doc: object, left: str, caption_left: str, right: str, caption_right: str) -> None:
    """One signature row: a value or a line on the left, a line on the right, captions below."""
    table = doc.add_table(rows=2, cols=3)  # type: ignore[attr-defined]
    no_borders(table)
    cell_text(table.rows[0].cells[0], left)
    underline(table.rows[0].cells[0])
    cell_text(table.rows[0].cells[2], right)
    underline(table.rows[0].cells[2])
    cell_text(table.rows[1].cells[0], caption_left, align="center", size=8)
    cell_text(table.rows[1].cells[2], caption_right, align="center", size=8)
    set_widths(table, (70, 25, 70))


def _qa(doc: object, rows: list[tuple[str, str]]) -> None:
    """A questionnaire table: number, question, answer (fixed rows)."""
    table = doc.add_table(rows=0, cols=3)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for i, (question, answer) in enumerate(rows, start=1):
        row = table.add_row()
        cell_text(row.cells[0], f"{i}.", align="center")
        cell_text(row.cells[1], question)
        cell_text(row.cells[2], answer)
    set_widths(table, (10, 75, 80))


# --------------------------------------------------------------------------- candidate's forms


def br_application() -> object:
    doc = new_document("Личное заявление о включении в резерв управленческих кадров")
    para(doc, "Приложение № 2 к Порядку", align="right", size=10)
    _right(doc, "{{ addressee.title }}")
    tag(doc, "{%p if addressee.chair %}")
    _right(doc, "{{ addressee.chair.dative }}")
    tag(doc, "{%p endif %}")
    _right(doc, "от {{ applicant.genitive }}", space_before=6)
    _right(doc, "дата рождения: {{ applicant.birth_date }}")
    _right(
        doc,
        "адрес: {% if applicant.address %}{{ applicant.address }}{% else %}"
        "______________________{% endif %}",
    )
    _right(
        doc,
        "телефон: {% if applicant.phone %}{{ applicant.phone }}{% else %}"
        "______________________{% endif %}",
    )
    _right(
        doc,
        "e-mail: {% if applicant.email %}{{ applicant.email }}{% else %}"
        "______________________{% endif %}",
    )
    para(doc, "ЗАЯВЛЕНИЕ", align="center", bold=True, size=14, space_before=18)
    para(
        doc,
        "Прошу включить меня в резерв управленческих кадров Республики Башкортостан "
        "({{ level.title }}).",
        indent=True,
        align="justify",
        space_before=8,
    )
    para(doc, "Целевые управленческие должности (приложение № 1 к Порядку): " + LINE, indent=True)
    para(doc, "Порядок участия: {{ application.route_title }}.", indent=True, align="justify")
    para(
        doc,
        "С Порядком формирования и использования резерва управленческих кадров Республики "
        "Башкортостан, в том числе с требованиями к кандидатам (пункт 3.6) и с тем, что расходы, "
        "связанные с участием в конкурсе, осуществляются за счёт собственных средств "
        "(пункт 4.17), {{ acquainted }}.",
        indent=True,
        align="justify",
    )
    para(doc, "К заявлению прилагаю:", indent=True, space_before=4)
    tag(doc, "{%p for d in documents %}")
    para(doc, "{{ d.n }}. {{ d.title }}.", indent=True)
    tag(doc, "{%p endfor %}")
    para(doc, "", space_before=12)
    _sign_line(
        doc,
        "{{ application.submitted }}",
        "(дата)",
        "{{ applicant.short }}",
        "(подпись, расшифровка подписи)",
    )
    return doc


def br_nomination() -> object:
    doc = new_document("Представление кандидата в резерв управленческих кадров")
    para(doc, "Приложение № 3 к Порядку", align="right", size=10)
    para(
        doc, "В Комиссию по формированию и подготовке резерва управленческих кадров", align="right"
    )
    para(doc, "Республики Башкортостан", align="right")
    para(doc, "ПРЕДСТАВЛЕНИЕ", align="center", bold=True, size=14, space_before=18)
    para(
        doc,
        "на {{ applicant.accusative }} для включения в резерв управленческих кадров Республики "
        "Башкортостан ({{ level.title }})",
        align="center",
    )
    _qa(
        doc,
        [
            ("Фамилия, имя, отчество кандидата", "{{ applicant.nominative }}"),
            ("Дата рождения", "{{ applicant.birth_date }}"),
            ("Образование", "{{ candidate.education }}"),
            (
                "Место работы и замещаемая должность",
                "{{ candidate.post }}{% if candidate.organisation %}, "
                "{{ candidate.organisation }}{% endif %}",
            ),
            (
                "Стаж работы на руководящих должностях, лет",
                "{{ candidate.managerial_years }}",
            ),
            ("Управленческое звено", "{{ candidate.tier }}"),
            (
                "Краткое описание профессионального и управленческого опыта",
                "{{ candidate.experience_summary }}",
            ),
            ("Отраслевая направленность опыта", "{{ candidate.sector }}"),
            (
                "Должностное лицо, вносящее представление (пункт 3.4 Порядка)",
                "{% if nominator.kind %}{{ nominator.kind }}{% else %}" + LINE + "{% endif %}",
            ),
        ],
    )
    para(
        doc,
        "Обоснование выдвижения (пункт 3.5 Порядка):",
        bold=True,
        space_before=8,
    )
    for heading in (
        "1. Результаты профессиональной деятельности и профессионального развития:",
        "2. Участие в специальных программах, проектах и мероприятиях, реализуемых на "
        "федеральном, региональном или местном уровнях:",
        "3. Управленческие и лидерские качества:",
        "4. Потенциал профессионального и карьерного роста:",
    ):
        para(doc, heading, space_before=4)
        para(doc, LINE + "_" * 12)
        para(doc, LINE + "_" * 12)
    para(
        doc,
        "Лицо, направившее представление, считается рекомендателем кандидата (пункт 3.13 Порядка).",
        italic=True,
        size=10,
        space_before=6,
    )
    para(doc, "Рекомендатель:", space_before=10)
    _sign_line(
        doc,
        "{% if nominator.recommender %}{{ nominator.recommender }}{% endif %}",
        "(фамилия, имя, отчество, должность)",
        "",
        "(подпись)",
    )
    para(doc, "«___» ______________ 20___ г.", space_before=8)
    return doc


def br_questionnaire() -> object:
    doc = new_document("Анкета кандидата в резерв управленческих кадров")
    para(doc, "Приложение № 4 к Порядку", align="right", size=10)
    para(doc, "АНКЕТА", align="center", bold=True, size=14, space_before=6)
    para(
        doc,
        "кандидата в резерв управленческих кадров Республики Башкортостан",
        align="center",
    )
    _qa(
        doc,
        [
            ("Фамилия, имя, отчество", "{{ applicant.nominative }}"),
            ("Дата рождения", "{{ applicant.birth_date }}"),
            ("Гражданство", "{{ answers.citizenship }}"),
            ("Уровень резерва, для включения в который выдвигается кандидат", "{{ level.title }}"),
            ("Порядок участия", "{{ application.route_title }}"),
            ("Уровень образования", "{{ answers.education }}"),
            (
                "Образование, которое получаете в настоящее время (если обучаетесь)",
                "{{ answers.education_in_progress or 'не обучаюсь' }}",
            ),
            ("Учёная степень, учёное звание", "{{ answers.degrees or 'нет' }}"),
            (
                "Стаж работы на руководящих должностях, лет",
                "{{ answers.managerial_years }}",
            ),
            (
                "Управленческое звено, в котором получен опыт руководящей работы",
                "{{ answers.tier }}",
            ),
            (
                "Работаю в настоящее время",
                "{{ answers.employed }}{% if answers.unemployed_since %} (не работаю с "
                "{{ answers.unemployed_since }}){% endif %}",
            ),
            (
                "Состою в Кадровом резерве Республики Башкортостан для замещения должностей "
                "государственной гражданской службы",
                "{{ answers.civil_service_reserve or 'нет' }}",
            ),
            (
                "Участник полуфинала конкурса «Лидеры России» от Республики Башкортостан",
                "{{ answers.leaders_of_russia or 'нет' }}",
            ),
            (
                "Победитель кадрового проекта «Лидеры Башкортостана»",
                "{{ answers.leaders_of_bashkortostan or 'нет' }}",
            ),
            (
                "Рекомендатель (должностное лицо, направившее представление)",
                "{{ answers.recommender }}",
            ),
            (
                "Наличие судимости, не снятой или не погашенной в установленном порядке",
                "{{ answers.criminal_record }}",
            ),
            (
                "Государственные награды, знаки отличия, почётные звания",
                "{{ answers.awards or 'нет' }}",
            ),
            ("Владение иностранными языками", "{{ answers.languages }}"),
            (
                "Краткое описание профессионального и управленческого опыта",
                "{{ answers.experience_summary }}",
            ),
            ("Отраслевая направленность опыта", "{{ answers.sector }}"),
            (
                "Контактные данные (адрес, телефон, e-mail)",
                "{{ applicant.address }}{% if applicant.phone %}; {{ applicant.phone }}"
                "{% endif %}{% if applicant.email %}; {{ applicant.email }}{% endif %}",
            ),
        ],
    )
    para(doc, "Образование", bold=True, space_before=8)
    grid(
        doc,
        ["Учебное заведение", "Год окончания", "Специальность (направление)", "Квалификация"],
        "e in education_rows",
        ["{{ e.institution }}", "{{ e.year }}", "{{ e.specialty }}", "{{ e.qualification }}"],
        widths=(60, 20, 50, 35),
        centered=(1,),
        empty=LINE,
    )
    para(doc, "Трудовая деятельность", bold=True, space_before=8)
    grid(
        doc,
        ["Начало", "Окончание", "Организация", "Должность", "Руково­дящая"],
        "w in work_rows",
        [
            "{{ w.start }}",
            "{{ w.end }}",
            "{{ w.organisation }}",
            "{{ w.post }}",
            "{{ w.managerial }}",
        ],
        widths=(22, 25, 60, 40, 18),
        centered=(0, 1, 4),
        empty=LINE,
    )
    para(
        doc,
        "Я, {{ applicant.nominative }}, {{ consent.agreed }} на проверку представленных мною "
        "сведений, на обработку и опубликование моих персональных данных. "
        "{{ consent.notified|capitalize }} о том, что предоставление мною ложных сведений "
        "служит основанием для отказа во включении в резерв управленческих кадров Республики "
        "Башкортостан (пункт 3.7 Порядка).",
        indent=True,
        align="justify",
        space_before=10,
    )
    para(doc, "", space_before=6)
    _sign_line(
        doc,
        "{{ consent.date }}",
        "(дата)",
        "{{ applicant.short }}",
        "(подпись, расшифровка подписи)",
    )
    return doc


# --------------------------------------------------------------------------- protocols


def _attendance(doc: object) -> None:
    para(
        doc,
        "1. Присутствовало на заседании {{ attendance.present }} из {{ attendance.members }} "
        "членов Комиссии{% if attendance.quorum %} (кворум — {{ attendance.quorum }}; "
        "заседание {% if attendance.valid %}правомочно{% else %}неправомочно{% endif %})"
        "{% endif %}.",
        space_before=8,
    )
    grid(
        doc,
        ["Фамилия, имя, отчество члена Комиссии, присутствовавшего на заседании", "Должность"],
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


def _votes(doc: object, number: int) -> None:
    para(doc, f"{number}. Результаты голосования членов Комиссии", space_before=8)
    tag(doc, "{%p for v in votes %}")
    para(doc, "{{ v.name.nominative }}; вопрос: {{ v.question }}", bold=True, space_before=6)
    grid(
        doc,
        ["Фамилия, имя, отчество члена Комиссии", "«за»", "«против»", "«воздержался»"],
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
    tag(doc, "{%p else %}")
    para(
        doc,
        "Голосование не проводилось: решение принято по результатам рейтинга кандидатов.",
        indent=True,
    )
    tag(doc, "{%p endfor %}")


def _absent(doc: object, number: int) -> None:
    para(
        doc,
        f"{number}. В заседании Комиссии не участвовали следующие члены Комиссии: "
        "{% for m in absent_members %}{{ m.name }}{% if not loop.last %}, {% endif %}"
        "{% else %}отсутствовавших нет{% endfor %}.",
        space_before=8,
    )


def _protocol_head(doc: object, subtitle: str) -> None:
    para(doc, "{{ body.name }}", align="center", bold=True)
    para(doc, "ПРОТОКОЛ", align="center", bold=True, size=14, space_before=6)
    para(doc, "заседания {{ commission.genitive }}", align="center")
    para(doc, subtitle, align="center")
    para(doc, "{{ meeting.date }}", align="center", space_before=6)
    hint(
        doc,
        "(дата заседания){% if meeting.place %}; место: {{ meeting.place }}{% endif %}",
    )


def br_remote_protocol() -> object:
    doc = new_document("Протокол заседания Комиссии (заочный этап)")
    _protocol_head(
        doc,
        "о допуске кандидатов к очному этапу отбора по результатам первичного ранжирования "
        "(заочный этап)",
    )
    _attendance(doc)
    para(
        doc,
        "2. Проведено первичное ранжирование кандидатов в зависимости от уровня развития "
        "профессионального и управленческого опыта и управленческой готовности в соответствии "
        "с представленными ими данными (пункт 4.8 Порядка). Критерии: "
        "{% for c in criteria %}{{ loop.index }}) {{ c.title }} (0–{{ c.max }})"
        "{% if not loop.last %}; {% endif %}{% endfor %}.",
        align="justify",
        space_before=8,
    )
    tag(doc, "{%p for level in levels %}")
    para(doc, "{{ level.title }}", bold=True, space_before=6)
    grid(
        doc,
        [
            "Место",
            "Фамилия, имя, отчество кандидата",
            "Баллы по критериям 1–{{ criteria|length }}",
            "Итого",
            "Решение",
        ],
        "r in level.rows",
        [
            "{{ r.place }}",
            "{{ r.name.nominative }}",
            "{{ r.criteria|join(' / ') }}",
            "{{ r.score }} из {{ r.max }}",
            "{{ r.verdict }}",
        ],
        widths=(14, 61, 30, 25, 35),
        centered=(0, 2, 3),
    )
    tag(doc, "{%p endfor %}")
    _votes(doc, 3)
    para(
        doc,
        "4. Комиссия решила допустить к очному этапу отбора кандидатов, продемонстрировавших "
        "наиболее высокий уровень профессионального и управленческого опыта и управленческой "
        "готовности (пункт 4.9 Порядка):",
        align="justify",
        space_before=8,
    )
    tag(doc, "{%p for level in levels %}")
    para(
        doc,
        "{{ level.title }}: {% for r in level.passed %}{{ r.name.accusative }}"
        "{% if not loop.last %}, {% endif %}{% else %}кандидаты не допущены{% endfor %}.",
        indent=True,
    )
    tag(doc, "{%p endfor %}")
    para(
        doc,
        "Не допустить к очному этапу отбора: "
        "{% for name in failed %}{{ name.accusative }}{% if not loop.last %}, {% endif %}"
        "{% else %}—{% endfor %}.",
        indent=True,
    )
    _absent(doc, 5)
    signatures(doc)
    return doc


def br_in_person_protocol() -> object:
    doc = new_document("Протокол заседания Комиссии (очный этап)")
    _protocol_head(
        doc,
        "о включении кандидатов в резерв управленческих кадров Республики Башкортостан "
        "по результатам очного этапа отбора",
    )
    _attendance(doc)
    para(
        doc,
        "2. Рассмотрены экспертные заключения и рейтинг кандидатов по уровню развития "
        "личностно-профессиональных ресурсов, сформированный экспертной группой по результатам "
        "углублённой диагностики (пункт 4.11 Порядка), и документы, представленные кандидатами "
        "(пункт 4.12 Порядка).",
        align="justify",
        space_before=8,
    )
    tag(doc, "{%p for level in levels %}")
    para(doc, "{{ level.title }}", bold=True, space_before=6)
    grid(
        doc,
        [
            "Место",
            "Фамилия, имя, отчество кандидата",
            "Рейтинговый балл",
            "Документы (п. 4.12)",
            "Решение",
        ],
        "r in level.rows",
        [
            "{{ r.place }}",
            "{{ r.name.nominative }}",
            "{{ r.score }} из {{ r.max }}",
            "{{ r.documents }}",
            "{{ r.verdict }}",
        ],
        widths=(14, 61, 27, 28, 35),
        centered=(0, 2),
    )
    tag(doc, "{%p endfor %}")
    _votes(doc, 3)
    para(
        doc,
        "4. Комиссия решила включить в резерв управленческих кадров Республики Башкортостан "
        "кандидатов, продемонстрировавших наиболее высокий уровень развития "
        "личностно-профессиональных ресурсов (пункт 4.13 Порядка):",
        align="justify",
        space_before=8,
    )
    tag(doc, "{%p for level in levels %}")
    para(
        doc,
        "{{ level.title }}: {% for r in level.passed %}{{ r.name.accusative }} (рейтинговый "
        "балл {{ r.score }}){% if not loop.last %}, {% endif %}{% else %}кандидаты не "
        "включены{% endfor %}.",
        indent=True,
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if without_competition %}")
    para(doc, "Включаются в резерв без конкурсных процедур (пункт 3.8 Порядка):", indent=True)
    tag(doc, "{%p for w in without_competition %}")
    para(doc, "{{ w.name.nominative }} — {{ w.level }}; {{ w.route }}.", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(
        doc,
        "Отказать во включении в резерв: "
        "{% for name in failed %}{{ name.dative }}{% if not loop.last %}, {% endif %}"
        "{% else %}—{% endfor %}.",
        indent=True,
    )
    para(
        doc,
        "5. Предложения Комиссии направить Главе Республики Башкортостан для включения "
        "кандидатов в резерв распоряжением Главы Республики Башкортостан (пункт 3.3 Порядка).",
        align="justify",
        space_before=8,
    )
    _absent(doc, 6)
    signatures(doc)
    return doc


# --------------------------------------------------------------------------- list and notice


def br_reserve_list() -> object:
    doc = new_document("Список лиц, включённых в резерв управленческих кадров")
    para(doc, "СПИСОК", align="center", bold=True, size=14)
    para(
        doc,
        "лиц, включённых в резерв управленческих кадров Республики Башкортостан",
        align="center",
    )
    para(
        doc,
        "(распоряжение Главы Республики Башкортостан от "
        "{% if order.date %}{{ order.date }}{% else %}«___» ____________ 20___ г.{% endif %} "
        "№ ________)",
        align="center",
        space_before=4,
    )
    hint(doc, "по итогам конкурса «{{ campaign.title }}»")
    tag(doc, "{%p for level in levels %}")
    para(doc, "{{ level.title }}", bold=True, space_before=8)
    grid(
        doc,
        ["№ п/п", "Фамилия, имя, отчество"],
        "p in level.people",
        ["{{ p.n }}", "{{ p.name.nominative }}"],
        widths=(20, 145),
        centered=(0,),
        empty="Лица не включены.",
    )
    tag(doc, "{%p endfor %}")
    para(doc, "Всего включено в резерв: {{ total }}.", space_before=8)
    para(
        doc,
        "Резерв формируется на {{ term }} (пункт 1.5 Порядка). Списочный состав резерва "
        "размещается на портале {{ portal }} в течение 10 рабочих дней со дня его утверждения "
        "Главой Республики Башкортостан (пункты 1.7, 4.18 Порядка).",
        align="justify",
        size=10,
        space_before=6,
    )
    return doc


def br_results_notice() -> object:
    doc = new_document("Сообщение о результатах конкурса")
    letter_head(doc)
    tag(doc, "{%p for sentence in result.sentences %}")
    para(doc, "{{ sentence }}", indent=True, align="justify")
    tag(doc, "{%p endfor %}")
    para(
        doc,
        "Благодарим Вас за участие в конкурсе на включение в резерв управленческих кадров "
        "Республики Башкортостан.",
        indent=True,
        align="justify",
    )
    letter_signature(doc)
    return doc


BUILDERS: dict[str, Callable[[], object]] = {
    "br_application": br_application,
    "br_nomination": br_nomination,
    "br_questionnaire": br_questionnaire,
    "br_remote_protocol": br_remote_protocol,
    "br_in_person_protocol": br_in_person_protocol,
    "br_reserve_list": br_reserve_list,
    "br_results_notice": br_results_notice,
}
