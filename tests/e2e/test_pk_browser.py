"""PK from a new campaign to the approved reserve in a real browser (municipal personnel reserve).

Set-up: a state body, its HR specialist (the commission's secretary) and two more members of
the commission (users only, through the factories); the server's clock is set to January.
Everything else happens on the pages: the HR specialist creates the campaign (the readiness
panel says what is missing at each step), enters the formation's dates, the announcement's
texts, publishes it and forms the commission; four candidates register and apply by
recommendation with the documents of 2.7 (PK-3, PK-4) for two target positions; the HR
specialist checks the qualification, enters the legal test and admits them; each member scores
the appendix 6 criteria (PK-8); the commission meets, votes and decides: at most 2 candidates
per target position (PK-2); the head's approval of the reserve is entered by 1 April (PK-6);
the decision and the reserve list are opened as documents.
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

from rezerv.selection.models import Decision, ReserveEntry
from tests.e2e.pages import (
    Clock,
    docx_text,
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

SCREENSHOTS = Path(tempfile.gettempdir()) / "rezerv-e2e-pk"  # to look at; not committed

YEAR = 2027
START = dt.date(YEAR, 1, 11)  # the yearly formation starts (PK-6)
INTAKE_END = dt.date(YEAR, 1, 29)  # before the recommendations' 1 February (PK-3)
MEETING = dt.date(YEAR, 2, 16)
APPROVAL = dt.date(YEAR, 3, 25)  # by 1 April (PK-6)

REGULATION = (
    "Формирование кадрового резерва для замещения вакантных должностей муниципальной службы "
    "в Администрации Покровского сельского поселения"
)
STAGE = (
    "Рассмотрение Комиссией, оценка по критериям и решение о включении в кадровый резерв (протокол)"
)
COMMISSION_RULE = "Комиссия по формированию и подготовке муниципального резерва"
TITLE = "Муниципальный кадровый резерв Администрации Покровского сельского поселения на 2027 год"
BODY = "Администрация Покровского сельского поселения"
COMMISSION = "Комиссия по формированию муниципального резерва"
CHAIR = "Покровский Иван Николаевич"
SECRETARY = "Кадрова Елена Петровна"
MEMBER = "Юристов Андрей Олегович"
MEMBERS = [("pk_chair", CHAIR, "председатель"), ("hr_pk", SECRETARY, "секретарь")]
MEMBERS.append(("pk_member", MEMBER, "член комиссии"))

LAND = "Ведущий специалист по земельным и имущественным отношениям"
FINANCE = "Главный специалист по экономике и финансам"
ORLOVA = "Орлова Наталья Викторовна"
BELOV = "Белов Сергей Александрович"
GROMOV = "Громов Павел Ильич"
ZUEVA = "Зуева Ирина Олеговна"
CANDIDATES = {
    # name: (username, last, first, patronymic, target position, group, level of the ballots)
    ORLOVA: ("orlova", "Орлова", "Наталья", "Викторовна", LAND, "ведущая", 3),
    BELOV: ("belov", "Белов", "Сергей", "Александрович", LAND, "ведущая", 2),
    GROMOV: ("gromov", "Громов", "Павел", "Ильич", LAND, "ведущая", 1),
    ZUEVA: ("zueva", "Зуева", "Ирина", "Олеговна", FINANCE, "главная", 2),
}
LEGAL_TEST = {ORLOVA: "90", BELOV: "70", GROMOV: "40", ZUEVA: "80"}  # % of correct answers
DOCUMENTS = [  # the list of 2.7 for a recommended candidate (PK-4)
    "Письменное заявление на имя председателя Комиссии (приложение № 3)",
    "Собственноручно заполненная и подписанная анкета с фотографией (приложение № 4)",
    "Копия паспорта или заменяющего его документа",
    "Копии документов о профессиональном образовании",
    "Копия трудовой книжки или иных документов о трудовой (служебной) деятельности",
    "Рекомендация (приложение № 2)",
    "Согласие на обработку персональных данных, проверку сведений, проведение оценочных "
    "мероприятий (приложение № 5)",
]


def shot(page: Any, name: str) -> None:
    screenshot(SCREENSHOTS, page, name)


def hr_desk(browser: Any) -> Any:
    """The HR specialist's desk in a browser of its own: the clock moved on weeks, and the
    session of the day before has expired."""
    page = browser()
    log_in(page, "hr_pk")
    return page


def open_campaign(page: Any) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Кадровая служба").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def hr_creates_the_campaign(page: Any) -> None:
    log_in(page, "hr_pk")
    page.get_by_role("link", name="Новая кампания").click()
    page.get_by_label("Регламент").select_option(label=f"PK — {REGULATION}")
    page.get_by_role("button", name="Далее").click()
    page.get_by_label("Вид").select_option(label="конкурс на включение в кадровый резерв")
    page.get_by_label("Наименование", exact=True).fill(TITLE)
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # the readiness panel says in words what the publication still needs
    panel = page.locator("#readiness")
    # PK requires no text of the announcement (its regulation marks none required)
    expect(panel).not_to_contain_text("Текст объявления")
    expect(panel).to_contain_text(
        "Укажите дату: «Окончание приёма документов кандидатов (устанавливается специалистом "
        "по кадровой работе)»."
    )
    expect(panel).to_contain_text("Объявление не опубликовано.")
    expect(panel).not_to_contain_text("intake_end")
    shot(page, "01-created")

    page.get_by_label(re.compile("^Начало ежегодного формирования кадрового резерва")).fill(
        START.isoformat()
    )
    page.get_by_label(re.compile("^Окончание приёма документов кандидатов")).fill(
        INTAKE_END.isoformat()
    )
    page.get_by_role("button", name="Сохранить даты").click()
    expect_message(page, "Даты сохранены")
    expect(panel).not_to_contain_text("Укажите дату")

    # the target positions candidates choose from (issue 9 §2: chosen from records, PK-2)
    expect(panel).to_contain_text("Укажите целевые должности")
    for title in (LAND, FINANCE):
        page.get_by_label("Наименование целевой должности").fill(title)
        page.get_by_role("button", name="Добавить должность").click()
        expect_message(page, f"Целевая должность «{title}» добавлена")
    expect(panel).not_to_contain_text("Укажите целевые должности")

    # the texts of the announcement are the ones PK declares
    page.get_by_role("link", name="Изменить текст объявления").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Текст объявления")
    page.get_by_label("Условия включения в кадровый резерв").fill(
        "Резерв формируется ежегодно; включённые в резерв проходят подготовку по планам"
    )
    page.get_by_label("Место, время и способ приёма документов").fill(
        "Лично: с. Покровское, ул. Ленина, 1, каб. 5, в рабочие дни с 9:00 до 17:00"
    )
    page.get_by_label("Дата, место и порядок проведения конкурса").fill(
        "Заседание Комиссии в феврале 2027 года в здании Администрации поселения"
    )
    page.get_by_role("button", name="Сохранить текст объявления").click()
    expect_message(page, "Текст объявления сохранён")
    expect(panel).not_to_contain_text("Текст объявления")
    page.get_by_role("button", name=re.compile("Опубликовать объявление")).click()
    expect_message(page, "Объявление опубликовано")
    expect(panel).to_contain_text(f"Назначьте комиссию этапа «{STAGE}».")
    expect(panel).to_contain_text(f"Нет кандидатов, допущенных к этапу «{STAGE}».")
    shot(page, "02-published")

    panel.get_by_role("link", name=re.compile("Назначьте комиссию")).click()
    page.get_by_label("Наименование комиссии").fill(COMMISSION)
    page.get_by_label("Правила комиссии по регламенту").select_option(label=COMMISSION_RULE)
    page.get_by_label(STAGE).check()
    page.get_by_role("button", name="Создать комиссию").click()
    for username, full_name, role in MEMBERS:
        card = page.locator(".card").filter(has_text=COMMISSION)
        card.get_by_label("Имя пользователя (логин) члена комиссии").fill(username)
        card.get_by_label("ФИО").fill(full_name)
        card.get_by_label("Роль").select_option(label=role)
        with submitting(page):
            card.get_by_role("button", name="Добавить").click()
        expect(page.get_by_role("main")).to_contain_text(f"{full_name} — {role}")
    shot(page, "03-commission")


def candidate_registers_and_applies(page: Any, name: str) -> None:
    username, last, first, patronymic, position, group, level = CANDIDATES[name]
    register_from_announcement(page, TITLE, username, last, first, patronymic, "example.org")
    page.get_by_label("Дата рождения").fill("1988-03-14")
    page.get_by_label("Гражданство").select_option(label="Российская Федерация")
    page.get_by_role("button", name="Сохранить").click()
    expect_message(page, "Анкета сохранена")

    page.get_by_role("navigation").get_by_role("link", name="Объявления").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Подать заявление").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заявление")
    page.get_by_label("Порядок участия").select_option(
        label="По рекомендации руководителя (заместителя руководителя) органа местного "
        "самоуправления или руководителя структурного подразделения (приложение № 2)"
    )
    page.get_by_label("Целевая должность (по штатному расписанию)").select_option(label=position)
    page.get_by_label("Группа должностей муниципальной службы").select_option(label=group)
    page.get_by_label("Уровень высшего образования").select_option(label="магистратура")
    page.get_by_label(re.compile(r"^Образование \(учебное заведение")).fill(
        "Донской государственный технический университет, 2010, государственное управление"
    )
    page.get_by_label("Стаж муниципальной службы, лет").fill(str(4 + level))
    page.get_by_label("Опыт управленческой деятельности, лет").fill(str(level))
    page.get_by_label("Число успешно реализованных проектов").fill(str(level - 1))
    page.get_by_label("Число положительных отзывов (рекомендаций)").fill(str(level - 1))
    page.get_by_label(re.compile("«с нуля»")).select_option(label="есть" if level > 1 else "нет")
    files = Path(tempfile.mkdtemp(prefix="rezerv-e2e-pk-"))
    for k, title in enumerate(DOCUMENTS):
        path = files / f"document-{k + 1}.pdf"
        path.write_bytes(f.PDF)
        page.get_by_label(title, exact=True).set_input_files(path)
    page.get_by_label(re.compile("Даю согласие")).check()
    shot(page, f"04-apply-{username}")
    page.get_by_role("button", name="Подать заявление").click()
    expect_message(page, "Заявление подано")
    expect(page.get_by_role("main")).to_contain_text("Рекомендация (приложение № 2)")


def hr_admits(page: Any) -> None:
    open_campaign(page)
    for name in CANDIDATES:
        row_of(page, name).get_by_role("link").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(name)
        page.get_by_label(re.compile("^Соответствие квалификационным требованиям")).select_option(
            label="да"
        )
        page.get_by_label(re.compile("^Профессиональное тестирование")).fill(LEGAL_TEST[name])
        page.get_by_role("button", name="Сохранить").click()
        expect(page.get_by_role("main")).to_contain_text("требования выполнены")
        page.get_by_label("допустить к участию").check()
        page.get_by_role("button", name="Записать решение").click()
        expect_message(page, "Решение о допуске записано")
        expect(row_of(page, name)).to_contain_text("допущен")


def member_scores(page: Any, username: str) -> None:
    log_in(page, username, PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Комиссия").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Мои комиссии")
    page.get_by_role("link", name=re.compile("^Оценка профессиональных и личностных")).click()
    for name, (*_, level) in CANDIDATES.items():
        card = section_of(page, name)
        for select in card.locator("select").all():
            count = select.locator("option").count()
            select.select_option(index=min(level, count - 1))
        with submitting(page):
            card.get_by_role("button", name="Сохранить оценку").click()
        expect_message(page, "Оценка сохранена")
    shot(page, f"05-ballots-{username}")


def hr_holds_the_meeting(page: Any) -> None:
    open_campaign(page)
    panel = page.locator("#readiness")
    expect(panel).to_contain_text(
        f"Не закрыта независимая оценка членов комиссии на этапе «{STAGE}»."
    )
    expect(panel).to_contain_text(f"Не назначено заседание комиссии этапа «{STAGE}».")
    page.get_by_role("button", name="Закрыть независимую оценку").click()
    expect_message(page, "Независимая оценка закрыта")
    panel.get_by_role("link", name=re.compile("Не назначено заседание")).click()
    page.get_by_label("Дата заседания").fill(MEETING.isoformat())
    page.get_by_label("Место").fill("с. Покровское, ул. Ленина, 1, зал заседаний")
    page.get_by_role("button", name="Назначить").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заседание комиссии")
    for _username, full_name, _role in MEMBERS:
        page.get_by_role("checkbox", name=re.compile(full_name)).check()
    page.get_by_role("button", name="Сохранить присутствие").click()
    expect(page.get_by_role("main")).to_contain_text("Присутствует 3 из 3")
    expect(page.get_by_role("main")).to_contain_text("заседание правомочно")
    shot(page, "06-meeting")
    for name in CANDIDATES:
        form = page.get_by_role("form", name=f"{name} — включить в кадровый резерв")
        for _username, full_name, _role in MEMBERS:
            form.get_by_label(f"{full_name}: за").check()
        with submitting(page):
            form.get_by_role("button", name="Записать голосование").click()
    page.get_by_role("button", name="Сформировать решение комиссии").click()
    expect_message(page, "Решение комиссии сформировано")
    expect(page.get_by_role("heading", level=1)).to_have_text("Решение комиссии")


def test_pk2_pk6_pk8_municipal_reserve_from_new_campaign_to_the_approved_list(
    browser: Any, monkeypatch: Any
) -> None:
    clock = Clock(monkeypatch)
    clock.set(START)
    body = f.body(BODY)
    f.hr_user(body, "hr_pk")
    for username, _name, _role in MEMBERS:
        if username != "hr_pk":
            User.objects.create_user(username, password=PASSWORD)

    desk = browser()
    hr_creates_the_campaign(desk)
    clock.set(START + dt.timedelta(days=3))
    for name in CANDIDATES:
        candidate_registers_and_applies(browser(), name)
    clock.set(INTAKE_END + dt.timedelta(days=1))
    desk = hr_desk(browser)
    hr_admits(desk)
    for username in ("pk_chair", "hr_pk", "pk_member"):
        member_scores(browser(), username)

    clock.set(MEETING)
    desk = hr_desk(browser)
    hr_holds_the_meeting(desk)
    shot(desk, "07-decision")

    # PK-2: at most 2 per target position, in the order of the appendix 6 rating (PK-8)
    table = desk.locator("table#decision")
    for name in (ORLOVA, BELOV, ZUEVA):
        expect(row_of(table, name)).to_contain_text("включён в резерв")
    expect(row_of(table, GROMOV)).to_contain_text("не прошёл отбор")
    included = desk.locator("#outcome-included_in_reserve")
    for name in (ORLOVA, BELOV, ZUEVA):
        expect(included).to_contain_text(name)
    expect(included).not_to_contain_text(GROMOV)
    for identifier in ("included_in_reserve", "not_selected", "target_position"):
        expect(desk.get_by_role("main")).not_to_contain_text(identifier)

    # PK-6: the head approves the reserve by 1 April; the date is entered at the desk
    clock.set(APPROVAL)
    desk = hr_desk(browser)
    open_campaign(desk)
    desk.get_by_label("Утверждение кадрового резерва главой Администрации поселения").fill(
        APPROVAL.isoformat()
    )
    desk.get_by_role("button", name="Сохранить даты").click()
    expect_message(desk, "Даты сохранены")
    expect(row_of(desk, "ежегодно в срок до 1 апреля")).to_contain_text("соблюдён")
    expect(desk.locator("#readiness")).to_contain_text("Всё необходимое для следующего шага есть.")
    shot(desk, "08-approved")

    decision = Decision.objects.get()
    outcomes = {row["name"]: row["outcome"] for row in decision.result["candidates"]}
    assert outcomes == {
        ORLOVA: "included_in_reserve",
        BELOV: "included_in_reserve",
        ZUEVA: "included_in_reserve",
        GROMOV: "not_selected",
    }
    assert sorted(e.person.last_name for e in ReserveEntry.objects.all()) == [
        "Белов",
        "Зуева",
        "Орлова",
    ]

    # the documents: the list of the campaign's documents, the decision and the reserve list
    desk.locator("#documents").click()
    shot(desk, "09-documents")

    def download(item: Any) -> str:
        with desk.expect_download() as got:
            item.get_by_role("link", name="DOCX").click()
        return docx_text(got.value.path())

    items = desk.get_by_role("listitem")
    reserve_list = download(items.filter(has_text=re.compile("[Сс]писок|[Рр]езерв")).first)
    assert ORLOVA in reserve_list and ZUEVA in reserve_list, reserve_list
    assert GROMOV not in reserve_list, reserve_list

    open_campaign(desk)
    desk.get_by_role("link", name="Решение", exact=True).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Решение комиссии")
    expect(row_of(desk.locator("table#decision"), ORLOVA)).to_contain_text("включён в резерв")
    # the target position each rating is within (stage.rank_within, PK-7), a column by its title
    decision = desk.locator("table#decision")
    expect(decision.locator("thead")).to_contain_text("Целевая должность")
    for name, (*_, position, _group, _level) in CANDIDATES.items():
        expect(row_of(decision, name)).to_contain_text(position)
