"""``manage.py purge_reads``: delete the records of personal-data reads past their retention
(``REZERV_READ_RETENTION_DAYS``); run daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rezerv.selection import reads


class Command(BaseCommand):
    help = "Delete records of personal-data reads older than REZERV_READ_RETENTION_DAYS."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = reads.purge()
        self.stdout.write(f"read records deleted: {deleted}")
