"""The commission's composition is approved, by an official who does not sit on it, and a change
of the members afterwards withdraws the approval (issue 13, separation of duties; KM-2 is the
composition rule the approval requires met)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from rezerv.selection import commissions, services
from rezerv.selection.models import AuditEvent, Commission
from tests.web import factories as f

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def world() -> dict[str, Any]:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=TODAY - dt.timedelta(days=2))
    members = f.km_commission(hr, campaign)
    return {"hr": hr, "campaign": campaign, "members": members, "commission": members[0].commission}


def _approve_on_the_page(w: dict[str, Any]) -> Any:
    client = Client()
    client.force_login(w["hr"])
    url = reverse("desk_commissions", args=[w["campaign"].uid])
    assert "Утвердить состав" in client.get(url).content.decode()
    return client.post(url, {"approve": "1", "commission": w["commission"].pk}, follow=True)


def test_hr_approves_the_composition_and_it_is_audited(world: dict[str, Any]) -> None:
    page = _approve_on_the_page(world).content.decode()
    assert "Состав утверждён" in page
    commission = Commission.objects.get(pk=world["commission"].pk)
    assert commission.approved_by == world["hr"] and commission.approved_at is not None
    event = AuditEvent.objects.get(action="commission.approve")
    assert event.actor == world["hr"]
    assert event.changes == {"members": sorted(m.pk for m in world["members"])}
    with pytest.raises(services.ServiceError, match="уже утверждён"):
        commissions.commission_approve(actor=world["hr"], commission=commission)


def test_a_member_does_not_approve_their_own_commission(world: dict[str, Any]) -> None:
    secretary = world["members"][1]
    with pytest.raises(services.ServiceError, match="Вы входите в состав этой комиссии"):
        commissions.commission_approve(actor=secretary.user, commission=world["commission"])
    assert Commission.objects.get(pk=world["commission"].pk).approved_at is None


def test_an_incomplete_composition_is_not_approved(world: dict[str, Any]) -> None:
    """KM-2: a composition the regulation's rule refuses cannot be approved; nor an empty one."""
    empty = services.commission_create(
        actor=world["hr"],
        campaign=world["campaign"],
        rule_id=world["commission"].rule_id,
        name="Вторая комиссия",
        stages=list(world["commission"].stages),
    )
    with pytest.raises(services.ServiceError, match="не сформирован"):
        commissions.commission_approve(actor=world["hr"], commission=empty)
    services.commission_add_member(
        actor=world["hr"], commission=empty, user=f.admin_user("lonely"), full_name="Одинокий Член"
    )
    with pytest.raises(services.ServiceError, match="не соответствует регламенту"):
        commissions.commission_approve(actor=world["hr"], commission=empty)
    assert not AuditEvent.objects.filter(action="commission.approve").exists()


def test_a_change_of_the_members_withdraws_the_approval(world: dict[str, Any]) -> None:
    commissions.commission_approve(actor=world["hr"], commission=world["commission"])
    newcomer = User.objects.create_user("newcomer", password=f.PASSWORD)
    services.commission_add_member(
        actor=world["hr"], commission=world["commission"], user=newcomer, full_name="Новый Член"
    )
    assert Commission.objects.get(pk=world["commission"].pk).approved_at is None
    event = AuditEvent.objects.filter(action="commission.member_add").latest("seq")
    assert event.changes["approval_withdrawn"] is True
    # approved again, then a corrected post keeps the approval, a changed role does not
    commissions.commission_approve(actor=world["hr"], commission=world["commission"])
    member = world["members"][3]
    base = {
        "full_name": member.full_name,
        "role": member.role,
        "civil_servant": member.civil_servant,
        "independent": member.independent,
        "public_council": member.public_council,
    }
    commissions.commission_member_edit(
        actor=world["hr"], member=member, expected_version=member.version,
        **{**base, "post": "Консультант"},
    )  # fmt: skip
    assert Commission.objects.get(pk=world["commission"].pk).approved_at is not None
    member.refresh_from_db()
    commissions.commission_member_edit(
        actor=world["hr"], member=member, expected_version=member.version,
        **{**base, "post": "Консультант", "civil_servant": not member.civil_servant},
    )  # fmt: skip
    assert Commission.objects.get(pk=world["commission"].pk).approved_at is None
