"""A commission member's own scoring screen: one form per candidate the seat scores.

Issue 14: the page costs O(page). The member's candidates are listed a page at a time
(``web.paging``), found by code (and by name where the sheet is not anonymous, KM-22) with
``?q=``; the page's ballots, conflicts, files and (once the scoring is closed) the other
members' ballots are read in one query each for the whole page, never one per row. A form
sent for a candidate of another page (an old tab) is still saved: the candidate is looked up
among the seat's own.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from rezerv.selection import policy, services
from rezerv.selection.models import (
    Ballot,
    Campaign,
    ConflictDeclaration,
    Document,
)
from rezerv.web import forms
from rezerv.web.paging import page_of
from rezerv.web.views import _form_errors, _member

PER_PAGE = 25  # candidates (and their forms) on one page


def _initial(ballot: Ballot | None, sheet: Any) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "version": ballot.version if ballot else 0,
        "reason": ballot.reason if ballot else "",
    }
    if ballot is not None and ballot.points is not None:
        points = (
            ballot.points
            if isinstance(ballot.points, dict)
            else {sheet.criteria[0].id: ballot.points}
        )
        entered = [c for c in sheet.criteria if not c.derived]
        if not isinstance(ballot.points, dict) and entered:
            points = {entered[0].id: ballot.points}
        for key, value in points.items():
            initial[f"c_{key}"] = value
    return initial


def _search(apps: Any, text: str, anonymous: bool) -> Any:
    """The candidates whose code (or, on a named sheet, name) contains ``text``."""
    text = text.strip()
    if not text:
        return apps
    found = Q(code__icontains=text)
    if not anonymous:
        for word in text.split():
            found |= (
                Q(person__last_name__icontains=word)
                | Q(person__first_name__icontains=word)
                | Q(person__patronymic__icontains=word)
            )
    return apps.filter(found)


@login_required
def scoring(request: HttpRequest, uid: str, stage_id: str, method_id: str) -> HttpResponse:
    """A member's own scoring screen: one form per admitted candidate (anonymous sheets show codes)."""
    campaign = get_object_or_404(Campaign.objects.select_related("regulation"), uid=uid)
    try:
        member = _member(request, campaign, stage_id)
    except policy.SeatChoiceNeeded:
        messages.info(
            request, gettext("Вы входите в несколько комиссий: выберите, в какой действуете.")
        )
        return redirect("commission")
    reg = campaign.regulation.shown()
    if stage_id not in member.commission.stages or method_id not in reg.stage(stage_id).methods:
        raise PermissionDenied
    method = reg.method(method_id)
    if method.kind != "ballot" or method.sheet is None:
        raise PermissionDenied
    sheet = reg.sheet(method.sheet)
    closed = stage_id in campaign.closed_stages
    mine = Ballot.objects.filter(member=member, stage_id=stage_id, method_id=method_id)
    scored = policy.applications_scored_by(member)

    target = request.POST.get("application") if request.method == "POST" else None
    if target is not None:
        app = get_object_or_404(scored, pk=target if str(target).isdigit() else 0)
        ballot = mine.filter(application=app).first()
        form = forms.BallotForm(
            request.POST, sheet=sheet, initial=_initial(ballot, sheet), prefix=f"a{app.pk}"
        )
        if "conflict" in request.POST:
            try:
                services.conflict_declare(
                    actor=request.user,
                    member=member,
                    application=app,
                    reason=request.POST.get("conflict_reason", ""),
                )
            except services.ServiceError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    gettext("Конфликт интересов заявлен: вы не оцениваете этого кандидата."),
                )
            return redirect(request.get_full_path())
        if form.is_valid():
            version = form.cleaned_data.get("version") or 0
            try:
                services.ballot_save(
                    actor=request.user,
                    member=member,
                    application=app,
                    stage_id=stage_id,
                    method_id=method_id,
                    points=form.points(),
                    reason=form.cleaned_data["reason"],
                    expected_version=version if ballot is not None else None,
                )
            except services.ServiceError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, gettext("Оценка сохранена."))
                return redirect(request.get_full_path() + f"#a{app.pk}")
        sent = {app.pk: form}
    else:
        sent = {}

    # the level of every candidate the seat scores (all admitted, in its territory), read once:
    # full to the candidate themself and to those who manage the campaign
    manages = bool(policy.manages(request.user, campaign))
    anonymous = policy.anonymous_for(campaign, [member], method_id)
    query = request.GET.get("q", "")
    titles = {d.id: d.title for d in reg.documents.catalogue} if reg.documents else {}
    listed = _search(scored, query, anonymous and not manages).order_by("code", "pk")
    page = page_of(
        request,
        listed.prefetch_related(
            Prefetch("documents", queryset=Document.objects.order_by("pk"), to_attr="all_files")
        ),
        per_page=PER_PAGE,
    )
    apps = list(page.object_list)
    if target is not None and int(target) not in {a.pk for a in apps}:
        # a form sent from another page (or another search) and refused: shown first here
        apps.insert(
            0,
            listed.model.objects.filter(pk=int(target))
            .prefetch_related(
                Prefetch("documents", queryset=Document.objects.order_by("pk"), to_attr="all_files")
            )
            .select_related("person")
            .get(),
        )
    ids = [a.pk for a in apps]
    ballots = {b.application_id: b for b in mine.filter(application_id__in=ids)}
    recused = set(
        ConflictDeclaration.objects.filter(member=member, application_id__in=ids).values_list(
            "application_id", flat=True
        )
    )
    others: dict[int, list[Ballot]] = defaultdict(list)
    if closed:
        for other in (
            policy.ballots_visible_to(request.user, campaign, [member])
            .filter(application_id__in=ids, stage_id=stage_id, method_id=method_id)
            .exclude(member=member)
        ):
            others[other.application_id].append(other)
    rows = []
    for app in apps:
        ballot = ballots.get(app.pk)
        form = sent.get(app.pk) or forms.BallotForm(
            None, sheet=sheet, initial=_initial(ballot, sheet), prefix=f"a{app.pk}"
        )
        full = manages or app.person.user_id == request.user.pk
        level = policy.FULL if full else policy.ANONYMOUS if anonymous else policy.MEMBER
        files: list[Any] = []
        if level != policy.ANONYMOUS:  # KM-14: the materials, not on an anonymous sheet (KM-22)
            # every file for the candidate and HR, the files in force for the members
            files = [f for f in app.all_files if full or f.superseded_at is None]
            for document in files:
                document.title = titles.get(document.doc_type, document.doc_type)
        rows.append(
            {
                "app": app,
                "label": app.code if level == policy.ANONYMOUS else app.person.full_name,
                "form": form,
                "recused": app.pk in recused,
                "others": others.get(app.pk, []),
                "ballot": ballot,
                "files": files,
            }
        )
    return render(
        request,
        "web/scoring.html",
        {
            "campaign": campaign,
            "method": method,
            "sheet": sheet,
            "rows": rows,
            "closed": closed,
            "member": member,
            "stage_id": stage_id,
            "page": page,
            "query": query,
        },
    )
