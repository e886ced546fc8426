"""The yearly review of the reserve (issue 10): the commission decides per member to keep or
exclude at a meeting with quorum and votes (PK-9, BR-2 yearly update); the head approves the
updated list by the regulation's day (PK-6: 1 April) and it is published within the
regulation's term (BR-3: 10 working days)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from rezerv.selection.models import AuditEvent, ReserveEntry
from rezerv.selection.reserve_models import ActKind, ReserveAct
from rezerv.selection.reserve_review import (
    approve_due,
    publish_due,
    review_approve,
    review_attendance,
    review_members,
    review_open,
    review_publish,
    review_vote,
)
from rezerv.selection.services import ServiceError
from tests.documents.world_br import br_documents_world
from tests.documents.world_pk import pk_documents_world

pytestmark = pytest.mark.django_db

BASIS = "Распоряжение главы Администрации № 12-р"


@pytest.fixture
def pk() -> dict[str, Any]:
    w = pk_documents_world(timezone.localdate().year - 1)
    w["entries"] = {
        e.person.last_name: e
        for e in ReserveEntry.objects.filter(decision=w["decision"]).select_related("person")
    }
    w["review_day"] = dt.date(w["year"] + 1, 3, 10)
    return w


def _opened(w: dict[str, Any]) -> Any:
    return review_open(
        actor=w["hr"], campaign=w["campaign"], commission=w["commission"], date=w["review_day"]
    )


def _present(w: dict[str, Any], *keys: str) -> set[int]:
    return {w["members"][k].pk for k in keys}


def test_pk9_the_commission_keeps_or_excludes_each_member_by_its_vote_and_pk6_the_head_approves(
    pk: dict[str, Any],
) -> None:
    w = pk
    review = _opened(w)
    members = review_members(review)
    assert {e.person.last_name for e in members} == set(w["entries"])
    present = _present(w, "smirnov", "kuznetsova", "sokolov")
    review = review_attendance(actor=w["hr"], review=review, present_ids=present)
    m = w["members"]
    keep = {m[k].pk: "for" for k in ("smirnov", "kuznetsova", "sokolov")}
    drop = {m["smirnov"].pk: "against", m["kuznetsova"].pk: "against", m["sokolov"].pk: "for"}
    names = sorted(w["entries"])
    out = None
    for name in names:
        out = review_vote(
            actor=w["hr"],
            review=review,
            entry=w["entries"][name],
            votes=drop if name == names[0] else keep,
            ground="plans_not_fulfilled" if name == names[0] else "",
        )
    assert out is not None and out.keep and out.votes_for == 3
    # PK-6: approved by the head by 1 April of the review's year
    assert approve_due(review) == dt.date(w["year"] + 1, 4, 1)
    on = dt.date(w["year"] + 1, 3, 25)
    review = review_approve(
        actor=w["hr"], review=review, on=on, basis=BASIS, today=timezone.localdate()
    )
    dropped = ReserveEntry.objects.get(pk=w["entries"][names[0]].pk)
    assert (dropped.excluded_on, dropped.exclusion_ground) == (on, "plans_not_fulfilled")
    act = ReserveAct.objects.get(entry=dropped)
    assert (act.kind, act.ground, act.basis) == (ActKind.EXCLUSION, "plans_not_fulfilled", BASIS)
    for name in names[1:]:
        assert ReserveEntry.objects.get(pk=w["entries"][name].pk).excluded_on is None
    event = AuditEvent.objects.get(action="reserve.review_approve")
    assert event.changes["late"] is False and event.changes["rules"] == ["PK-6"]
    # an approved review is frozen
    with pytest.raises(ServiceError):
        review_vote(actor=w["hr"], review=review, entry=w["entries"][names[1]], votes=keep)


def test_pk9_a_vote_at_a_meeting_without_quorum_is_refused_and_records_nothing(
    pk: dict[str, Any],
) -> None:
    w = pk
    review = review_attendance(
        actor=w["hr"], review=_opened(w), present_ids=_present(w, "smirnov", "kuznetsova")
    )
    entry = next(iter(w["entries"].values()))
    with pytest.raises(ServiceError, match="неправомочно"):
        review_vote(
            actor=w["hr"],
            review=review,
            entry=entry,
            votes={w["members"]["smirnov"].pk: "for"},
        )
    assert not review.outcomes.exists() and not review.votes.exists()


def test_pk9_a_member_not_kept_needs_a_ground_of_the_list_and_an_absent_member_does_not_vote(
    pk: dict[str, Any],
) -> None:
    w = pk
    m = w["members"]
    review = review_attendance(
        actor=w["hr"],
        review=_opened(w),
        present_ids=_present(w, "smirnov", "kuznetsova", "sokolov"),
    )
    entry = next(iter(w["entries"].values()))
    against = {m[k].pk: "against" for k in ("smirnov", "kuznetsova", "sokolov")}
    with pytest.raises(ServiceError) as err:
        review_vote(actor=w["hr"], review=review, entry=entry, votes=against, ground="")
    assert err.value.field == "ground"
    with pytest.raises(ServiceError) as err:
        review_vote(
            actor=w["hr"], review=review, entry=entry, votes=against, ground="term_expired"
        )  # a BR ground, not one of PK's list
    assert err.value.field == "ground"
    with pytest.raises(ServiceError) as err:
        review_vote(
            actor=w["hr"], review=review, entry=entry, votes={**against, m["orlova"].pk: "for"}
        )
    assert err.value.field == f"vote_{m['orlova'].pk}"
    # the chair's casting vote decides a tie (as at any meeting)
    tie = {m["smirnov"].pk: "for", m["kuznetsova"].pk: "against"}
    assert review_vote(actor=w["hr"], review=review, entry=entry, votes=tie).keep
    with pytest.raises(ServiceError, match="осталось"):  # not every member decided on
        review_approve(
            actor=w["hr"],
            review=review,
            on=w["review_day"],
            basis=BASIS,
            today=timezone.localdate(),
        )


def test_pk6_members_kept_by_the_review_stay_in_the_reserve_without_being_examined_again(
    pk: dict[str, Any],
) -> None:
    """PK-6 (2.19): a member not excluded is not examined again — the review only keeps or
    excludes, and the next formation takes the member by the route that is kept directly."""
    w = pk
    reg = w["campaign"].regulation.load().regulation
    route = next(r for r in reg.routes if r.direct_outcome)
    assert "PK-6" in route.rules and route.direct_outcome in reg.reserve.outcomes
    assert reg.reserve.review is not None and "PK-9" in reg.reserve.review.rules


def test_br2_yearly_update_and_br3_publication_within_ten_working_days_of_approval() -> None:
    today = timezone.localdate()
    w = br_documents_world(today)
    entries = list(ReserveEntry.objects.filter(decision=w["decision"]).order_by("pk"))
    commission = w["meeting"].commission
    day = min(e.included_on for e in entries if e.included_on is not None)
    today = day + dt.timedelta(days=60)  # the world's decision may lie ahead of the clock
    review = review_open(actor=w["hr"], campaign=w["campaign"], commission=commission, date=day)
    present = set(commission.members.values_list("pk", flat=True))
    review = review_attendance(actor=w["hr"], review=review, present_ids=present)
    for entry in review_members(review):
        review_vote(actor=w["hr"], review=review, entry=entry, votes=dict.fromkeys(present, "for"))
    review = review_approve(actor=w["hr"], review=review, on=day, basis=BASIS, today=today)
    assert approve_due(review) is None  # BR sets no day of approval
    due = publish_due(review)
    assert due is not None and due > day + dt.timedelta(days=10)  # 10 working days
    with pytest.raises(ServiceError):
        review_publish(actor=w["hr"], review=review, on=day - dt.timedelta(days=1), today=today)
    review_publish(actor=w["hr"], review=review, on=day, today=today)
    event = AuditEvent.objects.get(action="reserve.review_publish")
    assert event.changes["rules"] == ["BR-3"] and event.changes["late"] is False
    assert (
        not ReserveEntry.objects.filter(pk__in=[e.pk for e in entries])
        .exclude(excluded_on__isnull=True)
        .filter(exclusion_ground__gt="")
        .exists()
    )
