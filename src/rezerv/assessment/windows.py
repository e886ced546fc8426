"""The windows a test is taken in, as the regulation gives them (reads, pure of writes).

- The stage's window: a session of a stage's test opens and closes within the dates of the
  stage's ``opens``/``closes`` events (as the campaign's event dates and the deadlines computed
  from them give them); a bound whose date is not known yet does not limit the session.
- The method's ``window`` (TP-11: within 30 calendar days of the education document): the last
  day a candidate may start the test is the day of the fact ``after_fact`` plus ``days``
  (calendar or working); a candidate without the fact yet is not limited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rezerv.engine.calendar import CalendarError
from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.engine.schema import Method, Stage
from rezerv.selection import selectors
from rezerv.selection.models import Application, Campaign


def event_dates(campaign: Campaign) -> dict[str, dt.date]:
    reg = campaign.regulation.load().regulation
    given = selectors.usable_events(campaign)
    try:
        known, _ = compute_deadlines(reg, make_calendar(reg), given)
    except CalendarError:
        return given
    return known


def stage_window(campaign: Campaign, stage: Stage) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of the stage by the regulation's events (None: not limited)."""
    dates = event_dates(campaign)
    opens = dates.get(stage.opens) if stage.opens else None
    closes = dates.get(stage.closes) if stage.closes else None
    return opens, closes


def last_day(application: Application, method: Method) -> dt.date | None:
    """The last day the candidate may start the method's test (TP-11), or None."""
    window = method.window
    if window is None:
        return None
    raw: Any = (application.facts or {}).get(window.after_fact)
    try:
        start = dt.date.fromisoformat(raw) if isinstance(raw, str) else raw
    except ValueError:
        return None
    if not isinstance(start, dt.date):
        return None
    if window.unit == "working":
        reg = application.campaign.regulation.load().regulation
        try:
            return make_calendar(reg).add_working_days(start, window.days)
        except CalendarError:
            return None
    return start + dt.timedelta(days=window.days)
