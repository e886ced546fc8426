"""Re-authentication («sudo mode», issue 13): the password (or the second factor) again before a decision, a vote record
and an export of personal data.

A user who has entered the password within the last ``REZERV_REAUTH_MINUTES`` (15) is trusted;
the login itself counts as an entry (as GitHub's sudo mode begins at login), so a fresh session
goes straight through. The time of the last entry is kept in the session (:data:`CONFIRMED_AT`).
Otherwise a guarded view answers with a redirect to ``/accounts/confirm/?next=…``:

* a GET (an export; :class:`ReauthMiddleware`, by URL name) comes back to the same address once the password is entered;
* a POST (a decision, a vote) is not re-submitted: the form's page is shown again with a message
  asking to repeat the action, and nothing has changed.

A wrong password on the confirmation page counts towards the same lockout as a wrong login
(django-axes, through ``authenticate``), and a confirmation is in the audit log
(``account.reauth``, no personal data).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.debug import sensitive_post_parameters

from rezerv.selection import second_factor, services
from rezerv.selection.audit import Action

CONFIRMED_AT = "rezerv_reauth_at"
TEMPLATE = "web/password_confirm.html"

View = Callable[..., HttpResponse]


def _window_seconds() -> int:
    return int(getattr(settings, "REZERV_REAUTH_MINUTES", 15)) * 60


def mark_confirmed(request: HttpRequest) -> None:
    """The password has just been entered (a login or the confirmation page)."""
    request.session[CONFIRMED_AT] = int(time.time())


def confirmed_recently(request: HttpRequest) -> bool:
    at = int(request.session.get(CONFIRMED_AT) or 0)
    return bool(at) and time.time() - at <= _window_seconds()


@receiver(user_logged_in)
def _login_confirms(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        mark_confirmed(request)


def safe_next(request: HttpRequest, url: str | None) -> str | None:
    """``url`` if it is a path of this site, else None."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


def confirm_url(next_url: str) -> str:
    return reverse("password_confirm") + "?" + urlencode({"next": next_url})


def require_recent_password(
    request: HttpRequest, *, back: str | None = None
) -> HttpResponse | None:
    """None when the user confirmed the password recently; else the redirect to confirm it.

    ``back`` is the page a POST's form is on (the user returns there and repeats the action);
    without it, the page the form was sent from (``Referer``, this site only), else the
    request's own address.
    """
    if confirmed_recently(request):
        return None
    if request.method in ("GET", "HEAD"):
        target = request.get_full_path()
    else:
        target = (
            safe_next(request, back)
            or safe_next(request, request.META.get("HTTP_REFERER"))
            or request.get_full_path()
        )
        messages.warning(
            request,
            gettext(
                "Для этого действия подтвердите пароль. Действие не выполнено: после "
                "подтверждения повторите его."
            ),
        )
    return redirect(confirm_url(target))


# The exports of personal data (XLSX): guarded here by their URL names, because the spreadsheets
# interface does not import the web one (import-linter's layers).
GUARDED_EXPORTS = frozenset(
    {"sheets_export", "reserve_export", "desk_audit_export", "my_data_export"}
)


class ReauthMiddleware:
    """Sends a request for a personal-data export to the confirmation page when needed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: View, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or match.url_name not in GUARDED_EXPORTS:
            return None
        if not request.user.is_authenticated:
            return None  # the view's login_required answers
        return require_recent_password(request)


@sensitive_post_parameters()
@login_required
def password_confirm(request: HttpRequest) -> HttpResponse:
    """«Подтвердите пароль»: the current password, then back to ``next`` (this site only)."""
    asked = request.POST.get("next") or request.GET.get("next")
    next_url = safe_next(request, asked) or reverse("start")
    error = ""
    user: Any = request.user
    enrolled = second_factor.enrolled(user)
    if request.method == "POST":
        password = request.POST.get("password", "")
        token = request.POST.get("token", "").strip()
        if enrolled and token and not password:
            # the second factor confirms as well as the password (a code of the app, or a
            # recovery code, which is then spent)
            if second_factor.verify(user, token) is not None:
                mark_confirmed(request)
                services.audit(actor=user, action=Action.ACCOUNT_REAUTH, obj=user)
                return redirect(next_url)
            error = gettext(
                "Код не подошёл. Введите шесть цифр, которые сейчас показывает приложение."
            )
        elif not password:
            error = gettext("Введите пароль.")
        else:
            # through the backends: a wrong password counts towards axes' lockout like a login
            checked = authenticate(request, username=user.get_username(), password=password)
            if checked is not None and checked.pk == user.pk:
                mark_confirmed(request)
                services.audit(actor=user, action=Action.ACCOUNT_REAUTH, obj=user)
                return redirect(next_url)
            error = gettext("Неверный пароль. Введите пароль, с которым вы входите в систему.")
    return render(request, TEMPLATE, {"next": next_url, "error": error, "enrolled": enrolled})
