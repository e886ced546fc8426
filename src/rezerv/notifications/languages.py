"""The language a user's messages are written in (issue 15): the one they chose for the
interface, else the regulation's own language (a campaign's message), else the site's."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from rezerv.notifications.models import LanguagePreference
from rezerv.selection.models import Campaign


def known(language: Any) -> bool:
    return isinstance(language, str) and language in dict(settings.LANGUAGES)


def remember(user: Any, language: Any) -> None:
    """Keep the language a signed-in user chose (an unknown one is ignored)."""
    if not getattr(user, "is_authenticated", False) or not known(language):
        return
    LanguagePreference.objects.update_or_create(user=user, defaults={"language": language})


def preferred(user: Any) -> str:
    """The language the user chose, or empty."""
    if getattr(user, "pk", None) is None:
        return ""
    found = LanguagePreference.objects.filter(user_id=user.pk).values_list("language", flat=True)
    return next(iter(found), "")


def for_message(recipient: Any, campaign: Campaign | None) -> str:
    """The language of a message to ``recipient``: their choice, else the campaign's
    regulation's own language, else the site's."""
    chosen = preferred(recipient)
    if chosen:
        return chosen
    if campaign is not None:
        own = str(campaign.regulation.load().regulation.language or "")
        if known(own):
            return own
    return str(settings.LANGUAGE_CODE)


@receiver(user_logged_in)
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Signing in with a language chosen before (the language cookie) keeps it as the user's."""
    cookies = getattr(request, "COOKIES", None) or {}
    remember(user, cookies.get(settings.LANGUAGE_COOKIE_NAME))
