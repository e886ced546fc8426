"""The jobs the worker runs (``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task

from rezerv.notifications import outbox


@task()
def send_notification(notification_id: int) -> str:
    """Deliver one e-mail of the outbox (retried by the outbox itself, ``outbox.deliver``)."""
    return outbox.deliver(notification_id)
