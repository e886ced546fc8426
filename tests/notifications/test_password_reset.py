"""Password reset (issue 12) with Django's own views: the letter goes through the outbox and the
real worker to a real SMTP server; the link sets a new password; requests are throttled."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from rezerv.notifications.models import Notification
from tests.notifications.conftest import Mailbox, Workers, body_of, wait_for


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def _user() -> User:
    return User.objects.create_user("ivanov", email="ivanov@example.org", password="old-Pass-1")


def test_password_reset_end_to_end(workers: Workers, smtp: tuple[Mailbox, int]) -> None:
    box, _ = smtp
    _user()
    client = Client()
    login = client.get("/accounts/login/")
    assert 'href="/accounts/password-reset/"' in login.content.decode()
    response = client.post("/accounts/password-reset/", {"email": "ivanov@example.org"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password-reset/sent/"
    workers.start()
    wait_for(lambda: box.messages)
    [message] = box.messages
    assert message["X-Envelope-To"] == "ivanov@example.org"
    body = body_of(message)
    link = re.search(r"http://\S+/accounts/reset/\S+/", body)
    assert link is not None, body
    # the secret link is not kept in the outbox once the letter is sent
    wait_for(lambda: Notification.objects.get().state == Notification.SENT)
    assert Notification.objects.get().body == ""
    path = link.group(0).split("127.0.0.1:8000", 1)[1]
    form = client.get(path, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"new_password1": "new-Pass-2026", "new_password2": "new-Pass-2026"},
        follow=True,
    )
    assert done.status_code == 200
    assert Client().login(username="ivanov", password="new-Pass-2026")
    assert not Client().login(username="ivanov", password="old-Pass-1")
    # the link works once
    again = client.get(path, follow=True)
    assert "new_password1" not in again.content.decode()


def test_password_reset_is_throttled_per_address(db: None, settings: object) -> None:
    _user()
    client = Client()
    for _ in range(3):
        ok = client.post("/accounts/password-reset/", {"email": "ivanov@example.org"})
        assert ok.status_code == 302
    assert Notification.objects.count() == 3
    refused = client.post("/accounts/password-reset/", {"email": "ivanov@example.org"})
    assert refused.status_code == 200
    assert "Слишком много запросов" in refused.content.decode()
    assert Notification.objects.count() == 3


def test_password_reset_is_throttled_per_ip_across_addresses(db: None) -> None:
    _user()
    client = Client()
    for n in range(3):
        client.post("/accounts/password-reset/", {"email": f"nobody{n}@example.org"})
    refused = client.post("/accounts/password-reset/", {"email": "ivanov@example.org"})
    assert "Слишком много запросов" in refused.content.decode()
    assert Notification.objects.count() == 0
    # another IP address is not held back by this one
    other = Client(REMOTE_ADDR="10.0.0.7").post(
        "/accounts/password-reset/", {"email": "ivanov@example.org"}
    )
    assert other.status_code == 302 and Notification.objects.count() == 1


def test_password_reset_pages_in_kazakh(db: None) -> None:
    client = Client()
    client.cookies["django_language"] = "kk"
    page = client.get("/accounts/password-reset/").content.decode()
    assert "Восстановление пароля" not in page
