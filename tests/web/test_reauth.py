"""Re-authentication, «sudo mode» (issue 13, «Results cannot change once decided»): a decision, a
vote record and an export of personal data need the password entered within the last
``REZERV_REAUTH_MINUTES``; the login counts as an entry."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.selection.audit import Action
from rezerv.selection.models import AuditEvent, Decision, Vote
from rezerv.web.reauth import CONFIRMED_AT
from tests.web import factories as f

pytestmark = pytest.mark.django_db

REASON = "Член комиссии исправил оценку с письменной мотивировкой"
CONFIRM = "/accounts/confirm/"


@pytest.fixture
def world() -> dict[str, Any]:
    w = f.km_world(timezone.localdate())
    f.reopen(w)  # a second decision of the stage is possible (issue 13)
    return w


def _login(w: dict[str, Any]) -> Client:
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "hr", "password": f.PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 302
    return client


def _age(client: Client, minutes: int) -> None:
    """The password was last entered ``minutes`` ago."""
    session = client.session
    session[CONFIRMED_AT] = int(time.time()) - minutes * 60
    session.save()


def _stale(client: Client) -> None:
    _age(client, settings.REZERV_REAUTH_MINUTES + 1)


def _meeting_url(w: dict[str, Any]) -> str:
    return reverse("desk_meeting", args=[w["meeting"].pk])


def _decide(client: Client, w: dict[str, Any]) -> Any:
    return client.post(
        _meeting_url(w),
        {"decide": "1", "reason": REASON, "expected": w["decision"].pk},
        HTTP_REFERER="http://testserver" + _meeting_url(w),
    )


def _next_of(location: str) -> str:
    parts = urlsplit(location)
    assert parts.path == CONFIRM
    return parse_qs(parts.query)["next"][0]


def test_a_fresh_login_counts_as_a_confirmation(world: dict[str, Any]) -> None:
    client = _login(world)
    _age(client, settings.REZERV_REAUTH_MINUTES - 1)  # still within the window
    before = Decision.objects.count()
    response = _decide(client, world)
    assert response.status_code == 302 and not response["Location"].startswith(CONFIRM)
    assert Decision.objects.count() == before + 1


def test_a_stale_session_is_sent_to_confirm_and_the_decision_is_not_made(
    world: dict[str, Any],
) -> None:
    client = _login(world)
    _stale(client)
    before = Decision.objects.count()
    response = _decide(client, world)
    assert response.status_code == 302
    # back to the page of the form, not a re-submission of the POST
    assert _next_of(response["Location"]) == _meeting_url(world)
    assert Decision.objects.count() == before
    page = client.get(response["Location"]).content.decode()
    assert "Подтвердите пароль" in page and "повторите его" in page


def test_a_stale_vote_record_is_refused_until_the_password_is_entered(
    world: dict[str, Any],
) -> None:
    client = _login(world)
    _stale(client)
    app = world["other_application"]
    form: dict[str, Any] = {"vote": "1", "application": app.pk, "question": "winner"}
    form.update({f"vote_{m.pk}": "against" for m in world["members"]})
    before = list(Vote.objects.filter(application=app).values_list("vote", flat=True))
    response = client.post(_meeting_url(world), form)
    assert response.status_code == 302 and response["Location"].startswith(CONFIRM)
    assert list(Vote.objects.filter(application=app).values_list("vote", flat=True)) == before


def test_a_wrong_password_is_refused_with_a_clear_message(world: dict[str, Any]) -> None:
    client = _login(world)
    _stale(client)
    before = Decision.objects.count()
    response = client.post(CONFIRM, {"password": "not-the-password", "next": _meeting_url(world)})
    assert response.status_code == 200
    assert "Неверный пароль" in response.content.decode()
    assert _decide(client, world)["Location"].startswith(CONFIRM)  # still not confirmed
    assert Decision.objects.count() == before
    assert not AuditEvent.objects.filter(action=Action.ACCOUNT_REAUTH).exists()
    empty = client.post(CONFIRM, {"password": "", "next": _meeting_url(world)})
    assert "Введите пароль" in empty.content.decode()


def test_the_right_password_lets_the_action_through_and_is_audited(
    world: dict[str, Any],
) -> None:
    client = _login(world)
    _stale(client)
    response = client.post(CONFIRM, {"password": f.PASSWORD, "next": _meeting_url(world)})
    assert response.status_code == 302 and response["Location"] == _meeting_url(world)
    event = AuditEvent.objects.filter(action=Action.ACCOUNT_REAUTH).get()
    assert event.actor_id == world["users"]["hr"].pk and event.changes == {}
    before = Decision.objects.count()
    assert _decide(client, world).status_code == 302
    assert Decision.objects.count() == before + 1


@pytest.mark.parametrize(
    "target",
    ["https://evil.example.org/", "//evil.example.org/desk/", "javascript:alert(1)"],
)
def test_the_next_address_cannot_leave_the_site(world: dict[str, Any], target: str) -> None:
    client = _login(world)
    _stale(client)
    page = client.get(CONFIRM, {"next": target}).content.decode()
    assert f'<input type="hidden" name="next" value="{reverse("start")}">' in page
    response = client.post(CONFIRM, {"password": f.PASSWORD, "next": target})
    assert response.status_code == 302 and response["Location"] == reverse("start")


def test_a_personal_data_export_waits_for_the_password_then_downloads(
    world: dict[str, Any],
) -> None:
    client = _login(world)
    _stale(client)
    url = reverse("sheets_export", args=[world["campaign"].uid, "rating"])
    response = client.get(url)
    assert response.status_code == 302 and _next_of(response["Location"]) == url
    audit = reverse("desk_audit_export", args=[world["campaign"].uid])
    assert client.get(audit)["Location"].startswith(CONFIRM)
    confirmed = client.post(CONFIRM, {"password": f.PASSWORD, "next": url})
    assert confirmed["Location"] == url
    download = client.get(url)
    assert download.status_code == 200 and download["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )


def test_failed_confirmations_count_towards_the_login_lockout(world: dict[str, Any]) -> None:
    client = _login(world)
    _stale(client)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(CONFIRM, {"password": "wrong"}, REMOTE_ADDR="10.0.0.9")
        assert response.status_code == 200
    locked = client.post(CONFIRM, {"password": "wrong"}, REMOTE_ADDR="10.0.0.9")
    assert locked.status_code == 429
    assert "Слишком много неудачных попыток" in locked.content.decode()
    # now even the right password is refused
    again = client.post(CONFIRM, {"password": f.PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert again.status_code == 429
    assert _decide(client, world)["Location"].startswith(CONFIRM)


def test_reopening_a_decision_needs_the_password_too() -> None:
    w = f.km_world(timezone.localdate())
    client = _login(w)
    _stale(client)
    decision = w["decision"]
    url = reverse("desk_decision_reopen", args=[w["campaign"].uid, decision.pk])
    response = client.post(url, {"reason": "Исправление ошибки в данных этапа"})
    assert response.status_code == 302 and response["Location"].startswith(CONFIRM)
    decision.refresh_from_db()
    assert decision.reopened_at is None
