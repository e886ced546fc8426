"""The text of a campaign's announcement, edited at the desk before it is published and
amended, with a ground the announcement then shows, after (``selection/amendments.py``).

The fields are the regulation's (``announcement.fields``: KM-4, TP-6 …), each with its title,
hint and whether publication requires it; a regulation that declares none has no texts to enter.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy

from rezerv.engine.schema import Regulation
from rezerv.selection import amendments, services
from rezerv.selection.states import CampaignStatus
from rezerv.web.views import _desk_campaign, _form_errors


class AnnouncementTextForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, regulation: Regulation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.names: list[str] = []
        if regulation.announcement is None:
            return
        for spec in regulation.announcement.fields:
            hint = spec.hint
            if spec.required:
                required = gettext_lazy("обязательно для публикации")
                hint = f"{hint} ({required})" if hint else str(required)
            # Empty texts are saved (a draft is edited in several sittings); publication
            # refuses the required ones that are still empty.
            self.fields[spec.id] = forms.CharField(
                label=spec.title,
                help_text=hint,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.names.append(spec.id)


class AmendmentForm(AnnouncementTextForm):
    reason = forms.CharField(
        label=gettext_lazy("Основание изменения"),
        help_text=gettext_lazy("Публикуется в объявлении вместе с датой изменения."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


@login_required
def desk_announcement(request: HttpRequest, uid: str) -> HttpResponse:
    campaign = _desk_campaign(request, uid)
    if campaign.status != CampaignStatus.DRAFT:
        return _amend(request, campaign)
    reg = campaign.regulation.shown()
    form = AnnouncementTextForm(
        request.POST or None,
        regulation=reg,
        initial={"version": campaign.version, **(campaign.announcement or {})},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(
                actor=request.user,
                campaign=campaign,
                expected_version=form.cleaned_data["version"],
                announcement={name: form.cleaned_data[name] for name in form.names},
            )
        except services.ServiceError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, gettext("Текст объявления сохранён."))
            return redirect("desk_campaign", uid=uid)
    return render(
        request,
        "web/desk_announcement.html",
        {"campaign": campaign, "form": form, "declared": reg.announcement is not None},
    )


def _amend(request: HttpRequest, campaign: Any) -> HttpResponse:
    """A published announcement's texts changed with a ground (an amendment)."""
    if CampaignStatus(campaign.status) not in amendments.AMENDABLE:
        messages.error(
            request, gettext("Объявление изменяется после публикации и до решения комиссии.")
        )
        return redirect("desk_campaign", uid=campaign.uid)
    reg = campaign.regulation.shown()
    form = AmendmentForm(
        request.POST or None,
        regulation=reg,
        initial={"version": campaign.version, **(campaign.announcement or {})},
    )
    if request.method == "POST" and form.is_valid():
        try:
            amendments.announcement_amend(
                actor=request.user,
                campaign=campaign,
                expected_version=form.cleaned_data["version"],
                texts={name: form.cleaned_data[name] for name in form.names},
                reason=form.cleaned_data["reason"],
            )
        except services.ServiceError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, gettext("Изменение объявления опубликовано."))
            return redirect("desk_campaign", uid=campaign.uid)
    return render(
        request,
        "web/desk_announcement.html",
        {
            "campaign": campaign,
            "form": form,
            "declared": reg.announcement is not None,
            "amending": True,
            "amendments": amendments.amendments_of(campaign),
        },
    )
