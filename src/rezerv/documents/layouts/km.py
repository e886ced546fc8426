"""DOCX layouts of the KM forms (see ``rezerv.documents.km`` for their contexts)."""

from __future__ import annotations

from collections.abc import Callable

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
    no_borders(table)
    cell_text(
        table.rows[0].cells[0],
        "{{ member.nominative }}{% if member.post %}, {{ member.post }}{% endif %}",
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
