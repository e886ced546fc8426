"""E-mail confirmation on registration (issue 12): the letter goes through the outbox and the
real worker to a real SMTP server; the signed link confirms the address; a tampered link, one
for a changed address or an expired one is refused; sending is throttled."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.core import signing
from django.core.cache import cache
from django.test import Client

from rezerv.notifications import confirmation
from rezerv.notifications.models import EmailConfirmation, Notification
from tests.notifications.conftest import Mailbox, Workers, body_of, wait_for

FORM = {
    "username": "ivanov",
    "password1": "Strong-Pass-2026",
    "password2": "Strong-Pass-2026",
    "last_name": "Иванов",
    "first_name": "Иван",
    "patronymic": "Иванович",
    "email": "ivanov@example.org",
}


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def test_registration_sends_the_link_and_the_link_confirms_the_address(
    workers: Workers, smtp: tuple[Mailbox, int]
) -> None:
    box, _ = smtp
    client = Client()
    response = client.post("/accounts/register/", FORM)
    assert response.status_code == 302
    user = User.objects.get(username="ivanov")
    assert not confirmation.is_confirmed(user)
    workers.start()
    wait_for(lambda: box.messages)
    [message] = box.messages
    assert message["X-Envelope-To"] == "ivanov@example.org"
    body = body_of(message)
    link = re.search(r"http://\S+/accounts/email/\S+/", body)
    assert link is not None, body
    assert "ivanov@example.org" not in link.group(0)  # no address in the URL
    wait_for(lambda: Notification.objects.get().state == Notification.SENT)
    assert Notification.objects.get().body == ""  # the link is not kept once sent
    path = link.group(0).split("127.0.0.1:8000", 1)[1]
    page = Client().get(path).content.decode()
    assert "Адрес электронной почты подтверждён." in page
    assert confirmation.is_confirmed(user)
    assert "Адрес электронной почты подтверждён." in client.get("/accounts/email/").content.decode()


@pytest.mark.django_db
def test_a_tampered_changed_or_expired_link_is_refused(settings: object) -> None:
    user = User.objects.create_user("ivanov", email="ivanov@example.org", password="x")
    token = confirmation.token_for(user)
    bad = Client().get(f"/accounts/email/{token[:-2]}xx/").content.decode()
    assert "Ссылка недействительна" in bad
    user.email = "new@example.org"
    user.save()
    assert "Ссылка недействительна" in Client().get(f"/accounts/email/{token}/").content.decode()
    assert not EmailConfirmation.objects.exists()
    old = signing.dumps(
        {"u": user.pk, "h": confirmation.address_digest(user.email)}, salt=confirmation.SALT
    )
    settings.REZERV_EMAIL_CONFIRM_DAYS = -1  # type: ignore[attr-defined]
    assert confirmation.confirm(old) is None


@pytest.mark.django_db
def test_sending_again_is_throttled() -> None:
    user = User.objects.create_user("ivanov", email="ivanov@example.org", password="x")
    client = Client()
    client.force_login(user)
    for _ in range(3):
        client.post("/accounts/email/")
    assert Notification.objects.count() == 3
    page = client.post("/accounts/email/", follow=True).content.decode()
    assert "слишком много запросов" in page
    assert Notification.objects.count() == 3
