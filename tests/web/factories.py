"""Test data built through the same services the application uses."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from rezerv.selection import services
from rezerv.selection.models import Campaign, Person, Position, Questionnaire, Staff, StateBody
from tests.engine.casebuild import KM_DOCS  # the KM general checklist

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b" " * 64


def pdf(name: str = "doc.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def body(name: str = "Главное контрольное управление Кемеровской области") -> StateBody:
    return StateBody.objects.create(name=name)


def hr_user(state_body: StateBody, username: str = "hr") -> User:
    user = User.objects.create_user(username, password="pass-Word-1")
    Staff.objects.create(user=user, body=state_body, role="hr")
    return user


def candidate(username: str, last: str, first: str, patronymic: str = "", **person: Any) -> Person:
    user = User.objects.create_user(username, password="pass-Word-1")
    defaults = {"citizenship": "RU", "birth_date": dt.date(1985, 5, 5)}
    defaults.update(person)
    p = Person.objects.create(
        user=user, last_name=last, first_name=first, patronymic=patronymic, **defaults
    )
    Questionnaire.objects.create(person=p)
    return p


def km_campaign(
    hr: User, *, announce: dt.date, category: str = "specialists", group: str = "senior"
) -> Campaign:
    staff_body = hr.staff.body
    position = Position.objects.create(
        body=staff_body, title="Главный специалист", facts={"group": group, "category": category}
    )
    campaign = services.campaign_create(
        actor=hr,
        regulation_code="KM",
        kind="vacancy",
        title="Конкурс на должность главного специалиста",
        body=staff_body,
        position=position,
        vacancies=1,
        announcement={
            "conditions": "Служебный контракт, нормированный рабочий день.",
            "submission": "Лично или по почте: г. Кемерово, ул. Примерная, 1, каб. 10, 9:00–17:00.",
            "venue": "Кемерово, ул. Примерная, 1, зал заседаний.",
        },
    )
    return services.campaign_publish(actor=hr, campaign=campaign, on=announce)


def km_commission(
    hr: User, campaign: Campaign, n_servants: int = 3, n_independent: int = 2
) -> list[Any]:
    commission = services.commission_create(
        actor=hr,
        campaign=campaign,
        rule_id="competition_commission",
        name="Конкурсная комиссия",
        stages=["competition"],
    )
    members = []
    for i in range(n_servants + n_independent):
        user = User.objects.create_user(f"member{i + 1}", password="pass-Word-1")
        role = "chair" if i == 0 else "secretary" if i == 1 else "member"
        members.append(
            services.commission_add_member(
                actor=hr,
                commission=commission,
                user=user,
                full_name=f"Членов Член{i + 1}",
                role=role,
                civil_servant=i < n_servants,
                independent=i >= n_servants,
            )
        )
    return members


def file_bytes(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, io.BytesIO(data).getvalue())


def admin_user(username: str = "admin") -> User:
    user = User.objects.create_user(username, password="pass-Word-1")
    Staff.objects.create(user=user, body=None, role="admin")
    return user


DRAFT_CRITERIA = ("formatting", "understanding", "solutions", "grounds", "analysis", "literacy")

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
    from rezerv.selection.selectors import CONSENT_TEXT, questionnaire_facts

    application = services.application_submit(
        actor=person.user,
        campaign=campaign,
        person=person,
        route="default",
        facts={
            **questionnaire_facts(person, campaign.regulation.load().regulation),
            **KM_FACTS,
            **(facts or {}),
        },
        consent_text=CONSENT_TEXT,
        consent_given=True,
        files={doc: pdf(f"{doc}.pdf") for doc in KM_DOCS},
    )
    if admit:
        application = services.application_decide(
            actor=campaign.created_by,
            application=application,
            admit=True,
            refusal_text="",
            expected_version=application.version,
        )
    return application


def km_world(today: dt.date) -> dict[str, Any]:
    """A decided KM campaign with every role around it, an open one and a draft.

    Roles: ``owner`` and ``other`` (candidates, both admitted), ``hr`` (the campaign's body),
    ``hr_other`` (another body), ``chair``, ``member`` (a civil servant), ``expert`` (an
    independent expert), ``admin``. Scoring of the competition stage stays open.
    """
    state_body = body()
    hr = hr_user(state_body)
    hr_other = hr_user(body("Министерство финансов Кузбасса"), "hr_other")
    admin = admin_user()
    campaign = km_campaign(hr, announce=today - dt.timedelta(days=2))
    open_campaign = km_campaign(hr, announce=today - dt.timedelta(days=2))
    draft = Campaign.objects.create(
        kind="vacancy",
        regulation=campaign.regulation,
        title="Черновик конкурса",
        body=state_body,
        created_by=hr,
    )
    owner = candidate("ivanov", "Иванов", "Иван", "Иванович", snils="112-233-445 95")
    other = candidate("petrova", "Петрова", "Мария", "Сергеевна")
    mine = km_application(campaign, owner)
    theirs = km_application(campaign, other)
    members = km_commission(hr, campaign)
    for app, correct in ((mine, 45), (theirs, 40)):
        services.result_save(
            actor=hr,
            application=app,
            stage_id="competition",
            method_id="test",
            correct=correct,
            questions=50,
            date=today,
        )
        services.result_save(
            actor=hr,
            application=app,
            stage_id="competition",
            method_id="document_draft",
            points={c: 4 for c in DRAFT_CRITERIA},
            date=today,
        )
        for member in members:
            services.ballot_save(
                actor=member.user,
                member=member,
                application=app,
                stage_id="competition",
                method_id="interview",
                points=8 if app is mine else 6,
                reason="",
                expected_version=None,
            )
    meeting = services.meeting_schedule(
        actor=hr,
        campaign=campaign,
        commission=members[0].commission,
        stage_id="competition",
        date=today + dt.timedelta(days=25),
    )
    services.attendance_record(actor=hr, meeting=meeting, present_ids={m.pk for m in members})
    services.vote_record(
        actor=hr,
        meeting=meeting,
        question="winner",
        application=mine,
        votes={m.pk: "for" for m in members},
    )
    decision = services.decision_make(
        actor=hr, campaign=campaign, stage_id="competition", meeting=meeting
    )
    campaign.refresh_from_db()
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
