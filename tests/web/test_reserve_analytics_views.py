"""Charts of the reserve on the desk (issue 10): the funnel of a campaign (applied → admitted →
each stage → reserve → appointed) and the composition by level (BR-1) and body, drawn by pygal
with the figures also as a table."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from rezerv.selection.models import ReserveEntry
from rezerv.selection.reserve_analytics import composition, funnel
from tests.documents.world_br import br_documents_world
from tests.web.test_reserve_views import at, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def br(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    w = br_documents_world(timezone.localdate())
    entries = ReserveEntry.objects.filter(
        campaign=w["campaign"], decision__superseded_at__isnull=True
    )
    w["entries"] = list(entries)
    w["day"] = max(e.included_on for e in w["entries"] if e.included_on is not None)
    at(monkeypatch, w["day"])
    return w


def test_funnel_counts_each_step_from_the_decision_and_the_reserve(br: dict[str, Any]) -> None:
    w = br
    steps = funnel(w["campaign"])
    counts = [s.count for s in steps]
    titles = [s.title for s in steps]
    result = w["decision"].result
    assert counts[0] == len(result["candidates"])
    assert counts[1] == sum(1 for c in result["candidates"] if c.get("admitted"))
    assert titles[-2:] == ["Включены в резерв", "Назначены из резерва"]
    assert counts[-2:] == [len(w["entries"]), 0]
    # every step holds no more people than the one before it
    assert all(a >= b for a, b in pairwise(counts))


def test_br1_composition_by_level_title_and_body(br: dict[str, Any]) -> None:
    w = br
    data = composition(w["hr"], w["day"])
    day = w["day"]
    present = [
        e
        for e in w["entries"]
        if e.included_on is not None
        and e.included_on <= day
        and (e.excluded_on is None or e.excluded_on > day)
    ]
    assert data.total == len(present)
    assert data.bodies == [w["body"].name]
    assert any(level.endswith("Высший уровень") for level in data.levels)


def test_the_analytics_page_draws_both_charts_with_their_tables(br: dict[str, Any]) -> None:
    w = br
    page = client_for(w["hr"]).get(
        reverse("desk_reserve_analytics"), {"campaign": str(w["campaign"].uid)}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<svg") >= 2 and "pygal" in html
    assert 'id="funnel-table"' in html and 'id="composition-table"' in html
    assert "Включены в резерв" in html and "Высший уровень" in html
    assert ">higher<" not in html
