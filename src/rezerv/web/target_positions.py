"""The campaign's target positions at the HR desk (issue 9 §2: chosen from records).

Shown when the regulation declares a fact ``choices_from: positions``: HR adds the posts the
campaign is for by their titles and removes one no application names; the application form
then offers exactly these (``selection.campaign_positions``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rezerv.engine.schema import Regulation
from rezerv.selection import campaign_positions as service
from rezerv.selection.models import Campaign
from rezerv.selection.services import ServiceError


class TargetPositionForm(forms.Form):
    title = forms.CharField(
        label=_("Наименование целевой должности"),
        max_length=300,
        help_text=_("Как в штатном расписании; кандидаты выбирают должность из этого списка."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


def target_positions(
    request: HttpRequest, campaign: Campaign, reg: Regulation
) -> tuple[dict[str, Any] | None, HttpResponse | None]:
    """The desk's section (None when the regulation asks no position from records) and the
    redirect after a change that succeeded."""
    asked = service.position_facts_from_records(reg)
    if not asked:
        return None, None
    posted = request.method == "POST"
    form = TargetPositionForm(
        request.POST if posted and "add_position" in request.POST else None,
        initial={"version": campaign.version},
        prefix="position",  # the desk's other forms have a version field too
    )
    here = reverse("desk_campaign", args=[campaign.uid]) + "#target-positions"
    if form.is_bound and form.is_valid():
        try:
            position = service.campaign_add_position(
                actor=request.user,
                campaign=campaign,
                title=form.cleaned_data["title"],
                expected_version=form.cleaned_data["version"],
            )
        except ServiceError as exc:
            form.add_error("title", exc.message)
        else:
            messages.success(
                request,
                gettext("Целевая должность «%(title)s» добавлена.") % {"title": position.title},
            )
            return None, redirect(here)
    error = None
    if posted and "remove_position" in request.POST:
        raw = str(request.POST.get("remove_position", "")).strip()
        version = str(request.POST.get("version", "")).strip()
        chosen = campaign.target_positions.filter(pk=int(raw)).first() if raw.isdigit() else None
        try:
            if chosen is None:
                raise ServiceError(gettext("Такой целевой должности у кампании нет."), "position")
            service.campaign_remove_position(
                actor=request.user,
                campaign=campaign,
                position=chosen,
                expected_version=int(version) if version.isdigit() else -1,
            )
        except ServiceError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                gettext("Целевая должность «%(title)s» снята.") % {"title": chosen.title},
            )
            return None, redirect(here)
    return {
        "facts": [f.title for f in asked],
        "positions": service.campaign_positions(campaign),
        "removable": {p.pk for p in campaign.target_positions.all()},
        "form": form,
        "error": error,
        "open": campaign.status in service.OPEN,
    }, None
