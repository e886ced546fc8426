"""Migration 0012: a version's day in force (``RegulationVersion.effective_from``) becomes an
activation of its own, made by the user who uploaded it; a version without a day gets none;
back again on the way down (issue 9 §1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.selection.test_migration_0011 import migrate

BEFORE = [("selection", "0011_position_facts_campaign_kind")]
AFTER = [("selection", "0012_regulation_activations")]


@pytest.mark.django_db(transaction=True)
def test_c6_each_versions_day_becomes_its_activation_and_back() -> None:
    try:
        apps = migrate(BEFORE)
        user = apps.get_model("auth", "User").objects.create(username="admin")  # type: ignore[attr-defined]
        old = apps.get_model("selection", "RegulationVersion")  # type: ignore[attr-defined]
        common = {"title": "Регламент", "source_text": "code: RG\n"}
        old.objects.create(
            code="RG",
            version="1",
            sha256="a" * 64,
            effective_from=dt.date(2026, 1, 1),
            uploaded_by=user,
            **common,
        )
        old.objects.create(code="RG", version="2", sha256="b" * 64, **common)
        apps = migrate(AFTER)
        activation = apps.get_model("selection", "RegulationActivation")  # type: ignore[attr-defined]
        rows = list(
            activation.objects.values_list(
                "version__version", "effective_from", "activated_by__username"
            )
        )
        assert rows == [("1", dt.date(2026, 1, 1), "admin")]
        apps = migrate(BEFORE)
        back = apps.get_model("selection", "RegulationVersion")  # type: ignore[attr-defined]
        assert dict(back.objects.values_list("version", "effective_from")) == {
            "1": dt.date(2026, 1, 1),
            "2": None,
        }
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
