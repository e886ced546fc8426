"""TP forms opened as a person would: every DOCX through python-docx, every PDF as text.

The world (``world_tp.py``): a decided talent-pool cycle of the Kostanay territorial unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.documents.services import document_available, document_render
from rezerv.documents.style import doc_date
from rezerv.engine.deadlines import add_term
from rezerv.selection import services
from rezerv.selection.models import AuditEvent, ReserveEntry
from rezerv.selection.services import ServiceError
from tests.documents.helpers import ref, render, rolled_back, status_of
from tests.documents.world_tp import BODY, INTERNSHIP_BODY, PARTICIPANTS, tp_documents_world

pytestmark = pytest.mark.django_db

SEED_TAIL = (
    "к Методическим рекомендациям по поиску и формированию пула талантов в государственный сектор"
)


@pytest.fixture(scope="module")
def tp(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[dict[str, Any]]:
    with rolled_back(django_db_blocker, tmp_path_factory.mktemp("media_tp")):
        yield tp_documents_world(timezone.localdate().year - 1)


def assert_page_numbers(doc: Any) -> None:
    assert "PAGE" in doc.footer_xml and "NUMPAGES" in doc.footer_xml


# --------------------------------------------------------------------------- application (app. 1)


def test_tp2_application_docx_fields_of_appendix_1_filled_from_the_application(
    tp: dict[str, Any], docx: Any
) -> None:
    app = tp["apps"]["zhumabaev"]
    doc = docx(render(tp, "tp_application", app, "docx"))
    assert doc.paragraphs[0] == f"Приложение 1 {SEED_TAIL}"
    assert BODY in doc.paragraphs
    assert "Заявление" in doc.paragraphs
    # the name in the accusative: «допустить меня (кого?) Жумабаева Данияра Ерлановича»
    assert "Прошу допустить меня Жумабаева Данияра Ерлановича" in doc.paragraphs
    assert (
        "к участию в отборе в пул талантов в рамках школы молодых государственных служащих."
        in doc.paragraphs
    )
    assert (
        f"Государственный орган для прохождения производственной практики: {INTERNSHIP_BODY}"
        in doc.paragraphs
    )
    assert "Направление: Экономика и финансы" in doc.paragraphs
    assert "Выражаю свое согласие на сбор и обработку моих персональных данных." in doc.paragraphs
    # the application itself is what is signed; the other uploads are attached
    assert "Прилагаемые документы: Справка с места учёбы (обучение на выпускном курсе)" in (
        doc.paragraphs
    )
    assert "Адрес: г. Костанай, ул. Абая, 10" in doc.paragraphs
    assert "Номера контактных телефонов: +7 701 000 00 10" in doc.paragraphs
    assert "e-mail: zhumabaev@example.kz" in doc.paragraphs
    assert "ИИН: 020101650001" in doc.paragraphs
    assert ["", "", "Жумабаев Данияр Ерланович"] in doc.rows  # signature | name (nominative)
    # submitted at 01:30 Moscow time on 2 October (22:30 UTC on 1 October): the local day
    assert doc.paragraphs[-1] == f"«02» октября {tp['year']} г."
    assert_page_numbers(doc)


def test_tp2_application_pdf_female_participant_accusative_and_page_numbers(
    tp: dict[str, Any], pdf: Any
) -> None:
    doc = pdf(render(tp, "tp_application", tp["apps"]["akhmetova"], "pdf"))
    assert len(doc.pages) == 1
    assert "Прошу допустить меня Ахметову Алию Болатовну" in doc.flat
    assert "(фамилия, имя, отчество (при его наличии))" in doc.flat
    assert (
        f"Государственный орган для прохождения производственной практики: {INTERNSHIP_BODY}"
        in (doc.flat)
    )
    assert "Направление: Право" in doc.flat
    assert "ИИН: 020101650002" in doc.flat
    assert "e-mail: akhmetova@example.kz" in doc.flat
    assert "Ахметова Алия Болатовна" in doc.flat  # under the signature, nominative
    assert f"«03» октября {tp['year']} г." in doc.flat
    assert "Страница 1 из 1" in doc.flat


# --------------------------------------------------------------------------- review (app. 2)


def test_tp2_review_docx_and_pdf_blank_for_the_head_with_participant_in_accusative(
    tp: dict[str, Any], docx: Any, pdf: Any
) -> None:
    app = tp["apps"]["akhmetova"]
    doc = docx(render(tp, "tp_review", app, "docx"))
    assert doc.paragraphs[0] == f"Приложение 2 {SEED_TAIL}"
    assert (
        "ОТЗЫВ ПО ИТОГАМ ПРЕЗЕНТАЦИИ ПРОЕКТА И ПРОХОЖДЕНИЯ ПРОИЗВОДСТВЕННОЙ ПРАКТИКИ"
        in doc.paragraphs
    )
    assert "на Ахметову Алию Болатовну" in doc.paragraphs
    assert f"Государственный орган: {INTERNSHIP_BODY}; направление: Право" in doc.paragraphs
    items = [p for p in doc.paragraphs if p[:2] in ("1.", "2.", "3.")]
    assert items == [
        "1. Информация о проекте",
        "2. Профессиональные и личные качества, проявленные в ходе производственной практики:",
        "3. Рекомендации и предложения по улучшению деятельности и развитию компетенций:",
    ]
    # lines to write on by hand after every item (rezerv records no review text)
    assert sum(1 for p in doc.paragraphs if set(p) == {"_"}) == 12
    assert [
        "Подпись руководителя государственного органа",
        "",
        "фамилия, имя, отчество (при его наличии)",
    ] in doc.rows
    assert_page_numbers(doc)
    text = pdf(render(tp, "tp_review", app, "pdf"))
    assert "на Ахметову Алию Болатовну" in text.flat
    assert "(уровень реализации поставленных задач, достигнутые результаты)" in text.flat
    assert "Подпись руководителя государственного органа" in text.flat
    assert "Страница 1 из 1" in text.flat


def test_tp2_review_exists_once_the_participant_reached_the_internship(
    tp: dict[str, Any],
) -> None:
    snaps = tp["snapshots"]
    assert snaps["submitted"]["review"] is False
    assert snaps["before_essays"]["review"] is False
    assert snaps["after_training"]["review"] is True
    assert snaps["after_training"]["review_not_selected"] is False
    assert document_available(ref("tp_review", tp["apps"]["nurgalieva"])) is False
    with pytest.raises(services.ServiceError, match="не сформирован"):
        render(tp, "tp_review", tp["apps"]["omarov"], "pdf")


# --------------------------------------------------------------------------- essay sheet (app. 4)


def test_tp8_essay_sheet_docx_one_sheet_per_participant_with_the_members_scores(
    tp: dict[str, Any], docx: Any
) -> None:
    doc = docx(render(tp, "tp_essay_sheet", tp["members"]["kasymov"], "docx"))
    assert doc.paragraphs.count(f"Приложение 4 {SEED_TAIL}") == 4
    assert doc.paragraphs.count("Лист оценки") == 4
    names = [p for p in doc.paragraphs if p.endswith(("вич", "вна"))]
    assert names == [
        "Ахметова Алия Болатовна",
        "Жумабаев Данияр Ерланович",
        "Нургалиева Дана Сериковна",
        "Омаров Ержан Маратович",
    ]
    header = ["№ п/п", "Критерии", "Максимальная оценка (баллы)", "Оценочный балл (0 – 5)"]
    assert doc.rows.count(header) == 4
    # Жумабаев's sheet (the second, by name): 5 + 5 of 5 + 5 (TP-8)
    sheet = doc.rows_after(header[0], 3)  # the first sheet: Ахметова
    assert sheet == [
        ["1", "Оригинальность и инновационность", "5", "4"],
        ["2", "Четкость ответа", "5", "4"],
        ["3", "Итоговый балл:", "10", "8"],
    ]
    starts = [i for i, r in enumerate(doc.rows) if r == header]
    assert doc.rows[starts[1] + 1 : starts[1] + 4] == [
        ["1", "Оригинальность и инновационность", "5", "5"],
        ["2", "Четкость ответа", "5", "5"],
        ["3", "Итоговый балл:", "10", "10"],
    ]
    # the representative signs every sheet: name and post
    signer = [
        "Касымов Нурлан Серикович, руководитель отдела управления персоналом",
        "",
        "",
    ]
    assert doc.rows.count(signer) == 4
    # appendix 3: the descriptors for reference
    assert f"Приложение 3 {SEED_TAIL}" in doc.paragraphs
    assert "ОРИГИНАЛЬНОСТЬ И ИННОВАЦИОННОСТЬ" in doc.paragraphs
    assert "ЧЕТКОСТЬ ОТВЕТА" in doc.paragraphs
    assert doc.row("5 (отлично)")[1].startswith("Демонстрирует независимость")
    assert_page_numbers(doc)


def test_tp8_essay_sheet_pdf_recused_member_scores_nobody_he_declared_a_conflict_for(
    tp: dict[str, Any], pdf: Any
) -> None:
    text = pdf(render(tp, "tp_essay_sheet", tp["members"]["tleubaev"], "pdf"))
    # a page per participant, by name, then the descriptors of appendix 3 (how many pages they
    # take depends on the fonts installed)
    total = len(text.pages)
    assert total >= 5
    order = ["Ахметова", "Жумабаев", "Нургалиева", "Омаров"]
    for i, last in enumerate(order):
        assert "Лист оценки" in text.pages[i] and f"{last} " in text.pages[i]
        assert f"Страница {i + 1} из {total}" in text.pages[i]
    assert "Дескрипторы для оценки эссе участников пула талантов" in text.pages[4]
    omarov = next(p for p in text.pages if "Омаров Ержан Маратович" in p)
    flat = " ".join(omarov.split())
    assert "Самоотвод (конфликт интересов)" in flat
    # nothing scored: the criteria show their maximum only
    assert (
        "1 Оригинальность и инновационность 5 2 Четкость ответа 5 3 Итоговый балл: 10 Самоотвод"
        in flat
    )
    zhumabaev = " ".join(next(p for p in text.pages if "Жумабаев Данияр" in p).split())
    assert "1 Оригинальность и инновационность 5 4" in zhumabaev
    assert "2 Четкость ответа 5 5" in zhumabaev
    assert "3 Итоговый балл: 10 9" in zhumabaev
    assert "Тлеубаев Арман Кайратович, заместитель руководителя аппарата" in zhumabaev
    assert "Самоотвод" not in zhumabaev


def test_tp8_essay_sheet_exists_once_participants_are_admitted(tp: dict[str, Any]) -> None:
    assert tp["snapshots"]["before_essays"]["sheet"] is True  # the blank sheet to fill by hand
    for member in tp["members"].values():
        assert document_available(ref("tp_essay_sheet", member))


def test_tp8_essay_sheet_reads_the_decision_not_later_ballots(
    tp: dict[str, Any], docx: Any
) -> None:
    """C-6: a changed ballot after the decision does not change the printed sheet."""
    member, app = tp["members"]["bekkozhina"], tp["apps"]["nurgalieva"]
    with transaction.atomic():
        member.ballots.filter(application=app).update(points={"originality": 0, "clarity": 0})
        doc = docx(render(tp, "tp_essay_sheet", member, "docx"))
        transaction.set_rollback(True)
    header = doc.rows[0]
    starts = [i for i, r in enumerate(doc.rows) if r == header]
    # Нургалиева is the third sheet by name: 4 + 4 as decided
    assert doc.rows[starts[2] + 1 : starts[2] + 4] == [
        ["1", "Оригинальность и инновационность", "5", "4"],
        ["2", "Четкость ответа", "5", "4"],
        ["3", "Итоговый балл:", "10", "8"],
    ]


# --------------------------------------------------------------------------- certificate (app. 5)


def test_tp12_certificate_docx_issue_date_and_valid_one_year(tp: dict[str, Any], docx: Any) -> None:
    """TP-12: the certificate is valid 1 year from the day it is handed over."""
    app = tp["apps"]["zhumabaev"]
    doc = docx(render(tp, "tp_certificate", app, "docx"))
    year, issued = tp["year"], tp["issued"]
    assert doc.paragraphs[0] == f"Приложение 5 {SEED_TAIL}"
    assert "СЕРТИФИКАТ" in doc.paragraphs
    assert f"№ {app.code}" in doc.paragraphs
    cell = doc.rows[0][0]
    assert "удостоверяет о том, что" in cell
    assert "Жумабаев Данияр Ерланович" in cell
    assert "зачислен в пул талантов школы молодых государственных служащих" in cell
    assert doc.rows[0][1] == "Место для фото"
    assert "Срок действия сертификата составляет один год со дня вручения." in doc.paragraphs
    assert f"Дата вручения: «30» июня {year + 1} г." in doc.paragraphs
    assert f"Действителен до: «30» июня {year + 2} г." in doc.paragraphs
    assert f"Подпись: ______________    {doc_date(issued)}" in doc.paragraphs
    assert "М.П." in doc.paragraphs
    # the same dates as the reserve entry of the decision (TP-12 through the engine)
    entry = ReserveEntry.objects.get(decision=tp["decision"], person=app.person)
    assert (entry.included_on, entry.until) == (issued, dt.date(year + 2, 6, 30))
    # one sheet handed to its holder: no footer and no page numbers
    assert "PAGE" not in doc.footer_xml and doc.footer == ""


def test_tp12_certificate_pdf_one_page_female_agreement(tp: dict[str, Any], pdf: Any) -> None:
    text = pdf(render(tp, "tp_certificate", tp["apps"]["akhmetova"], "pdf"))
    year = tp["year"]
    assert len(text.pages) == 1
    assert "Страница" not in text.flat  # one sheet: no page numbers, no footer
    assert "СЕРТИФИКАТ" in text.flat
    assert "Ахметова Алия Болатовна" in text.flat
    assert "зачислена в пул талантов школы молодых государственных служащих" in text.flat
    assert "Срок действия сертификата составляет один год со дня вручения." in text.flat
    assert f"Дата вручения: «30» июня {year + 1} г." in text.flat
    assert f"Действителен до: «30» июня {year + 2} г." in text.flat


def test_tp12_bilingual_certificate_kazakh_first_from_a_body_issuing_in_both(
    tp: dict[str, Any], pdf: Any, docx: Any
) -> None:
    """TP-12, issue 15: a body that issues in Kazakh and Russian hands over the certificate in
    two parts, the state language first: the name as written, dates in Kazakh (CLDR)."""
    app = tp["apps"]["zhumabaev"]
    body = app.campaign.body
    year = tp["year"]
    body.document_languages = "kk_ru"
    body.save(update_fields=["document_languages"])
    try:
        text = pdf(render(tp, "tp_certificate", app, "pdf"))
        doc = docx(render(tp, "tp_certificate", app, "docx"))
    finally:
        body.document_languages = "ru"
        body.save(update_fields=["document_languages"])
    assert len(text.pages) == 2
    kazakh, russian = (" ".join(page.split()) for page in text.pages)
    assert "жас мемлекеттік қызметшілер мектебінің таланттар пулына қабылданғанын" in kazakh
    assert "Жумабаев Данияр Ерланович" in kazakh and "Жумабаев Данияр Ерланович" in russian
    assert "қолданылу мерзімі тапсырылған күннен бастап 1 жыл." in kazakh
    assert f"Тапсырылған күні: {year + 1} ж. 30 маусым" in kazakh
    assert f"{year + 2} ж. 30 маусым дейін жарамды" in kazakh
    assert "зачислен в пул талантов школы молодых государственных служащих" in russian
    assert f"Дата вручения: «30» июня {year + 1} г." in russian
    assert (
        doc.paragraphs.index("СЕРТИФИКАТ")
        < doc.paragraphs.index(f"Қолы: ______________    {year + 1}\u00a0ж. 30 маусым")
        < len(doc.paragraphs)
    )
    assert doc.paragraphs.count("СЕРТИФИКАТ") == 2
    assert "Осы сертификат" in doc.rows[0][0] and "удостоверяет о том, что" in doc.rows[1][0]
    # the document's language is Kazakh, its Russian part marked as Russian (PDF and DOCX)
    assert text.language == "kk" and doc.language == "kk-KZ"
    assert doc.language_of("Осы сертификат") == "kk-KZ"
    assert doc.language_of("удостоверяет о том, что") == "ru-RU"


def test_tp12_bilingual_pdf_marks_its_russian_part_russian(tp: dict[str, Any]) -> None:
    """Issue 15: the HTML a bilingual PDF is made from is Kazakh, its Russian sheet ``lang="ru"``."""
    from rezerv.documents.registry import FORMS
    from rezerv.documents.rendering import render_html
    from rezerv.documents.tp import certificate_context

    app = tp["apps"]["zhumabaev"]
    body = app.campaign.body
    body.document_languages = "kk_ru"
    try:
        html = render_html("tp_certificate", FORMS["tp_certificate"].build(app), None)
    finally:
        body.document_languages = "ru"
    assert '<html lang="kk">' in html
    assert html.index('<section class="cert-sheet" lang="kk">') < html.index(
        '<section class="cert-sheet" lang="ru">'
    )
    assert certificate_context(app)["document_language"] == "ru"


def test_tp12_a_body_issuing_in_russian_hands_over_one_russian_sheet(
    tp: dict[str, Any], pdf: Any
) -> None:
    text = pdf(render(tp, "tp_certificate", tp["apps"]["zhumabaev"], "pdf"))
    assert len(text.pages) == 1 and "Осы сертификат" not in text.flat
    assert text.language == "ru"


def test_tp12_validity_comes_from_the_regulation_term(tp: dict[str, Any]) -> None:
    """The period in words and the end date follow ``reserve.certificate_validity``."""
    from rezerv.documents.tp import certificate_context, term_words
    from rezerv.engine.schema import Term

    app = tp["apps"]["zhumabaev"]
    reg = app.campaign.regulation.load().regulation
    assert reg.reserve is not None and reg.reserve.certificate_validity is not None
    context = certificate_context(app)
    assert context["certificate"]["validity"] == term_words(reg.reserve.certificate_validity)
    assert context["certificate"]["until"] == doc_date(
        add_term(tp["issued"], reg.reserve.certificate_validity)
    )
    assert term_words(Term(years=2)) == "два года"
    assert term_words(Term(years=5)) == "пять лет"
    assert term_words(Term(months=6)) == "шесть месяцев"
    assert term_words(Term(years=1, days=1)) == "один год один день"


def test_tp12_certificate_reads_the_decision_not_the_live_events(
    tp: dict[str, Any], docx: Any
) -> None:
    """C-6: moving the handing-over date after the decision does not change the certificate."""
    camp = tp["campaign"]
    with transaction.atomic():
        type(camp).objects.filter(pk=camp.pk).update(
            events={**camp.events, "certificates_issued": f"{tp['year'] + 1}-06-01"}
        )
        doc = docx(render(tp, "tp_certificate", tp["apps"]["zhumabaev"], "docx"))
        transaction.set_rollback(True)
    assert f"Дата вручения: «30» июня {tp['year'] + 1} г." in doc.paragraphs


def test_tp12_certificate_available_exactly_for_the_certified(tp: dict[str, Any]) -> None:
    assert tp["snapshots"]["submitted"]["certificate"] is False
    assert tp["snapshots"]["after_training"]["certificate"] is False
    assert tp["snapshots"]["before_decision"]["certificate"] is False
    rows = {r["id"]: r["outcome"] for r in tp["decision"].result["candidates"]}
    for key, app in tp["apps"].items():
        granted = rows[str(app.pk)] == "certified"
        assert document_available(ref("tp_certificate", app)) is granted, key
    assert sorted(k for k, a in tp["apps"].items() if rows[str(a.pk)] == "certified") == [
        "akhmetova",
        "zhumabaev",
    ]
    with pytest.raises(services.ServiceError, match="не сформирован"):
        render(tp, "tp_certificate", tp["apps"]["nurgalieva"], "pdf")


def test_application_available_from_submission(tp: dict[str, Any]) -> None:
    assert tp["snapshots"]["submitted"]["application"] is True


# --------------------------------------------------------------------------- who may download


def test_who_may_download_tp_documents(tp: dict[str, Any]) -> None:
    apps, people, members, hr = tp["apps"], tp["people"], tp["members"], tp["hr"]

    def app_url(key: str, code: str, fmt: str = "pdf") -> str:
        return reverse("documents_application_file", args=[apps[key].uid, code, fmt])

    def sheet_url(key: str, fmt: str = "pdf") -> str:
        return reverse("documents_member_file", args=[members[key].pk, "tp_essay_sheet", fmt])

    own = people["zhumabaev"].user
    # a participant: their own certificate and application, not another's, not the review
    assert status_of(own, app_url("zhumabaev", "tp_certificate")) == 200
    assert status_of(own, app_url("zhumabaev", "tp_application", "docx")) == 200
    assert status_of(own, app_url("akhmetova", "tp_certificate")) == 403
    assert status_of(own, app_url("akhmetova", "tp_application")) == 403
    assert status_of(own, app_url("zhumabaev", "tp_review")) == 403
    assert status_of(own, sheet_url("kasymov")) == 403
    # a participant without a certificate: nothing to download
    assert status_of(people["nurgalieva"].user, app_url("nurgalieva", "tp_certificate")) == 404
    # a representative: their own sheet only, no participant's papers
    assert status_of(members["kasymov"].user, sheet_url("kasymov", "docx")) == 200
    assert status_of(members["kasymov"].user, sheet_url("tleubaev")) == 403
    assert status_of(members["kasymov"].user, app_url("zhumabaev", "tp_certificate")) == 403
    # the territorial unit's HR officer: everything
    assert status_of(hr, sheet_url("tleubaev")) == 200
    assert status_of(hr, app_url("akhmetova", "tp_review", "docx")) == 200
    assert status_of(hr, app_url("akhmetova", "tp_certificate", "docx")) == 200


def test_file_names_carry_no_personal_data(tp: dict[str, Any]) -> None:
    app = tp["apps"]["zhumabaev"]
    names = [
        document_render(actor=tp["hr"], ref=ref(code, app), fmt="pdf").filename
        for code in ("tp_application", "tp_review", "tp_certificate")
    ]
    assert names == [
        f"tp_zayavlenie_{app.code}.pdf",
        f"tp_otzyv_{app.code}.pdf",
        f"tp_sertifikat_{app.code}.pdf",
    ]
    sheet = document_render(
        actor=tp["hr"], ref=ref("tp_essay_sheet", tp["members"]["kasymov"]), fmt="docx"
    ).filename
    assert sheet.startswith("tp_list_ocenki_esse_") and sheet.endswith(".docx")
    for name in [*names, sheet]:
        assert name.isascii() and "zhumabaev" not in name.lower()


def test_tp2_application_leaves_lines_for_what_is_not_recorded(
    tp: dict[str, Any], docx: Any
) -> None:
    app = tp["apps"]["omarov"]
    with transaction.atomic():
        facts = {k: v for k, v in app.facts.items() if k not in ("email", "address")}
        type(app).objects.filter(pk=app.pk).update(facts=facts)
        app.refresh_from_db()
        doc = docx(render(tp, "tp_application", app, "docx"))
        transaction.set_rollback(True)
    app.refresh_from_db()
    assert any(p.startswith("e-mail: ____") for p in doc.paragraphs)
    assert any(p.startswith("Адрес: ____") for p in doc.paragraphs)
    assert "ИИН: 020101650004" in doc.paragraphs


# --------------------------------------------------------------------------- every certificate at once


def test_tp12_all_certificates_one_per_page_for_the_certified_only(
    tp: dict[str, Any], pdf: Any, docx: Any
) -> None:
    """The cycle's certificates to print at once: one page each, by name, the same dates."""
    year = tp["year"]
    text = pdf(render(tp, "tp_certificates", tp["campaign"], "pdf"))
    assert len(text.pages) == 2  # Жумабаев and Ахметова are certified; the others are not
    first, second = (" ".join(page.split()) for page in text.pages)
    assert "Ахметова Алия Болатовна" in first and "зачислена в пул талантов" in first
    assert "Жумабаев Данияр Ерланович" in second and "зачислен в пул талантов" in second
    for page, key in ((first, "akhmetova"), (second, "zhumabaev")):
        assert f"№ {tp['apps'][key].code}" in page
        assert f"Дата вручения: «30» июня {year + 1} г." in page
        assert f"Действителен до: «30» июня {year + 2} г." in page
        assert "Страница" not in page
    for key in ("nurgalieva", "omarov"):
        assert PARTICIPANTS[key][0] not in text.flat
    doc = docx(render(tp, "tp_certificates", tp["campaign"], "docx"))
    assert doc.paragraphs.count("СЕРТИФИКАТ") == 2
    names = [cell for row in doc.rows for cell in row if "Ерланович" in cell or "Болатовна" in cell]
    assert len(names) == 2 and "Ахметова Алия Болатовна" in names[0]
    assert "PAGE" not in doc.footer_xml


def test_tp12_all_certificates_for_hr_only(tp: dict[str, Any]) -> None:
    url = reverse("documents_campaign_file", args=[tp["campaign"].uid, "tp_certificates", "pdf"])
    assert status_of(tp["hr"], url) == 200
    assert status_of(tp["people"]["zhumabaev"].user, url) == 403  # other holders' names
    assert status_of(tp["members"]["kasymov"].user, url) == 403
    assert document_render(
        actor=tp["hr"], ref=ref("tp_certificates", tp["campaign"]), fmt="pdf"
    ).filename == (f"tp_sertifikaty_{str(tp['campaign'].uid)[:8]}.pdf")


def test_tp12_all_certificates_as_one_pdf_per_holder_in_a_zip(tp: dict[str, Any], pdf: Any) -> None:
    """To send each holder their own: a ZIP of one one-page PDF per holder, named by the
    application code (no personal data), laid out in one pass."""
    import io
    import zipfile

    rendered = document_render(
        actor=tp["hr"], ref=ref("tp_certificates", tp["campaign"]), fmt="zip"
    )
    assert rendered.content_type == "application/zip"
    assert rendered.filename == f"tp_sertifikaty_{str(tp['campaign'].uid)[:8]}.zip"
    archive = zipfile.ZipFile(io.BytesIO(rendered.content))
    apps = tp["apps"]
    expected = {
        f"tp_sertifikat_{apps['akhmetova'].code}.pdf": "Ахметова Алия Болатовна",
        f"tp_sertifikat_{apps['zhumabaev'].code}.pdf": "Жумабаев Данияр Ерланович",
    }
    assert sorted(archive.namelist()) == sorted(expected)
    for name, holder in expected.items():
        text = pdf(archive.read(name))
        assert len(text.pages) == 1
        assert (
            holder in text.flat and f"Действителен до: «30» июня {tp['year'] + 2} г." in text.flat
        )
        other = next(h for h in expected.values() if h != holder)
        assert other not in text.flat
    # the same download, audited like the others
    assert AuditEvent.objects.filter(
        action="document.download", changes__format="zip", changes__form="tp_certificates"
    ).exists()


def test_a_zip_only_for_forms_made_of_one_page_documents(tp: dict[str, Any]) -> None:
    app = tp["apps"]["zhumabaev"]
    with pytest.raises(ServiceError, match="формат"):
        document_render(actor=tp["hr"], ref=ref("tp_certificate", app), fmt="zip")
    url = reverse("documents_application_file", args=[app.uid, "tp_certificate", "zip"])
    assert status_of(tp["hr"], url) == 404
    url = reverse("documents_campaign_file", args=[tp["campaign"].uid, "tp_certificates", "zip"])
    assert status_of(tp["hr"], url) == 200
    assert status_of(tp["people"]["zhumabaev"].user, url) == 403
    page = Client()
    page.force_login(tp["hr"])
    listing = page.get(reverse("documents_campaign", args=[tp["campaign"].uid])).content.decode()
    assert "tp_certificates.zip" in listing and "tp_certificate.zip" not in listing


def test_a_zip_is_refused_when_a_certificate_runs_over_one_page(tp: dict[str, Any]) -> None:
    """An organisation's template that spreads a certificate over two pages: the names and the
    pages would not match, so nothing is sent and the reason names the counts."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rezerv.documents.services import template_upload

    html = (
        '{% extends "documents/base.html" %}{% block content %}'
        '{% for c in certificates %}<p style="break-before: page">{{ c.holder.nominative }}</p>'
        '<p style="break-before: page">{{ c.certificate.until }}</p>{% endfor %}{% endblock %}'
    )
    with transaction.atomic():
        template_upload(
            actor=tp["hr"],
            form_code="tp_certificates",
            fmt="html",
            body=tp["body"],
            upload=SimpleUploadedFile("t.html", html.encode(), content_type="text/html"),
        )
        with pytest.raises(ServiceError, match="2 документов заняли 4 страниц"):
            document_render(actor=tp["hr"], ref=ref("tp_certificates", tp["campaign"]), fmt="zip")
        transaction.set_rollback(True)
