"""The meeting page costs O(page) (issue 14): its queries do not grow with the campaign; the
candidates of the vote are listed in the order of the rating a page at a time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rezerv.scenarios import km
from rezerv.selection import services
from rezerv.selection.models import Vote
from rezerv.web.meeting_desk import PER_PAGE
from tests.web import factories as f
from tests.web.sizes import km_world

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_meeting_queries_do_not_grow_with_the_campaign(django_assert_num_queries: Any) -> None:
    small, large = km_world(3, tag="s"), km_world(30, tag="l")
    client = _client(small["hr"])
    url = f"/desk/m/{small['meeting'].pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    expected = len(captured.captured_queries)  # read before the next request resets the log
    client = _client(large["hr"])
    url = f"/desk/m/{large['meeting'].pk}/"
    client.get(url)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


def test_km17_meeting_lists_and_records_votes_a_page_at_a_time() -> None:
    world = km_world(PER_PAGE + 5)
    client = _client(world["hr"])
    url = f"/desk/m/{world['meeting'].pk}/"
    first = client.get(url).content.decode()
    assert "Страница 1 из 2" in first
    second = client.get(url + "?page=2").content.decode()
    names = [a.person.full_name for a in world["apps"]]
    on_first = {n for n in names if n in first}
    on_second = {n for n in names if n in second}
    assert len(on_first) == PER_PAGE and len(on_second) == 5 and not on_first & on_second
    # a vote recorded from the second page comes back to it
    app = next(a for a in world["apps"] if a.person.full_name in on_second)
    members = world["members"]
    form = {"vote": "1", "application": app.pk, "question": _question(second, app.pk)}
    form.update({f"vote_{m.pk}": "for" for m in members})
    response = client.post(url + "?page=2", form)
    assert response.status_code == 302 and response["Location"].endswith("?page=2")
    assert Vote.objects.filter(application=app).count() == len(members)


def _question(page: str, app_pk: int) -> str:
    marker = f'name="application" value="{app_pk}"><input type="hidden" name="question" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def test_km6_issue9_an_applicant_never_admitted_is_in_no_rating_nor_decision() -> None:
    """Issue 9 §2: an applicant refused at admission (KM-6) appears neither in the meeting's
    rating nor on the stage's decision page."""
    hr = f.hr_user(f.body())
    today = timezone.localdate()
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    apps = [
        f.km_application(campaign, f.candidate("ivanov", "Иванов", "Иван", "Иванович")),
        f.km_application(campaign, f.candidate("petrova", "Петрова", "Мария", "Сергеевна")),
    ]
    refused = f.km_application(
        campaign, f.candidate("gromov", "Громов", "Павел", "Ильич"), admit=False
    )
    services.application_decide(
        actor=hr,
        application=refused,
        admit=False,
        refusal_text="Не соответствует квалификационным требованиям.",
        expected_version=refused.version,
    )
    members = f.km_commission(hr, campaign)
    for app in apps:
        km.score(hr, app, members, correct=45, draft=4, interview=8, date=today)
    meeting = services.meeting_schedule(
        actor=hr,
        campaign=campaign,
        commission=members[0].commission,
        stage_id="competition",
        date=today,  # decided at it below: held today (issue 9 §4)
    )
    services.attendance_record(actor=hr, meeting=meeting, present_ids={m.pk for m in members})
    client = _client(hr)
    page = client.get(reverse("desk_meeting", args=[meeting.pk])).content.decode()
    assert "Иванов Иван" in page and "Петрова Мария" in page
    assert "Громов" not in page
    services.decision_make(actor=hr, campaign=campaign, stage_id="competition", meeting=meeting)
    decision = client.get(reverse("desk_decision", args=[campaign.uid])).content.decode()
    assert "Иванов Иван" in decision and "Громов" not in decision
