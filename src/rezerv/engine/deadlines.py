"""The campaign calendar: every deadline of a regulation computed from named events."""

from __future__ import annotations

import calendar as calendar_module
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from rezerv.engine.calendar import CalendarError, DayOverride, ProductionCalendar, offset_date
from rezerv.engine.schema import Deadline, Regulation, Term, month_day


def make_calendar(reg: Regulation) -> ProductionCalendar:
    overrides = [DayOverride(o.date, o.working, o.note) for o in reg.calendar.overrides]
    return ProductionCalendar(reg.calendar.country, overrides)


def add_term(start: dt.date, term: Term) -> dt.date:
    """``start`` plus a term in years, months and days (29 February → 28 February)."""
    months = start.month - 1 + term.months + 12 * term.years
    year, month = start.year + months // 12, months % 12 + 1
    day = start.day
    while True:
        try:
            moved = dt.date(year, month, day)
            break
        except ValueError:
            day -= 1
    return moved + dt.timedelta(days=term.days)


def shift_months(start: dt.date, months: int) -> dt.date:
    """``start`` moved by whole calendar months (negative: back); a day the target month does
    not have becomes its last day (Russian Civil Code art. 192)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    day = start.day
    while True:
        try:
            return dt.date(year, month + 1, day)
        except ValueError:
            day -= 1


@dataclass(frozen=True)
class DeadlineRow:
    deadline: Deadline
    date: dt.date | None
    missing: str | None
    actual: dt.date | None

    @property
    def complies(self) -> bool | None:
        if self.date is None or self.actual is None:
            return None
        if self.deadline.limit == "latest":
            return self.actual <= self.date
        if self.deadline.limit == "earliest":
            return self.actual >= self.date
        return self.actual == self.date

    def as_json(self) -> dict[str, object]:
        d = self.deadline
        out: dict[str, object] = {
            "id": d.id,
            "title": d.title,
            "rules": d.rules,
            "limit": d.limit,
            "date": self.date.isoformat() if self.date else None,
        }
        if d.time:
            out["time"] = d.time
        if d.unit == "working" and (d.after or d.before):
            out["unit"] = "working"
        if self.missing:
            out["missing_event"] = self.missing
        if d.governs:
            out["governs"] = d.governs
            out["actual"] = self.actual.isoformat() if self.actual else None
            out["complies"] = self.complies
        return out


def in_year(year: int, text: str) -> dt.date:
    """The "MM-DD" day of ``year`` (29 February of a common year: the 28th)."""
    month, day = month_day(text)
    if (month, day) == (2, 29) and not calendar_module.isleap(year):
        day = 28
    return dt.date(year, month, day)


def campaign_year(reg: Regulation, given: Mapping[str, dt.date]) -> int | None:
    """The campaign's year: that of its earliest event (None: no event is given yet); the
    dates a campaign gives for deadlines do not count."""
    ids = {e.id for e in reg.events}
    events = [day for name, day in given.items() if name in ids]
    return min(events).year if events else None


def _annual(anchor: dt.date, month_day: str, direction: str) -> dt.date:
    candidate = in_year(anchor.year, month_day)
    if direction == "on_or_after" and candidate < anchor:
        candidate = in_year(anchor.year + 1, month_day)
    if direction == "on_or_before" and candidate > anchor:
        candidate = in_year(anchor.year - 1, month_day)
    return candidate


def compute_deadlines(
    reg: Regulation, calendar: ProductionCalendar, given: Mapping[str, dt.date]
) -> tuple[dict[str, dt.date], list[DeadlineRow]]:
    """Compute every deadline from the given events.

    A deadline whose event is not given is reported with ``missing_event``.  A date the
    production calendar cannot place raises :class:`CalendarError`.
    Returns the events known afterwards (given ones win over computed) and one row per deadline.
    """
    for name, day in given.items():
        try:
            calendar.is_working_day(day)
        except CalendarError as exc:
            raise CalendarError(
                f"event '{name}': {exc}", exc.code, {**exc.params, "event": name}
            ) from exc
    known: dict[str, dt.date] = dict(given)
    computed: dict[str, dt.date] = {}
    year = campaign_year(reg, given)
    pending = list(reg.deadlines)
    rows: dict[str, DeadlineRow] = {}
    progress = True
    while pending and progress:
        progress = False
        rest: list[Deadline] = []
        for dl in pending:
            base_name = dl.after or dl.before or dl.anchor
            if dl.fixed is not None:
                # a fixed date is the regulation's default; the campaign may give its own
                value: dt.date = given.get(dl.id, dl.fixed)
            elif dl.yearly and (dl.id in given or year is not None):
                # the day of the campaign's year, unless the campaign gives its own
                value = given[dl.id] if dl.id in given else in_year(year or 0, dl.annual or "")
            elif base_name is not None and base_name in known:
                base = known[base_name]
                if dl.annual is not None:
                    value = _annual(base, dl.annual, dl.direction)
                else:
                    if dl.months:
                        base = shift_months(base, dl.months if dl.after else -dl.months)
                    days = (dl.days or 0) if dl.after else -(dl.days or 0)
                    value = offset_date(calendar, base, days, dl.unit, dl.roll)
            else:
                rest.append(dl)
                continue
            try:
                calendar.is_working_day(value)
            except CalendarError as exc:
                raise CalendarError(
                    f"deadline '{dl.id}': {exc}", exc.code, {**exc.params, "deadline": dl.id}
                ) from exc
            computed[dl.id] = value
            known.setdefault(dl.id, value)
            progress = True
        pending = rest
    for dl in pending:
        base_name = dl.after or dl.before or dl.anchor
        rows[dl.id] = DeadlineRow(dl, None, base_name, None)
    for dl in reg.deadlines:
        if dl.id in computed:
            actual = given.get(dl.governs) if dl.governs else None
            rows[dl.id] = DeadlineRow(dl, computed[dl.id], None, actual)
    ordered = [rows[d.id] for d in reg.deadlines]
    return known, ordered
