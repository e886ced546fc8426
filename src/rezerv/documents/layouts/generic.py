"""DOCX layouts of the generic forms (see ``rezerv.documents.generic`` for their contexts)."""

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
    tag,
    underline,
)


def _rating_table(doc: object) -> None:
    grid(
        doc,
        ["Место", "Фамилия, имя, отчество кандидата", "Балл", "Решение"],
        "r in s.rating",
        [
            "{{ r.place }}",
            "{{ r.name.nominative }}",
            "{{ r.score }}{% if r.max %} из {{ r.max }}{% endif %}",
            "{{ r.outcome_title }}",
        ],
        widths=(18, 70, 30, 47),
        centered=(0, 2),
        empty="Кандидатов нет.",
    )


def _signatures(doc: object) -> None:
    """The signature blocks of a section (``blocks.signatures`` reads ``s`` as the signature)."""
    table = doc.add_table(rows=0, cols=3)  # type: ignore[attr-defined]
    no_borders(table)
    table.add_row().cells[0].text = "{%tr for sig in s.signatures %}"
    row = table.add_row()
    cell_text(row.cells[0], "{{ sig.title }}")
    cell_text(row.cells[1], "")
    underline(row.cells[1])
    cell_text(row.cells[2], "{{ sig.name }}")
    caption = table.add_row()
    cell_text(caption.cells[1], "(подпись)", align="center", size=8)
    cell_text(caption.cells[2], "(фамилия, имя, отчество)", align="center", size=8)
    table.add_row().cells[0].text = "{%tr endfor %}"
    set_widths(table, (70, 35, 60))


def _heading(doc: object, title: str, subtitle: str) -> None:
    para(doc, "{{ body.name }}", align="center", bold=True)
    para(doc, title, align="center", bold=True, size=14, space_before=6)
    para(
        doc,
        subtitle + "{{ campaign.title }}"
        "{% if campaign.position %} ({{ campaign.position_full }}){% endif %}",
        align="center",
    )


def generic_rating() -> object:
    doc = new_document("Рейтинг кандидатов")
    _heading(doc, "РЕЙТИНГ КАНДИДАТОВ", "")
    tag(doc, "{%p for s in sections %}")
    para(
        doc,
        "{{ s.stage }}{% if s.commission %} — {{ s.commission }}{% endif %}: "
        "решение от {{ s.decided }}",
        bold=True,
        space_before=8,
    )
    _rating_table(doc)
    tag(doc, "{%p endfor %}")
    return doc


def generic_decision() -> object:
    doc = new_document("Протокол заседания комиссии")
    _heading(doc, "ПРОТОКОЛ", "заседания комиссии: ")
    tag(doc, "{%p for s in sections %}")
    para(
        doc,
        "{{ s.stage }}{% if s.commission %} — {{ s.commission }}{% endif %}",
        bold=True,
        space_before=8,
    )
    para(
        doc,
        "Дата заседания: {{ s.date }}{% if s.place %}; место: {{ s.place }}{% endif %}.",
        indent=True,
    )
    para(
        doc,
        "Присутствовали {{ s.attendance.present }} из {{ s.attendance.members }} членов комиссии"
        "{% if s.attendance.valid %}; заседание правомочно{% else %}; заседание неправомочно"
        "{% endif %}: {% for m in s.present_members %}{{ m.name }}{% if m.post %} ({{ m.post }})"
        "{% endif %}{% if not loop.last %}, {% endif %}{% endfor %}.",
        indent=True,
        align="justify",
    )
    para(
        doc,
        "Не участвовали: {% for m in s.absent_members %}{{ m.name }}{% if not loop.last %}, "
        "{% endif %}{% else %}отсутствовавших нет{% endfor %}.",
        indent=True,
    )
    para(doc, "Рейтинг кандидатов", bold=True, space_before=6)
    _rating_table(doc)
    tag(doc, "{%p if s.votes %}")
    para(doc, "Результаты голосования", bold=True, space_before=6)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for v in s.votes %}")
    para(
        doc,
        "{{ v.name.nominative }} — вопрос «{{ v.question }}»: «за» — {{ v.totals.yes }}, "
        "«против» — {{ v.totals.no }}, «воздержался» — {{ v.totals.abstain }}; "
        "{{ v.outcome_text }}.",
        indent=True,
        align="justify",
    )
    grid(
        doc,
        ["Член комиссии", "Голос"],
        "m in v.members",
        ["{{ m.name }}", "{{ m.vote }}"],
        widths=(110, 55),
    )
    tag(doc, "{%p endfor %}")
    para(doc, "Решение комиссии", bold=True, space_before=6)
    tag(doc, "{%p for g in s.awarded %}")
    para(
        doc,
        "{{ g.title }}: {% for n in g.people %}{{ n.nominative }}{% if not loop.last %}, "
        "{% endif %}{% else %}нет{% endfor %}.",
        indent=True,
    )
    tag(doc, "{%p endfor %}")
    _signatures(doc)
    hint(
        doc,
        "Решение от {{ s.decided }}; регламент: {{ campaign.regulation }}"
        "{% if s.regulation %}, редакция {{ s.regulation }}{% endif %}; "
        "контрольная сумма {{ s.digest }}.",
    )
    tag(doc, "{%p endfor %}")
    return doc


def generic_refusal() -> object:
    doc = new_document("Уведомление об отказе в допуске")
    letter_head(doc)
    para(
        doc,
        "Сообщаем, что по результатам рассмотрения документов, представленных Вами "
        "{{ application.submitted }} для участия в процедуре «{{ campaign.title }}»"
        "{% if campaign.position %} (должность: {{ campaign.position_full }}){% endif %}, Вам "
        "отказано в допуске{% if decided %} (решение от {{ decided }}){% endif %} по следующим "
        "основаниям:",
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
        "Решение может быть обжаловано в порядке, установленном законодательством.",
        indent=True,
        align="justify",
    )
    letter_signature(doc)
    return doc


def generic_invitation() -> object:
    doc = new_document("Приглашение для участия в следующем этапе")
    letter_head(doc)
    para(
        doc,
        "Сообщаем, что Вы допущены к участию в этапе «{{ stage }}» процедуры "
        "«{{ campaign.title }}»{% if campaign.position %} (должность: "
        "{{ campaign.position_full }}){% endif %}.",
        indent=True,
        align="justify",
    )
    para(
        doc,
        "Заседание состоится {{ meeting.date }}"
        "{% if meeting.place %}, место проведения: {{ meeting.place }}{% endif %}.",
        indent=True,
        align="justify",
    )
    para(doc, "При себе необходимо иметь документ, удостоверяющий личность.", indent=True)
    letter_signature(doc)
    return doc


def generic_results_notice() -> object:
    doc = new_document("Уведомление о результатах")
    letter_head(doc)
    para(
        doc,
        "Сообщаем о результатах процедуры «{{ campaign.title }}»{% if campaign.position %} "
        "(должность: {{ campaign.position_full }}){% endif %}.",
        indent=True,
        align="justify",
    )
    para(
        doc,
        "{% if result.stage %}По итогам этапа «{{ result.stage }}» принято{% else %}Принято"
        "{% endif %} решение: {{ result.outcome_title }}.",
        indent=True,
        align="justify",
    )
    tag(doc, "{%p if result.rated %}")
    para(
        doc,
        "Ваш балл — {{ result.score }}{% if result.max %} (максимальный балл — {{ result.max }})"
        "{% endif %}, место в рейтинге кандидатов — {{ result.place }}.",
        indent=True,
        align="justify",
    )
    tag(doc, "{%p endif %}")
    para(
        doc,
        "Благодарим Вас за участие. Решение может быть обжаловано в порядке, установленном "
        "законодательством.",
        indent=True,
        align="justify",
    )
    letter_signature(doc)
    return doc


BUILDERS: dict[str, Callable[[], object]] = {
    "generic_rating": generic_rating,
    "generic_decision": generic_decision,
    "generic_refusal": generic_refusal,
    "generic_invitation": generic_invitation,
    "generic_results_notice": generic_results_notice,
}
