"""The engine's case carries the submission's wall time in the application's time zone (C-2):
a candidate who submits at 00:30 Moscow time on the day the intake opens submitted on that day,
though it is still the day before in UTC."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from rezerv.selection.casebuild import case_from_campaign
from rezerv.selection.models import Application
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_c2_submission_just_after_local_midnight_is_on_the_local_day(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TIME_ZONE = "Europe/Moscow"
    hr = f.hr_user(f.body())
    today = timezone.localdate()
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    application = f.km_application(campaign, f.candidate("ivanov", "Иванов", "Иван"), admit=False)
    moscow = zoneinfo.ZoneInfo("Europe/Moscow")
    moment = dt.datetime.combine(today, dt.time(0, 30), tzinfo=moscow)
    Application.objects.filter(pk=application.pk).update(submitted_at=moment)

    (candidate,) = case_from_campaign(campaign)["candidates"]

    assert candidate["submitted_at"] == f"{today.isoformat()}T00:30:00"
    assert moment.astimezone(dt.UTC).date() == today - dt.timedelta(days=1)
