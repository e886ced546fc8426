"""XLSX export of the reserve's efficiency indicators (BR-23) as on their page: each indicator
for 1, 2 and 3 years with its part, total, share and band, and the yearly counts; stamped with
the export time and user, in the audit log as ``export.efficiency``."""

from __future__ import annotations

import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from rezerv.selection import services
from rezerv.selection.reserve_efficiency import chosen, efficiency_report
from rezerv.spreadsheets.export import local_naive, stamp_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SPANS = (1, 2, 3)


@login_required
def efficiency_export(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("selection.view_reserve"):
        raise PermissionDenied
    code, year = chosen(request)
    if not code:
        raise Http404
    counts, table, _per_year = efficiency_report(request.user, code, year)
    wb = Workbook()
    ws: Any = wb.active
    ws.title = code
    bold = Font(bold=True)
    ws.append([f"Эффективность работы с резервом ({code}, {year})"])
    ws.append([stamp_text(request.user, timezone.now())])
    ws.append([])
    ws.append(["Показатель", "Период, лет", "Часть", "Всего", "Доля, %", "Уровень", "Нормы"])
    for cell in ws[4]:
        cell.font = bold
    for row in table:
        for span, result in zip(SPANS, row.results, strict=False):
            if result is None:
                ws.append([row.title, span, None, None, None, "нет данных", ", ".join(row.rules)])
            else:
                ws.append(
                    [
                        row.title,
                        span,
                        result.part,
                        result.whole,
                        float(result.share),
                        result.level,
                        ", ".join(row.rules),
                    ]
                )
    ws.append([])
    ws.append(["Год", "В резерве", "Назначены", "В проектах", "Вакансий", "Замещено из резерва"])
    for c in counts:
        ws.append([c.year, c.members, c.appointed, c.in_projects, c.vacancies, c.filled])
    buffer = io.BytesIO()
    wb.save(buffer)
    services.audit(
        actor=request.user,
        action="export.efficiency",
        obj=request.user,
        changes={"code": code, "year": year},
    )
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    stamp = local_naive(timezone.now())
    response["Content-Disposition"] = (
        f'attachment; filename="efficiency-{code}-{year}-{stamp:%Y%m%d-%H%M%S}.xlsx"'
    )
    return response
