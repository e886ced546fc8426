"""The engine's result of a campaign computed once per change of its inputs and stored
(issue 14); an application's checks computed for that application alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rezerv.engine.errors import InputError, Problem
from rezerv.selection import result_cache, services
from rezerv.selection.models import (
    Ballot,
    Campaign,
    CampaignResult,
    CandidateResult,
    ResultRecomputation,
)
from rezerv.selection.tasks import recompute_result
from tests.web.sizes import km_world

pytestmark = pytest.mark.django_db


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    calls: list[Any] = []
    real = result_cache._evaluate

    def counted(campaign: Any, only: Any = None, **kw: Any) -> Any:
        calls.append(only)
        return real(campaign, only, **kw)

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


def _ballot(world: dict[str, Any], points: int) -> None:
    member, app = world["members"][0], world["apps"][0]
    services.ballot_save(
        actor=member.user,
        member=member,
        application=app,
        stage_id="competition",
        method_id="interview",
        points=points,
        reason="",
        expected_version=Ballot.objects.get(member=member, application=app).version,
    )


def test_large_campaign_is_recomputed_on_the_worker_once_per_change(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: above REZERV_INLINE_RESULT_LIMIT the request does not evaluate the campaign:
    it asks the worker once per inputs version and shows the last stored result, stale, with
    the worker's progress."""
    settings.REZERV_INLINE_RESULT_LIMIT = 3
    world = km_world(4)
    campaign = Campaign.objects.get(pk=world["campaign"].pk)  # as a view reads it
    calls = _counting(monkeypatch)
    jobs = DBTaskResult.objects.filter(task_path__endswith="recompute_result")
    first = result_cache.stored_result(campaign)
    again = result_cache.stored_result(campaign)
    assert calls == [] and first.stale and again.stale and first.pk is None
    assert first.summary == {} and first.rows_of([a.pk for a in world["apps"]]) == {}
    assert jobs.count() == 1  # asked once for these inputs
    assert recompute_result.call(campaign.pk) == "stored"
    assert len(calls) == 1
    job = ResultRecomputation.objects.get(campaign=campaign)
    assert job.progress == 100 and job.problems is None
    fresh = result_cache.stored_result(campaign)
    assert not fresh.stale and fresh.pk is not None and len(calls) == 1
    # a change: the last stored result is shown, stale, while the worker recomputes it
    _ballot(world, 2)
    stale = result_cache.stored_result(campaign)
    assert stale.stale and stale.pk == fresh.pk and stale.progress == 0
    assert stale.computed_at == fresh.computed_at
    assert jobs.count() == 2 and len(calls) == 1
    ResultRecomputation.objects.filter(campaign=campaign).update(progress=40)
    assert result_cache.stored_result(campaign).progress == 40
    assert jobs.count() == 2
    assert recompute_result.call(campaign.pk) == "stored"
    assert recompute_result.call(campaign.pk) == "fresh"  # a second job finds it done
    now = result_cache.stored_result(campaign)
    assert not now.stale and len(calls) == 2
    _, want = services.evaluate_campaign(campaign)
    app = world["apps"][0]
    assert now.rows_of([app.pk])[str(app.pk)] == next(
        r for r in want["candidates"] if r["id"] == str(app.pk)
    )
    # a small campaign (or inline=True) is still computed in the request
    _ballot(world, 3)
    assert not result_cache.stored_result(campaign, inline=True).stale
    assert len(calls) == 3 and jobs.count() == 2


def test_lost_recomputation_is_asked_for_again(settings: Any) -> None:
    """Issue 14: a job without news for REZERV_RESULT_JOB_STALE_SECONDS (its worker lost) is
    enqueued again by the next view; a fresh one is not."""
    settings.REZERV_INLINE_RESULT_LIMIT = 0
    campaign = Campaign.objects.get(pk=km_world(2)["campaign"].pk)
    jobs = DBTaskResult.objects.filter(task_path__endswith="recompute_result")
    result_cache.stored_result(campaign)
    result_cache.stored_result(campaign)
    assert jobs.count() == 1
    ResultRecomputation.objects.update(
        updated_at=timezone.now()
        - dt.timedelta(seconds=settings.REZERV_RESULT_JOB_STALE_SECONDS + 1)
    )
    result_cache.stored_result(campaign)
    assert jobs.count() == 2


def test_refusal_found_by_the_worker_is_raised_by_the_page(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: a case the regulation refuses, found by the worker, reaches the pages as the
    engine's InputError (worded there), as it would inline."""
    settings.REZERV_INLINE_RESULT_LIMIT = 0
    campaign = Campaign.objects.get(pk=km_world(2)["campaign"].pk)
    problem = Problem("case", "$.x", None, "bad", "unknown_field", {"field": "x"})

    def refused(*args: Any, **kw: Any) -> Any:
        raise InputError([problem])

    monkeypatch.setattr(result_cache, "_evaluate", refused)
    result_cache.stored_result(campaign)
    assert recompute_result.call(campaign.pk) == "refused"
    with pytest.raises(InputError) as caught:
        result_cache.stored_result(campaign)
    assert caught.value.problems == [problem]
