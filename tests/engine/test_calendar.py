"""Production calendars and deadline arithmetic, checked against real calendars.

All expected dates come from the official production calendars as the ``holidays``
library (0.109) encodes them: Russian Government decree on the transfer of days off
in 2025 (No. 1335 of 04.10.2024) and in 2026, and the Kazakhstan 2025 calendar.
"""

from __future__ import annotations

import datetime
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rezerv.engine.calendar import (
    CalendarError,
    DayOverride,
    ProductionCalendar,
    offset_date,
)

RU = ProductionCalendar("RU")
KZ = ProductionCalendar("KZ")


# -- Russia 2025 ---------------------------------------------------------------


def test_ru_2025_saturday_november_1_is_a_transferred_working_day() -> None:
    assert date(2025, 11, 1).weekday() == 5  # Saturday
    assert RU.is_working_day(date(2025, 11, 1))


def test_ru_2025_november_3_and_4_are_days_off() -> None:
    assert date(2025, 11, 3).weekday() == 0  # Monday, off in exchange for Saturday 1 Nov
    assert not RU.is_working_day(date(2025, 11, 3))
    assert not RU.is_working_day(date(2025, 11, 4))  # Unity Day
    assert RU.is_working_day(date(2025, 11, 5))


def test_ru_2025_may_days_off() -> None:
    assert not RU.is_working_day(date(2025, 5, 1))  # Spring and Labour Day
    assert not RU.is_working_day(date(2025, 5, 2))  # transferred from Saturday 4 Jan
    assert not RU.is_working_day(date(2025, 5, 8))  # transferred from Sunday 23 Feb
    assert not RU.is_working_day(date(2025, 5, 9))  # Victory Day
    assert RU.is_working_day(date(2025, 5, 5))
    assert RU.is_working_day(date(2025, 5, 7))


def test_ru_ordinary_weekdays_and_weekends() -> None:
    assert RU.is_working_day(date(2025, 9, 10))  # Wednesday
    assert not RU.is_working_day(date(2025, 9, 13))  # Saturday
    assert not RU.is_working_day(date(2025, 9, 14))  # Sunday


def test_ru_new_year_holidays_2025_2026() -> None:
    assert not RU.is_working_day(date(2025, 12, 31))  # transferred from Sunday 5 Jan 2025
    for day in range(1, 12):  # 1-8 Jan holidays, 9 Jan transferred, 10-11 weekend
        assert not RU.is_working_day(date(2026, 1, day)), day
    assert RU.is_working_day(date(2026, 1, 12))


# -- Kazakhstan 2025 -----------------------------------------------------------


def test_kz_2025_nauryz_including_observed_days_is_off() -> None:
    for day in range(21, 26):  # 21-23 Mar Nauryz (22-23 on a weekend), 24-25 observed
        assert not KZ.is_working_day(date(2025, 3, day)), day
    assert KZ.is_working_day(date(2025, 3, 26))


def test_kz_2025_capital_day_observed_and_other_holidays() -> None:
    assert date(2025, 7, 6).weekday() == 6  # Capital Day falls on a Sunday ...
    assert not KZ.is_working_day(date(2025, 7, 7))  # ... so Monday is off
    assert KZ.is_working_day(date(2025, 7, 8))
    assert not KZ.is_working_day(date(2025, 5, 7))  # Defender of the Fatherland Day
    assert not KZ.is_working_day(date(2025, 12, 16))  # Independence Day
    assert not KZ.is_working_day(date(2025, 1, 3))  # transferred from Sunday 5 Jan


def test_kz_2025_sunday_january_5_is_a_transferred_working_day() -> None:
    assert date(2025, 1, 5).weekday() == 6
    assert KZ.is_working_day(date(2025, 1, 5))


def test_kz_cross_year_transfer_2013_is_working_only_in_its_own_year() -> None:
    # Decree for 2014: 3 Jan 2014 off in exchange for Saturday 28 Dec 2013. The
    # library reports that Saturday for every year; it must not leak elsewhere.
    assert KZ.is_working_day(date(2013, 12, 28))
    assert not KZ.is_working_day(date(2014, 1, 3))
    assert not KZ.is_working_day(date(2026, 12, 26))  # an ordinary Saturday


def test_ru_and_kz_differ() -> None:
    assert not RU.is_working_day(date(2025, 11, 4))
    assert KZ.is_working_day(date(2025, 11, 4))
    assert RU.is_working_day(date(2025, 3, 24))
    assert not KZ.is_working_day(date(2025, 3, 24))


# -- working-day arithmetic ----------------------------------------------------


def test_add_working_days_over_russian_new_year_holidays() -> None:
    # After Tue 30 Dec 2025: 31 Dec off (transferred), 1-8 Jan holidays, 9 Jan off
    # (transferred from Sat 3 Jan), 10-11 Jan weekend. Working days then are
    # Mon 12 (1), Tue 13 (2), Wed 14 (3), Thu 15 (4), Fri 16 Jan 2026 (5).
    assert RU.add_working_days(date(2025, 12, 30), 1) == date(2026, 1, 12)
    assert RU.add_working_days(date(2025, 12, 30), 5) == date(2026, 1, 16)
    assert RU.working_days_between(date(2025, 12, 30), date(2026, 1, 16)) == 5
    # Backwards from Mon 12 Jan 2026: the previous working day is Tue 30 Dec 2025.
    assert RU.add_working_days(date(2026, 1, 12), -1) == date(2025, 12, 30)


def test_add_working_days_zero_returns_start_even_on_a_day_off() -> None:
    assert RU.add_working_days(date(2025, 11, 4), 0) == date(2025, 11, 4)


def test_add_working_days_counts_strictly_after_start() -> None:
    # Fri 31 Oct 2025 -> Sat 1 Nov (working) is the 1st, Wed 5 Nov the 2nd.
    assert RU.add_working_days(date(2025, 10, 31), 1) == date(2025, 11, 1)
    assert RU.add_working_days(date(2025, 10, 31), 2) == date(2025, 11, 5)
    # Starting on a day off: Sun 2 Nov -> Wed 5 Nov is the 1st.
    assert RU.add_working_days(date(2025, 11, 2), 1) == date(2025, 11, 5)


def test_next_and_previous_working_day() -> None:
    assert RU.next_working_day(date(2025, 11, 5)) == date(2025, 11, 5)
    assert RU.next_working_day(date(2025, 11, 2)) == date(2025, 11, 5)
    assert RU.previous_working_day(date(2025, 11, 4)) == date(2025, 11, 1)
    assert RU.previous_working_day(date(2026, 1, 11)) == date(2025, 12, 30)


def test_working_days_between() -> None:
    assert RU.working_days_between(date(2025, 11, 5), date(2025, 11, 5)) == 0
    # (Fri 31 Oct, Fri 7 Nov]: Sat 1, Wed 5, Thu 6, Fri 7 Nov.
    assert RU.working_days_between(date(2025, 10, 31), date(2025, 11, 7)) == 4
    # Reverse order counts [end, start) negatively: Fri 31 Oct, Sat 1, Wed 5, Thu 6.
    assert RU.working_days_between(date(2025, 11, 7), date(2025, 10, 31)) == -4


def test_accepts_datetime_values() -> None:
    moment = datetime.datetime(2025, 11, 1, 10, 30)
    assert RU.is_working_day(moment)
    assert RU.add_working_days(moment, 1) == date(2025, 11, 5)


# -- offset_date and rolling ---------------------------------------------------


def test_br14_intake_21_calendar_days() -> None:
    # BR-14: intake lasts 21 calendar days from the announcement.
    assert offset_date(RU, date(2025, 9, 1), 21, "calendar") == date(2025, 9, 22)
    # Announced Mon 13 Oct 2025: the 21st day is Mon 3 Nov (day off), then Tue 4 Nov
    # (Unity Day); by Civil Code art. 193 the term ends on Wed 5 Nov.
    assert offset_date(RU, date(2025, 10, 13), 21, "calendar") == date(2025, 11, 3)
    assert offset_date(RU, date(2025, 10, 13), 21, "calendar", roll="forward") == date(2025, 11, 5)
    # Announced Sun 17 Aug 2025: the 21st day is Sunday 7 Sep -> Monday 8 Sep.
    assert offset_date(RU, date(2025, 8, 17), 21, "calendar") == date(2025, 9, 7)
    assert offset_date(RU, date(2025, 8, 17), 21, "calendar", roll="forward") == date(2025, 9, 8)
    # A working result is not moved.
    assert offset_date(RU, date(2025, 9, 1), 21, "calendar", roll="forward") == date(2025, 9, 22)


def test_calendar_offset_roll_backward() -> None:
    # 21st day Tue 4 Nov 2025 (holiday); previous working day is Saturday 1 Nov.
    assert offset_date(RU, date(2025, 10, 14), 21, "calendar", roll="backward") == date(2025, 11, 1)
    # 21st day Sunday 7 Sep 2025 -> Friday 5 Sep.
    assert offset_date(RU, date(2025, 8, 17), 21, "calendar", roll="backward") == date(2025, 9, 5)


def test_negative_calendar_offset() -> None:
    assert RU.add_calendar_days(date(2025, 1, 10), -10) == date(2024, 12, 31)
    assert offset_date(RU, date(2025, 11, 14), -10, "calendar", roll="backward") == date(
        2025, 11, 1
    )


def test_km14_materials_three_working_days_before_meeting() -> None:
    # KM-14: members get the materials at least 3 working days before the meeting.
    # Meeting Thu 6 Nov 2025: Wed 5 Nov (1), [Tue 4 and Mon 3 off, Sun 2 off],
    # Sat 1 Nov transferred working day (2), Fri 31 Oct (3).
    meeting = date(2025, 11, 6)
    assert offset_date(RU, meeting, -3, "working") == date(2025, 10, 31)
    # An ordinary week: meeting Fri 19 Sep 2025 -> Tue 16 Sep.
    assert offset_date(RU, date(2025, 9, 19), -3, "working") == date(2025, 9, 16)


def test_br3_publication_within_10_working_days() -> None:
    # BR-3: the announcement is published within 10 working days of approval.
    # Approved Mon 28 Apr 2025: Tue 29 (1), Wed 30 Apr (2), [1-4 May off],
    # Mon 5 (3), Tue 6 (4), Wed 7 (5), [8-11 May off], Mon 12 (6), Tue 13 (7),
    # Wed 14 (8), Thu 15 (9), Fri 16 May (10).
    approval = date(2025, 4, 28)
    assert offset_date(RU, approval, 10, "working") == date(2025, 5, 16)
    # Kazakhstan, approved Wed 19 Mar 2025: Thu 20 (1), [21-25 Mar Nauryz off],
    # Wed 26 (2), Thu 27 (3), Fri 28 (4), Mon 31 (5), Tue 1 Apr (6), Wed 2 (7),
    # Thu 3 (8), Fri 4 (9), Mon 7 Apr (10).
    assert offset_date(KZ, date(2025, 3, 19), 10, "working") == date(2025, 4, 7)


def test_working_offset_zero_days_rolls() -> None:
    assert offset_date(RU, date(2025, 11, 4), 0, "working") == date(2025, 11, 4)
    assert offset_date(RU, date(2025, 11, 4), 0, "working", roll="forward") == date(2025, 11, 5)
    assert offset_date(RU, date(2025, 11, 4), 0, "working", roll="backward") == date(2025, 11, 1)


# -- operator overrides --------------------------------------------------------


def test_override_day_off_made_working_changes_arithmetic() -> None:
    # Suppose the operator marks Wed 31 Dec 2025 as a working day.
    cal = ProductionCalendar("RU", [DayOverride(date(2025, 12, 31), True, "works on 31 Dec")])
    assert cal.is_working_day(date(2025, 12, 31))
    assert cal.add_working_days(date(2025, 12, 30), 1) == date(2025, 12, 31)
    assert cal.add_working_days(date(2025, 12, 30), 5) == date(2026, 1, 15)
    assert cal.working_days_between(date(2025, 12, 30), date(2026, 1, 16)) == 6
    # Overriding a weekend day works as well: Sat 13 Sep 2025.
    cal = ProductionCalendar("RU", [DayOverride(date(2025, 9, 13), True)])
    assert offset_date(cal, date(2025, 8, 23), 21, "calendar", roll="forward") == date(2025, 9, 13)
    # The shared calendar is untouched.
    assert not RU.is_working_day(date(2025, 12, 31))


def test_override_working_day_made_day_off_changes_arithmetic() -> None:
    # Suppose Tue 30 Dec 2025 becomes a day off.
    cal = ProductionCalendar("RU", [DayOverride(date(2025, 12, 30), False, "regional day off")])
    assert not cal.is_working_day(date(2025, 12, 30))
    assert cal.add_working_days(date(2025, 12, 29), 1) == date(2026, 1, 12)
    assert offset_date(cal, date(2026, 1, 12), -1, "working") == date(2025, 12, 29)
    # Overrides win over transferred working days too: Sat 1 Nov 2025.
    cal = ProductionCalendar("RU", [DayOverride(date(2025, 11, 1), False)])
    assert offset_date(cal, date(2025, 11, 6), -3, "working") == date(2025, 10, 30)
    assert cal.overrides == (DayOverride(date(2025, 11, 1), False),)


def test_conflicting_overrides_raise() -> None:
    with pytest.raises(CalendarError, match="2025-12-31"):
        ProductionCalendar(
            "RU",
            [DayOverride(date(2025, 12, 31), True), DayOverride(date(2025, 12, 31), False)],
        )


# -- errors --------------------------------------------------------------------


def test_unknown_country_raises() -> None:
    with pytest.raises(CalendarError, match="'XX'"):
        ProductionCalendar("XX")
    with pytest.raises(CalendarError, match="'ru'"):
        ProductionCalendar("ru")


def test_out_of_range_dates_raise_with_the_date_in_the_message() -> None:
    with pytest.raises(CalendarError, match=r"date 2150-01-01 is outside the RU .*1991–2100"):
        RU.is_working_day(date(2150, 1, 1))
    with pytest.raises(CalendarError, match="1990-12-31"):
        KZ.is_working_day(date(1990, 12, 31))
    with pytest.raises(CalendarError, match="1985-06-01"):
        RU.add_working_days(date(1985, 6, 1), 0)
    with pytest.raises(CalendarError, match="2150-01-01"):
        RU.next_working_day(date(2150, 1, 1))
    with pytest.raises(CalendarError, match="2150-01-01"):
        RU.working_days_between(date(2025, 1, 1), date(2150, 1, 1))
    with pytest.raises(CalendarError, match="2150-01-01"):
        ProductionCalendar("RU", [DayOverride(date(2150, 1, 1), True)])
    with pytest.raises(CalendarError, match="year 2150"):
        RU.days_off(2150)


def test_arithmetic_leaving_the_range_raises() -> None:
    with pytest.raises(CalendarError, match="2101-01-"):
        RU.add_calendar_days(date(2100, 12, 31), 1)
    with pytest.raises(CalendarError, match="1990-12-"):
        offset_date(RU, date(1991, 1, 1), -1, "calendar")
    with pytest.raises(CalendarError, match="2101-01-"):
        RU.add_working_days(date(2100, 12, 30), 5)
    with pytest.raises(CalendarError, match="2025-01-01"):
        RU.add_calendar_days(date(2025, 1, 1), 10**9)


def test_calendar_error_is_a_value_error() -> None:
    assert issubclass(CalendarError, ValueError)


# -- property ------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    calendar=st.sampled_from([RU, KZ]),
    start=st.dates(min_value=date(1991, 2, 1), max_value=date(2100, 9, 30)),
    n=st.integers(min_value=0, max_value=60),
)
def test_add_working_days_property(calendar: ProductionCalendar, start: date, n: int) -> None:
    result = calendar.add_working_days(start, n)
    assert calendar.working_days_between(start, result) == n
    if n > 0:
        assert result > start
        assert calendar.is_working_day(result)
        # Going back n working days from the result lands on the last working day
        # on or before the start.
        back = calendar.add_working_days(result, -n)
        assert back == calendar.previous_working_day(start)
        assert calendar.working_days_between(result, back) == -n
    else:
        assert result == start
