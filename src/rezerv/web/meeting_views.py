"""A meeting moved or cancelled at the desk, each with a reason (``selection.meetings``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from rezerv.selection import eventdates, meetings, policy, services
from rezerv.selection.models import Meeting
from rezerv.selection.states import MeetingStatus


def _parse(post: Any, reg: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """The new date, time and place as entered, with an error per field."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {"place": post.get("place", "").strip(), "time": None}
    try:
        values["date"] = dt.date.fromisoformat(post.get("date", ""))
    except ValueError:
        errors["date"] = gettext("Укажите дату заседания.")
    else:
        problem = eventdates.date_problem(reg, gettext("Дата заседания"), values["date"])
        if problem:
            errors["date"] = problem
    if post.get("time"):
        try:
            values["time"] = dt.time.fromisoformat(post["time"])
        except ValueError:
            errors["time"] = gettext("Укажите время в виде ЧЧ:ММ.")
    return values, errors


@login_required
def desk_meeting_change(request: HttpRequest, pk: int) -> HttpResponse:
    """«Перенести» (new date, time, place; reason) and «Отменить» (reason) of one meeting."""
    meeting = get_object_or_404(Meeting.objects.select_related("campaign", "commission"), pk=pk)
    if not policy.allowed(request.user, "selection.manage_campaign", meeting.campaign):
        raise PermissionDenied
    reg = meeting.campaign.regulation.shown()
    errors: dict[str, str] = {}
    action = request.POST.get("action", "")
    if request.method == "POST" and action in ("reschedule", "cancel"):
        expected = int(request.POST.get("version") or 0) or None
        reason = request.POST.get("reason", "")
        try:
            if action == "reschedule":
                values, errors = _parse(request.POST, reg)
                if not reason.strip():
                    errors.setdefault("reason", gettext("Укажите причину."))
                if not errors:
                    meetings.meeting_reschedule(
                        actor=request.user, meeting=meeting, reason=reason,
                        expected_version=expected, **values,
                    )  # fmt: skip
                    messages.success(request, gettext("Заседание перенесено."))
                    return redirect("desk_meeting", pk=pk)
            else:
                meetings.meeting_cancel(
                    actor=request.user, meeting=meeting, reason=reason, expected_version=expected
                )
                messages.success(request, gettext("Заседание отменено."))
                return redirect("desk_meeting", pk=pk)
        except services.ServiceError as exc:
            errors[f"{action}_{exc.field or 'form'}"] = exc.message
        else:
            errors = {f"reschedule_{k}": v for k, v in errors.items()}
    return render(
        request,
        "web/desk_meeting_change.html",
        {
            "meeting": meeting,
            "campaign": meeting.campaign,
            "cancelled": meeting.status == MeetingStatus.CANCELLED,
            "errors": errors,
            "action": action,
            "post": request.POST,
        },
    )
