"""The worker's jobs of the assessment (``manage.py db_worker``): closing an attempt at its limit."""

from __future__ import annotations

from django_tasks import task

from rezerv.assessment.models import Attempt


@task()
def close_attempt(attempt_id: int) -> str:
    """Close the attempt if its time is over (a job that runs early leaves it open)."""
    from rezerv.assessment.services import close_if_over

    attempt = Attempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        return "missing"
    return "closed" if close_if_over(attempt).closed_at else "running"


def schedule_close(attempt: Attempt) -> None:
    """Enqueue the close for the moment after the deadline and its grace."""
    from rezerv.assessment.services import GRACE

    when = attempt.deadline + GRACE + GRACE
    close_attempt.using(run_after=when).enqueue(attempt.pk)
