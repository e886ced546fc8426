"""The desk's regulation pages (issue 9): the list of codes and versions, the upload of a file
checked as ``rezerv validate`` checks it, the preview against the version in force, and the
activation with the day it comes into force."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from rezerv.selection import regulations, services
from rezerv.selection.models import RegulationVersion
from rezerv.web.regulation_forms import RegulationActivateForm, RegulationUploadForm

PERMISSION = "selection.manage_regulations"
_LINE_KINDS = {"+": "add", "-": "del", "@": "hunk"}


def _check(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


@login_required
def desk_regulations(request: HttpRequest) -> HttpResponse:
    _check(request)
    regulations.bundled_stored()
    today = timezone.localdate()
    return render(
        request,
        "web/desk_regulations.html",
        {"codes": regulations.regulation_overview(today), "today": today},
    )


@login_required
def desk_regulation_upload(request: HttpRequest) -> HttpResponse:
    _check(request)
    form = RegulationUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            upload = regulations.regulation_upload(
                actor=request.user, raw=data["raw"], filename=data["filename"]
            )
        except regulations.RegulationInvalid as exc:
            where = exc.field or data["where"]
            for message in exc.messages:
                form.add_error(where, message)
        else:
            version = upload.version
            if not upload.created:
                messages.info(
                    request,
                    gettext(
                        "Этот текст уже загружен: это та же редакция «%(version)s» регламента "
                        "%(code)s, новая версия не создана."
                    )
                    % {"version": version.version, "code": version.code},
                )
            return redirect("desk_regulation_version", pk=version.pk)
    return render(request, "web/desk_regulation_upload.html", {"form": form})


@login_required
def desk_regulation_version(request: HttpRequest, pk: int) -> HttpResponse:
    _check(request)
    version = get_object_or_404(RegulationVersion, pk=pk)
    today = timezone.localdate()
    in_force = regulations.regulation_in_force(version.code, today)
    form = RegulationActivateForm(request.POST or None)
    if request.method == "POST" and version.effective_from is None and form.is_valid():
        day = form.cleaned_data["effective_from"]
        try:
            regulations.regulation_activate(
                actor=request.user, version=version, effective_from=day, today=today
            )
        except services.ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                gettext("Редакция «%(version)s» регламента %(code)s вступает в силу с %(day)s.")
                % {
                    "version": version.version,
                    "code": version.code,
                    "day": day.strftime("%d.%m.%Y"),
                },
            )
            return redirect("desk_regulations")
    compared = in_force if in_force is not None and in_force.pk != version.pk else None
    diff = regulations.regulation_diff(compared, version)
    return render(
        request,
        "web/desk_regulation_version.html",
        {
            "version": version,
            "in_force": in_force,
            "compared": compared,
            "diff_lines": _diff_lines(diff),
            "changes": regulations.regulation_changes(
                compared.load().regulation if compared else None, version.load().regulation
            ),
            "form": form if version.effective_from is None else None,
            "state": regulations.version_state(version, in_force, today),
        },
    )


def _diff_lines(diff: str) -> list[tuple[str, str]]:
    """Each line of the diff with its class; the two header lines read as the hunks do."""
    lines = diff.splitlines()
    return [
        ("hunk" if i < 2 else _LINE_KINDS.get(line[:1], ""), line) for i, line in enumerate(lines)
    ]
