"""TP-13: the employment of talent-pool members is monitored — HR records where and from when
a member of the pool works, on the member's card; audited, bad input refused at its field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.selection.models import AuditEvent, ReserveEntry
from rezerv.selection.reserve_employment import reserve_record_employment
from rezerv.selection.reserve_models import ReserveEmployment
from rezerv.selection.services import ServiceError
from tests.documents.world_tp import tp_documents_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def tp() -> dict[str, Any]:
    w = tp_documents_world(2026)
    w["entry"] = ReserveEntry.objects.filter(decision=w["decision"]).order_by("pk").first()
    return w


def test_tp13_employment_of_a_pool_member_is_recorded_and_audited(tp: dict[str, Any]) -> None:
    entry = tp["entry"]
    since = entry.included_on + dt.timedelta(days=60)
    record = reserve_record_employment(
        actor=tp["hr"],
        entry=entry,
        employer="Министерство цифрового развития Республики Казахстан",
        post="главный эксперт",
        since=since,
        today=since,
    )
    assert (record.entry, record.since, record.post) == (entry, since, "главный эксперт")
    event = AuditEvent.objects.get(action="reserve.employment", object_id=str(entry.pk))
    assert event.changes["employer"] == "Министерство цифрового развития Республики Казахстан"
    assert event.changes["since"] == since.isoformat()


@pytest.mark.parametrize(
    ("employer", "days", "field"), [("  ", 0, "employer"), ("ТОО «Самрук»", 1, "since")]
)
def test_tp13_bad_employment_is_refused_at_its_field_and_stores_nothing(
    tp: dict[str, Any], employer: str, days: int, field: str
) -> None:
    entry = tp["entry"]
    today = entry.included_on + dt.timedelta(days=60)
    with pytest.raises(ServiceError) as refused:
        reserve_record_employment(
            actor=tp["hr"],
            entry=entry,
            employer=employer,
            post="",
            since=today + dt.timedelta(days=days),
            today=today,
        )
    assert refused.value.field == field
    assert not ReserveEmployment.objects.exists()
    assert not AuditEvent.objects.filter(action="reserve.employment").exists()


def test_tp13_hr_records_employment_on_the_members_card(
    tp: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = tp["entry"]
    today = entry.included_on + dt.timedelta(days=30)
    moment = dt.datetime(today.year, today.month, today.day, 12, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    client = Client()
    client.force_login(tp["hr"])
    url = reverse("desk_reserve_member", args=[entry.uid])
    since = entry.included_on + dt.timedelta(days=20)
    done = client.post(
        url,
        {
            "employment": "1",
            "employment-employer": "Акимат города Астаны",
            "employment-post": "главный специалист",
            "employment-since": since.isoformat(),
        },
    )
    assert done.status_code == 302
    html = client.get(url).content.decode()
    assert "Акимат города Астаны" in html and since.strftime("%d.%m.%Y") in html
    refused = client.post(url, {"employment": "1", "employment-since": "вчера"})
    assert refused.status_code == 200
    assert "Введите правильную дату." in refused.content.decode()
    assert ReserveEmployment.objects.count() == 1
