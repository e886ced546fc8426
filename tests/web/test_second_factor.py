"""The second factor (issue 13, «Login»: TOTP, django-otp): enrolment with a QR code, the code
after the password, recovery codes, re-authentication by the code, and the requirement for
officials (``REZERV_SECOND_FACTOR_REQUIRED``). Tokens are computed as an authenticator app does."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from rezerv.selection import second_factor
from rezerv.selection.audit import Action
from rezerv.selection.models import AuditEvent
from rezerv.web.reauth import CONFIRMED_AT
from tests.web import factories as f

pytestmark = pytest.mark.django_db

SETUP = "/accounts/second-factor/setup/"
VERIFY = "/accounts/second-factor/"


def _code(device: TOTPDevice, ahead: int = 0) -> str:
    """The app's code now (``ahead`` steps later: a code not yet used, within the tolerance)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + ahead * device.step
    return f"{totp.token():06d}"


def _login(username: str, address: str = "10.0.0.7") -> Client:
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": username, "password": f.PASSWORD}, REMOTE_ADDR=address
    )
    assert response.status_code == 302
    return client


def _enrol(client: Client, user: Any) -> tuple[TOTPDevice, list[str]]:
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html  # the QR code, inline
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "otpauth://totp/" in device.config_url
    done = client.post(SETUP, {"token": _code(device)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    device.refresh_from_db()
    assert device.confirmed
    return device, codes


@pytest.fixture
def hr() -> Any:
    return f.hr_user(f.body())


def test_enrolment_shows_a_qr_code_and_issues_ten_recovery_codes(hr: Any) -> None:
    client = _login("hr")
    _, codes = _enrol(client, hr)
    assert len(codes) == second_factor.RECOVERY_CODES == len(set(codes))
    assert AuditEvent.objects.filter(action=Action.ACCOUNT_SECOND_FACTOR_ENROL).count() == 1
    # the session that enrolled is verified: the desk opens
    assert client.get("/desk/").status_code == 200


def test_a_wrong_code_does_not_enrol(hr: Any) -> None:
    client = _login("hr")
    client.get(SETUP)
    response = client.post(SETUP, {"token": "000000x"})
    assert "Код не подошёл" in response.content.decode()
    assert not second_factor.enrolled(hr)


def test_after_the_password_an_enrolled_user_gives_the_code_before_anything_else(hr: Any) -> None:
    device, _ = _enrol(_login("hr"), hr)
    client = _login("hr", "10.0.0.8")
    held = client.get("/desk/")
    assert held.status_code == 302 and held["Location"].startswith(VERIFY)
    assert client.get("/api/applications/").status_code == 403  # the API too
    wrong = client.post(VERIFY, {"token": "123456", "next": "/desk/"})
    assert "Код не подошёл" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp's back-off after the wrong code
    device.save()
    right = client.post(VERIFY, {"token": _code(device, ahead=1), "next": "/desk/"})
    assert right.status_code == 302 and right["Location"] == "/desk/"
    assert client.get("/desk/").status_code == 200
    assert client.get("/api/applications/").status_code == 200


def test_a_recovery_code_replaces_the_app_once(hr: Any) -> None:
    _, codes = _enrol(_login("hr"), hr)
    first = _login("hr", "10.0.0.8")
    assert first.post(VERIFY, {"token": codes[0].upper()}).status_code == 302
    assert first.get("/desk/").status_code == 200
    assert AuditEvent.objects.filter(action=Action.ACCOUNT_RECOVERY_CODE_USED).count() == 1
    again = _login("hr", "10.0.0.9")
    response = again.post(VERIFY, {"token": codes[0]})
    assert response.status_code == 200 and "Код не подошёл" in response.content.decode()
    assert second_factor.recovery_left(hr) == second_factor.RECOVERY_CODES - 1


def test_reauthentication_accepts_the_apps_code(hr: Any) -> None:
    client = _login("hr")
    device, _ = _enrol(client, hr)
    session = client.session
    session[CONFIRMED_AT] = int(time.time()) - 3600
    session.save()
    page = client.get("/accounts/confirm/?next=/desk/")
    assert 'name="token"' in page.content.decode()
    response = client.post(
        "/accounts/confirm/", {"token": _code(device, ahead=1), "next": "/desk/"}
    )
    assert response.status_code == 302 and response["Location"] == "/desk/"
    assert abs(client.session[CONFIRMED_AT] - time.time()) < 5


@override_settings(REZERV_SECOND_FACTOR_REQUIRED=True)
def test_when_required_officials_enrol_first_and_candidates_do_not(hr: Any) -> None:
    client = _login("hr")
    held = client.get("/desk/")
    assert held.status_code == 302 and held["Location"].startswith(SETUP)
    assert client.get(SETUP).status_code == 200
    f.candidate("cand", "Петров", "Пётр")
    assert _login("cand", "10.0.0.3").get("/me/").status_code == 200


def test_off_by_default_the_password_alone_opens_the_desk(hr: Any) -> None:
    """``make demo``: REZERV_SECOND_FACTOR_REQUIRED is off, the demo logins need no phone."""
    assert _login("hr").get("/desk/").status_code == 200


def test_new_recovery_codes_replace_the_old(hr: Any) -> None:
    client = _login("hr")
    _, old = _enrol(client, hr)
    page = client.post("/accounts/second-factor/codes/")
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", page.content.decode())
    assert len(new) == second_factor.RECOVERY_CODES and not set(new) & set(old)
    assert client.get("/accounts/security/").status_code == 200


def test_a_right_code_during_the_back_off_is_told_to_wait_not_called_wrong(hr: Any) -> None:
    """django-otp refuses any code for a few seconds after a wrong one: the page says so, instead
    of calling the right code wrong."""
    device, _ = _enrol(_login("hr"), hr)
    client = _login("hr", "10.0.0.9")
    wrong = client.post(VERIFY, {"token": "123456", "next": "/desk/"})
    assert "Код не подошёл" in wrong.content.decode()
    soon = client.post(VERIFY, {"token": _code(device, ahead=1), "next": "/desk/"})
    assert "подождите несколько секунд" in soon.content.decode()
    assert "Код не подошёл" not in soon.content.decode()
    assert client.get("/desk/").status_code == 302  # still not verified
