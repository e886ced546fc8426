"""Migration 0018 (issue 10): every reserve entry made before it gets a card id of its own
(unique, random), and the acts of the reserve start empty; back again on the way down."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.selection.test_migration_0011 import migrate

BEFORE = [("selection", "0017_commission_member_version")]
AFTER = [("selection", "0018_reserve_registry")]


@pytest.mark.django_db(transaction=True)
def test_br1_existing_reserve_entries_get_unique_card_ids() -> None:
    try:
        apps = migrate(BEFORE)

        def model(name: str) -> object:
            return apps.get_model("selection", name)  # type: ignore[attr-defined]

        user = apps.get_model("auth", "User").objects.create(username="hr")  # type: ignore[attr-defined]
        body = model("StateBody").objects.create(name="Орган")  # type: ignore[attr-defined]
        version = model("RegulationVersion").objects.create(  # type: ignore[attr-defined]
            code="RG", title="Регламент", version="1", sha256="a" * 64, source_text="code: RG\n"
        )
        campaign = model("Campaign").objects.create(  # type: ignore[attr-defined]
            kind="reserve", regulation=version, title="Конкурс", body=body, created_by=user
        )
        decision = model("Decision").objects.create(  # type: ignore[attr-defined]
            campaign=campaign,
            stage_id="final",
            regulation_sha256="a" * 64,
            inputs={},
            result={},
            created_by=user,
        )
        for last in ("Иванов", "Петрова"):
            person = model("Person").objects.create(last_name=last, first_name="А")  # type: ignore[attr-defined]
            model("ReserveEntry").objects.create(  # type: ignore[attr-defined]
                person=person, campaign=campaign, decision=decision, outcome="included"
            )
        apps = migrate(AFTER)
        uids = list(
            apps.get_model("selection", "ReserveEntry").objects.values_list("uid", flat=True)
        )  # type: ignore[attr-defined]
        assert len(uids) == 2 and None not in uids and len(set(uids)) == 2
        assert not apps.get_model("selection", "ReserveAct").objects.exists()  # type: ignore[attr-defined]
        apps = migrate(BEFORE)
        assert apps.get_model("selection", "ReserveEntry").objects.count() == 2  # type: ignore[attr-defined]
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
