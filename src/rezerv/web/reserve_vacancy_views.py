"""Vacant target positions filled from the reserve (BR-20, PK-7): the list of vacancies with a
form for a new one, and a vacancy's page — the matching members with each requirement
explained, ranked by rating score, and the steps recorded in the regulation's order."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from rezerv.selection import policy, services
from rezerv.selection.models import ReserveEntry
from rezerv.selection.reserve_invitations import competitions_for, vacancy_invite
from rezerv.selection.reserve_use_models import Vacancy
from rezerv.selection.reserve_vacancies import (
    matches,
    regulation_of,
    vacancy_create,
    vacancy_record_step,
    vacancy_use,
)
from rezerv.web.reserve_use_forms import InviteForm, StepForm, VacancyForm
from rezerv.web.views import _form_errors


def _choices(user: object) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    codes = (
        policy.reserve_visible_to(user)
        .values_list("campaign__regulation__code", flat=True)
        .distinct()
        .order_by("campaign__regulation__code")
    )
    out: list[tuple[str, str]] = []
    levels: dict[str, str] = {}
    for code in codes:
        reg = regulation_of(code)
        if vacancy_use(reg) is None or reg is None:
            continue
        out.append((code, f"{code} — {reg.title}"))
        for level in reg.reserve.levels if reg.reserve else []:
            levels.setdefault(level.id, level.title)
    return out, list(levels.items())


@login_required
def desk_vacancies(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("selection.view_reserve"):
        raise PermissionDenied
    today = timezone.localdate()
    bodies = list(policy.bodies_managed_by(request.user).order_by("name").values_list("pk", "name"))
    codes, levels = _choices(request.user)
    form = VacancyForm(
        request.POST if request.method == "POST" else None,
        codes=codes,
        bodies=bodies,
        levels=levels,
        initial={"vacant_since": today},
    )
    if form.is_bound and form.is_valid():
        body = policy.bodies_managed_by(request.user).filter(pk=form.cleaned_data["body"]).first()
        if body is None:
            raise PermissionDenied
        try:
            vacancy = vacancy_create(
                actor=request.user,
                body=body,
                code=form.cleaned_data["code"],
                title=form.cleaned_data["title"],
                level=form.cleaned_data["level"],
                vacant_since=form.cleaned_data["vacant_since"],
                today=today,
            )
        except services.ServiceError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, gettext("Вакантная должность записана."))
            return redirect("desk_vacancy", uid=vacancy.uid)
    vacancies = (
        Vacancy.objects.filter(body__in=policy.bodies_managed_by(request.user))
        .select_related("body", "filled_by__person")
        .order_by("-vacant_since", "pk")
    )
    return render(
        request,
        "web/reserve_vacancies.html",
        {"form": form, "vacancies": vacancies, "can_add": bool(codes and bodies)},
    )


@login_required
def desk_vacancy(request: HttpRequest, uid: str) -> HttpResponse:
    vacancy = get_object_or_404(
        Vacancy.objects.select_related("body", "filled_by__person"), uid=uid
    )
    if not request.user.has_perm("selection.manage_vacancy", vacancy):
        raise PermissionDenied
    reg = regulation_of(vacancy.code)
    use = vacancy_use(reg)
    if reg is None or use is None:
        raise Http404
    today = timezone.localdate()
    services.audit(actor=request.user, action="reserve.vacancy_view", obj=vacancy)
    inviting = request.method == "POST" and "invite" in request.POST
    competitions = list(competitions_for(vacancy))
    invite_form = InviteForm(
        request.POST if inviting else None,
        campaigns=[(str(c.uid), c.title) for c in competitions],
    )
    if invite_form.is_bound and invite_form.is_valid():
        campaign = next(
            c for c in competitions if str(c.uid) == invite_form.cleaned_data["campaign"]
        )
        try:
            sent = vacancy_invite(
                actor=request.user, vacancy=vacancy, campaign=campaign, today=today
            )
        except services.ServiceError as exc:
            _form_errors(invite_form, exc)
        else:
            messages.success(
                request,
                gettext("Приглашено членов резерва: %(n)s.") % {"n": len(sent)},
            )
            return redirect("desk_vacancy", uid=uid)
    form = StepForm(
        request.POST if request.method == "POST" and not inviting else None,
        initial={"on": today},
    )
    if form.is_bound and form.is_valid():
        entry = (
            policy.reserve_visible_to(request.user)
            .filter(uid=form.cleaned_data["entry"])
            .select_related("campaign__regulation")
            .first()
        )
        if entry is None:
            raise PermissionDenied
        try:
            vacancy_record_step(
                actor=request.user,
                vacancy=vacancy,
                entry=entry,
                step_id=form.cleaned_data["step"],
                outcome=form.cleaned_data["outcome"],
                on=form.cleaned_data["on"],
                basis=form.cleaned_data["basis"],
                today=today,
            )
        except services.ServiceError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, gettext("Этап записан."))
            return redirect("desk_vacancy", uid=uid)
    titles = {s.id: s.title for s in use.steps}
    records = list(vacancy.steps.select_related("entry__person").order_by("on", "pk"))
    by_entry: dict[int, list[object]] = {}
    for r in records:
        by_entry.setdefault(r.entry_id, []).append(r)
    found = matches(request.user, vacancy, today)
    levels = {lv.id: lv.title for lv in reg.reserve.levels} if reg.reserve else {}

    def rows(pairs: list[tuple[object, ReserveEntry]]) -> list[dict[str, object]]:
        out = []
        for match, entry in pairs:
            done = by_entry.get(entry.pk, [])
            refused = any(getattr(r, "outcome", "") == "refused" for r in done)
            ids = [getattr(r, "step", "") for r in done]
            nxt = next((s for s in use.steps if s.id not in ids), None)
            out.append(
                {
                    "match": match,
                    "entry": entry,
                    "level": levels.get(entry.level, ""),
                    "next": None if refused or vacancy.filled_on else nxt,
                }
            )
        return out

    return render(
        request,
        "web/reserve_vacancy.html",
        {
            "vacancy": vacancy,
            "reg": reg,
            "use": use,
            "level": levels.get(vacancy.level, ""),
            "meets": rows(found.meets),  # type: ignore[arg-type]
            "others": rows(found.others),  # type: ignore[arg-type]
            "form": form,
            "history": [(titles.get(r.step, r.step), r) for r in records],
            "invite_form": invite_form,
            "can_invite": bool(competitions) and not vacancy.filled_on,
            "invitations": vacancy.invitations.select_related("entry__person", "campaign"),
            "today": today,
        },
    )
