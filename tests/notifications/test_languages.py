"""Messages in the recipient's language (issue 15): the language a user chose in the header
(signed in, or before signing in) is the language of their messages; without a choice, the
regulation's own language."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from rezerv.notifications import languages, outbox
from rezerv.notifications.defaults import ADMITTED
from rezerv.notifications.models import LanguagePreference, Notification
from rezerv.notifications.rendering import render

pytestmark = pytest.mark.django_db
CONTEXT = {"name": "Айгерим Ахметова", "campaign": "Пул талантов", "link": "-"}


def _user(username: str = "aigerim") -> User:
    return User.objects.create_user(username, password="pass-Word-1")


def _message(user: User) -> Notification:
    [n] = outbox.notify(
        recipient=user, key=ADMITTED, context=CONTEXT, channels=[Notification.IN_APP]
    )
    return n


def test_a_user_who_chose_kazakh_receives_messages_in_kazakh() -> None:
    user = _user()
    client = Client()
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "kk", "next": "/"})
    message = _message(user)
    assert message.language == "kk"
    assert (message.subject, message.body) == render(ADMITTED, "kk", CONTEXT)
    assert message.subject != render(ADMITTED, "ru", CONTEXT)[0]
    # a later choice replaces it
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert _message(user).language == "en"


def test_the_language_chosen_before_signing_in_is_kept() -> None:
    user = _user()
    client = Client()
    client.post("/i18n/setlang/", {"language": "kk", "next": "/"})  # not yet signed in
    assert not LanguagePreference.objects.exists()
    response = client.post("/accounts/login/", {"username": "aigerim", "password": "pass-Word-1"})
    assert response.status_code == 302
    assert languages.preferred(user) == "kk"


def test_an_unknown_language_is_ignored() -> None:
    user = _user()
    client = Client()
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert languages.preferred(user) == ""


def test_without_a_choice_the_regulations_own_language_then_the_sites() -> None:
    user = _user()
    campaign = SimpleNamespace(
        regulation=SimpleNamespace(
            load=lambda: SimpleNamespace(regulation=SimpleNamespace(language="kk"))
        )
    )
    assert languages.for_message(user, campaign) == "kk"  # type: ignore[arg-type]
    assert languages.for_message(user, None) == settings.LANGUAGE_CODE
    assert _message(user).language == settings.LANGUAGE_CODE
    languages.remember(user, "en")
    assert languages.for_message(user, campaign) == "en"  # type: ignore[arg-type]
