"""The campaign's audit log as people read it: events in the order of the chain, newest first,
each with the titles of its action and object and its recorded values in words."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import QuerySet

from rezerv.selection import vocabulary
from rezerv.selection.audit import action_title
from rezerv.selection.models import AuditEvent, Campaign


def campaign_events(campaign: Campaign) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(campaign=campaign).select_related("actor").order_by("-seq")


@dataclass(frozen=True)
class Line:
    seq: int
    at: Any
    actor: str
    action: str
    object: str
    changes: str
    hash: str


def reader(campaign: Campaign) -> Callable[[list[AuditEvent]], list[Line]]:
    """A function that reads events of ``campaign`` in words; the titles are looked up once,
    for all the batches of events it is given."""
    reg = campaign.regulation.load().regulation
    words = vocabulary.humanizer(reg)
    object_titles = {
        m.__name__: str(m._meta.verbose_name)
        for app in ("selection", "notifications")
        for m in apps.get_app_config(app).get_models()
    }

    def read(events: list[AuditEvent]) -> list[Line]:
        return [_line(event, words, object_titles) for event in events]

    return read


def readable(campaign: Campaign, events: list[AuditEvent]) -> list[Line]:
    return reader(campaign)(events)


def _line(event: AuditEvent, words: Any, object_titles: dict[str, str]) -> Line:
    return Line(
        seq=event.seq,
        at=event.at,
        actor=event.actor.get_username() if event.actor else "",
        action=str(action_title(event.action)),
        object=f"{object_titles.get(event.object_type, event.object_type)} {event.object_id}",
        # identifiers of the regulation in the recorded values, read by their titles
        changes=json.dumps(words(event.changes), ensure_ascii=False, default=str),
        hash=event.hash,
    )
