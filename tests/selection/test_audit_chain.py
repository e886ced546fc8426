"""The audit log is a hash chain; ``audit_verify`` names the first event altered, removed or
inserted afterwards (issue 13, a tamper-evident audit)."""

from __future__ import annotations

import io
import itertools
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from rezerv.selection import audit_chain
from rezerv.selection.models import AuditEvent, AuditHead
from rezerv.selection.services import audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def events() -> list[AuditEvent]:
    user = User.objects.create(username="hr")
    for n in range(6):
        audit(
            actor=user,
            action="ballot.save",
            obj=user,
            changes={"points": n, "reason": "Уверенные ответы", "list": [1.5, None, {"b": 1}]},
        )
    return list(AuditEvent.objects.order_by("seq"))


def verify() -> str:
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def broken() -> str:
    with pytest.raises(CommandError) as exc:
        call_command("audit_verify", stdout=io.StringIO())
    return str(exc.value)


def test_each_event_chains_on_the_one_before(events: list[AuditEvent]) -> None:
    assert [e.seq for e in events] == [1, 2, 3, 4, 5, 6]
    assert events[0].prev_hash == audit_chain.GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(events))
    head = AuditHead.objects.get()
    assert (head.seq, head.hash) == (6, events[-1].hash)
    assert verify() == "audit chain intact: 6 events\n"


def test_an_altered_value_is_named(events: list[AuditEvent]) -> None:
    AuditEvent.objects.filter(pk=events[2].pk).update(changes={"points": 10})
    assert broken() == (
        f"audit chain broken after 2 intact events: event no. 3 (id {events[2].pk}) was altered"
    )


@pytest.mark.parametrize("field", ["action", "object_id", "actor", "at"])
def test_any_recorded_field_altered_is_found(events: list[AuditEvent], field: str) -> None:
    values: dict[str, Any] = {
        "action": "vote.record",
        "object_id": "999",
        "actor": None,
        "at": events[0].at,
    }
    AuditEvent.objects.filter(pk=events[4].pk).update(**{field: values[field]})
    assert "event no. 5" in broken() and "altered" in broken()


def test_a_removed_event_is_named(events: list[AuditEvent]) -> None:
    AuditEvent.objects.filter(pk=events[3].pk).delete()
    assert broken() == "audit chain broken after 3 intact events: event no. 4 is missing (removed)"


def test_the_last_event_removed_is_found_by_the_head(events: list[AuditEvent]) -> None:
    AuditEvent.objects.filter(pk=events[-1].pk).delete()
    assert "no. 5, but its head names a later event" in broken()


def test_an_event_slipped_in_is_named(events: list[AuditEvent]) -> None:
    """A forged event put between two others, its hash computed as the chain would: the one
    after it no longer chains."""
    row = {
        "seq": 4,
        "at": events[3].at,
        "actor_id": None,
        "action": "decision.make",
        "object_type": "Decision",
        "object_id": "1",
        "campaign_id": None,
        "changes": {},
    }
    for later in reversed(events[3:]):  # make room: 4, 5, 6 become 5, 6, 7
        AuditEvent.objects.filter(pk=later.pk).update(seq=later.seq + 1)
    AuditEvent.objects.create(
        **row, prev_hash=events[2].hash, hash=audit_chain.link(events[2].hash, row)
    )
    assert broken().endswith(f"event no. 5 (id {events[3].pk}) was inserted or out of place")


def test_events_written_in_bulk_chain_on_the_ones_written_singly(events: list[AuditEvent]) -> None:
    from rezerv.selection.audit import Action
    from rezerv.selection.bulk import _Quiet, insert_audit

    insert_audit(
        actor=None,
        action=Action.PERSON_CREATE,
        campaign=None,
        object_type="Person",
        changes_by_id=[(n, {"fields": ["last_name"]}) for n in range(1, 4)],
        progress=_Quiet(),
    )
    audit(actor=None, action="demo.seed", obj=events[0])
    assert verify() == "audit chain intact: 10 events\n"


def test_an_event_appended_past_the_head_is_named(events: list[AuditEvent]) -> None:
    row = {
        "seq": 7,
        "at": events[-1].at,
        "actor_id": None,
        "action": "decision.make",
        "object_type": "Decision",
        "object_id": "1",
        "campaign_id": None,
        "changes": {},
    }
    AuditEvent.objects.create(
        **row, prev_hash=events[-1].hash, hash=audit_chain.link(events[-1].hash, row)
    )
    assert broken().endswith("events from no. 7 on were added past the chain's head (inserted)")
