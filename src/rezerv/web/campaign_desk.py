"""The HR campaign desk and an application's page at the desk (issue 14: cost O(page)).

The desk lists the campaign's applications a page at a time (``web.paging``), each with the
engine's verdict read from the result stored for the campaign's current inputs
(``selection.result_cache``: evaluated once per change, not per view). An application's page
shows the engine's checks computed for that application alone
(``result_cache.application_verdict``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.debug import sensitive_post_parameters

from rezerv.documents import returns
from rezerv.documents.forms import DocumentReturnForm
from rezerv.engine.errors import InputError
from rezerv.engine.methods import stage_methods
from rezerv.selection import in_force, readiness, reads, result_cache, selectors, services
from rezerv.selection.models import Application, Campaign
from rezerv.selection.notices import campaign_notices, notice_record
from rezerv.web import forms, quotas
from rezerv.web.notice_forms import NoticeForm
from rezerv.web.paging import page_of
from rezerv.web.target_positions import recorded_choices, target_positions
from rezerv.web.views import _desk_campaign, _documents, _form_errors


def _verdicts(
    campaign: Campaign, ids: list[int]
) -> tuple[dict[str, dict[str, Any]], result_cache.Stored | None]:
    """The engine's view of these applications (completeness, eligibility, scores) and the
    stored result it is read from (``stale`` while the worker recomputes it)."""
    try:
        stored = result_cache.stored_result(campaign)
    except InputError:
        return {}, None
    return stored.rows_of(ids), stored


@login_required
def desk_campaign(request: HttpRequest, uid: str) -> HttpResponse:
    campaign = _desk_campaign(request, uid)
    reg = campaign.regulation.shown()
    event_form = forms.EventForm(
        request.POST or None,
        regulation=reg,
        current=campaign.events,
        initial={"version": campaign.version},
    )
    if request.method == "POST" and "save_events" in request.POST and event_form.is_valid():
        events = dict(campaign.events)
        for name, _title in event_form.dated():
            value = event_form.cleaned_data.get(name)
            if value:
                events[name] = value.isoformat()
            else:
                events.pop(name, None)
        try:
            services.campaign_update(
                actor=request.user,
                campaign=campaign,
                expected_version=event_form.cleaned_data["version"],
                events=events,
            )
        except services.ServiceError as exc:
            _form_errors(event_form, exc)
        else:
            messages.success(request, gettext("Даты сохранены."))
            return redirect("desk_campaign", uid=uid)
    notice_form = NoticeForm(
        request.POST if "record_notice" in request.POST else None, regulation=reg
    )
    if request.method == "POST" and "record_notice" in request.POST and notice_form.is_valid():
        data = notice_form.cleaned_data
        try:
            notice_record(
                actor=request.user,
                campaign=campaign,
                notice_id=data["notice_id"],
                issued_on=data["issued_on"],
                number=data["number"],
            )
        except services.ServiceError as exc:
            _form_errors(notice_form, exc)
        else:
            messages.success(request, gettext("Дата уведомления записана."))
            return redirect(reverse("desk_campaign", args=[uid]) + "#notices")
    targets, done = target_positions(request, campaign, reg)
    if done is not None:
        return done
    recorded, done = recorded_choices(request, campaign, reg)
    if done is not None:
        return done
    declared = quotas.declared_quotas(reg)
    quota_form = quotas.QuotaForm(
        request.POST if "save_quotas" in request.POST else None,
        quotas=declared,
        current=campaign.quotas,
        initial={"version": campaign.version},
    )
    if quota_form.is_bound and quota_form.is_valid():
        try:
            services.campaign_update(
                actor=request.user,
                campaign=campaign,
                expected_version=quota_form.cleaned_data["version"],
                quotas=quota_form.quotas_value(campaign.quotas),
            )
        except services.ServiceError as exc:
            quota_form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("Квоты сохранены."))
            return redirect("desk_campaign", uid=uid)
    page = page_of(
        request, campaign.applications.select_related("person").order_by("submitted_at", "pk")
    )
    shown = list(page.object_list)
    verdicts, stored = _verdicts(campaign, [app.pk for app in shown])
    applications = [{"app": app, "verdict": verdicts.get(str(app.pk))} for app in shown]
    return render(
        request,
        "web/desk_campaign.html",
        {
            "campaign": campaign,
            "reg": reg,
            "applications": applications,
            "stored": stored,
            "page": page,
            "deadlines": selectors.campaign_deadlines(campaign),
            "readiness": readiness.readiness(campaign),
            "notices": campaign_notices(campaign),
            "notice_form": notice_form,
            "event_problems": selectors.event_problems(campaign),
            "event_form": event_form,
            "quota_form": quota_form if declared else None,
            "targets": targets,
            "recorded": recorded,
            "commissions": selectors.commissions_for_reading(campaign),
            "meetings": selectors.meetings_for_reading(campaign),
            "decision": in_force.latest_in_force(campaign, with_inputs=False),
            "assessment_stages": [
                {
                    "id": s.id,
                    "title": s.title,
                    # a stage decided by the HR officer, not at a commission's meeting
                    "decided_by_hr": bool(s.awards) and s.commission is None,
                    "commission": s.commission,
                    "has_ballots": any(reg.method(m).kind == "ballot" for m in s.methods),
                    "in_force": in_force.latest_in_force(campaign, stage_id=s.id, with_inputs=False)
                    if s.awards and s.commission is None
                    else None,
                    "methods": [
                        {"id": m.id, "title": m.title, "kind": m.kind}
                        for m in stage_methods(reg, s, selectors.position_facts(campaign))
                    ],
                }
                for s in reg.stages
                if s.kind == "assessment"
            ],
        },
    )


def _return_form(request: HttpRequest, application: Application) -> DocumentReturnForm | None:
    """The form recording documents handed back to the candidate; None once recorded."""
    posted = request.method == "POST" and "record_return" in request.POST
    form = DocumentReturnForm(
        request.POST if posted else None,
        choices=returns.returnable(application),
        initial={"returned_on": timezone.localdate()},
    )
    if posted and form.is_valid():
        if not request.user.has_perm("documents.return_documents", application):
            raise PermissionDenied
        try:
            returns.documents_return(
                actor=request.user,
                application=application,
                returned_on=form.cleaned_data["returned_on"],
                document_ids=form.cleaned_data["documents"],
                received_by=form.cleaned_data["received_by"],
                signed=form.cleaned_data["signed"],
                note=form.cleaned_data["note"],
            )
        except services.ServiceError as exc:
            _form_errors(form, exc)
        else:
            return None
    return form


@sensitive_post_parameters()  # personal data: never in an error report
@login_required
def desk_application(request: HttpRequest, uid: str) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.select_related("campaign", "person"), uid=uid
    )
    campaign = _desk_campaign(request, str(application.campaign.uid))
    reg = campaign.regulation.shown()
    reads.record(request.user, application, "web")
    facts_form = forms.HrFactsForm(
        request.POST if "save_facts" in request.POST else None,
        regulation=reg,
        initial_facts=application.facts,
    )
    if request.method == "POST" and "save_facts" in request.POST and facts_form.is_valid():
        try:
            services.application_record_facts(
                actor=request.user, application=application, facts=facts_form.facts()
            )
        except services.ServiceError as exc:
            _form_errors(facts_form, exc)
        else:
            return redirect("desk_application", uid=uid)
    try:
        verdict = result_cache.application_verdict(application)
    except InputError:
        verdict = None
    decision_form = forms.DecisionForm(
        request.POST if "decide" in request.POST else None,
        initial={
            "version": application.version,
            "admit": "0" if verdict and verdict["refusals"] else "1",
            "refusal_text": application.refusal_text or selectors.refusal_text(verdict, reg),
        },
    )
    if request.method == "POST" and "decide" in request.POST and decision_form.is_valid():
        try:
            services.application_decide(
                actor=request.user,
                application=application,
                admit=decision_form.cleaned_data["admit"],
                refusal_text=decision_form.cleaned_data["refusal_text"],
                expected_version=decision_form.cleaned_data["version"],
                override_reason=decision_form.cleaned_data["override_reason"],
            )
        except services.ServiceError as exc:
            _form_errors(decision_form, exc)
        else:
            messages.success(request, gettext("Решение о допуске записано."))
            return redirect("desk_campaign", uid=campaign.uid)
    return_form = _return_form(request, application)
    if return_form is None:
        messages.success(request, gettext("Возврат документов записан."))
        return redirect("desk_application", uid=uid)
    return render(
        request,
        "web/desk_application.html",
        {
            "return_form": return_form,
            "returns": returns.returns_of(application),
            "application": application,
            "campaign": campaign,
            "verdict": verdict,
            "documents": _documents(request.user, application),
            "facts": selectors.facts_for_reading(application),
            "facts_form": facts_form,
            "decision_form": decision_form,
        },
    )
