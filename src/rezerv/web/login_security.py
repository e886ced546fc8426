"""Login security: brute-force lockout (django-axes), session timeouts, password change and
«log out everywhere» (issue 13, «Login»).

* The lockout: axes counts failed logins per username and IP address in its own tables; after
  ``AXES_FAILURE_LIMIT`` failures the login form answers 429 with the time to try again
  (:func:`lockout_response`).
* Timeouts: :class:`SessionTimeoutMiddleware` ends a session idle for
  ``REZERV_SESSION_IDLE_SECONDS`` or older than ``REZERV_SESSION_ABSOLUTE_SECONDS``.
* «Выйти на всех устройствах»: the password is re-hashed with a new salt, which changes the
  session hash Django keeps in every session of the user (``get_session_auth_hash``), so every
  other session is refused at its next request; the current one is kept. No extra table, no
  extra query per request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from typing import Any, cast

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from rezerv.selection import accounts, services
from rezerv.selection.audit import Action

LOGIN_AT = "rezerv_login_at"
SEEN_AT = "rezerv_seen_at"
# The last-seen time is written back at most this often, so that a burst of requests does not
# save the session on each one.
SEEN_RESOLUTION = 60


class RequestAxesBackend(AxesStandaloneBackend):  # type: ignore[misc]
    """axes' backend, for HTTP logins only.

    ``authenticate()`` without a request (the test client's ``login``, a script) is no attempt
    from a client and has no address to count; axes' own backend raises on it.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        super().authenticate(request, username, password, **kwargs)
        return None


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """The login page again, with the time the login opens (429; nothing is tried)."""
    cool_off = get_cool_off(request)
    until = timezone.localtime(timezone.now() + (cool_off or dt.timedelta()))
    message = gettext(
        "Слишком много неудачных попыток входа. Вход для этой учётной записи с вашего адреса "
        "закрыт до %(time)s (%(date)s). Попробуйте снова после этого времени или восстановите "
        "пароль."
    ) % {"time": date_format(until, "H:i"), "date": date_format(until, "d.m.Y")}
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name == "password_confirm":  # rezerv.web.reauth
        return render(
            request,
            "web/password_confirm.html",
            {"lockout": message, "next": reverse("start")},
            status=429,
        )
    form = AuthenticationForm(request, data=None)
    username = request.POST.get("username", "") if request.method == "POST" else ""
    form.initial = {"username": username}
    return render(
        request,
        "web/login.html",
        {"form": form, "lockout": message, "next": request.POST.get("next", "")},
        status=429,
    )


# ----------------------------------------------------------------------------- registration

REGISTRATION_WINDOW = 3600


def registration_throttled(request: HttpRequest) -> bool:
    """Count this registration attempt of the client's IP address; True when it has made more
    than ``REZERV_REGISTRATIONS_PER_HOUR`` in the hour (0: no limit).

    Counted in Django's cache under a hash of the address (never the address itself); each key
    expires after the hour, so the counters stay bounded by the addresses of the last hour.
    """
    limit = int(getattr(settings, "REZERV_REGISTRATIONS_PER_HOUR", 0))
    if limit <= 0:
        return False
    address = str(request.META.get("REMOTE_ADDR", ""))
    key = "register:ip:" + hashlib.sha256(address.encode()).hexdigest()
    cache.add(key, 0, REGISTRATION_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, REGISTRATION_WINDOW)
        count = 1
    return bool(count > limit)


def registration_refused_message() -> str:
    return gettext(
        "Слишком много попыток регистрации с вашего адреса. Попробуйте снова через час; если "
        "вам нужно зарегистрировать нескольких кандидатов, обратитесь в кадровую службу."
    )


# ----------------------------------------------------------------------------- timeouts


@receiver(user_logged_in)
def _stamp_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now


class SessionTimeoutMiddleware:
    """Ends an authenticated session idle too long or open too long (after the auth middleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        session = request.session
        now = int(time.time())
        login_at = int(session.get(LOGIN_AT) or 0)
        seen_at = int(session.get(SEEN_AT) or 0)
        if not login_at:  # a session from before the timeouts: counted from now
            session[LOGIN_AT] = login_at = now
            session[SEEN_AT] = seen_at = now
        if now - seen_at > settings.REZERV_SESSION_IDLE_SECONDS:
            self._end(request, gettext("Сеанс завершён: вы долго не работали с системой."))
        elif now - login_at > settings.REZERV_SESSION_ABSOLUTE_SECONDS:
            self._end(request, gettext("Сеанс завершён: истёк наибольший срок сеанса."))
        elif now - seen_at >= SEEN_RESOLUTION:
            session[SEEN_AT] = now

    @staticmethod
    def _end(request: HttpRequest, reason: str) -> None:
        logout(request)
        messages.info(request, reason + " " + gettext("Войдите снова."))


# ----------------------------------------------------------------------------- views


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view (old password, validators, the current session kept), the site's look."""

    template_name = "web/password_change.html"
    success_url = reverse_lazy("account_security")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.audit(
            actor=self.request.user, action=Action.ACCOUNT_PASSWORD_CHANGE, obj=self.request.user
        )
        messages.success(
            self.request,
            gettext("Пароль изменён. На других устройствах потребуется войти с новым паролем."),
        )
        return response


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(label=_("Текущий пароль"), strip=False)

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Неверный пароль."), code="password_incorrect")
        return password


@sensitive_post_parameters()
@login_required
def account_security(request: HttpRequest) -> HttpResponse:
    """The user's own security page: change the password, log out on every device."""
    form = ConfirmPasswordForm(request.user)
    if request.method == "POST":
        form = ConfirmPasswordForm(request.user, request.POST)
        if form.is_valid():
            user = cast(User, request.user)  # login_required
            accounts.logout_everywhere(user=user, password=form.cleaned_data["password"])
            update_session_auth_hash(request, user)
            messages.success(request, gettext("Сеансы на всех других устройствах завершены."))
            return redirect("account_security")
    from rezerv.selection import second_factor

    return render(
        request,
        "web/account_security.html",
        {
            "form": form,
            "enrolled": second_factor.enrolled(request.user),
            "recovery_left": second_factor.recovery_left(request.user),
        },
    )
