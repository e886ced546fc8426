"""EM (the federal Unified methodology, Decree 397) written only as data, in a real browser.

Set-up: a state body, its administrator and its HR officer (users through the ORM: no page
creates staff). Everything else happens on the pages: the administrator uploads
examples/regulations/em397.yaml and puts it in force; the HR officer creates a campaign under
EM, fills the announcement texts EM declares, publishes it and forms the commission; three
candidates register and apply with the general EM-7 checklist. No file of rezerv's code names EM.

Not yet covered here: admission and refusal (with its generic letter), tests, interview ballots,
the meeting, votes, the decision and the generic rating, protocol and notice of results.
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
    expect_message,
    log_in,
    register_from_announcement,
    row_of,
    screenshot,
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


def test_em7_em12_a_regulation_written_only_as_data_uploaded_and_published(
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
    start = dt.date(2027, 3, 1)
    clock.set(start)
    admin_uploads_em(browser())
    hr_creates_and_publishes(browser())
    clock.set(start + dt.timedelta(days=3))
    candidate_applies(browser(), "orlova", "Орлова", "Наталья", "Викторовна")
    candidate_applies(browser(), "belov", "Белов", "Сергей", "Александрович")
    candidate_applies(browser(), "gromov", "Громов", "Павел", "Ильич")
