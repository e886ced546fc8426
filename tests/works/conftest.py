"""A KM campaign for leaders (paper KM-22 and document draft KM-23 are its written works), two
admitted candidates and a commission; the works' window (from the end of the intake) open."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from rezerv.selection.models import Campaign
from tests.web import factories as f


@pytest.fixture
def km_works(db: Any, settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    today = timezone.localdate()
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2), category="leaders")
    owner = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    other = f.candidate("petrova", "Петрова", "Мария", "Сергеевна")
    mine = f.km_application(campaign, owner)
    theirs = f.km_application(campaign, other)
    members = f.km_commission(hr, campaign)
    events = {**campaign.events, "intake_end": (today - dt.timedelta(days=1)).isoformat()}
    Campaign.objects.filter(pk=campaign.pk).update(events=events)
    campaign.refresh_from_db()
    mine.refresh_from_db()
    theirs.refresh_from_db()
    return {
        "hr": hr,
        "campaign": campaign,
        "mine": mine,
        "theirs": theirs,
        "owner": owner.user,
        "other": other.user,
        "members": members,
    }
