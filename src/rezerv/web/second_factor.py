"""The second factor at login (issue 13): enrolment with a QR code, the code after the password,
recovery codes (``rezerv.selection.second_factor``).

* A user with an enrolled authenticator gives, after the password, a 6-digit code of the app or
  one recovery code (``/accounts/second-factor/``); until then :class:`SecondFactorMiddleware`
  lets the session reach nothing else (the API answers 403).
* With ``REZERV_SECOND_FACTOR_REQUIRED`` on, an official (administrator, HR officer, secretary,
  commission member) without one is sent to the enrolment page
  (``/accounts/second-factor/setup/``) first.
* The code also confirms the user for a decision, a vote or an export (``rezerv.web.reauth``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from rezerv.selection import second_factor
from rezerv.web import reauth

PENDING = "rezerv_totp_pending"
# Reachable before the second factor is given: the pages that give it, logging out, the
# language switch and static files.
OPEN_URL_NAMES = frozenset({"second_factor", "second_factor_setup", "logout", "set_language"})


def verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


class SecondFactorMiddleware:
    """After the auth and django-otp middleware: a session without its second factor is held."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or verified(request):
            return None
        state = request.session.get(STATE)
        if state not in (ENROLLED, SETUP, NONE):
            state = request.session[STATE] = _state_of(user)
        if state == NONE:
            return None
        match = request.resolver_match
        if match is not None and match.url_name in OPEN_URL_NAMES:
            return None
        target = "second_factor" if state == ENROLLED else "second_factor_setup"
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": gettext("Войдите в систему с вторым фактором (кодом приложения).")},
                status=403,
            )
        next_url = request.get_full_path() if request.method in ("GET", "HEAD") else ""
        url = reverse(target)
        if next_url and reauth.safe_next(request, next_url):
            url += "?" + _query(next_url)
        return redirect(url)


# What a session must do about the second factor, decided once at login (no query per request):
# give the code, enrol first, or nothing.
STATE = "rezerv_second_factor"
ENROLLED, SETUP, NONE = "enrolled", "setup", "none"


def _state_of(user: Any) -> str:
    if second_factor.enrolled(user):
        return ENROLLED
    if second_factor.needs_second_factor(user):
        return SETUP
    return NONE


@receiver(user_logged_in)
def _decide_at_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[STATE] = _state_of(user)


def _query(next_url: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"next": next_url})


TOO_SOON = gettext_lazy(
    "Слишком частые попытки после неверного кода: подождите несколько секунд и введите код снова."
)


def _qr_svg(url: str) -> str:
    """The otpauth:// address as an inline SVG QR code (no image file, nothing sent anywhere)."""
    label = gettext("QR-код")
    svg = str(segno.make(url, error="m").svg_inline(scale=5, title=label, light="#fff"))
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def _secret(device: Any) -> str:
    from base64 import b32encode

    text = b32encode(device.bin_key).decode("ascii")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@sensitive_post_parameters()
@login_required
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """«Подключить второй фактор»: scan the QR code, type the app's code, keep the recovery codes."""
    user: Any = request.user
    if second_factor.enrolled(user) and not verified(request):
        return redirect("second_factor")
    device = second_factor.pending(user, request.session.get(PENDING))
    error = ""
    if request.method == "POST" and device is not None and second_factor.throttled(user, device):
        error = str(TOO_SOON)
    elif request.method == "POST" and device is not None:
        codes = second_factor.enrol_confirm(user, device, request.POST.get("token", ""))
        if codes is not None:
            request.session.pop(PENDING, None)
            request.session[STATE] = ENROLLED
            otp_login(request, device)
            reauth.mark_confirmed(request)
            return render(request, "web/second_factor_codes.html", {"codes": codes, "new": True})
        error = gettext("Код не подошёл. Введите шесть цифр, которые сейчас показывает приложение.")
    if device is None:
        device = second_factor.enrol_start(user)
        request.session[PENDING] = device.pk
    return render(
        request,
        "web/second_factor_setup.html",
        {
            "qr": _qr_svg(device.config_url),
            "secret": _secret(device),
            "error": error,
            "required": second_factor.needs_second_factor(user),
            "enrolled": second_factor.enrolled(user),
        },
    )


@sensitive_post_parameters()
@login_required
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    """The code after the password: the app's 6 digits or one recovery code."""
    user: Any = request.user
    next_url = reauth.safe_next(
        request, request.POST.get("next") or request.GET.get("next")
    ) or reverse("start")
    if verified(request):
        return redirect(next_url)
    if not second_factor.enrolled(user):
        return redirect("second_factor_setup")
    error = ""
    if request.method == "POST" and second_factor.throttled(user):
        error = str(TOO_SOON)
    elif request.method == "POST":
        device = second_factor.verify(user, request.POST.get("token", ""))
        if device is not None:
            otp_login(request, device)
            reauth.mark_confirmed(request)
            left = second_factor.recovery_left(user)
            if device.name == second_factor.RECOVERY_NAME:
                messages.warning(
                    request,
                    gettext("Вы вошли по резервному коду. Осталось кодов: %(left)s.")
                    % {"left": left},
                )
            return redirect(next_url)
        error = gettext(
            "Код не подошёл. Введите шесть цифр из приложения или один из резервных кодов; "
            "после неверного кода следующая попытка возможна через несколько секунд."
        )
    return render(request, "web/second_factor_verify.html", {"next": next_url, "error": error})


@login_required
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    """New recovery codes (POST, after a recent confirmation): the old ones stop working."""
    user: Any = request.user
    if request.method != "POST" or not second_factor.enrolled(user):
        return redirect("account_security")
    held = reauth.require_recent_password(request, back=reverse("account_security"))
    if held is not None:
        return held
    codes = second_factor.renew_recovery_codes(user)
    return render(request, "web/second_factor_codes.html", {"codes": codes, "new": False})
