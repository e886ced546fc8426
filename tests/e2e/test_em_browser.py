"""EM (the federal Unified methodology, Decree 397) written only as data, in a real browser,
from the upload of its file to the notices of results (issue 9: a sixth procedure no file of
code names, run end to end with its generic documents).

Set-up: a state body, its administrator and its HR officer, and the commission's members (users
through the ORM: no page creates staff). Everything else happens on the pages, the server's
clock moved from the announcement to the meeting:

* the administrator uploads examples/regulations/em397.yaml and puts it in force;
* the HR officer creates a campaign under EM, fills the announcement texts EM declares,
  publishes it and forms the commission (a quarter of independent experts, EM-12);
* three candidates register and apply with the general EM-7 checklist;
* after the intake the HR officer checks the qualification and the copies (EM-8), admits two
  and refuses the third: the refusal the desk proposes, the candidate's page and the generic
  refusal letter (DOCX and PDF) name the requirement and cite the clauses as EM words them
  («п. 2 Единой методики; п. 8 Единой методики»), never a rule code or an identifier;
* a candidate gives the reserve consent on his application (EM-18); the HR officer records the
  test (EM-13) and the preliminary self-test (EM-9); each of the four members scores the
  interview on their own screen (EM-15); the HR officer closes independent scoring and
  schedules the meeting (EM-11); the admitted candidate downloads the generic invitation;
* at the meeting the HR officer marks attendance (quorum, EM-12), records the open votes by
  question and makes the decision (EM-16, EM-17): the winner and the one recommended for the
  reserve; the generic rating and protocol (with each member's vote and the totals) are
  downloaded from the campaign's documents, the notices of results by each candidate;
  every text is read from the DOCX and the PDF and holds no identifier of em397.yaml.

Screenshots of the key pages go to SCREENSHOTS (not committed).
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

from rezerv.selection.models import Staff
from tests.e2e.pages import (
    Clock,
    download,
    expect_message,
    log_in,
    record_votes,
    register_from_announcement,
    row_of,
    screenshot,
    section_of,
    submitting,
)
from tests.e2e.scenario import PASSWORD
from tests.web import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(tempfile.gettempdir()) / "rezerv-e2e-em"  # to look at; not committed
EM_FILE = Path(__file__).resolve().parents[2] / "examples" / "regulations" / "em397.yaml"
EM_TITLE = (
    "Единая методика проведения конкурсов на замещение вакантных должностей государственной "
    "гражданской службы Российской Федерации и включение в кадровый резерв государственных органов"
)
BODY = "Федеральная служба по надзору в сфере образования"
TITLE = "Конкурс на замещение должности советника отдела правового обеспечения"
STAGE = "Второй этап — тестирование, индивидуальное собеседование и заседание конкурсной комиссии"
COMMISSION = "Конкурсная комиссия Службы"
CHAIR = "Председателев Павел Петрович"
SECRETARY = "Кадрова Елена Петровна"
MEMBER = "Членова Нина Николаевна"
EXPERT = "Экспертов Эдуард Эдуардович"
MEMBERS = [
    ("em_chair", CHAIR, "председатель"),
    ("hr_em", SECRETARY, "секретарь"),
    ("em_member", MEMBER, "член комиссии"),
    ("em_expert", EXPERT, "член комиссии"),
]


def shot(page: Any, name: str) -> None:
    screenshot(SCREENSHOTS, page, name)


def admin_uploads_em(page: Any) -> None:
    log_in(page, "admin_em")
    page.get_by_role("navigation").get_by_role("link", name="Кадровая служба").click()
    page.get_by_role("link", name="Регламенты").click()
    page.get_by_role("link", name="Загрузить регламент").click()
    page.get_by_label("Файл регламента (YAML)").set_input_files(str(EM_FILE))
    page.get_by_role("button", name="Проверить").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"EM — {EM_TITLE}")
    expect(page.get_by_text("это новый регламент")).to_be_visible()
    shot(page, "01-uploaded")
    page.get_by_role("button", name="Ввести в действие").click()
    expect_message(page, "Редакция «2018-03-31 № 397» регламента EM вступает в силу с")
    expect(row_of(page, "2018-03-31 № 397")).to_contain_text("действует")


def hr_creates_and_publishes(page: Any) -> None:
    log_in(page, "hr_em")
    page.get_by_role("link", name="Новая кампания").click()
    page.get_by_label("Регламент").select_option(label=f"EM — {EM_TITLE}")
    page.get_by_role("button", name="Далее").click()
    page.get_by_label("Вид").select_option(label="конкурс на замещение вакантной должности")
    page.get_by_label("Наименование", exact=True).fill(TITLE)
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    panel = page.locator("#readiness")
    shot(page, "02-created")

    # the texts of the announcement are the ones EM declares (EM-7)
    page.get_by_role("link", name="Изменить текст объявления").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Текст объявления")
    page.get_by_label("Условия прохождения гражданской службы").fill(
        "Служебный контракт на неопределённый срок; ненормированный служебный день"
    )
    page.get_by_label(re.compile("^Должностные обязанности")).fill(
        "Правовая экспертиза проектов актов Службы"
    )
    page.get_by_label(re.compile("^Место и время приёма документов")).fill(
        "Москва, Шаболовка, 33, каб. 101, в рабочие дни с 10:00 до 17:00; или через ЕИСУКС"
    )
    page.get_by_label(re.compile("^Предполагаемая дата, место")).fill(
        "Москва, Шаболовка, 33, зал заседаний; тестирование и индивидуальное собеседование"
    )
    page.get_by_role("button", name="Сохранить текст объявления").click()
    expect_message(page, "Текст объявления сохранён")
    shot(page, "03-texts")
    page.get_by_role("button", name=re.compile("Опубликовать объявление")).click()
    expect_message(page, "Объявление опубликовано")
    shot(page, "04-published")

    panel.get_by_role("link", name=re.compile("Назначьте комиссию")).click()
    page.get_by_label("Наименование комиссии").fill(COMMISSION)
    page.get_by_label("Правила комиссии по регламенту").select_option(label="Конкурсная комиссия")
    page.get_by_label(STAGE).check()
    page.get_by_role("button", name="Создать комиссию").click()
    for username, full_name, role in MEMBERS:
        card = page.locator(".card").filter(has_text=COMMISSION)
        card.get_by_label("Имя пользователя (логин) члена комиссии").fill(username)
        card.get_by_label("ФИО").fill(full_name)
        card.get_by_label("Роль").select_option(label=role)
        if full_name == EXPERT:  # a quarter of independent experts (EM-12)
            card.get_by_label("независимый эксперт").check()
        with submitting(page):
            card.get_by_role("button", name="Добавить").click()
        expect(page.get_by_role("main")).to_contain_text(f"{full_name} — {role}")
    shot(page, "05-commission")


DOCUMENTS = [
    "Личное заявление",
    "Анкета (распоряжение Правительства РФ № 667-р) с фотографией",
    "Копия паспорта или заменяющего его документа",
    "Копия трудовой книжки или иные документы о трудовой деятельности",
    "Копии документов об образовании и о квалификации",
    "Заключение по учётной форме № 001-ГС/у",
    "Согласие на обработку персональных данных",
]


def candidate_applies(page: Any, username: str, last: str, first: str, patronymic: str) -> None:
    register_from_announcement(page, TITLE, username, last, first, patronymic, "example.org")
    page.get_by_label("Дата рождения").fill("1988-03-14")
    page.get_by_label("Гражданство").select_option(label="Российская Федерация")
    page.get_by_role("button", name="Сохранить").click()
    expect_message(page, "Анкета сохранена")
    page.get_by_role("navigation").get_by_role("link", name="Объявления").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Подать заявление").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заявление")
    page.get_by_label("Владею государственным языком Российской Федерации").select_option(
        label="да"
    )
    files = Path(tempfile.mkdtemp(prefix="rezerv-e2e-em-"))
    for k, title in enumerate(DOCUMENTS):
        path = files / f"document-{k + 1}.pdf"
        path.write_bytes(f.PDF)
        page.get_by_label(title, exact=True).set_input_files(path)
    page.get_by_label(re.compile("Даю согласие")).first.check()
    shot(page, f"06-apply-{username}")
    page.get_by_role("button", name="Подать заявление").click()
    expect_message(page, "Заявление подано")


ORLOVA = "Орлова Наталья Викторовна"
BELOV = "Белов Сергей Александрович"
GROMOV = "Громов Павел Ильич"
CANDIDATES = {  # name: (username, last, first, patronymic)
    ORLOVA: ("orlova", "Орлова", "Наталья", "Викторовна"),
    BELOV: ("belov", "Белов", "Сергей", "Александрович"),
    GROMOV: ("gromov", "Громов", "Павел", "Ильич"),
}
START = dt.date(2027, 3, 1)  # the announcement; documents are received for 21 days (EM-7)
ADMISSION = dt.date(2027, 3, 23)  # the day after the intake ends
MEETING = dt.date(2027, 4, 13)  # within 30 days of the intake's end, 15 days' notice (EM-11)
PLACE = "Москва, Шаболовка, 33, зал заседаний"
TEST = {ORLOVA: (60, 54), BELOV: (60, 45)}  # questions, correct answers: 9 and 7,5 points (EM-13)
INTERVIEW = {  # each member's own ballot (EM-15): means 9 and 7
    "em_chair": {ORLOVA: "9", BELOV: "7"},
    "hr_em": {ORLOVA: "9", BELOV: "8"},
    "em_member": {ORLOVA: "10", BELOV: "7"},
    "em_expert": {ORLOVA: "8", BELOV: "6"},
}
WINNER_QUESTION = "признать победителем конкурса"
RESERVE_QUESTION = "рекомендовать к включению в кадровый резерв государственного органа"
VOTES = [  # open votes by a simple majority of the members present (EM-17)
    (ORLOVA, WINNER_QUESTION, dict.fromkeys([CHAIR, SECRETARY, MEMBER, EXPERT], "за")),
    (BELOV, RESERVE_QUESTION, {CHAIR: "за", SECRETARY: "за", MEMBER: "за", EXPERT: "против"}),
]
WINNER = "победитель конкурса"
RESERVE = "рекомендован к включению в кадровый резерв"
# What em397.yaml names things by, which no reader of a letter or a protocol may see.
IDENTIFIERS = [
    "meets_qualification",
    "copies_match_originals",
    "speaks_russian",
    "recommended_for_reserve",
    "not_selected",
    "competition_commission",
    "competition_ballot",
    "intake_end",
    "self_test",
    "winner",
    "reserve",
]
RULE_CODE = re.compile(r"\bEM-\d")


def assert_no_identifier(text: str) -> None:
    assert not RULE_CODE.search(text), text
    for identifier in IDENTIFIERS:
        assert not re.search(rf"\b{identifier}\b", text), (identifier, text)


def flat(text: str) -> str:
    """The text with its line breaks (a PDF's line wrapping) read as spaces."""
    return re.sub(r"\s+", " ", text)


def open_campaign(page: Any) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Кадровая служба").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def hr_desk(browser: Any) -> Any:
    """The HR officer's desk in a browser of its own: the clock moved on weeks, and the session
    of the day before has expired."""
    page = browser()
    log_in(page, "hr_em")
    open_campaign(page)
    return page


def candidate_logs_in(browser: Any, name: str) -> Any:
    """The candidate in a browser of their own (the session of weeks ago has expired)."""
    username = CANDIDATES[name][0]
    page = browser()
    log_in(page, username, f"{username}-2027-Pass")
    return page


def my_application(page: Any) -> None:
    """The candidate's own application: what it says to them names no rule and no identifier."""
    page.get_by_role("navigation").get_by_role("link", name="Мои заявления").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заявление")
    main = page.get_by_role("main")
    expect(main).not_to_contain_text(RULE_CODE)
    for identifier in IDENTIFIERS:
        expect(main).not_to_contain_text(re.compile(rf"\b{identifier}\b"))


def my_letters(page: Any) -> None:
    """The candidate's own application and its letters."""
    my_application(page)
    page.locator("#documents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Документы")


def hr_checks_and_decides(page: Any) -> None:
    """HR checks the qualification and the copies; admits two and refuses the third (EM-8)."""
    for name in CANDIDATES:
        row_of(page, name).get_by_role("link").click()
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
            shot(page, "07-refusal-check")
            page.get_by_label("отказать в допуске").check()
        else:
            expect(page.get_by_role("main")).to_contain_text("требования выполнены")
            page.get_by_label("допустить к участию").check()
        page.get_by_role("button", name="Записать решение").click()
        expect_message(page, "Решение о допуске записано")
        expect(row_of(page, name)).to_contain_text("отказано" if name == GROMOV else "допущен")
    shot(page, "08-admitted")


def hr_records_results(page: Any) -> None:
    """The methods EM declares for the second stage: the test (EM-13) and the preliminary
    self-test outside the competition (EM-9); the interview is scored by the members."""
    page.get_by_role("link", name=re.compile(r"^Тестирование \(")).click()
    expect(page.get_by_role("main")).not_to_contain_text(GROMOV)  # refused: not tested
    for name, (questions, correct) in TEST.items():
        row = row_of(page, name)
        row.get_by_label("Вопросов").fill(str(questions))
        row.get_by_label("Правильных ответов").fill(str(correct))
    shot(page, "09-test")
    page.get_by_role("button", name="Сохранить").click()
    expect_message(page, "Результаты сохранены")
    open_campaign(page)
    page.get_by_role("link", name=re.compile(r"^Предварительный квалификационный тест")).click()
    row_of(page, ORLOVA).get_by_label("Результат").select_option(label="пройдено")
    page.get_by_role("button", name="Сохранить").click()
    expect_message(page, "Результаты сохранены")
    open_campaign(page)
    page.get_by_role("link", name=re.compile(r"^Индивидуальное собеседование")).click()
    expect(page.get_by_role("main")).to_contain_text("оценивают члены комиссии на своих экранах")
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
    shot(page, f"10-ballots-{username}")


def hr_schedules_the_meeting(page: Any) -> None:
    page.get_by_role("button", name="Закрыть независимую оценку").click()
    expect_message(page, "Независимая оценка закрыта")
    page.get_by_role("link", name="Назначить заседание").click()
    page.get_by_label("Дата заседания").fill(MEETING.isoformat())
    page.get_by_label("Место").fill(PLACE)
    page.get_by_role("button", name="Назначить").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заседание комиссии")
    expect(page.get_by_role("main")).not_to_contain_text("Срок нарушен")
    shot(page, "11-meeting-scheduled")


def hr_holds_the_meeting(page: Any) -> None:
    page.get_by_role("link", name=re.compile(r"^13\.04\.2027")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заседание комиссии 13.04.2027")
    present = page.get_by_role("group", name="Отметьте присутствующих членов комиссии")
    for _username, full_name, _role in MEMBERS:
        present.get_by_label(re.compile("^" + re.escape(full_name))).check()
    page.get_by_role("button", name="Сохранить присутствие").click()
    quorum = page.locator("#quorum")
    expect(quorum).to_contain_text("Присутствует 4 из 4")
    expect(quorum).to_contain_text("заседание правомочно")
    rating = page.locator("#rating")
    expect(rating.get_by_role("row").nth(1)).to_contain_text(ORLOVA)
    expect(rating.get_by_role("row").nth(1)).to_contain_text("18")  # 9 + 54/60·10
    expect(rating.get_by_role("row").nth(2)).to_contain_text(BELOV)
    expect(rating.get_by_role("row").nth(2)).to_contain_text("14,5")  # 7 + 45/60·10
    record_votes(page, VOTES)
    shot(page, "12-meeting")
    for identifier in IDENTIFIERS:
        expect(page.get_by_role("main")).not_to_contain_text(re.compile(rf"\b{identifier}\b"))
    page.get_by_role("button", name="Сформировать решение комиссии").click()
    expect_message(page, "Решение комиссии сформировано")
    expect(page.get_by_role("heading", level=1)).to_have_text("Решение комиссии")


def test_em7_em8_em13_em15_em17_a_regulation_written_only_as_data_from_upload_to_results(
    browser: Any, monkeypatch: Any
) -> None:
    body = f.body(BODY)
    admin = User.objects.create_user("admin_em", password=PASSWORD)
    Staff.objects.create(user=admin, body=body, role="admin")
    f.hr_user(body, "hr_em")
    for username, _name, _role in MEMBERS:
        if username != "hr_em":
            User.objects.create_user(username, password=PASSWORD)

    clock = Clock(monkeypatch)
    clock.set(START)
    admin_uploads_em(browser())
    hr_creates_and_publishes(browser())
    clock.set(START + dt.timedelta(days=3))
    for username, last, first, patronymic in CANDIDATES.values():
        candidate_applies(browser(), username, last, first, patronymic)

    # admission after the intake (EM-8): the refused candidate's letter names the requirement
    # and cites the clauses as EM words them, never a rule code or an identifier
    clock.set(ADMISSION)
    desk = hr_desk(browser)
    hr_checks_and_decides(desk)
    gromov = candidate_logs_in(browser, GROMOV)
    my_application(gromov)
    # the reasons as the HR desk proposed and recorded them: the clauses, not the rule codes
    expect(gromov.get_by_role("alert")).to_contain_text(
        "соответствие квалификационным требованиям к должности "
        "(п. 2 Единой методики; п. 8 Единой методики)"
    )
    shot(gromov, "13-refused-application")
    gromov.locator("#documents").click()
    shot(gromov, "14-refusal-letters")
    refusal, refusal_pdf = download(gromov, "Уведомление об отказе в допуске")
    for text in (refusal, flat(refusal_pdf)):
        assert "Громову Павлу Ильичу" in text, text
        assert (
            "1. Не выполнено требование: соответствие квалификационным требованиям к должности "
            "(п. 2 Единой методики; п. 8 Единой методики)." in text
        ), text
        assert_no_identifier(text)

    # the reserve needs the candidate's consent (EM-18): Belov gives it on his application
    belov = candidate_logs_in(browser, BELOV)
    my_application(belov)
    belov.get_by_role("button", name="Даю согласие").click()
    expect(belov.get_by_role("main")).to_contain_text(
        "Согласие на включение в кадровый резерв: дано"
    )

    hr_records_results(desk)
    for username in ("em_chair", "hr_em", "em_member", "em_expert"):
        member_scores(browser(), username)
    hr_schedules_the_meeting(desk)

    # the invitation to the second stage: its title, the meeting's date and place
    orlova = candidate_logs_in(browser, ORLOVA)
    my_letters(orlova)
    invitation, invitation_pdf = download(orlova, "Приглашение для участия в следующем этапе")
    for text in (invitation, flat(invitation_pdf)):
        assert STAGE in text, text
        assert "«13» апреля 2027 г." in text and PLACE in text, text
        assert_no_identifier(text)

    clock.set(MEETING)
    desk = hr_desk(browser)
    hr_holds_the_meeting(desk)
    shot(desk, "15-decision")
    expect(desk.locator("#outcome-winner li")).to_have_text([ORLOVA])
    expect(desk.locator("#outcome-recommended_for_reserve li")).to_have_text(
        [re.compile("^" + re.escape(BELOV))]
    )
    table = desk.locator("#decision")
    expect(row_of(table, ORLOVA)).to_contain_text(WINNER)
    expect(row_of(table, BELOV)).to_contain_text(RESERVE)

    # the campaign's documents: the rating and the protocol with the votes
    open_campaign(desk)
    desk.locator("#documents").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Документы")
    shot(desk, "16-documents")
    rating, rating_pdf = download(desk, "Рейтинг кандидатов")
    for text in (rating, flat(rating_pdf)):
        assert ORLOVA in text and BELOV in text and GROMOV not in text, text
        assert WINNER in text and RESERVE in text and "18,00" in text and "14,50" in text, text
        assert STAGE in text, text
        assert_no_identifier(text)
    protocol, protocol_pdf = download(desk, "Протокол заседания комиссии")
    for text in (protocol, flat(protocol_pdf)):
        for name in (CHAIR, SECRETARY, MEMBER, EXPERT, ORLOVA, BELOV):
            assert name in text, (name, text)
        assert f"вопрос «{WINNER_QUESTION}»: «за» — 4, «против» — 0" in text, text
        assert f"вопрос «{RESERVE_QUESTION}»: «за» — 3, «против» — 1" in text, text
        assert "Присутствовали 4 из 4 членов комиссии" in text, text
        assert "Победитель конкурса: Орлова Наталья Викторовна." in text, text
        assert f"Рекомендован к включению в кадровый резерв: {BELOV}." in text, text
        assert_no_identifier(text)

    # the notices of results, each to its candidate
    orlova = candidate_logs_in(browser, ORLOVA)
    my_application(orlova)
    expect(orlova.get_by_role("main")).to_contain_text(f"Итог: {WINNER}; итоговый балл 18")
    shot(orlova, "18-application-orlova")
    orlova.locator("#documents").click()
    notice, notice_pdf = download(orlova, "Уведомление о результатах")
    for text in (notice, flat(notice_pdf)):
        assert f"решение: {WINNER}" in text and "18,00" in text, text
        assert_no_identifier(text)
    belov = candidate_logs_in(browser, BELOV)
    my_letters(belov)
    notice, notice_pdf = download(belov, "Уведомление о результатах")
    for text in (notice, flat(notice_pdf)):
        assert f"решение: {RESERVE}" in text and "14,50" in text, text
        assert_no_identifier(text)
    shot(belov, "17-letters-belov")
