"""The daily scheduler (issue 12): each daily job runs once a day however many workers run the
daily jobs at once; a failed job is run again by the next run of the day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rezerv.notifications import defaults, scheduler
from rezerv.notifications.models import DailyRun, Notification
from rezerv.notifications.tasks import daily_jobs
from rezerv.selection.models import ReserveEntry
from tests.notifications.conftest import Mailbox, Workers, body_of, wait_for
from tests.web import factories as f


def _member_ending(today: dt.date) -> ReserveEntry:
    """A reserve member of a KM campaign whose term ends in ten days (KM-18: three years)."""
    world = f.km_world(today)
    owner = world["users"]["owner"]
    owner.email = "ivanov@example.org"
    owner.save()
    return ReserveEntry.objects.create(
        person=owner.person,
        campaign=world["campaign"],
        decision=world["decision"],
        outcome="recommended_for_reserve",
        included_on=today.replace(year=today.year - 3) + dt.timedelta(days=11),
        until=today + dt.timedelta(days=10),
    )


def test_two_workers_running_the_daily_jobs_at_once_send_the_term_ending_once(
    workers: Workers, smtp: tuple[Mailbox, int]
) -> None:
    """KM-18/BR-2: the member is told once that the term is about to end, by one of two
    workers each running the day's jobs."""
    box, _ = smtp
    today = timezone.localdate()
    entry = _member_ending(today)
    Notification.objects.all().delete()  # the decision's own messages
    daily_jobs.enqueue(today.isoformat())
    daily_jobs.enqueue(today.isoformat())
    workers.start()
    workers.start()
    wait_for(
        lambda: (
            DBTaskResult.objects.filter(task_path__endswith="daily_jobs").successful().count() == 2
        ),
        timeout=60,
    )
    # the term's message only: km_world's meeting, held today (its decision is made on the
    # meeting's day, issue 9 §4), has its own notices to the candidates
    assert entry.until is not None
    until = entry.until.strftime("%d.%m.%Y")

    def to_member() -> list[Any]:
        return [
            m
            for m in box.messages
            if m["X-Envelope-To"] == "ivanov@example.org" and until in body_of(m)
        ]

    wait_for(to_member)
    wait_for(lambda: not Notification.objects.filter(state=Notification.QUEUED).exists())
    # one run per job and day, whichever worker claimed it
    assert DailyRun.objects.filter(day=today).count() == len(scheduler.JOBS)
    assert not DailyRun.objects.exclude(error="").exists()
    told = Notification.objects.filter(template_key=defaults.TERM_ENDING)
    assert {n.channel for n in told} == {Notification.EMAIL, Notification.IN_APP}
    assert len(told) == 2
    [message] = to_member()
    assert "Иванов Иван Иванович" in body_of(message)
    # the next day's run sends nothing more for the same term
    scheduler.run_daily(today + dt.timedelta(days=1))
    assert Notification.objects.filter(template_key=defaults.TERM_ENDING).count() == 2


@pytest.mark.django_db
def test_a_term_is_told_only_within_the_regulations_ending_notice() -> None:
    today = timezone.localdate()
    entry = _member_ending(today)
    assert entry.until is not None
    entry.until = today + dt.timedelta(days=70)  # KM: told a month before
    entry.save()
    scheduler.run_daily(today)
    assert not Notification.objects.filter(template_key=defaults.TERM_ENDING).exists()


@pytest.mark.django_db
def test_a_failed_daily_job_is_claimed_again_and_the_others_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    today = timezone.localdate()
    calls: list[dt.date] = []

    def broken(day: dt.date) -> int:
        calls.append(day)
        raise RuntimeError("boom")

    job = scheduler.JOBS["purge_reads"]
    monkeypatch.setitem(scheduler.JOBS, "purge_reads", scheduler.DailyJob(job.title, broken))
    done = scheduler.run_daily(today)
    assert done["purge_reads"] is None and done["reserve_expiry"] == 0
    assert DailyRun.objects.get(job="purge_reads", day=today).error == "RuntimeError"
    # a second run of the day runs only the failed job again
    again = scheduler.run_daily(today)
    assert list(again) == ["purge_reads"] and len(calls) == 2


@pytest.mark.django_db
def test_run_daily_command_enqueues_or_runs_here(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("run_daily", "--date", "2026-03-02")
    assert DBTaskResult.objects.filter(task_path__endswith="daily_jobs").count() == 1
    call_command("run_daily", "--date", "2026-03-02", "--here")
    assert DailyRun.objects.filter(day=dt.date(2026, 3, 2)).count() == len(scheduler.JOBS)
    assert "reserve_expiry: 0" in capsys.readouterr().out
    call_command("run_daily", "--date", "2026-03-02", "--here")  # run today already: nothing
    assert capsys.readouterr().out == ""


@pytest.mark.django_db
def test_the_daily_runs_are_listed_for_administrators() -> None:
    scheduler.run_daily(timezone.localdate())
    admin = User.objects.create_superuser("admin", password="x")
    from django.test import Client

    c = Client()
    c.force_login(admin)
    page = c.get("/desk/jobs/").content.decode()
    assert "Исключение из резерва по истечении срока" in page
    assert "reserve_expiry" not in page
