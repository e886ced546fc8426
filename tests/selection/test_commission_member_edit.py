"""Editing a commission member in place (issue 9 §2, KM-2): one audited write of the name,
position, role and the attributes the composition rules count; a stale edit refused; a second
chair refused; the composition re-checked; never once the commission's stage is decided (C-6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from rezerv.selection import services
from rezerv.selection.commissions import commission_member_edit
from rezerv.selection.models import AuditEvent, CommissionMember
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def details(member: CommissionMember, **changes: Any) -> dict[str, Any]:
    data = {
        "full_name": member.full_name,
        "post": member.post,
        "role": member.role,
        "civil_servant": member.civil_servant,
        "independent": member.independent,
        "public_council": member.public_council,
    }
    return {**data, **changes}


@pytest.fixture
def km() -> tuple[Any, list[CommissionMember]]:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    return hr, f.km_commission(hr, campaign)


def test_a_member_is_edited_in_place_and_the_change_audited_without_the_name(km: Any) -> None:
    hr, members = km
    member = members[3]
    problems = commission_member_edit(
        actor=hr,
        member=member,
        expected_version=1,
        **details(
            member, full_name="Исправленная Фамилия", post="Заместитель начальника", role="deputy"
        ),
    )
    assert problems == []
    stored = CommissionMember.objects.get(pk=member.pk)
    assert (stored.full_name, stored.post, stored.role, stored.version) == (
        "Исправленная Фамилия",
        "Заместитель начальника",
        "deputy",
        2,
    )
    assert stored.user_id == member.user_id  # the login is the same person's
    event = AuditEvent.objects.get(action="commission.member_edit")
    assert event.object_id == str(member.pk)
    assert event.campaign_id == member.commission.campaign_id
    assert event.changes["fields"] == ["full_name", "post", "role"]
    assert event.changes["role"] == {"from": "member", "to": "deputy"}
    assert event.changes["post"] == {"from": "", "to": "Заместитель начальника"}
    assert "Исправленная" not in str(event.changes)  # the audit log holds no names
    assert member.full_name not in str(event.changes)


def test_km2_an_edit_is_rechecked_against_the_composition_rules(km: Any) -> None:
    """KM-2: with one of the two independent experts no longer independent, 1 of 5 is below
    the quarter: the edit is recorded and the problem returned (the page words it)."""
    hr, members = km
    expert = members[4]
    problems = commission_member_edit(
        actor=hr,
        member=expert,
        expected_version=1,
        **details(expert, independent=False, civil_servant=True),
    )
    assert [p["code"] for p in problems] == ["commission_independent_share"]
    event = AuditEvent.objects.get(action="commission.member_edit")
    assert event.changes["independent"] == {"from": True, "to": False}
    assert "composition" not in event.changes  # the page says the problems; the log, the change


def test_a_second_chair_is_refused_and_nothing_changes(km: Any) -> None:
    hr, members = km
    member = members[2]
    with pytest.raises(services.ServiceError, match="Председатель комиссии уже назначен") as exc:
        commission_member_edit(
            actor=hr, member=member, expected_version=1, **details(member, role="chair")
        )
    assert exc.value.field == "role"
    assert CommissionMember.objects.get(pk=member.pk).role == "member"
    assert not AuditEvent.objects.filter(action="commission.member_edit").exists()
    # the chair stays chair when edited
    chair = members[0]
    commission_member_edit(
        actor=hr, member=chair, expected_version=1, **details(chair, post="Начальник управления")
    )
    assert CommissionMember.objects.get(pk=chair.pk).role == "chair"


def test_a_stale_edit_is_refused_not_overwritten(km: Any) -> None:
    hr, members = km
    member = members[3]
    commission_member_edit(
        actor=hr, member=member, expected_version=1, **details(member, post="Первая правка")
    )
    with pytest.raises(services.ConcurrentEdit, match="изменены другим пользователем"):
        commission_member_edit(
            actor=hr, member=member, expected_version=1, **details(member, post="Вторая правка")
        )
    assert CommissionMember.objects.get(pk=member.pk).post == "Первая правка"
    assert AuditEvent.objects.filter(action="commission.member_edit").count() == 1


def test_an_empty_name_or_an_unknown_role_is_refused(km: Any) -> None:
    hr, members = km
    member = members[3]
    with pytest.raises(services.ServiceError, match="Укажите ФИО") as exc:
        commission_member_edit(
            actor=hr, member=member, expected_version=1, **details(member, full_name="  ")
        )
    assert exc.value.field == "full_name"
    with pytest.raises(services.ServiceError, match="Выберите роль") as exc:
        commission_member_edit(
            actor=hr, member=member, expected_version=1, **details(member, role="boss")
        )
    assert exc.value.field == "role"
    assert CommissionMember.objects.get(pk=member.pk).version == 1


def test_an_unchanged_edit_records_nothing(km: Any) -> None:
    hr, members = km
    commission_member_edit(actor=hr, member=members[3], expected_version=1, **details(members[3]))
    assert CommissionMember.objects.get(pk=members[3].pk).version == 1
    assert not AuditEvent.objects.filter(action="commission.member_edit").exists()


def test_c6_a_decided_commission_keeps_its_members_details() -> None:
    world = f.km_world(timezone.localdate())
    member = world["members"][4]
    with pytest.raises(services.ServiceError, match="не изменяются"):
        commission_member_edit(
            actor=world["users"]["hr"],
            member=member,
            expected_version=member.version,
            **details(member, post="Другая должность"),
        )
    assert CommissionMember.objects.get(pk=member.pk).post == member.post
