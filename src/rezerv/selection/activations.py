"""Which version of a regulation is in force, and putting versions in force (issue 9 §1).

Rules change by decree: a version is put in force from a day (``regulation_activate``), today
or later; a new campaign takes the version of its code in force on the day it is created, and a
campaign keeps the version it started with.  An earlier version may be put in force again (a
return to the previous text, a revoked amendment).  An activation whose day has not come yet
can be moved to another day or withdrawn, with a reason (``regulation_reschedule``,
``regulation_withdraw``); one whose day has come is history: campaigns may have been created
under it.  Every change is audited with its before and after.

Selectors: ``activation_in_force``, ``regulation_in_force``, ``regulations_in_force``,
``regulation_overview``, ``version_state``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext

from rezerv.selection.models import RegulationActivation, RegulationVersion
from rezerv.selection.services import ServiceError, audit

__all__ = [
    "CodeOverview",
    "activation_in_force",
    "regulation_activate",
    "regulation_in_force",
    "regulation_overview",
    "regulation_reschedule",
    "regulation_withdraw",
    "regulations_in_force",
    "version_state",
]


def _day(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


# --------------------------------------------------------------------------- selectors


def _standing() -> Any:
    """The activations not withdrawn."""
    return RegulationActivation.objects.filter(withdrawn_at=None)


def activation_in_force(code: str, day: dt.date | None = None) -> RegulationActivation | None:
    """The activation of ``code`` in force on ``day``: the latest ``effective_from`` on or
    before it (of two on the same day, the one made last)."""
    day = day or timezone.localdate()
    found: RegulationActivation | None = (
        _standing()
        .filter(version__code=code, effective_from__lte=day)
        .select_related("version")
        .order_by("-effective_from", "-pk")
        .first()
    )
    return found


def regulation_in_force(code: str, day: dt.date | None = None) -> RegulationVersion | None:
    """The version of ``code`` in force on ``day`` (None: no version is)."""
    found = activation_in_force(code, day)
    return found.version if found is not None else None


def regulations_in_force(day: dt.date | None = None) -> list[RegulationVersion]:
    """One version per code, the one in force on ``day``, by code."""
    day = day or timezone.localdate()
    codes = _standing().filter(effective_from__lte=day).values_list("version__code", flat=True)
    found = [regulation_in_force(code, day) for code in sorted(set(codes))]
    return [v for v in found if v is not None]


def scheduled_activation(version: RegulationVersion, day: dt.date) -> RegulationActivation | None:
    """The version's activation whose day is still to come (at most one stands)."""
    found: RegulationActivation | None = (
        _standing().filter(version=version, effective_from__gt=day).order_by("pk").last()
    )
    return found


def version_state(
    version: RegulationVersion, in_force: RegulationVersion | None, day: dt.date
) -> str:
    """``in_force``, ``scheduled`` (a day to come), ``pending`` (never put in force) or
    ``replaced`` (was in force, another version is now)."""
    if in_force is not None and version.pk == in_force.pk:
        return "in_force"
    standing = [a for a in version.activations.all() if a.withdrawn_at is None]
    if any(a.effective_from > day for a in standing):
        return "scheduled"
    if not standing:
        return "pending"
    return "replaced"


def version_day(version: RegulationVersion, state: str, day: dt.date) -> dt.date | None:
    """The day the state speaks of: since when in force, when it comes into force, or the last
    day it was put in force from."""
    standing = sorted(
        (a for a in version.activations.all() if a.withdrawn_at is None),
        key=lambda a: (a.effective_from, a.pk),
    )
    if state == "scheduled":
        return next((a.effective_from for a in standing if a.effective_from > day), None)
    past = [a.effective_from for a in standing if a.effective_from <= day]
    return past[-1] if past else None


@dataclass
class CodeOverview:
    code: str
    title: str
    in_force: RegulationVersion | None
    versions: list[Any] = field(default_factory=list)  # each with .campaign_count, .state, .day


def regulation_overview(day: dt.date | None = None) -> list[CodeOverview]:
    """Every code with its versions (newest first), which one is in force, the day each state
    speaks of and the number of campaigns on each."""
    day = day or timezone.localdate()
    rows = (
        RegulationVersion.objects.annotate(campaign_count=Count("campaigns"))
        .select_related("uploaded_by")
        .prefetch_related("activations")
        .defer("source_text")
        .order_by("code", "-pk")
    )
    out: dict[str, CodeOverview] = {}
    for version in rows:
        entry = out.setdefault(version.code, CodeOverview(version.code, version.title, None))
        entry.versions.append(version)
    for entry in out.values():
        entry.in_force = regulation_in_force(entry.code, day)
        if entry.in_force is not None:
            entry.title = entry.in_force.title
        for version in entry.versions:
            version.state = version_state(version, entry.in_force, day)
            version.day = version_day(version, version.state, day)
    return list(out.values())


# --------------------------------------------------------------------------- services


def _not_before_today(effective_from: dt.date, today: dt.date) -> None:
    if effective_from < today:
        raise ServiceError(
            gettext(
                "Дата вступления в силу не может быть раньше сегодняшнего дня: кампании, "
                "созданные раньше, уже работают по своей редакции."
            ),
            field="effective_from",
        )


@transaction.atomic
def regulation_activate(
    *, actor: Any, version: RegulationVersion, effective_from: dt.date, today: dt.date | None = None
) -> RegulationActivation:
    """Put a version in force from ``effective_from``, today or later (audit
    ``regulation.activate``): an uploaded one, or one in force before (a return to it).

    Refused for the version in force today and for one whose day is already set to come
    (move that day instead)."""
    today = today or timezone.localdate()
    locked = RegulationVersion.objects.select_for_update().get(pk=version.pk)
    if regulation_in_force(locked.code, today) == locked:
        raise ServiceError(gettext("Эта редакция уже действует."), field="effective_from")
    waiting = scheduled_activation(locked, today)
    if waiting is not None:
        raise ServiceError(
            gettext(
                "Эта редакция уже вступает в силу с %(day)s: перенесите эту дату или отмените её."
            )
            % {"day": _day(waiting.effective_from)},
            field="effective_from",
        )
    _not_before_today(effective_from, today)
    activation = RegulationActivation.objects.create(
        version=locked,
        effective_from=effective_from,
        activated_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(
        actor=actor,
        action="regulation.activate",
        obj=locked,
        changes={
            "code": locked.code,
            "version": locked.version,
            "effective_from": effective_from,
        },
    )
    return activation


def _scheduled_locked(activation: RegulationActivation, today: dt.date) -> RegulationActivation:
    """The activation, locked, if its day is still to come; otherwise a ServiceError."""
    locked = RegulationActivation.objects.select_for_update().get(pk=activation.pk)
    if locked.withdrawn_at is not None:
        raise ServiceError(gettext("Введение в действие уже отменено."))
    if locked.effective_from <= today:
        raise ServiceError(
            gettext(
                "Редакция действует с %(day)s: по ней могли быть созданы кампании, поэтому "
                "эту дату нельзя изменить. Введите в действие другую редакцию."
            )
            % {"day": _day(locked.effective_from)}
        )
    return locked


def _reason_given(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ServiceError(
            gettext("Укажите причину (например, реквизиты документа о переносе)."),
            field="reason",
        )
    return reason


@transaction.atomic
def regulation_reschedule(
    *,
    actor: Any,
    activation: RegulationActivation,
    effective_from: dt.date,
    reason: str,
    today: dt.date | None = None,
) -> RegulationActivation:
    """Move a day not yet come to another day, today or later (audit
    ``regulation.reschedule`` with before and after)."""
    today = today or timezone.localdate()
    reason = _reason_given(reason)
    locked = _scheduled_locked(activation, today)
    _not_before_today(effective_from, today)
    before = locked.effective_from
    if effective_from == before:
        raise ServiceError(
            gettext("Редакция и так вступает в силу с %(day)s.") % {"day": _day(before)},
            field="effective_from",
        )
    locked.effective_from = effective_from
    locked.save(update_fields=["effective_from"])
    audit(
        actor=actor,
        action="regulation.reschedule",
        obj=locked.version,
        changes={
            "code": locked.version.code,
            "version": locked.version.version,
            "before": {"effective_from": before},
            "after": {"effective_from": effective_from},
            "reason": reason,
        },
    )
    return locked


@transaction.atomic
def regulation_withdraw(
    *, actor: Any, activation: RegulationActivation, reason: str, today: dt.date | None = None
) -> RegulationActivation:
    """Withdraw an activation whose day has not come (audit ``regulation.withdraw``): the
    version goes back to the state it had before; the activation is kept, marked withdrawn."""
    today = today or timezone.localdate()
    reason = _reason_given(reason)
    locked = _scheduled_locked(activation, today)
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.withdrawal_reason = reason
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    audit(
        actor=actor,
        action="regulation.withdraw",
        obj=locked.version,
        changes={
            "code": locked.version.code,
            "version": locked.version.version,
            "effective_from": locked.effective_from,
            "reason": reason,
        },
    )
    return locked
