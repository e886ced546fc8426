"""``manage.py expire_reserve [--date YYYY-MM-DD]``: end the membership of every reserve member
whose term is over (BR-2, KM-18, TP-12), with the act and the audit record; run it daily.

Idempotent: a second run on the same day changes nothing.  The core is
``rezerv.selection.reserve_acts.expire_due``, which a scheduled task can call the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from rezerv.selection.reserve_acts import expire_due


class Command(BaseCommand):
    help = (
        "Исключает из резерва членов, срок нахождения которых истёк (с записью в журнале "
        "действий). Запускается ежедневно; повторный запуск ничего не меняет."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="день, на который проверяются сроки (ГГГГ-ММ-ДД)")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = options.get("date")
        try:
            today = dt.date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"неверная дата {raw!r}: нужен формат ГГГГ-ММ-ДД") from exc
        ended = expire_due(today=today)
        self.stdout.write(f"Исключено по истечении срока: {ended}.")
