"""The efficiency of the work with the reserve (BR-23): the three indicators of the last year
and cumulatively over 2 and 3 years with their bands, as a table, an XLSX file and a chart of
each year's shares (pygal, inline SVG).  HR of a body and administrators; audited."""

from __future__ import annotations

import pygal
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from rezerv.engine.reserve_use import IndicatorRow, YearCounts
from rezerv.selection import services
from rezerv.selection.reserve_efficiency import chosen, codes_with_efficiency, efficiency_report

SPANS = (1, 2, 3)


def chart_svg(per_year: list[tuple[int, list[IndicatorRow]]]) -> str:
    """Each indicator's share per year as lines (a year without data is a gap)."""
    chart = pygal.Line(
        height=320,
        width=800,
        range=(0, 100),
        show_legend=True,
        legend_at_bottom=True,
        disable_xml_declaration=True,
        explicit_size=False,
        title=gettext("Показатели эффективности по годам, %"),
    )
    chart.x_labels = [str(year) for year, _rows in per_year]
    titles: dict[str, str] = {}
    values: dict[str, list[float | None]] = {}
    for _, rows in per_year:
        for row in rows:
            titles.setdefault(row.indicator, row.title)
            result = row.results[0]
            values.setdefault(row.indicator, []).append(
                float(result.share) if result is not None else None
            )
    for key, series in values.items():
        chart.add(titles[key], series)
    return str(chart.render(is_unicode=True))


@login_required
def desk_reserve_efficiency(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("selection.view_reserve"):
        raise PermissionDenied
    code, year = chosen(request)
    counts: list[YearCounts] = []
    table: list[IndicatorRow] = []
    chart = ""
    if code:
        counts, table, per_year = efficiency_report(request.user, code, year)
        services.audit(
            actor=request.user,
            action="reserve.efficiency_view",
            obj=request.user,
            changes={"code": code, "year": year},
        )
        chart = chart_svg(per_year)
    return render(
        request,
        "web/reserve_efficiency.html",
        {
            "codes": codes_with_efficiency(request.user),
            "code": code,
            "year": year,
            "counts": counts,
            "table": table,
            "spans": SPANS,
            "chart": mark_safe(chart),
        },
    )
