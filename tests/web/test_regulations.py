"""Regulations are stored as versions; a campaign keeps the version it started with (C-6)."""

from __future__ import annotations

import datetime as dt

import pytest

from rezerv.engine.loader import bundled_path
from rezerv.selection import services
from rezerv.selection.models import RegulationVersion
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_unchanged_file_reuses_its_version() -> None:
    first = services.regulation_load_bundled(code="KM")
    second = services.regulation_load_bundled(code="KM")
    assert first.pk == second.pk
    assert RegulationVersion.objects.count() == 1


def test_campaign_keeps_the_version_it_started_with() -> None:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=dt.date.today())
    original = campaign.regulation
    text = (
        bundled_path("KM")
        .read_text("utf-8")
        .replace("min_percent_of_max: 50", "min_percent_of_max: 60")
    )
    newer = services.regulation_store(code="KM", text=text)
    assert newer.pk != original.pk and newer.sha256 != original.sha256
    campaign.refresh_from_db()
    assert campaign.regulation_id == original.pk
    awards = campaign.regulation.load().regulation.stage("competition").awards
    assert awards[1].min_percent_of_max == 50
    assert newer.load().regulation.stage("competition").awards[1].min_percent_of_max == 60


def test_a_malformed_regulation_is_refused_and_nothing_stored() -> None:
    from rezerv.engine.errors import InputError

    with pytest.raises(InputError, match=r"KM\.yaml"):
        services.regulation_store(code="KM", text="schema_version: 1\ncode: KM\n")
    assert RegulationVersion.objects.count() == 0
