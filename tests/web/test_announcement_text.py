"""The texts of a draft announcement are the regulation's (``announcement.fields``), edited at
the desk before publication; publication refuses the required ones while empty (KM-4, TP-6)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from rezerv.selection import services
from rezerv.selection.models import AuditEvent, Campaign
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _draft(code: str, kind: str) -> tuple[Client, Campaign]:
    hr = f.hr_user(f.body())
    campaign = services.campaign_create(
        actor=hr, regulation_code=code, kind=kind, title="Кампания", body=hr.staff.body
    )
    client = Client()
    client.force_login(hr)
    return client, campaign


def test_km4_empty_texts_refuse_publication_and_are_entered_on_the_desk() -> None:
    client, campaign = _draft("KM", "vacancy")
    url = reverse("desk_announcement", args=[campaign.uid])
    with pytest.raises(services.ServiceError, match="«Условия прохождения службы»") as refused:
        services.campaign_publish(actor=campaign.created_by, campaign=campaign, on=date.today())
    assert "(KM-4)" in refused.value.message and refused.value.field == "conditions"
    page = client.get(url).content.decode()
    # the form asks the fields KM declares, by their titles, and says which publication needs
    assert "Показатели эффективности и результативности" in page
    assert "обязательно для публикации" in page
    texts = {"conditions": "Контракт", "submission": "г. Кемерово, каб. 301", "venue": "Кемерово"}
    response = client.post(url, {**texts, "duties": "", "kpis": "", "version": campaign.version})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.announcement == texts  # empty texts are not kept
    assert AuditEvent.objects.filter(action="campaign.update", object_id=str(campaign.pk)).exists()
    client.post(reverse("desk_publish", args=[campaign.uid]))
    campaign.refresh_from_db()
    assert campaign.status == "published"
    public = Client().get(reverse("announcement", args=[campaign.uid])).content.decode()
    assert "Условия прохождения службы" in public and "г. Кемерово, каб. 301" in public


def test_tp6_the_announcement_states_the_essay_topics_and_the_address() -> None:
    client, campaign = _draft("TP", "talent_pool")
    with pytest.raises(services.ServiceError, match="TP-6") as refused:
        services.campaign_publish(actor=campaign.created_by, campaign=campaign, on=date.today())
    assert "«Перечень тем эссе по каждому направлению»" in refused.value.message
    page = client.get(reverse("desk_announcement", args=[campaign.uid])).content.decode()
    assert "Электронный адрес для отправки эссе" in page
    assert "Условия прохождения службы" not in page  # a KM text is not asked of TP


def test_a_regulation_that_requires_no_text_publishes_without_one() -> None:
    client, campaign = _draft("BR", "reserve")
    client.post(reverse("desk_publish", args=[campaign.uid]))
    campaign.refresh_from_db()
    assert campaign.status == "published"


def test_an_undeclared_text_is_refused_and_changes_nothing() -> None:
    _, campaign = _draft("BR", "reserve")
    with pytest.raises(services.ServiceError, match="не предусматривает") as refused:
        services.campaign_update(
            actor=campaign.created_by,
            campaign=campaign,
            expected_version=campaign.version,
            announcement={"kpis": "показатели"},  # BR declares no such text
        )
    assert refused.value.field == "announcement"
    campaign.refresh_from_db()
    assert campaign.announcement == {}


def test_km4_published_announcement_text_is_changed_only_as_an_amendment() -> None:
    """Once published, the page is the amendment form: without its ground nothing changes
    (tests/web/test_announcement_amendments.py covers the amendment itself)."""
    client, campaign = _draft("KM", "vacancy")
    Campaign.objects.filter(pk=campaign.pk).update(status="published")
    response = client.post(
        reverse("desk_announcement", args=[campaign.uid]),
        {"conditions": "другое", "version": campaign.version},
        follow=True,
    )
    page = response.content.decode()
    assert "Основание изменения" in page and "Опубликовать изменение" in page
    assert response.context["form"].errors["reason"]
    campaign.refresh_from_db()
    assert campaign.announcement == {}
