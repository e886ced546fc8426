"""Files for the import tests, written the way a spreadsheet program would write them."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

# valid identifiers for the rows
from rezerv.scenarios.identifiers import iin as iin
from rezerv.scenarios.identifiers import snils as snils

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
