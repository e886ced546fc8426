"""Notices recorded with the date issued, checked against their deadlines on the desk
(KM-8, KM-14, KM-20): selection/notices.py and the campaign desk."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.selection import services
from rezerv.selection.models import AuditEvent, Notice
from rezerv.selection.notices import campaign_notices, notice_record
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup() -> dict[str, Any]:
    hr = f.hr_user(f.body())
    today = timezone.localdate()
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=30))
    stage2 = today + dt.timedelta(days=10)  # KM-8: notices due 15 days before, 5 days ago
    campaign = services.campaign_update(
        actor=hr,
        campaign=campaign,
        expected_version=campaign.version,
        events={**campaign.events, "stage2": stage2.isoformat()},
    )
    return {"hr": hr, "campaign": campaign, "today": today}


def rows(campaign: Any) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in campaign_notices(campaign)}


def test_km8_a_notice_recorded_late_is_shown_late_and_audited(setup: dict[str, Any]) -> None:
    campaign, hr, today = setup["campaign"], setup["hr"], setup["today"]
    due = today - dt.timedelta(days=5)
    notice_record(
        actor=hr,
        campaign=campaign,
        notice_id="stage2_invitation",
        issued_on=today - dt.timedelta(days=3),
        number="01-12/45",
    )
    invitation = rows(campaign)["stage2_invitation"]
    assert invitation["due"] == due.isoformat()
    assert (invitation["status"], invitation["days_late"], invitation["attention"]) == (
        "late",
        2,
        True,
    )
    # the published list was never recorded and its due date has passed
    listing = rows(campaign)["stage2_list"]
    assert (listing["status"], listing["overdue"], listing["attention"]) == (
        "not_issued",
        True,
        True,
    )
    # the engine case carries the record, so a decision's inputs keep it (C-6)
    case = services.build_case(campaign)
    assert case["notices"] == [
        {
            "id": "stage2_invitation",
            "issued_on": (today - dt.timedelta(days=3)).isoformat(),
            "number": "01-12/45",
        }
    ]
    _, result = services.evaluate_campaign(campaign)
    assert {n["id"]: n["status"] for n in result["notices"]}["stage2_invitation"] == "late"
    # a correction keeps the previous date in the audit log
    notice_record(actor=hr, campaign=campaign, notice_id="stage2_invitation", issued_on=due)
    assert Notice.objects.get().issued_on == due
    assert rows(campaign)["stage2_invitation"]["status"] == "on_time"
    events = AuditEvent.objects.filter(action="notice.record").order_by("at", "pk")
    assert [e.changes["issued_on"] for e in events] == [
        (today - dt.timedelta(days=3)).isoformat(),
        due.isoformat(),
    ]
    assert events.last().changes["previous_issued_on"] == (today - dt.timedelta(days=3)).isoformat()


def test_km8_an_unknown_notice_or_a_date_off_the_calendar_is_refused(
    setup: dict[str, Any],
) -> None:
    campaign, hr = setup["campaign"], setup["hr"]
    with pytest.raises(services.ServiceError) as err:
        notice_record(actor=hr, campaign=campaign, notice_id="invitation", issued_on=setup["today"])
    assert "не предусматривает уведомления «invitation»" in err.value.message
    assert err.value.field == "notice_id"
    with pytest.raises(services.ServiceError) as err:
        notice_record(
            actor=hr, campaign=campaign, notice_id="stage2_list", issued_on=dt.date(2140, 1, 9)
        )
    assert "09.01.2140" in err.value.message and err.value.field == "issued_on"
    assert not Notice.objects.exists()
    assert not AuditEvent.objects.filter(action="notice.record").exists()


def test_km8_km14_desk_shows_late_and_overdue_notices(setup: dict[str, Any]) -> None:
    campaign, hr, today = setup["campaign"], setup["hr"], setup["today"]
    notice_record(
        actor=hr,
        campaign=campaign,
        notice_id="stage2_invitation",
        issued_on=today - dt.timedelta(days=3),
    )
    client = Client()
    assert client.login(username="hr", password="pass-Word-1")
    page = client.get(reverse("desk_campaign", args=[campaign.uid])).content.decode()
    assert "Уведомления и публикации" in page
    invitation = page.split('id="notice-stage2_invitation"')[1].split("</tr>")[0]
    assert "с опозданием (дней: 2)" in invitation and "KM-8" in invitation
    assert (today - dt.timedelta(days=5)).strftime("%d.%m.%Y") in invitation
    listing = page.split('id="notice-stage2_list"')[1].split("</tr>")[0]
    assert "срок истёк, не направлено" in listing
    results = page.split('id="notice-results_notice"')[1].split("</tr>")[0]
    assert "не направлено" in results and "срок истёк" not in results  # KM-20: no end date yet


def test_km8_hr_records_a_notice_at_the_desk_and_a_bad_date_changes_nothing(
    setup: dict[str, Any],
) -> None:
    campaign, hr, today = setup["campaign"], setup["hr"], setup["today"]
    client = Client()
    client.force_login(hr)
    url = reverse("desk_campaign", args=[campaign.uid])
    page = client.get(url).content.decode()
    assert "Записать дату направления уведомления" in page
    response = client.post(
        url,
        {"record_notice": "1", "notice_id": "stage2_invitation", "issued_on": "1800-01-01"},
    )
    assert response.status_code == 200
    assert "вне производственного календаря" in response.content.decode()
    assert not Notice.objects.exists()
    response = client.post(
        url,
        {
            "record_notice": "1",
            "notice_id": "stage2_invitation",
            "issued_on": (today - dt.timedelta(days=6)).isoformat(),
            "number": "01-12/7",
        },
    )
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert (notice.notice_id, notice.number) == ("stage2_invitation", "01-12/7")
    page = client.get(url).content.decode()
    assert "в срок" in page
