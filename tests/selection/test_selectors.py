"""Issue 8, item 1: the intake's closing day shown on the application page is the window of the
one intake check (KM-5: 21 calendar days from the announcement)."""

from __future__ import annotations

import datetime as dt

import pytest

from rezerv.selection import selectors
from rezerv.selection.intake import campaign_intake_window
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_item1_km5_intake_close_is_the_window_of_the_intake_check() -> None:
    campaign = f.km_campaign(f.hr_user(f.body()), announce=dt.date(2026, 3, 2))
    assert selectors.intake_close(campaign) == dt.date(2026, 3, 23)
    assert campaign_intake_window(campaign)[1] == selectors.intake_close(campaign)
