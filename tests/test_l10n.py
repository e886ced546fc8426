"""Dates and numbers in each language's conventions, from CLDR (``rezerv.l10n``): no month
tables of our own; an unknown language is Russian."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from rezerv import l10n

DAY = dt.date(2026, 9, 20)


@pytest.mark.parametrize(
    ("language", "numeric", "long", "month_day"),
    [
        ("ru", "20.09.2026", "20 сентября 2026\u00a0г.", "20 сентября"),
        ("kk", "20.09.2026", "2026\u00a0ж. 20 қыркүйек", "20 қыркүйек"),
        ("en", "9/20/2026", "September 20, 2026", "September 20"),
        ("en-us", "9/20/2026", "September 20, 2026", "September 20"),
        (None, "20.09.2026", "20 сентября 2026\u00a0г.", "20 сентября"),
        ("xx-yy", "20.09.2026", "20 сентября 2026\u00a0г.", "20 сентября"),
    ],
)
def test_dates_in_each_language(
    language: str | None, numeric: str, long: str, month_day: str
) -> None:
    assert l10n.numeric_date(DAY, language) == numeric
    assert l10n.long_date(DAY, language) == long
    assert l10n.month_day(DAY, language) == month_day


def test_numbers_keep_their_places_with_the_languages_decimal_sign() -> None:
    assert l10n.number("43.10", "ru") == "43,10"
    assert l10n.number(Decimal("43.10"), "kk") == "43,10"
    assert l10n.number("43.10", "en") == "43.10"
    assert l10n.number(7, "ru") == "7"
    assert l10n.number(None, "ru") == l10n.number("", "en") == ""


def test_as_date_reads_dates_datetimes_and_iso_text() -> None:
    assert l10n.as_date("2026-09-20") == DAY
    assert l10n.as_date(dt.datetime(2026, 9, 20, 23, 0)) == DAY
    assert l10n.as_date("не дата") is None and l10n.as_date(None) is None
