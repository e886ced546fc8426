"""Delivery is exactly once across workers and survives a killed worker (issue 12): two
workers share the outbox and send each message once; a message whose worker was killed in the
middle of sending is requeued (``outbox_recover``) and sent once by another worker."""

from __future__ import annotations

import datetime as dt
import io
import signal

from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rezerv.documents.models import Destruction, RetentionAct
from rezerv.engine.deadlines import add_term
from rezerv.notifications import outbox, scheduler
from rezerv.notifications.defaults import ADMITTED
from rezerv.notifications.models import DailyRun, Notification
from rezerv.notifications.tasks import daily_jobs
from rezerv.selection.models import Document
from tests.notifications.conftest import Mailbox, Workers, wait_for
from tests.web import factories as f


def _queue(count: int) -> list[int]:
    ids = []
    with transaction.atomic():
        for i in range(count):
            user = User.objects.create_user(f"c{i}", email=f"c{i}@example.org", password="x")
            [n] = outbox.notify(
                recipient=user,
                key=ADMITTED,
                context={"name": f"Кандидат {i}", "campaign": "Конкурс", "link": "-"},
                channels=[Notification.EMAIL],
            )
            ids.append(n.pk)
        # the same message enqueued twice (a retry racing a recovery): still sent once
        outbox.enqueue(ids[0])
    return ids


def test_two_workers_send_each_message_once(workers: Workers, smtp: tuple[Mailbox, int]) -> None:
    box, _ = smtp
    box.pace = 0.2
    workers.start(wait_ready=True)
    workers.start(wait_ready=True)
    ids = _queue(12)
    wait_for(lambda: DBTaskResult.objects.finished().count() == 13)
    assert sorted(m["X-Envelope-To"] for m in box.messages) == sorted(
        f"c{i}@example.org" for i in range(12)
    )
    assert set(Notification.objects.values_list("state", flat=True)) == {Notification.SENT}
    assert Notification.objects.filter(pk__in=ids, attempts=1).count() == 12
    # both workers took part
    workers_seen = {w for job in DBTaskResult.objects.all() for w in job.worker_ids}
    assert len(workers_seen) == 2


def test_a_worker_killed_mid_job_loses_nothing(workers: Workers, smtp: tuple[Mailbox, int]) -> None:
    box, _ = smtp
    box.stall = 2
    [pk] = _queue(1)[:1]
    first = workers.start()
    wait_for(lambda: box.stalling)  # the worker is in the middle of sending
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert Notification.objects.get(pk=pk).state == Notification.QUEUED
    # the job it claimed is left running; the operator's (or the demo's) recovery requeues it
    wait_for(lambda: DBTaskResult.objects.running().count() == 1)
    out = io.StringIO()
    call_command("outbox_recover", stale_after=0, stdout=out)
    assert out.getvalue().strip() == "requeued: 1"
    workers.start()
    wait_for(lambda: Notification.objects.get(pk=pk).state == Notification.SENT)
    wait_for(lambda: box.messages)
    assert [m["X-Envelope-To"] for m in box.messages] == ["c0@example.org"]
    assert Notification.objects.get(pk=pk).attempts == 1


def test_c7_a_worker_killed_in_the_middle_of_the_daily_jobs_loses_nothing(
    workers: Workers, smtp: tuple[Mailbox, int]
) -> None:
    """The real worker is stopped in the middle of the retention job (after the day's claim,
    while it renders the act), then killed; the recovery releases the claim and enqueues the
    day again, and a second worker finishes it: the documents destroyed and the act written
    once, every daily job of the day run."""
    today = timezone.localdate()
    world = f.km_world(today)
    campaign = world["campaign"]
    end = today - dt.timedelta(days=1)
    campaign.events = {**campaign.events, "competition_end": end.isoformat()}
    campaign.save(update_fields=["events"])
    ret = next(r for r in campaign.regulation.load().regulation.retention if r.destroys)
    assert ret.term is not None
    day = add_term(end, ret.term)
    other = world["other_application"]
    files = [d.file.name for d in Document.objects.filter(application=other)]
    assert files and all(default_storage.exists(n) for n in files)

    daily_jobs.enqueue(day.isoformat())
    first = workers.start()
    wait_for(lambda: DailyRun.objects.filter(job="retention", day=day).exists(), timeout=60)
    first.send_signal(signal.SIGSTOP)  # frozen where it is: in the middle of the job
    assert DailyRun.objects.get(job="retention", day=day).finished_at is None
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert not RetentionAct.objects.exists()

    out = io.StringIO()
    call_command("outbox_recover", stale_after=0, stdout=out)
    assert "daily jobs released: 1" in out.getvalue()
    workers.start()
    wait_for(
        lambda: (
            DailyRun.objects.filter(job="retention", day=day, error="")
            .exclude(finished_at=None)
            .exists()
        ),
        timeout=60,
    )
    assert RetentionAct.objects.count() == 1
    assert Destruction.objects.get().application_id == other.pk
    assert not Document.objects.filter(application=other).exists()
    assert not any(default_storage.exists(n) for n in files)
    runs = DailyRun.objects.filter(day=day)
    assert runs.count() == len(scheduler.JOBS)
    wait_for(lambda: not runs.filter(finished_at=None).exists())
    assert not runs.exclude(error="").exists()
