"""A region's own regulation uploaded at the desk and used by a new campaign, in a real browser
(issue 9: «the regulation drives the whole application»).

Set-up: a state body and its administrator (a user with a Staff record, through the ORM: no
page creates administrators). Everything else happens on the pages: the administrator uploads a
broken file and reads the line of the problem, uploads the region's regulation (a copy of KM
under its own code and title, written to a temporary file), puts it in force, uploads a second
edition, reads the difference to the edition in force and puts that in force too, then creates
a campaign under it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from rezerv.engine.loader import bundled_path
from rezerv.selection.models import Staff
from tests.e2e.pages import expect_message, log_in, row_of, screenshot
from tests.e2e.scenario import PASSWORD
from tests.selection.test_regulations import broken_line
from tests.web import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(tempfile.gettempdir()) / "rezerv-e2e-regulation"  # to look at; not committed

KM_TITLE = (
    "Конкурс на замещение вакантной должности гражданской службы и включение в кадровый резерв"
)
RG_TITLE = "Конкурс на замещение должностей гражданской службы Региона"
BODY = "Министерство цифрового развития Региона"
TITLE = "Конкурс на должность консультанта отдела цифровых сервисов"


def shot(page: Any, name: str) -> None:
    screenshot(SCREENSHOTS, page, name)


def region_files(folder: Path) -> dict[str, Path]:
    km = bundled_path("KM").read_text("utf-8")
    first = km.replace("code: KM\n", "code: RG\n").replace(KM_TITLE, RG_TITLE, 1)
    first = first.replace('version: "2018-09-19 № 58-п"', 'version: "2027-01-10 № 1"', 1)
    second = first.replace('version: "2027-01-10 № 1"', 'version: "2027-02-01 № 7"', 1)
    second = second.replace("min_percent_of_max: 50", "min_percent_of_max: 60")
    broken = first.replace(
        "    commission: competition_commission", "    commission: region_commission", 1
    )
    files = {"broken": broken, "first": first, "second": second}
    out = {}
    for name, text in files.items():
        out[name] = folder / f"rg-{name}.yaml"
        out[name].write_text(text, "utf-8")
    return out


def upload(page: Any, path: Path) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Кадровая служба").click()
    page.get_by_role("link", name="Регламенты").click()
    page.get_by_role("link", name="Загрузить регламент").click()
    page.get_by_label("Файл регламента (YAML)").set_input_files(str(path))
    page.get_by_role("button", name="Проверить").click()


def test_an_administrator_uploads_a_regulation_and_a_campaign_takes_it(
    browser: Any, tmp_path: Path
) -> None:
    body = f.body(BODY)
    admin = User.objects.create_user("admin_rg", password=PASSWORD)
    Staff.objects.create(user=admin, body=body, role="admin")
    files = region_files(tmp_path)
    today = timezone.localdate()

    page = browser()
    log_in(page, "admin_rg")

    # a broken file: the problem at the field, with its line and place; nothing stored
    upload(page, files["broken"])
    expect(page.get_by_role("alert")).to_contain_text(
        f"Строка {broken_line()}, поле stages[1].commission: ссылка на несуществующий объект "
        "«region_commission» (комиссия)"
    )
    shot(page, "01-broken-file")
    page.get_by_role("link", name="Регламенты").first.click()
    expect(page.get_by_role("heading", name=f"RG — {RG_TITLE}")).to_have_count(0)

    # the region's regulation: a new code, nothing to compare with; in force from today
    upload(page, files["first"])
    expect(page.get_by_role("heading", level=1)).to_have_text(f"RG — {RG_TITLE}")
    expect(page.get_by_text("это новый регламент")).to_be_visible()
    expect(page.get_by_label("Вступает в силу с")).to_have_value(today.isoformat())
    shot(page, "02-new-regulation")
    page.get_by_role("button", name="Ввести в действие").click()
    day = today.strftime("%d.%m.%Y")
    expect_message(page, f"Редакция «2027-01-10 № 1» регламента RG вступает в силу с {day}.")
    expect(row_of(page, "2027-01-10 № 1")).to_contain_text("действует")

    # its second edition: the difference to the edition in force, then in force from today
    upload(page, files["second"])
    expect(page.get_by_text("Сравнение с действующей редакцией «2027-01-10 № 1».")).to_be_visible()
    diff = page.get_by_label("Изменения текста регламента")
    expect(diff).to_contain_text('-version: "2027-01-10 № 1"')
    expect(diff).to_contain_text('+version: "2027-02-01 № 7"')
    expect(diff).to_contain_text("+        min_percent_of_max: 60")
    shot(page, "03-diff")
    page.get_by_role("button", name="Ввести в действие").click()
    expect_message(page, "Редакция «2027-02-01 № 7» регламента RG вступает в силу с")
    expect(row_of(page, "2027-02-01 № 7")).to_contain_text("действует")
    expect(row_of(page, "2027-01-10 № 1")).to_contain_text("заменена")
    shot(page, "04-list")

    # the same file again is the same edition, said so
    upload(page, files["second"])
    expect_message(page, "Этот текст уже загружен")

    # a new campaign under the region's regulation
    page.get_by_role("navigation").get_by_role("link", name="Кадровая служба").click()
    page.get_by_role("link", name="Новая кампания").click()
    page.get_by_label("Регламент").select_option(label=f"RG — {RG_TITLE}")
    page.get_by_role("button", name="Далее").click()
    page.get_by_label("Вид").select_option(label="конкурс на замещение вакантной должности")
    page.get_by_label("Наименование", exact=True).fill(TITLE)
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    shot(page, "05-campaign")
    page.get_by_role("navigation").get_by_role("link", name="Кадровая служба").click()
    expect(row_of(page, TITLE)).to_contain_text("RG")
    page.get_by_role("link", name="Регламенты").click()
    # the campaign counts on the edition in force, none on the replaced one
    expect(row_of(page, "2027-02-01 № 7").get_by_role("cell").last).to_have_text("1")
    expect(row_of(page, "2027-01-10 № 1").get_by_role("cell").last).to_have_text("0")
    shot(page, "06-list-with-campaign")
