"""The decision of a stage that no commission decides at a meeting (e.g. TP-12: the territorial
unit issues the certificates after the testing): the HR officer forms it from the results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from rezerv.selection import services
from rezerv.web.decision_forms import StageDecisionForm
from rezerv.web.reauth import require_recent_password
from rezerv.web.views import _desk_campaign


@login_required
@require_POST
def desk_stage_decision(request: HttpRequest, uid: str, stage_id: str) -> HttpResponse:
    campaign = _desk_campaign(request, uid)
    refused = require_recent_password(request, back=reverse("desk_campaign", args=[uid]))
    if refused is not None:
        return refused
    reg = campaign.regulation.shown()
    stage = next((s for s in reg.stages if s.id == stage_id), None)
    if stage is None or stage.commission is not None or not stage.awards:
        messages.error(
            request, gettext("Решение по этому этапу принимается на заседании комиссии.")
        )
        return redirect("desk_campaign", uid=uid)
    form = StageDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Проверьте основание повторного решения."))
        return redirect("desk_campaign", uid=uid)
    try:
        decision = services.decision_make(
            actor=request.user,
            campaign=campaign,
            stage_id=stage_id,
            meeting=None,
            reason=form.cleaned_data["reason"],
            expected_in_force=form.cleaned_data["expected"] or None,
        )
    except services.ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("desk_campaign", uid=uid)
    messages.success(
        request, gettext("Решение по этапу «%(stage)s» сформировано.") % {"stage": stage.title}
    )
    return redirect(reverse("desk_decision", args=[campaign.uid]) + f"?d={decision.pk}")
