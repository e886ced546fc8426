"""Delivery is exactly once across workers and survives a killed worker (issue 12): two
workers share the outbox and send each message once; a message whose worker was killed in the
middle of sending is requeued (``outbox_recover``) and sent once by another worker."""

from __future__ import annotations

import io
import signal

from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from rezerv.notifications import outbox
from rezerv.notifications.defaults import ADMITTED
from rezerv.notifications.models import Notification
from tests.notifications.conftest import Mailbox, Workers, wait_for


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
