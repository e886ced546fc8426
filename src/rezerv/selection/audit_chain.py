"""The audit log as a hash chain: an event altered, removed or inserted afterwards is found.

Every audit event gets the next number of the chain (``seq``) and the SHA-256 of the previous
event's hash followed by its own recorded content (``hash``).  The head of the chain (the last
number and hash) is one row, locked by every transaction that writes audit events, so the
numbers follow the order of the writes on PostgreSQL too (on SQLite a writing transaction holds
the whole database).  ``verify`` walks the chain in order and names the first event whose hash
or place does not follow: changed values, a deleted event (a gap), an event slipped in (a
number out of place or a hash that does not chain).

Users and campaigns are never deleted under their audit events (``actor_id``, ``campaign_id``
are part of the hash): an account is closed by deactivation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from rezerv.selection.models import AuditEvent, AuditHead

GENESIS = "0" * 64
READ_BATCH = 2000


def _moment(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def content(row: dict[str, Any]) -> bytes:
    """The recorded content of an event as the chain hashes it (canonical JSON)."""
    return json.dumps(
        [
            row["seq"],
            _moment(row["at"]),
            row["actor_id"],
            row["action"],
            row["object_type"],
            row["object_id"],
            row["campaign_id"],
            row["changes"],
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    ).encode()


def link(previous: str, row: dict[str, Any]) -> str:
    return hashlib.sha256(previous.encode() + content(row)).hexdigest()


def chain(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give ``rows`` (column values of new audit events, in order) their numbers, moments and
    hashes, and move the head past them. Called inside the transaction that inserts the rows
    (the head's lock is held until it ends; outside one, ``select_for_update`` refuses)."""
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:  # a database whose head row was flushed: the insert locks the new row
        head = AuditHead.objects.create(pk=1, seq=0, hash=GENESIS)
    seq, previous = head.seq, head.hash
    now = timezone.now()
    for row in rows:
        seq += 1
        row.setdefault("at", now)
        row["seq"] = seq
        row["prev_hash"] = previous
        row["hash"] = previous = link(previous, row)
    head.seq, head.hash = seq, previous
    head.save(update_fields=["seq", "hash"])
    return rows


@dataclass(frozen=True)
class Break:
    """Where the chain does not follow: the event (its pk and number) and what is wrong."""

    pk: int | None
    seq: int
    problem: str  # "altered", "removed", "inserted", "appended", "head"

    def describe(self) -> str:
        if self.problem == "removed":
            return f"event no. {self.seq} is missing (removed)"
        if self.problem == "appended":
            return f"events from no. {self.seq} on were added past the chain's head (inserted)"
        if self.problem == "head":
            return f"the chain ends at no. {self.seq}, but its head names a later event (removed)"
        what = "altered" if self.problem == "altered" else "inserted or out of place"
        return f"event no. {self.seq} (id {self.pk}) was {what}"


FIELDS = (
    "pk",
    "seq",
    "at",
    "actor_id",
    "action",
    "object_type",
    "object_id",
    "campaign_id",
    "changes",
    "prev_hash",
    "hash",
)


def _rows() -> Iterator[dict[str, Any]]:
    last = -1
    while True:
        batch = list(
            AuditEvent.objects.filter(seq__gt=last).order_by("seq").values(*FIELDS)[:READ_BATCH]
        )
        if not batch:
            return
        yield from batch
        last = batch[-1]["seq"]


def verify(rows: Iterable[dict[str, Any]] | None = None) -> tuple[int, Break | None]:
    """Walk the chain; the number of events that follow, and the first break (None: intact)."""
    previous, expected, count = GENESIS, 1, 0
    for row in _rows() if rows is None else rows:
        if row["seq"] > expected:
            return count, Break(None, expected, "removed")
        if row["seq"] < expected or row["prev_hash"] != previous:
            return count, Break(row["pk"], row["seq"], "inserted")
        if link(previous, row) != row["hash"]:
            return count, Break(row["pk"], row["seq"], "altered")
        previous, expected, count = row["hash"], expected + 1, count + 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.seq, head.hash) != (expected - 1, previous):
        if head.seq < expected - 1:  # events appended past the head, not through the chain
            return head.seq, Break(None, head.seq + 1, "appended")
        return count, Break(None, expected - 1, "head")
    return count, None
