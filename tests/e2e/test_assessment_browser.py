"""A timed test taken in a real browser (issue 11, KM-13): the HR officer schedules the test of
the competition stage from a question bank; the candidate starts it, answers (each answer saved
as given), reloads in the middle and continues with the time still running, and the attempt
closes itself at the limit with every answer kept; the HR officer sees the score among the
stage's results without typing it. Only the server's clock moves (``pages.Clock``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rezerv.assessment.models import Attempt, Question
from tests.assessment.helpers import bank_for, place_of
from tests.e2e.pages import Clock, expect_message, log_in, row_of
from tests.web import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _answer(page: Any, number: int, right: bool) -> None:
    """Choose an option of the question numbered ``number`` and wait until it is saved."""
    box = page.locator("fieldset.question").nth(number - 1)
    pk = int(box.get_attribute("data-question"))
    correct = Question.objects.get(pk=pk).correct
    attempt = Attempt.objects.get(closed_at__isnull=True)
    choice = place_of(attempt, pk, correct if right else (correct + 1) % 3)
    box.locator(f"#q{pk}_{choice}").check()
    expect(box).to_have_attribute("data-version", "1")


def test_km13_a_timed_test_survives_a_reload_closes_at_the_limit_and_reaches_the_results(
    browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    clock.moment = clock.moment.replace(microsecond=0)
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    person = f.candidate("kandidat", "Тестов", "Тимур", "Тимурович")
    application = f.km_application(campaign, person)
    bank_for(hr)  # 60 questions of three topics, blueprint 15/15/10 (KM-13: 40–60)

    desk = browser()
    log_in(desk, "hr")
    desk.goto(f"/desk/c/{campaign.uid}/")
    desk.locator("#tests").click()
    desk.get_by_label("Этап и метод оценки").select_option(index=0)
    desk.get_by_label("Банк вопросов").select_option(label="Банк КМ")
    desk.get_by_label("Начало").fill(_local(clock.moment - dt.timedelta(hours=1)))
    desk.get_by_label("Окончание").fill(_local(clock.moment + dt.timedelta(hours=3)))
    desk.get_by_label("Время на тест, минут").fill("30")
    desk.get_by_role("button", name="Назначить").click()
    expect_message(desk, "Тестирование назначено.")
    expect(row_of(desk, "Банк КМ")).to_contain_text("40")

    page = browser()
    log_in(page, "kandidat")
    page.goto(f"/a/{application.uid}/")
    page.get_by_role("link", name="Тестирование").click()
    page.get_by_role("button", name="Начать тест").click()
    expect(page.locator("fieldset.question")).to_have_count(40)
    expect(page.locator("#time-left")).to_have_text(re.compile(r"^(30:00|29:5\d)$"))
    for number, right in ((1, True), (2, True), (3, False)):
        _answer(page, number, right)

    clock.moment += dt.timedelta(minutes=12)  # the connection is lost, the time runs on
    page.reload()
    expect(page.locator("#time-left")).to_have_text(re.compile(r"^(18:00|17:5\d)$"))
    first = page.locator("fieldset.question").first
    expect(first.locator("input[type=radio]:checked")).to_have_count(1)
    for number, right in ((4, True), (5, True)):
        _answer(page, number, right)

    clock.moment += dt.timedelta(minutes=19)  # past the limit and its grace
    page.reload()
    closed = page.locator("#attempt-closed")
    expect(closed).to_contain_text("Время истекло")
    expect(closed).to_contain_text("Правильных ответов: 4 из 40.")
    expect(closed).to_contain_text("Ответов сохранено: 5.")
    attempt = Attempt.objects.get(application=application)
    assert attempt.closed_by == "limit" and attempt.answers.count() == 5

    desk.goto(f"/desk/c/{campaign.uid}/")
    desk.get_by_role("link", name=re.compile("^Тестирование.*ввести результаты")).click()
    row = row_of(desk, application.code)
    expect(row.locator("input[name$=_questions]")).to_have_value("40")
    expect(row.locator("input[name$=_correct]")).to_have_value("4")


def test_km7_a_self_test_is_taken_before_admission_and_never_counted(
    browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rezerv.assessment import services
    from rezerv.selection.models import Result

    Clock(monkeypatch)
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    application = f.km_application(
        campaign, f.candidate("kandidat", "Тестов", "Тимур", "Тимурович"), admit=False
    )
    services.session_create(
        actor=hr,
        campaign=campaign,
        stage_id="competition",
        method_id="test",
        bank=bank_for(hr),
        opens=timezone.now() - dt.timedelta(hours=1),
        closes=timezone.now() + dt.timedelta(days=3),
        time_limit_minutes=30,
        practice=True,
    )
    page = browser()
    log_in(page, "kandidat")
    page.goto(f"/a/{application.uid}/tests/")
    expect(page.get_by_role("main")).to_contain_text("не засчитывается")
    page.get_by_role("button", name="Начать тест").click()
    _answer(page, 1, True)
    page.get_by_role("button", name="Завершить тест").click()
    expect(page.locator("#attempt-closed")).to_contain_text("Правильных ответов: 1 из 40.")
    expect(page.locator("#attempt-closed")).to_contain_text("результат не засчитывается")
    assert not Result.objects.filter(application=application).exists()
    application.refresh_from_db()
    assert application.status == "submitted"
