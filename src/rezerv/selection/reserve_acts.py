"""Writes of the reserve after the decision (issue 10): exclusion on a ground of the regulation
(BR-21, PK-9), re-inclusion when the regulation allows it (BR-13) and the expiry of the term
(BR-2, KM-18, TP-12).

Each is one transaction that changes the entry, keeps the act (``ReserveAct``) and writes its
audit record.  ``expire_due`` is a plain function: the ``expire_reserve`` management command
runs it daily, and a scheduled task of the background worker can call it the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext

from rezerv.engine.factrefs import fact_conditions
from rezerv.engine.reserve import (
    ReserveError,
    ReserveMember,
    exclusion,
    ground,
    may_re_include,
)
from rezerv.engine.schema import Regulation
from rezerv.selection.models import ReserveEntry
from rezerv.selection.reserve_models import ActKind, ReserveAct
from rezerv.selection.reserve_registry import membership_end, membership_term
from rezerv.selection.services import ServiceError, audit

BASIS_MAX = 300


def _date(day: dt.date) -> str:
    return str(formats.date_format(day, "d.m.Y"))


def _locked(entry: ReserveEntry) -> ReserveEntry:
    return (
        ReserveEntry.objects.select_for_update()
        .select_related("campaign__regulation")
        .get(pk=entry.pk)
    )


def _basis(basis: str) -> str:
    text = (basis or "").strip()
    if not text:
        raise ServiceError(
            gettext("Укажите приказ или протокол (номер и дату), на котором основано решение."),
            field="basis",
        )
    if len(text) > BASIS_MAX:
        raise ServiceError(gettext("Не более %(n)s знаков.") % {"n": BASIS_MAX}, field="basis")
    return text


def _not_before_inclusion(entry: ReserveEntry, on: dt.date) -> None:
    if entry.included_on is not None and on < entry.included_on:
        raise ServiceError(
            gettext("Дата не может быть раньше дня включения в резерв (%(date)s).")
            % {"date": _date(entry.included_on)},
            field="on",
        )


def _not_in_future(on: dt.date, today: dt.date) -> None:
    if on > today:
        raise ServiceError(
            gettext("Дата не может быть позже сегодняшнего дня (%(date)s).")
            % {"date": _date(today)},
            field="on",
        )


@transaction.atomic
def reserve_exclude(
    *,
    actor: Any,
    entry: ReserveEntry,
    ground_id: str,
    on: dt.date,
    basis: str,
    today: dt.date,
) -> ReserveAct:
    """Exclude a member on a ground of the regulation's list (BR-21, PK-9) from ``on``, on the
    order or protocol ``basis``; audited as ``reserve.exclude``."""
    locked = _locked(entry)
    reg = locked.campaign.regulation.load().regulation
    if reg.reserve is None or not reg.reserve.exclusion_grounds:
        raise ServiceError(gettext("Регламент не устанавливает оснований исключения из резерва."))
    if locked.excluded_on is not None:
        raise ServiceError(
            gettext("Член резерва уже исключён из резерва %(date)s.")
            % {"date": _date(locked.excluded_on)}
        )
    try:
        ground(reg.reserve, ground_id)
    except ReserveError as exc:
        raise ServiceError(
            gettext("Выберите основание исключения из перечня регламента."), field="ground"
        ) from exc
    _not_in_future(on, today)
    _not_before_inclusion(locked, on)
    return record_exclusion(
        actor=actor, entry=locked, ground_id=ground_id, on=on, basis=_basis(basis)
    )


def record_exclusion(
    *,
    actor: Any,
    entry: ReserveEntry,
    ground_id: str,
    on: dt.date,
    basis: str,
    changes: dict[str, Any] | None = None,
) -> ReserveAct:
    """Record the exclusion of ``entry`` (locked, checked by the caller) on a ground of the
    regulation's list: the entry, its act and the ``reserve.exclude`` audit record with the day
    re-inclusion becomes possible (BR-13) and the caller's ``changes`` (a review's number)."""
    reg = entry.campaign.regulation.load().regulation
    member = ReserveMember(id=str(entry.pk), included_on=entry.included_on or on)
    record = exclusion(reg, ground_id, on, member=member)
    entry.excluded_on = on
    entry.exclusion_ground = ground_id
    entry.save(update_fields=["excluded_on", "exclusion_ground"])
    act = ReserveAct.objects.create(
        entry=entry,
        kind=ActKind.EXCLUSION,
        ground=ground_id,
        on=on,
        basis=basis,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(
        actor=actor,
        action="reserve.exclude",
        obj=entry,
        campaign=entry.campaign,
        changes={
            "ground": ground_id,
            "date": on,
            "basis": basis,
            "re_inclusion_from": record.re_inclusion_from,
            **(changes or {}),
        },
    )
    return act


def re_inclusion_facts(reg: Regulation, ground_id: str) -> list[tuple[str, str]]:
    """The yes/no facts the regulation's re-inclusion conditions for ``ground_id`` read (BR-13:
    successful performance at the new post), as (fact, title): HR confirms them on the card."""
    reserve = reg.reserve
    if reserve is None:
        return []
    titles = {f.id: (f.title, f.type) for f in reg.facts}
    out: list[tuple[str, str]] = []
    for ri in reserve.re_inclusion:
        if ri.after_ground != ground_id or ri.condition is None:
            continue
        for cond, _path in fact_conditions(ri.condition, ()):
            title, kind = titles.get(cond.fact, (cond.fact, ""))
            if kind == "bool" and all(cond.fact != f for f, _t in out):
                out.append((cond.fact, title))
    return out


@transaction.atomic
def reserve_re_include(
    *,
    actor: Any,
    entry: ReserveEntry,
    on: dt.date,
    basis: str,
    today: dt.date,
    facts: Mapping[str, Any] | None = None,
) -> ReserveAct:
    """Include an excluded member again from ``on``, when the regulation allows it on that day
    (BR-13: not before a year after the exclusion on appointment, and only on successful
    performance); the term starts anew.  Audited as ``reserve.re_include``."""
    locked = _locked(entry)
    reg = locked.campaign.regulation.load().regulation
    if locked.excluded_on is None:
        raise ServiceError(gettext("Член резерва не исключён из резерва."))
    if not locked.exclusion_ground:
        raise ServiceError(
            gettext(
                "Срок нахождения в резерве истёк: повторное включение возможно только по "
                "итогам нового отбора."
            )
        )
    _not_in_future(on, today)
    if on < locked.excluded_on:
        raise ServiceError(
            gettext("Дата не может быть раньше дня исключения из резерва (%(date)s).")
            % {"date": _date(locked.excluded_on)},
            field="on",
        )
    text = _basis(basis)
    ok, why = may_re_include(reg, locked.exclusion_ground, locked.excluded_on, on, facts or {})
    if not ok:
        rules = ", ".join(why.rules)
        if why.code == "re_inclusion_too_early":
            earliest = dt.date.fromisoformat(str(why.params["earliest"]))
            raise ServiceError(
                gettext(
                    "Повторное включение возможно не ранее %(date)s (%(rules)s): по этому "
                    "основанию исключения регламент устанавливает срок."
                )
                % {"date": _date(earliest), "rules": rules},
                field="on",
            )
        requirement = str(why.params.get("requirement") or "")
        raise ServiceError(
            gettext("Не подтверждено условие повторного включения (%(rules)s): %(requirement)s.")
            % {"rules": rules, "requirement": requirement}
        )
    previous_from, previous_until = locked.included_on, locked.until
    ground_id = locked.exclusion_ground
    locked.included_on = on
    locked.until = membership_end(reg.reserve, on)
    locked.excluded_on = None
    locked.exclusion_ground = ""
    locked.save(update_fields=["included_on", "until", "excluded_on", "exclusion_ground"])
    act = ReserveAct.objects.create(
        entry=locked,
        kind=ActKind.RE_INCLUSION,
        on=on,
        basis=text,
        previous_included_on=previous_from,
        previous_until=previous_until,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(
        actor=actor,
        action="reserve.re_include",
        obj=locked,
        campaign=locked.campaign,
        changes={
            "date": on,
            "basis": text,
            "ground": ground_id,
            "included_on": on,
            "until": locked.until,
            "confirmed": sorted(k for k, v in (facts or {}).items() if v),
        },
    )
    return act


def expire_due(*, today: dt.date, actor: Any = None) -> int:
    """End the membership of every member whose term is over by ``today`` (the day after the
    term's last day: BR-2, KM-18, TP-12): excluded from that day, the act and an audit record
    ``reserve.expire`` each, one transaction per member.  Idempotent: an excluded member is
    left alone, so running it twice (or daily) changes nothing more.  Returns how many ended."""
    due = (
        ReserveEntry.objects.filter(
            excluded_on__isnull=True,
            until__isnull=False,
            until__lt=today,
            decision__superseded_at__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    ended = 0
    for pk in list(due):
        with transaction.atomic():
            entry = (
                ReserveEntry.objects.select_for_update()
                .select_related("campaign__regulation")
                .get(pk=pk)
            )
            if entry.excluded_on is not None or entry.until is None or entry.until >= today:
                continue  # changed meanwhile
            _term, rules = membership_term(entry.campaign.regulation.load().regulation.reserve)
            on = entry.until + dt.timedelta(days=1)
            entry.excluded_on = on
            entry.exclusion_ground = ""
            entry.save(update_fields=["excluded_on", "exclusion_ground"])
            ReserveAct.objects.create(entry=entry, kind=ActKind.EXPIRY, on=on, recorded_by=None)
            audit(
                actor=actor,
                action="reserve.expire",
                obj=entry,
                campaign=entry.campaign,
                changes={"until": entry.until, "date": on, "rules": list(rules)},
            )
            ended += 1
    return ended
