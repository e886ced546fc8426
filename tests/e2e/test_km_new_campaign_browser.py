"""KM from a new campaign to the winner and the reserve in a real browser (issue 9, «Proof»).

Set-up: a state body, its HR officer (the commission's secretary, KM: the secretary is a member)
and the commission's other members (users only, through the factories: no page creates staff);
the server's clock is moved from the announcement to the meeting. Everything else happens on
the pages:

* the HR officer creates a KM campaign for a vacant post, its position classified on the form
  (specialists of the senior group: the test, the interview and the draft document, KM-10),
  fills the announcement texts KM declares (KM-4), publishes it and forms the competition
  commission, the page naming the composition problems until the independent expert's quarter
  is met (KM-2);
* four candidates register and apply with the general checklist and the consent to data
  processing;
* after the intake the HR officer admits three and refuses the fourth: the refusal the desk
  proposes and the candidate's letter cite «пп. 3.3–3.5 Методики»; two of the admitted give
  the reserve consent on their application where it is asked (KM-18), the winner-to-be does not;
* the HR officer records the tests and the anonymous drafts, each member scores the interview
  on their own screen (KM-15), the HR officer closes the scoring and schedules the meeting
  (KM-8), marks attendance, records the open votes (KM-12, KM-17) and decides: a winner and a
  reserve recommendation (KM-18); the commission's decision is downloaded from «Документы» and
  names the winner; the winner and the one recommended read the message of the results (KM-20).
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.e2e import pages
from tests.e2e.pages import (
    Clock,
    expect_message,
    log_in,
    record_votes,
    register_from_announcement,
    row_of,
    section_of,
    submitting,
)
from tests.e2e.scenario import KM_GENERAL_DOCS, PASSWORD
from tests.web import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

REGULATION = (
    "Конкурс на замещение вакантной должности гражданской службы и включение в кадровый резерв"
)
BODY = "Министерство строительства Кузбасса"
TITLE = "Конкурс на замещение должности главного специалиста отдела ценообразования"
POSITION = "Главный специалист отдела ценообразования"
STAGE = "Второй этап — конкурсные процедуры и заседание комиссии"
COMMISSION = "Конкурсная комиссия Министерства"
CHAIR = "Председателев Павел Петрович"
SECRETARY = "Кадрова Елена Петровна"
MEMBER = "Членова Нина Николаевна"
EXPERT = "Экспертов Эдуард Эдуардович"
MEMBERS = [  # username, name, role, civil servant, independent expert
    ("km_chair", CHAIR, "председатель", True, False),
    ("hr_km", SECRETARY, "секретарь", True, False),
    ("km_member", MEMBER, "член комиссии", True, False),
    ("km_expert", EXPERT, "член комиссии", False, True),
]

ORLOVA = "Орлова Наталья Викторовна"
BELOV = "Белов Сергей Александрович"
ZUEVA = "Зуева Ирина Олеговна"
GROMOV = "Громов Павел Ильич"
CANDIDATES = {  # name: (username, last, first, patronymic)
    ORLOVA: ("orlova", "Орлова", "Наталья", "Викторовна"),
    BELOV: ("belov", "Белов", "Сергей", "Александрович"),
    ZUEVA: ("zueva", "Зуева", "Ирина", "Олеговна"),
    GROMOV: ("gromov", "Громов", "Павел", "Ильич"),
}
ADMITTED = [ORLOVA, BELOV, ZUEVA]
START = dt.date(2027, 3, 1)  # the announcement; documents are received for 21 days (KM-5)
ADMISSION = dt.date(2027, 3, 23)  # the day after the intake ends
MEETING = dt.date(2027, 4, 13)  # within 30 days of the intake's end, 15 days' notice (KM-8)
PLACE = "Кемерово, Советский пр., 58, зал заседаний"
TESTS = {ORLOVA: (48, 50), BELOV: (45, 50), ZUEVA: (36, 50)}  # correct, questions (70 % passes)
DRAFTS = {ORLOVA: "5", BELOV: "4", ZUEVA: "3"}  # each of the six criteria
DRAFT_CRITERIA = [
    "Соответствие установленным требованиям оформления",
    "Понимание сути вопроса, выявление ключевых фактов и проблем",
    "Отражение путей решения проблем с правильным применением норм законодательства",
    "Обоснованность подходов к решению проблем",
    "Аналитические способности, логичность мышления",
    "Правовая и лингвистическая грамотность",
]
INTERVIEW = {  # each member's own ballot (KM-15)
    "km_chair": {ORLOVA: "9", BELOV: "8", ZUEVA: "5"},
    "hr_km": {ORLOVA: "9", BELOV: "8", ZUEVA: "4"},
    "km_member": {ORLOVA: "10", BELOV: "7", ZUEVA: "5"},
    "km_expert": {ORLOVA: "8", BELOV: "9", ZUEVA: "4"},
}
WINNER_QUESTION = "признать победителем конкурса"
RESERVE_QUESTION = "рекомендовать для включения в кадровый резерв"
ALL = [CHAIR, SECRETARY, MEMBER, EXPERT]
VOTES = [  # open votes by a majority of the members present (KM-12, KM-17)
    (ORLOVA, WINNER_QUESTION, dict.fromkeys(ALL, "за")),
    (BELOV, RESERVE_QUESTION, {CHAIR: "за", SECRETARY: "за", MEMBER: "за", EXPERT: "против"}),
    (ZUEVA, RESERVE_QUESTION, dict.fromkeys(ALL, "против")),
]
REFUSAL_CLAUSE = "пп. 3.3–3.5 Методики"


def download(page: Any, title: str) -> tuple[str, str]:
    """The DOCX's and the PDF's texts, the PDF's line wrapping read as spaces."""
    text, pdf = pages.download(page, title)
    return text, re.sub(r"\s+", " ", pdf)


def open_campaign(page: Any) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Кадровая служба").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def hr_desk(browser: Any) -> Any:
    """The HR officer's desk in a browser of its own (the session of weeks ago has expired)."""
    page = browser()
    log_in(page, "hr_km")
    open_campaign(page)
    return page


def candidate_logs_in(browser: Any, name: str) -> Any:
    username = CANDIDATES[name][0]
    page = browser()
    log_in(page, username, f"{username}-2027-Pass")
    return page


def my_application(page: Any) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Мои заявления").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заявление")


def hr_creates_and_publishes(page: Any) -> None:
    log_in(page, "hr_km")
    page.get_by_role("link", name="Новая кампания").click()
    page.get_by_label("Регламент").select_option(label=f"KM — {REGULATION}")
    page.get_by_role("button", name="Далее").click()
    page.get_by_label("Вид").select_option(label="конкурс на замещение вакантной должности")
    page.get_by_label("Наименование", exact=True).fill(TITLE)
    page.get_by_label("Наименование должности (группы должностей)").fill(POSITION)
    page.get_by_label("Категория должности").select_option(label="специалисты")
    page.get_by_label("Группа должностей").select_option(label="старшая")
    page.get_by_label("Число вакансий").fill("1")
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # the readiness panel names the texts of the announcement KM requires (KM-4)
    panel = page.locator("#readiness")
    expect(panel).to_contain_text("Условия прохождения службы")
    expect(panel).to_contain_text("Объявление не опубликовано.")
    page.get_by_role("link", name="Изменить текст объявления").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Текст объявления")
    page.get_by_label("Условия прохождения службы").fill(
        "Служебный контракт на неопределённый срок; нормированный служебный день"
    )
    page.get_by_label(re.compile("^Должностные обязанности")).fill(
        "Проверка сметной документации объектов капитального строительства"
    )
    page.get_by_label(re.compile("^Место и время приёма документов")).fill(
        "Кемерово, Советский пр., 58, каб. 310, в рабочие дни с 9:00 до 17:00"
    )
    page.get_by_label(re.compile("^Предполагаемая дата, место")).fill(
        f"{PLACE}; тестирование, подготовка проекта документа и индивидуальное собеседование"
    )
    page.get_by_role("button", name="Сохранить текст объявления").click()
    expect_message(page, "Текст объявления сохранён")
    page.get_by_role("button", name=re.compile("Опубликовать объявление")).click()
    expect_message(page, "Объявление опубликовано")

    # the competition commission (KM-2): its composition problems shown until they are met
    panel.get_by_role("link", name=re.compile("Назначьте комиссию")).click()
    page.get_by_label("Наименование комиссии").fill(COMMISSION)
    page.get_by_label("Правила комиссии по регламенту").select_option(label="Конкурсная комиссия")
    page.get_by_label(STAGE).check()
    page.get_by_role("button", name="Создать комиссию").click()
    for username, full_name, role, servant, independent in MEMBERS:
        card = page.locator(".card").filter(has_text=COMMISSION)
        card.get_by_label("Имя пользователя (логин) члена комиссии").fill(username)
        card.get_by_label("ФИО").fill(full_name)
        card.get_by_label("Роль").select_option(label=role)
        if servant:
            card.get_by_label("Гражданский служащий").check()
        if independent:  # three civil servants: four members needed, a quarter independent
            problems = card.get_by_role("status")
            expect(problems).to_contain_text("Состав не соответствует регламенту")
            expect(problems).to_contain_text("членов комиссии: 3, требуется не менее 4")
            expect(problems).to_contain_text(
                "независимых экспертов и представителей общественного совета 0 из 3"
            )
            card.get_by_label("Независимый эксперт").check()
        with submitting(page):
            card.get_by_role("button", name="Добавить").click()
        expect(page.get_by_role("main")).to_contain_text(f"{full_name} — {role}")
    card = page.locator(".card").filter(has_text=COMMISSION)
    expect(card).to_contain_text("Состав соответствует регламенту.")
    expect(card).not_to_contain_text("Состав не соответствует регламенту")


def candidate_applies(page: Any, name: str) -> None:
    username, last, first, patronymic = CANDIDATES[name]
    register_from_announcement(page, TITLE, username, last, first, patronymic, "example.org")
    page.get_by_label("Дата рождения").fill("1989-05-17")
    page.get_by_label("Гражданство").select_option(label="Российская Федерация")
    page.get_by_role("button", name="Сохранить").click()
    expect_message(page, "Анкета сохранена")
    page.get_by_role("navigation").get_by_role("link", name="Объявления").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Подать заявление").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заявление")
    page.get_by_label("Владею государственным языком").select_option(label="да")
    page.get_by_label("Являюсь военнообязанным").select_option(label="нет")
    files = Path(tempfile.mkdtemp(prefix="rezerv-e2e-km-"))
    for k, title in enumerate(KM_GENERAL_DOCS):
        path = files / f"document-{k + 1}.pdf"
        path.write_bytes(f.PDF)
        page.get_by_label(title, exact=True).set_input_files(path)
    page.get_by_label("Даю согласие на обработку моих персональных данных").check()
    page.get_by_role("button", name="Подать заявление").click()
    expect_message(page, "Заявление подано")


def hr_admits_and_refuses(page: Any) -> dict[str, str]:
    """Admits three after the HR checks, refuses the fourth; the application codes by name."""
    codes = {}
    for name in CANDIDATES:
        link = row_of(page, name).get_by_role("link")
        codes[name] = link.inner_text().strip()
        link.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(name)
        qualified = "нет" if name == GROMOV else "да"
        page.get_by_label("Соответствие квалификационным требованиям").select_option(
            label=qualified
        )
        page.get_by_label("Сведения в копиях соответствуют оригиналам").select_option(label="да")
        page.get_by_role("button", name="Сохранить").click()
        if name == GROMOV:
            expect(page.get_by_role("main")).to_contain_text(
                "соответствие квалификационным требованиям к должности"
            )
            expect(page.get_by_role("main")).to_contain_text(REFUSAL_CLAUSE)
            page.get_by_label("отказать в допуске").check()
        else:
            expect(page.get_by_role("main")).to_contain_text("требования выполнены")
            page.get_by_label("допустить к участию").check()
        page.get_by_role("button", name="Записать решение").click()
        expect_message(page, "Решение о допуске записано")
        expect(row_of(page, name)).to_contain_text("отказано" if name == GROMOV else "допущен")
    return codes


def hr_records_tests_and_drafts(page: Any, codes: dict[str, str]) -> None:
    page.get_by_role("link", name=re.compile(r"^Тестирование \(")).click()
    expect(page.get_by_role("main")).not_to_contain_text(GROMOV)  # refused: not tested
    for name, (correct, questions) in TESTS.items():
        row = row_of(page, name)
        row.get_by_label("Вопросов").fill(str(questions))
        row.get_by_label("Правильных ответов").fill(str(correct))
    page.get_by_role("button", name="Сохранить").click()
    expect_message(page, "Результаты сохранены")
    open_campaign(page)
    page.get_by_role("link", name=re.compile(r"^Подготовка проекта документа")).click()
    expect(page.get_by_role("main")).to_contain_text("Работы обезличены")
    expect(page.get_by_role("main")).not_to_contain_text(ORLOVA)
    for name, value in DRAFTS.items():
        row = row_of(page, codes[name])
        for criterion in DRAFT_CRITERIA:
            row.get_by_label(criterion, exact=True).fill(value)
    page.get_by_role("button", name="Сохранить").click()
    expect_message(page, "Результаты сохранены")
    open_campaign(page)


def member_scores(page: Any, username: str) -> None:
    log_in(page, username)
    page.get_by_role("navigation").get_by_role("link", name="Комиссия").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Мои комиссии")
    page.get_by_role("link", name=re.compile("Индивидуальное собеседование")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Индивидуальное собеседование")
    expect(page.get_by_role("main")).not_to_contain_text(GROMOV)
    expect(page.get_by_role("main")).not_to_contain_text("Оценки других членов комиссии")
    for name, score in INTERVIEW[username].items():
        card = section_of(page, name)
        card.get_by_label("Балл по результатам индивидуального собеседования").fill(score)
        with submitting(page):
            card.get_by_role("button", name="Сохранить оценку").click()
        expect_message(page, "Оценка сохранена")
        expect(
            section_of(page, name).get_by_label("Балл по результатам индивидуального собеседования")
        ).to_have_value(score)


def hr_schedules_the_meeting(page: Any) -> None:
    page.get_by_role("button", name="Закрыть независимую оценку").click()
    expect_message(page, "Независимая оценка закрыта")
    page.get_by_role("link", name="Назначить заседание").click()
    page.get_by_label("Дата заседания").fill(MEETING.isoformat())
    page.get_by_label("Место").fill(PLACE)
    page.get_by_role("button", name="Назначить").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заседание комиссии")
    expect(page.get_by_role("main")).not_to_contain_text("Срок нарушен")


def hr_holds_the_meeting(page: Any) -> None:
    page.get_by_role("link", name=re.compile(r"^13\.04\.2027")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заседание комиссии 13.04.2027")
    present = page.get_by_role("group", name="Отметьте присутствующих членов комиссии")
    for _username, full_name, *_ in MEMBERS:
        present.get_by_label(re.compile("^" + re.escape(full_name))).check()
    page.get_by_role("button", name="Сохранить присутствие").click()
    quorum = page.locator("#quorum")
    expect(quorum).to_contain_text("Присутствует 4 из 4")
    expect(quorum).to_contain_text("заседание правомочно")
    rating = page.locator("#rating")
    for k, name in enumerate([ORLOVA, BELOV, ZUEVA]):
        expect(rating.get_by_role("row").nth(k + 1)).to_contain_text(name)
    record_votes(page, VOTES)
    page.get_by_role("button", name="Сформировать решение комиссии").click()
    expect_message(page, "Решение комиссии сформировано")
    expect(page.get_by_role("heading", level=1)).to_have_text("Решение комиссии")


def test_km2_km4_km12_km18_competition_from_new_campaign_to_winner_and_reserve(
    browser: Any, monkeypatch: Any
) -> None:
    clock = Clock(monkeypatch)
    clock.set(START)
    body = f.body(BODY)
    f.hr_user(body, "hr_km")
    for username, *_ in MEMBERS:
        if username != "hr_km":
            User.objects.create_user(username, password=PASSWORD)

    hr_creates_and_publishes(browser())
    clock.set(START + dt.timedelta(days=3))
    for name in CANDIDATES:
        candidate_applies(browser(), name)

    # admission after the intake (KM-6): the refusal cites the clauses of the methodology
    clock.set(ADMISSION)
    desk = hr_desk(browser)
    codes = hr_admits_and_refuses(desk)
    gromov = candidate_logs_in(browser, GROMOV)
    my_application(gromov)
    expect(gromov.get_by_role("main")).to_contain_text(REFUSAL_CLAUSE)
    gromov.locator("#documents").click()
    expect(gromov.get_by_role("heading", level=1)).to_have_text("Документы")
    refusal, refusal_pdf = download(gromov, "Уведомление об отказе в допуске")
    for text in (refusal, refusal_pdf):
        assert "соответствие квалификационным требованиям к должности" in text, text
        assert REFUSAL_CLAUSE in text, text
        assert not re.search(r"\bKM-\d", text), text

    # the reserve needs the candidate's own consent (KM-18): once admitted, Belov and Zueva
    # give it on their application (Orlova, the winner-to-be, does not)
    for name in (BELOV, ZUEVA):
        page = candidate_logs_in(browser, name)
        my_application(page)
        page.get_by_role("button", name="Даю согласие").click()
        expect(page.get_by_role("main")).to_contain_text(
            "Согласие на включение в кадровый резерв: дано"
        )

    hr_records_tests_and_drafts(desk, codes)
    for username in INTERVIEW:
        member_scores(browser(), username)
    hr_schedules_the_meeting(desk)

    clock.set(MEETING)
    desk = hr_desk(browser)
    hr_holds_the_meeting(desk)
    expect(desk.locator("#outcome-winner li")).to_have_text([ORLOVA])
    expect(desk.locator("#outcome-recommended_for_reserve li")).to_have_text(
        [re.compile("^" + re.escape(BELOV))]
    )
    table = desk.locator("#decision")
    expect(row_of(table, ORLOVA)).to_contain_text("победитель")
    expect(row_of(table, BELOV)).to_contain_text("рекомендован в резерв")
    expect(row_of(table, ZUEVA)).to_contain_text("не прошёл отбор")

    # the commission's decision (appendix 5) from the campaign's documents names the winner
    open_campaign(desk)
    desk.locator("#documents").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Документы")
    decision, decision_pdf = download(desk, "Решение конкурсной комиссии по итогам конкурса")
    for text in (decision, decision_pdf):
        assert ORLOVA in text and BELOV in text, text
        assert GROMOV not in text, text

    # each candidate reads the outcome on their own application,
    # and its message of the results (KM-20) among their documents
    orlova = candidate_logs_in(browser, ORLOVA)
    my_application(orlova)
    expect(orlova.get_by_role("main")).to_contain_text("Итог: победитель")
    orlova.locator("#documents").click()
    notice, notice_pdf = download(orlova, "Сообщение о результатах конкурса")
    for text in (notice, notice_pdf):
        assert "Вы признаны победителем конкурса" in text, text
    belov = candidate_logs_in(browser, BELOV)
    my_application(belov)
    expect(belov.get_by_role("main")).to_contain_text("Итог: рекомендован в резерв")
    belov.locator("#documents").click()
    notice, notice_pdf = download(belov, "Сообщение о результатах конкурса")
    for text in (notice, notice_pdf):
        assert "Конкурсная комиссия рекомендовала Вас для включения в кадровый резерв" in text
