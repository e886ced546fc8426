"""The spreadsheets page of a campaign (HR officers and administrators of the campaign only).

Downloads: the rating, the reserve list and the ballot matrix (XLSX), and a blank template per
import kind. Upload: a file is first checked (dry run) and its report shown; a clean file is kept
in the site's file storage under a random name (rezerv.spreadsheets.pending; never the user's file
name) until the officer confirms the import or cancels it, on whichever app server. Only the
session knows the name; URLs carry the campaign's UUID only.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from rezerv.selection.in_force import decisions_in_force, reserve_in_force
from rezerv.selection.models import Ballot, Campaign
from rezerv.spreadsheets import pending
from rezerv.spreadsheets.columns import KIND_TITLES, KINDS, layout_for
from rezerv.spreadsheets.export import (
    EXPORT_KINDS,
    EXPORT_TITLES,
    NothingToExport,
    import_template,
    spreadsheet_export_file,
    xlsx_file,
)
from rezerv.spreadsheets.forms import UploadForm
from rezerv.spreadsheets.importer import Report, spreadsheet_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PENDING = "spreadsheet_import"
SHOWN_PROBLEMS = 500


def _campaign(request: HttpRequest, uid: str) -> Campaign:
    campaign = get_object_or_404(
        Campaign.objects.select_related("regulation", "position", "body"), uid=uid
    )
    if not request.user.has_perm("selection.manage_campaign", campaign):
        raise PermissionDenied
    return campaign


def _discard(request: HttpRequest) -> None:
    pending_import = request.session.pop(PENDING, None)
    if pending_import:
        pending.discard(pending_import["token"])


def _page(
    request: HttpRequest,
    campaign: Campaign,
    form: UploadForm,
    report: Report | None = None,
    status: int = 200,
) -> HttpResponse:
    reg = campaign.regulation.load().regulation
    waiting = request.session.get(PENDING)
    if waiting and waiting.get("campaign") != str(campaign.uid):
        waiting = None
    layouts = [
        {
            "kind": kind,
            "title": KIND_TITLES[kind],
            "columns": (layout := layout_for(kind, reg)).columns,
            "notes": layout.notes,
        }
        for kind in KINDS
    ]
    exports = [
        {
            "kind": "rating",
            "title": EXPORT_TITLES["rating"],
            "available": decisions_in_force(campaign).exists(),
            "note": gettext("по принятому решению"),
        },
        {
            "kind": "reserve",
            "title": EXPORT_TITLES["reserve"],
            "available": True,
            "note": gettext("записей: %(n)s") % {"n": reserve_in_force(campaign).count()},
        },
        {
            "kind": "ballots",
            "title": EXPORT_TITLES["ballots"],
            "available": True,
            "note": gettext("бюллетеней: %(n)s")
            % {"n": Ballot.objects.filter(campaign=campaign).count()},
        },
    ]
    return render(
        request,
        "spreadsheets/sheets.html",
        {
            "campaign": campaign,
            "form": form,
            "report": report,
            "report_lines": report.lines(SHOWN_PROBLEMS) if report is not None else [],
            "pending": waiting,
            "pending_title": KIND_TITLES.get(waiting["kind"], "") if waiting else "",
            "layouts": layouts,
            "exports": exports,
        },
        status=status,
    )


@login_required
def sheets(request: HttpRequest, uid: str) -> HttpResponse:
    campaign = _campaign(request, uid)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _page(request, campaign, form, status=400 if request.method == "POST" else 200)
    upload = form.cleaned_data["file"]
    limit = int(getattr(settings, "REZERV_MAX_IMPORT_BYTES", 50 * 1024 * 1024))
    if (upload.size or 0) > limit:
        form.add_error(
            "file",
            gettext("Файл %(size).1f МБ больше допустимых %(limit).0f МБ.")
            % {"size": (upload.size or 0) / 1048576, "limit": limit / 1048576},
        )
        return _page(request, campaign, form, status=400)
    _discard(request)
    pending.sweep()
    kind = form.cleaned_data["kind"]
    token = pending.store(upload)
    with pending.open_file(token) as source:
        report = spreadsheet_import(
            actor=request.user, campaign=campaign, kind=kind, source=source, dry_run=True
        )
    if report.ok:
        request.session[PENDING] = {
            "token": token,
            "campaign": str(campaign.uid),
            "kind": kind,
            "sha256": report.sha256,
            "rows": report.rows,
        }
    else:
        pending.discard(token)
    return _page(request, campaign, UploadForm(initial={"kind": kind}), report)


@login_required
@require_POST
def sheets_confirm(request: HttpRequest, uid: str) -> HttpResponse:
    campaign = _campaign(request, uid)
    waiting = request.session.get(PENDING)
    if not waiting or waiting.get("campaign") != str(campaign.uid):
        messages.error(request, gettext("Нет проверенного файла: сначала выполните проверку."))
        return redirect("sheets", uid=campaign.uid)
    if "cancel" in request.POST:
        _discard(request)
        messages.info(request, gettext("Загрузка отменена: ничего не записано."))
        return redirect("sheets", uid=campaign.uid)
    token = waiting["token"]
    if not pending.exists(token) or pending.sha256(token) != waiting["sha256"]:
        _discard(request)
        messages.error(request, gettext("Проверенный файл не найден: загрузите его снова."))
        return redirect("sheets", uid=campaign.uid)
    with pending.open_file(token) as source:
        report = spreadsheet_import(
            actor=request.user,
            campaign=campaign,
            kind=waiting["kind"],
            source=source,
            dry_run=False,
        )
    _discard(request)
    if report.imported:
        messages.success(request, report.summary())
        return redirect("sheets", uid=campaign.uid)
    return _page(request, campaign, UploadForm(initial={"kind": waiting["kind"]}), report)


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def sheets_export(request: HttpRequest, uid: str, kind: str) -> HttpResponseBase:
    campaign = _campaign(request, uid)
    if kind not in EXPORT_KINDS:
        raise Http404
    try:
        out, name = spreadsheet_export_file(actor=request.user, campaign=campaign, kind=kind)
    except NothingToExport as exc:
        messages.error(request, str(exc))
        return redirect("sheets", uid=campaign.uid)
    return xlsx_file(out, name)


@login_required
def sheets_template(request: HttpRequest, uid: str, kind: str) -> HttpResponse:
    campaign = _campaign(request, uid)
    if kind not in KINDS:
        raise Http404
    data = import_template(kind=kind, campaign=campaign)
    return _xlsx(data, f"template-{kind}-{campaign.regulation.code.lower()}.xlsx")
