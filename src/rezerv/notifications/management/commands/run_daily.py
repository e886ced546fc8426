"""``manage.py run_daily [--date YYYY-MM-DD] [--here]``: enqueue the daily jobs of the day for
the worker (or run them in this process with ``--here``).  Run it as often as you like (``make
demo`` runs it every hour): each job runs once a day, however many workers and runs there are."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rezerv.notifications.scheduler import run_daily
from rezerv.notifications.tasks import daily_jobs


class Command(BaseCommand):
    help = "Enqueue (or run with --here) the daily jobs of the day; each runs once a day."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day the jobs run for (YYYY-MM-DD; default today)")
        parser.add_argument("--here", action="store_true", help="run in this process")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = options.get("date")
        try:
            day = dt.date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"bad date {raw!r}: expected YYYY-MM-DD") from exc
        if options.get("here"):
            for job, result in run_daily(day).items():
                self.stdout.write(f"{job}: {'failed' if result is None else result}")
            return
        daily_jobs.enqueue(day.isoformat())
        self.stdout.write(f"daily jobs of {day.isoformat()} enqueued")
