"""KM forms opened as a person would: every DOCX through python-docx, every PDF as text.

The world (``world.py``): a decided vacancy competition and a decided reserve competition.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from rezerv.documents import registry
from rezerv.documents.access import DocumentRef
from rezerv.documents.services import document_available, document_render
from rezerv.documents.style import doc_date
from rezerv.engine.loader import load_regulation
from rezerv.selection import services
from tests.documents.helpers import ref, render, rule_codes_in_letters
from tests.web import factories as f

pytestmark = pytest.mark.django_db

PRESENT = [
    "Смирнов Алексей Петрович",
    "Кузнецова Ольга Викторовна",
    "Соколов Дмитрий Андреевич",
    "Попова Елена Игоревна",
    "Лебедев Сергей Николаевич",
]


def meeting_date(world: dict[str, Any]) -> str:
    return doc_date(world["meeting"].date)


# --------------------------------------------------------------------------- decision (appendix 5)


def test_km17_decision_docx_attendance_rating_votes_winner_reserve_absent_signatures(
    world: dict[str, Any], docx: Any
) -> None:
    doc = docx(render(world, "km_decision", world["campaign"], "docx"))
    text = doc.text
    assert "Приложение № 5 к методике" in doc.paragraphs
    assert meeting_date(world) in doc.paragraphs  # «DD» месяца YYYY г.
    assert (
        "1. Присутствовало на заседании 5 из 6 членов конкурсной комиссии "
        "(кворум — 4; заседание правомочно)." in doc.paragraphs
    )
    assert doc.row("Смирнов Алексей Петрович") == [
        "Смирнов Алексей Петрович",
        "начальник управления",
    ]
    # the chair in the genitive
    assert "Заседание проведено под председательством Смирнова Алексея Петровича." in text
    # the rating: score and place (KM-16)
    assert doc.row("Иванов Иван Иванович")[1:] == ["41,00", "1"]
    assert doc.row("Петрова Мария Сергеевна")[1:] == ["39,00", "2"]
    assert doc.row("Сидоров Пётр Алексеевич")[1:] == ["36,20", "3"]
    # the vote per candidate and member, with totals (KM-17)
    votes = [r for r in doc.rows if r[0] in PRESENT and len(r) == 4]
    assert votes[:5] == [
        ["Смирнов Алексей Петрович", "X", "", ""],
        ["Кузнецова Ольга Викторовна", "X", "", ""],
        ["Соколов Дмитрий Андреевич", "X", "", ""],
        ["Попова Елена Игоревна", "", "X", ""],
        ["Лебедев Сергей Николаевич", "X", "", ""],
    ]
    assert votes[5:10] == [
        ["Смирнов Алексей Петрович", "X", "", ""],
        ["Кузнецова Ольга Викторовна", "X", "", ""],
        ["Соколов Дмитрий Андреевич", "", "X", ""],
        ["Попова Елена Игоревна", "X", "", ""],
        ["Лебедев Сергей Николаевич", "", "", "X"],
    ]
    # Попова recused herself from Сидоров: no vote, said so
    assert ["Попова Елена Игоревна (самоотвод)", "", "", ""] in doc.rows
    totals = [r for r in doc.rows if r[0] == "Итого"]
    assert totals == [["Итого", "4", "1", "0"], ["Итого", "3", "1", "1"], ["Итого", "2", "2", "0"]]
    assert "Решение принято." in doc.paragraphs
    # the tie on Сидоров: the engine did not count the vote (no consent), and says why
    (sidorov,) = [p for p in doc.paragraphs if p.startswith("Решение не принято")]
    assert "рекомендован в резерв: нет согласия кандидата" in sidorov
    assert "победитель" not in sidorov
    # the winner and the recommended, declined where the sentence needs it
    assert ["Иванов Иван Иванович", "Главный специалист"] in doc.rows
    assert "Признать победителем конкурса Иванова Ивана Ивановича (итоговый балл 41,00)." in text
    assert [
        "Петрова Мария Сергеевна",
        "старшая группа должностей категории «специалисты»",
    ] in doc.rows
    assert "Рекомендовать Петрову Марию Сергеевну к включению в кадровый резерв." in text
    assert "Рекомендовать Сидорова" not in text  # no consent: not recommended (KM-18)
    # absent members
    assert (
        "7. В заседании конкурсной комиссии не участвовали следующие члены комиссии: "
        "Орлова Анна Сергеевна." in doc.paragraphs
    )
    # signature blocks for the members who attended, and only for them
    signed = [r for r in doc.rows if len(r) == 3 and r[2] in PRESENT]
    assert [(r[0], r[2]) for r in signed] == [
        ("Председатель конкурсной комиссии", "Смирнов Алексей Петрович"),
        ("Заместитель председателя конкурсной комиссии", "Кузнецова Ольга Викторовна"),
        ("Секретарь конкурсной комиссии", "Соколов Дмитрий Андреевич"),
        ("Независимый эксперт", "Попова Елена Игоревна"),
        ("Представитель общественного совета", "Лебедев Сергей Николаевич"),
    ]
    assert not any("Орлова" in r[-1] for r in doc.rows if len(r) == 3)


def test_km17_decision_pdf_has_the_same_facts_and_page_numbers(
    world: dict[str, Any], pdf: Any
) -> None:
    doc = pdf(render(world, "km_decision", world["campaign"], "pdf"))
    flat = doc.flat
    assert "РЕШЕНИЕ" in flat and "Приложение № 5 к методике" in flat
    assert meeting_date(world) in flat
    assert "Присутствовало на заседании 5 из 6 членов конкурсной комиссии" in flat
    assert "под председательством Смирнова Алексея Петровича" in flat
    assert "Иванов Иван Иванович 41,00 1" in flat
    assert "Петрова Мария Сергеевна 39,00 2" in flat
    assert "Сидоров Пётр Алексеевич 36,20 3" in flat
    assert "Итого 4 1 0" in flat and "Итого 3 1 1" in flat and "Итого 2 2 0" in flat
    assert "Признать победителем конкурса Иванова Ивана Ивановича" in flat
    assert "Рекомендовать Петрову Марию Сергеевну к включению в кадровый резерв" in flat
    assert "не участвовали следующие члены комиссии: Орлова Анна Сергеевна" in flat
    for name in PRESENT:
        assert name in flat
    pages = len(doc.pages)
    assert pages >= 2
    for n, page in enumerate(doc.pages, start=1):
        assert f"Страница {n} из {pages}" in " ".join(page.split())


def test_km17_reserve_protocol_appendix_6(worlds: dict[str, Any], docx: Any, pdf: Any) -> None:
    world = worlds["reserve"]
    campaign = world["campaign"]
    decision_spec = registry.get("km_decision")
    assert decision_spec is not None
    # a reserve competition gets the protocol, not the vacancy decision
    assert not document_available(DocumentRef(decision_spec, campaign))
    doc = docx(render(world, "km_reserve_protocol", campaign, "docx"))
    assert "ПРОТОКОЛ" in doc.paragraphs and "Приложение № 6 к методике" in doc.paragraphs
    assert (
        "2. Проведен конкурс на включение в кадровый резерв государственного органа по следующей "
        "группе должностей государственной гражданской службы: старшая группа должностей "
        "категории «специалисты»." in doc.paragraphs
    )
    assert doc.row("Иванов Иван Иванович")[1:] == ["41,00", "1"]
    assert [r for r in doc.rows if r[0] == "Итого"] == [
        ["Итого", "5", "0", "0"],
        ["Итого", "3", "1", "1"],
        ["Итого", "2", "2", "0"],
    ]
    assert "Включить в кадровый резерв Иванова Ивана Ивановича (итоговый балл 41,00)." in doc.text
    assert "Включить в кадровый резерв Петрову Марию Сергеевну (итоговый балл 39,00)." in doc.text
    assert (
        "6. В заседании конкурсной комиссии не участвовали следующие члены комиссии: " in doc.text
    )
    text = pdf(render(world, "km_reserve_protocol", campaign, "pdf")).flat
    assert "ПРОТОКОЛ" in text and "Включить в кадровый резерв Петрову Марию Сергеевну" in text
    assert "Страница 1 из" in text


# --------------------------------------------------------------------------- ballot (appendix 4)


def test_km15_ballot_of_a_member_lists_candidates_points_and_reasons(
    world: dict[str, Any], docx: Any, pdf: Any
) -> None:
    popova = world["members"]["popova"]
    doc = docx(render(world, "km_ballot", popova, "docx"))
    assert "Конкурсный бюллетень" in doc.paragraphs
    assert meeting_date(world) in doc.paragraphs
    assert "Главный специалист" in doc.paragraphs
    assert "(Справочно: максимальный балл составляет 10 баллов)" in doc.paragraphs
    assert doc.row("1") == ["1", "Иванов Иван Иванович", "8", "Уверенные ответы по существу"]
    assert doc.row("2") == ["2", "Петрова Мария Сергеевна", "7", ""]
    assert doc.row("3") == ["3", "Сидоров Пётр Алексеевич", "—", "самоотвод (конфликт интересов)"]
    assert not any("Ким" in cell for row in doc.rows for cell in row)  # refused: not on the ballot
    assert any("Попова Елена Игоревна, доцент КемГУ" in r[0] for r in doc.rows)
    text = pdf(render(world, "km_ballot", popova, "pdf")).flat
    assert "1 Иванов Иван Иванович 8 Уверенные ответы по существу" in text
    assert "Попова Елена Игоревна, доцент КемГУ" in text and "Страница 1 из 1" in text


def test_km15_ballot_before_scoring_is_the_blank_paper_form(docx: Any) -> None:
    today = timezone.localdate()
    hr = f.hr_user(f.body(), "hr_blank")
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    f.km_application(campaign, f.candidate("blank1", "Орлов", "Олег", "Олегович"))
    member = f.km_commission(hr, campaign)[0]
    spec = registry.get("km_ballot")
    assert spec is not None
    doc = docx(document_render(actor=hr, ref=DocumentRef(spec, member), fmt="docx").content)
    assert doc.row("1") == ["1", "Орлов Олег Олегович", "", ""]
    assert "«___» ____________ 20___ г." in doc.paragraphs  # no meeting yet: the date by hand


# --------------------------------------------------------------------------- letters to candidates


def test_km6_c2_refusal_is_addressed_in_the_dative_with_the_reasons(
    world: dict[str, Any], docx: Any, pdf: Any
) -> None:
    kim = world["apps"]["kim"]
    doc = docx(render(world, "km_refusal", kim, "docx"))
    # no patronymic: the recorded gender (female) declines the first name; «Ким» stays
    assert "Ким Александре" in doc.paragraphs
    assert "Уважаемая Александра!" in doc.paragraphs
    assert "Уведомление об отказе в допуске к участию в конкурсе" in doc.paragraphs
    assert "1. Не представлена копия трудовой книжки." in doc.paragraphs
    assert (
        "2. Копии документов не соответствуют оригиналам (пп. 3.3–3.5 Методики)." in doc.paragraphs
    )
    assert doc_date(kim.submitted_at) in doc.text and doc_date(kim.decided_at) in doc.text
    assert "обжаловано" in doc.text
    text = pdf(render(world, "km_refusal", kim, "pdf")).flat
    assert "Ким Александре" in text and "Уважаемая Александра!" in text
    assert "1. Не представлена копия трудовой книжки." in text
    assert "Страница 1 из 1" in text


def test_km6_refusal_without_recorded_text_takes_the_engine_reasons(docx: Any) -> None:
    today = timezone.localdate()
    hr = f.hr_user(f.body(), "hr_engine")
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    person = f.candidate("late1", "Иванов", "Иван", "Иванович")
    from rezerv.selection.selectors import CONSENT_TEXT, questionnaire_facts

    app = services.application_submit(
        actor=person.user,
        campaign=campaign,
        person=person,
        route="default",
        facts={**questionnaire_facts(person, campaign.regulation.load().regulation), **f.KM_FACTS},
        consent_text=CONSENT_TEXT,
        consent_given=True,
        files={d: f.pdf(f"{d}.pdf") for d in f.KM_DOCS if d != "work_record"},
    )
    # a refusal recorded without a text (an old record): the engine says why
    type(app).objects.filter(pk=app.pk).update(status="refused", refusal_text="")
    app.refresh_from_db()
    spec = registry.get("km_refusal")
    assert spec is not None
    doc = docx(document_render(actor=hr, ref=DocumentRef(spec, app), fmt="docx").content)
    reasons = [p for p in doc.paragraphs if p.startswith("1. ")]
    assert reasons and "трудовой книжки" in reasons[0]
    assert "KM-" not in doc.text  # a letter to a citizen cites clauses, never a rule ID
    assert "Иванову Ивану Ивановичу" in doc.paragraphs


def test_km8_invitation_gives_date_place_and_the_list_of_candidates(
    world: dict[str, Any], docx: Any, pdf: Any
) -> None:
    petrova = world["apps"]["petrova"]
    doc = docx(render(world, "km_invitation", petrova, "docx"))
    assert "Петровой Марии Сергеевне" in doc.paragraphs
    assert "Уважаемая Мария Сергеевна!" in doc.paragraphs
    assert (
        f"Второй этап конкурса состоится {meeting_date(world)}, место проведения: г. Кемерово, "
        "ул. Примерная, 1, зал заседаний." in doc.paragraphs
    )
    assert [p for p in doc.paragraphs if p[:2] in ("1.", "2.", "3.", "4.")] == [
        "1. Иванов Иван Иванович",
        "2. Петрова Мария Сергеевна",
        "3. Сидоров Пётр Алексеевич",
    ]  # admitted only: Ким was refused
    text = pdf(render(world, "km_invitation", petrova, "pdf")).flat
    assert "Петровой Марии Сергеевне" in text and meeting_date(world) in text
    assert "Сидоров Пётр Алексеевич" in text and "Ким" not in text


def test_km20_results_notice_tells_each_candidate_their_outcome(
    world: dict[str, Any], docx: Any, pdf: Any
) -> None:
    apps = world["apps"]
    winner = docx(render(world, "km_results_notice", apps["ivanov"], "docx"))
    assert "Иванову Ивану Ивановичу" in winner.paragraphs
    assert "Уважаемый Иван Иванович!" in winner.paragraphs
    assert any("Вы признаны победителем конкурса" in p for p in winner.paragraphs)
    assert (
        "Ваш итоговый балл — 41,00 (максимальный балл — 50), место в рейтинге кандидатов — 1."
        in winner.paragraphs
    )
    assert any(meeting_date(world) in p for p in winner.paragraphs)
    reserve = docx(render(world, "km_results_notice", apps["petrova"], "docx"))
    assert "Петровой Марии Сергеевне" in reserve.paragraphs
    assert any("рекомендовала Вас для включения в кадровый резерв" in p for p in reserve.paragraphs)
    assert any("место в рейтинге кандидатов — 2" in p for p in reserve.paragraphs)
    other = pdf(render(world, "km_results_notice", apps["sidorov"], "pdf")).flat
    assert "Сидорову Петру Алексеевичу" in other
    assert "Вы не признаны победителем конкурса" in other
    assert "36,20" in other and "место в рейтинге кандидатов — 3" in other
    assert "Страница 1 из 1" in other
    # the refused candidate got a refusal, not a results notice
    spec = registry.get("km_results_notice")
    assert spec is not None and not document_available(DocumentRef(spec, apps["kim"]))


# --------------------------------------------------------------------------- every form


def test_every_km_form_has_page_numbers_and_a_footer(
    worlds: dict[str, Any], docx: Any, pdf: Any
) -> None:
    vacancy, reserve = worlds["vacancy"], worlds["reserve"]
    subjects = {
        "km_decision": (vacancy, vacancy["campaign"]),
        "km_reserve_protocol": (reserve, reserve["campaign"]),
        "km_ballot": (vacancy, vacancy["members"]["smirnov"]),
        "km_refusal": (vacancy, vacancy["apps"]["kim"]),
        "km_invitation": (vacancy, vacancy["apps"]["ivanov"]),
        "km_results_notice": (vacancy, vacancy["apps"]["ivanov"]),
    }
    assert set(subjects) == {s.code for s in registry.forms_for(load_regulation("KM").regulation)}
    for code, (w, subject) in subjects.items():
        spec = registry.get(code)
        assert spec is not None
        word = docx(render(w, code, subject, "docx"))
        # Word fills the fields when it lays the pages out
        assert 'w:instr="PAGE"' in word.footer_xml and 'w:instr="NUMPAGES"' in word.footer_xml, code
        assert "Страница" in word.footer and w["body"].name in word.footer, code
        assert "{{" not in word.text and "{%" not in word.text, code
        printed = pdf(render(w, code, subject, "pdf"))
        assert f"Страница 1 из {len(printed.pages)}" in printed.flat, code
        assert w["body"].name in printed.flat, code


def test_documents_do_not_exist_before_their_data(world: dict[str, Any]) -> None:
    def available(code: str, subject: Any) -> bool:
        spec = registry.get(code)
        assert spec is not None
        return document_available(DocumentRef(spec, subject))

    assert not available("km_refusal", world["apps"]["ivanov"])  # admitted
    assert available("km_refusal", world["apps"]["kim"])
    assert not available("km_invitation", world["apps"]["kim"])  # refused
    today = timezone.localdate()
    hr = f.hr_user(f.body(), "hr_early")
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    app = f.km_application(campaign, f.candidate("early1", "Орлов", "Олег", "Олегович"))
    assert not available("km_decision", campaign)  # no decision yet
    assert not available("km_invitation", app)  # no meeting scheduled yet
    assert not available("km_results_notice", app)
    with pytest.raises(services.ServiceError):
        spec = registry.get("km_decision")
        assert spec is not None
        document_render(actor=hr, ref=DocumentRef(spec, campaign), fmt="pdf")


def test_letters_to_the_candidates_cite_no_rule_id(worlds: dict[str, Any]) -> None:
    """Every letter of the decided competitions (refusal, invitation, notice of results), DOCX and
    PDF: clauses the regulation words, never a rule ID (the demo has no decided KM campaign)."""
    apps = [a for world in worlds.values() for a in world["apps"].values()]
    for form in ("km_refusal", "km_invitation", "km_results_notice"):
        assert any(document_available(ref(form, a)) for a in apps), form
    found = [
        line
        for world in worlds.values()
        for line in rule_codes_in_letters(world, list(world["apps"].values()))
    ]
    assert found == []
