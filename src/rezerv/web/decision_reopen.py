"""Reopening a decision in force for correction (issue 13): the HR officer of the campaign gives
the ground; the stage's inputs are open again until the next decision supersedes this one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from rezerv.selection import services
from rezerv.selection.decisions import decision_reopen
from rezerv.selection.models import Decision
from rezerv.web.reauth import require_recent_password


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Основание возобновления"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Что нужно исправить и почему (например, ошибка в результате теста). Решение "
            "действует, пока новое решение его не заменит."
        ),
    )


def can_reopen(user: object, decision: Decision) -> bool:
    return (
        decision.superseded_at is None
        and decision.reopened_at is None
        and bool(user.has_perm("selection.manage_campaign", decision.campaign))  # type: ignore[attr-defined]
    )


@login_required
@require_POST
def desk_decision_reopen(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    decision = get_object_or_404(
        Decision.objects.select_related("campaign").defer("inputs", "result"),
        pk=pk,
        campaign__uid=uid,
    )
    if not request.user.has_perm("selection.manage_campaign", decision.campaign):
        raise PermissionDenied
    back = f"{reverse('desk_decision', args=[uid])}?d={decision.pk}"
    refused = require_recent_password(request, back=back)  # a decision's force changes (issue 13)
    if refused is not None:
        return refused
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            decision_reopen(
                actor=request.user, decision=decision, reason=form.cleaned_data["reason"]
            )
        except services.ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                gettext(
                    "Этап возобновлён для исправления: данные этапа можно изменить; затем "
                    "примите новое решение."
                ),
            )
            return redirect(back)
    return render(
        request,
        "web/decision_reopen.html",
        {"form": form, "decision": decision, "campaign": decision.campaign, "back": back},
        status=400,
    )
