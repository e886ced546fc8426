"""Campaign event dates against the regulation's production calendar (its supported years).

A date the calendar cannot place (e.g. year 1900 or 9999) makes every deadline of the campaign
uncomputable; the checks here refuse such a date before it is stored and name the stored ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils.translation import gettext

from rezerv.engine.calendar import CalendarError
from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.engine.schema import Regulation


def calendar_years(reg: Regulation) -> tuple[int, int]:
    """The first and the last year the regulation's production calendar covers."""
    calendar = make_calendar(reg)
    return calendar.start_year, calendar.end_year


def _titles(reg: Regulation) -> dict[str, str]:
    return {e.id: e.title for e in reg.events} | {d.id: d.title for d in reg.deadlines}


def date_problem(reg: Regulation, title: str, day: dt.date) -> str | None:
    """Why ``day`` (the date of ``title``) cannot be used, or None when the calendar covers it."""
    start, end = calendar_years(reg)
    if start <= day.year <= end:
        return None
    return gettext(
        "«%(title)s»: дата %(date)s вне производственного календаря — поддерживаются даты "
        "с %(start)s по %(end)s год."
    ) % {"title": title, "date": day.strftime("%d.%m.%Y"), "start": start, "end": end}


def parse_events(events: Mapping[str, object]) -> tuple[dict[str, dt.date], list[str]]:
    """The stored events as dates, and the names of those that are not ISO dates."""
    dates: dict[str, dt.date] = {}
    bad: list[str] = []
    for name, value in events.items():
        try:
            dates[name] = dt.date.fromisoformat(str(value))
        except ValueError:
            bad.append(name)
    return dates, bad


def events_problems(reg: Regulation, events: Mapping[str, object]) -> list[tuple[str | None, str]]:
    """Every problem of ``events`` as (event id or None, message in the user's language).

    An event outside the calendar is named; when the events are in range but a deadline counted
    from them falls outside it, the problem names no single event.
    """
    titles = _titles(reg)
    known = set(titles)
    dates, bad = parse_events({k: v for k, v in events.items() if k in known})
    problems: list[tuple[str | None, str]] = [
        (name, gettext("«%(title)s»: не дата.") % {"title": titles[name]}) for name in bad
    ]
    for name, day in dates.items():
        message = date_problem(reg, titles[name], day)
        if message is not None:
            problems.append((name, message))
    if not problems:
        try:
            compute_deadlines(reg, make_calendar(reg), dates)
        except CalendarError:
            start, end = calendar_years(reg)
            problems.append(
                (
                    None,
                    gettext(
                        "Сроки, отсчитываемые от этих дат, выходят за производственный календарь "
                        "(с %(start)s по %(end)s год): проверьте даты."
                    )
                    % {"start": start, "end": end},
                )
            )
    return problems
