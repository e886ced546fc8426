"""BR from a new campaign to the reserve in a real browser (management reserve of Bashkortostan).

Set-up: a state body, its HR officer (the commission's secretary) and two more members of the
commission (users only, through the factories). Everything else happens on the pages: the HR
officer creates the campaign, enters the publication of the decision to hold it and the places
per reserve level, publishes it and forms the commission; three candidates register and apply
(two in the open intake, one as a semi-finalist of «Лидеры России», BR-9); the HR officer
admits them; the commission's primary ranking is entered and its meeting admits the best to the
in-person stage (BR-15); the expert conclusions and the in-person documents are recorded, the
commission votes and decides the inclusion (BR-16); the reserve list and the notices of the
results are downloaded as documents.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import docx
import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.pages import (
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

SCREENSHOTS = Path(tempfile.gettempdir()) / "rezerv-e2e-br"  # to look at; not committed

REGULATION = "Конкурс на включение в резерв управленческих кадров Республики Башкортостан"
COMMISSION_RULE = (
    "Комиссия по формированию и подготовке резерва управленческих кадров Республики Башкортостан"
)
REMOTE = "Заочный этап — первичное ранжирование и допуск к очному этапу"
IN_PERSON = "Очный этап — углублённая диагностика, рейтинг и решение Комиссии"
RANKING = "Первичное ранжирование по представленным данным (Комиссия)"
CONCLUSION = "Экспертное заключение и рейтинг (экспертная группа)"
DOCUMENTS = "Справка о наличии (отсутствии) судимости и заверенные копии документов (п. 4.12)"
TITLE = "Резерв управленческих кадров Республики Башкортостан: набор 2027 года"
BODY = "Администрация Главы Республики Башкортостан"
COMMISSION = "Комиссия по резерву управленческих кадров"
CHAIR = "Хабиров Марат Ильдарович"
SECRETARY = "Латыпова Эльвира Ринатовна"
MEMBER = "Сафин Айдар Маратович"
MEMBERS = [("br_chair", CHAIR, "председатель"), ("hr_br", SECRETARY, "секретарь")]
MEMBERS.append(("br_member", MEMBER, "член комиссии"))

OPEN_INTAKE = "Личное заявление в рамках открытого набора (п. 4.1–4.2)"
LEADERS = "Участник полуфинала Всероссийского конкурса «Лидеры России» от Республики Башкортостан"
GARIPOV = "Гарипов Ильдар Рустамович"
VALEEVA = "Валеева Гульнара Фаритовна"
ISHMURATOV = "Ишмуратов Тимур Азатович"
CANDIDATES = {
    # name: (username, last, first, patronymic, route, years of managerial experience)
    GARIPOV: ("garipov", "Гарипов", "Ильдар", "Рустамович", OPEN_INTAKE, "9"),
    VALEEVA: ("valeeva", "Валеева", "Гульнара", "Фаритовна", OPEN_INTAKE, "6"),
    ISHMURATOV: ("ishmuratov", "Ишмуратов", "Тимур", "Азатович", LEADERS, "4"),
}
RANKINGS = {GARIPOV: "9", VALEEVA: "7"}  # each of the three criteria (0–10)
RATINGS = {GARIPOV: "86", VALEEVA: "71"}  # the expert group's rating score (0–100)


def shot(page: Any, name: str) -> None:
    screenshot(SCREENSHOTS, page, name)


def docx_text(path: str) -> str:
    document = docx.Document(path)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def open_campaign(page: Any) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Кадровая служба").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def hr_creates_the_campaign(page: Any) -> None:
    log_in(page, "hr_br")
    page.get_by_role("link", name="Новая кампания").click()
    page.get_by_label("Регламент").select_option(label=f"BR — {REGULATION}")
    page.get_by_role("button", name="Далее").click()
    page.get_by_label("Вид").select_option(label="конкурс на включение в кадровый резерв")
    page.get_by_label("Наименование", exact=True).fill(TITLE)
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    shot(page, "01-created")

    # BR-14: the decision to hold the competition is published at least 5 days before it
    six_days_ago = timezone.localdate() - timezone.timedelta(days=6)
    page.get_by_label(
        "Публикация решения Комиссии о проведении конкурса на портале «Кадры республики»"
    ).fill(six_days_ago.isoformat())
    page.get_by_role("button", name="Сохранить даты").click()
    expect_message(page, "Даты сохранены")

    # places per reserve level: the best group admitted to the in-person stage and the places
    # in the reserve (the limits of BR-15 and BR-16)
    quotas = page.locator("#quotas + form")
    admitted = quotas.locator("fieldset").filter(has_text="допущен к очному этапу")
    included = quotas.locator("fieldset").filter(has_text="включён в резерв")
    for fieldset, numbers in ((admitted, ("1", "2", "1")), (included, ("1", "1", "1"))):
        for label, number in zip(
            ["высший уровень", "базовый уровень", "перспективный уровень (18–35 лет)"],
            numbers,
            strict=True,
        ):
            fieldset.get_by_label(label).fill(number)
    page.get_by_role("button", name="Сохранить квоты").click()
    expect_message(page, "Квоты сохранены")
    included = page.locator("#quotas + form fieldset").filter(has_text="включён в резерв")
    expect(included.get_by_label("базовый уровень")).to_have_value("1")

    # the texts of the announcement are the ones BR declares (none is required by BR-14)
    page.get_by_role("link", name="Изменить текст объявления").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Текст объявления")
    expect(page.get_by_role("main")).not_to_contain_text("Условия прохождения службы")
    page.get_by_label("Условия конкурса").fill(
        "Резерв формируется на 3 года; подготовка по индивидуальным планам развития"
    )
    page.get_by_label("Место, время и способ приёма документов").fill(
        "Лично или почтой: г. Уфа, ул. Тукаева, 46, каб. 301, в рабочие дни с 9:00 до 18:00"
    )
    page.get_by_label("Сроки, место и порядок проведения конкурса").fill(
        "Заочный этап — по представленным документам; очный этап — г. Уфа, Дом Республики"
    )
    page.get_by_role("button", name="Сохранить текст объявления").click()
    expect_message(page, "Текст объявления сохранён")
    page.get_by_role("button", name=re.compile("Опубликовать объявление")).click()
    expect_message(page, "Объявление опубликовано")
    expect(page.get_by_role("link", name="Изменить текст объявления")).to_have_count(0)
    expect(
        row_of(page, "Решение о проведении конкурса публикуется не позднее чем за 5 дней")
    ).to_contain_text("соблюдён")
    shot(page, "02-published")

    page.get_by_role("link", name="Сформировать комиссии").click()
    page.get_by_label("Наименование комиссии").fill(COMMISSION)
    page.get_by_label("Правила комиссии по регламенту").select_option(label=COMMISSION_RULE)
    page.get_by_label(REMOTE).check()
    page.get_by_label(IN_PERSON).check()
    page.get_by_role("button", name="Создать комиссию").click()
    for username, full_name, role in MEMBERS:
        card = page.locator(".card").filter(has_text=COMMISSION)
        card.get_by_label("Имя пользователя (логин) члена комиссии").fill(username)
        card.get_by_label("ФИО").fill(full_name)
        card.get_by_label("Роль").select_option(label=role)
        card.get_by_label("Гражданский служащий").check()
        with submitting(page):
            card.get_by_role("button", name="Добавить").click()
        expect(page.get_by_role("main")).to_contain_text(f"{full_name} — {role}")
    # a member's details corrected in place (issue 9 §2), the role kept
    page.get_by_role("link", name=f"Изменить сведения: {MEMBER}").click()
    expect(page.get_by_label("ФИО")).to_have_value(MEMBER)
    page.get_by_label("Должность").fill("Заместитель министра")
    page.get_by_role("button", name="Сохранить", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text(
        f"Сведения о члене комиссии «{MEMBER}» изменены"
    )
    expect(page.get_by_role("main")).to_contain_text(f"{MEMBER} — член комиссии")
    shot(page, "03-commission")


def candidate_registers_and_applies(page: Any, name: str) -> None:
    username, last, first, patronymic, route, years = CANDIDATES[name]
    register_from_announcement(page, TITLE, username, last, first, patronymic, "example.org")
    page.get_by_label("Дата рождения").fill("1984-05-20")
    page.get_by_label("Гражданство").select_option(label="Российская Федерация")
    page.get_by_role("button", name="Сохранить").click()
    expect_message(page, "Анкета сохранена")

    page.get_by_role("navigation").get_by_role("link", name="Объявления").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Подать заявление").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заявление")
    page.get_by_label("Порядок участия").select_option(label=route)
    page.get_by_label("Уровень резерва").select_option(label="базовый уровень")
    page.get_by_label("Уровень образования", exact=True).select_option(
        label="высшее — магистратура"
    )
    page.get_by_label("Стаж работы на руководящих должностях, лет").fill(years)
    page.get_by_label(
        "Управленческое звено, в котором получен опыт руководящей работы"
    ).select_option(label="среднее управленческое звено")
    page.get_by_label(
        "Имею судимость, не снятую или не погашенную в установленном порядке"
    ).select_option(label="нет")
    page.get_by_label("Работаю в настоящее время").select_option(label="да")
    if route == LEADERS:
        page.get_by_label(
            "Участник полуфинала конкурса «Лидеры России» от Республики Башкортостан"
        ).select_option(label="да")
    else:
        page.get_by_label(re.compile("Рекомендатель")).fill(
            "Министр экономического развития Республики Башкортостан"
        )
    page.get_by_label("Краткое описание опыта работы").fill(
        f"Руководитель структурного подразделения, {years} лет"
    )
    page.get_by_label("Отрасль (сфера) опыта").fill("Экономика и финансы")
    files = Path(tempfile.mkdtemp(prefix="rezerv-e2e-br-"))
    documents = [
        "Личное заявление о включении в резерв (приложение 2)",
        "Анкета кандидата (приложение 4)",
        "Копии документа о высшем образовании, трудовой книжки, дипломов о профессиональном образовании",
    ]
    if route != LEADERS:  # BR-8; the projects' participants need no nomination (BR-9)
        documents += [
            "Представление (приложение 3)",
            "Документ об отсутствии заболевания, препятствующего поступлению на работу",
            "Заверенная копия паспорта гражданина Российской Федерации",
        ]
    for k, title in enumerate(documents):
        path = files / f"document-{k + 1}.pdf"
        path.write_bytes(f.PDF)
        page.get_by_label(title, exact=True).set_input_files(path)
    page.get_by_label(re.compile("Даю согласие")).check()
    shot(page, f"04-apply-{username}")
    page.get_by_role("button", name="Подать заявление").click()
    expect_message(page, "Заявление подано")


def hr_admits(page: Any) -> None:
    open_campaign(page)
    for name in CANDIDATES:
        row_of(page, name).get_by_role("link").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(name)
        expect(page.get_by_role("main")).to_contain_text("базовый уровень")
        expect(page.get_by_role("main")).not_to_contain_text("basic")
        page.get_by_label(re.compile("Стаж на руководящих должностях подтверждён")).select_option(
            label="да"
        )
        page.get_by_role("button", name="Сохранить").click()
        expect(page.get_by_role("main")).to_contain_text("требования выполнены")
        page.get_by_label("допустить к участию").check()
        page.get_by_role("button", name="Записать решение").click()
        expect_message(page, "Решение о допуске записано")
        expect(row_of(page, name)).to_contain_text("допущен")


def hr_enters_scores(page: Any, method: str, scores: dict[str, str]) -> None:
    open_campaign(page)
    page.get_by_role("link", name=f"{method}: ввести результаты").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(method)
    for name, score in scores.items():
        for field in row_of(page, name).locator("input").all():
            field.fill(score)
    page.get_by_role("button", name="Сохранить").click()
    expect_message(page, "Результаты сохранены")


def hr_holds_the_meeting(page: Any, stage: str, votes: list[str]) -> None:
    open_campaign(page)
    card = page.locator(".card").filter(has=page.get_by_role("heading", name=stage, exact=True))
    card.get_by_role("link", name="Назначить заседание").click()
    page.get_by_label("Дата заседания").fill(timezone.localdate().isoformat())
    page.get_by_label("Место").fill("г. Уфа, Дом Республики, зал заседаний № 2")
    page.get_by_role("button", name="Назначить").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заседание комиссии")
    for _username, full_name, _role in MEMBERS:
        page.get_by_role("checkbox", name=re.compile(full_name)).check()
    page.get_by_role("button", name="Сохранить присутствие").click()
    expect(page.get_by_role("main")).to_contain_text("Присутствует 3 из 3")
    expect(page.get_by_role("main")).to_contain_text("заседание правомочно")
    for name in votes:
        form = page.get_by_role("form", name=f"{name} — включить в резерв управленческих кадров")
        for _username, full_name, _role in MEMBERS:
            form.get_by_label(f"{full_name}: за").check()
        with submitting(page):
            form.get_by_role("button", name="Записать голосование").click()
    page.get_by_role("button", name="Сформировать решение комиссии").click()
    expect_message(page, "Решение комиссии сформировано")
    expect(page.get_by_role("heading", level=1)).to_have_text("Решение комиссии")
    # the decision is on the meeting it was made at
    expect(page.get_by_role("main").get_by_text("Присутствовало на заседании")).to_have_count(1)


def test_br4_br15_br16_reserve_from_new_campaign_to_the_reserve_list(browser: Any) -> None:
    body = f.body(BODY)
    f.hr_user(body, "hr_br")
    for username, _name, _role in MEMBERS:
        if username != "hr_br":
            User.objects.create_user(username, password=PASSWORD)

    desk = browser()
    hr_creates_the_campaign(desk)
    for name in CANDIDATES:
        candidate_registers_and_applies(browser(), name)
    hr_admits(desk)

    # the remote stage: the commission's primary ranking, then its meeting admits the best
    # group of each level to the in-person stage (BR-15)
    hr_enters_scores(desk, RANKING, RANKINGS)
    hr_holds_the_meeting(desk, REMOTE, votes=[])
    shot(desk, "05-remote-decision")
    table = desk.locator("table#decision")
    expect(row_of(table, GARIPOV)).to_contain_text("27,00")
    expect(row_of(table, GARIPOV)).to_contain_text("допущен к очному этапу")
    expect(row_of(table, VALEEVA)).to_contain_text("21,00")
    expect(row_of(table, VALEEVA)).to_contain_text("допущен к очному этапу")
    admitted = desk.locator("#outcome-admitted_to_next_stage")
    expect(admitted).to_contain_text(GARIPOV)
    expect(admitted).to_contain_text(VALEEVA)
    # the semi-finalist of «Лидеры России» is included without the competition (BR-9)
    expect(row_of(table, ISHMURATOV)).to_contain_text("включён в резерв")
    expect(desk.get_by_role("main")).not_to_contain_text("не прошёл испытание")

    # the in-person stage: the expert group's conclusions and the documents of 4.12, then the
    # commission's vote and decision: one place at the basic level (BR-16)
    hr_enters_scores(desk, CONCLUSION, RATINGS)
    open_campaign(desk)
    desk.get_by_role("link", name=f"{DOCUMENTS}: ввести результаты").click()
    for name in RATINGS:
        row_of(desk, name).get_by_label("Результат").select_option(label="пройдено")
    desk.get_by_role("button", name="Сохранить").click()
    expect_message(desk, "Результаты сохранены")
    hr_holds_the_meeting(desk, IN_PERSON, votes=list(RATINGS))
    shot(desk, "06-in-person-decision")
    table = desk.locator("table#decision")
    expect(row_of(table, GARIPOV)).to_contain_text("86,00")
    expect(row_of(table, GARIPOV)).to_contain_text("включён в резерв")
    expect(row_of(table, VALEEVA)).to_contain_text("не прошёл отбор")
    included = desk.locator("#outcome-included_in_reserve")
    expect(included).to_contain_text(GARIPOV)
    expect(included).to_contain_text(ISHMURATOV)
    expect(included).not_to_contain_text(VALEEVA)
    for identifier in ("included_in_reserve", "admitted_to_next_stage", "not_selected", "basic"):
        expect(desk.get_by_role("main")).not_to_contain_text(identifier)

    # the documents: the protocols, the reserve list by levels and the notices of the results
    open_campaign(desk)
    desk.locator("#documents").click()
    shot(desk, "07-documents")

    def download(item: Any) -> str:
        with desk.expect_download() as got:
            item.get_by_role("link", name="DOCX").click()
        return docx_text(got.value.path())

    reserve_list = download(desk.get_by_role("listitem").filter(has_text="Список лиц, включённых"))
    assert GARIPOV in reserve_list and ISHMURATOV in reserve_list, reserve_list
    assert VALEEVA not in reserve_list, reserve_list
    assert "Всего включено в резерв: 2." in reserve_list, reserve_list
    protocol = download(
        desk.get_by_role("listitem").filter(
            has_text="Протокол заседания Комиссии о включении в резерв"
        )
    )
    assert "Отказать во включении в резерв: Валеевой Гульнаре Фаритовне." in protocol, protocol
    assert "Ишмуратов Тимур Азатович — базовый уровень" in protocol, protocol

    # each candidate's notice of the results (BR-16), from the candidate's own page
    for name, expected in (
        (GARIPOV, "приняла решение о включении Вас в резерв"),
        (VALEEVA, "приняла решение об отказе во включении Вас в резерв"),
        (ISHMURATOV, "без конкурсных процедур"),
    ):
        username = CANDIDATES[name][0]
        person = browser()
        log_in(person, username, f"{username}-2027-Pass")
        person.get_by_role("navigation").get_by_role("link", name="Мои заявления").click()
        person.get_by_role("link", name=TITLE).click()
        if name != ISHMURATOV:
            outcome = "включён в резерв" if name == GARIPOV else "не прошёл отбор"
            expect(person.get_by_role("main")).to_contain_text(f"Итог: {outcome}")
        # BR asks no consent to the reserve (KM-18 is Kemerovo's)
        expect(person.get_by_role("main")).not_to_contain_text("согласие на включение")
        person.get_by_role("link", name=re.compile("Письма и уведомления")).click()
        item = person.get_by_role("listitem").filter(has_text="о результатах конкурса")
        with person.expect_download() as got:
            item.get_by_role("link", name="DOCX").click()
        text = docx_text(got.value.path())
        assert expected in text, text
        shot(person, f"08-notice-{username}")
