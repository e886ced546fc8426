"""Charts of the reserve on the desk (issue 10): the funnel of a campaign and the composition of
the reserve by level and body, each drawn by pygal (inline SVG) with its figures as a table.
HR of a body (their campaigns and members) and administrators."""

from __future__ import annotations

import pygal
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from rezerv.selection.reserve_analytics import (
    Composition,
    FunnelStep,
    composition,
    funnel,
    funnel_campaigns,
)


def _style() -> dict[str, object]:
    return {
        "height": 360,
        "width": 800,
        "disable_xml_declaration": True,
        "explicit_size": False,
        "legend_at_bottom": True,
    }


def funnel_svg(steps: list[FunnelStep]) -> str:
    chart = pygal.HorizontalBar(**_style(), show_legend=False, title=gettext("Воронка отбора"))
    chart.x_labels = [s.title for s in reversed(steps)]
    chart.add(gettext("Человек"), [s.count for s in reversed(steps)])
    return str(chart.render(is_unicode=True))


def composition_svg(data: Composition) -> str:
    chart = pygal.StackedBar(**_style(), title=gettext("Состав резерва по уровням и органам"))
    chart.x_labels = data.bodies
    for level in data.levels:
        chart.add(level, [data.counts[level].get(body, 0) for body in data.bodies])
    return str(chart.render(is_unicode=True))


@login_required
def desk_reserve_analytics(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("selection.view_reserve"):
        raise PermissionDenied
    today = timezone.localdate()
    campaigns = funnel_campaigns(request.user)
    chosen = next((c for c in campaigns if str(c.uid) == request.GET.get("campaign")), None)
    if chosen is None and campaigns:
        chosen = campaigns[0]
    steps = funnel(chosen) if chosen is not None else []
    data = composition(request.user, today)
    rows = [(level, [data.counts[level].get(b, 0) for b in data.bodies]) for level in data.levels]
    return render(
        request,
        "web/reserve_analytics.html",
        {
            "campaigns": campaigns,
            "chosen": chosen,
            "steps": steps,
            "funnel_chart": mark_safe(funnel_svg(steps)) if steps else "",
            "composition": data,
            "composition_rows": rows,
            "composition_chart": mark_safe(composition_svg(data)) if data.total else "",
            "today": today,
        },
    )
