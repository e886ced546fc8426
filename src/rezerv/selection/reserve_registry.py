"""Reads of the reserve after the decision (issue 10): the registry across campaigns and a
member's card.

Every row is worded by the titles its own regulation gives (level BR-1, the kind of campaign,
the exclusion ground BR-21/PK-9); the term end comes from the regulation's term (BR-2, KM-18)
or the certificate's validity (TP-12).  The number of queries of a page does not depend on the
number of its rows: the regulations, the rating scores and the decisions are read in bulk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q, QuerySet

from rezerv.engine.deadlines import add_term
from rezerv.engine.reserve import Exclusion, exclusion, may_re_include
from rezerv.engine.schema import Regulation, Reserve, Term
from rezerv.selection import policy
from rezerv.selection.models import (
    Application,
    Decision,
    RegulationVersion,
    ReserveEntry,
    StateBody,
)
from rezerv.selection.reserve_models import ActKind, ReserveAct

IN_RESERVE = "in_reserve"
EXCLUDED = "excluded"
ALL = "all"
STATUSES = (IN_RESERVE, EXCLUDED, ALL)


def membership_term(reserve: Reserve | None) -> tuple[Term | None, tuple[str, ...]]:
    """The term of membership and the rules it rests on (``Reserve.membership_term``);
    (None, ()) if the regulation has no reserve."""
    return reserve.membership_term() if reserve is not None else (None, ())
    if reserve.term is not None:
        return reserve.term, tuple(reserve.term_rules)
    if reserve.certificate_validity is not None:
        return reserve.certificate_validity, tuple(reserve.certificate_rules)
    return None, ()


def membership_end(reserve: Reserve | None, included_on: dt.date | None) -> dt.date | None:
    """The last day of membership for a member included on ``included_on`` (None: no term)."""
    term, _rules = membership_term(reserve)
    if term is None or included_on is None:
        return None
    return add_term(included_on, term)


def term_end_of(entry: ReserveEntry, reserve: Reserve | None) -> dt.date | None:
    """The entry's term end: as the decision (or a re-inclusion) recorded it, else computed."""
    return entry.until or membership_end(reserve, entry.included_on)


# --------------------------------------------------------------------------- filters


@dataclass(frozen=True)
class RegistryFilter:
    body: int | None = None
    code: str = ""
    level: str = ""
    group: str = ""
    ending_within_months: int | None = None
    status: str = IN_RESERVE


def registry_entries(user: Any, flt: RegistryFilter, today: dt.date) -> QuerySet[ReserveEntry]:
    """The entries the user may see, filtered, in a stable order (a page is a slice of it)."""
    entries = policy.reserve_visible_to(user)
    if flt.body is not None:
        entries = entries.filter(campaign__body_id=flt.body)
    if flt.code:
        entries = entries.filter(campaign__regulation__code=flt.code)
    if flt.level:
        entries = entries.filter(level=flt.level)
    if flt.group:
        entries = entries.filter(Q(group_title=flt.group) | Q(campaign__position__title=flt.group))
    if flt.status == IN_RESERVE:
        entries = entries.filter(excluded_on__isnull=True)
    elif flt.status == EXCLUDED:
        entries = entries.filter(excluded_on__isnull=False)
    if flt.ending_within_months is not None:
        horizon = add_term(today, Term(months=flt.ending_within_months))
        entries = entries.filter(until__gte=today, until__lte=horizon)
    # The regulation's text is parsed once per process (``RegulationVersion.load`` caches it by
    # its checksum): a page does not fetch it with every row.
    return (
        entries.select_related(
            "person", "campaign__regulation", "campaign__body", "campaign__position"
        )
        .defer("campaign__regulation__source_text", "campaign__announcement")
        .order_by("campaign__body__name", "person__last_name", "person__first_name", "pk")
    )


@dataclass(frozen=True)
class Choices:
    """What the registry's filters offer the user: by titles, never by ids."""

    bodies: list[tuple[int, str]]
    codes: list[tuple[str, str]]
    levels: list[tuple[str, str]]
    groups: list[str]


def filter_choices(user: Any) -> Choices:
    visible = policy.reserve_visible_to(user)
    campaigns = visible.values("campaign_id")
    bodies = list(
        StateBody.objects.filter(campaigns__in=campaigns)
        .distinct()
        .order_by("name")
        .values_list("pk", "name")
    )
    versions = list(
        RegulationVersion.objects.filter(campaigns__in=campaigns).distinct().order_by("code")
    )
    codes: dict[str, str] = {}
    levels: dict[str, str] = {}
    for version in versions:
        reg = version.load().regulation
        codes.setdefault(version.code, f"{version.code} — {reg.title}")
        for level in reg.reserve.levels if reg.reserve else []:
            levels.setdefault(level.id, level.title)
    groups = sorted(
        {g for g in visible.values_list("group_title", flat=True).distinct() if g}
        | {t for t in visible.values_list("campaign__position__title", flat=True).distinct() if t}
    )
    return Choices(
        bodies, sorted(codes.items()), sorted(levels.items(), key=lambda i: i[1]), groups
    )


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class RegistryRow:
    entry: ReserveEntry
    name: str
    level: str
    position: str
    group: str
    campaign: str
    kind: str
    code: str
    body: str
    score: Decimal | None
    included_on: dt.date | None
    term_end: dt.date | None
    excluded_on: dt.date | None
    status: str  # IN_RESERVE or EXCLUDED
    ground: str  # the exclusion ground's title (or the term's expiry)


def _number(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


# A stored decision never changes (C-6): the final scores of its candidates are read once per
# process, keyed by the decision and the moment it was made (a key a reused id cannot match).
_SCORES: dict[tuple[int, dt.datetime], dict[str, Decimal | None]] = {}
_SCORES_KEPT = 64


def _decision_scores(decision_ids: set[int]) -> dict[int, dict[str, Decimal | None]]:
    keys = dict(Decision.objects.filter(pk__in=decision_ids).values_list("pk", "created_at"))
    missing = [pk for pk, made in keys.items() if (pk, made) not in _SCORES]
    if missing:
        for pk, result in Decision.objects.filter(pk__in=missing).values_list("pk", "result"):
            rows = (result or {}).get("candidates", [])
            if len(_SCORES) >= _SCORES_KEPT:
                _SCORES.pop(next(iter(_SCORES)))
            _SCORES[(pk, keys[pk])] = {
                str(r.get("id")): _number(r.get("final_score")) for r in rows
            }
    return {pk: _SCORES.get((pk, made), {}) for pk, made in keys.items()}


def scores_of(entries: Sequence[ReserveEntry]) -> dict[int, Decimal | None]:
    """Per entry, the final score of its candidate in its decision, where it has one: at most
    three queries whatever the number of entries."""
    if not entries:
        return {}
    apps = {
        (campaign, person): pk
        for campaign, person, pk in Application.objects.filter(
            campaign_id__in={e.campaign_id for e in entries},
            person_id__in={e.person_id for e in entries},
        ).values_list("campaign_id", "person_id", "pk")
    }
    by_decision = _decision_scores({e.decision_id for e in entries})
    out: dict[int, Decimal | None] = {}
    for entry in entries:
        app = apps.get((entry.campaign_id, entry.person_id))
        scores = by_decision.get(entry.decision_id, {})
        out[entry.pk] = scores.get(str(app)) if app is not None else None
    return out


def ground_title(reg: Regulation, entry_ground: str, expiry_title: str) -> str:
    """The title of an exclusion ground in its regulation; no ground: the term expired."""
    if not entry_ground:
        return expiry_title
    grounds = reg.reserve.exclusion_grounds if reg.reserve else []
    return next((g.title for g in grounds if g.id == entry_ground), entry_ground)


def registry_rows(entries: Iterable[ReserveEntry]) -> list[RegistryRow]:
    page = list(entries)
    scores = scores_of(page)
    expiry = str(ActKind.EXPIRY.label)
    out: list[RegistryRow] = []
    for entry in page:
        campaign = entry.campaign
        reg = campaign.regulation.load().regulation
        levels = {lv.id: lv.title for lv in reg.reserve.levels} if reg.reserve else {}
        kind = reg.campaign_kind(campaign.kind)
        excluded = entry.excluded_on is not None
        out.append(
            RegistryRow(
                entry=entry,
                name=entry.person.full_name,
                level=levels.get(entry.level, "") if entry.level else "",
                position=campaign.position.title if campaign.position else "",
                group=entry.group_title,
                campaign=campaign.title,
                kind=kind.title if kind is not None else reg.title,
                code=campaign.regulation.code,
                body=campaign.body.name,
                score=scores.get(entry.pk),
                included_on=entry.included_on,
                term_end=term_end_of(entry, reg.reserve),
                excluded_on=entry.excluded_on,
                status=EXCLUDED if excluded else IN_RESERVE,
                ground=ground_title(reg, entry.exclusion_ground, expiry) if excluded else "",
            )
        )
    return out


# --------------------------------------------------------------------------- the card


@dataclass(frozen=True)
class ActRow:
    act: ReserveAct
    kind: str
    ground: str


@dataclass(frozen=True)
class Card:
    row: RegistryRow
    decision: Decision
    term_rules: tuple[str, ...]
    acts: list[ActRow]
    grounds: list[tuple[str, str]]  # the regulation's exclusion grounds: (id, title)
    exclusion: Exclusion | None  # the current exclusion as the engine records it
    re_inclusion: tuple[bool, Any] | None  # may_re_include today, for an excluded member
    conditions: list[tuple[str, str]] = field(default_factory=list)  # (fact, title) to confirm


def card(entry: ReserveEntry, today: dt.date) -> Card:
    from rezerv.selection.reserve_acts import re_inclusion_facts

    row = registry_rows([entry])[0]
    reg = entry.campaign.regulation.load().regulation
    reserve = reg.reserve
    _term, term_rules = membership_term(reserve)
    expiry = str(ActKind.EXPIRY.label)
    acts = [
        ActRow(
            act,
            str(act.get_kind_display()),
            ground_title(reg, act.ground, expiry) if act.kind == ActKind.EXCLUSION else "",
        )
        for act in entry.acts.select_related("recorded_by").order_by("on", "pk")
    ]
    grounds = [(g.id, g.title) for g in reserve.exclusion_grounds] if reserve else []
    current: Exclusion | None = None
    possible: tuple[bool, Any] | None = None
    conditions: list[tuple[str, str]] = []
    if entry.excluded_on is not None and entry.exclusion_ground and reserve is not None:
        current = exclusion(reg, entry.exclusion_ground, entry.excluded_on)
        possible = may_re_include(reg, entry.exclusion_ground, entry.excluded_on, today)
        conditions = re_inclusion_facts(reg, entry.exclusion_ground)
    decision = (
        Decision.objects.select_related("commission", "meeting")
        .defer("inputs", "result")
        .get(pk=entry.decision_id)
    )
    return Card(row, decision, term_rules, acts, grounds, current, possible, conditions)
