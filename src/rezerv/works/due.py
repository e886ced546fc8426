"""Which written works an application owes, and the window each is accepted in.

A method with ``work`` in the regulation, used by a stage for the campaign's position (KM-10
method sets), is a work the candidate submits; its window runs from the date of ``work.opens``
to that of ``work.closes`` (the stage's own events when the work names none), as the campaign's
event dates and the deadlines computed from them give them. A bound whose date is not known
yet does not close the window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rezerv.engine.calendar import CalendarError
from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.engine.methods import stage_methods
from rezerv.engine.schema import Method, Stage, WrittenWork
from rezerv.selection import selectors
from rezerv.selection.models import Campaign


@dataclass(frozen=True)
class Due:
    stage: Stage
    method: Method
    opens: dt.date | None
    closes: dt.date | None

    @property
    def work(self) -> WrittenWork:
        assert self.method.work is not None
        return self.method.work

    def open_on(self, day: dt.date) -> bool:
        return (self.opens is None or day >= self.opens) and (
            self.closes is None or day <= self.closes
        )


def event_dates(campaign: Campaign) -> dict[str, dt.date]:
    reg = campaign.regulation.load().regulation
    given = selectors.usable_events(campaign)
    try:
        known, _ = compute_deadlines(reg, make_calendar(reg), given)
    except CalendarError:
        return given
    return known


def works_due(campaign: Campaign) -> list[Due]:
    reg = campaign.regulation.load().regulation
    position = selectors.position_facts(campaign)
    dates = event_dates(campaign)
    out = []
    for stage in reg.stages:
        for method in stage_methods(reg, stage, position):
            if method.work is None:
                continue
            opens = method.work.opens or stage.opens
            closes = method.work.closes or stage.closes
            out.append(
                Due(
                    stage,
                    method,
                    dates.get(opens) if opens else None,
                    dates.get(closes) if closes else None,
                )
            )
    return out


def find_due(campaign: Campaign, stage_id: str, method_id: str) -> Due | None:
    return next(
        (d for d in works_due(campaign) if d.stage.id == stage_id and d.method.id == method_id),
        None,
    )
