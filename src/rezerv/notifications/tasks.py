"""The jobs the worker runs (``manage.py db_worker``)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from rezerv.notifications import outbox


@task()
def send_notification(notification_id: int) -> str:
    """Deliver one e-mail of the outbox (retried by the outbox itself, ``outbox.deliver``)."""
    return outbox.deliver(notification_id)


@task()
def daily_jobs(day: str) -> dict[str, int | None]:
    """The daily jobs of ``day`` (ISO date) not yet run that day (``scheduler.run_daily``)."""
    from rezerv.notifications.scheduler import run_daily

    return run_daily(dt.date.fromisoformat(day))
