"""What every procedure of the demo shares: its password, its day, its people's shape."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from rezerv.scenarios import commissions, people
from rezerv.scenarios.commissions import Flags
from rezerv.selection.models import CommissionMember, Person, Region, StateBody

DEMO_PASSWORD = "rezerv-demo"

# A member of a demo commission: login, full name, post, role, flags (civil_servant, …).
Row = tuple[str, str, str, str, Flags]
SERVANT: Flags = {"civil_servant": True}


@dataclass(frozen=True)
class Demo:
    """The day the demo is seeded (its dates are relative to it) and its regions by name."""

    today: dt.date
    regions: dict[str, Region]

    def days(self, n: int) -> dt.date:
        return self.today + dt.timedelta(days=n)


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def hr(username: str, body: StateBody, first: str, last: str) -> User:
    return people.hr(body, username, password=DEMO_PASSWORD, first=first, last=last)


def person_fields(username: str, *, country: str, birth: dt.date, iin: str = "") -> dict[str, Any]:
    """A demo candidate's person: of ``country``, with an e-mail and the questionnaire's
    languages."""
    languages = (
        ["казахский — свободно", "русский — свободно"]
        if country == "KZ"
        else ["английский — читаю и перевожу со словарём"]
    )
    return {
        "questionnaire": {"languages": languages},
        "birth_date": birth,
        "citizenship": country,
        "iin": iin,
        "email": f"{username}@example.{'kz' if country == 'KZ' else 'ru'}",
    }


def person(
    username: str,
    last: str,
    first: str,
    patronymic: str,
    *,
    country: str,
    birth: dt.date,
    iin: str = "",
) -> Person:
    fields = person_fields(username, country=country, birth=birth, iin=iin)
    return people.candidate(username, last, first, patronymic, password=DEMO_PASSWORD, **fields)


def commission(
    hr_user: User,
    campaign: Any,
    *,
    rule_id: str,
    name: str,
    stages: list[str],
    members: list[Row],
    scope: str = "",
) -> list[CommissionMember]:
    """The commission and its members in order (a login that exists sits again)."""
    seats = [
        commissions.Seat(login, full_name, post, role, **flags)
        for login, full_name, post, role, flags in members
    ]
    formed = commissions.commission(
        hr_user,
        campaign,
        rule_id=rule_id,
        name=name,
        stages=stages,
        seats=seats,
        scope=scope,
        password=DEMO_PASSWORD,
    )
    return list(formed.values())
