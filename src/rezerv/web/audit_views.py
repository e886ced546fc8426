"""The campaign's audit log: every event, page by page, and the whole log as XLSX."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from rezerv.selection import audit_log
from rezerv.selection.models import Campaign
from rezerv.spreadsheets.export import spreadsheet_export_file, xlsx_file

PER_PAGE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _campaign(request: HttpRequest, uid: str) -> Campaign:
    campaign = get_object_or_404(Campaign.objects.select_related("regulation"), uid=uid)
    if not request.user.has_perm("selection.view_audit", campaign):
        raise PermissionDenied
    return campaign


@login_required
def desk_audit(request: HttpRequest, uid: str) -> HttpResponse:
    campaign = _campaign(request, uid)
    page = Paginator(audit_log.campaign_events(campaign), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "web/audit.html",
        {
            "campaign": campaign,
            "page": page,
            "lines": audit_log.readable(campaign, list(page.object_list)),
        },
    )


@login_required
def desk_audit_export(request: HttpRequest, uid: str) -> FileResponse:
    campaign = _campaign(request, uid)
    out, name = spreadsheet_export_file(actor=request.user, campaign=campaign, kind="audit")
    return xlsx_file(out, name)
