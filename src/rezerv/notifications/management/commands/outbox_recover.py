"""``manage.py outbox_recover``: requeue the e-mails of jobs a dead worker left running, and
the daily jobs it left claimed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rezerv.notifications.recovery import recover, recover_daily


class Command(BaseCommand):
    help = "Requeue the e-mails whose jobs a worker left running (killed, machine down)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stale-after",
            type=float,
            default=600.0,
            help="seconds a job must have run to count as lost (default: 600; 0 when no "
            "worker is running, as `make demo` does before it starts its own)",
        )

    def handle(self, *args: Any, stale_after: float, **options: Any) -> None:
        count = recover(stale_after=stale_after)
        self.stdout.write(f"requeued: {count}")
        released = recover_daily(stale_after=stale_after)
        if released:
            self.stdout.write(f"daily jobs released: {released}")
