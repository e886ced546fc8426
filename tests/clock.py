"""The server's clock moved in a test: a decision is made at its meeting, not before (issue 9
§4, KM-17), so a world whose meeting is still to come makes its decision on the meeting's day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.utils import timezone


@contextmanager
def on_day(day: dt.date, hour: int = 10) -> Iterator[dt.datetime]:
    """``timezone.now`` (and so ``timezone.localdate``) at ``hour`` of ``day``, local time."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    with mock.patch.object(timezone, "now", lambda: moment):
        yield moment


def decide_at_meeting(hr: Any, campaign: Any, stage: str, held: Any) -> Any:
    """``scenarios.meetings.decide`` made on the meeting's day when that day is still to come."""
    from rezerv.scenarios import meetings

    if held is None or held.date <= timezone.localdate():
        return meetings.decide(hr, campaign, stage, held)
    with on_day(held.date):
        return meetings.decide(hr, campaign, stage, held)
