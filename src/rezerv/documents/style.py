"""Russian document style: «19» сентября 2018 г., 43,17, «за» 5 из 5."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.dates import format_date
from django.utils import timezone


def _as_date(value: Any) -> dt.date | None:
    """The day of ``value``; a moment with a time zone is the day it was where rezerv runs
    (``TIME_ZONE``): an application submitted at 01:30 Moscow time is dated that day, not the
    day before as in UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and len(value) > 10:
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def doc_date(value: Any) -> str:
    """«19» сентября 2018 г. (a date, a datetime or an ISO string); empty for none."""
    day = _as_date(value)
    if day is None:
        return ""
    # the month in the genitive, as CLDR's Russian dates write it («сентября»)
    return f"«{day.day:02d}» {format_date(day, 'MMMM', locale='ru')} {day.year} г."


def short_date(value: Any) -> str:
    """19.09.2018."""
    day = _as_date(value)
    return "" if day is None else day.strftime("%d.%m.%Y")


def num(value: Any) -> str:
    """A decimal string or number with a decimal comma; empty for none."""
    if value is None or value == "":
        return ""
    return str(value).replace(".", ",")


def points_word(n: Any) -> str:
    """балл / балла / баллов for a whole number of points; балла for a fraction (41,50 балла)."""
    try:
        whole = int(str(n))
    except ValueError:
        return "балла"
    if 11 <= whole % 100 <= 14:
        return "баллов"
    return {1: "балл", 2: "балла", 3: "балла", 4: "балла"}.get(whole % 10, "баллов")


def plural(n: int, forms: tuple[str, str, str]) -> str:
    """The Russian plural for ``n``: ``("год", "года", "лет")`` → 1 год, 3 года, 11 лет, 25 лет."""
    if 11 <= n % 100 <= 14:
        return forms[2]
    return {1: forms[0], 2: forms[1], 3: forms[1], 4: forms[1]}.get(n % 10, forms[2])


YEARS = ("год", "года", "лет")


def years_word(value: Any) -> str:
    """The word after a number of years: 1 год, 3 года, 9 лет, 3,5 года; «лет» for no number."""
    try:
        number = Decimal(str(value))
        whole = int(number)
    except (InvalidOperation, ValueError):
        return "лет"
    return plural(whole, YEARS) if number == whole else "года"
