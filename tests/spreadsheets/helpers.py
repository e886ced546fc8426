"""Files for the import tests, written the way a spreadsheet program would write them."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from rezerv.spreadsheets.columns import format_snils, iin_valid

KM_APPLICATION_HEADERS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "СНИЛС",
    "Порядок участия",
    "Дата подачи",
    "Согласие на обработку ПД",
    "Владею государственным языком Российской Федерации (русским языком)",
    "Являюсь военнообязанным",
    "Соответствие квалификационным требованиям (проверка кадровой службы)",
]


def snils(n: int) -> str:
    """A valid СНИЛС built from a 9-digit number (its check number computed)."""
    body = f"{n:09d}"
    total = sum(int(c) * (9 - i) for i, c in enumerate(body))
    if total > 101:
        total %= 101
    check = 0 if total in (100, 101) else total
    return format_snils(body + f"{check:02d}")


def iin(born: dt.date, serial: int, century_sex: int = 3) -> str:
    """A valid ИИН: YYMMDD, the century/sex digit, a 4-digit serial, the check digit."""
    for extra in range(100):
        head = f"{born:%y%m%d}{century_sex}{(serial + extra) % 10000:04d}"
        for check in range(10):
            if iin_valid(head + str(check)):
                return head + str(check)
    raise AssertionError("no valid ИИН")


def xlsx(path: Path, rows: list[list[Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def csv_file(
    path: Path, rows: list[list[Any]], *, encoding: str = "utf-8", delimiter: str = ";"
) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def km_row(
    last: str,
    first: str,
    patronymic: str,
    born: Any,
    snils_value: str,
    submitted: Any,
    *,
    route: str = "default",
    consent: str = "да",
    russian: str = "да",
    military: str = "нет",
    qualified: str = "да",
) -> list[Any]:
    return [
        last,
        first,
        patronymic,
        born,
        snils_value,
        route,
        submitted,
        consent,
        russian,
        military,
        qualified,
    ]


def open_xlsx(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))
