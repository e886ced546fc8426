"""Narrow screens and basic accessibility, checked in the browser."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e import scenario
from tests.e2e.pages import horizontal_overflow, log_in, tab_until, unlabelled_controls
from tests.web import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 360
SHOTS = Path(tempfile.gettempdir())  # screenshots to look at; never committed


@pytest.fixture
def km() -> scenario.Km:
    km = scenario.km_campaign_with_commission()
    for username, last, first, patronymic in [
        ("petrova", "Петрова", "Мария", "Сергеевна"),
        ("konstantinopolskaya", "Константинопольская", "Александра", "Вячеславовна"),
    ]:
        scenario.admit(km, scenario.other_candidate(km.campaign, username, last, first, patronymic))
    return km


def test_announcement_and_scoring_fit_a_360px_screen(browser: Any, km: scenario.Km) -> None:
    page = browser(width=PHONE_WIDTH, height=740)
    page.goto(f"/c/{km.campaign.uid}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(scenario.CAMPAIGN_TITLE)
    overflow = horizontal_overflow(page)
    assert overflow["viewport"] == PHONE_WIDTH
    assert overflow["overflow"] <= 0, overflow
    page.screenshot(path=str(SHOTS / "rezerv-e2e-360-announcement.png"), full_page=True)

    log_in(page, "expert")
    page.get_by_role("link", name="Индивидуальное собеседование").click()
    expect(
        page.get_by_role("heading", name="Константинопольская Александра Вячеславовна")
    ).to_be_visible()
    overflow = horizontal_overflow(page)
    assert overflow["overflow"] <= 0, overflow
    page.screenshot(path=str(SHOTS / "rezerv-e2e-360-scoring.png"), full_page=True)


def test_c4_application_form_is_labelled_russian_and_keyboard_reachable(
    browser: Any, km: scenario.Km
) -> None:
    f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    page = browser()
    for path in ("/", f"/c/{km.campaign.uid}/", "/accounts/login/", "/accounts/register/"):
        page.goto(path)
        assert page.evaluate("() => document.documentElement.lang") == "ru", path

    log_in(page, "ivanov")
    page.goto(f"/c/{km.campaign.uid}/apply/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Заявление")
    assert page.evaluate("() => document.documentElement.lang") == "ru"
    controls = page.locator("main form").locator("input:not([type=hidden]), select, textarea")
    assert controls.count() >= 17  # route, two facts, fifteen documents, consent
    assert unlabelled_controls(page, "main form") == []
    # the consent (C-4) is a labelled checkbox, not pre-ticked
    consent = page.get_by_role("checkbox", name="Даю согласие на обработку")
    expect(consent).not_to_be_checked()

    names = controls.evaluate_all("els => els.map(el => el.name)")
    reached = tab_until(page, "Подать заявление")
    assert [n for n in names if n not in reached] == []  # every control on the way
    expect(page.get_by_role("button", name="Подать заявление")).to_be_focused()
