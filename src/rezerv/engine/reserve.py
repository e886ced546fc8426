"""The reserve after inclusion: term, exclusion, re-inclusion, vacancies, development, efficiency.

Pure functions over a regulation's ``reserve`` and ``retention`` sections.  Nothing here is
specific to one procedure: the term, the exclusion grounds, the waits before re-inclusion, the
retention periods and the efficiency bands all come from the regulation file.  Answers carry
the rule IDs the regulation cites for them, and say why as a :class:`Reason` (a code with
params, worded by ``rezerv.wording``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rezerv.engine.conditions import MissingFact, compile_condition
from rezerv.engine.deadlines import add_term
from rezerv.engine.declarations import fact_label
from rezerv.engine.reasons import Reason
from rezerv.engine.schema import (
    EfficiencyIndicator,
    EligibilityRule,
    Ground,
    Regulation,
    Reserve,
)

HUNDRED = Decimal(100)


class ReserveError(ValueError):
    """A question the regulation's reserve section cannot answer (an unknown exclusion ground
    or indicator, a reserve without a term, impossible dates)."""


def reserve_of(reg: Regulation) -> Reserve:
    if reg.reserve is None:
        raise ReserveError(f"regulation {reg.code} has no reserve section")
    return reg.reserve


# --------------------------------------------------------------------------- members, term


@dataclass(frozen=True)
class ReserveMember:
    """A person in the reserve: when included, at which level, their facts (qualifications,
    experience…), and the date of exclusion if excluded."""

    id: str
    included_on: dt.date
    level: str | None = None
    name: str = ""
    facts: Mapping[str, Any] = field(default_factory=dict)
    excluded_on: dt.date | None = None


def term_end(reserve: Reserve, included_on: dt.date) -> dt.date:
    """The last day of membership: the inclusion date plus the reserve's term (e.g. 3 years,
    BR-2); a term in years ends on the same date of the last year (29 February: 28 February)."""
    if reserve.term is None:
        raise ReserveError("the reserve section sets no term")
    return add_term(included_on, reserve.term)


def term_expired(reserve: Reserve, included_on: dt.date, on_date: dt.date) -> bool:
    """True once the term is over: the day after :func:`term_end`."""
    return on_date > term_end(reserve, included_on)


def membership(reserve: Reserve, member: ReserveMember, on_date: dt.date) -> tuple[bool, Reason]:
    """Whether ``member`` is in the reserve on ``on_date``, and why (not)."""
    if on_date < member.included_on:
        return False, Reason((), "reserve_not_yet", {"included_on": member.included_on.isoformat()})
    if member.excluded_on is not None and on_date >= member.excluded_on:
        return False, Reason(
            (), "reserve_excluded", {"excluded_on": member.excluded_on.isoformat()}
        )
    if reserve.term is not None and term_expired(reserve, member.included_on, on_date):
        end = term_end(reserve, member.included_on).isoformat()
        return False, Reason(tuple(reserve.term_rules), "reserve_term_expired", {"end": end})
    return True, Reason((), "reserve_member")


# --------------------------------------------------------------------------- exclusion


def ground(reserve: Reserve, ground_id: str) -> Ground:
    """The exclusion ground ``ground_id``; an unknown ground is refused with the known ones."""
    for item in reserve.exclusion_grounds:
        if item.id == ground_id:
            return item
    known = ", ".join(g.id for g in reserve.exclusion_grounds) or "none"
    raise ReserveError(f"unknown exclusion ground '{ground_id}'; grounds: {known}")


@dataclass(frozen=True)
class RetentionDue:
    """A retention period started by an event: what is kept, until when, and what then."""

    id: str
    what: str
    until: dt.date | None  # None: the regulation sets no period
    then: str
    rules: tuple[str, ...]


@dataclass(frozen=True)
class Exclusion:
    """The record of one exclusion: the ground with its rules, the files' retention, and the
    earliest date of re-inclusion where the regulation sets a wait for this ground."""

    ground: str
    title: str
    rules: tuple[str, ...]
    excluded_on: dt.date
    member: str | None = None
    retention: tuple[RetentionDue, ...] = ()
    re_inclusion_from: dt.date | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "ground": self.ground,
            "title": self.title,
            "rules": list(self.rules),
            "excluded_on": self.excluded_on.isoformat(),
            "retention": [
                {
                    "id": r.id,
                    "what": r.what,
                    "until": r.until.isoformat() if r.until else None,
                    "then": r.then,
                    "rules": list(r.rules),
                }
                for r in self.retention
            ],
            "re_inclusion_from": (
                self.re_inclusion_from.isoformat() if self.re_inclusion_from else None
            ),
        }


def retention_after(reg: Regulation, event: str, on: dt.date) -> tuple[RetentionDue, ...]:
    """The retention periods the regulation starts at ``event``, counted from ``on``."""
    return tuple(
        RetentionDue(r.id, r.what, add_term(on, r.term) if r.term else None, r.then, tuple(r.rules))
        for r in reg.retention
        if r.after == event
    )


def exclusion(
    reg: Regulation,
    ground_id: str,
    excluded_on: dt.date,
    *,
    member: ReserveMember | None = None,
    event: str | None = None,
) -> Exclusion:
    """Exclude a member on a ground of the regulation (e.g. BR-21).

    The ground must be one of ``reserve.exclusion_grounds``.  The record lists the retention
    periods the regulation starts at ``event`` (by default the reserve's ``exclusion_event``:
    e.g. personal files kept 1 year, BR-22) and,
    where ``reserve.re_inclusion`` sets a wait for this ground, the earliest re-inclusion date.
    """
    reserve = reserve_of(reg)
    found = ground(reserve, ground_id)
    if member is not None:
        if excluded_on < member.included_on:
            raise ReserveError(
                f"exclusion on {excluded_on.isoformat()} precedes inclusion on "
                f"{member.included_on.isoformat()}"
            )
        if member.excluded_on is not None:
            raise ReserveError(
                f"member '{member.id}' was already excluded on {member.excluded_on.isoformat()}"
            )
    waits = [
        add_term(excluded_on, ri.wait)
        for ri in reserve.re_inclusion
        if ri.after_ground == ground_id
    ]
    return Exclusion(
        ground=found.id,
        title=found.title,
        rules=tuple(found.rules),
        excluded_on=excluded_on,
        member=member.id if member is not None else None,
        retention=(
            retention_after(reg, event, excluded_on)
            if (event := event or reserve.exclusion_event) is not None
            else ()
        ),
        re_inclusion_from=max(waits) if waits else None,
    )


def may_re_include(
    reg: Regulation,
    ground_id: str,
    excluded_on: dt.date,
    on_date: dt.date,
    facts: Mapping[str, Any] | None = None,
    events: Mapping[str, dt.date] | None = None,
) -> tuple[bool, Reason]:
    """Whether a person excluded on ``ground_id`` may be included again on ``on_date``.

    Every ``reserve.re_inclusion`` entry for the ground applies: not before its wait has
    passed (the anniversary itself allowed: "не ранее чем через один год", BR-13) and only
    when its condition holds on ``facts``.  A ground without an entry sets no restriction.
    """
    reserve = reserve_of(reg)
    found = ground(reserve, ground_id)
    entries = [ri for ri in reserve.re_inclusion if ri.after_ground == found.id]
    if not entries:
        return True, Reason((), "re_inclusion_unrestricted", {"ground": found.title})
    passed: list[dict[str, str | None]] = []
    cited: list[str] = []
    for ri in entries:
        rules = tuple(ri.rules)
        cited.extend(r for r in ri.rules if r not in cited)
        earliest_on = add_term(excluded_on, ri.wait)
        earliest = earliest_on.isoformat()
        if on_date < earliest_on:
            return False, Reason(
                rules, "re_inclusion_too_early", {"ground": found.title, "earliest": earliest}
            )
        passed.append({"not_before": earliest})
        if ri.condition is not None:
            check = compile_condition(ri.condition, reg, events or {})
            try:
                ok = check(facts or {})
            except MissingFact as missing:
                return False, Reason(
                    rules,
                    "re_inclusion_unproven",
                    {"requirement": ri.requirement, "fact": fact_label(reg, missing.fact)},
                )
            if not ok:
                return False, Reason(rules, "re_inclusion_not_met", {"requirement": ri.requirement})
            passed.append({"requirement": ri.requirement})
    return True, Reason(tuple(cited), "re_inclusion_possible", {"passed": passed})


# --------------------------------------------------------------------------- vacancies


@dataclass(frozen=True)
class VacancyCandidate:
    member: str
    name: str
    level: str | None
    eligible: bool
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class VacancyList:
    """Reserve members for a vacant target position (e.g. BR-20): those who meet the
    position's requirements, in the order of the reserve's levels, and the others with reasons.
    ``action`` is ``propose_for_appointment`` (a list to agree, check and recommend from) or
    ``invite_to_competition`` when the position is filled by competition."""

    action: str
    eligible: tuple[VacancyCandidate, ...]
    not_eligible: tuple[VacancyCandidate, ...]


def _unmet(
    reg: Regulation,
    rules: Sequence[EligibilityRule],
    facts: Mapping[str, Any],
    events: Mapping[str, dt.date],
) -> list[Reason]:
    out: list[Reason] = []

    def holds(cond: Any) -> bool:
        try:
            return compile_condition(cond, reg, events)(facts)
        except (MissingFact, TypeError):
            return False

    for rule in rules:
        if rule.when is not None and not holds(rule.when):
            continue
        if rule.exempt_when is not None and holds(rule.exempt_when):
            continue
        cited = tuple(rule.rules)
        params = {"requirement": rule.requirement}
        try:
            ok = compile_condition(rule.check, reg, events)(facts)
        except MissingFact as missing:
            fact = fact_label(reg, missing.fact)
            out.append(Reason(cited, "requirement_unproven", {**params, "fact": fact}))
            continue
        except TypeError:
            out.append(Reason(cited, "requirement_bad_value", params))
            continue
        if not ok:
            out.append(Reason(cited, "requirement_not_met", params))
    return out


def candidates_for_vacancy(
    reg: Regulation,
    members: Sequence[ReserveMember],
    on_date: dt.date,
    requirements: Sequence[EligibilityRule] = (),
    *,
    competitive: bool = False,
    events: Mapping[str, dt.date] | None = None,
) -> VacancyList:
    """The members who are in the reserve on ``on_date`` and meet every requirement of the
    vacant position (its qualification requirements, given as eligibility rules)."""
    reserve = reserve_of(reg)
    order = {lvl.id: i for i, lvl in enumerate(reserve.levels)}
    eligible: list[VacancyCandidate] = []
    others: list[VacancyCandidate] = []
    for member in members:
        reasons: list[Reason] = []
        in_reserve, why = membership(reserve, member, on_date)
        if not in_reserve:
            reasons.append(why)
        reasons.extend(_unmet(reg, requirements, member.facts, events or {}))
        row = VacancyCandidate(member.id, member.name, member.level, not reasons, tuple(reasons))
        (others if reasons else eligible).append(row)
    eligible.sort(key=lambda r: (order.get(r.level or "", len(order)), r.member))
    others.sort(key=lambda r: r.member)
    action = "invite_to_competition" if competitive else "propose_for_appointment"
    return VacancyList(action, tuple(eligible), tuple(others))


# --------------------------------------------------------------------------- development


@dataclass(frozen=True)
class PlanItem:
    """One activity of an individual development plan (training, internship, project work…)
    with its due date and, once reported, the date it was done."""

    title: str
    due: dt.date
    done_on: dt.date | None = None


@dataclass(frozen=True)
class PlanStatus:
    fulfilled: bool
    overdue: tuple[PlanItem, ...]
    late: tuple[PlanItem, ...]
    done: tuple[PlanItem, ...]
    pending: tuple[PlanItem, ...]


def plan_status(items: Sequence[PlanItem], on_date: dt.date) -> PlanStatus:
    """The state of a development plan on ``on_date`` (e.g. BR-19): an activity past its due
    date without a report is overdue and the plan is not being fulfilled (a ground for
    exclusion where the regulation lists one); an activity reported after its due date is late."""
    overdue = tuple(i for i in items if i.done_on is None and i.due < on_date)
    pending = tuple(i for i in items if i.done_on is None and i.due >= on_date)
    done = tuple(i for i in items if i.done_on is not None)
    late = tuple(i for i in done if i.done_on is not None and i.done_on > i.due)
    return PlanStatus(not overdue, overdue, late, done, pending)


# --------------------------------------------------------------------------- efficiency


def indicator(reserve: Reserve, indicator_id: str) -> EfficiencyIndicator:
    for item in reserve.efficiency:
        if item.id == indicator_id:
            return item
    known = ", ".join(i.id for i in reserve.efficiency) or "none"
    raise ReserveError(f"unknown efficiency indicator '{indicator_id}'; indicators: {known}")


def efficiency_level(ind: EfficiencyIndicator, share: Decimal) -> str:
    """The level of a share in per cent: the first band whose ``below`` the share is under
    (or equal to, for an ``inclusive`` band); the last band takes the rest (e.g. BR-23)."""
    for band in ind.bands:
        if band.below is None or share < band.below or (band.inclusive and share == band.below):
            return band.level
    raise ReserveError(f"indicator '{ind.id}' has no band for {share} %")


def share_percent(part: int, whole: int) -> Decimal:
    """``part`` as a per cent of ``whole``, exact (no rounding before the band is chosen)."""
    if whole <= 0:
        raise ReserveError("the share of an empty total is undefined")
    if part < 0 or part > whole:
        raise ReserveError(f"{part} is not a part of {whole}")
    return Decimal(part) * HUNDRED / Decimal(whole)


@dataclass(frozen=True)
class EfficiencyResult:
    indicator: str
    title: str
    years: int
    part: int
    whole: int
    share: Decimal
    level: str
    rules: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "title": self.title,
            "years": self.years,
            "part": self.part,
            "whole": self.whole,
            "share": format(self.share.quantize(Decimal("0.01")), "f"),
            "level": self.level,
            "rules": list(self.rules),
        }


def efficiency(
    reg: Regulation, indicator_id: str, part: int, whole: int, years: int = 1
) -> EfficiencyResult:
    """One indicator for ``part`` of ``whole`` (e.g. members appointed of members included)."""
    ind = indicator(reserve_of(reg), indicator_id)
    share = share_percent(part, whole)
    return EfficiencyResult(
        ind.id, ind.title, years, part, whole, share, efficiency_level(ind, share), tuple(ind.rules)
    )


def cumulative_efficiency(
    reg: Regulation,
    indicator_id: str,
    yearly: Sequence[tuple[int, int]],
    spans: Sequence[int] = (1, 2, 3),
) -> list[EfficiencyResult]:
    """The indicator for the last year and cumulatively for the last 2 and 3 years (BR-23):
    ``yearly`` lists (part, whole) per calendar year, oldest first; a span longer than the
    years given is left out."""
    out: list[EfficiencyResult] = []
    for span in spans:
        if span < 1 or span > len(yearly):
            continue
        window = yearly[-span:]
        part = sum(p for p, _ in window)
        whole = sum(w for _, w in window)
        out.append(efficiency(reg, indicator_id, part, whole, years=span))
    return out
