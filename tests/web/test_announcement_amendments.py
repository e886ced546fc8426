"""A published announcement is amended with a ground, kept before and after, and shown with
its date on the announcement (issue 9 §2: «editable until publication, amendments after it
recorded»; KM-4: the texts the announcement must state)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rezerv.selection.models import AnnouncementAmendment, AuditEvent, Campaign
from tests.web import factories as f

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
VENUE = "Кемерово, ул. Примерная, 1, зал заседаний."


@pytest.fixture
def world() -> dict[str, Any]:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=TODAY - dt.timedelta(days=2))
    client = Client()
    client.force_login(hr)
    return {"hr": hr, "campaign": campaign, "client": client}


def post(w: dict[str, Any], **changes: str) -> Any:
    campaign = Campaign.objects.get(pk=w["campaign"].pk)
    data = {"version": str(campaign.version), **(campaign.announcement or {}), **changes}
    return w["client"].post(reverse("desk_announcement", args=[campaign.uid]), data)


def test_km4_a_published_announcement_is_amended_with_its_ground(world: dict[str, Any]) -> None:
    page = world["client"].get(reverse("desk_campaign", args=[world["campaign"].uid]))
    assert "Внести изменение в объявление" in page.content.decode()
    response = post(world, venue="Кемерово, ул. Новая, 5, актовый зал.", reason="Смена помещения")
    assert response.status_code == 302
    campaign = Campaign.objects.get(pk=world["campaign"].pk)
    assert campaign.announcement["venue"] == "Кемерово, ул. Новая, 5, актовый зал."
    (amendment,) = AnnouncementAmendment.objects.filter(campaign=campaign)
    assert amendment.reason == "Смена помещения" and amendment.by == world["hr"]
    assert amendment.changes == {
        "venue": {"before": VENUE, "after": "Кемерово, ул. Новая, 5, актовый зал."}
    }
    event = AuditEvent.objects.get(action="campaign.amend")
    assert event.changes["fields"] == ["venue"]
    public = Client().get(reverse("announcement", args=[campaign.uid])).content.decode()
    assert "Изменения объявления" in public
    assert "Предполагаемая дата, место и порядок проведения конкурса" in public
    assert "Основание: Смена помещения" in public
    assert f"{TODAY:%d.%m.%Y}, изменено" in public


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"venue": "Новый адрес"}, "reason", "Обязательное поле"),
        ({"venue": "", "reason": "Ошибка"}, "venue", "обязательно для объявления"),
        ({"reason": "Ничего"}, None, "Текст объявления не изменён"),
    ],
)
def test_a_bad_amendment_is_refused_at_its_field_and_changes_nothing(
    world: dict[str, Any], changes: dict[str, str], field: str | None, message: str
) -> None:
    before = Campaign.objects.get(pk=world["campaign"].pk)
    response = post(world, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    if field is not None:
        assert response.context["form"].errors.get(field)
    after = Campaign.objects.get(pk=world["campaign"].pk)
    assert (after.announcement, after.version) == (before.announcement, before.version)
    assert not AnnouncementAmendment.objects.exists()


def test_a_stale_amendment_is_refused(world: dict[str, Any]) -> None:
    stale = Campaign.objects.get(pk=world["campaign"].pk).version
    assert post(world, venue="Адрес А", reason="Первое").status_code == 302
    campaign = Campaign.objects.get(pk=world["campaign"].pk)
    response = world["client"].post(
        reverse("desk_announcement", args=[campaign.uid]),
        {**campaign.announcement, "version": str(stale), "venue": "Адрес Б", "reason": "Второе"},
    )
    assert "изменена другим пользователем" in response.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).announcement["venue"] == "Адрес А"
    assert AnnouncementAmendment.objects.count() == 1
