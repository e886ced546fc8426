"""Dates and numbers in each language's conventions, from the CLDR data of Babel (no month
tables of our own): 20.09.2026 and «20 сентября 2026 г.» in Russian, 20.09.2026 and «2026 ж.
20 қыркүйек» in Kazakh, 9/20/2026 and «September 20, 2026» in English.

Pure Python, no Django, like ``rezerv.wording``: the caller passes the language (the web pages
Django's active one).  An unknown language is Russian, the interface's first language.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_date_format
from babel.numbers import get_decimal_symbol

__all__ = ["as_date", "long_date", "month_day", "number", "numeric_date"]

DEFAULT = "ru"


def _locale(language: str | None) -> Locale:
    code = (language or DEFAULT).replace("-", "_")
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT)


def _plain(text: str) -> str:
    # CLDR puts a narrow no-break space before «г.»/«ж.»: an ordinary no-break space reads
    # the same and every font has it
    return text.replace("\u202f", "\u00a0")


def as_date(value: Any) -> dt.date | None:
    """A date from a date, a datetime or an ISO string; None for none or for text that is no
    date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def numeric_date(day: dt.date, language: str | None) -> str:
    """The language's short date with the year in full: 20.09.2026, 9/20/2026."""
    locale = _locale(language)
    pattern = get_date_format("short", locale=locale).pattern
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "y")
    return format_date(day, pattern, locale=locale)


def long_date(day: dt.date, language: str | None) -> str:
    """The language's long date: 20 сентября 2026 г., 2026 ж. 20 қыркүйек, September 20, 2026."""
    return _plain(format_date(day, "long", locale=_locale(language)))


def month_day(day: dt.date, language: str | None) -> str:
    """The day and the month, as a sentence names them: «20 сентября», «20 қыркүйек»."""
    locale = _locale(language)
    skeleton = locale.datetime_skeletons.get("MMMMd")
    if skeleton is None:
        return format_date(day, "d MMMM", locale=locale)
    return _plain(format_date(day, skeleton.pattern, locale=locale))


def number(value: Any, language: str | None) -> str:
    """A number as written (its decimal places kept) with the language's decimal sign:
    43,17 in Russian and Kazakh, 43.17 in English; empty for none."""
    if value is None or value == "":
        return ""
    text = str(value) if not isinstance(value, float) else str(Decimal(str(value)))
    return text.replace(".", get_decimal_symbol(_locale(language)))
