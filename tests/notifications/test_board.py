"""The deadline board (issue 12): from the campaign's computed calendar, what is overdue, due
this week and later, and who owns it; reminders to the owner before a deadline and once it is
missed, in the account and by e-mail (KM-8, KM-14)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from rezerv.notifications import board, defaults
from rezerv.notifications.models import Notification
from rezerv.notifications.reminders import send_reminders
from rezerv.notifications.scheduler import run_daily
from rezerv.scenarios import meetings
from tests.notifications.conftest import Mailbox, Workers, body_of, wait_for
from tests.web import factories as f


def _campaign(today: dt.date, meeting_in: int = 12) -> dict[str, Any]:
    """A KM campaign whose stage-2 meeting is in ``meeting_in`` days: the 15-day notice of KM-8
    is overdue by then."""
    hr = f.hr_user(f.body())
    hr.first_name, hr.last_name, hr.email = "Анна", "Кадрова", "hr@example.org"
    hr.save()
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    members = f.km_commission(hr, campaign)
    reg = campaign.regulation.load().regulation
    stage = next(n.stage for n in reg.notices if "commission_members" in n.recipients)
    meetings.meeting(
        hr, campaign, members[0].commission, stage or "", today + dt.timedelta(days=meeting_in)
    )
    Notification.objects.all().delete()
    campaign.refresh_from_db()  # the meeting's date is the stage's event
    return {"hr": hr, "campaign": campaign, "reg": reg}


def _titles(rows: list[board.BoardRow]) -> set[str]:
    return {r.title for r in rows}


@pytest.mark.django_db
def test_km8_board_shows_the_overdue_notice_with_its_owner_and_the_week_ahead() -> None:
    today = timezone.localdate()
    w = _campaign(today)
    reg = w["reg"]
    grouped = board.board([w["campaign"]], today)
    invitation = next(n for n in reg.notices if "admitted_candidates" in n.recipients)
    overdue = {r.title: r for r in grouped["overdue"]}
    assert invitation.title in overdue
    assert overdue[invitation.title].due == today + dt.timedelta(days=12 - 15)
    assert overdue[invitation.title].owner == w["hr"]
    # the stage's date governs its deadline (KM-8: within 30 days of the intake): done
    governed = next(d for d in reg.deadlines if d.governs)
    assert governed.title in _titles(grouped["done"])
    # the end of the intake is a date to know, later this month, never overdue
    intake_end = next(d for d in reg.deadlines if d.stage == "intake" or d.id == "intake_end")
    assert intake_end.title in _titles(grouped["later"])
    # the page
    c = Client()
    c.force_login(w["hr"])
    page = c.get(f"/desk/c/{w['campaign'].uid}/deadlines/").content.decode()
    assert invitation.title in page and "Кадрова" in page and "KM-8" in page
    assert "Просрочено: 2" in page  # the invitation and the public list of KM-8
    across = c.get("/desk/deadlines/").content.decode()
    assert invitation.title in across and w["campaign"].title in across


@pytest.mark.django_db
def test_km14_a_deadline_within_the_week_is_due_soon() -> None:
    today = timezone.localdate()
    w = _campaign(today, meeting_in=6)
    reg = w["reg"]
    materials = next(n for n in reg.notices if "commission_members" in n.recipients)
    grouped = board.board([w["campaign"]], today)
    due_rows = [r for r in grouped["soon"] + grouped["overdue"] if r.title == materials.title]
    assert due_rows  # 3 working days before a meeting in 6 days: this week (or passed)


@pytest.mark.django_db
def test_the_board_of_another_bodys_hr_does_not_show_the_campaign() -> None:
    today = timezone.localdate()
    w = _campaign(today)
    other = f.hr_user(f.body("Министерство финансов Кузбасса"), "hr_other")
    c = Client()
    c.force_login(other)
    assert w["campaign"].title not in c.get("/desk/deadlines/").content.decode()
    assert c.get(f"/desk/c/{w['campaign'].uid}/deadlines/").status_code == 403


@pytest.mark.django_db
def test_reminders_before_a_deadline_and_once_it_is_missed_each_once() -> None:
    today = timezone.localdate()
    w = _campaign(today)
    reg = w["reg"]
    invitation = next(n for n in reg.notices if "admitted_candidates" in n.recipients)
    due = today + dt.timedelta(days=12 - 15)
    # three days before the due day: reminded it is coming
    send_reminders(due - dt.timedelta(days=3))
    soon = Notification.objects.filter(template_key=defaults.DEADLINE_SOON, channel="in_app")
    assert any(invitation.title in n.body and f"{due:%d.%m.%Y}" in n.body for n in soon)
    assert {n.recipient_id for n in soon} == {w["hr"].pk}
    count = soon.count()
    send_reminders(due - dt.timedelta(days=2))
    assert soon.count() == count  # once per deadline
    # the day after it: missed
    send_reminders(due + dt.timedelta(days=1))
    missed = Notification.objects.filter(template_key=defaults.DEADLINE_MISSED, channel="in_app")
    assert any(invitation.title in n.body for n in missed)
    n_missed = missed.count()
    send_reminders(due + dt.timedelta(days=2))
    assert missed.count() == n_missed


def test_the_missed_deadline_reaches_the_owner_by_e_mail(
    workers: Workers, smtp: tuple[Mailbox, int]
) -> None:
    box, _ = smtp
    today = timezone.localdate()
    w = _campaign(today)
    invitation = next(n for n in w["reg"].notices if "admitted_candidates" in n.recipients)
    run_daily(today)
    workers.start()
    wait_for(lambda: box.messages)
    wait_for(lambda: not Notification.objects.filter(state=Notification.QUEUED).exists())
    missed = [m for m in box.messages if invitation.title in body_of(m)]
    assert missed and all(m["X-Envelope-To"] == "hr@example.org" for m in missed)
    assert "Анна Кадрова" in body_of(missed[0])
