"""Development plans of reserve members (BR-19): HR's page of a member's plan (items,
assessments, priority projects for BR-23, exclusion for a plan not fulfilled, BR-21), the
member's own plan in their account with reports and files, and a report's file."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.debug import sensitive_post_parameters

from rezerv.selection import policy, reserve_registry, services
from rezerv.selection.models import ReserveEntry
from rezerv.selection.reserve_efficiency import record_project
from rezerv.selection.reserve_plans import (
    exclude_plan_not_fulfilled,
    plan_add_item,
    plan_assess,
    plan_of,
    plan_report,
)
from rezerv.selection.reserve_use_models import PlanItem, PlanReport
from rezerv.web.reserve_use_forms import (
    AssessForm,
    PlanExclusionForm,
    PlanItemForm,
    ProjectForm,
    ReportForm,
)
from rezerv.web.reserve_views import Acts, _entry, run_acts
from rezerv.web.views import _form_errors


def _item(entry: ReserveEntry, pk: int) -> PlanItem:
    item = PlanItem.objects.filter(entry=entry, pk=pk).select_related("entry__campaign").first()
    if item is None:
        raise Http404
    return item


@sensitive_post_parameters()  # personal data: never in an error report
@login_required
def desk_reserve_plan(request: HttpRequest, uid: str) -> HttpResponse:
    entry = _entry(request, uid)
    today = timezone.localdate()
    plan = plan_of(entry, today)
    services.audit(
        actor=request.user, action="reserve.plan_view", obj=entry, campaign=entry.campaign
    )
    if plan is None:  # the regulation sets no development plans: the page says so
        row = reserve_registry.registry_rows([entry])[0]
        return render(request, "web/reserve_plan.html", {"row": row, "plan": None})
    post = request.POST if request.method == "POST" else None
    item_form = PlanItemForm(post if post and "add_item" in post else None, kinds=plan.kinds)
    assess_form = AssessForm(post if post and "assess" in post else None, marks=plan.assessments)
    project_form = ProjectForm(
        post if post and "project" in post else None, initial={"year": today.year}
    )
    exclude_form = PlanExclusionForm(
        post if post and "planexclude" in post else None, initial={"on": today}
    )
    acts: Acts = [
        (
            item_form,
            lambda d: plan_add_item(
                actor=request.user,
                entry=entry,
                kind=d["kind"],
                title=d["title"],
                due=d["due"],
                today=today,
            ),
            gettext("Пункт плана добавлен."),
        ),
        (
            assess_form,
            lambda d: plan_assess(
                actor=request.user,
                item=_item(entry, d["item"]),
                assessment_id=d["assessment"],
                note=d["note"],
                version=d["version"],
            ),
            gettext("Оценка записана."),
        ),
        (
            project_form,
            lambda d: record_project(
                actor=request.user, entry=entry, year=d["year"], project=d["project"], today=today
            ),
            gettext("Участие в проекте записано."),
        ),
        (
            exclude_form,
            lambda d: exclude_plan_not_fulfilled(
                actor=request.user, entry=entry, on=d["on"], basis=d["basis"], today=today
            ),
            gettext("Член резерва исключён из резерва."),
        ),
    ]
    if run_acts(request, acts):
        return redirect("desk_reserve_plan", uid=uid)
    row = reserve_registry.registry_rows([entry])[0]
    return render(
        request,
        "web/reserve_plan.html",
        {
            "row": row,
            "plan": plan,
            "item_form": item_form,
            "assess_form": assess_form,
            "project_form": project_form,
            "exclude_form": exclude_form,
            "projects": entry.project_participations.order_by("year", "pk"),
            "today": today,
        },
    )


@sensitive_post_parameters()  # personal data: never in an error report
@login_required
def me_reserve(request: HttpRequest) -> HttpResponse:
    """The member's own development plans, with a report on each item (BR-19)."""
    person = getattr(request.user, "person", None)
    entries = (
        list(
            ReserveEntry.objects.filter(
                person=person, decision__superseded_at__isnull=True
            ).select_related(
                "person", "campaign__regulation", "campaign__body", "campaign__position"
            )
        )
        if person is not None
        else []
    )
    today = timezone.localdate()
    post = request.POST if request.method == "POST" else None
    form = ReportForm(post, request.FILES if post else None)
    if form.is_bound and form.is_valid():
        item = PlanItem.objects.filter(
            pk=form.cleaned_data["item"], entry__in=[e.pk for e in entries]
        ).first()
        if item is None or not policy.allowed(request.user, "selection.report_on_plan", item.entry):
            raise PermissionDenied
        try:
            plan_report(
                actor=request.user,
                item=item,
                text=form.cleaned_data["text"],
                done_on=form.cleaned_data["done_on"],
                today=today,
                upload=form.cleaned_data.get("file"),
            )
        except services.ServiceError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, gettext("Отчёт отправлен."))
            return redirect("me_reserve")
    plans = [(row, plan_of(row.entry, today)) for row in reserve_registry.registry_rows(entries)]
    return render(
        request,
        "web/me_reserve.html",
        {"plans": [(row, plan) for row, plan in plans if plan is not None], "form": form},
    )


@login_required
def reserve_report_file(request: HttpRequest, pk: int) -> FileResponse:
    """A report's file: for the member and for HR of the member's body; logged."""
    report = get_object_or_404(
        PlanReport.objects.select_related("item__entry__campaign", "item__entry__person"), pk=pk
    )
    entry = report.item.entry
    if not report.file or not (
        policy.allowed(request.user, "selection.report_on_plan", entry)
        or policy.allowed(request.user, "selection.manage_reserve_member", entry)
    ):
        raise PermissionDenied
    services.audit(
        actor=request.user, action="reserve.report_file", obj=report, campaign=entry.campaign
    )
    extension = mimetypes.guess_extension(report.content_type) or ""
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=f"report-{report.pk}{extension}",
        content_type=report.content_type or "application/octet-stream",
    )
