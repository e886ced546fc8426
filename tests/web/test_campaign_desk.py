"""The HR campaign desk and an application's page cost O(page) (issue 14): the same number of
queries at 3 and at 30 applications, the list a page at a time."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rezerv.web.paging import PER_PAGE
from tests.web.sizes import km_world

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _queries(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200  # the first view stores the engine's result
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_desk_campaign_queries_do_not_grow_with_the_campaign(
    django_assert_num_queries: Any,
) -> None:
    small, large = km_world(3, tag="s"), km_world(30, tag="l")
    expected = _queries(_client(small["hr"]), f"/desk/c/{small['campaign'].uid}/")
    client = _client(large["hr"])
    url = f"/desk/c/{large['campaign'].uid}/"
    client.get(url)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.content.decode().count("/desk/a/") == 30


def test_desk_application_queries_do_not_grow_with_the_campaign(
    django_assert_num_queries: Any,
) -> None:
    small, large = km_world(3, tag="s"), km_world(30, tag="l")
    expected = _queries(_client(small["hr"]), f"/desk/a/{small['apps'][1].uid}/")
    client = _client(large["hr"])
    url = f"/desk/a/{large['apps'][17].uid}/"
    client.get(url)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert large["apps"][17].code in response.content.decode()


def test_desk_campaign_lists_applications_a_page_at_a_time() -> None:
    world = km_world(PER_PAGE + 3)
    client = _client(world["hr"])
    url = f"/desk/c/{world['campaign'].uid}/"
    first = client.get(url).content.decode()
    assert first.count("/desk/a/") == PER_PAGE
    assert "Страница 1 из 2" in first
    second = client.get(url + "?page=2").content.decode()
    assert second.count("/desk/a/") == 3
    assert world["apps"][-1].code in second and world["apps"][-1].code not in first
    # a page past the end is the last one, a page that is not a number the first
    assert client.get(url + "?page=99").content.decode().count("/desk/a/") == 3
    assert client.get(url + "?page=x").content.decode().count("/desk/a/") == PER_PAGE


def test_desk_of_a_large_campaign_shows_the_recomputation_progress(settings: Any) -> None:
    """Issue 14: above REZERV_INLINE_RESULT_LIMIT the desk does not evaluate the campaign in
    the request; it says the results are being recomputed, with the worker's progress, and
    shows the last stored verdicts meanwhile."""
    from rezerv.selection.models import ResultRecomputation
    from rezerv.selection.tasks import recompute_result

    settings.REZERV_INLINE_RESULT_LIMIT = 1
    world = km_world(3)
    client = _client(world["hr"])
    url = f"/desk/c/{world['campaign'].uid}/"
    first = client.get(url).content.decode()
    assert "Результаты пересчитываются: 0 %" in first
    assert "документы полны" not in first
    ResultRecomputation.objects.update(progress=40)
    assert "Результаты пересчитываются: 40 %" in client.get(url).content.decode()
    recompute_result.call(world["campaign"].pk)
    done = client.get(url).content.decode()
    assert "пересчитываются" not in done
    assert done.count("документы полны") == 3
