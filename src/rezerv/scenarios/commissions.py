"""Commissions of a scenario and their members, formed at the HR desk."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TypedDict

from django.contrib.auth.models import User

from rezerv.scenarios import people
from rezerv.selection import services
from rezerv.selection.models import Campaign, CommissionMember


class Flags(TypedDict, total=False):
    """What a member is besides their role (the composition rules count them, e.g. KM-2)."""

    civil_servant: bool
    independent: bool
    public_council: bool


@dataclass(frozen=True)
class Seat:
    """A member as the HR desk adds them: ``key`` names them in the scenario, ``login`` is their
    username (``key`` when empty; an existing login sits again)."""

    key: str
    full_name: str
    post: str = ""
    role: str = "member"
    civil_servant: bool = False
    independent: bool = False
    public_council: bool = False
    login: str = ""


def roster(
    rows: Iterable[tuple[str, str, str]],
    *,
    civil_servants: int = 0,
    independent: Collection[str] = (),
    suffix: str = "",
) -> list[Seat]:
    """A chair (the first row), members and a secretary (the last row), each ``(key, full name,
    post)``: the first ``civil_servants`` are civil servants, the ``independent`` keys independent
    experts; ``suffix`` ends every login."""
    rows = list(rows)
    last = len(rows) - 1
    return [
        Seat(
            key,
            name,
            post,
            "chair" if i == 0 else "secretary" if i == last else "member",
            civil_servant=i < civil_servants,
            independent=key in independent,
            login=f"{key}{suffix}",
        )
        for i, (key, name, post) in enumerate(rows)
    ]


def commission(
    hr: User,
    campaign: Campaign,
    *,
    rule_id: str,
    name: str,
    stages: list[str],
    seats: Iterable[Seat],
    scope: str = "",
    password: str | None,
) -> dict[str, CommissionMember]:
    """The commission (audit ``commission.create``) and its members by key, in seat order."""
    formed = services.commission_create(
        actor=hr, campaign=campaign, rule_id=rule_id, name=name, stages=stages, scope=scope
    )
    members = {}
    for seat in seats:
        members[seat.key] = services.commission_add_member(
            actor=hr,
            commission=formed,
            user=people.login_for(seat.login or seat.key, seat.full_name, password=password),
            full_name=seat.full_name,
            post=seat.post,
            role=seat.role,
            civil_servant=seat.civil_servant,
            independent=seat.independent,
            public_council=seat.public_council,
        )
    return members
