"""Valid personal identifiers for scenario data: СНИЛС and ИИН with their check digits (pure)."""

from __future__ import annotations

import datetime as dt

from rezerv.selection.identifiers import format_snils, iin_valid, snils_check_number


def snils(n: int) -> str:
    """A valid СНИЛС, ``XXX-XXX-XXX YY``, of the nine-digit number ``n`` (its check number)."""
    body = f"{n:09d}"
    return format_snils(body + f"{snils_check_number(body):02d}")


def iin(born: dt.date, serial: int, century_sex: int = 3) -> str:
    """A valid ИИН: YYMMDD, the century and sex digit, a 4-digit serial, the check digit (the
    first serial from ``serial`` on that takes one)."""
    for extra in range(100):
        head = f"{born:%y%m%d}{century_sex}{(serial + extra) % 10000:04d}"
        for check in range(10):
            if iin_valid(head + str(check)):
                return head + str(check)
    raise ValueError(f"no valid ИИН near serial {serial} for {born}")
