"""The deadline board (issue 12): what of a campaign's computed calendar is done, due in the
coming days or overdue, and who owns it.

Read from the regulation through the engine (``engine.deadlines`` via the campaign's notices):
a deadline that ``governs`` an event is done when the campaign records that event; a notice is
done when it is issued; any other deadline is a date to know, never overdue.  The owner is the
campaign's HR officer who created it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from rezerv.engine.calendar import CalendarError
from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.engine.notices import NOT_ISSUED
from rezerv.selection.models import Campaign
from rezerv.selection.notices import campaign_notices
from rezerv.selection.selectors import usable_events

# How many days ahead "due soon" looks (the board's week).
WEEK = 7

DONE = "done"
OVERDUE = "overdue"
SOON = "soon"
LATER = "later"
PASSED = "passed"  # a date to know that has passed (nothing to do for it)


@dataclass
class BoardRow:
    campaign: Campaign
    key: str  # the row's id within its campaign (the reminders' key)
    title: str
    rules: list[str]
    due: dt.date
    limit: str
    actionable: bool  # something must be done by the date (an event recorded, a notice issued)
    done_on: dt.date | None
    state: str

    @property
    def owner(self) -> Any:
        return self.campaign.created_by

    @property
    def days_late(self) -> int:
        return (timezone.localdate() - self.due).days


def _state(due: dt.date, limit: str, actionable: bool, done: bool, today: dt.date) -> str:
    if done:
        return DONE
    if due < today:
        return OVERDUE if actionable and limit != "earliest" else PASSED
    return SOON if (due - today).days < WEEK else LATER


def campaign_rows(campaign: Campaign, today: dt.date) -> list[BoardRow]:
    """The campaign's dated deadlines and notices, by due date."""
    reg = campaign.regulation.load().regulation
    try:
        _, deadlines = compute_deadlines(reg, make_calendar(reg), usable_events(campaign))
    except CalendarError:
        return []
    events = usable_events(campaign)
    noticed = {n.deadline for n in reg.notices if n.deadline}
    rows: list[BoardRow] = []
    for d in deadlines:
        if d.date is None or (d.deadline.id in noticed and not d.deadline.governs):
            continue  # undated, or the notices that name it stand for it
        actionable = d.deadline.governs is not None
        done_on = events.get(d.deadline.governs) if d.deadline.governs else None
        rows.append(
            BoardRow(
                campaign,
                f"deadline:{d.deadline.id}",
                d.deadline.title,
                list(d.deadline.rules),
                d.date,
                d.deadline.limit,
                actionable,
                done_on,
                _state(d.date, d.deadline.limit, actionable, done_on is not None, today),
            )
        )
    for n in campaign_notices(campaign, today):
        if n["due"] is None:
            continue
        due = dt.date.fromisoformat(n["due"])
        issued = dt.date.fromisoformat(n["issued_on"]) if n["issued_on"] else None
        limit = n["limit"] or "latest"
        rows.append(
            BoardRow(
                campaign,
                f"notice:{n['id']}",
                n["title"],
                list(n["rules"]),
                due,
                limit,
                True,
                issued,
                _state(due, limit, True, n["status"] != NOT_ISSUED, today),
            )
        )
    rows.sort(key=lambda r: (r.due, r.title))
    return rows


def board(campaigns: Iterable[Campaign], today: dt.date | None = None) -> dict[str, Any]:
    """The rows of the campaigns grouped for the board: overdue, due within the week, later,
    done and passed."""
    today = today or timezone.localdate()
    rows = [row for c in campaigns for row in campaign_rows(c, today)]
    return {
        "today": today,
        "overdue": [r for r in rows if r.state == OVERDUE],
        "soon": [r for r in rows if r.state == SOON],
        "later": [r for r in rows if r.state == LATER],
        "done": [r for r in rows if r.state == DONE],
        "passed": [r for r in rows if r.state == PASSED],
    }


def open_campaigns() -> Any:
    from rezerv.selection.states import ANNOUNCED

    return Campaign.objects.filter(status__in=ANNOUNCED).select_related(
        "regulation", "created_by", "body"
    )
