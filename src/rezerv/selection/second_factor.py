"""The second factor of officials (issue 13, «Login»): a TOTP authenticator and recovery codes.

django-otp keeps the devices: one ``TOTPDevice`` (an authenticator app: RFC 6238, 6 digits,
30 s) and one ``StaticDevice`` whose tokens are the single-use recovery codes. Enrolment is in
two steps: :func:`enrol_start` makes an unconfirmed device (its secret shown as a QR code),
:func:`enrol_confirm` confirms it with a code the app shows and issues the recovery codes. Each
write is audited in its transaction, never with a secret or a code.

Who must use it (when ``REZERV_SECOND_FACTOR_REQUIRED`` is on): :func:`needs_second_factor` —
administrators, HR officers and secretaries (every ``Staff``), and commission members.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from rezerv.selection.audit import Action
from rezerv.selection.models import CommissionMember
from rezerv.selection.services import audit

RECOVERY_CODES = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def required() -> bool:
    return bool(getattr(settings, "REZERV_SECOND_FACTOR_REQUIRED", False))


def is_official(user: Any) -> bool:
    """An administrator, an HR officer or secretary, or a commission member."""
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False) or getattr(user, "staff", None) is not None:
        return True
    return CommissionMember.objects.filter(user=user).exists()


def needs_second_factor(user: Any) -> bool:
    return required() and is_official(user)


def authenticator(user: Any) -> TOTPDevice | None:
    """The user's confirmed authenticator, if enrolled."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolled(user: Any) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def recovery_left(user: Any) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def enrol_start(user: Any) -> TOTPDevice:
    """A new unconfirmed authenticator (its secret shown once); earlier unconfirmed ones go."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def pending(user: Any, device_id: int | None) -> TOTPDevice | None:
    if not device_id:
        return None
    return TOTPDevice.objects.filter(user=user, pk=device_id, confirmed=False).first()


def _new_codes(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def enrol_confirm(user: Any, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm ``device`` with a code of the app: the recovery codes, or None (wrong code)."""
    with transaction.atomic():
        if not device.verify_token(_digits(token)):
            return None
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_codes(user)
        audit(actor=user, action=Action.ACCOUNT_SECOND_FACTOR_ENROL, obj=user)
    return codes


def renew_recovery_codes(user: Any) -> list[str]:
    """New recovery codes; the old ones stop working."""
    with transaction.atomic():
        codes = _new_codes(user)
        audit(actor=user, action=Action.ACCOUNT_RECOVERY_CODES, obj=user)
    return codes


def throttled(user: Any, device: TOTPDevice | None = None) -> bool:
    """Whether the authenticator (``device``, else the user's own) is waiting out
    django-otp's back-off after a wrong code: a right code typed now would be refused too."""
    device = device if device is not None else authenticator(user)
    return device is not None and not device.verify_is_allowed()[0]


def _digits(token: str) -> str:
    return "".join(ch for ch in token if not ch.isspace())


def verify(user: Any, token: str) -> Device | None:
    """The device that accepts ``token`` (a 6-digit code or a recovery code), else None.

    django-otp throttles each device: after a wrong code the next try waits 1, 2, 4… seconds.
    A recovery code works once.
    """
    token = _digits(token)
    if not token:
        return None
    with transaction.atomic():
        devices: list[Device] = []
        if token.isdigit():
            devices.extend(TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True))
        else:
            devices.extend(
                StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)
            )
            token = token.lower()
        for device in devices:
            if device.verify_token(token):
                if isinstance(device, StaticDevice):
                    audit(actor=user, action=Action.ACCOUNT_RECOVERY_CODE_USED, obj=user)
                return device
    return None
