"""A TP cycle (Kazakhstan's talent pool) run to its decision, as a territorial department runs
it: the participants register and are admitted, the representatives of the bodies that declared
the demand score the essays, the best pass the training, the internship and the testing, and the
decision hands over the certificates (TP-12).  The demo's finished cycle, the document tests'
cycle and the certificate benchmark are all this one run with their own people and dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User

from rezerv.scenarios import applications, campaigns, commissions, meetings, people, scoring
from rezerv.selection import services
from rezerv.selection.models import Campaign

# The results the certified pass, by stage: (stage, method), in the order they are recorded.
PASSED = (
    ("training", "training"),
    ("internship", "internship"),
    ("testing", "legislation_test"),
    ("testing", "personal_qualities"),
)


@dataclass(frozen=True)
class Participant:
    """``person``: the fields of their person (and ``questionnaire``); ``facts``: the
    application's; ``checked``: what the desk records at admission; ``essays``: (originality,
    clarity) from each representative in order, None where one does not score;
    ``certified``: passes the training, the internship and the testing."""

    login: str
    last: str
    first: str
    patronymic: str
    submitted: dt.datetime
    facts: dict[str, Any]
    checked: dict[str, Any]
    essays: tuple[tuple[int, int] | None, ...]
    certified: bool
    person: dict[str, Any] = field(default_factory=dict)


def application_facts(
    *,
    unit: str,
    internship_body: str,
    direction: str,
    specialty: str,
    address: str,
    phone: str,
    email: str,
    programme: str = "higher",
) -> dict[str, Any]:
    """What a final-year student states when registering (TP-1, TP-7): the programme, the
    territorial unit and the body of the internship, the direction and the specialty, contacts."""
    return {
        "education_programme": programme,
        "final_year": True,
        "territorial_unit": unit,
        "internship_body": internship_body,
        "direction": direction,
        "specialty": specialty,
        "address": address,
        "phone": phone,
        "email": email,
    }


Observer = Callable[[str, dict[str, Any]], None]


def run_cycle(
    hr: User,
    campaign: Campaign,
    participants: Mapping[str, Participant],
    representatives: Iterable[commissions.Seat],
    *,
    passed_on: Mapping[str, dt.date],
    documents: Iterable[str] | Mapping[str, str],
    commission_name: str,
    password: str | None,
    issued: dt.date | None = None,
    conflicts: Mapping[str, str] | None = None,
    consent_text: str | None = None,
    prefill: bool = False,
    observe: Observer | None = None,
) -> dict[str, Any]:
    """The cycle of ``campaign`` from registration to the decision; returns the world (people,
    apps, members, decision by key).  ``passed_on``: the day of each stage's results;
    ``issued``: the ``certificates_issued`` event recorded before the decision (unless the
    campaign has it); ``conflicts``: representative key → participant key he recuses himself
    from; ``observe(moment, world)`` is called after the applications (``submitted``), before
    the essays (``before_essays``), after the training (``after_training``) and before the
    decision (``before_decision``)."""
    world: dict[str, Any] = {"hr": hr, "campaign": campaign, "people": {}, "apps": {}}

    def moment(name: str) -> None:
        if observe is not None:
            observe(name, world)

    persons, apps = world["people"], world["apps"]
    for key, p in participants.items():
        persons[key] = people.candidate(
            p.login, p.last, p.first, p.patronymic, password=password, **p.person
        )
        apps[key] = applications.apply(
            campaign,
            persons[key],
            p.facts,
            documents,
            when=p.submitted,
            consent_text=consent_text,
            prefill=prefill,
        )
    moment("submitted")
    for key, p in participants.items():
        apps[key] = applications.admit(hr, apps[key], p.checked)
    seats = list(representatives)
    members = world["members"] = commissions.commission(
        hr,
        campaign,
        rule_id="demand_bodies",
        name=commission_name,
        stages=["essay"],
        seats=seats,
        password=password,
    )
    moment("before_essays")
    for rep, key in (conflicts or {}).items():
        services.conflict_declare(
            actor=members[rep].user,
            member=members[rep],
            application=apps[key],
            reason="родственник",
        )
    for key, p in participants.items():
        for seat, pair in zip(seats, p.essays, strict=True):
            if pair is not None:
                points = {"originality": pair[0], "clarity": pair[1]}
                scoring.ballot(members[seat.key], apps[key], "essay", "essay", points)
    certified = [key for key, p in participants.items() if p.certified]
    for key in certified:
        scoring.result(hr, apps[key], *PASSED[0], passed=True, date=passed_on["training"])
    moment("after_training")
    for key in certified:
        for stage, method in PASSED[1:]:
            scoring.result(hr, apps[key], stage, method, passed=True, date=passed_on[stage])
    campaign.refresh_from_db()
    if issued is not None and "certificates_issued" not in campaign.events:
        campaign = campaigns.set_events(hr, campaign, certificates_issued=issued.isoformat())
    world["campaign"] = campaign
    moment("before_decision")
    world["decision"] = meetings.decide(hr, campaign, "testing")
    for app in apps.values():
        app.refresh_from_db()
    return world
