"""The API's lists a page at a time, the page size bounded; the applications list's queries do
not grow with the campaign (issue 14)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rezerv.api.pagination import MAX_PAGE_SIZE
from rezerv.selection.models import PersonalDataRead
from tests.web.sizes import km_world

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_applications_list_queries_do_not_grow_with_the_campaign(
    django_assert_num_queries: Any,
) -> None:
    small, large = km_world(3, tag="s"), km_world(30, tag="l")
    client = _client(small["hr"])
    url = f"/api/applications/?campaign={small['campaign'].uid}"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert len(client.get(url).json()) == 3
    expected = len(captured.captured_queries)  # read before the next request resets the log
    client = _client(large["hr"])
    url = f"/api/applications/?campaign={large['campaign'].uid}"
    client.get(url)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert len(response.json()) == 30
    # every read counted, once per view (two views of the list)
    counts = PersonalDataRead.objects.filter(application__campaign=large["campaign"])
    assert sorted(set(counts.values_list("count", flat=True))) == [2]
    assert counts.count() == 30


def test_applications_list_is_paged_with_links_and_total() -> None:
    world = km_world(5)
    client = _client(world["hr"])
    url = f"/api/applications/?campaign={world['campaign'].uid}"
    whole = client.get(url)
    assert "Link" not in whole and whole["X-Total-Count"] == "5" and len(whole.json()) == 5
    first = client.get(url + "&page_size=2")
    assert [a["uid"] for a in first.json()] == [a["uid"] for a in whole.json()[:2]]
    assert first["X-Total-Count"] == "5"
    assert 'page=2&page_size=2>; rel="next"' in first["Link"] or (
        'rel="next"' in first["Link"] and "page=2" in first["Link"]
    )
    assert 'rel="last"' in first["Link"] and "page=3" in first["Link"]
    last = client.get(url + "&page_size=2&page=3")
    assert len(last.json()) == 1 and 'rel="prev"' in last["Link"]
    assert client.get(url + "&page_size=2&page=4").status_code == 404
    # the page size is bounded
    assert client.get(url + f"&page_size={MAX_PAGE_SIZE * 10}")["X-Total-Count"] == "5"
