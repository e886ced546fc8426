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


class RecordedChoiceForm(forms.Form):
    value = forms.CharField(
        label=_("Значение"),
        max_length=300,
        help_text=_("Кандидаты выбирают значение из этого списка."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


def recorded_choices(
    request: HttpRequest, campaign: Campaign, reg: Regulation
) -> tuple[list[dict[str, Any]], HttpResponse | None]:
    """One desk section per fact declared ``choices_from: campaign`` (titled by the fact): HR
    records the values candidates choose from and removes one no application names; and the
    redirect after a change that succeeded."""
    sections: list[dict[str, Any]] = []
    posted = request.method == "POST"
    for number, fact in enumerate(service.facts_from_records(reg), start=1):
        key = str(number)  # the fact's place among them: no internal id on the page
        prefix = f"recorded-{number}"
        form = RecordedChoiceForm(
            request.POST if posted and request.POST.get("add_choice") == key else None,
            initial={"version": campaign.version},
            prefix=prefix,
        )
        form.fields["value"].label = fact.title
        here = reverse("desk_campaign", args=[campaign.uid]) + f"#{prefix}"
        if form.is_bound and form.is_valid():
            try:
                choice = service.campaign_add_choice(
                    actor=request.user,
                    campaign=campaign,
                    fact_id=fact.id,
                    value=form.cleaned_data["value"],
                    expected_version=form.cleaned_data["version"],
                )
            except ServiceError as exc:
                form.add_error("value", exc.message)
            else:
                messages.success(
                    request, gettext("Значение «%(value)s» добавлено.") % {"value": choice.value}
                )
                return [], redirect(here)
        error = None
        if posted and request.POST.get("remove_choice_of") == key:
            raw = str(request.POST.get("remove_choice", "")).strip()
            version = str(request.POST.get("version", "")).strip()
            chosen = (
                campaign.recorded_choices.filter(pk=int(raw), fact=fact.id).first()
                if raw.isdigit()
                else None
            )
            try:
                if chosen is None:
                    raise ServiceError(gettext("Такого значения у кампании нет."), "value")
                service.campaign_remove_choice(
                    actor=request.user,
                    campaign=campaign,
                    choice=chosen,
                    expected_version=int(version) if version.isdigit() else -1,
                )
            except ServiceError as exc:
                error = exc.message
            else:
                messages.success(
                    request, gettext("Значение «%(value)s» снято.") % {"value": chosen.value}
                )
                return [], redirect(here)
        sections.append(
            {
                "key": key,
                "anchor": prefix,
                "title": fact.title,
                "choices": sorted(
                    campaign.recorded_choices.filter(fact=fact.id),
                    key=lambda c: (c.value.casefold(), c.value),
                ),
                "form": form,
                "error": error,
                "open": campaign.status in service.OPEN,
            }
        )
    return sections, None
