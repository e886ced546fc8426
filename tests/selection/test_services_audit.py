"""Issue 8, item 9 ("one audit function with before/after values, deletions included"): a
conflict declaration that deletes a member's ballots, and a vote recorded again, keep the old
values in their audit record, written in the same transaction as the change (KM-12, KM-15)."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from rezerv.selection import services
from rezerv.selection.models import AuditEvent, Ballot, ConflictDeclaration, Vote
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = str(tmp_path)
    return f.reopened_km_world(timezone.localdate())


def _last(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("pk")


def test_item9_conflict_declaration_records_the_deleted_ballots(world: dict[str, Any]) -> None:
    member = world["members"][2]
    application = world["application"]
    ballot = Ballot.objects.get(member=member, application=application)
    assert ballot.points == "8"

    services.conflict_declare(
        actor=member.user, member=member, application=application, reason="Родственник кандидата"
    )

    assert not Ballot.objects.filter(member=member, application=application).exists()
    event = _last("conflict.declare")
    assert event.actor == member.user
    assert event.campaign == world["campaign"]
    assert event.changes == {
        "application": application.pk,
        "member": member.pk,
        "reason": "Родственник кандидата",
        "deleted_ballots": [
            {
                "stage": "competition",
                "method": "interview",
                "points": "8",
                "reason": "",
                "version": ballot.version,
            }
        ],
    }


def test_item9_conflict_declaration_without_ballots_records_none(world: dict[str, Any]) -> None:
    member = world["members"][2]
    application = world["application"]
    Ballot.objects.filter(member=member).delete()  # test setup: the member has not scored yet

    services.conflict_declare(
        actor=member.user, member=member, application=application, reason="Бывший коллега"
    )

    assert _last("conflict.declare").changes["deleted_ballots"] == []


def test_item9_failed_audit_keeps_the_ballots(world: dict[str, Any]) -> None:
    """The deletion and its record are one transaction: no record, no deletion."""
    member = world["members"][2]
    application = world["application"]
    with (
        mock.patch.object(services, "audit", side_effect=RuntimeError("audit down")),
        pytest.raises(RuntimeError),
    ):
        services.conflict_declare(
            actor=member.user, member=member, application=application, reason="Родственник"
        )
    assert Ballot.objects.filter(member=member, application=application).count() == 1
    assert not ConflictDeclaration.objects.filter(member=member).exists()


def test_item9_km12_vote_recorded_again_keeps_the_previous_answers(
    world: dict[str, Any],
) -> None:
    members = world["members"]
    meeting = world["meeting"]
    application = world["application"]
    first = _last("vote.record")
    assert first.changes["before"] is None
    assert first.changes["after"] == {str(m.pk): "for" for m in members}

    changed = {m.pk: ("against" if m is members[4] else "for") for m in members}
    services.vote_record(
        actor=world["users"]["hr"],
        meeting=meeting,
        question="winner",
        application=application,
        votes=changed,
    )

    event = _last("vote.record")
    assert event.pk != first.pk
    assert event.changes["question"] == "winner"
    assert event.changes["application"] == application.pk
    assert event.changes["before"] == {str(m.pk): "for" for m in members}
    assert event.changes["after"] == {str(k): v for k, v in changed.items()}
    stored = dict(
        Vote.objects.filter(meeting=meeting, question="winner", application=application)
        .values_list("member_id", "vote")
        .order_by("member_id")
    )
    assert stored == changed
