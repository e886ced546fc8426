"""Migration 0015: the events already in the audit log are chained in the order they were
written, and the chain verifies (issue 13, a tamper-evident audit)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rezerv.selection import audit_chain
from tests.selection.test_migration_0011 import migrate

BEFORE = [("selection", "0014_decision_reopen")]
AFTER = [("selection", "0015_audit_chain")]


@pytest.mark.django_db(transaction=True)
def test_existing_events_are_chained_in_order_and_verify() -> None:
    try:
        apps = migrate(BEFORE)
        user = apps.get_model("auth", "User").objects.create(username="hr")  # type: ignore[attr-defined]
        event = apps.get_model("selection", "AuditEvent")  # type: ignore[attr-defined]
        for n in range(5):
            event.objects.create(
                actor=user,
                action="ballot.save",
                object_type="Ballot",
                object_id=str(n),
                changes={"points": n, "reason": "Причина", "nested": {"b": 1, "a": [1.5, None]}},
            )
        apps = migrate(AFTER)
        chained = apps.get_model("selection", "AuditEvent")  # type: ignore[attr-defined]
        assert list(chained.objects.order_by("pk").values_list("seq", flat=True)) == [1, 2, 3, 4, 5]
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        assert audit_chain.verify() == (5, None)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
