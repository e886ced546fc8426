"""Commissions and their members at the desk (issue 9 §2): the regulation's composition rules
(size, the independent share KM-2, a chair) checked and shown as the members are entered; a
member entered by mistake removed while nothing depends on them (audited); never once the
commission has worked or its stage is decided."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.selection import services
from rezerv.selection.models import AuditEvent, CommissionMember
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def page(client: Client, campaign: Any) -> str:
    return html.unescape(
        client.get(reverse("desk_commissions", args=[campaign.uid])).content.decode()
    )


def hr_client(hr: Any) -> Client:
    client = Client()
    client.force_login(hr)
    return client


def test_km2_the_composition_is_checked_as_members_are_entered() -> None:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    commission = services.commission_create(
        actor=hr,
        campaign=campaign,
        rule_id="competition_commission",
        name="Конкурсная комиссия",
        stages=["competition"],
    )
    client = hr_client(hr)
    services.commission_add_member(
        actor=hr,
        commission=commission,
        user=f.candidate("m1", "Первый", "Член").user,
        full_name="Первый Член",
        civil_servant=True,
    )
    text = page(client, campaign)
    assert "Состав не соответствует регламенту:" in text
    assert "членов комиссии: 1, требуется не менее 4" in text
    assert "не назначен председатель комиссии" in text
    for i, (role, independent) in enumerate(
        [("chair", False), ("secretary", False), ("member", True)], start=2
    ):
        services.commission_add_member(
            actor=hr,
            commission=commission,
            user=f.candidate(f"m{i}", f"Член{i}", "Член").user,
            full_name=f"Член{i} Член",
            role=role,
            civil_servant=not independent,
            independent=independent,
        )
    text = page(client, campaign)
    assert "Состав соответствует регламенту." in text
    assert "Состав не соответствует" not in text


def test_a_member_entered_by_mistake_is_removed_and_audited() -> None:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    members = f.km_commission(hr, campaign)
    wrong = members[-1]
    client = hr_client(hr)
    response = client.post(
        reverse("desk_commissions", args=[campaign.uid]),
        {"remove_member": "1", "member": wrong.pk},
        follow=True,
    )
    assert f"Член комиссии «{wrong.full_name}» исключён из её состава." in html.unescape(
        response.content.decode()
    )
    assert not CommissionMember.objects.filter(pk=wrong.pk).exists()
    event = AuditEvent.objects.get(action="commission.member_remove")
    assert event.changes["before"]["full_name"] == wrong.full_name
    assert event.changes["before"]["independent"] is True


def test_a_member_who_has_scored_is_not_removed() -> None:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    members = f.km_commission(hr, campaign)
    app = f.km_application(campaign, f.candidate("ivanov", "Иванов", "Иван"))
    services.ballot_save(
        actor=members[2].user,
        member=members[2],
        application=app,
        stage_id="competition",
        method_id="interview",
        points=7,
        reason="",
        expected_version=None,
    )
    with pytest.raises(services.ServiceError, match="уже участвует в её работе"):
        services.commission_remove_member(actor=hr, member=members[2])
    response = hr_client(hr).post(
        reverse("desk_commissions", args=[campaign.uid]),
        {"remove_member": "1", "member": members[2].pk},
        follow=True,
    )
    assert "исключить его из состава нельзя" in html.unescape(response.content.decode())
    assert CommissionMember.objects.filter(pk=members[2].pk).exists()


def test_c6_a_decided_commission_keeps_its_members() -> None:
    world = f.km_world(timezone.localdate())
    with pytest.raises(services.ServiceError, match="не изменяются"):
        services.commission_remove_member(actor=world["users"]["hr"], member=world["members"][4])


def test_only_the_campaigns_hr_removes_members() -> None:
    world = f.km_world(timezone.localdate())
    other = hr_client(world["users"]["hr_other"])
    response = other.post(
        reverse("desk_commissions", args=[world["campaign"].uid]),
        {"remove_member": "1", "member": world["members"][4].pk},
    )
    assert response.status_code == 403
    assert CommissionMember.objects.filter(pk=world["members"][4].pk).exists()


# --------------------------------------------------------------------------- editing in place


def edit_data(member: CommissionMember, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "full_name": member.full_name,
        "post": member.post,
        "role": member.role,
        "version": member.version,
    }
    for flag in ("civil_servant", "independent", "public_council"):
        if getattr(member, flag):
            data[flag] = "on"
    return {**data, **changes}


def test_a_member_is_edited_on_the_commission_page() -> None:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    members = f.km_commission(hr, campaign)
    member = members[3]
    client = hr_client(hr)
    url = reverse("desk_member_edit", args=[campaign.uid, member.pk])
    assert f'href="{url}"' in page(client, campaign)  # «изменить» beside the member
    form = html.unescape(client.get(url).content.decode())
    assert f'id="id_edit{member.pk}_full_name"' in form
    assert (
        f'value="{member.full_name}"' in form and f'name="version" value="{member.version}"' in form
    )
    response = client.post(
        url,
        edit_data(member, full_name="Петрова Анна", post="Советник", role="deputy"),
        follow=True,
    )
    text = html.unescape(response.content.decode())
    assert "Сведения о члене комиссии «Петрова Анна» изменены." in text
    assert "Петрова Анна — заместитель председателя" in text
    member.refresh_from_db()
    assert (member.full_name, member.post, member.role, member.version) == (
        "Петрова Анна",
        "Советник",
        "deputy",
        2,
    )
    assert AuditEvent.objects.filter(action="commission.member_edit").count() == 1


def test_km2_an_edit_that_breaks_the_composition_says_so() -> None:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    expert = f.km_commission(hr, campaign)[4]
    data = edit_data(expert, civil_servant="on")
    del data["independent"]
    response = hr_client(hr).post(
        reverse("desk_member_edit", args=[campaign.uid, expert.pk]), data, follow=True
    )
    text = html.unescape(response.content.decode())
    assert "Состав не соответствует регламенту:" in text
    assert "KM-2" not in text


def test_a_stale_edit_is_refused_at_the_form_and_nothing_is_overwritten() -> None:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    member = f.km_commission(hr, campaign)[3]
    stale = edit_data(member, post="Вторая правка")
    client = hr_client(hr)
    url = reverse("desk_member_edit", args=[campaign.uid, member.pk])
    assert client.post(url, edit_data(member, post="Первая правка")).status_code == 302
    response = client.post(url, stale)
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    assert "изменены другим пользователем; обновите страницу" in text
    assert 'value="Вторая правка"' in text  # what was typed is kept
    member.refresh_from_db()
    assert member.post == "Первая правка"


def test_a_second_chair_is_refused_at_the_role_field() -> None:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    member = f.km_commission(hr, campaign)[3]
    response = hr_client(hr).post(
        reverse("desk_member_edit", args=[campaign.uid, member.pk]),
        edit_data(member, role="chair"),
    )
    assert response.status_code == 400
    assert "Роль: Председатель комиссии уже назначен." in html.unescape(response.content.decode())
    member.refresh_from_db()
    assert member.role == "member"


def test_c6_a_decided_commissions_member_is_not_edited_and_others_may_not_edit() -> None:
    world = f.km_world(timezone.localdate())
    member = world["members"][4]
    url = reverse("desk_member_edit", args=[world["campaign"].uid, member.pk])
    other = hr_client(world["users"]["hr_other"])
    assert other.post(url, edit_data(member, post="Чужая правка")).status_code == 403
    assert other.get(url).status_code == 403
    response = hr_client(world["users"]["hr"]).post(url, edit_data(member, post="Правка"))
    assert response.status_code == 400
    assert "не изменяются" in html.unescape(response.content.decode())
    member.refresh_from_db()
    assert member.post != "Правка"


def test_km2_issue9_one_role_per_person_a_member_entered_twice_is_refused_at_the_form() -> None:
    """Issue 9 §2: one role per person. The same user added again (here as secretary) is
    refused at the user-name field, the typed values stay, nothing is stored or audited."""
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    commission = services.commission_create(
        actor=hr,
        campaign=campaign,
        rule_id="competition_commission",
        name="Конкурсная комиссия",
        stages=["competition"],
    )
    person = f.candidate("m1", "Первый", "Член")
    services.commission_add_member(
        actor=hr, commission=commission, user=person.user, full_name="Первый Член"
    )
    members, audits = CommissionMember.objects.count(), AuditEvent.objects.count()
    response = hr_client(hr).post(
        reverse("desk_commissions", args=[campaign.uid]),
        {
            "add_member": "1",
            "commission": commission.pk,
            "username": "m1",
            "full_name": "Первый Член Повторно",
            "role": "secretary",
        },
    )
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert text.count("Этот пользователь уже входит в состав комиссии.") == 1
    assert 'value="Первый Член Повторно"' in text
    assert (CommissionMember.objects.count(), AuditEvent.objects.count()) == (members, audits)
    assert commission.members.get().role == "member"
