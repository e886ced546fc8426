"""AK from a new campaign to the republican winners in a real browser (Kazakhstan).

Set-up: a state body, its HR officer and the users who sit on the commissions (users only).
Everything else happens on the pages: the HR officer creates the contest, enters its dates
(the edition's days proposed in the campaign's year), forms two regional commissions (one per oblast) and
the republican commission; four akims of two oblasts register and apply; the HR officer admits
them; each regional commission rates its own akims at pre-selection (3 per district, AK-7) and at
the interview (1 per oblast, AK-10) and decides on them at its own meeting; the republican
commission rates the two advanced akims and decides the winners; the protocols are downloaded.

The server's clock is moved through a contest year in the future (next year's), so that the
dates of AK-12 are proposed for that year and the session cookies stay valid.
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
from django.utils import timezone
from playwright.sync_api import expect

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

SCREENSHOTS = Path(tempfile.gettempdir()) / "rezerv-e2e-ak"  # to look at; not committed

REGULATION = "Республиканский конкурс «Лучший сельский аким»"
TITLE = "Лучший сельский аким — конкурс года"
BODY = "Агентство Республики Казахстан по делам государственной службы"
REGIONAL = "Региональная конкурсная комиссия (при территориальном департаменте Агентства)"
REPUBLICAN = "Республиканская конкурсная комиссия"
PRESELECTION = "I этап — отбор (оценка анкет и проектных работ), не более 3 акимов от района"
INTERVIEW = "I этап — оценочные процедуры и индивидуальное собеседование в региональной комиссии"
DEFENCE_STAGE = "II этап — защита персональной проектной работы в Республиканской комиссии"
OBLASTS = {"Акмолинская область": "akm", "Туркестанская область": "tur"}
COMMISSIONS = {  # name shown to users: (oblast or "", username prefix)
    "Региональная комиссия Акмолинской области": ("Акмолинская область", "akm"),
    "Региональная комиссия Туркестанской области": ("Туркестанская область", "tur"),
    "Республиканская комиссия": ("", "rep"),
}
ROLES = ["председатель"] + ["член комиссии"] * 8  # nine members (AK-2); the secretary aside
AKIMS = {
    # name: (username, last, first, patronymic, IIN, oblast, district, settlement)
    "Абенов Серик Канатович": (
        "abenov",
        "Абенов",
        "Серик",
        "Канатович",
        "850101300114",
        "Акмолинская область",
        "Бурабайский район",
        "Катарколь",
    ),
    "Петрова Мария Сергеевна": (
        "petrova",
        "Петрова",
        "Мария",
        "Сергеевна",
        "870202400222",
        "Акмолинская область",
        "Бурабайский район",
        "Урумкай",
    ),
    "Омаров Данияр Серикович": (
        "omarov",
        "Омаров",
        "Данияр",
        "Серикович",
        "860303300332",
        "Туркестанская область",
        "Сайрамский район",
        "Аксукент",
    ),
    "Исаева Гульмира Ахметовна": (
        "isaeva",
        "Исаева",
        "Гульмира",
        "Ахметовна",
        "880404400440",
        "Туркестанская область",
        "Сайрамский район",
        "Карабулак",
    ),
}
DOCUMENTS = [
    "Заявление об участии в конкурсе (приложение 1)",
    "Копия удостоверения личности",
    "Послужной список (заверенный кадровой службой)",
    "Анкета участника конкурса (приложение 2)",
    "Показатели социально-экономического развития села по состоянию на 1 января",
    "Проектная работа по развитию сельской местности — презентация (слайды)",
    "Проектная работа — видеоролик (не более 5 минут)",
]
P_CRITERIA = [f"Прил. 4, п. {i}." for i in range(1, 11)]
ESSAY_CRITERIA = [
    "Ясность и чёткость изложения",
    "Альтернативность взгляда на рассматриваемую проблему",
    "Объективность оценки",
    "Логичность приводимых доказательств",
    "Грамотность аргументации выдвинутых тезисов",
]
DEFENCE_CRITERIA = [
    "Актуальность проблемы, обозначенной в проекте",
    "Значение поднятой проблемы для повышения качества местного управления",
    "Новизна и творческий подход к решению проблемы, расстановка приоритетов",
    "Знание претендентом содержания проблемы и степень её изученности",
    "Наличие практических рекомендаций для государственных органов",
]
# each scoring member's points per appendix 4 criterion (pre-selection)
PRESELECTION_POINTS = {
    "Абенов Серик Канатович": "9",
    "Петрова Мария Сергеевна": "7",
    "Омаров Данияр Серикович": "8",
    "Исаева Гульмира Ахметовна": "6",
}


def shot(page: Any, name: str) -> None:
    screenshot(SCREENSHOTS, page, name)


def members_of(prefix: str) -> dict[str, str]:
    """username: full name of the nine members of a commission."""
    return {f"{prefix}{k}": f"Членов{prefix.capitalize()} Член{k} Членович" for k in range(1, 10)}


def open_campaign(page: Any) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Кадровая служба").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def hr_creates_the_campaign(page: Any, year: int) -> None:
    log_in(page, "hr_ak")
    page.get_by_role("link", name="Новая кампания").click()
    page.get_by_label("Регламент").select_option(label=f"AK — {REGULATION}")
    page.get_by_role("button", name="Далее").click()
    page.get_by_label("Вид").select_option(label="конкурс")
    # a contest fills no position and counts no vacancies (campaign_kinds: AK-1)
    expect(page.get_by_label("Число вакансий")).to_have_count(0)
    expect(page.get_by_label(re.compile("Наименование должности"))).to_have_count(0)
    page.get_by_label("Наименование", exact=True).fill(TITLE)
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    shot(page, "01-created")
    # the edition's days (AK-12) are proposed in the campaign's year, not the seed's 2020
    dates = {
        "Объявление размещается не позднее 30 мая": f"{year}-05-30",
        "Отбор первого этапа — не позднее 30 июня": f"{year}-06-30",
        "Собеседования и определение претендентов на второй этап — не позднее 30 июля": f"{year}-07-30",
        "Материалы и решение региональной комиссии направляются в Агентство не позднее 15 августа до 18:30": f"{year}-08-15",
        "Собеседование в Республиканской комиссии — не позднее 20 сентября": f"{year}-09-20",
    }
    for label, day in dates.items():
        expect(page.get_by_label(label, exact=True)).to_have_value(day)
    page.get_by_role("button", name="Сохранить даты").click()
    expect_message(page, "Даты сохранены")
    shot(page, "02-dates")
    # the districts candidates choose from, recorded at the desk (issue 9 §2, AK-7)
    panel = page.locator("#readiness")
    expect(panel).to_contain_text("Укажите значения «Район»")
    districts = section_of(page, "Район")
    for district in sorted({row[6] for row in AKIMS.values()}):
        districts.get_by_label("Район", exact=True).fill(district)
        with submitting(page):
            districts.get_by_role("button", name="Добавить", exact=True).click()
        expect_message(page, f"Значение «{district}» добавлено")
    expect(panel).not_to_contain_text("Укажите значения «Район»")
    page.get_by_role("button", name=re.compile("Опубликовать объявление")).click()
    expect_message(page, "Объявление опубликовано")
    expect(row_of(page, "Отбор первого этапа — не позднее")).to_contain_text(f"30.06.{year}")
    expect(row_of(page, "Окончание приёма документов")).to_contain_text(f"05.06.{year}")
    shot(page, "03-published")

    page.get_by_role("link", name="Сформировать комиссии").click()
    for name, (oblast, prefix) in COMMISSIONS.items():
        page.get_by_label("Наименование комиссии").fill(name)
        page.get_by_label("Правила комиссии по регламенту").select_option(
            label=REPUBLICAN if prefix == "rep" else REGIONAL
        )
        stages = [DEFENCE_STAGE] if prefix == "rep" else [PRESELECTION, INTERVIEW]
        for stage in stages:
            page.get_by_label(stage).check()
        if oblast:
            page.get_by_label("Территория (для региональных комиссий)").select_option(label=oblast)
        page.get_by_role("button", name="Создать комиссию").click()
        shot(page, f"04-commission-{prefix}")
        card = page.locator(".card").filter(has_text=name)
        if oblast:
            expect(card.get_by_role("heading", level=2)).to_have_text(f"{name} ({oblast})")
        for (username, full_name), role in zip(members_of(prefix).items(), ROLES, strict=True):
            card.get_by_label("Имя пользователя (логин) члена комиссии").fill(username)
            card.get_by_label("ФИО").fill(full_name)
            card.get_by_label("Роль").select_option(label=role)
            card.get_by_label("Гражданский служащий").check()
            with submitting(page):
                card.get_by_role("button", name="Добавить").click()
            expect(card).to_contain_text(full_name)
    shot(page, "04-commissions")


def akim_registers_and_applies(page: Any, name: str, files: Path) -> None:
    username, last, first, patronymic, iin, oblast, district, settlement = AKIMS[name]
    register_from_announcement(page, TITLE, username, last, first, patronymic, "example.kz")
    page.get_by_label("Дата рождения").fill(f"19{iin[:2]}-{iin[2:4]}-{iin[4:6]}")
    page.get_by_label("Гражданство").select_option(label="Республика Казахстан")
    page.get_by_label("ИИН").fill(iin)
    shot(page, f"05-questionnaire-{username}")
    page.get_by_role("button", name="Сохранить").click()
    expect_message(page, "Анкета сохранена")

    page.get_by_role("navigation").get_by_role("link", name="Объявления").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Подать заявление").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заявление")
    page.get_by_label("Область", exact=True).select_option(label=oblast)
    page.get_by_label("Район", exact=True).select_option(label=district)
    page.get_by_label("Село, сельский округ").fill(settlement)
    page.get_by_label("Должность", exact=True).select_option(label="аким сельского округа")
    page.get_by_label(re.compile("Стаж на должности акима")).fill("36")
    page.get_by_label("Имеется не снятое административное взыскание").select_option(label="нет")
    page.get_by_label("Имеется не снятое дисциплинарное взыскание").select_option(label="нет")
    page.get_by_label(re.compile("Продолжительность видеоролика")).fill("4")
    page.get_by_label(re.compile("Стаж государственной службы")).fill("12")
    page.get_by_label("государственный язык", exact=True).check()
    page.get_by_label(re.compile("Число реализуемых сложных проектов")).fill("2")
    page.get_by_label(re.compile("Личные приёмы")).fill("40")
    page.get_by_label(re.compile("Бюджет персональной проектной работы")).fill("4000000")
    for i, title in enumerate(DOCUMENTS):
        path = files / f"{username}-{i + 1}.pdf"
        path.write_bytes(f.PDF)
        page.get_by_label(title, exact=True).set_input_files(path)
    page.get_by_label(re.compile("Даю согласие")).check()
    shot(page, f"06-apply-{username}")
    page.get_by_role("button", name="Подать заявление").click()
    expect_message(page, "Заявление подано")


def hr_admits(page: Any) -> None:
    open_campaign(page)
    for k, name in enumerate(AKIMS):
        row_of(page, name).get_by_role("link").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(name)
        shot(page, f"07-desk-application-{k}")
        main = page.get_by_role("main")
        for ident in ("akmola", "turkistan", "rural_district_akim"):
            expect(main).not_to_contain_text(ident)
        page.get_by_label(re.compile("Обоснованные жалобы граждан")).fill("0")
        page.get_by_label(re.compile("Объём эссе, страниц")).fill("3")
        page.get_by_role("button", name="Сохранить").click()
        expect(main).to_contain_text("требования выполнены")
        page.get_by_label("допустить к участию").check()
        page.get_by_role("button", name="Записать решение").click()
        expect_message(page, "Решение о допуске записано")
        expect(row_of(page, name)).to_contain_text("допущен")


def member_scores(
    page: Any, username: str, method: str, points: dict[str, str], criteria: list[str]
) -> None:
    log_in(page, username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Мои комиссии")
    page.get_by_role("link", name=re.compile("^" + re.escape(method))).click()
    shot(page, f"scoring-{username}-{method[:10]}")
    for name, value in points.items():
        card = section_of(page, name)
        for criterion in criteria:
            card.get_by_label(re.compile("^" + re.escape(criterion))).first.fill(value)
        with submitting(page):
            card.get_by_role("button", name="Сохранить оценку").click()
        expect_message(page, "Оценка сохранена")


def stage_card(page: Any, title: str) -> Any:
    return page.locator(".card").filter(has=page.get_by_role("heading", name=title, exact=True))


def hr_closes_scoring(page: Any, stage: str) -> None:
    open_campaign(page)
    stage_card(page, stage).get_by_role("button", name="Закрыть независимую оценку").click()
    expect_message(page, "Независимая оценка закрыта")


def hr_holds_the_meeting(page: Any, stage: str, commission: str, prefix: str, day: dt.date) -> None:
    """Schedules the commission's meeting, marks eight of nine present, forms the decision."""
    open_campaign(page)
    stage_card(page, stage).get_by_role("link", name="Назначить заседание").click()
    if prefix != "rep":
        page.get_by_label("Комиссия").select_option(label=commission)
    page.get_by_label("Дата заседания").fill(day.isoformat())
    page.get_by_label("Место").fill(f"{commission}, зал заседаний")
    page.get_by_role("button", name="Назначить").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заседание комиссии")
    present = page.get_by_role("group", name="Отметьте присутствующих членов комиссии")
    for full_name in list(members_of(prefix).values())[:8]:
        present.get_by_label(full_name).check()
    page.get_by_role("button", name="Сохранить присутствие").click()
    expect(page.locator("#quorum")).to_contain_text("Присутствует 8 из 9")
    expect(page.locator("#quorum")).to_contain_text("заседание правомочно")
    shot(page, f"meeting-{prefix}-{stage[:12]}")
    page.get_by_role("button", name="Сформировать решение комиссии").click()
    expect_message(page, "Решение комиссии сформировано")
    expect(page.get_by_role("heading", level=1)).to_have_text("Решение комиссии")
    expect(page.get_by_role("main")).to_contain_text(f"Комиссия: {commission}")
    shot(page, f"decision-{prefix}-{stage[:12]}")


def docx_text(page: Any, item: str) -> str:
    """The text of the DOCX of the document ``item`` of the documents page."""
    line = page.get_by_role("listitem").filter(has_text=item)
    with page.expect_download() as download:
        line.get_by_role("link", name="DOCX").click()
    document = docx.Document(download.value.path())
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_ak2_ak7_ak10_ak11_contest_from_new_campaign_to_republican_winners(
    browser: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    body = f.body(BODY)
    f.hr_user(body, "hr_ak")
    for _name, prefix in COMMISSIONS.values():
        for username in members_of(prefix):
            User.objects.create_user(username, password=PASSWORD)
    year = timezone.localdate().year + 1
    clock = Clock(monkeypatch)

    clock.set(dt.date(year, 5, 15))
    desk = browser()
    hr_creates_the_campaign(desk, year)

    clock.set(dt.date(year, 5, 25))
    for name in AKIMS:
        akim_registers_and_applies(browser(), name, tmp_path)

    clock.set(dt.date(year, 6, 8))
    log_in(desk, "hr_ak")
    hr_admits(desk)

    clock.set(dt.date(year, 6, 20))
    for oblast, prefix in OBLASTS.items():
        own = {n: p for n, p in PRESELECTION_POINTS.items() if AKIMS[n][5] == oblast}
        for username in list(members_of(prefix))[:2]:
            member_scores(browser(), username, "Оценка анкеты", own, P_CRITERIA)

    # the meetings' day: a decision is made at its meeting, not before (issue 9 §4)
    clock.set(dt.date(year, 6, 22))
    log_in(desk, "hr_ak")  # two weeks later: the session of 8 June has expired
    hr_closes_scoring(desk, PRESELECTION)
    for name, (oblast, prefix) in COMMISSIONS.items():
        if oblast:
            hr_holds_the_meeting(desk, PRESELECTION, name, prefix, dt.date(year, 6, 22))
            table = desk.locator("#decision")
            for akim, facts in AKIMS.items():
                if facts[5] == oblast:
                    expect(row_of(table, akim)).to_contain_text(
                        "отобран для собеседования в региональной комиссии"
                    )
                    # two members' sheets: appendix 4 (10 × points) + appendix 3 (2 + 3) each
                    points = int(PRESELECTION_POINTS[akim])
                    expect(row_of(table, akim)).to_contain_text(f"{2 * (10 * points + 5)},00")
                else:
                    expect(table).not_to_contain_text(akim)

    # the regional interview: ethics and feedback recorded, the survey entered once, the members'
    # essay sheets (AK-9); one akim per oblast proceeds (AK-10)
    clock.set(dt.date(year, 7, 20))
    log_in(desk, "hr_ak")
    open_campaign(desk)
    for method in (
        "Анкетирование уполномоченным по этике по вопросам соблюдения этики государственных служащих",
        "Оценка деятельности акима по налаживанию обратной связи с населением",
    ):
        desk.get_by_role("link", name=f"{method}: ввести результаты").click()
        for akim in AKIMS:
            row_of(desk, akim).get_by_label("Результат").select_option(label="пройдено")
        desk.get_by_role("button", name="Сохранить").click()
        expect_message(desk, "Результаты сохранены")
        open_campaign(desk)
    desk.get_by_role(
        "link",
        name="Опрос или онлайн-голосование жителей населённого пункта (приложение 5): ввести результаты",
    ).click()
    shot(desk, "survey")
    for k, akim in enumerate(AKIMS):
        row = row_of(desk, akim)
        row.get_by_label("Эффективность мер по защите прав и законных интересов граждан").fill(
            str(8 - k)
        )
    desk.get_by_role("button", name="Сохранить").click()
    expect_message(desk, "Результаты сохранены")
    for oblast, prefix in OBLASTS.items():
        own = {n: "8" for n in AKIMS if AKIMS[n][5] == oblast}
        for username in list(members_of(prefix))[:2]:
            member_scores(browser(), username, "Эссе", own, ESSAY_CRITERIA)
    clock.set(dt.date(year, 7, 25))  # the meetings' day (issue 9 §4)
    log_in(desk, "hr_ak")  # five days later: the session of 20 July has ended
    hr_closes_scoring(desk, INTERVIEW)
    advanced = {}
    for name, (oblast, prefix) in COMMISSIONS.items():
        if oblast:
            hr_holds_the_meeting(desk, INTERVIEW, name, prefix, dt.date(year, 7, 25))
            group = desk.locator("#outcome-advanced li")
            expect(group).to_have_count(1)
            advanced[oblast] = group.inner_text().strip()
    # Abenov and Omaro lead their oblasts: pre-selection carried, the survey and the essays
    assert advanced == {
        "Акмолинская область": "Абенов Серик Канатович",
        "Туркестанская область": "Омаров Данияр Серикович",
    }

    # the republican stage (AK-11): the defence of the two advanced akims' projects
    clock.set(dt.date(year, 9, 15))
    for username in list(members_of("rep"))[:2]:
        member_scores(
            browser(),
            username,
            "Защита персональной проектной работы",
            {"Абенов Серик Канатович": "9", "Омаров Данияр Серикович": "7"},
            DEFENCE_CRITERIA,
        )
    clock.set(dt.date(year, 9, 18))  # the meeting's day (issue 9 §4)
    log_in(desk, "hr_ak")
    hr_closes_scoring(desk, DEFENCE_STAGE)
    hr_holds_the_meeting(
        desk, DEFENCE_STAGE, "Республиканская комиссия", "rep", dt.date(year, 9, 18)
    )
    table = desk.locator("#decision")
    expect(row_of(table, "Абенов Серик Канатович")).to_contain_text("победитель конкурса")
    expect(row_of(table, "Омаров Данияр Серикович")).to_contain_text("победитель конкурса")
    # those who did not reach the stage: no score of it, their outcome as it stands
    expect(row_of(table, "Петрова Мария Сергеевна")).to_contain_text("—")
    expect(row_of(table, "Петрова Мария Сергеевна")).to_contain_text("не прошёл отбор")

    # the protocols as documents: not empty, naming the commission's own akims
    desk.locator("#documents").click()
    shot(desk, "documents")
    regional = docx_text(desk, "Протоколы заседаний региональных конкурсных комиссий")
    for oblast in OBLASTS:
        assert f"({oblast})" in regional, regional
    for expected in (
        # pre-selection (AK-7) and the interview (AK-10) of each oblast, by its own commission
        "1) Абенова Серика Канатовича, акима сельского округа (Катарколь, Бурабайский район, "
        "Акмолинская область), итоговый балл 190,00.",
        "2) Исаеву Гульмиру Ахметовну, акима сельского округа (Карабулак, Сайрамский район, "
        "Туркестанская область), итоговый балл 130,00.",
        "Определить претендентом, допущенным ко второму этапу Конкурса от области",
        "1) Абенова Серика Канатовича, акима сельского округа (Катарколь, Бурабайский район, "
        "Акмолинская область), итоговый балл 278,00.",
        "1) Омарова Данияра Сериковича, акима сельского округа (Аксукент, Сайрамский район, "
        "Туркестанская область), итоговый балл 256,00.",
        "отбор — 150,00; соцопрос (прил. 5) — 7,00; эссе (прил. 6) — 80,00",
        "Отсутствовали: ЧленовTur Член9 Членович.",
    ):
        assert expected in regional, (expected, regional)
    republican = docx_text(desk, "Протокол заседания Республиканской конкурсной комиссии")
    for expected in (
        "Признать победителями Конкурса:",
        # 2 sheets × 5 criteria × 9 + 2 × criterion 12 (278 of the stage's maximum, scaled to 10)
        "1) Абенова Серика Канатовича, акима сельского округа (Катарколь, Бурабайский район, "
        "Акмолинская область), итоговый балл 92,50.",
        "2) Омарова Данияра Сериковича, акима сельского округа (Аксукент, Сайрамский район, "
        "Туркестанская область), итоговый балл 72,31.",
        "в т.ч. итоги I этапа (п. 12) — 1,25",
        "Присутствовали 8 из 9 членов комиссии",
    ):
        assert expected in republican, (expected, republican)
    assert "Петрова" not in republican and "Исаева" not in republican, republican
