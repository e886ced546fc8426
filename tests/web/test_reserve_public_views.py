"""The published composition of the reserve (BR-3): names and level only, on the public page
and as open data (CSV, JSON) — exactly the fields the regulation publishes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.selection.models import ReserveEntry
from rezerv.selection.reserve_acts import reserve_exclude
from tests.documents.world_br import br_documents_world
from tests.web.test_reserve_views import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def br(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    w = br_documents_world(timezone.localdate())
    entry = ReserveEntry.objects.get(decision=w["decision"], person__last_name="Гарипов")
    assert entry.included_on is not None
    w["day"] = entry.included_on + dt.timedelta(days=5)
    at(monkeypatch, w["day"])
    w["garipov"] = entry
    return w


def test_br3_public_list_shows_names_and_level_only(br: dict[str, Any]) -> None:
    html = Client().get(reverse("public_reserve")).content.decode()
    assert "Гарипов Ильдар Рустемович" in html and "Высший уровень" in html
    assert "82" not in html  # no rating score
    assert "государственное управление" not in html  # no sector or experience
    assert br["body"].name not in html  # no body


def test_br3_open_data_has_exactly_the_published_fields(br: dict[str, Any]) -> None:
    rows = json.loads(Client().get(reverse("public_reserve_json")).content)
    assert rows and all(set(row) == {"reserve", "name", "level"} for row in rows)
    assert {"reserve": "BR", "name": "Гарипов Ильдар Рустемович", "level": "Высший уровень"} in rows
    text = Client().get(reverse("public_reserve_csv")).content.decode()
    table = list(csv.DictReader(io.StringIO(text)))
    assert table[0].keys() == {"reserve", "name", "level"}
    assert len(table) == len(rows)


def test_br3_an_excluded_member_is_no_longer_published(br: dict[str, Any]) -> None:
    reserve_exclude(
        actor=br["hr"],
        entry=br["garipov"],
        ground_id="own_request",
        on=br["day"],
        basis="Распоряжение № 1",
        today=br["day"],
    )
    rows = json.loads(Client().get(reverse("public_reserve_json")).content)
    assert all(row["name"] != "Гарипов Ильдар Рустемович" for row in rows)
