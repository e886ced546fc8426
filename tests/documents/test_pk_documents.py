"""PK forms opened as a person would: every DOCX through python-docx, every PDF as text.

The world (``world_pk.py``): a decided formation of the reserve of the Pokrovskoe rural
settlement — two target positions, a member kept without re-examination, three candidates scored
on appendix 6, one of them not selected because the position's two places are taken (PK-2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rezerv.documents import pk as pk_forms
from rezerv.documents import registry
from rezerv.documents.services import document_available, document_render
from rezerv.documents.style import doc_date
from rezerv.engine.loader import load_regulation
from rezerv.selection import services
from rezerv.selection.models import Ballot, Campaign
from rezerv.selection.services import ServiceError
from tests.documents.helpers import ref, render, rolled_back, status_of
from tests.documents.world_pk import ECONOMY, HOUSING, PK_DOCS, STRONG, pk_documents_world

pytestmark = pytest.mark.django_db

PRESENT = [
    "Смирнов Алексей Петрович",
    "Кузнецова Ольга Викторовна",
    "Соколов Дмитрий Андреевич",
    "Попова Елена Игоревна",
]
CODES = (
    "pk_reserve_list",
    "pk_recommendation",
    "pk_application",
    "pk_questionnaire",
    "pk_consent",
    "pk_criteria_sheet",
)


@pytest.fixture(scope="module")
def world(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[dict[str, Any]]:
    with rolled_back(django_db_blocker, tmp_path_factory.mktemp("media_pk")):
        yield pk_documents_world(timezone.localdate().year - 1)


def app(world: dict[str, Any], key: str) -> Any:
    return world["apps"][key]


def assert_docx_page_fields(doc: Any) -> None:
    assert "PAGE" in doc.footer_xml and "NUMPAGES" in doc.footer_xml


def test_every_pk_form_is_registered_with_its_appendix_and_a_bundled_layout() -> None:
    specs = {s.code: s for s in registry.forms_for(load_regulation("PK").regulation)}
    assert set(specs) == set(CODES)
    assert specs["pk_reserve_list"].appendix == "Приложение 1 к Положению"
    for n, code in enumerate(CODES[1:], start=2):
        assert specs[code].appendix == f"Приложение № {n} к Положению"
    for spec in specs.values():
        assert spec.slug.isascii() and spec.slug.startswith("pk_")


# --------------------------------------------------------------------------- appendix 1


def test_pk7_pk2_reserve_list_docx_two_per_position_kept_member_first(
    world: dict[str, Any], docx: Any
) -> None:
    """Appendix 1 per target position: main employee, «Резерв:», 1. and 2. (PK-7); at most
    2 per position, the kept member counts, so Иванов (voted for) is not listed (PK-2)."""
    doc = docx(render(world, "pk_reserve_list", world["campaign"], "docx"))
    year = world["year"]
    assert "Приложение 1" in doc.paragraphs
    assert "УТВЕРЖДАЮ" in doc.paragraphs
    assert "Глава Администрации Покровского сельского поселения" in doc.paragraphs
    assert doc_date(dt.date(year, 3, 20)) in doc.paragraphs  # the approval (PK-6)
    assert "КАДРОВЫЙ РЕЗЕРВ" in doc.paragraphs
    assert "в Администрации Покровского сельского поселения" in doc.paragraphs
    assert doc.rows[1] == ["1", "2", "3", "4", "5", "6"]
    economy = doc.rows_after(f"{ECONOMY} (ведущая группа должностей)", 4)
    assert economy[0][0] == "Основной работник" and economy[0][1:] == [""] * 5
    assert economy[1][0] == "Резерв:"
    assert economy[2] == [
        "1.",
        "Сердюк Оксана Николаевна",
        "«30» сентября 1979 г.",
        "Южный федеральный университет, 2008, «Финансы и кредит»",
        doc_date(f"{year - 6}-03-01"),
        "10 лет",
    ]
    assert economy[3] == [
        "2.",
        "Петрова Мария Сергеевна",
        "«17» апреля 1986 г.",
        "Южный федеральный университет, 2008, «Финансы и кредит»; ФГБОУ ВО «РАНХиГС», 2021, "
        "«Государственное и муниципальное управление»",
        "«02» июня 2014 г.",
        "9 лет",
    ]
    housing = doc.rows_after(f"{HOUSING} (главная группа должностей)", 4)
    assert housing[2][:2] == ["1.", "Гончаренко Артём Викторович"]
    assert housing[2][5] == "5 лет"
    assert housing[3] == ["2.", "", "", "", "", ""]  # the second place stays open
    assert "Иванов" not in doc.text  # voted for, but the places are taken (PK-2)
    assert (
        f"Основание: решение комиссии по формированию и подготовке муниципального резерва от "
        f"{doc_date(dt.date(year, 3, 20))} (протокол). Численность кадрового резерва — 2 "
        "претендента на каждую должность муниципальной службы (п. 2.2 Положения)."
    ) in doc.paragraphs
    assert_docx_page_fields(doc)


def test_pk7_reserve_list_pdf_and_page_numbers(world: dict[str, Any], pdf: Any) -> None:
    doc = pdf(render(world, "pk_reserve_list", world["campaign"], "pdf"))
    assert "КАДРОВЫЙ РЕЗЕРВ" in doc.text
    assert f"{ECONOMY} (ведущая группа должностей)" in doc.flat
    assert "1. Сердюк Оксана Николаевна" in doc.flat
    assert "2. Петрова Мария Сергеевна" in doc.flat
    assert "1. Гончаренко Артём Викторович" in doc.flat
    assert "Иванов" not in doc.text
    assert "«17» апреля 1986 г." in doc.flat
    assert "Основной работник" in doc.text and "Резерв:" in doc.text
    pages = len(doc.pages)
    assert f"Страница 1 из {pages}" in doc.pages[0]
    assert f"Страница {pages} из {pages}" in doc.pages[-1]


def test_pk7_reserve_list_reads_the_stored_decision_not_live_facts(
    world: dict[str, Any], docx: Any
) -> None:
    petrova = app(world, "petrova")
    with transaction.atomic():
        petrova.facts = {**petrova.facts, "municipal_service_years": 25}
        petrova.save(update_fields=["facts"])
        doc = docx(render(world, "pk_reserve_list", world["campaign"], "docx"))
        transaction.set_rollback(True)
    assert doc.row("2.")[5] == "9 лет"


# --------------------------------------------------------------------------- appendix 2


def test_pk3_recommendation_names_by_case_and_blank_lines_for_the_recommender(
    world: dict[str, Any], docx: Any, pdf: Any
) -> None:
    petrova = app(world, "petrova")
    doc = docx(render(world, "pk_recommendation", petrova, "docx"))
    p = doc.paragraphs
    assert "Приложение № 2" in p and "РЕКОМЕНДАЦИЯ" in p
    assert "на Петрову Марию Сергеевну" in p  # accusative
    assert "Петрову Марию Сергеевну" in p
    assert "Знаю Петрову М.С. с ______________________________" in p  # фамилия, и.о.
    assert (
        "Считаю кандидатуру Петровой М.С. достойной для включения в муниципальный резерв "
        "управленческих кадров Администрации Покровского сельского поселения" in p
    )
    assert (
        "рекомендую для включения в муниципальный резерв управленческих кадров Администрации "
        "Покровского сельского поселения" in p
    )
    # the recommender, the period and the organisation are not recorded: lines to fill in
    assert any(line.startswith("Я, ____") for line in p)
    assert any(line.startswith("по совместной работе в ____") for line in p)
    assert ["«____» _____________20___г.", "", ""] in doc.rows
    assert_docx_page_fields(doc)
    text = pdf(render(world, "pk_recommendation", petrova, "pdf"))
    assert "на Петрову Марию Сергеевну" in text.flat
    assert "Знаю Петрову М.С. с" in text.flat
    assert "Считаю кандидатуру Петровой М.С. достойной" in text.flat
    assert "Страница 1 из 1" in text.text


def test_pk3_recommendation_exists_only_for_the_recommendation_route(
    world: dict[str, Any],
) -> None:
    assert document_available(ref("pk_recommendation", app(world, "petrova")))
    for key in ("ivanov", "goncharenko", "serdyuk"):  # attestation, competition, kept
        assert not document_available(ref("pk_recommendation", app(world, key)))
    with pytest.raises(ServiceError):
        render(world, "pk_recommendation", app(world, "ivanov"), "pdf")


# --------------------------------------------------------------------------- appendix 3


def test_pk4_application_to_the_chair_with_address_position_and_enclosures(
    world: dict[str, Any], docx: Any, pdf: Any
) -> None:
    petrova = app(world, "petrova")
    doc = docx(render(world, "pk_application", petrova, "docx"))
    p = doc.paragraphs
    assert "Приложение № 3" in p
    assert (
        "Председателю комиссии по формированию и подготовке муниципального резерва "
        "управленческих кадров Администрации Покровского сельского поселения" in p
    )
    assert "Петровой Марии Сергеевны" in p  # genitive: от кого
    assert (
        "проживающей по адресу: 346830, Ростовская обл., Неклиновский р-н, с. Покровское, "
        "ул. Садовая, д. 5," in p
    )
    assert "тел.: +7 (863) 470-12-34" in p
    assert "заявление" in p
    assert f"на должность {ECONOMY}" in p
    assert (
        "С порядком формирования и подготовки муниципального резерва управленческих кадров "
        "ознакомлена." in p
    )
    assert "5. Рекомендация на ___ л. в 1 экз." in p
    assert "1. Анкета на ___ л. в 1 экз." in p
    assert not any("не представлено" in line for line in p)
    assert [doc_date(timezone.localtime(petrova.submitted_at)), "", ""] in doc.rows
    assert_docx_page_fields(doc)
    text = pdf(render(world, "pk_application", petrova, "pdf"))
    assert "Петровой Марии Сергеевны" in text.flat
    assert "проживающей по адресу" in text.flat
    assert f"на должность {ECONOMY}" in text.flat
    assert f"Страница 1 из {len(text.pages)}" in text.pages[0]


def test_pk4_application_of_a_man_without_address_and_recommendation(
    world: dict[str, Any], docx: Any
) -> None:
    doc = docx(render(world, "pk_application", app(world, "ivanov"), "docx"))
    p = doc.paragraphs
    assert "Иванова Ивана Ивановича" in p
    assert any(line.startswith("проживающего по адресу: ____") for line in p)  # not recorded
    assert any(line.startswith("тел.: ____") for line in p)
    assert any(line.endswith("кадров ознакомлен.") for line in p)
    assert "5. Рекомендация на ___ л. в 1 экз. — не представлено" in p
    assert "2. Копия паспорта на ___ л. в 1 экз." in p


def test_pk6_kept_member_brings_no_application_or_questionnaire(world: dict[str, Any]) -> None:
    """2.19: a member of the reserve is not re-examined; her file is already kept (PK-10)."""
    serdyuk = app(world, "serdyuk")
    assert not document_available(ref("pk_application", serdyuk))
    assert not document_available(ref("pk_questionnaire", serdyuk))
    assert document_available(ref("pk_consent", serdyuk))


# --------------------------------------------------------------------------- appendix 4


def test_pk4_questionnaire_filled_from_the_record(
    world: dict[str, Any], docx: Any, pdf: Any
) -> None:
    petrova = app(world, "petrova")
    doc = docx(render(world, "pk_questionnaire", petrova, "docx"))
    p = doc.paragraphs
    assert "АНКЕТА" in p and "Петрова Мария Сергеевна" in p
    assert any(r[-1] == "Место для фотографии" for r in doc.rows)
    general = next(r for r in doc.rows if r[0].startswith("Дата и место рождения:"))
    assert "«17» апреля 1986 г." in general[0]
    assert "мобильный телефон +7 (863) 470-12-34" in general[1]
    assert "E-mail petrova@example.ru" in general[1]
    assert doc.row("Адрес проживания:")[1].startswith("346830, Ростовская обл.")
    assert ["", "2008", "Южный федеральный университет", "Финансы и кредит, экономист"] in doc.rows
    assert [
        "",
        "",
        "ФГБОУ ВО «РАНХиГС», 2021, «Государственное и муниципальное управление»",
        "",
    ] in doc.rows
    assert [
        "Администрация Покровского сельского поселения",
        "ведущий специалист по экономике, с «02» июня 2014 г.",
        "",
    ] in doc.rows
    assert ["09.2008", "05.2014", "экономист, ПАО «Сбербанк», Ростовское отделение", ""] in doc.rows
    assert doc.row("06.2014")[1] == "по наст. время"
    languages = next(r for r in doc.rows if r[0].startswith("Владение иностранными языками"))
    assert languages[1] == "английский — читаю и перевожу со словарём"
    assert "Почётная грамота Главы Администрации Неклиновского района, 2019" in p
    assert [doc_date(timezone.localtime(petrova.submitted_at)), "Петрова М.С.", ""] in doc.rows
    assert_docx_page_fields(doc)
    text = pdf(render(world, "pk_questionnaire", petrova, "pdf"))
    assert "Петрова Мария Сергеевна" in text.text
    assert "мобильный телефон +7 (863)" in text.flat
    assert "09.2008" in text.text and "Южный федеральный университет" in text.flat
    assert "Петрова М.С." in text.text
    pages = len(text.pages)
    assert f"Страница {pages} из {pages}" in text.pages[-1]


# --------------------------------------------------------------------------- appendix 5


def test_c4_pk4_consent_names_the_candidate_and_the_recorded_time(
    world: dict[str, Any], docx: Any, pdf: Any
) -> None:
    petrova = app(world, "petrova")
    moment = timezone.localtime(world["consent_times"]["petrova"])
    assert moment.strftime("%H:%M") == "10:15"
    doc = docx(render(world, "pk_consent", petrova, "docx"))
    p = doc.paragraphs
    assert "СОГЛАСИЕ" in p and "Я, Петрова Мария Сергеевна," in p
    assert any(line.startswith("проживающая по адресу: 346830") for line in p)
    assert any(line.startswith("Я согласна, что представленные мной сведения") for line in p)
    assert any(line.startswith("Я проинформирована, что под обработкой") for line in p)
    assert "На проведение в отношении меня проверочных мероприятий согласна." in p
    assert any(
        "Администрации Покровского сельского поселения, расположенной по адресу: __" in x for x in p
    )
    assert any(line.startswith("паспорт серия ________ номер __________") for line in p)
    assert (
        f"Согласие дано Петровой Марией Сергеевной в электронной форме при подаче заявления "
        f"(шифр {petrova.code}) {doc_date(moment)} в 10:15 (мск)." in p
    )
    assert [doc_date(moment), "", ""] in doc.rows
    assert_docx_page_fields(doc)
    text = pdf(render(world, "pk_consent", petrova, "pdf"))
    assert "Я, Петрова Мария Сергеевна," in text.flat
    assert "Согласие дано Петровой Марией Сергеевной" in text.flat
    assert f"{doc_date(moment)} в 10:15 (мск)" in text.flat
    assert f"Страница 1 из {len(text.pages)}" in text.pages[0]


def test_c4_consent_of_a_man_agrees_in_the_masculine(world: dict[str, Any], docx: Any) -> None:
    ivanov = app(world, "ivanov")
    moment = timezone.localtime(world["consent_times"]["ivanov"])
    doc = docx(render(world, "pk_consent", ivanov, "docx"))
    p = doc.paragraphs
    assert "Я, Иванов Иван Иванович," in p
    assert any(line.startswith("проживающий по адресу: ____") for line in p)
    assert "На проведение в отношении меня проверочных мероприятий согласен." in p
    assert any(
        line.startswith("Согласие дано Ивановым Иваном Ивановичем")
        and line.endswith(f"{doc_date(moment)} в 14:40 (мск).")
        for line in p
    )


# --------------------------------------------------------------------------- appendix 6


def test_pk8_seed_wording_of_appendix_6_agrees_with_the_regulation(world: dict[str, Any]) -> None:
    sheet = next(
        s
        for s in world["campaign"].regulation.load().regulation.score_sheets
        if s.id == "criteria_sheet"
    )
    texts = pk_forms.criteria_text(world["campaign"].regulation.load().regulation)
    assert [c.id for c in sheet.criteria] == list(texts)
    for criterion in sheet.criteria:
        variants = texts[criterion.id][3]
        assert max(Decimal(points) for _, points in variants) == criterion.top, criterion.id
    assert sheet.top == 36


def _criteria_rows(doc: Any) -> dict[str, list[str]]:
    start = next(i for i, r in enumerate(doc.rows) if r[0] == "Критерий")
    return {r[1]: r for r in doc.rows[start + 1 :] if len(r) == 6 and r[0] != r[1]}


def test_pk8_criteria_sheet_points_by_criterion_as_the_engine_scored_them(
    world: dict[str, Any], docx: Any
) -> None:
    petrova = app(world, "petrova")
    doc = docx(render(world, "pk_criteria_sheet", petrova, "docx"))
    p = doc.paragraphs
    assert "Приложение № 6" in p and "ПРИМЕРНЫЕ КРИТЕРИИ" in p
    assert "Кандидат: Петрова Мария Сергеевна" in p
    assert f"Целевая должность: {ECONOMY} (ведущая группа должностей)" in p
    assert (
        f"Заседание комиссии: {doc_date(world['meeting'].date)}, с. Покровское, ул. Ленина, 1, "
        "зал заседаний" in p
    )
    rows = _criteria_rows(doc)
    points = {indicator: r[4] for indicator, r in rows.items()}
    assert len(points) == 16
    # computed from the documents and the test (the engine's derived points)
    derived = world["decision"].result["candidates"]
    stored = next(c for c in derived if c["id"] == str(petrova.pk))
    engine = stored["stages"]["commission"]["methods"]["assessment"]["derived"]
    assert points["наличие успешно реализованных проектов"] == engine["projects"].replace(".", ",")
    assert points["наличие успешно реализованных проектов"] == "2,00"
    assert rows["наличие успешно реализованных проектов"][5] == "успешно реализованных проектов: 2"
    assert points["уровень высшего образования"] == "2,00"
    assert rows["уровень высшего образования"][5] == "магистратура"
    assert points["опыт управленческой деятельности"] == "2,00"
    assert rows["опыт управленческой деятельности"][5] == "4 года"
    legal = next(k for k in rows if k.startswith("владение базовыми правовыми знаниями"))
    assert points[legal] == "3,00" and rows[legal][5] == "80 % правильных ответов"
    # entered by the four present members: their mean
    breadth = rows["широта использования профессиональных знаний при выполнении работ"]
    assert breadth[4] == "3,00"
    assert breadth[5] == "среднее оценок членов комиссии (4): 3; 3; 3; 3"
    assert points["уровень владения иностранными языками"] == "1,00"
    assert "- магистратура, специалитет — 2" in rows["уровень высшего образования"][3]
    assert rows["наличие успешно реализованных проектов"][0] == "Результативность и успешность"
    assert rows["наличие лидерских качеств, организаторских способностей"][0] == (
        "Личностная компетентность"
    )
    # the total is the engine's and equals the sum of the criteria
    total = sum(Decimal(v.replace(",", ".")) for v in points.values())
    assert total == Decimal(stored["final_score"]) == Decimal("30.00")
    assert doc.row("Итого (максимальный балл — 36)")[4] == "30,00"
    assert (
        "Итоговая оценка кандидата — 30,00 балла из 36; место среди кандидатов на должность — 1. "
        "Решение комиссии: включён в резерв." in p
    )
    # signatures of the members who attended only
    signed = [(r[0], r[2]) for r in doc.rows if len(r) == 3 and r[2] in PRESENT]
    assert signed == [
        ("Председатель комиссии", "Смирнов Алексей Петрович"),
        ("Заместитель председателя комиссии", "Кузнецова Ольга Викторовна"),
        ("Секретарь комиссии", "Соколов Дмитрий Андреевич"),
        ("Член комиссии", "Попова Елена Игоревна"),
    ]
    assert "Орлова" not in doc.text
    assert_docx_page_fields(doc)


def test_pk8_pk2_criteria_sheet_of_the_candidate_not_selected(
    world: dict[str, Any], docx: Any, pdf: Any
) -> None:
    ivanov = app(world, "ivanov")
    doc = docx(render(world, "pk_criteria_sheet", ivanov, "docx"))
    points = {k: r[4] for k, r in _criteria_rows(doc).items()}
    assert sum(Decimal(v.replace(",", ".")) for v in points.values()) == Decimal("12.00")
    assert points["наличие успешно реализованных проектов"] == "0,00"
    assert points["уровень высшего образования"] == "1,00"  # бакалавриат
    assert (
        "Итоговая оценка кандидата — 12,00 балла из 36; место среди кандидатов на должность — 2. "
        "Решение комиссии: не прошёл отбор." in doc.paragraphs
    )
    text = pdf(render(world, "pk_criteria_sheet", ivanov, "pdf"))
    assert "Кандидат: Иванов Иван Иванович" in text.text
    assert "12,00" in text.text and "Итого (максимальный балл — 36)" in text.flat
    assert "Попова Елена Игоревна" in text.text and "Орлова" not in text.text
    pages = len(text.pages)
    assert f"Страница 1 из {pages}" in text.pages[0]
    assert f"Страница {pages} из {pages}" in text.pages[-1]


def test_pk8_criteria_sheet_reads_the_stored_ballots_not_live_ones(
    world: dict[str, Any], docx: Any
) -> None:
    with transaction.atomic():
        Ballot.objects.filter(application=app(world, "petrova")).update(
            points={**STRONG, "breadth": "narrow"}
        )
        doc = docx(render(world, "pk_criteria_sheet", app(world, "petrova"), "docx"))
        transaction.set_rollback(True)
    breadth = _criteria_rows(doc)[
        "широта использования профессиональных знаний при выполнении работ"
    ]
    assert breadth[4] == "3,00"


# --------------------------------------------------------------------------- availability, access


def test_forms_exist_once_their_data_does(world: dict[str, Any]) -> None:
    with transaction.atomic():
        _fresh_campaign_has_no_list_and_no_sheet(world)
        transaction.set_rollback(True)
    # the kept member is not scored: no criteria sheet (2.19)
    assert not document_available(ref("pk_criteria_sheet", app(world, "serdyuk")))
    assert document_available(ref("pk_criteria_sheet", app(world, "goncharenko")))
    assert set(PK_DOCS) <= set(app(world, "ivanov").documents.values_list("doc_type", flat=True))


def _fresh_campaign_has_no_list_and_no_sheet(world: dict[str, Any]) -> None:
    hr = world["hr"]
    year = world["year"]
    fresh = services.campaign_publish(
        actor=hr,
        campaign=Campaign.objects.create(
            kind="reserve",
            regulation=world["campaign"].regulation,
            title="Внесение изменений в кадровый резерв",
            body=world["body"],
            events={"formation_start": f"{year}-06-01", "intake_end": f"{year + 5}-06-30"},
            announcement={
                "conditions": "Условия.",
                "submission": "с. Покровское, ул. Ленина, 1.",
                "venue": "с. Покровское, ул. Ленина, 1.",
            },
            created_by=hr,
        ),
        on=dt.date(year, 6, 1),
    )
    # the target positions candidates choose from (issue 9 §2): the first formation's
    fresh.target_positions.set(world["campaign"].target_positions.all())
    submitted = services.application_submit(
        actor=world["people"]["ivanov"].user,
        campaign=fresh,
        person=world["people"]["ivanov"],
        route="attestation",
        facts=dict(app(world, "ivanov").facts),
        consent_text="Согласие.",
        consent_given=True,
        files={},
        now=timezone.make_aware(dt.datetime(year, 6, 2, 9, 30)),
    )
    assert not document_available(ref("pk_reserve_list", fresh))  # no decision yet
    assert not document_available(ref("pk_criteria_sheet", submitted))  # not scored
    assert document_available(ref("pk_application", submitted))
    assert document_available(ref("pk_consent", submitted))
    with pytest.raises(ServiceError):
        render(world, "pk_reserve_list", fresh, "docx")


def test_who_may_download_the_pk_forms(world: dict[str, Any]) -> None:
    petrova, ivanov = app(world, "petrova"), app(world, "ivanov")
    campaign = world["campaign"]
    candidate = world["people"]["petrova"].user
    member = world["members"]["popova"].user

    def own(application: Any, code: str) -> str:
        return reverse("documents_application_file", args=[application.uid, code, "docx"])

    reserve_list = reverse(
        "documents_campaign_file", args=[campaign.uid, "pk_reserve_list", "docx"]
    )
    # the candidate: her own papers, not another's, not the commission's sheet or the list
    for code in ("pk_recommendation", "pk_application", "pk_questionnaire", "pk_consent"):
        assert status_of(candidate, own(petrova, code)) == 200, code
    assert status_of(candidate, own(ivanov, "pk_application")) == 403
    assert status_of(candidate, own(ivanov, "pk_consent")) == 403
    assert status_of(candidate, own(petrova, "pk_criteria_sheet")) == 403
    assert status_of(candidate, reserve_list) == 403
    # a commission member: the criteria sheets and the list, not the candidates' own papers
    assert status_of(member, own(petrova, "pk_criteria_sheet")) == 200
    assert status_of(member, own(ivanov, "pk_criteria_sheet")) == 200
    assert status_of(member, reserve_list) == 200
    assert status_of(member, own(petrova, "pk_consent")) == 403
    assert status_of(member, own(petrova, "pk_questionnaire")) == 403
    # HR: everything
    for code in CODES[1:]:
        assert status_of(world["hr"], own(petrova, code)) == 200, code
    assert status_of(world["hr"], reserve_list) == 200


def test_file_names_carry_no_personal_data(world: dict[str, Any]) -> None:
    petrova = app(world, "petrova")
    rendered = document_render(actor=world["hr"], ref=ref("pk_consent", petrova), fmt="pdf")
    assert rendered.filename == f"pk_soglasie_{petrova.code}.pdf"
    listed = document_render(
        actor=world["hr"], ref=ref("pk_reserve_list", world["campaign"]), fmt="docx"
    )
    assert listed.filename.startswith("pk_kadrovyi_rezerv_") and listed.filename.isascii()
