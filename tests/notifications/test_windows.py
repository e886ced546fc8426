"""The daily job's messages for what has a date of its own (issue 12): a development-plan item
coming due (BR-19) and a test window opening and closing (KM-7), each sent once through the
outbox (in the account and by e-mail)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from rezerv.assessment import services as assessment_services
from rezerv.notifications import defaults
from rezerv.notifications.models import Notification
from rezerv.notifications.scheduler import JOBS
from rezerv.notifications.windows import send_plan_items_due, send_test_windows
from rezerv.selection.models import ReserveEntry
from rezerv.selection.reserve_use_models import PlanItem, PlanReport
from tests.assessment import helpers as assessment_helpers
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _mails(key: str) -> list[Notification]:
    return list(Notification.objects.filter(template_key=key, channel=Notification.EMAIL))


def test_br19_plan_item_due_is_told_to_the_member_once_before_its_date() -> None:
    today = timezone.localdate()
    world = f.km_world(today)
    person = world["other_application"].person
    person.user.email = "petrova@example.org"
    person.user.save()
    entry = ReserveEntry.objects.create(
        person=person,
        campaign=world["campaign"],
        decision=world["decision"],
        outcome="recommended_for_reserve",
        included_on=today,
    )
    due = today + dt.timedelta(days=10)
    item = PlanItem.objects.create(
        entry=entry, kind="programme", title="Программа повышения квалификации", due=due
    )
    done = PlanItem.objects.create(entry=entry, kind="programme", title="Стажировка", due=due)
    PlanReport.objects.create(item=done, text="Выполнено", done_on=today)
    Notification.objects.all().delete()

    assert send_plan_items_due(due - dt.timedelta(days=4)) == 0  # 3 days ahead by default
    assert send_plan_items_due(due - dt.timedelta(days=3)) == 2  # in the account and by e-mail
    [mail] = _mails(defaults.PLAN_ITEM_DUE)
    assert mail.recipient == person.user and mail.state == Notification.QUEUED
    assert item.title in mail.body and due.strftime("%d.%m.%Y") in mail.body
    assert "Стажировка" not in mail.body  # reported on: not reminded
    assert send_plan_items_due(due - dt.timedelta(days=2)) == 0
    assert send_plan_items_due(due) == 0
    assert "plan_items" in JOBS


def test_km7_test_window_opening_and_closing_are_told_once_to_who_may_take_it() -> None:
    today = timezone.localdate()
    world = f.km_world(today)
    hr = world["users"]["hr"]
    for app, address in ((world["application"], "ivanov"), (world["other_application"], "p")):
        app.person.user.email = f"{address}@example.org"
        app.person.user.save()
    bank = assessment_helpers.bank_for(hr)
    session = assessment_helpers.session({**world, "hr": hr, "bank": bank})
    now = timezone.now()
    session.opens = now - dt.timedelta(days=2)
    session.closes = now + dt.timedelta(days=1)
    session.save(update_fields=["opens", "closes"])
    opens = timezone.localdate(session.opens)
    closes = timezone.localdate(session.closes)
    # the owner takes the test: not reminded of its closing
    attempt = assessment_services.attempt_start(
        actor=None, session=session, application=world["application"]
    )
    assessment_services.attempt_close(attempt=attempt, by="candidate")
    Notification.objects.all().delete()

    assert send_test_windows(opens - dt.timedelta(days=1)) == 0
    assert send_test_windows(opens) == 4  # two admitted candidates, account and e-mail
    opened = _mails(defaults.TEST_OPENS)
    assert {m.recipient for m in opened} == {
        world["application"].person.user,
        world["other_application"].person.user,
    }
    assert timezone.localtime(session.closes).strftime("%d.%m.%Y %H:%M") in opened[0].body
    assert send_test_windows(opens + dt.timedelta(days=1)) == 0  # opening once; closing later
    assert send_test_windows(closes - dt.timedelta(days=1)) == 2
    [closing] = _mails(defaults.TEST_CLOSES)
    assert closing.recipient == world["other_application"].person.user
    assert send_test_windows(closes) == 0
    assert send_test_windows(closes + dt.timedelta(days=1)) == 0
    assert "test_windows" in JOBS
