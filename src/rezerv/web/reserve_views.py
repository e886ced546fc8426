"""The reserve after the decision (issue 10): the registry across campaigns and a member's card
with exclusion (BR-21, PK-9) and re-inclusion (BR-13).

HR officers see the members of their body's campaigns, administrators every body's; each page
read is in the audit log (``reserve.registry_view``, ``reserve.view``), as personal data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.debug import sensitive_post_parameters

from rezerv.selection import reserve_registry, services
from rezerv.selection.models import ReserveEntry
from rezerv.selection.reserve_acts import reserve_exclude, reserve_re_include
from rezerv.selection.reserve_employment import reserve_record_employment
from rezerv.selection.reserve_filters import RegistryFilterForm
from rezerv.selection.reserve_plans import overdue_entries
from rezerv.web.reserve_forms import EmploymentForm, ExclusionForm, ReInclusionForm
from rezerv.web.views import _form_errors

PAGE_SIZE = 50


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# A page's forms, each with the service it calls on its cleaned data and what it says when done.
Acts = list[tuple[Any, Callable[[dict[str, Any]], object], str]]


def run_acts(request: HttpRequest, acts: Acts) -> bool:
    """Run the act of the bound, valid form (a service error goes to its form's fields); True
    when one was done (the caller redirects), False to show the page again."""
    for form, act, done in acts:
        if form.is_bound and form.is_valid():
            try:
                act(form.cleaned_data)
            except services.ServiceError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, done)
                return True
    return False


@login_required
def desk_reserve(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("selection.view_reserve"):
        raise PermissionDenied
    today = timezone.localdate()
    choices = reserve_registry.filter_choices(request.user)
    form = RegistryFilterForm(request.GET or None, choices=choices)
    if form.is_bound:
        form.is_valid()  # a bad field is named at the field and filters nothing
    entries = reserve_registry.registry_entries(request.user, form.registry_filter(), today)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = reserve_registry.registry_rows(page.object_list)
    overdue = overdue_entries([row.entry.pk for row in rows], today)
    query = _query_without_page(request)
    services.audit(
        actor=request.user,
        action="reserve.registry_view",
        obj=request.user,
        changes={"entries": [row.entry.pk for row in rows], "filters": query},
    )
    return render(
        request,
        "web/reserve_registry.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "query": query,
            "today": today,
            "many_bodies": len(choices.bodies) > 1,
            "overdue": overdue,
        },
    )


def _entry(request: HttpRequest, uid: str) -> ReserveEntry:
    entry = get_object_or_404(
        ReserveEntry.objects.select_related(
            "person", "decision", "campaign__regulation", "campaign__body", "campaign__position"
        ),
        uid=uid,
    )
    if not request.user.has_perm("selection.manage_reserve_member", entry):
        raise PermissionDenied
    if entry.decision.superseded_at is not None:
        raise Http404  # ended with its decision; the registry shows the one in force
    return entry


@sensitive_post_parameters()  # personal data: never in an error report
@login_required
def desk_reserve_member(request: HttpRequest, uid: str) -> HttpResponse:
    entry = _entry(request, uid)
    today = timezone.localdate()
    services.audit(actor=request.user, action="reserve.view", obj=entry, campaign=entry.campaign)
    card = reserve_registry.card(entry, today)
    post = request.POST if request.method == "POST" else None
    exclude_form = ExclusionForm(
        post if post is not None and "exclude" in post else None,
        grounds=card.grounds,
        initial={"on": today},
    )
    reinclude_form = ReInclusionForm(
        post if post is not None and "reinclude" in post else None,
        conditions=card.conditions,
        initial={"on": today},
    )
    employment_form = EmploymentForm(post if post is not None and "employment" in post else None)
    # each form of the card: the service it calls with its cleaned data, and what it says done
    acts: Acts = [
        (
            employment_form,
            lambda d: reserve_record_employment(
                actor=request.user,
                entry=entry,
                employer=d["employer"],
                post=d["post"],
                since=d["since"],
                today=today,
            ),
            gettext("Сведения о трудоустройстве записаны."),
        ),
        (
            exclude_form,
            lambda d: reserve_exclude(
                actor=request.user,
                entry=entry,
                ground_id=d["ground"],
                on=d["on"],
                basis=d["basis"],
                today=today,
            ),
            gettext("Член резерва исключён из резерва."),
        ),
        (
            reinclude_form,
            lambda d: reserve_re_include(
                actor=request.user,
                entry=entry,
                on=d["on"],
                basis=d["basis"],
                today=today,
                facts=reinclude_form.facts(),
            ),
            gettext("Член резерва повторно включён в резерв."),
        ),
    ]
    if run_acts(request, acts):
        return redirect("desk_reserve_member", uid=uid)
    return render(
        request,
        "web/reserve_member.html",
        {
            "card": card,
            "row": card.row,
            "exclude_form": exclude_form,
            "reinclude_form": reinclude_form,
            "employment_form": employment_form,
            "employments": entry.employments.select_related("recorded_by").order_by("since", "pk"),
            "today": today,
        },
    )
