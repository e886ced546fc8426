"""``manage.py audit_verify``: recompute the audit log's hash chain and name the first event
that was altered, removed or inserted (exit status 1), or say how many events follow (0)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from rezerv.selection import audit_chain


class Command(BaseCommand):
    help = (
        "Verify the hash chain of the audit log; name the first altered, removed or inserted event."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count, broken = audit_chain.verify()
        if broken is not None:
            raise CommandError(
                f"audit chain broken after {count} intact events: {broken.describe()}"
            )
        self.stdout.write(f"audit chain intact: {count} events")
