"""XLSX export of the reserve registry as filtered on its page (issue 10), stamped with the
export time and user like the campaign's exports (``export.stamp_text``), in the audit log as
``export.registry``.  The file name carries the time only, never personal data."""

from __future__ import annotations

import datetime as dt
import tempfile
from itertools import islice
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from rezerv.selection import reserve_registry, services
from rezerv.selection.reserve_filters import RegistryFilterForm
from rezerv.selection.reserve_registry import EXCLUDED, RegistryFilter
from rezerv.spreadsheets.export import (
    DATE_FORMAT,
    HEADER_ROW,
    SCORE_FORMAT,
    STAMP_ROW,
    TITLE_ROW,
    local_naive,
    row_value,
    stamp_text,
    write_only_cell,
    xlsx_file,
)

TITLE = "Реестр кадрового резерва"
CHUNK = 1000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS: list[tuple[str, int, str | None]] = [
    ("№", 6, None),
    ("Фамилия, имя, отчество", 36, None),
    ("Уровень резерва", 22, None),
    ("Должность", 30, None),
    ("Группа должностей", 30, None),
    ("Кампания", 40, None),
    ("Вид отбора", 30, None),
    ("Регламент", 10, None),
    ("Орган", 36, None),
    ("Рейтинговый балл", 12, SCORE_FORMAT),
    ("Включён", 14, DATE_FORMAT),
    ("Срок до", 14, DATE_FORMAT),
    ("Исключён", 14, DATE_FORMAT),
    ("Основание исключения", 40, None),
]


def _cell(ws: Any, value: Any, *, font: Font | None = None, fmt: str | None = None) -> Any:
    cell = write_only_cell(ws, value)
    if font is not None:
        cell.font = font
    if fmt is not None and value is not None:
        cell.number_format = fmt
    return cell


def registry_workbook(
    *, user: Any, flt: RegistryFilter, today: dt.date, now: dt.datetime
) -> tuple[Workbook, int]:
    """The workbook, written row by row (openpyxl's write-only mode: a registry of tens of
    thousands of members is not held as cells in memory)."""
    wb = Workbook(write_only=True)
    props = wb.properties
    props.title = TITLE
    props.creator = user.get_username()
    props.lastModifiedBy = user.get_username()
    props.created = timezone.make_naive(now, dt.UTC).replace(microsecond=0)
    props.modified = props.created
    props.description = stamp_text(user, now)
    props.keywords = "rezerv registry"
    ws: Any = wb.create_sheet("Реестр")
    for index, (_header, width, _fmt) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    top = {TITLE_ROW: (TITLE, Font(bold=True, size=14)), STAMP_ROW: (stamp_text(user, now), None)}
    for number in range(1, HEADER_ROW):
        text, font = top.get(number, (None, None))
        ws.append([_cell(ws, text, font=font or Font(italic=True))] if text else [])
    bold = Font(bold=True)
    ws.append([_cell(ws, header, font=bold) for header, _w, _f in COLUMNS])
    entries = reserve_registry.registry_entries(user, flt, today)
    count = 0
    stream = entries.iterator(chunk_size=CHUNK)  # one query, read in chunks
    while batch := list(islice(stream, CHUNK)):
        for row in reserve_registry.registry_rows(batch):
            count += 1
            values: list[Any] = [
                count,
                row.name,
                row.level,
                row.position,
                row.group,
                row.campaign,
                row.kind,
                row.code,
                row.body,
                row.score,
                row.included_on,
                row.term_end,
                row.excluded_on,
                row.ground if row.status == EXCLUDED else None,
            ]
            ws.append(
                [
                    _cell(ws, value, fmt=fmt) if fmt else row_value(ws, value)
                    for value, (_h, _w, fmt) in zip(values, COLUMNS, strict=True)
                ]
            )
    last = get_column_letter(len(COLUMNS))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + count}"
    return wb, count


@login_required
def reserve_export(request: HttpRequest) -> FileResponse:
    if not request.user.has_perm("selection.view_reserve"):
        raise PermissionDenied
    today = timezone.localdate()
    form = RegistryFilterForm(
        request.GET or None, choices=reserve_registry.filter_choices(request.user)
    )
    if form.is_bound:
        form.is_valid()
    now = timezone.now()
    wb, rows = registry_workbook(
        user=request.user, flt=form.registry_filter(), today=today, now=now
    )
    out = tempfile.TemporaryFile(prefix="rezerv-registry-")  # noqa: SIM115 (the response closes it)
    try:
        wb.save(out)
        services.audit(
            actor=request.user,
            action="export.registry",
            obj=request.user,
            changes={"rows": rows, "filters": request.GET.urlencode()},
        )
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return xlsx_file(out, f"registry-{local_naive(now):%Y%m%d-%H%M%S}.xlsx")
