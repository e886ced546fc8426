"""Production calendars and deadline arithmetic.

A production calendar says which days are working days. It is built from the
``holidays`` library, which encodes the official calendars of the countries it knows (Russia
and Kazakhstan for the bundled regulations; any other country it supports for a regulation of
that country):

* the country's weekend days (Saturday and Sunday in Russia and Kazakhstan) are days off;
* public holidays, their observed (carried-over) days and days off substituted by
  government decree are days off;
* weekend days that a decree turned into working days (the library's
  ``weekend_workdays``) are working days;
* operator overrides (:class:`DayOverride`) win over everything above.

Only the years the library covers for the country are supported; any date outside
them raises :class:`CalendarError`, so a deadline is never computed from a guess.

Per-year sets of days off are computed lazily and cached, so
:meth:`ProductionCalendar.is_working_day` is a dictionary plus a set lookup.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import holidays

__all__ = [
    "SUPPORTED_COUNTRIES",
    "CalendarError",
    "DayOverride",
    "DayUnit",
    "ProductionCalendar",
    "Roll",
    "offset_date",
]

# Every country the ``holidays`` library has a calendar for (ISO 3166-1 alpha-2 codes).
SUPPORTED_COUNTRIES: frozenset[str] = frozenset(holidays.list_supported_countries())

DayUnit = Literal["calendar", "working"]
Roll = Literal["none", "forward", "backward"]

_ONE_DAY = datetime.timedelta(days=1)


class CalendarError(ValueError):
    """A date or country the production calendar cannot answer for: the English message, and
    a ``code`` with ``params`` for the application to word (``rezerv.engine.errors``)."""

    def __init__(
        self, message: str, code: str = "calendar_error", params: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.params: dict[str, Any] = dict(params or {})


@dataclass(frozen=True)
class DayOverride:
    """An operator correction of the production calendar for one day.

    ``working=True`` makes the day a working day (e.g. a transferred working Saturday
    the library does not know yet); ``working=False`` makes it a day off.
    """

    day: datetime.date
    working: bool
    note: str = ""


def _as_date(value: datetime.date) -> datetime.date:
    """Normalise a ``datetime`` to its date; reject anything that is not a date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise TypeError(f"expected a datetime.date, got {type(value).__name__}: {value!r}")


class ProductionCalendar:
    """Working days of one country, with operator overrides."""

    country: str

    def __init__(self, country: str, overrides: Sequence[DayOverride] = ()) -> None:
        if country not in SUPPORTED_COUNTRIES:
            supported = ", ".join(sorted(SUPPORTED_COUNTRIES))
            raise CalendarError(
                f"unknown country {country!r} for a production calendar (supported: {supported})",
                "unknown_calendar_country",
                {"country": country, "known": sorted(SUPPORTED_COUNTRIES)},
            )
        self.country = country
        # An object without years is empty and cheap; it only tells the supported range.
        probe = holidays.country_holidays(country)
        self._start_year: int = probe.start_year
        self._end_year: int = probe.end_year
        self._holidays_by_year: dict[int, holidays.HolidayBase] = {}
        self._off_days_by_year: dict[int, frozenset[datetime.date]] = {}

        by_day: dict[datetime.date, DayOverride] = {}
        for override in overrides:
            day = _as_date(override.day)
            self._check_in_range(day)
            previous = by_day.get(day)
            if previous is not None and previous.working != override.working:
                raise CalendarError(
                    f"conflicting overrides for date {day.isoformat()}: "
                    f"both a working day and a day off",
                    "conflicting_overrides",
                    {"date": day.isoformat()},
                )
            by_day[day] = override
        self._overrides: dict[datetime.date, DayOverride] = by_day

    def __repr__(self) -> str:
        return f"ProductionCalendar({self.country!r}, overrides={len(self._overrides)})"

    # -- range -----------------------------------------------------------------

    @property
    def start_year(self) -> int:
        """First year of the supported range."""
        return self._start_year

    @property
    def end_year(self) -> int:
        """Last year of the supported range (inclusive)."""
        return self._end_year

    @property
    def overrides(self) -> tuple[DayOverride, ...]:
        """The operator overrides, ordered by day."""
        return tuple(self._overrides[day] for day in sorted(self._overrides))

    def _range_error(self, day: datetime.date) -> CalendarError:
        return CalendarError(
            f"date {day.isoformat()} is outside the {self.country} production calendar "
            f"({self._start_year}–{self._end_year})",
            "date_outside_calendar",
            self._range(date=day.isoformat()),
        )

    def _range(self, **params: Any) -> dict[str, Any]:
        return {**params, "country": self.country, "start": self._start_year, "end": self._end_year}

    def _check_in_range(self, day: datetime.date) -> None:
        if not self._start_year <= day.year <= self._end_year:
            raise self._range_error(day)

    # -- per-year cache --------------------------------------------------------

    def _holidays_for(self, year: int) -> holidays.HolidayBase:
        cached = self._holidays_by_year.get(year)
        if cached is None:
            cached = holidays.country_holidays(self.country, years=year)
            self._holidays_by_year[year] = cached
        return cached

    def _build_year(self, day: datetime.date) -> frozenset[datetime.date]:
        """Compute (and cache) the days off of ``day.year``; range-checks ``day``."""
        self._check_in_range(day)
        year = day.year
        current = self._holidays_for(year)
        public_holidays = {d for d in current if d.year == year}

        # ``weekend_workdays`` accumulates across the years an object was populated
        # for, and a decree of one year may transfer a weekend day of a neighbouring
        # year (KZ: 2014-01-03 off for Saturday 2013-12-28), so look at the
        # neighbours too and keep only this year's dates.
        extra_working: set[datetime.date] = set()
        for neighbour in (year - 1, year, year + 1):
            if self._start_year <= neighbour <= self._end_year:
                for d in self._holidays_for(neighbour).weekend_workdays:
                    if d.year == year:
                        extra_working.add(d)
        extra_working -= public_holidays

        weekend = frozenset(current.weekend)
        off: set[datetime.date] = set(public_holidays)
        d = datetime.date(year, 1, 1)
        while d.year == year:
            if d.weekday() in weekend and d not in extra_working:
                off.add(d)
            d += _ONE_DAY

        for override_day, override in self._overrides.items():
            if override_day.year == year:
                if override.working:
                    off.discard(override_day)
                else:
                    off.add(override_day)

        result = frozenset(off)
        self._off_days_by_year[year] = result
        return result

    def _is_working(self, day: datetime.date) -> bool:
        off = self._off_days_by_year.get(day.year)
        if off is None:
            off = self._build_year(day)
        return day not in off

    # -- public API ------------------------------------------------------------

    def is_working_day(self, day: datetime.date) -> bool:
        """True if ``day`` is a working day."""
        if type(day) is not datetime.date:
            day = _as_date(day)
        return self._is_working(day)

    def days_off(self, year: int) -> frozenset[datetime.date]:
        """All days off of ``year`` (weekends, holidays, overrides applied)."""
        off = self._off_days_by_year.get(year)
        if off is None:
            if not self._start_year <= year <= self._end_year:
                raise CalendarError(
                    f"year {year} is outside the {self.country} production calendar "
                    f"({self._start_year}–{self._end_year})",
                    "year_outside_calendar",
                    self._range(year=year),
                )
            off = self._build_year(datetime.date(year, 1, 1))
        return off

    def add_calendar_days(self, start: datetime.date, days: int) -> datetime.date:
        """``start`` plus ``days`` calendar days (may be negative); both ends range-checked."""
        start = _as_date(start)
        self._check_in_range(start)
        try:
            result = start + datetime.timedelta(days=days)
        except OverflowError:
            raise CalendarError(
                f"date {start.isoformat()} plus {days} days is outside the "
                f"{self.country} production calendar ({self._start_year}–{self._end_year})",
                "days_outside_calendar",
                self._range(date=start.isoformat(), days=days),
            ) from None
        self._check_in_range(result)
        return result

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The ``days``-th working day strictly after ``start`` (strictly before if negative).

        ``days == 0`` returns ``start`` itself, working day or not.
        """
        start = _as_date(start)
        self._check_in_range(start)
        step = _ONE_DAY if days > 0 else -_ONE_DAY
        remaining = abs(days)
        day = start
        while remaining:
            day += step
            if self._is_working(day):
                remaining -= 1
        return day

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """``day`` itself if it is a working day, else the next working day."""
        day = _as_date(day)
        while not self._is_working(day):
            day += _ONE_DAY
        return day

    def previous_working_day(self, day: datetime.date) -> datetime.date:
        """``day`` itself if it is a working day, else the previous working day."""
        day = _as_date(day)
        while not self._is_working(day):
            day -= _ONE_DAY
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Number of working days in ``(start, end]``.

        If ``end`` is before ``start`` the result is minus the number of working days in
        ``[end, start)``, so that for every ``n``::

            working_days_between(d, add_working_days(d, n)) == n
        """
        start = _as_date(start)
        end = _as_date(end)
        self._check_in_range(start)
        self._check_in_range(end)
        if end >= start:
            first, last, sign = start + _ONE_DAY, end, 1
        else:
            first, last, sign = end, start - _ONE_DAY, -1
        count = 0
        day = first
        while day <= last:
            if self._is_working(day):
                count += 1
            day += _ONE_DAY
        return sign * count


def offset_date(
    calendar: ProductionCalendar,
    base: datetime.date,
    days: int,
    unit: DayUnit,
    roll: Roll = "none",
) -> datetime.date:
    """``base`` + ``days`` in ``unit``; then roll a non-working result if asked.

    With ``roll="forward"`` a result on a day off moves to the next working day
    (Russian Civil Code art. 193: a term ending on a day off ends on the next working
    day); ``roll="backward"`` moves it to the previous working day (e.g. "no later
    than"); ``roll="none"`` keeps it. A ``"working"`` offset with ``days != 0`` always
    lands on a working day, so rolling only matters for it when ``days == 0``.
    """
    if unit == "calendar":
        result = calendar.add_calendar_days(base, days)
    elif unit == "working":
        result = calendar.add_working_days(base, days)
    else:
        raise ValueError(f"unknown day unit {unit!r} (expected 'calendar' or 'working')")

    if roll == "none":
        return result
    if roll == "forward":
        return calendar.next_working_day(result)
    if roll == "backward":
        return calendar.previous_working_day(result)
    raise ValueError(f"unknown roll {roll!r} (expected 'none', 'forward' or 'backward')")
