"""Registration (issue 13, «Login»): throttled per IP address, and passwords checked by Django's
validators (length, common passwords, similarity to the user, digits only)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/accounts/register/"


def _form(username: str, password: str = "Slozhnyi-Parol-42") -> dict[str, str]:
    return {
        "username": username,
        "password1": password,
        "password2": password,
        "last_name": "Кузнецов",
        "first_name": "Пётр",
        "patronymic": "",
        "email": f"{username}@example.org",
    }


def test_registration_is_throttled_per_ip_address_with_a_clear_message(settings: Any) -> None:
    settings.REZERV_REGISTRATIONS_PER_HOUR = 3
    cache.clear()
    client = Client()
    for n in range(3):
        response = client.post(URL, _form(f"user{n}"), REMOTE_ADDR="10.1.1.1")
        assert response.status_code == 302
        client.post("/accounts/logout/")
    refused = client.post(URL, _form("user3"), REMOTE_ADDR="10.1.1.1")
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Слишком много попыток регистрации с вашего адреса" in text
    assert not User.objects.filter(username="user3").exists()
    # another address is not affected
    other = Client().post(URL, _form("user4"), REMOTE_ADDR="10.1.1.2")
    assert other.status_code == 302
    cache.clear()


def test_the_counter_is_kept_under_a_hash_not_the_address(settings: Any) -> None:
    settings.REZERV_REGISTRATIONS_PER_HOUR = 3
    cache.clear()
    Client().post(URL, _form("someone"), REMOTE_ADDR="10.9.8.7")
    keys = list(getattr(cache, "_cache", {}).keys())
    assert keys and not any("10.9.8.7" in str(key) for key in keys)
    cache.clear()


@pytest.mark.parametrize(
    ("password", "words"),
    [
        ("Ab1-xyz", "слишком короткий"),
        ("password123", "слишком широко распространён"),
        ("1234567890123", "состоит только из цифр"),
        ("kuznetsov-pyotr", "похож на"),
    ],
)
def test_weak_passwords_are_refused_at_the_field(password: str, words: str) -> None:
    response = Client().post(URL, _form("kuznetsov-pyotr", password))
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not User.objects.exists()
