"""A member's scoring screen costs O(page) (issue 14): its queries do not grow with the
number of candidates; the candidates are listed a page at a time and found by code or name."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rezerv.selection.models import Ballot
from rezerv.web.scoring_screen import PER_PAGE
from tests.web.sizes import km_world

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(world: dict[str, Any]) -> str:
    return f"/commission/c/{world['campaign'].uid}/competition/interview/"


def test_scoring_queries_do_not_grow_with_the_campaign(django_assert_num_queries: Any) -> None:
    small, large = km_world(3, tag="s"), km_world(30, tag="l")
    client = _client(small["members"][2].user)
    client.get(_url(small))
    with CaptureQueriesContext(connection) as captured:
        client.get(_url(small))
    expected = len(captured.captured_queries)  # read before the next request resets the log
    client = _client(large["members"][2].user)
    client.get(_url(large))
    with django_assert_num_queries(expected):
        response = client.get(_url(large))
    assert response.status_code == 200


def test_scoring_lists_a_page_at_a_time_with_search() -> None:
    world = km_world(PER_PAGE + 4)
    member = world["members"][2]
    client = _client(member.user)
    first = client.get(_url(world)).content.decode()
    assert first.count('<section class="card" id="a') == PER_PAGE
    assert "Страница 1 из 2" in first
    second = client.get(_url(world) + "?page=2").content.decode()
    assert second.count('<section class="card" id="a') == 4
    last = world["apps"][-1]
    found = client.get(_url(world), {"q": last.code}).content.decode()
    assert found.count('<section class="card" id="a') == 1 and f'id="a{last.pk}"' in found
    by_name = client.get(_url(world), {"q": last.person.first_name}).content.decode()
    assert f'id="a{last.pk}"' in by_name
    assert "Никого не найдено." in client.get(_url(world), {"q": "нет-такого"}).content.decode()


def test_a_ballot_sent_from_another_page_is_saved() -> None:
    world = km_world(PER_PAGE + 4)
    member = world["members"][2]
    client = _client(member.user)
    app = world["apps"][-1]  # on the second page
    ballot = Ballot.objects.get(member=member, application=app)
    response = client.post(
        _url(world),
        {
            "application": app.pk,
            "save": "1",
            f"a{app.pk}-version": ballot.version,
            f"a{app.pk}-c_score": "9",
            f"a{app.pk}-reason": "",
        },
    )
    assert response.status_code == 302
    ballot.refresh_from_db()
    assert str(ballot.points) == "9" and ballot.version == 2
