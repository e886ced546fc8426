"""Separation of duties (issue 13): a candidate never sits on the campaign's commission, a
member never becomes its candidate, nobody seats themselves, and the composition is locked once
the commission has begun to score."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User

from rezerv.selection import services
from rezerv.selection.models import CommissionMember
from rezerv.selection.states import ApplicationStatus
from tests.web import factories as f

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def world() -> dict[str, Any]:
    state_body = f.body()
    hr = f.hr_user(state_body)
    campaign = f.km_campaign(hr, announce=TODAY - dt.timedelta(days=2))
    members = f.km_commission(hr, campaign)
    return {"hr": hr, "campaign": campaign, "members": members, "commission": members[0].commission}


def seat(w: dict[str, Any], user: User, actor: Any = None) -> CommissionMember:
    return services.commission_add_member(
        actor=actor or w["hr"], commission=w["commission"], user=user, full_name="Новый Член"
    )


def test_a_candidate_of_the_campaign_is_not_seated_on_its_commission(
    world: dict[str, Any],
) -> None:
    candidate = f.candidate("ivanov", "Иванов", "Иван")
    application = f.km_application(world["campaign"], candidate)
    with pytest.raises(services.ServiceError, match="кандидат не может") as refused:
        seat(world, candidate.user)
    assert refused.value.field == "username"
    assert not CommissionMember.objects.filter(user=candidate.user).exists()
    # once the application is withdrawn the person is no longer a candidate
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status"])
    assert seat(world, candidate.user).user == candidate.user


def test_a_member_of_the_commission_cannot_apply(world: dict[str, Any]) -> None:
    member_user = world["members"][1].user
    person = f.candidate("member_person", "Членов", "Пётр")
    person.user = member_user
    person.save(update_fields=["user"])
    with pytest.raises(services.ServiceError, match="член комиссии не может быть кандидатом"):
        f.km_application(world["campaign"], person)
    assert not world["campaign"].applications.filter(person=person).exists()


def test_nobody_seats_themselves_but_as_the_secretary(world: dict[str, Any]) -> None:
    for role in ("chair", "deputy", "member"):
        with pytest.raises(services.ServiceError, match="только секретарём") as refused:
            services.commission_add_member(
                actor=world["hr"],
                commission=world["commission"],
                user=world["hr"],
                full_name="Кадрова Ольга",
                role=role,
            )
        assert refused.value.field == "role"
    assert not CommissionMember.objects.filter(user=world["hr"]).exists()
    secretary = services.commission_add_member(
        actor=world["hr"],
        commission=world["commission"],
        user=world["hr"],
        full_name="Кадрова Ольга",
        role="secretary",
    )
    assert secretary.role == "secretary"


def test_the_composition_is_locked_once_scoring_has_begun(world: dict[str, Any]) -> None:
    assert seat(world, User.objects.create_user("early")).full_name == "Новый Член"
    candidate = f.candidate("petrova", "Петрова", "Мария")
    application = f.km_application(world["campaign"], candidate)
    application = services.application_decide(
        actor=world["hr"],
        application=application,
        admit=True,
        refusal_text="",
        expected_version=application.version,
    )
    member = world["members"][0]
    services.ballot_save(
        actor=member.user,
        member=member,
        application=application,
        stage_id="competition",
        method_id="interview",
        points=7,
        reason="",
        expected_version=None,
    )
    with pytest.raises(services.ServiceError, match="состав изменить нельзя"):
        seat(world, User.objects.create_user("late"))
    assert not CommissionMember.objects.filter(user__username="late").exists()
    # what the composition rules count is locked too; a misspelt name is still corrected
    from rezerv.selection.commissions import commission_member_edit

    other = world["members"][3]
    with pytest.raises(services.ServiceError, match="состав изменить нельзя"):
        commission_member_edit(
            actor=world["hr"],
            member=other,
            expected_version=other.version,
            full_name=other.full_name,
            post=other.post,
            role=other.role,
            civil_servant=other.civil_servant,
            independent=not other.independent,
            public_council=other.public_council,
        )
    commission_member_edit(
        actor=world["hr"],
        member=other,
        expected_version=other.version,
        full_name="Исправленное Имя",
        post=other.post,
        role=other.role,
        civil_servant=other.civil_servant,
        independent=other.independent,
        public_council=other.public_council,
    )
    other.refresh_from_db()
    assert other.full_name == "Исправленное Имя"
