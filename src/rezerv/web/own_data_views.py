"""«Мои персональные данные»: what is stored about the candidate and why, the export of all of it
(JSON) and the erasure of the account (``selection/own_data.py``; C-4, C-7)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.debug import sensitive_post_parameters

from rezerv.selection import own_data, selectors


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    person = selectors.person_of(request.user)
    applications = list(selectors.applications_of(person)) if person else []
    return {
        "person": person,
        "applications": applications,
        "blockers": own_data.blockers(request.user),
        "may_erase": own_data.may_erase(request.user),
        **extra,
    }


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "web/my_data.html", _context(request))


@login_required
def my_data_export(request: HttpRequest) -> HttpResponse:
    """Everything stored about the user, as one JSON file (re-authenticated: ``reauth``)."""
    data = own_data.export(request.user)
    own_data.record_export(actor=request.user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@sensitive_post_parameters("password")
@login_required
def my_data_erase(request: HttpRequest) -> HttpResponse:
    """Erase the account: confirmed by the password and a tick; refused with the reason."""
    if request.method != "POST":
        return redirect("my_data")
    user: Any = request.user
    password = request.POST.get("password", "")
    error = ""
    if not request.POST.get("confirm"):
        error = gettext("Подтвердите, что хотите удалить учётную запись.")
    elif not password:
        error = gettext("Введите пароль.")
    else:
        # through the backends: a wrong password counts towards the lockout like a login
        checked = authenticate(request, username=user.get_username(), password=password)
        if checked is None or checked.pk != user.pk:
            error = gettext("Неверный пароль. Введите пароль, с которым вы входите в систему.")
    if not error:
        try:
            own_data.erase_account(actor=user)
        except own_data.ErasureRefused as exc:
            error = exc.message
    if error:
        return render(request, "web/my_data.html", _context(request, error=error), status=400)
    logout(request)
    messages.success(
        request,
        gettext(
            "Учётная запись удалена. Сведения, которые закон или порядок отбора требуют "
            "хранить, сохранены до окончания срока хранения; остальное удалено."
        ),
    )
    return redirect("home")
