"""The decision page, an application's outcome and the API's outcomes cost O(page) (issue 14):
a decision's candidates are read from their stored rows (``DecisionRow``), a page at a time;
the same number of queries at 3 and at 30 applications."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rezerv.scenarios import km
from rezerv.selection import in_force, services
from rezerv.selection.models import Decision, DecisionRow
from rezerv.web.paging import PER_PAGE
from tests.web.sizes import km_world

pytestmark = pytest.mark.django_db


def _decided(size: int, tag: str = "") -> dict[str, Any]:
    world = km_world(size, tag=tag)
    world["decision"] = services.decision_make(
        actor=world["hr"],
        campaign=world["campaign"],
        stage_id=km.STAGE,
        meeting=world["meeting"],
        reason="",
        expected_in_force=None,
    )
    return world


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _queries(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_decision_page_queries_do_not_grow_with_the_campaign(
    django_assert_num_queries: Any,
) -> None:
    small, large = _decided(3, "s"), _decided(30, "l")
    expected = _queries(_client(small["hr"]), f"/desk/c/{small['campaign'].uid}/decision/")
    client = _client(large["hr"])
    url = f"/desk/c/{large['campaign'].uid}/decision/"
    client.get(url)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.content.decode().count("Петровl") >= 30


def test_decision_rows_are_the_decisions_result_a_page_at_a_time() -> None:
    """C-6: the stored rows are the decision's own result; the page lists them in its order,
    a page at a time, and the groups of outcomes likewise."""
    world = _decided(PER_PAGE + 3)
    decision = Decision.objects.get(pk=world["decision"].pk)
    stored = list(DecisionRow.objects.filter(decision=decision).order_by("position"))
    assert [r.row for r in sorted(stored, key=lambda r: r.application_id)] == sorted(
        decision.result["candidates"], key=lambda r: int(r["id"])
    )
    client = _client(world["hr"])
    url = f"/desk/c/{world['campaign'].uid}/decision/"
    first, second = client.get(url).content.decode(), client.get(url + "?page=2").content.decode()
    table = lambda html: html.split('id="decision"')[1].split("</table>")[0]  # noqa: E731
    assert table(first).count("<tr>") == PER_PAGE + 1  # and the header
    assert table(second).count("<tr>") == 3 + 1
    names = [r.reading["name"] for r in stored]
    assert names[0] in table(first) and names[-1] in table(second)


def test_outcome_of_a_page_of_applications_is_read_for_those_only(
    django_assert_num_queries: Any,
) -> None:
    """The rows of the decisions in force of some applications equal the whole campaign's
    (``candidate_rows``), in queries that do not depend on the campaign."""
    world = _decided(6)
    campaign, apps = world["campaign"], world["apps"]
    whole = in_force.candidate_rows(campaign)
    ids = [apps[1].pk, apps[4].pk]
    with django_assert_num_queries(2):
        some = in_force.candidate_rows(campaign, ids)
    assert some == {str(i): whole[str(i)] for i in ids}
    assert in_force.candidate_row(apps[2]) == whole[str(apps[2].pk)]


def test_rows_of_a_decision_made_before_them_are_stored_on_first_read() -> None:
    world = _decided(3)
    decision = world["decision"]
    DecisionRow.objects.filter(decision=decision).delete()
    Decision.objects.filter(pk=decision.pk).update(rows_stored=False)
    app = world["apps"][0]
    row = in_force.candidate_row(app)
    assert row is not None and row["id"] == str(app.pk)
    assert DecisionRow.objects.filter(decision=decision).count() == 3
    assert Decision.objects.get(pk=decision.pk).rows_stored


def test_api_outcomes_queries_do_not_grow_with_the_campaign(
    django_assert_num_queries: Any,
) -> None:
    small, large = _decided(3, "s"), _decided(30, "l")
    url = "/api/applications/?campaign={}"
    client = _client(small["hr"])
    client.get(url.format(small["campaign"].uid))
    with CaptureQueriesContext(connection) as captured:
        listed = client.get(url.format(small["campaign"].uid)).json()
    expected = len(captured.captured_queries)
    assert all(a["outcome"] for a in listed)
    client = _client(large["hr"])
    client.get(url.format(large["campaign"].uid))
    with django_assert_num_queries(expected):
        listed = client.get(url.format(large["campaign"].uid)).json()
    assert len(listed) == 30 and all(a["outcome"] for a in listed)
