"""Using the reserve: development plans (BR-19), vacancies filled from it (BR-20, PK-7) and
the efficiency of the work with it counted from what is recorded (BR-23).

Pure functions over a regulation's ``reserve.development``, ``reserve.vacancy`` and
``reserve.efficiency`` sections; the kinds of plan item, the assessments, the steps, the
grounds and the bands all come from the regulation file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from rezerv.engine.conditions import MissingFact, compile_condition
from rezerv.engine.declarations import fact_label
from rezerv.engine.reserve import (
    EfficiencyResult,
    ReserveError,
    ReserveMember,
    cumulative_efficiency,
    membership,
    reserve_of,
)
from rezerv.engine.schema import (
    Development,
    EligibilityRule,
    PlanAssessment,
    Regulation,
    VacancyStep,
    VacancyUse,
)

# --------------------------------------------------------------------------- development


def development_of(reg: Regulation) -> Development:
    found = reserve_of(reg).development
    if found is None:
        raise ReserveError(f"regulation {reg.code} sets no development plans")
    return found


def assessment(dev: Development, assessment_id: str) -> PlanAssessment:
    for item in dev.assessments:
        if item.id == assessment_id:
            return item
    known = ", ".join(a.id for a in dev.assessments)
    raise ReserveError(f"unknown assessment '{assessment_id}'; assessments: {known}")


def item_done_on(
    dev: Development, reported_on: dt.date | None, assessment_id: str | None
) -> dt.date | None:
    """When a plan item counts as done (BR-19): on the day of the member's report, unless HR
    assessed it as not fulfilled (then it is not done, and overdue once past its deadline)."""
    if reported_on is None:
        return None
    if assessment_id and not assessment(dev, assessment_id).fulfilled:
        return None
    return reported_on


# --------------------------------------------------------------------------- vacancies

Status = Literal["met", "not_met", "no_data"]


@dataclass(frozen=True)
class RequirementCheck:
    """One qualification requirement for one member: met, not met, or no data to tell (the
    fact it reads is not recorded), with the fact's title then."""

    requirement: str
    status: Status
    rules: tuple[str, ...]
    fact: str = ""


@dataclass(frozen=True)
class VacancyMatch:
    member: str
    name: str
    level: str | None
    score: Decimal | None
    in_reserve: bool
    checks: tuple[RequirementCheck, ...]

    @property
    def meets(self) -> bool:
        return self.in_reserve and all(c.status == "met" for c in self.checks)


def vacancy_of(reg: Regulation) -> VacancyUse:
    found = reserve_of(reg).vacancy
    if found is None:
        raise ReserveError(f"regulation {reg.code} sets no use of the reserve for vacancies")
    return found


def requirements_of(reg: Regulation) -> list[EligibilityRule]:
    """The qualification requirements of a vacant target position: the eligibility rules the
    reserve's ``vacancy.requirements`` names, in that order."""
    by_id = {r.id: r for r in reg.eligibility}
    out: list[EligibilityRule] = []
    for rule_id in vacancy_of(reg).requirements:
        if rule_id not in by_id:
            raise ReserveError(f"vacancy requirement '{rule_id}' is not an eligibility rule")
        out.append(by_id[rule_id])
    return out


def explain_requirements(
    reg: Regulation,
    rules: Sequence[EligibilityRule],
    facts: Mapping[str, Any],
    events: Mapping[str, dt.date] | None = None,
) -> tuple[RequirementCheck, ...]:
    """Each requirement that applies to the member (``when``/``exempt_when`` read on the
    member's facts) with its status: met, not met, or no data (a missing or unreadable fact)."""
    known = events or {}

    def holds(cond: Any) -> bool:
        try:
            return bool(compile_condition(cond, reg, known)(facts))
        except (MissingFact, TypeError):
            return False

    out: list[RequirementCheck] = []
    for rule in rules:
        if rule.when is not None and not holds(rule.when):
            continue
        if rule.exempt_when is not None and holds(rule.exempt_when):
            continue
        cited = tuple(rule.rules)
        try:
            ok = compile_condition(rule.check, reg, known)(facts)
        except MissingFact as missing:
            label = fact_label(reg, missing.fact)
            out.append(RequirementCheck(rule.requirement, "no_data", cited, label))
            continue
        except TypeError:
            out.append(RequirementCheck(rule.requirement, "no_data", cited))
            continue
        out.append(RequirementCheck(rule.requirement, "met" if ok else "not_met", cited))
    return tuple(out)


def match_vacancy(
    reg: Regulation,
    members: Sequence[tuple[ReserveMember, Decimal | None]],
    on_date: dt.date,
    *,
    level: str | None = None,
) -> tuple[list[VacancyMatch], list[VacancyMatch]]:
    """The reserve members for a vacant target position (BR-20, PK-7): those in the reserve on
    ``on_date`` (of ``level`` when given) who meet every requirement, ranked by rating score
    (highest first, no score last, then by name); and the others, each requirement explained."""
    reserve = reserve_of(reg)
    rules = requirements_of(reg)
    meets: list[VacancyMatch] = []
    others: list[VacancyMatch] = []
    for member, score in members:
        if level and member.level != level:
            continue
        in_reserve, _why = membership(reserve, member, on_date)
        checks = explain_requirements(reg, rules, member.facts)
        row = VacancyMatch(member.id, member.name, member.level, score, in_reserve, checks)
        (meets if row.meets else others).append(row)

    def rank(row: VacancyMatch) -> tuple[bool, Decimal, str, str]:
        return (row.score is None, -(row.score or Decimal(0)), row.name, row.member)

    meets.sort(key=rank)
    others.sort(key=rank)
    return meets, others


def step(use: VacancyUse, step_id: str) -> VacancyStep:
    for item in use.steps:
        if item.id == step_id:
            return item
    known = ", ".join(s.id for s in use.steps)
    raise ReserveError(f"unknown step '{step_id}'; steps: {known}")


def next_step(use: VacancyUse, done: Sequence[str]) -> VacancyStep | None:
    """The first step of the regulation's order not yet done (steps go in order: BR-20
    agreement, anti-corruption check, recommendation, appointment); None when all are."""
    for item in use.steps:
        if item.id not in done:
            return item
    return None


def appointment_step(use: VacancyUse) -> VacancyStep | None:
    """The step that appoints (its ``exclusion_ground`` excludes the member from the reserve)."""
    return next((s for s in use.steps if s.exclusion_ground), None)


# --------------------------------------------------------------------------- efficiency


@dataclass(frozen=True)
class YearCounts:
    """What the reserve recorded in one calendar year (BR-23): members in the reserve at some
    time of the year, of them appointed from it and taking part in priority projects; target
    positions that fell vacant, of them filled from the reserve."""

    year: int
    members: int = 0
    appointed: int = 0
    in_projects: int = 0
    vacancies: int = 0
    filled: int = 0


def _pair(measure: str | None, counts: YearCounts) -> tuple[int, int]:
    if measure == "appointed_of_included":
        return counts.appointed, counts.members
    if measure == "vacancies_filled":
        return counts.filled, counts.vacancies
    if measure == "project_participants":
        return counts.in_projects, counts.members
    raise ReserveError(f"the indicator counts nothing the reserve records ({measure})")


@dataclass(frozen=True)
class IndicatorRow:
    indicator: str
    title: str
    rules: tuple[str, ...]
    results: tuple[EfficiencyResult | None, ...]  # per span (1, 2, 3 years); None: no data


def efficiency_table(
    reg: Regulation, yearly: Sequence[YearCounts], spans: Sequence[int] = (1, 2, 3)
) -> list[IndicatorRow]:
    """Every indicator of the regulation for the last year of ``yearly`` (oldest first) and
    cumulatively over the last 2 and 3 years (BR-23: the sums of parts over the sums of
    totals); a span without data (a total of 0, or fewer years) is None."""
    out: list[IndicatorRow] = []
    for ind in reserve_of(reg).efficiency:
        pairs = [_pair(ind.measure, c) for c in yearly]
        results: list[EfficiencyResult | None] = []
        for span in spans:
            window = pairs[-span:] if span <= len(pairs) else []
            if not window or sum(w for _, w in window) == 0:
                results.append(None)
                continue
            results.extend(cumulative_efficiency(reg, ind.id, window, spans=(span,)))
        out.append(IndicatorRow(ind.id, ind.title, tuple(ind.rules), tuple(results)))
    return out
