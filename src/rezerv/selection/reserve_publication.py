"""What of the reserve is published (BR-3: the names and the level, nothing more): the members
in the reserve today of every regulation whose ``reserve.publication`` lists the fields, each
row carrying exactly those fields.  Read by the public page and its open data (CSV, JSON)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rezerv.selection.models import ReserveEntry
from rezerv.selection.reserve_vacancies import regulation_of


@dataclass(frozen=True)
class PublishedList:
    code: str
    title: str
    rules: tuple[str, ...]
    fields: tuple[str, ...]
    rows: list[dict[str, str]]


def _value(field: str, entry: ReserveEntry, levels: dict[str, str]) -> str:
    if field == "name":
        return entry.person.full_name
    if field == "level":
        return levels.get(entry.level, "")
    if field == "group":
        return entry.group_title or (
            entry.campaign.position.title if entry.campaign.position else ""
        )
    if field == "body":
        return entry.campaign.body.name
    if field == "included_on":
        return entry.included_on.isoformat() if entry.included_on else ""
    raise ValueError(field)  # pragma: no cover - the schema lists the fields


def published_lists(today: dt.date) -> list[PublishedList]:
    codes = (
        ReserveEntry.objects.filter(decision__superseded_at__isnull=True)
        .values_list("campaign__regulation__code", flat=True)
        .distinct()
        .order_by("campaign__regulation__code")
    )
    out: list[PublishedList] = []
    for code in codes:
        reg = regulation_of(code)
        if reg is None or reg.reserve is None or reg.reserve.publication is None:
            continue
        publication = reg.reserve.publication
        levels = {lv.id: lv.title for lv in reg.reserve.levels}
        order = {lv.id: i for i, lv in enumerate(reg.reserve.levels)}
        entries = list(
            ReserveEntry.objects.filter(
                campaign__regulation__code=code,
                decision__superseded_at__isnull=True,
                excluded_on__isnull=True,
                included_on__lte=today,
            )
            .select_related("person", "campaign__body", "campaign__position")
            .order_by("person__last_name", "person__first_name", "pk")
        )
        entries.sort(key=lambda e: order.get(e.level, len(order)))
        fields: tuple[str, ...] = tuple(publication.fields)
        rows = [{f: _value(f, e, levels) for f in fields} for e in entries]
        out.append(PublishedList(code, reg.title, tuple(publication.rules), fields, rows))
    return out


def open_data(today: dt.date) -> list[dict[str, Any]]:
    """The published rows as open data: the regulation's code and exactly its fields."""
    return [{"reserve": p.code, **row} for p in published_lists(today) for row in p.rows]
