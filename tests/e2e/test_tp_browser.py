"""TP from a new campaign to the certificate in a real browser (talent pool, Kazakhstan).

Set-up: a state body, its HR officer and two representatives of the bodies that declared demand
(users only, through the factories). Everything else happens on the pages: the HR officer
creates the campaign, enters its dates and the demand, publishes it and forms the group of
representatives; two students register and apply; the representatives score the essays; the
HR officer records the training, internship and testing and forms the decision and sets the
body to issue in Kazakh and Russian; the holder follows her application in Kazakh and downloads
the bilingual certificate (issue 15).

The TP calendar is annual (registration 1–31 October, TP-7), so the server's clock is moved
through a cycle that lies in the future (next year's): registration in October, the essays in
November, the results and the certificates in June. Only the clock is moved; every record is
made through the pages.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any

import docx
import pytest
from django.contrib.auth.models import User
from django.utils import timezone, translation
from playwright.sync_api import expect
from pypdf import PdfReader

from rezerv.selection.models import Result
from tests.e2e.pages import (
    Clock,
    expect_message,
    log_in,
    register_from_announcement,
    row_of,
    screenshot,
    section_of,
    submitting,
)
from tests.e2e.scenario import PASSWORD
from tests.web import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(tempfile.gettempdir()) / "rezerv-e2e-tp"  # to look at; not committed

REGULATION = (
    "Отбор в пул талантов в государственный сектор (школа молодых государственных служащих)"
)
COMMISSION = (
    "Представители государственных органов, сформировавших кадровую потребность (оценка эссе)"
)
TRAINING = (
    "Программа подготовки в Академии государственного управления (или онлайн) с разработкой проекта"
)
INTERNSHIP = (
    "Производственная практика и презентация проекта "
    "(отзыв руководителя государственного органа с рекомендацией)"
)
TRAINING_STAGE = (
    "Программа подготовки в Академии и её филиалах (онлайн — где нет филиала), разработка проекта"
)
TITLE = "Пул талантов: Костанайская область"
BODY = "Департамент Агентства РК по делам государственной службы по Костанайской области"
REPS = {
    "tp_rep1": "Байжанова Сауле Кайратовна",
    "tp_rep2": "Тулегенов Нурлан Болатович",
}
AIGERIM = "Ахметова Айгерим Нурлановна"
DANIYAR = "Жумабаев Данияр Ерланович"
STUDENTS = {
    # name: (username, last, first, patronymic, IIN, programme, direction, specialty)
    AIGERIM: (
        "akhmetova",
        "Ахметова",
        "Айгерим",
        "Нурлановна",
        "010314650123",
        "послевузовское — магистратура",
        "Цифровизация и государственные услуги",
        "Информационные системы",
    ),
    DANIYAR: (
        "zhumabaev",
        "Жумабаев",
        "Данияр",
        "Ерланович",
        "030722550486",
        "высшее (бакалавриат)",
        "Экономика и финансы",
        "Финансы",
    ),
}
LEVELS = {"5": "5 отлично", "4": "4 хорошо", "3": "3 удовлетворительно"}  # appendix 3
ESSAYS = {  # (originality, clarity) per representative
    "tp_rep1": {AIGERIM: ("5", "5"), DANIYAR: ("4", "3")},
    "tp_rep2": {AIGERIM: ("4", "5"), DANIYAR: ("4", "4")},
}


def shot(page: Any, name: str) -> None:
    screenshot(SCREENSHOTS, page, name)


def hr_creates_the_campaign(page: Any, year: int) -> None:
    log_in(page, "hr_tp")
    page.get_by_role("link", name="Новая кампания").click()
    page.get_by_label("Регламент").select_option(label=f"TP — {REGULATION}")
    page.get_by_role("button", name="Далее").click()
    page.get_by_label("Вид").select_option(label="отбор в пул талантов")
    page.get_by_label("Наименование", exact=True).fill(TITLE)
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    shot(page, "01-created")

    page.get_by_label("Начало ежегодного цикла формирования пула талантов").fill(f"{year}-09-01")
    page.get_by_label("Представление потребности государственными органами").fill(f"{year}-08-15")
    page.get_by_role("button", name="Сохранить даты").click()
    expect_message(page, "Даты сохранены")
    expect(row_of(page, "Начало регистрации участников")).to_contain_text(f"01.10.{year}")

    quotas = page.locator("#quotas + form")
    quotas.get_by_label("Костанайская область").fill("1")
    page.get_by_role("button", name="Сохранить квоты").click()
    expect_message(page, "Квоты сохранены")
    expect(page.locator("#quotas + form").get_by_label("Костанайская область")).to_have_value("1")

    # TP-6: the announcement states the procedure, the essay topics and the address for essays;
    # publishing without them is refused, naming them, and they are entered on the desk
    page.get_by_role("button", name=re.compile("Опубликовать объявление")).click()
    expect(page.get_by_role("status")).to_contain_text(
        "В объявлении не заполнено: «Порядок отбора в пул талантов»"
    )
    page.get_by_role("link", name="Изменить текст объявления").click()
    page.get_by_label("Порядок отбора в пул талантов").fill(
        "Регистрация в октябре; эссе; обучение в филиале Академии; практика; тестирование"
    )
    page.get_by_label("Перечень тем эссе по каждому направлению").fill(
        "Цифровое государство: услуги для жителей села. Экономика: поддержка малого бизнеса."
    )
    page.get_by_label("Электронный адрес для отправки эссе").fill("talents-kst@example.kz")
    page.get_by_role("button", name="Сохранить текст объявления").click()
    expect_message(page, "Текст объявления сохранён")
    page.get_by_role("button", name=re.compile("Опубликовать объявление")).click()
    expect_message(page, "Объявление опубликовано")
    shot(page, "02-published")

    page.get_by_role("link", name="Сформировать комиссии").click()
    shot(page, "03-commissions")
    page.get_by_label("Наименование комиссии").fill(
        "Представители госорганов, сформировавших потребность"
    )
    page.get_by_label("Правила комиссии по регламенту").select_option(label=COMMISSION)
    page.get_by_label("Написание и оценка эссе").check()
    page.get_by_role("button", name="Создать комиссию").click()
    for username, full_name in REPS.items():
        card = page.locator(".card").filter(has_text="Представители госорганов")
        card.get_by_label("Имя пользователя (логин) члена комиссии").fill(username)
        card.get_by_label("ФИО").fill(full_name)
        card.get_by_label("Гражданский служащий").check()
        with submitting(page):
            card.get_by_role("button", name="Добавить").click()
        expect(page.get_by_role("main")).to_contain_text(full_name)
    shot(page, "03-commission")


def student_registers_and_applies(page: Any, name: str) -> None:
    username, last, first, patronymic, iin, programme, direction, specialty = STUDENTS[name]
    register_from_announcement(page, TITLE, username, last, first, patronymic, "example.kz")
    page.get_by_label("Дата рождения").fill("2003-03-14")
    page.get_by_label("Гражданство").select_option(label="Республика Казахстан")
    page.get_by_label("ИИН").fill(iin)
    shot(page, f"04-questionnaire-{username}")
    page.get_by_role("button", name="Сохранить").click()
    expect_message(page, "Анкета сохранена")

    page.get_by_role("navigation").get_by_role("link", name="Объявления").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Подать заявление").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заявление")
    page.get_by_label("Уровень образования, по которому вы обучаетесь").select_option(
        label=programme
    )
    page.get_by_label("Обучаюсь на выпускном курсе").select_option(label="да")
    page.get_by_label("Территориальное подразделение").select_option(label="Костанайская область")
    page.get_by_label("Государственный орган для прохождения производственной практики").fill(
        "Аппарат акима Костанайской области"
    )
    page.get_by_label("Направление", exact=True).fill(direction)
    page.get_by_label("Специальность (по документу об обучении)").fill(specialty)
    page.get_by_label("Адрес", exact=True).fill("г. Костанай, ул. Абая, 10")
    page.get_by_label("Контактные телефоны").fill("+7 701 555 10 20")
    page.get_by_label("Адрес электронной почты").fill(f"{username}@example.kz")
    files = Path(tempfile.mkdtemp(prefix="rezerv-e2e-tp-"))
    application = files / "zayavlenie.pdf"
    application.write_bytes(f.PDF)
    page.get_by_label(
        "Заявление на участие в отборе в пул талантов (приложение 1)"
    ).set_input_files(application)
    page.get_by_label(re.compile("Даю согласие")).check()
    shot(page, f"05-apply-{username}")
    page.get_by_role("button", name="Подать заявление").click()
    expect_message(page, "Заявление подано")


def hr_admits(page: Any) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Кадровая служба").click()
    page.get_by_role("link", name=TITLE).click()
    for k, name in enumerate(STUDENTS):
        row_of(page, name).get_by_role("link").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(name)
        shot(page, f"06-desk-application-{k}")
        facts = page.locator("table").first
        expect(row_of(facts, "Территориальное подразделение")).to_contain_text(
            "Костанайская область"
        )
        # the missing check is named by its title (TP-9), not by an identifier
        expect(page.get_by_role("main")).to_contain_text(
            "нет сведений: «Направление соответствует специальности"
        )
        expect(page.get_by_role("main")).not_to_contain_text("direction_fits_specialty")
        expect(page.get_by_role("main")).not_to_contain_text("kostanay")
        page.get_by_label(re.compile("Направление соответствует специальности")).select_option(
            label="да"
        )
        page.get_by_label("Тема эссе").fill(f"Цифровизация государственных услуг — {k + 1}")
        page.get_by_label("Объём эссе, слов").fill(str(400 + k))
        page.get_by_role("button", name="Сохранить").click()
        expect(page.get_by_role("main")).to_contain_text("требования выполнены")
        page.get_by_label("допустить к участию").check()
        page.get_by_role("button", name="Записать решение").click()
        expect_message(page, "Решение о допуске записано")
        expect(row_of(page, name)).to_contain_text("допущен")


def representative_scores_essays(page: Any, username: str) -> None:
    log_in(page, username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Мои комиссии")
    page.get_by_role("link", name=re.compile("^Оценка эссе")).click()
    shot(page, f"07-scoring-{username}")
    for name, (originality, clarity) in ESSAYS[username].items():
        card = section_of(page, name)
        card.get_by_label("Оригинальность и инновационность").select_option(
            label=LEVELS[originality]
        )
        card.get_by_label("Четкость ответа").select_option(label=LEVELS[clarity])
        with submitting(page):
            card.get_by_role("button", name="Сохранить оценку").click()
        expect_message(page, "Оценка сохранена")


def open_campaign(page: Any) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Кадровая служба").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def hr_sets_dates(page: Any, dates: dict[str, str]) -> None:
    for label, day in dates.items():
        page.get_by_label(label, exact=True).fill(day)
    page.get_by_role("button", name="Сохранить даты").click()
    expect_message(page, "Даты сохранены")


def hr_records(page: Any, method: str, results: dict[str, str], on: str = "") -> None:
    """Pass/fail results of one method, dated ``on`` (by default today, as the form offers)."""
    page.get_by_role("link", name=f"{method}: ввести результаты").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(method)
    if on:
        page.get_by_label("Дата результатов").fill(on)
    for name, result in results.items():
        row_of(page, name).get_by_label("Результат").select_option(label=result)
    page.get_by_role("button", name="Сохранить").click()
    expect_message(page, "Результаты сохранены")


def kk(text: str) -> str:
    """The Kazakh of an interface string, as the pages show it."""
    with translation.override("kk"):
        return translation.gettext(text)


def hr_sets_kazakh_and_russian(page: Any) -> None:
    """Issue 15: the HR officer sets their body to issue in Kazakh and Russian."""
    page.get_by_role("navigation").get_by_role("link", name="Кадровая служба").click()
    page.get_by_role("link", name="Государственные органы").click()
    page.get_by_role("link", name=BODY).click()
    page.get_by_label("казахский и русский").check()
    page.get_by_role("button", name="Сохранить").click()
    expect_message(page, "Язык документов органа сохранён")
    expect(page.get_by_label("казахский и русский")).to_be_checked()


def test_tp2_tp8_tp12_talent_pool_from_new_campaign_to_certificate(
    browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = f.body(BODY)
    f.hr_user(body, "hr_tp")
    for username in REPS:
        User.objects.create_user(username, password=PASSWORD)
    year = timezone.localdate().year + 1  # a cycle wholly in the future: cookies stay valid
    clock = Clock(monkeypatch)

    clock.set(dt.date(year, 9, 20))
    desk = browser()
    hr_creates_the_campaign(desk, year)

    clock.set(dt.date(year, 10, 5))
    for name in STUDENTS:
        student_registers_and_applies(browser(), name)

    clock.set(dt.date(year, 11, 12))
    log_in(desk, "hr_tp")  # the session of September has expired
    hr_admits(desk)
    for username in REPS:
        representative_scores_essays(browser(), username)

    # training (January–February), internship (March–April), testing (May): the results are
    # recorded in May, each with the day it was obtained
    clock.set(dt.date(year + 1, 5, 20))
    log_in(desk, "hr_tp")
    open_campaign(desk)
    hr_sets_dates(
        desk,
        {
            "Написание эссе": f"{year}-11-10",
            "Начало программы подготовки в Академии (этап разработки проекта)": f"{year + 1}-01-12",
            "Завершение программы подготовки": f"{year + 1}-02-26",
            "Начало производственной практики": f"{year + 1}-03-02",
            "Завершение производственной практики и презентация проекта": f"{year + 1}-04-24",
            "Начало тестирования на знание законодательства и оценки личных качеств": f"{year + 1}-05-18",
        },
    )
    shot(desk, "08-dates")
    hr_records(desk, TRAINING, {AIGERIM: "пройдено"}, f"{year + 1}-02-26")
    hr_records(desk, INTERNSHIP, {AIGERIM: "пройдено"}, f"{year + 1}-04-24")
    hr_records(desk, "Тестирование на знание законодательства", {AIGERIM: "пройдено"})
    hr_records(desk, "Оценка личных качеств", {AIGERIM: "пройдено"})
    # a date after today is refused, naming the field, and nothing is recorded
    desk.get_by_role("link", name="Оценка личных качеств: ввести результаты").click()
    desk.get_by_label("Дата результатов").fill(f"{year + 1}-05-21")
    row_of(desk, AIGERIM).get_by_label("Результат").select_option(label="не пройдено")
    desk.get_by_role("button", name="Сохранить").click()
    expect(desk.get_by_role("alert")).to_contain_text(
        "Дата результатов: не может быть позже сегодняшней."
    )
    open_campaign(desk)

    clock.set(dt.date(year + 1, 6, 5))
    log_in(desk, "hr_tp")
    open_campaign(desk)
    hr_sets_dates(desk, {"Вручение сертификатов о зачислении в пул талантов": f"{year + 1}-06-05"})
    shot(desk, "09-before-decision")
    # a stage without a commission offers no meeting and no closing of ballots; the stage that
    # gives the certificates is decided by the HR officer
    training = desk.locator(".card").filter(
        has=desk.get_by_role("heading", name=TRAINING_STAGE, exact=True)
    )
    expect(training).to_be_visible()
    expect(training.get_by_role("link", name="Назначить заседание")).to_have_count(0)
    expect(training.get_by_role("button")).to_have_count(0)
    desk.get_by_role("button", name="Сформировать решение по этапу").click()
    shot(desk, "10-decision")
    expect_message(desk, "сформировано")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Решение по этапу")
    table = desk.locator("table").first
    expect(row_of(table, AIGERIM)).to_contain_text("зачислен в пул талантов (выдан сертификат)")
    expect(row_of(table, AIGERIM)).to_contain_text("9,50")  # (5+5 + 4+5) / 2
    expect(row_of(table, DANIYAR)).to_contain_text("не прошёл отбор")
    expect(desk.get_by_role("main")).to_contain_text(f"{AIGERIM} (до 05.06.{year + 2})")

    # issue 15: the body issues in Kazakh and Russian, as its HR officer sets on the desk
    hr_sets_kazakh_and_russian(desk)

    # the holder, a Kazakh user, follows her application in Kazakh and downloads her
    # certificate (TP-12: valid one year from the handing-over), Kazakh first, then Russian
    holder = browser()
    log_in(holder, "akhmetova", "akhmetova-2027-Pass")
    holder.get_by_label("Язык").select_option("kk")
    holder.get_by_role("button", name="Выбрать").click()
    expect(holder.locator("html")).to_have_attribute("lang", "kk")
    holder.get_by_role("navigation").get_by_role("link", name=kk("Мои заявления")).click()
    holder.get_by_role("link", name=TITLE).click()
    expect(holder.locator("html")).to_have_attribute("lang", "kk")
    shot(holder, "11-holder-application-kk")
    holder.locator("#documents").click()
    shot(holder, "12-holder-documents-kk")
    item = holder.get_by_role("listitem").filter(has_text="Сертификат")
    with holder.expect_download() as download:
        item.get_by_role("link", name="PDF").click()
    reader = PdfReader(download.value.path())
    kazakh, russian = (" ".join(p.extract_text().split()) for p in reader.pages)
    assert str(reader.trailer["/Root"]["/Lang"]) == "kk"
    assert "Осы сертификат" in kazakh and f"{year + 2} ж. 5 маусым дейін жарамды" in kazakh
    assert f"Действителен до: «05» июня {year + 2} г." in russian, russian
    with holder.expect_download() as download:
        item.get_by_role("link", name="DOCX").click()
    document = docx.Document(download.value.path())
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "Ахметова" in text and "Айгерим" in text, text
    assert "жас мемлекеттік қызметшілер мектебінің таланттар пулына" in text, text
    assert f"Действителен до: «05» июня {year + 2} г." in text, text
    assert text.index("Осы сертификат") < text.index("удостоверяет о том, что")

    # what was stored matches what the pages show: the results carry the days entered
    dates = {(r.stage_id, r.method_id): r.date for r in Result.objects.all()}
    assert dates[("training", "training")] == dt.date(year + 1, 2, 26)
    assert dates[("internship", "internship")] == dt.date(year + 1, 4, 24)
    assert dates[("testing", "personal_qualities")] == dt.date(year + 1, 5, 20)
    assert Result.objects.filter(method_id="personal_qualities", passed=True).count() == 1
