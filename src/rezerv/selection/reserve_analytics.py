"""Figures of the reserve for the desk's charts (issue 10): the funnel of a campaign (applied →
admitted → each stage reached → included in the reserve → appointed from it) from its decisions
in force, and the composition of the reserve today by level and body.  Reads only; counts, no
personal data."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext

from rezerv.selection import policy
from rezerv.selection.models import Campaign, Decision, ReserveEntry
from rezerv.selection.reserve_vacancies import regulation_of


@dataclass(frozen=True)
class FunnelStep:
    title: str
    count: int


def funnel(campaign: Campaign) -> list[FunnelStep]:
    """The campaign's funnel from the latest decision in force (its result lists every
    candidate with the stages they reached), the reserve entries of the decisions in force,
    and the members excluded on a ground a vacancy's step applies once done (the appointment)."""
    decision = (
        Decision.objects.filter(campaign=campaign, superseded_at__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )
    if decision is None:
        return []
    reg = campaign.regulation.load().regulation
    result: dict[str, Any] = decision.result or {}
    candidates = result.get("candidates") or []
    reached: Counter[str] = Counter()
    for candidate in candidates:
        for stage_id in candidate.get("stages") or {}:
            reached[stage_id] += 1
    steps = [
        FunnelStep(gettext("Подали документы"), len(candidates)),
        FunnelStep(gettext("Допущены"), sum(1 for c in candidates if c.get("admitted"))),
    ]
    for stage in reg.stages:
        if stage.id in reached:
            steps.append(
                FunnelStep(gettext("Этап «%(stage)s»") % {"stage": stage.title}, reached[stage.id])
            )
    entries = ReserveEntry.objects.filter(campaign=campaign, decision__superseded_at__isnull=True)
    appointing: set[str] = set()
    if reg.reserve is not None and reg.reserve.vacancy is not None:
        appointing = {s.exclusion_ground for s in reg.reserve.vacancy.steps if s.exclusion_ground}
    if reg.reserve is not None:
        steps.append(FunnelStep(gettext("Включены в резерв"), entries.count()))
        steps.append(
            FunnelStep(
                gettext("Назначены из резерва"),
                entries.filter(exclusion_ground__in=appointing).count() if appointing else 0,
            )
        )
    return steps


def funnel_campaigns(user: Any) -> list[Campaign]:
    return list(
        policy.campaigns_managed_by(user)
        .filter(decisions__superseded_at__isnull=True)
        .distinct()
        .order_by("-pk")
    )


@dataclass(frozen=True)
class Composition:
    bodies: list[str]
    levels: list[str]
    # counts[level][body]
    counts: dict[str, dict[str, int]]
    total: int


def composition(user: Any, today: dt.date) -> Composition:
    """Members in the reserve today, by level (the regulation's titles) and body."""
    rows = (
        policy.reserve_visible_to(user)
        .filter(included_on__lte=today)
        .exclude(excluded_on__lte=today)
        .values("campaign__regulation__code", "level", "campaign__body__name")
        .annotate(n=Count("pk"))
        .order_by("campaign__regulation__code", "level", "campaign__body__name")
    )
    titles: dict[tuple[str, str], str] = {}
    counts: dict[str, dict[str, int]] = {}
    bodies: list[str] = []
    for row in rows:
        code, level, body = (
            row["campaign__regulation__code"],
            row["level"],
            row["campaign__body__name"],
        )
        key = (code, level)
        if key not in titles:
            reg = regulation_of(code)
            named = {lv.id: lv.title for lv in (reg.reserve.levels if reg and reg.reserve else [])}
            titles[key] = named.get(level) or gettext("без уровня")
            if reg is not None:
                titles[key] = f"{reg.code}: {titles[key]}"
        label = titles[key]
        counts.setdefault(label, {})
        counts[label][body] = counts[label].get(body, 0) + row["n"]
        if body not in bodies:
            bodies.append(body)
    return Composition(sorted(bodies), list(counts), counts, sum(r["n"] for r in rows))
