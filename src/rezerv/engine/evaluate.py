"""Evaluate a whole procedure: intake, eligibility, scoring, rating, selection, decision.

``evaluate(loaded, case)`` takes a loaded regulation and a checked case and returns a plain
JSON-ready result.  The same inputs always give the same result (C-6): the result records the
regulation's hash and version; candidates are rated by score, then by the regulation's
tie-break chain, then by the stated fallback, so input order never matters.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import statistics
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Any

from rezerv.engine.calendar import CalendarError
from rezerv.engine.case import (
    Ballot,
    BallotRow,
    Candidate,
    Case,
    Commission,
    Meeting,
    Points,
    Result,
    collector_paused,
)
from rezerv.engine.commission import VoteOutcome, check_meeting, tally, voting_members
from rezerv.engine.conditions import MissingFact, Predicate, compile_condition
from rezerv.engine.deadlines import add_term, compute_deadlines, make_calendar
from rezerv.engine.declarations import fact_label
from rezerv.engine.errors import InputError, Problem
from rezerv.engine.facts import RESERVE_LEVEL_FACT
from rezerv.engine.intake import intake_window
from rezerv.engine.loader import LoadedRegulation
from rezerv.engine.methods import stage_methods, test_score
from rezerv.engine.notices import notice_rows
from rezerv.engine.reasons import Reason
from rezerv.engine.schema import (
    Award,
    EligibilityRule,
    Ground,
    Method,
    Regulation,
    ScoreSheet,
    Stage,
)
from rezerv.engine.scoring import derived_total, entered_total
from rezerv.engine.ties import grant_with_tie_vote

ZERO = Decimal(0)
HUNDRED = Decimal(100)
_MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN}

CompiledRule = tuple[EligibilityRule, Predicate, Predicate | None, Predicate | None]


def combine(how: str, values: list[Decimal]) -> Decimal:
    """Members' values combined as the method states: mean, median or sum (never empty)."""
    if how == "mean":
        return sum(values, ZERO) / len(values)
    if how == "median":
        return Decimal(statistics.median(values))
    return sum(values, ZERO)


def _reason(
    rules: list[str] | tuple[str, ...], code: str, params: Mapping[str, Any] | None = None
) -> Reason:
    return Reason(tuple(rules), code, params or {})


def _freeze(value: Any) -> Any:
    """A hashable copy of JSON-ready data (part of the key of a shared JSON object), the type
    kept (``True`` and ``1`` are different params)."""
    if isinstance(value, dict):
        return ("dict", tuple(sorted((k, _freeze(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return ("list", tuple(_freeze(v) for v in value))
    return (type(value).__name__, value)


def _params_key(params: Mapping[str, Any]) -> tuple[Any, ...]:
    """The key of a reason's params: a text or a number as it is (the common case, fast),
    anything else frozen."""
    return tuple(
        (k, v if type(v) is str or type(v) is int else _freeze(v)) for k, v in params.items()
    )


@dataclass(slots=True)
class MethodScore:
    score: Decimal | None
    top: Decimal
    passed: bool | None = None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Pending:
    """An award (or a whole stage's decision) that cannot be decided: the meeting it depends
    on is not valid, or a place it needs may go to a candidate whose decision is pending."""

    reasons: tuple[Reason, ...]


@dataclass(slots=True)
class State:
    cand: Candidate
    facts: dict[str, Any]
    submitted: dt.datetime | None
    admitted: bool = False
    active: bool = False
    outcome: str | None = None
    decided_at: str | None = None
    refusals: list[Reason] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    stage_scores: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)
    rejected_changes: list[dict[str, Any]] = field(default_factory=list)
    reserve: dict[str, Any] | None = None


def _as_datetime(value: dt.datetime | dt.date | None) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def _fmt(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


class Evaluator:
    def __init__(self, loaded: LoadedRegulation, case: Case, label: str = "case") -> None:
        self.loaded = loaded
        self.reg: Regulation = loaded.regulation
        self.case = case
        self.label = label
        rounding = self.reg.rounding
        self.quantum = Decimal(1).scaleb(-rounding.places)
        self.mode = _MODES[rounding.mode]
        self.calendar = make_calendar(self.reg)
        given = dict(case.events)
        if case.reference_date is not None:
            given["reference_date"] = case.reference_date
        try:
            self.events, self.deadline_rows = compute_deadlines(self.reg, self.calendar, given)
        except CalendarError as exc:
            raise InputError(
                [Problem(label, "events", None, str(exc), exc.code, exc.params)]
            ) from exc
        self.sheets = {s.id: s for s in self.reg.score_sheets}
        # Per-sheet constants, computed once instead of once per candidate.
        self.sheet_tops = {s.id: s.top for s in self.reg.score_sheets}
        self.sheet_derived = {
            s.id: any(c.derived for c in s.criteria) for s in self.reg.score_sheets
        }
        self.stage_commissions: dict[str, list[Commission]] = {}
        self.stage_meetings: dict[str, list[Meeting]] = {}
        self.texts: dict[str, str] = {}
        # one JSON object per distinct reason: the result repeats the same few for many
        # candidates (read-only, like the shared texts)
        self.shared: dict[Any, dict[str, Any]] = {}
        self.invalid_reasons: dict[str, list[Reason] | None] = {}
        self.methods = {m.id: m for m in self.reg.methods}
        self.outcome_titles = self.reg.outcome_titles()
        self.commission_rules = {c.id: c for c in self.reg.commissions}
        self.commissions = {c.id: c for c in case.commissions}
        self.recused = {(r.member, r.candidate) for r in case.recusals}
        self.ballots: dict[tuple[str, str], list[Ballot]] = defaultdict(list)
        for ballot in case.ballots:
            self.ballots[(ballot.stage, ballot.method)].append(ballot)
        self.results: dict[tuple[str, str, str], Result] = {}
        for res in case.results:
            self.results[(res.stage, res.method, res.candidate)] = res
        self.meeting_checks: dict[str, Any] = {}
        self.vote_index: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
        for vote in case.votes:
            self.vote_index[(vote.meeting, vote.question, vote.candidate)].append(
                (vote.member, vote.vote)
            )
        self.stage_summaries: list[dict[str, Any]] = []
        self.pending: list[State] = []  # candidates left pending by an earlier stage

    # ------------------------------------------------------------------ helpers

    def round(self, value: Decimal) -> Decimal:
        return value.quantize(self.quantum, rounding=self.mode)

    def text(self, value: Decimal | str | None) -> str | None:
        """A number formatted as :func:`_fmt` does (or a text), as one shared string object
        per distinct text: the result repeats the same few texts for every candidate."""
        if value is None:
            return None
        text = value if isinstance(value, str) else format(value, "f")
        return self.texts.setdefault(text, text)

    def reason_json(self, reason: Reason) -> dict[str, Any]:
        """The reason as JSON: one object for equal reasons (shared by the candidates)."""
        key = (reason.rules, reason.code, _params_key(reason.params))
        found = self.shared.get(key)
        if found is None:
            found = self.shared[key] = reason.as_json()
        return found

    def not_granted_json(self, outcome: str, why: Reason) -> dict[str, Any]:
        """An award not granted, and why, as JSON: one object for equal lines."""
        key = ("not_granted", outcome, why.code, _params_key(why.params))
        found = self.shared.get(key)
        if found is None:
            title = self.outcome_titles.get(outcome, outcome)
            found = self.shared[key] = {"outcome": outcome, "title": title, **why.message()}
        return found

    def event(self, name: str, *, route: str | None = None, stage: str | None = None) -> dt.date:
        """The date of the event the intake of ``route`` or of ``stage`` closes with."""
        if name not in self.events:
            needed_for = (
                f"the intake of route '{route}'" if route else f"the intake of stage '{stage}'"
            )
            params = {"event": name, "route": route} if route else {"event": name, "stage": stage}
            raise InputError(
                [
                    Problem(
                        self.label,
                        f"events.{name}",
                        None,
                        f"event '{name}' is needed for {needed_for}",
                        "event_needed",
                        params,
                    )
                ]
            )
        return self.events[name]

    def predicate(self, cond: Any) -> Predicate:
        return compile_condition(cond, self.reg, self.events)

    def commissions_for(self, stage: Stage, facts: Mapping[str, Any]) -> list[Commission]:
        """The case's commissions acting in ``stage`` whose scope covers the candidate."""
        if stage.id not in self.stage_commissions:
            self.stage_commissions[stage.id] = [
                c for c in self.case.commissions if stage.id in c.stages
            ]
        out = []
        for com in self.stage_commissions[stage.id]:
            rule = self.commission_rules[com.rule]
            if (
                rule.scope is not None
                and com.scope is not None
                and facts.get(rule.scope) != com.scope
            ):
                continue
            out.append(com)
        return out

    # ------------------------------------------------------------------ the run

    def run(self) -> dict[str, Any]:
        states = [
            State(c, dict(c.facts, route=c.route), _as_datetime(c.submitted_at))
            for c in self.case.candidates
        ]
        for state in states:
            self.apply_changes(state)
        for stage in self.reg.stages:
            if stage.kind == "intake":
                self.run_intake(stage, states)
            else:
                self.run_assessment(stage, states)
        for state in states:
            if state.outcome is None and state.admitted:
                state.outcome = "pending"
            self.reserve_terms(state)
        return self.render(states)

    # ------------------------------------------------------------------ intake

    def apply_changes(self, state: State) -> None:
        """Change limits (TP-9): at most N changes of a fact, none after an event."""
        by_fact: dict[str, int] = defaultdict(int)
        limits = {c.fact: c for c in self.reg.change_limits}
        for change in sorted(state.cand.changes, key=lambda c: c.date):
            limit = limits[change.fact]
            why: tuple[str, dict[str, Any]] | None = None
            if by_fact[change.fact] >= limit.max_changes:
                why = "change_limit", {"requirement": limit.requirement, "max": limit.max_changes}
            elif (
                limit.not_after is not None
                and limit.not_after in self.events
                and change.date > self.events[limit.not_after]
            ):
                day = self.events[limit.not_after].isoformat()
                why = "change_too_late", {"requirement": limit.requirement, "after": day}
            if why is None:
                by_fact[change.fact] += 1
                state.facts[change.fact] = change.to
            else:
                state.rejected_changes.append(
                    {
                        "fact": change.fact,
                        "date": change.date.isoformat(),
                        "to": change.to,
                        "rules": limit.rules,
                        "code": why[0],
                        "params": why[1],
                    }
                )

    def _route_close(self, stage: Stage, route: str, event: str) -> dt.date:
        _, _, closes = intake_window(self.reg, self.events, route, stage=stage, computed=True)
        return closes or self.event(event, route=route)

    def run_intake(self, stage: Stage, states: list[State]) -> None:
        # the one window computation (engine.intake), on the events this run computed
        opens, closes, _ = intake_window(self.reg, self.events, stage=stage, computed=True)
        close = closes or self.event(stage.closes or "", stage=stage.id)
        reg = self.reg
        checklists = []
        titles: dict[str, str] = {}
        if reg.documents is not None:
            titles = {d.id: d.title for d in reg.documents.catalogue}
            for cl in reg.documents.checklists:
                when = self.predicate(cl.when) if cl.when is not None else None
                checklists.append((when, cl))
        rules = self.compile_rules(reg.eligibility)
        direct = {r.id: r for r in reg.routes if r.direct_outcome}
        route_closes = {
            r.id: (r, self._route_close(stage, r.id, r.closes))
            for r in reg.routes
            if r.closes is not None
        }

        duplicates: set[str] = set()
        if stage.unique_by is not None:
            key = stage.unique_by
            first: dict[Any, State] = {}
            for state in sorted(states, key=self._submission_key):
                value = state.facts.get(key)
                if value is None:
                    continue
                if value in first:
                    duplicates.add(state.cand.id)
                else:
                    first[value] = state

        for state in states:
            refusals = state.refusals
            if state.cand.id in duplicates:
                refusals.append(
                    _reason(
                        stage.unique_rules,
                        "duplicate",
                        {"fact": fact_label(self.reg, stage.unique_by or "")},
                    )
                )
            if state.submitted is None:
                refusals.append(_reason(stage.rules, "no_submission_date"))
            else:
                day = state.submitted.date()
                route_close = route_closes.get(state.cand.route)
                if day > close:
                    refusals.append(
                        _reason(
                            stage.rules,
                            "submitted_after_close",
                            {"submitted": day.isoformat(), "closes": close.isoformat()},
                        )
                    )
                elif route_close is not None and day > route_close[1]:
                    by_route, last = route_close
                    refusals.append(
                        _reason(
                            by_route.rules,
                            "submitted_after_route_close",
                            {
                                "submitted": day.isoformat(),
                                "closes": last.isoformat(),
                                "route": by_route.title,
                            },
                        )
                    )
                if opens is not None and day < opens:
                    refusals.append(
                        _reason(
                            stage.rules,
                            "submitted_before_open",
                            {"submitted": day.isoformat(), "opens": opens.isoformat()},
                        )
                    )
            if reg.consent is not None and reg.consent.required and not state.cand.consent:
                refusals.append(
                    _reason(
                        reg.consent.rules, "no_consent", {"requirement": reg.consent.requirement}
                    )
                )
            for when, cl in checklists:
                if when is not None and not self._holds(when, state.facts):
                    continue
                given = set(state.cand.documents)
                missing = [d for d in cl.required if d not in given]
                if missing:
                    names = [titles[d] for d in missing]
                    refusals.append(
                        self.as_ground(
                            stage, _reason(cl.rules, "missing_documents", {"documents": names})
                        )
                    )
                break
            failed = self.failed_rules(rules, state.facts)
            if failed:
                refusals.extend(self.as_ground(stage, r) for r in failed)
            if refusals:
                state.outcome = "refused"
                state.decided_at = stage.id
                continue
            state.admitted = True
            route = direct.get(state.cand.route)
            ground = self.exclusion_ground(state, route.direct_outcome if route else None)
            if ground is not None:
                state.outcome = "excluded_from_reserve"
                state.decided_at = stage.id
                state.reasons.append(
                    _reason(ground.rules, "excluded_from_reserve", {"ground": ground.title})
                )
            elif route is not None and route.direct_outcome is not None:
                state.outcome = route.direct_outcome
                state.decided_at = stage.id
                state.reasons.append(_reason(route.rules, "direct_route", {"route": route.title}))
            else:
                state.active = True
        self.stage_summaries.append(
            {
                "id": stage.id,
                "title": stage.title,
                "applications": len(states),
                "admitted": sum(1 for s in states if s.admitted),
                "refused": sum(1 for s in states if s.outcome == "refused"),
            }
        )

    def as_ground(self, stage: Stage, reason: Reason) -> Reason:
        """A refusal citing the clause that makes it a ground for refusal as well as the
        requirement that failed (C-2: e.g. KM-1 and KM-6)."""
        if not stage.refusal_rules:
            return reason
        extra = tuple(r for r in stage.refusal_rules if r not in reason.rules)
        return Reason(reason.rules + extra, reason.code, reason.params) if extra else reason

    def exclusion_ground(self, state: State, direct_outcome: str | None) -> Ground | None:
        """The exclusion ground recorded for a reserve member entering by a direct route."""
        reserve = self.reg.reserve
        if (
            reserve is None
            or reserve.exclusion_fact is None
            or direct_outcome not in reserve.outcomes
        ):
            return None
        value = state.facts.get(reserve.exclusion_fact)
        if value is None:
            return None
        for ground in reserve.exclusion_grounds:
            if ground.id == value:
                return ground
        known = ", ".join(g.id for g in reserve.exclusion_grounds)
        raise InputError(
            [
                Problem(
                    self.label,
                    f"candidates.{state.cand.id}.facts.{reserve.exclusion_fact}",
                    None,
                    f"unknown exclusion ground '{value}'; grounds: {known}",
                    "unknown_exclusion_ground",
                    {"ground": str(value), "grounds": [g.id for g in reserve.exclusion_grounds]},
                )
            ]
        )

    def compile_rules(self, rules: list[EligibilityRule]) -> list[CompiledRule]:
        return [
            (
                rule,
                self.predicate(rule.check),
                self.predicate(rule.when) if rule.when is not None else None,
                self.predicate(rule.exempt_when) if rule.exempt_when is not None else None,
            )
            for rule in rules
        ]

    def failed_rules(self, rules: list[CompiledRule], facts: Mapping[str, Any]) -> list[Reason]:
        """The requirements that apply to these facts and are not met, with reasons (C-2).

        A rule applies when its ``when`` holds and no ``exempt_when`` holds; a missing fact in
        ``when`` means the rule does not apply, in ``check`` that the requirement is unproven.
        """
        out: list[Reason] = []
        for rule, check, when, exempt in rules:
            if when is not None and not self._holds(when, facts):
                continue
            if exempt is not None and self._holds(exempt, facts):
                continue
            params: dict[str, Any] = {"requirement": rule.requirement}
            try:
                ok = check(facts)
                code = "requirement_not_met"
            except MissingFact as missing_fact:
                ok = False
                code = "requirement_unproven"
                params["fact"] = fact_label(self.reg, missing_fact.fact)
            except TypeError:
                ok = False
                code = "requirement_bad_value"
            if not ok:
                out.append(_reason(rule.rules, code, params))
        return out

    @staticmethod
    def _holds(pred: Predicate, facts: Mapping[str, Any]) -> bool:
        try:
            return pred(facts)
        except (MissingFact, TypeError):
            return False

    @staticmethod
    def _submission_key(state: State) -> tuple[dt.datetime, str]:
        return (state.submitted or dt.datetime.max, state.cand.id)

    # ------------------------------------------------------------------ assessment

    def stage_methods(self, stage: Stage) -> list[Method]:
        return stage_methods(self.reg, stage, self.case.campaign.position.all_facts())

    def run_assessment(self, stage: Stage, states: list[State]) -> None:
        active = [s for s in states if s.active]
        methods = self.stage_methods(stage)
        summary: dict[str, Any] = {
            "id": stage.id,
            "title": stage.title,
            "methods": [m.id for m in methods],
            "candidates": len(active),
        }
        self.stage_summaries.append(summary)
        if stage.method_sets and not methods:
            facts = self.case.campaign.position.all_facts()
            given = ", ".join(f"{k} '{v}'" for k, v in facts.items()) or "none given"
            raise InputError(
                [
                    Problem(
                        self.label,
                        "campaign.position",
                        None,
                        f"no method set of stage '{stage.id}' fits the position's facts ({given})",
                        "no_method_set",
                        {"stage": stage.id, "facts": {k: str(v) for k, v in facts.items()}},
                    )
                ]
            )
        if stage.requirements:
            active = self.check_requirements(stage, active)
        if stage.min_candidates is not None:
            active = self.check_min_candidates(stage, active, summary)
        scorers = {s.cand.id: self.expected_scorers(stage, s) for s in active}
        per_method = {m.id: self.score_method(stage, m, active, scorers) for m in methods}
        ranked: list[State] = []
        for state in active:
            entry: dict[str, Any] = {"methods": {}}
            total = ZERO
            top = ZERO
            failed: list[Reason] = []
            for method in methods:
                ms = per_method[method.id][state.cand.id]
                scored: dict[str, Any] = {
                    "score": self.text(ms.score),
                    "max": self.text(ms.top) if method.kind != "pass_fail" else None,
                }
                if ms.passed is not None:
                    scored["passed"] = ms.passed
                scored.update(ms.detail)
                entry["methods"][method.id] = scored
                if method.counts and method.kind != "pass_fail":
                    total += (ms.score or ZERO) * method.weight
                    top += ms.top * method.weight
                if method.pass_required and ms.passed is not True:
                    if "late" in ms.detail:
                        failed.append(
                            _reason(
                                method.rules,
                                "method_late",
                                {"method": method.title, **ms.detail["late"]},
                            )
                        )
                    else:
                        failed.append(
                            _reason(method.rules, "method_not_passed", {"method": method.title})
                        )
                ms.detail = scored  # the entry holds the detail now: drop the separate dict
            for carried in stage.carry:
                if carried in state.stage_scores:
                    c_score, c_top = state.stage_scores[carried]
                    total += c_score
                    top += c_top
                    entry.setdefault("carried", {})[carried] = _fmt(c_score)
            total = self.round(total)
            entry["score"] = self.text(total)
            entry["max"] = self.text(top)
            state.stage_scores[stage.id] = (total, top)
            state.stages[stage.id] = entry
            if failed:
                state.active = False
                state.outcome = "not_passed"
                state.decided_at = stage.id
                state.reasons.extend(failed)
                entry["outcome"] = "not_passed"
            else:
                ranked.append(state)
        if not stage.awards:
            for state in ranked:
                blocked = self.meeting_block(stage, state)
                if blocked is not None:
                    self.make_pending(stage, state, blocked)
                else:
                    state.stages[stage.id]["outcome"] = "passed"
            self.summarise_pending(stage, ranked, summary)
            return
        groups: dict[tuple[Any, ...], list[State]] = defaultdict(list)
        for state in ranked:
            groups[tuple(state.facts.get(k) for k in stage.rank_within)].append(state)
        key = self.rating_key(stage, per_method)
        awarded: dict[str, int] = defaultdict(int)
        rated: list[list[State]] = []  # the groups in order, each sorted by the rating key
        for group_key in sorted(groups, key=lambda k: tuple(str(x) for x in k)):
            members = sorted(groups[group_key], key=key)
            rated.append(members)
            self.explain_ties(stage, members, key, per_method)
            for place, state in enumerate(members, start=1):
                state.places[stage.id] = place
                state.stages[stage.id]["place"] = place
                if stage.rank_within:
                    state.stages[stage.id]["rated_within"] = dict(
                        zip(stage.rank_within, group_key, strict=True)
                    )
        counters: dict[tuple[int, Any], int] = defaultdict(int)
        for index, award in enumerate(stage.awards):
            if award.limit is None or not award.limit.includes_direct:
                continue
            per = award.limit.per
            for held in states:
                if (
                    held.outcome == award.outcome
                    and held.decided_at is not None
                    and self.reg.stage(held.decided_at).kind == "intake"
                ):
                    counters[(index, held.facts.get(per) if per else None)] += 1
        # Places a pending candidate may still take: one left pending at an earlier stage may
        # yet reach this one, and one left pending here may yet receive the award.
        kept_open: dict[tuple[int, Any], int] = defaultdict(int)
        first_limited = next((i for i, a in enumerate(stage.awards) if a.limit is not None), None)
        if first_limited is not None:
            award = stage.awards[first_limited]
            for state in self.pending:
                kept_open[(first_limited, self.limit_group(award, state))] += 1
        for members in rated:
            if stage.tie_vote is not None:  # the commission votes on a tie at a cut (AK-2)
                grant_with_tie_vote(
                    self, stage, members, key, per_method, counters, awarded, kept_open
                )
                continue
            for state in members:
                self.grant(stage, state, per_method, counters, awarded, kept_open)
        summary["awarded"] = dict(awarded)
        pending = self.summarise_pending(stage, ranked, summary)
        if (
            stage.repeat_if_none is not None
            and not awarded.get(stage.repeat_if_none)
            and not pending
        ):
            title = self.outcome_titles.get(stage.repeat_if_none, stage.repeat_if_none)
            summary["repeat_competition"] = _reason(
                stage.repeat_rules, "repeat_competition", {"outcome": title}
            ).as_json()

    def check_requirements(self, stage: Stage, active: list[State]) -> list[State]:
        """Requirements checked on entering a stage (e.g. a project's budget, an essay's length)."""
        rules = self.compile_rules(stage.requirements)
        kept = []
        for state in active:
            failed = self.failed_rules(rules, state.facts)
            if failed:
                state.active = False
                state.outcome = "not_passed"
                state.decided_at = stage.id
                state.reasons.extend(failed)
                state.stages[stage.id] = {"outcome": "not_passed"}
            else:
                kept.append(state)
        return kept

    def check_min_candidates(
        self, stage: Stage, active: list[State], summary: dict[str, Any]
    ) -> list[State]:
        rule = stage.min_candidates
        assert rule is not None
        groups: dict[Any, list[State]] = defaultdict(list)
        for state in active:
            groups[state.facts.get(rule.per) if rule.per else None].append(state)
        kept: list[State] = []
        not_held = []
        for value, members in groups.items():
            if len(members) >= rule.n:
                kept.extend(members)
                continue
            not_held.append(value)
            for state in members:
                state.active = False
                state.outcome = "procedure_not_held"
                state.decided_at = stage.id
                state.reasons.append(
                    _reason(
                        rule.rules,
                        "too_few_candidates",
                        {"min": rule.n, "admitted": len(members)},
                    )
                )
        if not_held:
            summary["not_held"] = {
                "rules": rule.rules,
                "groups": [str(v) for v in not_held if v is not None] or ["all"],
            }
        return kept

    def expected_scorers(self, stage: Stage, state: State) -> int:
        count = 0
        for com in self.commissions_for(stage, state.facts):
            rule = self.commission_rules[com.rule]
            members = voting_members(rule, com)
            if not self.recused:
                count += len(members)
                continue
            count += sum(1 for m in members if (m.id, state.cand.id) not in self.recused)
        return count

    def score_method(
        self, stage: Stage, method: Method, active: list[State], scorers: Mapping[str, int]
    ) -> dict[str, MethodScore]:
        out: dict[str, MethodScore] = {}
        sheet = self.sheets[method.sheet] if method.sheet else None
        if method.kind == "ballot":
            assert sheet is not None
            ballots = self.ballots.get((stage.id, method.id), [])
            for state in active:
                out[state.cand.id] = self.score_ballots(
                    method, sheet, ballots, state, scorers[state.cand.id]
                )
        elif method.kind in ("single", "facts"):
            assert sheet is not None
            top = self.sheet_tops[sheet.id]
            has_derived = self.sheet_derived[sheet.id]
            derived = ZERO
            parts: dict[str, Decimal] = {}
            notes: list[str] = []
            for state in active:
                res = self.results.get((stage.id, method.id, state.cand.id))
                if has_derived:
                    derived, parts, notes = derived_total(sheet, state.facts, state.stage_scores)
                detail: dict[str, Any] = {}
                if parts:
                    detail["derived"] = {k: _fmt(self.round(v)) for k, v in parts.items()}
                if notes:
                    detail["notes"] = notes
                if method.kind == "single" and (res is None or res.points is None):
                    out[state.cand.id] = MethodScore(None, top, None, {**detail, "missing": True})
                    continue
                entered = entered_total(sheet, res.points if res else None)
                score = self.round(entered + derived)
                out[state.cand.id] = MethodScore(
                    score, top, self.pass_mark(method, score, top), detail
                )
        elif method.kind == "test":
            key = self.case.tests.get(method.id)
            for state in active:
                res = self.results.get((stage.id, method.id, state.cand.id))
                out[state.cand.id] = self.score_test(method, res, key.key if key else None, state)
        else:
            for state in active:
                res = self.results.get((stage.id, method.id, state.cand.id))
                passed = res.passed if res is not None else None
                detail = {} if res is not None else {"missing": True}
                late = self.window_breach(method, res, state) if res is not None else None
                if late is not None:
                    passed = False
                    detail["late"] = late
                out[state.cand.id] = MethodScore(None, ZERO, passed, detail)
        return out

    def pass_mark(self, method: Method, score: Decimal | None, top: Decimal) -> bool | None:
        if method.min_percent_of_max is None:
            return None
        if score is None:
            return False
        return score * HUNDRED >= method.min_percent_of_max * top

    def score_ballots(
        self, method: Method, sheet: ScoreSheet, ballots: list[Ballot], state: State, expected: int
    ) -> MethodScore:
        cid = state.cand.id
        if self.sheet_derived[sheet.id]:
            derived, parts, notes = derived_total(sheet, state.facts, state.stage_scores)
        else:
            derived, parts, notes = ZERO, {}, []
        totals: list[Decimal] = []
        abstained = 0
        recused = self.recused
        for ballot in ballots:
            if cid not in ballot.rows or (recused and (ballot.member, cid) in recused):
                continue
            row = ballot.rows[cid]
            points: Points = row.points if isinstance(row, BallotRow) else row
            if points is None:
                abstained += 1
                continue
            entered = points if isinstance(points, Decimal) else entered_total(sheet, points)
            totals.append(entered + derived)
        detail: dict[str, Any] = {"ballots": len(totals)}
        if abstained:
            detail["abstained"] = abstained
        if parts:
            detail["derived"] = {k: _fmt(self.round(v)) for k, v in parts.items()}
        if notes:
            detail["notes"] = notes
        top = self.sheet_tops[sheet.id]
        if method.across_members == "sum":
            top = top * max(expected, len(totals))
        if not totals:
            return MethodScore(None, top, self.pass_mark(method, None, top), detail)
        score = self.round(combine(method.across_members, totals))
        return MethodScore(score, top, self.pass_mark(method, score, top), detail)

    def window_breach(self, method: Method, res: Result, state: State) -> dict[str, str] | None:
        """Why a dated result falls outside the method's window (TP-11): the day it was taken
        and the window's last day; or None."""
        window = method.window
        if window is None or res.date is None:
            return None
        raw = state.facts.get(window.after_fact)
        start = dt.date.fromisoformat(raw) if isinstance(raw, str) else raw
        if not isinstance(start, dt.date):
            return None
        if window.unit == "working":
            last = self.calendar.add_working_days(start, window.days)
        else:
            last = start + dt.timedelta(days=window.days)
        if res.date > last:
            return {"date": res.date.isoformat(), "last": last.isoformat()}
        return None

    def score_test(
        self, method: Method, res: Result | None, key: str | None, state: State
    ) -> MethodScore:
        assert method.questions is not None
        if res is None:
            top = method.max_points or Decimal(method.questions.max)
            return MethodScore(
                None, top if method.points != "percent" else HUNDRED, False, {"missing": True}
            )
        if res.answers is not None and key is not None:
            questions = len(key)
            if len(res.answers) != questions:
                raise ValueError(f"{len(res.answers)} answers for a key of {questions}")
            correct = sum(map(operator.eq, res.answers, key))
        else:
            assert res.correct is not None and res.questions is not None
            questions, correct = res.questions, res.correct
        scored = test_score(method, correct, questions)
        passed = scored.passed
        detail: dict[str, Any] = {
            "correct": correct,
            "questions": questions,
            "percent": self.text(self.round(scored.percent)),
        }
        late = self.window_breach(method, res, state)
        if late is not None:
            passed = False
            detail["late"] = late
        score, top = scored.points, scored.top
        return MethodScore(self.round(score), top, passed, detail)

    # ------------------------------------------------------------------ rating

    def rating_key(
        self, stage: Stage, per_method: Mapping[str, Mapping[str, MethodScore]]
    ) -> Callable[[State], tuple[Any, ...]]:
        inf = Decimal("Infinity")

        def numeric(value: Any) -> Decimal | None:
            if isinstance(value, bool):
                return Decimal(int(value))
            if isinstance(value, (int, Decimal)):
                return Decimal(value)
            if isinstance(value, float):
                return Decimal(str(value))
            if isinstance(value, list):
                return Decimal(len(value))
            return None

        def key(state: State) -> tuple[Any, ...]:
            parts: list[Any] = [-state.stage_scores[stage.id][0]]
            for tb in stage.tie_breaks:
                if tb.fact is not None:
                    value = numeric(state.facts.get(tb.fact))
                elif tb.method is not None and tb.criterion is not None:
                    value = self.criterion_score(stage, tb.method, tb.criterion, state)
                elif tb.method is not None:
                    value = per_method[tb.method][state.cand.id].score
                else:
                    assert tb.stage is not None
                    pair = state.stage_scores.get(tb.stage)
                    value = pair[0] if pair else None
                if value is None:
                    parts.append(inf)
                else:
                    parts.append(-value if tb.order == "desc" else value)
            if stage.tie_fallback == "submitted_at":
                parts.append(state.submitted or dt.datetime.max)
            parts.append(state.cand.id)
            return tuple(parts)

        return key

    def criterion_score(
        self, stage: Stage, method_id: str, criterion: str, state: State
    ) -> Decimal | None:
        """One criterion of a method's sheet for a candidate, combined across the members'
        ballots as the method combines totals (a single-entry result: its value)."""
        method = self.methods[method_id]
        cid = state.cand.id
        entries: list[Points] = []
        if method.kind == "ballot":
            for ballot in self.ballots.get((stage.id, method_id), []):
                if cid in ballot.rows and (ballot.member, cid) not in self.recused:
                    row = ballot.rows[cid]
                    entries.append(row.points if isinstance(row, BallotRow) else row)
        else:
            res = self.results.get((stage.id, method_id, cid))
            entries.append(res.points if res is not None else None)
        values: list[Decimal] = []
        for points in entries:
            if isinstance(points, dict):
                value = points.get(criterion)
                if isinstance(value, Decimal):
                    values.append(value)
        if not values:
            return None
        return self.round(combine(method.across_members, values))

    def explain_ties(
        self,
        stage: Stage,
        ordered: list[State],
        key: Callable[[State], tuple[Any, ...]],
        per_method: Mapping[str, Mapping[str, MethodScore]],
    ) -> None:
        # what decides: a tie break of the regulation (its title), else the engine's fallback
        deciders: list[dict[str, str]] = [{"decided_by": tb.title} for tb in stage.tie_breaks]
        if stage.tie_fallback == "submitted_at":
            deciders.append({"fallback": "submitted_at"})
        deciders.append({"fallback": "id"})
        rules = [tb.rules for tb in stage.tie_breaks]
        keyed = [(state, key(state)) for state in ordered]
        for (above, ka), (below, kb) in itertools.pairwise(keyed):
            if ka[0] != kb[0]:
                continue
            for i in range(1, len(ka)):
                if ka[i] != kb[i]:
                    decider = deciders[i - 1] if i - 1 < len(deciders) else {"fallback": "id"}
                    cited = rules[i - 1] if i - 1 < len(rules) else []
                    below.stages[stage.id]["tie_break"] = {
                        "after": above.cand.id,
                        "rules": cited,
                        **decider,
                    }
                    break

    # ------------------------------------------------------------------ awards

    def grant(
        self,
        stage: Stage,
        state: State,
        per_method: Mapping[str, Mapping[str, MethodScore]],
        counters: dict[tuple[int, Any], int],
        awarded: dict[str, int],
        held: dict[tuple[int, Any], int],
    ) -> None:
        entry = state.stages[stage.id]
        score, top = state.stage_scores[stage.id]
        blocked = self.meeting_block(stage, state)
        if blocked is not None:
            # the stage's deciding meeting is not valid: it decides nothing for this candidate;
            # the first limited place the candidate could take stays open for them
            for index, award in enumerate(stage.awards):
                if award.limit is not None:
                    held[(index, self.limit_group(award, state))] += 1
                    break
            self.make_pending(stage, state, blocked)
            return
        unmet: list[dict[str, Any]] = []
        for index, award in enumerate(stage.awards):
            why = self.award_blocker(stage, award, state, score, top, per_method)
            slot: tuple[int, Any] | None = None
            if why is None and award.limit is not None:
                group = self.limit_group(award, state)
                slot = (index, group)
                limit = self.limit_value(award, group)
                if counters[slot] >= limit:
                    params: dict[str, Any] = {"limit": limit}
                    if award.limit.per:
                        params.update(per=award.limit.per, group=group)
                    why = _reason((), "limit_reached", params)
                elif counters[slot] + held[slot] >= limit:
                    why = Pending(
                        (
                            _reason(
                                award.rules,
                                "place_may_go_to_pending",
                                {"outcome": self.outcome_titles.get(award.outcome, award.outcome)},
                            ),
                        )
                    )
            if isinstance(why, Pending):
                if award.limit is not None:
                    held[(index, self.limit_group(award, state))] += 1
                self.make_pending(stage, state, list(why.reasons))
                return
            if why is not None:
                unmet.append(self.not_granted_json(award.outcome, why))
                continue
            if slot is not None:
                counters[slot] += 1
            awarded[award.outcome] += 1
            entry["outcome"] = award.outcome
            state.reasons.append(
                _reason(
                    award.rules,
                    "awarded",
                    {
                        "outcome": award.outcome,
                        "title": self.outcome_titles.get(award.outcome, award.outcome),
                    },
                )
            )
            if award.proceeds:
                entry["proceeds"] = True
            else:
                state.active = False
                state.outcome = award.outcome
                state.decided_at = stage.id
            if unmet:
                entry["not_granted"] = unmet
            return
        state.active = False
        state.outcome = stage.otherwise
        state.decided_at = stage.id
        entry["outcome"] = stage.otherwise
        entry["not_granted"] = unmet

    @staticmethod
    def limit_group(award: Award, state: State) -> Any:
        limit = award.limit
        return state.facts.get(limit.per) if limit is not None and limit.per else None

    def make_pending(self, stage: Stage, state: State, reasons: list[Reason]) -> None:
        """Nothing is decided for the candidate at this stage; the reasons say why."""
        entry = state.stages.setdefault(stage.id, {})
        entry["outcome"] = "pending"
        entry["pending"] = [self.reason_json(r) for r in reasons]
        state.active = False
        state.outcome = "pending"
        state.decided_at = None
        state.reasons.extend(reasons)
        self.pending.append(state)

    def summarise_pending(self, stage: Stage, ranked: list[State], summary: dict[str, Any]) -> int:
        pending = sum(1 for s in ranked if s.stages[stage.id].get("outcome") == "pending")
        if pending:
            summary["pending"] = pending
            invalid = sorted(
                {
                    m.id
                    for m in self.case.meetings
                    if m.stage == stage.id and not self.meeting_check(m.id)["valid"]
                }
            )
            if invalid:
                summary["invalid_meetings"] = invalid
        return pending

    def deciding_meeting(self, stage: Stage, state: State) -> Meeting | None:
        """The stage's latest meeting of a commission acting for the candidate (the one whose
        decision counts: a meeting held again validly replaces an invalid one), or None."""
        meetings = self.meetings_of(stage)
        if not meetings:
            return None
        commissions = {c.id for c in self.commissions_for(stage, state.facts)}
        return next((m for m in meetings if m.commission in commissions), None)

    def meeting_block(self, stage: Stage, state: State) -> list[Reason] | None:
        """Why the stage decides nothing for the candidate (its deciding meeting is not
        valid), or None."""
        meeting = self.deciding_meeting(stage, state)
        if meeting is None:
            return None
        return self.invalid_meeting_reasons(meeting.id)

    def invalid_meeting_reasons(self, meeting_id: str) -> list[Reason] | None:
        """Why the meeting decides nothing: each of its reasons, naming the meeting (computed
        once per meeting, shared by its candidates)."""
        if meeting_id not in self.invalid_reasons:
            check = self.meeting_check(meeting_id)
            self.invalid_reasons[meeting_id] = (
                None
                if check["valid"]
                else [
                    _reason(
                        r["rules"],
                        "meeting_invalid",
                        {
                            "meeting": meeting_id,
                            "date": check["date"],
                            "reason": {"code": r["code"], "params": r["params"]},
                        },
                    )
                    for r in check["reasons"]
                ]
            )
        return self.invalid_reasons[meeting_id]

    def meetings_of(self, stage: Stage) -> list[Meeting]:
        """The stage's meetings, latest first."""
        if stage.id not in self.stage_meetings:
            self.stage_meetings[stage.id] = sorted(
                (m for m in self.case.meetings if m.stage == stage.id),
                key=lambda m: (m.date, m.id),
                reverse=True,
            )
        return self.stage_meetings[stage.id]

    def limit_value(self, award: Award, group: Any) -> int:
        limit = award.limit
        assert limit is not None
        if limit.n is not None:
            return limit.n
        name = limit.from_case
        assert name is not None
        if name == "vacancies":
            return self.case.campaign.vacancies
        quota = self.case.campaign.quotas.get(name, {})
        if limit.per:
            return quota.get(str(group), 0)
        return sum(quota.values())

    def award_blocker(
        self,
        stage: Stage,
        award: Award,
        state: State,
        score: Decimal,
        top: Decimal,
        per_method: Mapping[str, Mapping[str, MethodScore]],
    ) -> Reason | Pending | None:
        """Why the award is not granted to the candidate (or cannot be decided yet), or None.
        Numbers are written as the engine's decimals print (``str``)."""
        for m in award.requires_methods:
            ms = per_method.get(m, {}).get(state.cand.id)
            if ms is None or (ms.score is None and ms.passed is not True):
                return _reason((), "method_not_held", {"method": self.methods[m].title})
        if (
            award.min_percent_of_max is not None
            and score * HUNDRED < award.min_percent_of_max * top
        ):
            return _reason(
                (),
                "below_percent_of_max",
                {"score": str(score), "percent": str(award.min_percent_of_max), "top": str(top)},
            )
        if award.min_score is not None and score < award.min_score:
            return _reason(
                (), "below_min_score", {"score": str(score), "min": str(award.min_score)}
            )
        if award.consent is not None and award.consent not in state.cand.consents:
            return _reason((), "no_candidate_consent", {"consent": award.consent})
        if award.vote is not None:
            outcome = self.vote_on(stage, award.vote, state)
            if outcome is None:
                return _reason((), "no_vote")
            if isinstance(outcome, Pending):
                return outcome
            state.stages[stage.id].setdefault("votes", {})[award.vote] = {
                "for": outcome.votes_for,
                "against": outcome.against,
                "abstained": outcome.abstained,
                "present": outcome.present,
                "adopted": outcome.adopted,
                "casting_vote": outcome.casting_vote,
                "reason": outcome.reason.message(),
            }
            if not outcome.adopted:
                return _reason((), "vote_not_adopted", {"vote": outcome.reason.message()})
        return None

    def vote_on(self, stage: Stage, question: str, state: State) -> VoteOutcome | Pending | None:
        """The vote on ``question`` at the latest meeting that held it; a vote at a meeting
        that is not valid decides nothing (Pending, with the meeting's reasons); None: no
        meeting held it."""
        commissions: set[str] | None = None  # computed once a vote is found
        for meeting in self.meetings_of(stage):
            votes = self.vote_index.get((meeting.id, question, state.cand.id))
            if not votes:
                continue
            if commissions is None:
                commissions = {c.id for c in self.commissions_for(stage, state.facts)}
            if meeting.commission not in commissions:
                continue
            check = self.meeting_check(meeting.id)
            invalid = self.invalid_meeting_reasons(meeting.id)
            if invalid is not None:
                return Pending(tuple(invalid))
            com = self.commissions[meeting.commission]
            rule = self.commission_rules[com.rule]
            chairs = {m.id for m in com.members if m.role == "chair"}
            return tally(rule, check["present"], votes, chairs)
        return None

    def meeting_check(self, meeting_id: str) -> dict[str, Any]:
        if meeting_id not in self.meeting_checks:
            meeting = next(m for m in self.case.meetings if m.id == meeting_id)
            com = self.commissions[meeting.commission]
            rule = self.commission_rules[com.rule]
            check = check_meeting(rule, com, meeting.present)
            absent = [
                m.name or m.id
                for m in voting_members(rule, com)
                if m.id not in set(meeting.present)
            ]
            self.meeting_checks[meeting_id] = {
                "id": meeting.id,
                "stage": meeting.stage,
                "commission": meeting.commission,
                "date": meeting.date.isoformat(),
                "valid": check.valid,
                "present": check.present,
                "members": check.total,
                "quorum": check.needed,
                "absent": absent,
                "reasons": [self.reason_json(r) for r in check.reasons],
            }
        result: dict[str, Any] = self.meeting_checks[meeting_id]
        return result

    # ------------------------------------------------------------------ reserve

    def reserve_terms(self, state: State) -> None:
        reserve = self.reg.reserve
        if reserve is None or state.outcome not in reserve.outcomes or state.decided_at is None:
            return
        stage = self.reg.stage(state.decided_at)
        start: dt.date | None = None
        if stage.decision_event is not None:
            start = self.events.get(stage.decision_event)
        if start is None:
            dates = [m.date for m in self.case.meetings if m.stage == stage.id]
            start = max(dates) if dates else None
        info: dict[str, Any] = {"from": start.isoformat() if start else None}
        term, term_rules = reserve.membership_term()
        if term is not None and start is not None:
            info["until"] = add_term(start, term).isoformat()
            info["rules"] = list(term_rules)
        level = state.facts.get(RESERVE_LEVEL_FACT)
        if level is not None:
            info["level"] = level
        if reserve.list_facts:
            info["facts"] = {name: state.facts.get(name) for name in reserve.list_facts}
        state.reserve = info

    # ------------------------------------------------------------------ output

    def render(self, states: list[State]) -> dict[str, Any]:
        order = {st.id: i for i, st in enumerate(self.reg.stages)}

        def final_key(state: State) -> tuple[Any, ...]:
            """Later stages first, then by place there; refused candidates last."""
            reached = max((order[k] for k in state.stage_scores), default=-1)
            if reached < 0:
                return (1, 0, 0, state.cand.id)
            stage_id = self.reg.stages[reached].id
            place = state.places.get(stage_id, 10**9)
            return (0, -reached, place, state.cand.id)

        candidates = []
        for state in sorted(states, key=final_key):
            final: tuple[Decimal, Decimal] | None = None
            place: int | None = None
            for st in reversed(self.reg.stages):
                if st.id in state.stage_scores:
                    final = state.stage_scores[st.id]
                    place = state.places.get(st.id)
                    break
            row: dict[str, Any] = {
                "id": state.cand.id,
                "name": state.cand.name,
                "admitted": state.admitted,
                "outcome": state.outcome,
                "outcome_title": self.outcome_titles.get(state.outcome or "", state.outcome),
                "decided_at": state.decided_at,
                "final_score": self.text(final[0]) if final else None,
                "max_score": self.text(final[1]) if final else None,
                "place": place,
                "refusals": [self.reason_json(r) for r in state.refusals],
                "reasons": [self.reason_json(r) for r in state.reasons],
                "stages": state.stages,
            }
            if state.rejected_changes:
                row["rejected_changes"] = state.rejected_changes
            if state.reserve is not None:
                row["reserve"] = state.reserve
            candidates.append(row)
        for meeting in self.case.meetings:
            self.meeting_check(meeting.id)
        retention = []
        for ret in self.reg.retention:
            start = self.events.get(ret.after)
            retention.append(
                {
                    "id": ret.id,
                    "what": ret.what,
                    "then": ret.then,
                    "rules": ret.rules,
                    "until": (
                        add_term(start, ret.term).isoformat() if start and ret.term else None
                    ),
                }
            )
        outcomes: dict[str, int] = defaultdict(int)
        for state in states:
            outcomes[state.outcome or "pending"] += 1
        return {
            "regulation": {
                "code": self.reg.code,
                "title": self.reg.title,
                "version": self.reg.version,
                "sha256": self.loaded.sha256,
            },
            "campaign": {"id": self.case.campaign.id, "title": self.case.campaign.title},
            "summary": {"candidates": len(states), "outcomes": dict(sorted(outcomes.items()))},
            "stages": self.stage_summaries,
            "candidates": candidates,
            "meetings": [self.meeting_checks[m.id] for m in self.case.meetings],
            "deadlines": [row.as_json() for row in self.deadline_rows],
            "notices": notice_rows(
                self.reg, self.calendar, self.deadline_rows, self.case.notices, self.label
            ),
            "retention": retention,
        }


def evaluate(loaded: LoadedRegulation, case: Case, label: str = "case") -> dict[str, Any]:
    """Evaluate a checked case under a loaded regulation; returns JSON-ready data."""
    with collector_paused():  # the result is millions of acyclic objects for a large case
        return Evaluator(loaded, case, label).run()
