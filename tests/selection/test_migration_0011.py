"""Migration 0011: a position's category and group (KM's, the only ones recorded before the
regulation declared them) move into ``Position.facts`` under KM's fact ids; back again on the
way down (issue 9 §1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("selection", "0010_questionnaire_declared_facts")]
AFTER = [("selection", "0011_position_facts_campaign_kind")]


def migrate(target: list[tuple[str, str]]) -> object:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_km10_recorded_categories_and_groups_become_the_positions_facts() -> None:
    try:
        apps = migrate(BEFORE)
        body = apps.get_model("selection", "StateBody").objects.create(name="Орган")  # type: ignore[attr-defined]
        old = apps.get_model("selection", "Position")  # type: ignore[attr-defined]
        old.objects.create(
            body=body, title="Главный специалист", category="specialists", group="senior"
        )
        old.objects.create(body=body, title="Советник", category="", group="")
        apps = migrate(AFTER)
        new = apps.get_model("selection", "Position")  # type: ignore[attr-defined]
        facts = dict(new.objects.values_list("title", "facts"))
        assert facts == {
            "Главный специалист": {"category": "specialists", "group": "senior"},
            "Советник": {},
        }
        apps = migrate(BEFORE)
        back = apps.get_model("selection", "Position")  # type: ignore[attr-defined]
        assert back.objects.get(title="Главный специалист").group == "senior"
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
