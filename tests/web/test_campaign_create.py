"""Creating a campaign: one service for the HR desk, the demo and the tests (audit, one transaction)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rezerv.selection import services
from rezerv.selection.models import AuditEvent, Campaign, Position
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_campaign_create_with_a_new_position_is_audited() -> None:
    body = f.body()
    hr = f.hr_user(body)
    campaign = services.campaign_create(
        actor=hr,
        regulation_code="KM",
        body=body,
        new_position={"title": "Ведущий специалист", "category": "specialists", "group": "senior"},
        kind="vacancy",
        title="Конкурс на должность ведущего специалиста",
    )
    assert campaign.status == "draft" and campaign.regulation.code == "KM"
    assert campaign.position is not None and campaign.position.body == body
    event = AuditEvent.objects.get(action="campaign.create")
    assert event.actor == hr and event.campaign == campaign


def test_a_position_of_another_body_is_refused_and_nothing_is_stored() -> None:
    body, other = f.body(), f.body("Министерство")
    hr = f.hr_user(body)
    foreign = Position.objects.create(body=other, title="Советник")
    with pytest.raises(services.ServiceError) as info:
        services.campaign_create(
            actor=hr, regulation_code="KM", body=body, position=foreign, kind="vacancy", title="x"
        )
    assert info.value.field == "position"
    assert not Campaign.objects.exists() and not AuditEvent.objects.exists()


def test_unknown_fields_are_a_programming_error() -> None:
    body = f.body()
    with pytest.raises(TypeError, match="status"):
        services.campaign_create(
            actor=f.hr_user(body), regulation_code="KM", body=body, title="x", status="published"
        )


def test_the_hr_desk_creates_campaigns_through_the_service() -> None:
    body = f.body()
    hr = f.hr_user(body)
    client = Client()
    client.force_login(hr)
    page = client.post(
        reverse("desk_campaign_new"),
        {
            "regulation_code": "KM",
            "kind": "vacancy",
            "title": "Конкурс на должность консультанта",
            "vacancies": 1,
            "position_title": "Консультант",
            "category": "specialists",
            "group": "senior",
        },
    )
    campaign = Campaign.objects.get()
    assert page.status_code == 302 and page["Location"].endswith(f"{campaign.uid}/")
    assert campaign.position.title == "Консультант" and campaign.created_by == hr
    assert AuditEvent.objects.filter(action="campaign.create", campaign=campaign).count() == 1
