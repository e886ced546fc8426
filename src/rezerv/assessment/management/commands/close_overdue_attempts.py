"""Close every test attempt whose time and grace are over (for cron, or after the worker was
down): each is scored and recorded as the stage's Result as at its own limit's close."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rezerv.assessment.services import close_overdue


class Command(BaseCommand):
    help = "Close the test attempts whose time is over."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"closed: {close_overdue()}")
