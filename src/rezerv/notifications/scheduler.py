"""The daily jobs and the one way they run: ``run_daily(day)`` claims each job for the day by
writing its ``DailyRun`` row (unique per job and day) before running it, so two workers (or two
``manage.py run_daily``) running at once run each job once.  A job that raised keeps its row with
the error; the next run of the day claims it again with one conditional update.

The jobs themselves are idempotent (a second run of a day changes nothing), so a day missed by
the scheduler is caught up by the next one."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rezerv.notifications.models import DailyRun

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DailyJob:
    title: Promise
    run: Callable[[dt.date], int]


def _expire_reserve(day: dt.date) -> int:
    from rezerv.selection.reserve_acts import expire_due

    return expire_due(today=day)


def _purge_reads(day: dt.date) -> int:
    from rezerv.selection import reads

    return reads.purge()


def _due_notices(day: dt.date) -> int:
    from rezerv.notifications.due import send_due_notices

    return send_due_notices(day)


def _reserve_terms(day: dt.date) -> int:
    from rezerv.notifications.due import send_term_endings

    return send_term_endings(day)


def _deadline_reminders(day: dt.date) -> int:
    from rezerv.notifications.reminders import send_reminders

    return send_reminders(day)


def _plan_items(day: dt.date) -> int:
    from rezerv.notifications.windows import send_plan_items_due

    return send_plan_items_due(day)


def _test_windows(day: dt.date) -> int:
    from rezerv.notifications.windows import send_test_windows

    return send_test_windows(day)


JOBS: dict[str, DailyJob] = {
    "reserve_expiry": DailyJob(_("Исключение из резерва по истечении срока"), _expire_reserve),
    "due_notices": DailyJob(_("Уведомления, срок которых наступил"), _due_notices),
    "reserve_terms": DailyJob(_("Сообщения об окончании срока в резерве"), _reserve_terms),
    "deadline_reminders": DailyJob(_("Напоминания об установленных сроках"), _deadline_reminders),
    "plan_items": DailyJob(_("Сообщения о сроках пунктов планов подготовки"), _plan_items),
    "test_windows": DailyJob(_("Сообщения об открытии и завершении тестирования"), _test_windows),
    "purge_reads": DailyJob(_("Удаление записей о просмотре персональных данных"), _purge_reads),
}


def register(name: str, job: DailyJob) -> None:
    """A daily job of another app (the retention job of ``documents``, registered when the app
    is ready: the apps below the interfaces never import them)."""
    JOBS[name] = job


def _claim(job: str, day: dt.date) -> bool:
    try:
        with transaction.atomic():
            DailyRun.objects.create(job=job, day=day)
        return True
    except IntegrityError:
        # run today already, or running: only a failed run is claimed again
        return bool(
            DailyRun.objects.filter(job=job, day=day)
            .exclude(error="")
            .update(error="", started_at=timezone.now(), finished_at=None)
        )


def run_daily(day: dt.date | None = None) -> dict[str, int | None]:
    """Run every daily job not yet run on ``day`` (default: today); returns what each job that
    ran here did (``None``: it failed, its error kept in its run)."""
    day = day or timezone.localdate()
    done: dict[str, int | None] = {}
    for name, job in JOBS.items():
        if not _claim(name, day):
            continue
        try:
            result: int | None = job.run(day)
        except Exception as exc:  # kept in the run (the kind only), the other jobs go on
            log.exception("daily job %s of %s failed", name, day)
            DailyRun.objects.filter(job=name, day=day).update(
                error=type(exc).__name__[:200], finished_at=timezone.now()
            )
            done[name] = None
            continue
        DailyRun.objects.filter(job=name, day=day).update(result=result, finished_at=timezone.now())
        done[name] = result
    return done
