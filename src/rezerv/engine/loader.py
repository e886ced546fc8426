"""Load and validate regulation files.

A malformed file is refused with the file, the path of the bad field, its line, and the reason.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from rezerv.engine.declarations import check_declarations
from rezerv.engine.errors import InputError, Issue, Problem, issue, pydantic_issue
from rezerv.engine.factrefs import check_fact_references
from rezerv.engine.schema import (
    AllCondition,
    AnyCondition,
    FactCondition,
    NotCondition,
    Regulation,
)

PathKey = tuple[str | int, ...]

BUNDLED = ("TP", "AK", "BR", "PK", "KM")


@dataclass(frozen=True)
class LoadedRegulation:
    regulation: Regulation
    path: str
    sha256: str
    lines: dict[PathKey, int] = field(default_factory=dict, compare=False, repr=False)


def format_path(path: PathKey) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _line_map(node: yaml.Node, path: PathKey, out: dict[PathKey, int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            out[(*path, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*path, key), out)
            out[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, index), out)


def _nearest_line(lines: dict[PathKey, int], path: PathKey) -> int | None:
    probe = path
    while True:
        if probe in lines:
            return lines[probe]
        if not probe:
            return None
        probe = probe[:-1]


def bundled_path(code: str) -> Path:
    """The path of a bundled regulation file by its code (TP, AK, BR, PK, KM)."""
    ref = resources.files("rezerv.regulations").joinpath(f"{code.lower()}.yaml")
    return Path(str(ref))


def resolve(name: str) -> Path:
    """A file path, or the code of a bundled regulation."""
    if name.upper() in BUNDLED and not Path(name).exists():
        return bundled_path(name)
    return Path(name)


def load_regulation(name: str | Path) -> LoadedRegulation:
    path = resolve(str(name))
    label = str(name)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            [
                Problem(
                    label,
                    None,
                    None,
                    f"cannot read the file: {exc.strerror}",
                    "file_unreadable",
                    {"detail": str(exc.strerror)},
                )
            ]
        ) from exc
    return parse_regulation(raw, label)


# The C parser where PyYAML was built with libyaml (the wheels are); the pure one otherwise.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Parsed regulations by (label, SHA-256 of the text): a file is parsed once per process, however
# many campaigns, tests or requests load it.  A LoadedRegulation is never mutated by its readers.
_PARSED: dict[tuple[str, str], LoadedRegulation] = {}
_PARSED_MAX = 64


def parse_regulation(raw: bytes, label: str) -> LoadedRegulation:
    key = (label, hashlib.sha256(raw).hexdigest())
    cached = _PARSED.get(key)
    if cached is not None:
        return cached
    loaded = _parse_regulation(raw, label)
    if len(_PARSED) >= _PARSED_MAX:
        _PARSED.pop(next(iter(_PARSED)))
    _PARSED[key] = loaded
    return loaded


def _compose_and_construct(text: str) -> tuple[Any, Any]:
    """One pass of the parser: the node tree (for line numbers) and the data built from it."""
    loader = _YAML_LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _parse_regulation(raw: bytes, label: str) -> LoadedRegulation:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8 text ({exc.reason})"
        raise InputError(
            [Problem(label, None, None, reason, "not_utf8", {"detail": exc.reason})]
        ) from exc
    try:
        node, data = _compose_and_construct(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        reason = f"malformed YAML: {exc.problem}"
        params = {"problem": str(exc.problem or ""), "context": str(exc.context or "")}
        raise InputError([Problem(label, None, line, reason, "malformed_yaml", params)]) from exc
    except yaml.YAMLError as exc:
        reason = f"malformed YAML: {exc}"
        params = {"problem": str(exc), "context": ""}
        raise InputError([Problem(label, None, None, reason, "malformed_yaml", params)]) from exc
    lines: dict[PathKey, int] = {}
    if node is not None:
        _line_map(node, (), lines)
    if not isinstance(data, dict):
        raise InputError(
            [
                Problem(
                    label,
                    None,
                    1,
                    "a regulation file must be a YAML mapping",
                    "not_a_mapping",
                    {"got": _yaml_kind(data)},
                )
            ]
        )
    try:
        regulation = Regulation.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = _clean_loc(tuple(err["loc"]))
            what = pydantic_issue(err)
            key = what.params.get("key") if what.code.startswith("text_") else None
            if isinstance(key, str) and (*loc, key) in lines:
                loc = (*loc, key)  # a translation map's bad entry: its own line
            problems.append(Problem.of(label, format_path(loc), _nearest_line(lines, loc), what))
        raise InputError(problems) from exc
    problems = [
        Problem.of(label, format_path(p), _nearest_line(lines, p), what)
        for p, what in [
            *check_references(regulation),
            *check_fact_references(regulation),
            *check_declarations(regulation),
        ]
    ]
    if problems:
        raise InputError(problems)
    return LoadedRegulation(regulation, label, hashlib.sha256(raw).hexdigest(), lines)


def _clean_loc(loc: PathKey) -> PathKey:
    """Drop the union tags pydantic puts into the location of a condition's error."""
    out: list[str | int] = []
    for k, part in enumerate(loc):
        nxt = loc[k + 1] if k + 1 < len(loc) else None
        if part in ("all", "any", "not") and nxt == part:
            continue
        if part == "fact" and isinstance(nxt, str) and nxt in FactCondition.model_fields:
            continue
        out.append(part)
    return tuple(out)


def _yaml_kind(data: Any) -> str:
    if data is None:
        return "empty"
    if isinstance(data, list):
        return "list"
    return "scalar"


# --------------------------------------------------------------------------- references


def _conditions(cond: Any) -> Iterator[FactCondition]:
    if isinstance(cond, FactCondition):
        yield cond
    elif isinstance(cond, AllCondition):
        for c in cond.all:
            yield from _conditions(c)
    elif isinstance(cond, AnyCondition):
        for c in cond.any:
            yield from _conditions(c)
    elif isinstance(cond, NotCondition):
        yield from _conditions(cond.not_)


def _unknown(kind: str, ref: str | None, where: str = "") -> Issue:
    """A reference to a ``kind`` (event, stage, method, score_sheet …) that is not declared."""
    word = kind.replace("_", " ")
    return issue("unknown_reference", f"unknown {word} '{ref}'{where}", kind=kind, id=ref)


def check_references(reg: Regulation) -> list[tuple[PathKey, Issue]]:
    """Every cross-reference of the file, checked; returns (path, reason) pairs."""
    out: list[tuple[PathKey, Issue]] = []

    def unique(items: list[Any], where: str) -> set[str]:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                out.append(
                    (
                        (where, i, "id"),
                        issue("duplicate_id", f"duplicate id '{item.id}'", id=item.id),
                    )
                )
            seen.add(item.id)
        return seen

    sheets = unique(reg.score_sheets, "score_sheets")
    methods = unique(reg.methods, "methods")
    stages = unique(reg.stages, "stages")
    commissions = unique(reg.commissions, "commissions")
    deadlines = unique(reg.deadlines, "deadlines")
    routes = unique(reg.routes, "routes")
    unique(reg.events, "events")
    unique(reg.facts, "facts")
    events = {e.id for e in reg.events} | deadlines | {"reference_date"}
    docs: set[str] = set()
    if reg.documents is not None:
        docs = unique(reg.documents.catalogue, "documents.catalogue")
        unique(reg.documents.checklists, "documents.checklists")
    if routes and "default" not in routes:
        out.append(
            (
                ("routes",),
                issue("no_default_route", "the routes must include one with id 'default'"),
            )
        )

    def check_condition(cond: Any, path: PathKey) -> None:
        for fc in _conditions(cond):
            if fc.scale is not None and fc.scale not in reg.scales:
                out.append(
                    (
                        (*path,),
                        _unknown("scale", fc.scale),
                    )
                )
            elif (
                fc.scale is not None
                and fc.op in ("eq", "ne", "gte", "gt", "lte", "lt")
                and str(fc.value) not in reg.scales[fc.scale]
            ):
                out.append(
                    (
                        (*path,),
                        issue(
                            "not_a_scale_value",
                            f"'{fc.value}' is not a value of scale '{fc.scale}'",
                            value=str(fc.value),
                            scale=fc.scale,
                        ),
                    )
                )
            if fc.age_at is not None and fc.age_at not in events:
                out.append(
                    (
                        (*path,),
                        _unknown("event", fc.age_at, " in age_at"),
                    )
                )
            if fc.elapsed_at is not None and fc.elapsed_at not in events:
                out.append(
                    (
                        (*path,),
                        _unknown("event", fc.elapsed_at, " in elapsed_at"),
                    )
                )

    def check_rules(rules: list[Any], base: PathKey) -> None:
        for i, rule in enumerate(rules):
            check_condition(rule.check, (*base, i, "check"))
            if rule.when is not None:
                check_condition(rule.when, (*base, i, "when"))
            if rule.exempt_when is not None:
                check_condition(rule.exempt_when, (*base, i, "exempt_when"))

    check_rules(reg.eligibility, ("eligibility",))
    for i, stage in enumerate(reg.stages):
        check_rules(stage.requirements, ("stages", i, "requirements"))

    if reg.documents is not None:
        for i, cl in enumerate(reg.documents.checklists):
            for key in ("required", "optional"):
                for j, doc in enumerate(getattr(cl, key)):
                    if doc not in docs:
                        out.append(
                            (
                                ("documents", "checklists", i, key, j),
                                _unknown("document", doc),
                            )
                        )
            if cl.when is not None:
                check_condition(cl.when, ("documents", "checklists", i, "when"))

    stage_order = [s.id for s in reg.stages]
    for i, sheet in enumerate(reg.score_sheets):
        unique(sheet.criteria, f"score_sheets[{i}].criteria")
        for j, crit in enumerate(sheet.criteria):
            if crit.kind == "from_stage" and crit.stage not in stages:
                out.append(
                    (
                        ("score_sheets", i, "criteria", j, "stage"),
                        _unknown("stage", crit.stage),
                    )
                )
            if crit.kind == "options":
                unique(crit.options, f"score_sheets[{i}].criteria[{j}].options")

    for i, method in enumerate(reg.methods):
        if method.sheet is not None and method.sheet not in sheets:
            out.append(
                (
                    ("methods", i, "sheet"),
                    _unknown("score_sheet", method.sheet),
                )
            )
        if method.questions is not None and method.questions.min > method.questions.max:
            out.append((("methods", i, "questions"), issue("min_above_max", "min is above max")))

    fields = {f.id for f in reg.announcement.fields} if reg.announcement else set()
    for i, method in enumerate(reg.methods):
        if method.work is None:
            continue
        for key in ("opens", "closes"):
            value = getattr(method.work, key)
            if value is not None and value not in events:
                out.append((("methods", i, "work", key), _unknown("event", value)))
        hr_facts = {f.id for f in reg.facts if f.source == "hr"}
        for measure, fact in method.work.facts.items():
            if fact not in hr_facts:
                out.append((("methods", i, "work", "facts", measure), _unknown("fact", fact)))
        if method.work.topics_from is not None and method.work.topics_from not in fields:
            out.append(
                (
                    ("methods", i, "work", "topics_from"),
                    _unknown("announcement_field", method.work.topics_from),
                )
            )

    for i, stage in enumerate(reg.stages):
        base: PathKey = ("stages", i)
        if stage.commission is not None and stage.commission not in commissions:
            out.append(
                (
                    (*base, "commission"),
                    _unknown("commission", stage.commission),
                )
            )
        for key in ("opens", "closes", "decision_event"):
            value = getattr(stage, key)
            if value is not None and value not in events:
                out.append(
                    (
                        (*base, key),
                        _unknown("event", value),
                    )
                )
        for j, m in enumerate(stage.methods):
            if m not in methods:
                out.append(
                    (
                        (*base, "methods", j),
                        _unknown("method", m),
                    )
                )
        for j, ms in enumerate(stage.method_sets):
            for k, m in enumerate(ms.methods):
                if m not in stage.methods:
                    out.append(
                        (
                            (*base, "method_sets", j, "methods", k),
                            issue(
                                "method_not_of_stage",
                                f"method '{m}' is not one of the stage's methods",
                                method=m,
                            ),
                        )
                    )
        for j, carried in enumerate(stage.carry):
            if carried not in stage_order[:i]:
                out.append(
                    (
                        (*base, "carry", j),
                        issue(
                            "not_an_earlier_stage",
                            f"'{carried}' is not an earlier stage",
                            stage=carried,
                        ),
                    )
                )
        for j, tb in enumerate(stage.tie_breaks):
            if tb.method is not None and tb.method not in stage.methods:
                out.append(
                    (
                        (*base, "tie_breaks", j, "method"),
                        _unknown("method", tb.method),
                    )
                )
            elif tb.method is not None and tb.criterion is not None:
                tb_sheet = reg.method(tb.method).sheet if tb.method in methods else None
                if tb_sheet is None or tb_sheet not in sheets:
                    out.append(
                        (
                            (*base, "tie_breaks", j, "criterion"),
                            issue("method_has_no_sheet", "the method has no score sheet"),
                        )
                    )
                elif tb.criterion not in {c.id for c in reg.sheet(tb_sheet).criteria}:
                    out.append(
                        (
                            (*base, "tie_breaks", j, "criterion"),
                            issue(
                                "not_a_criterion",
                                f"'{tb.criterion}' is not a criterion of sheet '{tb_sheet}'",
                                criterion=tb.criterion,
                                sheet=tb_sheet,
                            ),
                        )
                    )
            if tb.stage is not None and tb.stage not in stage_order[:i]:
                out.append(
                    (
                        (*base, "tie_breaks", j, "stage"),
                        issue(
                            "not_an_earlier_stage",
                            f"'{tb.stage}' is not an earlier stage",
                            stage=tb.stage,
                        ),
                    )
                )
        for j, award in enumerate(stage.awards):
            for k, m in enumerate(award.requires_methods):
                if m not in stage.methods:
                    out.append(
                        (
                            (*base, "awards", j, "requires_methods", k),
                            _unknown("method", m),
                        )
                    )
            if award.vote is not None and stage.decision != "vote":
                out.append(
                    (
                        (*base, "awards", j, "vote"),
                        issue(
                            "vote_needs_vote_decision", "a vote needs the stage's decision: vote"
                        ),
                    )
                )
        if stage.kind == "assessment" and stage.decision == "vote" and stage.commission is None:
            out.append(
                (
                    (*base, "decision"),
                    issue(
                        "vote_decision_needs_commission",
                        "a decision by vote needs the stage's commission",
                    ),
                )
            )
        if stage.tie_vote is not None and stage.commission is None:
            out.append(
                (
                    (*base, "tie_vote"),
                    issue("tie_vote_needs_commission", "a tie vote needs the stage's commission"),
                )
            )
        elif stage.tie_vote is not None and not any(a.limit for a in stage.awards):
            out.append(
                (
                    (*base, "tie_vote"),
                    issue("tie_vote_needs_limit", "a tie vote needs an award with a limit"),
                )
            )

    for i, dl in enumerate(reg.deadlines):
        for key in ("after", "before", "anchor", "governs"):
            value = getattr(dl, key)
            if value is not None and value not in events:
                out.append(
                    (
                        ("deadlines", i, key),
                        _unknown("event", value),
                    )
                )
        if dl.stage is not None and dl.stage not in stages:
            out.append(
                (
                    ("deadlines", i, "stage"),
                    _unknown("stage", dl.stage),
                )
            )

    out.extend(check_notices(reg, deadlines, stages))

    for i, limit in enumerate(reg.change_limits):
        if limit.not_after is not None and limit.not_after not in events:
            out.append(
                (
                    ("change_limits", i, "not_after"),
                    _unknown("event", limit.not_after),
                )
            )

    for i, route in enumerate(reg.routes):
        if route.closes is not None and route.closes not in events:
            out.append(
                (
                    ("routes", i, "closes"),
                    _unknown("event", route.closes),
                )
            )

    for i, ret in enumerate(reg.retention):
        if ret.after not in events and ret.after != "decision":
            out.append(
                (
                    ("retention", i, "after"),
                    _unknown("event", ret.after),
                )
            )
        for outcome in ret.keep_outcomes:
            if outcome not in reg.outcome_titles():
                out.append((("retention", i, "keep_outcomes"), _unknown("outcome", outcome)))

    if reg.reserve is not None:
        if reg.reserve.exclusion_event is not None and reg.reserve.exclusion_event not in events:
            out.append(
                (
                    ("reserve", "exclusion_event"),
                    _unknown("event", reg.reserve.exclusion_event),
                )
            )
        grounds = unique(reg.reserve.exclusion_grounds, "reserve.exclusion_grounds")
        for i, ri in enumerate(reg.reserve.re_inclusion):
            if ri.condition is not None:
                check_condition(ri.condition, ("reserve", "re_inclusion", i, "condition"))
            if ri.after_ground not in grounds:
                out.append(
                    (
                        ("reserve", "re_inclusion", i, "after_ground"),
                        _unknown("ground", ri.after_ground),
                    )
                )
    return out


def check_notices(
    reg: Regulation, deadlines: set[str], stages: set[str]
) -> list[tuple[PathKey, Issue]]:
    """The notices' ids are unique, their deadlines and stages exist."""
    out: list[tuple[PathKey, Issue]] = []
    seen: set[str] = set()
    for i, notice in enumerate(reg.notices):
        if notice.id in seen:
            out.append(
                (
                    ("notices", i, "id"),
                    issue("duplicate_id", f"duplicate id '{notice.id}'", id=notice.id),
                )
            )
        seen.add(notice.id)
        if notice.deadline is not None and notice.deadline not in deadlines:
            out.append(
                (
                    ("notices", i, "deadline"),
                    _unknown("deadline", notice.deadline),
                )
            )
        if notice.stage is not None and notice.stage not in stages:
            out.append(
                (
                    ("notices", i, "stage"),
                    _unknown("stage", notice.stage),
                )
            )
    return out
