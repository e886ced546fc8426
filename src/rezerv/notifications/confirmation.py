"""E-mail confirmation on registration (issue 12): a signed, time-limited link (Django's
``signing``) sent through the outbox; following it records the address as confirmed.  The link
carries the user's number and a hash of the address, never the address; a link for an address
the user has since changed, a tampered one or one older than ``REZERV_EMAIL_CONFIRM_DAYS`` is
refused.  Sending is throttled like the password reset (per address and per IP an hour)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from rezerv.notifications import defaults, outbox
from rezerv.notifications.models import EmailConfirmation, Notification

SALT = "rezerv.notifications.email-confirmation"
HOUR = 3600


def address_digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


def token_for(user: Any) -> str:
    return signing.dumps({"u": user.pk, "h": address_digest(user.email)}, salt=SALT, compress=True)


def is_confirmed(user: Any) -> bool:
    row = EmailConfirmation.objects.filter(user=user).first()
    return row is not None and bool(user.email) and row.email.lower() == user.email.lower()


def throttled(email: str, ip: str) -> bool:
    """Count this sending; True when the address or the IP is over the hourly limit."""
    limit = settings.REZERV_PASSWORD_RESET_PER_HOUR
    over = False
    for kind, value in (("email", email.strip().lower()), ("ip", ip)):
        key = "email-confirm:" + kind + ":" + hashlib.sha256(value.encode()).hexdigest()
        cache.add(key, 0, HOUR)
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, HOUR)
            count = 1
        over = over or count > limit
    return over


def send(user: Any, ip: str) -> bool:
    """Send the letter with the link; False (nothing sent) when throttled or no address."""
    if not user.email or throttled(user.email, ip):
        return False
    path = reverse("email_confirm", kwargs={"token": token_for(user)})
    person = getattr(user, "person", None)
    with transaction.atomic():
        outbox.notify(
            recipient=user,
            key=defaults.EMAIL_CONFIRM,
            context={
                "name": person.full_name if person else user.get_username(),
                "link": f"{str(settings.REZERV_SITE_URL).rstrip('/')}{path}",
                "days": str(settings.REZERV_EMAIL_CONFIRM_DAYS),
            },
            channels=[Notification.EMAIL],
            language=translation.get_language() or str(settings.LANGUAGE_CODE),
            keep_body=False,
        )
    return True


def confirm(token: str) -> Any:
    """The user whose address the link confirms (recorded), or None for a bad link."""
    try:
        data = signing.loads(
            token, salt=SALT, max_age=settings.REZERV_EMAIL_CONFIRM_DAYS * 24 * HOUR
        )
    except signing.BadSignature:  # tampered or expired
        return None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or not user.email or address_digest(user.email) != data.get("h"):
        return None
    EmailConfirmation.objects.update_or_create(
        user=user, defaults={"email": user.email, "confirmed_at": timezone.now()}
    )
    return user
