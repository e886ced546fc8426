"""Reads of a candidate's personal data: counted per reader, day and channel, shown to the
candidate, deleted after their retention (issue 13, need-to-know reads; 152-FZ)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from rezerv.selection import reads
from rezerv.selection.models import PersonalDataRead
from tests.web import factories as f

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def world() -> dict[str, Any]:
    state_body = f.body()
    hr = f.hr_user(state_body)
    hr.first_name, hr.last_name = "Ольга", "Кадрова"
    hr.save()
    campaign = f.km_campaign(hr, announce=TODAY - dt.timedelta(days=2))
    members = f.km_commission(hr, campaign)
    owner = f.candidate("ivanov", "Иванов", "Иван")
    return {
        "hr": hr,
        "member": members[0],
        "owner": owner.user,
        "application": f.km_application(campaign, owner),
    }


def test_the_candidate_sees_who_read_their_application(world: dict[str, Any]) -> None:
    app = world["application"]
    for user in (world["hr"], world["member"].user):
        client = Client()
        client.force_login(user)
        client.get(reverse("application", args=[app.uid]))
    client = Client()
    client.force_login(world["hr"])
    client.get(reverse("desk_application", args=[app.uid]))
    own = Client()
    own.force_login(world["owner"])
    page = own.get(reverse("application", args=[app.uid])).content.decode()
    assert "Кто знакомился с вашим заявлением" in page
    assert "Ольга Кадрова" in page and "кадровая служба / секретарь комиссии" in page
    assert world["member"].full_name in page and "председатель" in page
    rows = reads.reads_of(app)
    assert sorted((r.who, r.count) for r in rows) == sorted(
        [("Ольга Кадрова", 2), (world["member"].full_name, 1)]
    )
    # others do not see the list: it is the candidate's
    assert (
        "Кто знакомился" not in client.get(reverse("application", args=[app.uid])).content.decode()
    )


def test_a_read_row_per_reader_day_and_channel(world: dict[str, Any]) -> None:
    app = world["application"]
    for _ in range(5):
        reads.record(world["hr"], app, "web")
    reads.record(world["hr"], app, "file")
    reads.record(world["owner"], app, "web")  # the candidate's own read: not counted
    assert sorted(PersonalDataRead.objects.values_list("channel", "count")) == [
        ("file", 1),
        ("web", 5),
    ]


def test_reads_past_their_retention_are_deleted(world: dict[str, Any], settings: Any) -> None:
    settings.REZERV_READ_RETENTION_DAYS = 30
    app = world["application"]
    reads.record(world["hr"], app, "web")
    PersonalDataRead.objects.update(day=TODAY - dt.timedelta(days=31))
    reads.record(world["hr"], app, "api")  # today's: kept
    call_command("purge_reads", stdout=None)
    assert list(PersonalDataRead.objects.values_list("channel", flat=True)) == ["api"]
    assert reads.purge(TODAY) == 0
