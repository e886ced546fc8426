"""The texts of a draft announcement are edited at the desk before it is published (KM-4)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from rezerv.selection import services
from rezerv.selection.models import AuditEvent, Campaign
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _draft() -> tuple[Client, Campaign]:
    hr = f.hr_user(f.body())
    campaign = services.campaign_create(
        actor=hr, regulation_code="BR", kind="reserve", title="Резерв", body=hr.staff.body
    )
    client = Client()
    client.force_login(hr)
    return client, campaign


def test_km4_empty_texts_refuse_publication_and_are_entered_on_the_desk() -> None:
    client, campaign = _draft()
    url = reverse("desk_announcement", args=[campaign.uid])
    with pytest.raises(services.ServiceError, match="условия прохождения службы"):
        services.campaign_publish(actor=campaign.created_by, campaign=campaign, on=date.today())
    texts = {"conditions": "Резерв на 3 года", "submission": "г. Уфа, каб. 301", "venue": "г. Уфа"}
    response = client.post(url, {**texts, "duties": "", "kpis": "", "version": campaign.version})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert (campaign.conditions, campaign.submission, campaign.venue) == tuple(texts.values())
    assert AuditEvent.objects.filter(action="campaign.update", object_id=str(campaign.pk)).exists()
    client.post(reverse("desk_publish", args=[campaign.uid]))
    campaign.refresh_from_db()
    assert campaign.status == "published"


def test_km4_published_announcement_text_is_not_edited() -> None:
    client, campaign = _draft()
    Campaign.objects.filter(pk=campaign.pk).update(status="published")
    response = client.post(
        reverse("desk_announcement", args=[campaign.uid]),
        {"conditions": "другое", "version": campaign.version},
        follow=True,
    )
    assert "Текст объявления изменяется только до его публикации." in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.conditions == ""
