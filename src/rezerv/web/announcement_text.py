"""The text of a draft campaign's announcement, edited at the desk before it is published.

The campaign is created with its texts, but publishing refuses an announcement whose required
texts are empty (KM-4); without this page a new user who left them empty could not publish.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from rezerv.selection import services
from rezerv.selection.models import Campaign
from rezerv.selection.states import CampaignStatus
from rezerv.web.views import _desk_campaign, _form_errors

FIELDS = ["conditions", "duties", "kpis", "submission", "venue"]


class AnnouncementTextForm(forms.ModelForm[Campaign]):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Campaign
        fields = FIELDS


@login_required
def desk_announcement(request: HttpRequest, uid: str) -> HttpResponse:
    campaign = _desk_campaign(request, uid)
    if campaign.status != CampaignStatus.DRAFT:
        messages.error(request, gettext("Текст объявления изменяется только до его публикации."))
        return redirect("desk_campaign", uid=uid)
    form = AnnouncementTextForm(
        request.POST or None, instance=campaign, initial={"version": campaign.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(
                actor=request.user,
                campaign=campaign,
                expected_version=form.cleaned_data["version"],
                **{name: form.cleaned_data[name] for name in FIELDS},
            )
        except services.ServiceError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, gettext("Текст объявления сохранён."))
            return redirect("desk_campaign", uid=uid)
    return render(request, "web/desk_announcement.html", {"campaign": campaign, "form": form})
