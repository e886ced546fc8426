"""Nothing is lost when a worker dies: a job of the outbox that a worker claimed and never
finished (killed, machine down) stays ``RUNNING`` in the job table while its message stays
``queued`` in the outbox, perhaps claimed (``sending_since``).  ``recover`` marks such jobs
failed (``WorkerLost``), releases the claims and enqueues the messages again; a message is
claimed before it is sent (``outbox.deliver``), so it is sent once."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from rezerv.notifications import outbox
from rezerv.notifications.models import DailyRun, Notification

SEND_TASK = "rezerv.notifications.tasks.send_notification"
DAILY_TASK = "rezerv.notifications.tasks.daily_jobs"


class WorkerLost(Exception):
    """The worker that ran the job stopped before finishing it."""


@transaction.atomic
def recover(*, stale_after: float) -> int:
    """Requeue the messages of the outbox's jobs running for more than ``stale_after`` seconds
    (longer than any attempt can take: the SMTP timeout); returns how many were requeued."""
    now = timezone.now()
    stale = list(
        DBTaskResult.objects.running()
        .select_for_update()
        .filter(task_path=SEND_TASK, started_at__lte=now - dt.timedelta(seconds=stale_after))
    )
    ids: set[int] = set()
    for job in stale:
        job.status = TaskResultStatus.FAILED
        job.finished_at = now
        job.exception_class_path = f"{__name__}.{WorkerLost.__qualname__}"
        job.traceback = ""
        job.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
        args = job.args_kwargs.get("args") or []
        if args and isinstance(args[0], int):
            ids.add(args[0])
    cutoff = now - dt.timedelta(seconds=stale_after)
    lost = Notification.objects.filter(
        Q(pk__in=ids) | Q(sending_since__lte=cutoff),
        state=Notification.QUEUED,
        channel=Notification.EMAIL,
    )
    requeued = list(lost.values_list("pk", flat=True))
    Notification.objects.filter(pk__in=requeued).update(sending_since=None)
    for pk in requeued:
        outbox.enqueue(pk)
    return len(requeued)


@transaction.atomic
def recover_daily(*, stale_after: float) -> int:
    """Release the daily jobs a dead worker left claimed: each run started more than
    ``stale_after`` seconds ago and not finished is marked failed (``WorkerLost``), so the next
    run of its day claims it again, and the day's jobs are enqueued once more (the jobs are
    idempotent: what the dead worker did is not done twice).  Returns the runs released."""
    now = timezone.now()
    cutoff = now - dt.timedelta(seconds=stale_after)
    for job in (
        DBTaskResult.objects.running()
        .select_for_update()
        .filter(task_path=DAILY_TASK, started_at__lte=cutoff)
    ):
        job.status = TaskResultStatus.FAILED
        job.finished_at = now
        job.exception_class_path = f"{__name__}.{WorkerLost.__qualname__}"
        job.traceback = ""
        job.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
    lost = DailyRun.objects.select_for_update().filter(
        finished_at__isnull=True, error="", started_at__lte=cutoff
    )
    days = sorted(set(lost.values_list("day", flat=True)))
    released = lost.update(error=WorkerLost.__name__, finished_at=now)
    if days:
        from rezerv.notifications.tasks import daily_jobs

        for day in days:
            daily_jobs.enqueue(day.isoformat())
    return released
