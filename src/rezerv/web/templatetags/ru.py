"""Russian document style for numbers and dates in templates: 43,17 and 20.04.2026."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

register = template.Library()


@register.filter
def ru_num(value: Any) -> str:
    """A decimal string or number with a decimal comma; empty for None."""
    if value is None or value == "":
        return ""
    return str(value).replace(".", ",")


@register.filter
def ru_date(value: Any) -> str:
    """An ISO date (string or date) as DD.MM.YYYY; other values unchanged."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).strftime("%d.%m.%Y")
        except ValueError:
            return value
    return "" if value is None else str(value)
