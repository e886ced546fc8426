"""Test data built through the same services the application uses (``rezerv.scenarios``), with
the tests' one password and defaults."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from rezerv.scenarios import applications, bodies, campaigns, commissions, km, meetings, people
from rezerv.selection.models import Campaign, Person, StateBody

PASSWORD = "pass-Word-1"
PDF = applications.PDF
pdf = applications.pdf
KM_DOCS = km.GENERAL_DOCUMENTS  # the KM general checklist (KM-5)
DRAFT_CRITERIA = km.DRAFT_CRITERIA


def body(name: str = "Главное контрольное управление Кемеровской области") -> StateBody:
    return bodies.body(name)


def hr_user(state_body: StateBody, username: str = "hr") -> User:
    return people.hr(state_body, username, password=PASSWORD)


def candidate(username: str, last: str, first: str, patronymic: str = "", **person: Any) -> Person:
    """A Russian citizen born 5 May 1985 unless ``person`` says otherwise."""
    fields = {"citizenship": "RU", "birth_date": dt.date(1985, 5, 5), **person}
    return people.candidate(username, last, first, patronymic, password=PASSWORD, **fields)


def admin_user(username: str = "admin") -> User:
    return people.admin(username, password=PASSWORD)


def km_campaign(
    hr: User, *, announce: dt.date, category: str = "specialists", group: str = "senior"
) -> Campaign:
    return campaigns.announce(
        hr,
        code="KM",
        kind="vacancy",
        title="Конкурс на должность главного специалиста",
        body=hr.staff.body,
        on=announce,
        new_position={
            "title": "Главный специалист",
            "facts": {"group": group, "category": category},
        },
        vacancies=1,
        announcement={
            "conditions": "Служебный контракт, нормированный рабочий день.",
            "submission": "Лично или по почте: г. Кемерово, ул. Примерная, 1, каб. 10, 9:00–17:00.",
            "venue": "Кемерово, ул. Примерная, 1, зал заседаний.",
        },
    )


def km_commission(
    hr: User, campaign: Campaign, n_servants: int = 3, n_independent: int = 2
) -> list[Any]:
    """A chair, a secretary and members ``member1`` …: civil servants first, then experts."""
    seats = [
        commissions.Seat(
            f"member{i + 1}",
            f"Членов Член{i + 1}",
            role="chair" if i == 0 else "secretary" if i == 1 else "member",
            civil_servant=i < n_servants,
            independent=i >= n_servants,
        )
        for i in range(n_servants + n_independent)
    ]
    return list(km.commission(hr, campaign, seats, password=PASSWORD).values())


def file_bytes(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, io.BytesIO(data).getvalue())


KM_FACTS = {
    "speaks_russian": True,
    "liable_for_military_service": False,
    "meets_qualification": True,
}


def km_application(
    campaign: Campaign, person: Person, *, admit: bool = True, facts: dict[str, Any] | None = None
) -> Any:
    """An application with every KM document, admitted by the campaign's HR officer;
    ``facts`` replace some of the KM facts."""
    application = applications.apply(campaign, person, {**KM_FACTS, **(facts or {})}, KM_DOCS)
    if admit:
        application = applications.admit(campaign.created_by, application)
    return application


def km_world(today: dt.date) -> dict[str, Any]:
    """A decided KM campaign with every role around it, an open one and a draft.

    Roles: ``owner`` and ``other`` (candidates, both admitted), ``hr`` (the campaign's body),
    ``hr_other`` (another body), ``chair``, ``member`` (a civil servant), ``expert`` (an
    independent expert), ``admin``. Scoring of the competition stage stays open, but the decision
    freezes its inputs (issue 13) until it is reopened (``reopen``, ``reopened_km_world``).
    """
    state_body = body()
    hr = hr_user(state_body)
    hr_other = hr_user(body("Министерство финансов Кузбасса"), "hr_other")
    admin = admin_user()
    campaign = km_campaign(hr, announce=today - dt.timedelta(days=2))
    open_campaign = km_campaign(hr, announce=today - dt.timedelta(days=2))
    draft = campaigns.draft(
        hr, code="KM", kind="vacancy", title="Черновик конкурса", body=state_body
    )
    owner = candidate("ivanov", "Иванов", "Иван", "Иванович", snils="112-233-445 95")
    other = candidate("petrova", "Петрова", "Мария", "Сергеевна")
    mine = km_application(campaign, owner)
    theirs = km_application(campaign, other)
    members = km_commission(hr, campaign)
    for app, correct in ((mine, 45), (theirs, 40)):
        interview = 8 if app is mine else 6
        km.score(hr, app, members, correct=correct, draft=4, interview=interview, date=today)
    meeting = meetings.meeting(
        hr,
        campaign,
        members[0].commission,
        "competition",
        today,  # decided at it, so held today: not dated before its meeting (issue 9 §4)
        present=members,
    )
    meetings.vote(hr, meeting, "winner", mine, dict.fromkeys(members, "for"))
    decision = meetings.decide(hr, campaign, "competition", meeting)
    return {
        "body": state_body,
        "campaign": campaign,
        "open_campaign": open_campaign,
        "draft": draft,
        "application": mine,
        "other_application": theirs,
        "meeting": meeting,
        "decision": decision,
        "members": members,
        "users": {
            "anon": None,
            "owner": owner.user,
            "other": other.user,
            "hr": hr,
            "hr_other": hr_other,
            "member": members[2].user,
            "chair": members[0].user,
            "expert": members[3].user,
            "admin": admin,
        },
    }


def reopen(world: dict[str, Any], reason: str = "Исправление ошибки в данных этапа") -> Any:
    """Reopen the world's decision for correction (its stage's inputs writable again)."""
    from rezerv.selection.decisions import decision_reopen

    world["decision"] = decision_reopen(
        actor=world["users"]["hr"], decision=world["decision"], reason=reason
    )
    return world["decision"]


def reopened_km_world(today: dt.date) -> dict[str, Any]:
    """``km_world`` with its decision reopened for correction (issue 13): the competition
    stage's inputs can be written again, for the tests that probe who may write them."""
    world = km_world(today)
    reopen(world)
    return world
