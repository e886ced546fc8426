"""The case: the recorded inputs of one campaign, as plain data.

A case lists the candidates with their facts and documents, the commissions and their members,
the ballots (one per member and method, with a row per candidate, like the paper ballot of KM
appendix 4), test and other results, meetings with attendance, and votes.  It is parsed from
JSON by pydantic into slotted dataclasses, then checked against the regulation
(:func:`check_case`), which names the place of every problem.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError

from rezerv.engine.errors import InputError, Issue, Problem, issue, pydantic_issue
from rezerv.engine.facts import (
    POSITION_FIELDS,
    FactProblem,
    candidate_facts,
    check_fact_value,
    check_facts,
    position_facts,
)
from rezerv.engine.schema import Regulation
from rezerv.engine.scoring import validate_points, validate_result

_CONFIG = ConfigDict(extra="forbid")

PointValue = Decimal | str | list[str] | None
Points = Decimal | dict[str, PointValue] | None


@dataclass(slots=True)
class Position:
    """The campaign's position: its facts (``source: position``) in ``facts``; ``category`` and
    ``group`` may be given beside them instead (the shorthand of the first case files)."""

    __pydantic_config__ = _CONFIG
    title: str = ""
    category: str | None = None
    group: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)

    def all_facts(self) -> dict[str, Any]:
        """``facts`` with ``category`` and ``group`` when they are given."""
        given = {n: getattr(self, n) for n in POSITION_FIELDS if getattr(self, n) is not None}
        return {**self.facts, **given}


@dataclass(slots=True)
class Campaign:
    __pydantic_config__ = _CONFIG
    id: str = ""
    title: str = ""
    position: Position = field(default_factory=Position)
    vacancies: int = 1
    quotas: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass(slots=True)
class Member:
    __pydantic_config__ = _CONFIG
    id: str
    name: str = ""
    role: Literal["chair", "deputy", "secretary", "member"] = "member"
    civil_servant: bool = False
    independent: bool = False
    public_council: bool = False


@dataclass(slots=True)
class Commission:
    __pydantic_config__ = _CONFIG
    id: str
    rule: str
    stages: list[str]
    members: list[Member]
    scope: str | None = None


@dataclass(slots=True)
class Change:
    __pydantic_config__ = _CONFIG
    fact: str
    date: dt.date
    to: Any = None


@dataclass(slots=True)
class Candidate:
    __pydantic_config__ = _CONFIG
    id: str
    name: str = ""
    route: str = "default"
    submitted_at: dt.datetime | dt.date | None = None
    consent: bool = False
    documents: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    consents: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


@dataclass(slots=True)
class BallotRow:
    __pydantic_config__ = _CONFIG
    points: Points = None
    reason: str = ""


@dataclass(slots=True)
class Ballot:
    """One member's ballot for one method: a row per candidate (number, criterion map, or
    ``{"points": …, "reason": …}``); ``null`` is an abstention and never counts as 0."""

    __pydantic_config__ = _CONFIG
    stage: str
    method: str
    member: str
    rows: dict[
        str,
        Annotated[
            Decimal | BallotRow | dict[str, PointValue] | None,
            Field(union_mode="left_to_right"),
        ],
    ]


@dataclass(slots=True)
class Result:
    """A recorded result: a test (``correct``/``questions`` or ``answers``), a pass or fail,
    or the points of a sheet entered once (``points``)."""

    __pydantic_config__ = _CONFIG
    stage: str
    method: str
    candidate: str
    correct: int | None = None
    questions: int | None = None
    answers: str | None = None
    passed: bool | None = None
    points: dict[str, PointValue] | Decimal | None = None
    date: dt.date | None = None
    note: str = ""


@dataclass(slots=True)
class TestKey:
    __pydantic_config__ = _CONFIG
    key: str


@dataclass(slots=True)
class Meeting:
    __pydantic_config__ = _CONFIG
    id: str
    stage: str
    commission: str
    date: dt.date
    present: list[str]


@dataclass(slots=True)
class Vote:
    __pydantic_config__ = _CONFIG
    meeting: str
    question: str
    candidate: str
    member: str
    vote: Literal["for", "against", "abstain"]


@dataclass(slots=True)
class Recusal:
    __pydantic_config__ = _CONFIG
    member: str
    candidate: str
    reason: str = ""


@dataclass(slots=True)
class NoticeRecord:
    """A notice or publication of the regulation's ``notices``, with the date it was issued."""

    __pydantic_config__ = _CONFIG
    id: str
    issued_on: dt.date
    number: str = ""
    note: str = ""


@dataclass(slots=True)
class Case:
    __pydantic_config__ = _CONFIG
    candidates: list[Candidate]
    regulation: str | None = None
    campaign: Campaign = field(default_factory=Campaign)
    events: dict[str, dt.date] = field(default_factory=dict)
    reference_date: dt.date | None = None
    commissions: list[Commission] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    tests: dict[str, TestKey] = field(default_factory=dict)
    meetings: list[Meeting] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    recusals: list[Recusal] = field(default_factory=list)
    notices: list[NoticeRecord] = field(default_factory=list)


_ADAPTER: TypeAdapter[Case] = TypeAdapter(Case)


def _json_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif out:
            out += f".{part}"
        else:
            out = str(part)
    return out or "(top level)"


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic data, then restore it.

    A case of 250,000 candidates is tens of millions of objects, none in a reference cycle;
    the collector would otherwise rescan all of them several times while they are built.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _share_values(case: Case) -> None:
    """Let equal values share one object: each candidate id in ballots and results becomes
    the candidate's own id string, each point value one Decimal per exact value (same digits
    and exponent, so nothing observable changes).  A large case holds millions of them."""
    ids = {c.id: c.id for c in case.candidates}
    numbers: dict[str, Decimal] = {}

    def points(value: Any) -> Any:
        if isinstance(value, Decimal):
            return numbers.setdefault(str(value), value)
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, Decimal):
                    value[key] = numbers.setdefault(str(item), item)
        return value

    for ballot in case.ballots:
        rows = {ids.get(cid, cid): row for cid, row in ballot.rows.items()}
        for cid, row in rows.items():
            if isinstance(row, Decimal):  # the common row: a bare number
                rows[cid] = numbers.setdefault(str(row), row)
            elif isinstance(row, BallotRow):
                row.points = points(row.points)
            elif row is not None:
                points(row)
        ballot.rows = rows
    for res in case.results:
        res.candidate = ids.get(res.candidate, res.candidate)
        res.points = points(res.points)


_TRIM_FROM_BYTES = 16 * 2**20


def _release_freed_memory() -> None:
    """Return memory freed by the JSON parser to the system.  The parser's temporary tree
    (about 2.5 times the input) is freed after validation, but the C library keeps it
    resident, where Python's own objects never reuse it; glibc's ``malloc_trim`` hands it
    back.  Elsewhere (no glibc) nothing is done."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return
    trim(0)


def parse_case(raw: bytes, label: str) -> Case:
    """Parse a case from JSON bytes; errors name the place and the reason."""
    try:
        with collector_paused():
            case = _ADAPTER.validate_json(raw)
            _share_values(case)
        if len(raw) >= _TRIM_FROM_BYTES:
            _release_freed_memory()
        return case
    except ValidationError as exc:
        problems: list[Problem] = []
        for err in exc.errors(include_url=False)[:50]:
            if err["type"] == "json_invalid":
                detail = str((err.get("ctx") or {}).get("error", err["msg"]))
                reason = f"malformed JSON: {err['msg']}"
                problems.append(
                    Problem(label, None, None, reason, "malformed_json", {"detail": detail})
                )
                continue
            loc = tuple(p for p in err["loc"] if not _is_union_tag(p))
            unknown = err["type"] in ("extra_forbidden", "unexpected_keyword_argument")
            reason = "unknown field" if unknown else err["msg"]
            if err["type"] == "missing":
                reason = "required field is missing"
            what = pydantic_issue(err)
            problems.append(Problem(label, _json_path(loc), None, reason, what.code, what.params))
        raise InputError(problems) from exc


def _is_union_tag(part: object) -> bool:
    return isinstance(part, str) and (
        part in ("decimal", "dict[str,nullable[union[decimal,str,list[str]]]]", "BallotRow")
        or part.startswith(("function-", "dict[", "list[", "nullable[", "union["))
    )


# --------------------------------------------------------------------------- semantic checks


def _fact_issue(problem: FactProblem) -> Issue:
    """A fact's refused value (``facts.FactProblem``) as an issue: ``fact_value`` with the
    fact problem's code as ``problem`` beside its params."""
    return Issue("fact_value", problem.text, {**problem.params, "problem": problem.code})


def check_position(reg: Regulation, pos: Position, bad: Callable[[str, Issue], None]) -> None:
    """The position's facts (``facts``, and ``category``, ``group`` given beside them) against
    the regulation's position facts (``source: position``, read by method sets, KM-10)."""
    decls = position_facts(reg)
    given: dict[str, Any] = {}
    where: dict[str, str] = {}
    for name, value in pos.facts.items():
        given[name] = value
        where[name] = f"campaign.position.facts.{name}"
    for name in POSITION_FIELDS:
        value = getattr(pos, name)
        if value is not None and name in given:
            bad(
                f"campaign.position.{name}",
                issue(
                    "position_fact_twice",
                    f"given twice: also as campaign.position.facts.{name}",
                    fact=name,
                ),
            )
            continue
        if value is not None:
            given[name] = value
            where[name] = f"campaign.position.{name}"
    for name, problem in check_facts(decls, given):
        bad(where.get(name, f"campaign.position.facts.{name}"), _fact_issue(problem))


def check_case(reg: Regulation, case: Case, label: str) -> None:
    """Check the case against the regulation; raise InputError listing every problem."""
    problems: list[Problem] = []

    def bad(path: str, what: Issue) -> None:
        if len(problems) < 50:
            problems.append(Problem.of(label, path, None, what))

    if case.regulation is not None and case.regulation != reg.code:
        bad(
            "regulation",
            issue(
                "case_for_other_regulation",
                f"the case is for regulation '{case.regulation}', not '{reg.code}'",
                case=case.regulation,
                regulation=reg.code,
            ),
        )

    check_position(reg, case.campaign.position, bad)

    candidate_ids: set[str] = set()
    fact_decls = candidate_facts(reg)
    routes = {r.id for r in reg.routes} or {"default"}
    docs = {d.id for d in reg.documents.catalogue} if reg.documents else set()
    change_facts = {c.fact for c in reg.change_limits}
    for i, cand in enumerate(case.candidates):
        if cand.id in candidate_ids:
            bad(
                f"candidates[{i}].id",
                issue("duplicate_id", f"duplicate candidate id '{cand.id}'", id=cand.id),
            )
        candidate_ids.add(cand.id)
        if cand.route not in routes:
            bad(
                f"candidates[{i}].route",
                issue(
                    "unknown_reference",
                    f"unknown entry route '{cand.route}'",
                    kind="entry_route",
                    id=cand.route,
                ),
            )
        for j, doc in enumerate(cand.documents):
            if doc not in docs:
                bad(
                    f"candidates[{i}].documents[{j}]",
                    issue(
                        "unknown_reference", f"unknown document '{doc}'", kind="document", id=doc
                    ),
                )
        for name, problem in check_facts(fact_decls, cand.facts):
            bad(f"candidates[{i}].facts.{name}", _fact_issue(problem))
        for j, ch in enumerate(cand.changes):
            if ch.fact not in change_facts:
                bad(
                    f"candidates[{i}].changes[{j}].fact",
                    issue("no_change_limit", f"no change limit for fact '{ch.fact}'", fact=ch.fact),
                )
            elif ch.fact in fact_decls:
                wrong = check_fact_value(fact_decls[ch.fact], ch.to)
                if wrong is not None:
                    bad(f"candidates[{i}].changes[{j}].to", _fact_issue(wrong))

    stage_ids = {s.id for s in reg.stages}
    stage_methods = {s.id: set(s.methods) for s in reg.stages}
    rules = {c.id for c in reg.commissions}
    members_of: dict[str, set[str]] = {}
    commission_stages: dict[str, set[str]] = {}
    for i, com in enumerate(case.commissions):
        if com.rule not in rules:
            bad(
                f"commissions[{i}].rule",
                issue(
                    "unknown_reference",
                    f"unknown commission rule '{com.rule}'",
                    kind="commission_rule",
                    id=com.rule,
                ),
            )
        for j, st in enumerate(com.stages):
            if st not in stage_ids:
                bad(
                    f"commissions[{i}].stages[{j}]",
                    issue("unknown_reference", f"unknown stage '{st}'", kind="stage", id=st),
                )
        ids = [m.id for m in com.members]
        if len(set(ids)) != len(ids):
            bad(f"commissions[{i}].members", issue("member_twice", "a member is listed twice"))
        members_of[com.id] = set(ids)
        commission_stages[com.id] = set(com.stages)

    stage_members: dict[str, set[str]] = {}
    for com in case.commissions:
        for st in com.stages:
            stage_members.setdefault(st, set()).update(members_of[com.id])

    recused = {(r.member, r.candidate) for r in case.recusals}
    for i, rec in enumerate(case.recusals):
        if rec.candidate not in candidate_ids:
            bad(
                f"recusals[{i}].candidate",
                issue(
                    "unknown_reference",
                    f"unknown candidate '{rec.candidate}'",
                    kind="candidate",
                    id=rec.candidate,
                ),
            )

    sheets = {s.id: s for s in reg.score_sheets}
    methods = {m.id: m for m in reg.methods}
    seen_ballots: set[tuple[str, ...]] = set()
    for i, ballot in enumerate(case.ballots):
        where = f"ballots[{i}]"
        if ballot.stage not in stage_ids:
            bad(
                f"{where}.stage",
                issue(
                    "unknown_reference",
                    f"unknown stage '{ballot.stage}'",
                    kind="stage",
                    id=ballot.stage,
                ),
            )
            continue
        if ballot.method not in stage_methods[ballot.stage]:
            bad(f"{where}.method", _not_of_stage(ballot.method, ballot.stage))
            continue
        method = methods[ballot.method]
        if method.kind != "ballot":
            bad(
                f"{where}.method",
                issue(
                    "method_not_ballot",
                    f"method '{ballot.method}' is not scored by ballots",
                    method=ballot.method,
                ),
            )
            continue
        if ballot.member not in stage_members.get(ballot.stage, set()):
            bad(
                f"{where}.member",
                issue(
                    "not_a_stage_member",
                    f"'{ballot.member}' is not a member of a commission of stage '{ballot.stage}'",
                    member=ballot.member,
                    stage=ballot.stage,
                ),
            )
        key = (ballot.stage, ballot.method, ballot.member)
        if key in seen_ballots:
            bad(
                where,
                issue(
                    "second_ballot",
                    f"a second ballot of member '{ballot.member}' for method '{ballot.method}'",
                    member=ballot.member,
                    method=ballot.method,
                ),
            )
        seen_ballots.add(key)
        assert method.sheet is not None
        sheet = sheets[method.sheet]
        # A number's problems depend on its exact text only: check each distinct one once.
        number_problems: dict[str, list[Issue]] = {}
        for cand_id, row in ballot.rows.items():
            if cand_id not in candidate_ids:
                bad(
                    f"{where}.rows.{cand_id}",
                    issue(
                        "unknown_reference",
                        f"unknown candidate '{cand_id}'",
                        kind="candidate",
                        id=cand_id,
                    ),
                )
                continue
            if recused and (ballot.member, cand_id) in recused and row is not None:
                bad(
                    f"{where}.rows.{cand_id}",
                    _recused(ballot.member, cand_id),
                )
                continue
            points = row.points if isinstance(row, BallotRow) else row
            if isinstance(points, Decimal):
                text = str(points)
                reasons = number_problems.get(text)
                if reasons is None:
                    reasons = number_problems[text] = validate_points(sheet, points)
            else:
                reasons = validate_points(sheet, points)
            for reason in reasons:
                bad(f"{where}.rows.{cand_id}", reason)

    for i, res in enumerate(case.results):
        where = f"results[{i}]"
        if res.candidate not in candidate_ids:
            bad(
                f"{where}.candidate",
                issue(
                    "unknown_reference",
                    f"unknown candidate '{res.candidate}'",
                    kind="candidate",
                    id=res.candidate,
                ),
            )
        if res.stage not in stage_ids:
            bad(
                f"{where}.stage",
                issue(
                    "unknown_reference", f"unknown stage '{res.stage}'", kind="stage", id=res.stage
                ),
            )
            continue
        if res.method not in stage_methods[res.stage]:
            bad(f"{where}.method", _not_of_stage(res.method, res.stage))
            continue
        method = methods[res.method]
        for reason in validate_result(reg, method, res, case):
            bad(where, reason)

    meeting_ids: set[str] = set()
    meeting_present: dict[str, set[str]] = {}
    for i, mt in enumerate(case.meetings):
        where = f"meetings[{i}]"
        if mt.id in meeting_ids:
            bad(f"{where}.id", issue("duplicate_id", f"duplicate meeting id '{mt.id}'", id=mt.id))
        meeting_ids.add(mt.id)
        if mt.commission not in members_of:
            bad(
                f"{where}.commission",
                issue(
                    "unknown_reference",
                    f"unknown commission '{mt.commission}'",
                    kind="commission",
                    id=mt.commission,
                ),
            )
            continue
        if mt.stage not in commission_stages[mt.commission]:
            bad(
                f"{where}.stage",
                issue(
                    "commission_not_in_stage",
                    f"commission '{mt.commission}' does not act in stage '{mt.stage}'",
                    commission=mt.commission,
                    stage=mt.stage,
                ),
            )
        for j, m in enumerate(mt.present):
            if m not in members_of[mt.commission]:
                bad(
                    f"{where}.present[{j}]",
                    issue(
                        "not_a_member",
                        f"'{m}' is not a member of '{mt.commission}'",
                        member=m,
                        commission=mt.commission,
                    ),
                )
        meeting_present[mt.id] = set(mt.present)

    seen_votes: set[tuple[str, ...]] = set()
    for i, v in enumerate(case.votes):
        where = f"votes[{i}]"
        if v.meeting not in meeting_present:
            bad(
                f"{where}.meeting",
                issue(
                    "unknown_reference",
                    f"unknown meeting '{v.meeting}'",
                    kind="meeting",
                    id=v.meeting,
                ),
            )
            continue
        if v.candidate not in candidate_ids:
            bad(
                f"{where}.candidate",
                issue(
                    "unknown_reference",
                    f"unknown candidate '{v.candidate}'",
                    kind="candidate",
                    id=v.candidate,
                ),
            )
        if v.member not in meeting_present[v.meeting]:
            bad(
                f"{where}.member",
                issue(
                    "not_present",
                    f"'{v.member}' was not present at meeting '{v.meeting}'",
                    member=v.member,
                    meeting=v.meeting,
                ),
            )
        if (v.member, v.candidate) in recused:
            bad(f"{where}.member", _recused(v.member, v.candidate))
        vote_key = (v.meeting, v.question, v.candidate, v.member)
        if vote_key in seen_votes:
            bad(
                where,
                issue(
                    "voted_twice",
                    f"member '{v.member}' voted twice on this question",
                    member=v.member,
                ),
            )
        seen_votes.add(vote_key)

    for name in case.events:
        known = {e.id for e in reg.events} | {d.id for d in reg.deadlines}
        if name not in known:
            bad(
                f"events.{name}",
                issue("unknown_reference", f"unknown event '{name}'", kind="event", id=name),
            )

    for path, reason in check_notices(reg, case):
        bad(path, reason)

    if problems:
        raise InputError(problems)


# --------------------------------------------------------------------------- notices


def _not_of_stage(method: str, stage: str) -> Issue:
    return issue(
        "not_a_stage_method",
        f"'{method}' is not a method of stage '{stage}'",
        method=method,
        stage=stage,
    )


def _recused(member: str, candidate: str) -> Issue:
    return issue(
        "recused",
        f"member '{member}' is recused from candidate '{candidate}'",
        member=member,
        candidate=candidate,
    )


def check_notices(reg: Regulation, case: Case) -> list[tuple[str, Issue]]:
    """Each recorded notice is one the regulation declares, recorded once."""
    declared = {n.id for n in reg.notices}
    out: list[tuple[str, Issue]] = []
    seen: set[str] = set()
    for i, rec in enumerate(case.notices):
        if rec.id not in declared:
            known = ", ".join(sorted(declared)) or "none"
            out.append(
                (
                    f"notices[{i}].id",
                    issue(
                        "unknown_notice",
                        f"unknown notice '{rec.id}'; notices: {known}",
                        id=rec.id,
                        notices=sorted(declared),
                    ),
                )
            )
        elif rec.id in seen:
            out.append(
                (
                    f"notices[{i}].id",
                    issue("notice_twice", f"notice '{rec.id}' is recorded twice", id=rec.id),
                )
            )
        seen.add(rec.id)
    return out
