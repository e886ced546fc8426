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
from django.utils.translation import gettext_lazy as _

from rezerv.selection import activations, regulations, services
from rezerv.selection.models import RegulationVersion
from rezerv.web.regulation_forms import (
    RegulationActivateForm,
    RegulationRescheduleForm,
    RegulationUploadForm,
    RegulationWithdrawForm,
)

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


_DONE = {
    "activate": _("Редакция «%(version)s» регламента %(code)s вступает в силу с %(day)s."),
    "reschedule": _("Редакция «%(version)s» регламента %(code)s теперь вступает в силу с %(day)s."),
    "withdraw": _(
        "Введение в действие редакции «%(version)s» регламента %(code)s с %(day)s отменено."
    ),
}


@login_required
def desk_regulation_version(request: HttpRequest, pk: int) -> HttpResponse:
    """A version: its state, its activations, the difference to the version in force, and the
    forms its state allows — put it in force (an uploaded or an earlier version), or move or
    withdraw a day still to come."""
    _check(request)
    version = get_object_or_404(RegulationVersion, pk=pk)
    today = timezone.localdate()
    in_force = regulations.regulation_in_force(version.code, today)
    state = regulations.version_state(version, in_force, today)
    waiting = activations.scheduled_activation(version, today)
    action = request.POST.get("action", "activate") if request.method == "POST" else None
    forms = {
        "activate": RegulationActivateForm(request.POST if action == "activate" else None),
        "reschedule": RegulationRescheduleForm(
            request.POST if action == "reschedule" else None,
            prefix="move",
            initial={"effective_from": waiting.effective_from if waiting else None},
        ),
        "withdraw": RegulationWithdrawForm(
            request.POST if action == "withdraw" else None, prefix="withdraw"
        ),
    }
    allowed = {"activate"} if state in ("pending", "replaced") else set()
    if waiting is not None:
        allowed = {"reschedule", "withdraw"}
    if action in allowed and forms[action].is_valid():
        form = forms[action]
        data = form.cleaned_data
        try:
            if action == "activate":
                activation = regulations.regulation_activate(
                    actor=request.user,
                    version=version,
                    effective_from=data["effective_from"],
                    today=today,
                )
            elif action == "reschedule":
                assert waiting is not None
                activation = regulations.regulation_reschedule(
                    actor=request.user,
                    activation=waiting,
                    effective_from=data["effective_from"],
                    reason=data["reason"],
                    today=today,
                )
            else:
                assert waiting is not None
                activation = regulations.regulation_withdraw(
                    actor=request.user, activation=waiting, reason=data["reason"], today=today
                )
        except services.ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                str(_DONE[action])
                % {
                    "version": version.version,
                    "code": version.code,
                    "day": activation.effective_from.strftime("%d.%m.%Y"),
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
                compared.shown() if compared else None, version.shown()
            ),
            "forms": {name: form for name, form in forms.items() if name in allowed},
            "state": state,
            "day": activations.version_day(version, state, today),
            "history": version.activations.select_related("activated_by", "withdrawn_by"),
        },
    )


def _diff_lines(diff: str) -> list[tuple[str, str]]:
    """Each line of the diff with its class; the two header lines read as the hunks do."""
    lines = diff.splitlines()
    return [
        ("hunk" if i < 2 else _LINE_KINDS.get(line[:1], ""), line) for i, line in enumerate(lines)
    ]
