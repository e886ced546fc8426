"""Login security (issue 13, «Login»): brute-force lockout, session timeouts, secure cookies in
production, password change, «log out everywhere», no HTTP Basic, and error reports that never
carry a POSTed password or personal data."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import checks
from django.test import Client, RequestFactory
from django.urls import resolve
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from rezerv.selection.audit import Action
from rezerv.selection.models import AuditEvent
from rezerv.web.login_security import LOGIN_AT, SEEN_AT

pytestmark = pytest.mark.django_db

PASSWORD = "old-Pass-1-long"
ROOT = Path(__file__).resolve().parents[2]


def _user(username: str = "petrov") -> User:
    return User.objects.create_user(username, email=f"{username}@example.org", password=PASSWORD)


def _login(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> Any:
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def _logged_in(client: Client) -> bool:
    response = client.get("/me/")
    return response.status_code == 200


# ----------------------------------------------------------------------------- lockout


def test_five_failures_lock_the_login_with_the_time_to_try_again() -> None:
    _user()
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "petrov", "wrong-password")
        assert response.status_code == 200
        assert "Неверное имя пользователя или пароль." in response.content.decode()
    locked = _login(client, "petrov", "wrong-password")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Слишком много неудачных попыток входа" in text and "закрыт до" in text
    # now even the right password is refused, and nobody is logged in
    again = _login(client, "petrov", PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session
    assert not _logged_in(client)
    # the same user from another address is not locked out (no denial of service by a stranger)
    other = Client()
    assert _login(other, "petrov", PASSWORD, ip="10.0.0.2").status_code == 302
    assert _logged_in(other)


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Too many failed login attempts"), ("kk", "Кіру әрекеттері тым көп рет сәтсіз")],
)
def test_the_lockout_message_is_in_the_users_language(language: str, words: str) -> None:
    _user()
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, "petrov", "wrong-password")
    assert response.status_code == 429
    text = response.content.decode()
    assert words in text
    assert "Слишком много" not in text


def test_a_successful_login_clears_the_failures() -> None:
    _user()
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "petrov", "wrong-password")
    assert _login(client, "petrov", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "petrov", "wrong-password").status_code == 200
    assert _login(client, "petrov", PASSWORD).status_code == 302


def test_the_api_takes_no_http_basic_authentication() -> None:
    _user()
    assert settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] == [
        "rest_framework.authentication.SessionAuthentication"
    ]
    basic = base64.b64encode(f"petrov:{PASSWORD}".encode()).decode()
    response = Client().get("/api/applications/", HTTP_AUTHORIZATION=f"Basic {basic}")
    assert response.status_code == 403
    session = Client()
    assert _login(session, "petrov", PASSWORD).status_code == 302
    assert session.get("/api/applications/").status_code == 200


def test_the_checks_pass_without_axes_warnings() -> None:
    problems = checks.run_checks(include_deployment_checks=False)
    assert [p.id for p in problems if str(p.id).startswith("axes")] == []
    assert settings.AUTHENTICATION_BACKENDS[0] == "rezerv.web.login_security.RequestAxesBackend"
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


# ----------------------------------------------------------------------------- timeouts


def _age(client: Client, key: str, seconds: int) -> None:
    session = client.session
    session[key] = int(time.time()) - seconds
    session.save()


def test_an_idle_session_ends() -> None:
    client = Client()
    client.force_login(_user())
    assert _logged_in(client)
    _age(client, SEEN_AT, settings.REZERV_SESSION_IDLE_SECONDS + 1)
    response = client.get("/me/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "Сеанс завершён: вы долго не работали с системой." in response.content.decode()
    assert not _logged_in(client)


def test_a_session_ends_after_its_absolute_lifetime_even_when_active() -> None:
    client = Client()
    client.force_login(_user())
    _age(client, LOGIN_AT, settings.REZERV_SESSION_ABSOLUTE_SECONDS + 1)
    response = client.get("/me/", follow=True)
    assert "Сеанс завершён: истёк наибольший срок сеанса." in response.content.decode()
    assert not _logged_in(client)


def test_an_active_session_within_both_limits_stays() -> None:
    client = Client()
    client.force_login(_user())
    _age(client, SEEN_AT, settings.REZERV_SESSION_IDLE_SECONDS - 60)
    assert _logged_in(client)
    assert int(client.session[SEEN_AT]) >= int(time.time()) - 5  # the request counted as activity


def _settings_in_a_process(env: dict[str, str]) -> str:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "rezerv.web.settings", **env}
    environment.pop("REZERV_HTTPS", None)
    environment.update(env)
    done = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_secure_cookies_and_hsts_only_behind_https() -> None:
    assert _settings_in_a_process({}) == "False False 0"
    assert _settings_in_a_process({"REZERV_HTTPS": "1"}) == "True True 31536000"


# ----------------------------------------------------------------------------- password, sessions


def test_password_change_keeps_this_session_and_ends_the_others() -> None:
    user = _user()
    here, there = Client(), Client()
    here.force_login(user)
    there.force_login(user)
    me = here.get("/me/").content.decode()
    assert 'href="/accounts/security/"' in me
    page = here.get("/accounts/security/").content.decode()
    assert 'href="/accounts/password/"' in page
    wrong = here.post(
        "/accounts/password/",
        {
            "old_password": "nope",
            "new_password1": "new-Pass-2026",
            "new_password2": "new-Pass-2026",
        },
    )
    assert wrong.status_code == 200 and 'role="alert"' in wrong.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    done = here.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "new-Pass-2026",
            "new_password2": "new-Pass-2026",
        },
    )
    assert done.status_code == 302 and done["Location"] == "/accounts/security/"
    user.refresh_from_db()
    assert user.check_password("new-Pass-2026")
    assert _logged_in(here) and not _logged_in(there)
    assert AuditEvent.objects.filter(
        action=Action.ACCOUNT_PASSWORD_CHANGE, actor=user, object_id=str(user.pk)
    ).exists()


def test_log_out_everywhere_ends_every_other_session_after_the_password() -> None:
    user = _user()
    here, phone, laptop = Client(), Client(), Client()
    for client in (here, phone, laptop):
        client.force_login(user)
    wrong = here.post("/accounts/security/", {"password": "not-it"})
    assert wrong.status_code == 200 and "Неверный пароль." in wrong.content.decode()
    assert _logged_in(phone) and _logged_in(laptop)
    assert not AuditEvent.objects.filter(action=Action.ACCOUNT_LOGOUT_EVERYWHERE).exists()
    done = here.post("/accounts/security/", {"password": PASSWORD}, follow=True)
    assert "Сеансы на всех других устройствах завершены." in done.content.decode()
    assert _logged_in(here)
    assert not _logged_in(phone) and not _logged_in(laptop)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)  # the password itself is unchanged
    assert (
        AuditEvent.objects.filter(action=Action.ACCOUNT_LOGOUT_EVERYWHERE, actor=user).count() == 1
    )


# ----------------------------------------------------------------------------- error reports

SECRET = "Secret-Pass-42-xyz"
PERSONAL = "Иванова Мария Петровна"


class _Explodes:
    """A user object that fails when the view first asks who is logged in."""

    @property
    def is_authenticated(self) -> bool:
        raise RuntimeError("boom")

    is_anonymous = is_authenticated


UID = uuid.UUID("23d89a2a-51e0-4304-aaab-cee37775a7ce")  # fixed: xdist workers collect the same ids
VIEWS_WITH_SECRETS = [
    "/accounts/login/",
    "/accounts/register/",
    "/accounts/password/",
    "/accounts/security/",
    "/accounts/password-reset/",
    "/accounts/reset/MQ/set-password/",
    "/me/questionnaire/",
    f"/c/{UID}/apply/",
    f"/a/{UID}/change/",
    # issue 13: every other view taking a password, a code or personal data
    "/accounts/confirm/",
    "/accounts/second-factor/",
    "/accounts/second-factor/setup/",
    f"/a/{UID}/withdraw/",
    f"/desk/c/{UID}/commissions/",
    f"/desk/c/{UID}/commissions/member/1/",
    f"/desk/a/{UID}/",
    f"/desk/reserve/{UID}/",
    f"/desk/reserve/{UID}/plan/",
    "/me/reserve/",
]


@pytest.mark.parametrize("url", VIEWS_WITH_SECRETS)
def test_error_reports_never_carry_the_posted_password_or_personal_data(url: str) -> None:
    fields = {
        "username": "petrov",
        "password": SECRET,
        "password1": SECRET,
        "password2": SECRET,
        "old_password": SECRET,
        "new_password1": SECRET,
        "new_password2": SECRET,
        "email": "maria@example.org",
        "last_name": PERSONAL,
        "token": SECRET,
        "full_name": PERSONAL,
    }
    request = RequestFactory().post(url, fields)
    request.user = _Explodes()  # type: ignore[assignment]
    request.session = Client().session
    match = resolve(url)
    try:
        response = match.func(request, *match.args, **match.kwargs)
        getattr(response, "render", lambda: None)()  # a class-based view's template, lazily
    except Exception:
        info = sys.exc_info()
    else:  # pragma: no cover - every one of these views asks who the user is
        pytest.fail(f"{url} did not fail")
    hidden = SafeExceptionReporterFilter().get_post_parameters(request)
    assert hidden["password"] != SECRET
    report = ExceptionReporter(request, *info).get_traceback_text()
    assert SECRET not in report
    assert "POST" in report
    assert PERSONAL not in report and "maria@example.org" not in report
