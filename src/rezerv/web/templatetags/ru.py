"""Numbers and dates in templates in the active language's conventions (``rezerv.l10n``, from
CLDR): 43,17 and 20.04.2026 in Russian and Kazakh, 43.17 and 4/20/2026 in English.  The names
are the ones the templates have always used."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.translation import get_language

from rezerv import l10n

register = template.Library()


@register.filter
def ru_num(value: Any) -> str:
    """A decimal string or number with the language's decimal sign; empty for None."""
    return l10n.number(value, get_language())


@register.filter
def ru_date(value: Any) -> str:
    """A date (a date, a datetime or an ISO string) as the language writes it in figures
    (DD.MM.YYYY in Russian); other values unchanged."""
    day = l10n.as_date(value) if isinstance(value, (dt.date, str)) else None
    if day is not None:
        return l10n.numeric_date(day, get_language())
    return "" if value is None else str(value)


@register.filter
def long_date(value: Any) -> str:
    """A date in words: «20 сентября 2026 г.», «2026 ж. 20 қыркүйек», «April 20, 2026»."""
    day = l10n.as_date(value) if isinstance(value, (dt.date, str)) else None
    if day is not None:
        return l10n.long_date(day, get_language())
    return "" if value is None else str(value)
