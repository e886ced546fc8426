"""The campaign's dates proposed for its own year (issue 9 §2): a date the regulation names by
its day of the year («1 сентября», «не позднее 30 мая») is proposed on the desk as that day of
the campaign's year, never the year of the seed it was written from."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.selection import services
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def date_inputs(client: Client, campaign: Any) -> dict[str, str]:
    page = client.get(reverse("desk_campaign", args=[campaign.uid])).content.decode()
    return dict(re.findall(r'<input type="date" name="(\w+)"(?: value="([\d-]*)")?', page))


def new_campaign(code: str, kind: str) -> tuple[Client, Any]:
    hr = f.hr_user(f.body())
    campaign = services.campaign_create(
        actor=hr, regulation_code=code, body=hr.staff.body, kind=kind, title=f"Кампания {code}"
    )
    client = Client()
    client.force_login(hr)
    return client, campaign


def test_tp2_the_cycle_start_is_proposed_as_1_september_of_this_year() -> None:
    client, campaign = new_campaign("TP", "talent_pool")
    year = timezone.localdate().year
    inputs = date_inputs(client, campaign)
    assert inputs["cycle_start"] == f"{year}-09-01"
    assert inputs["training_start"] == ""  # no day of the year: nothing proposed


def test_ak12_the_editions_days_are_proposed_in_the_campaigns_year() -> None:
    client, campaign = new_campaign("AK", "contest")
    year = timezone.localdate().year
    inputs = date_inputs(client, campaign)
    assert inputs["announcement_latest"] == f"{year}-05-30"
    assert inputs["republican_latest"] == f"{year}-09-20"
    assert not any(v.startswith("2020-") for v in inputs.values())
    # once a date of the campaign is entered, its year is the campaign's
    services.campaign_update(
        actor=None,
        campaign=campaign,
        expected_version=campaign.version,
        events={"announcement": dt.date(2027, 5, 10).isoformat()},
    )
    inputs = date_inputs(client, campaign)
    assert inputs["announcement"] == "2027-05-10"
    assert inputs["interviews_latest"] == "2027-07-30"
