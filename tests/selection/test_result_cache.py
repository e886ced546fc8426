"""The engine's result of a campaign computed once per change of its inputs and stored
(issue 14); an application's checks computed for that application alone."""

from __future__ import annotations

from typing import Any

import pytest

from rezerv.selection import result_cache, services
from rezerv.selection.models import CampaignResult, CandidateResult
from tests.web.sizes import km_world

pytestmark = pytest.mark.django_db


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    calls: list[Any] = []
    real = result_cache._evaluate

    def counted(campaign: Any, only: Any = None) -> Any:
        calls.append(only)
        return real(campaign, only)

    monkeypatch.setattr(result_cache, "_evaluate", counted)
    return calls


def test_result_is_evaluated_once_per_change_of_the_inputs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = km_world(4)
    campaign, apps = world["campaign"], world["apps"]
    calls = _counting(monkeypatch)
    first = result_cache.verdicts(campaign, [a.pk for a in apps])
    again = result_cache.verdicts(campaign, [apps[0].pk])
    assert len(calls) == 1 and again == {str(apps[0].pk): first[str(apps[0].pk)]}
    stored = CampaignResult.objects.get(campaign=campaign)
    assert CandidateResult.objects.filter(result=stored).count() == 4
    # a change of the case (a ballot, with its audit record) is a new evaluation
    member = world["members"][0]
    services.ballot_save(
        actor=member.user,
        member=member,
        application=apps[0],
        stage_id="competition",
        method_id="interview",
        points=2,
        reason="",
        expected_version=1,
    )
    changed = result_cache.verdicts(campaign, [apps[0].pk])
    assert len(calls) == 2
    _, fresh = services.evaluate_campaign(campaign)
    want = next(r for r in fresh["candidates"] if r["id"] == str(apps[0].pk))
    assert changed[str(apps[0].pk)] == want
    assert CampaignResult.objects.filter(campaign=campaign).count() == 1


def test_application_verdict_is_the_campaigns_row_for_one_application() -> None:
    world = km_world(4)
    campaign, apps = world["campaign"], world["apps"]
    _, whole = services.evaluate_campaign(campaign)
    rows = {r["id"]: r for r in whole["candidates"]}
    one = result_cache.application_verdict(apps[2])
    assert one is not None
    assert one["refusals"] == rows[str(apps[2].pk)]["refusals"] == []
    assert one["admitted"] == rows[str(apps[2].pk)]["admitted"]
