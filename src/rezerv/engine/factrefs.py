"""The regulation's references to facts, checked against its ``facts`` declarations.

Every place that names a fact (a condition, a score-sheet criterion, a tie-break, an award
limit or minimum per fact, a ranking or uniqueness key, a commission's scope, a change limit, a
test window, the reserve's facts) must name a declared fact of a fitting type, and every option
it names must be an option of that fact.  Candidates' conditions may also name the engine's
``route``; method sets name the position's facts (``source: position``) only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from rezerv.engine.facts import (
    ENGINE_FACTS,
    RESERVE_LEVEL_FACT,
    TYPE_WORDS,
    condition_facts,
    position_facts,
)
from rezerv.engine.schema import (
    AllCondition,
    AnyCondition,
    Condition,
    FactCondition,
    FactDef,
    NotCondition,
    Regulation,
)

PathKey = tuple[str | int, ...]
Found = list[tuple[PathKey, str]]

_ORDER_OPS = ("gte", "gt", "lte", "lt")


def fact_conditions(cond: Condition, path: PathKey) -> Iterator[tuple[FactCondition, PathKey]]:
    """Each fact condition inside ``cond`` with its path in the file."""
    if isinstance(cond, FactCondition):
        yield cond, path
    elif isinstance(cond, AllCondition):
        for i, c in enumerate(cond.all):
            yield from fact_conditions(c, (*path, "all", i))
    elif isinstance(cond, AnyCondition):
        for i, c in enumerate(cond.any):
            yield from fact_conditions(c, (*path, "any", i))
    elif isinstance(cond, NotCondition):
        yield from fact_conditions(cond.not_, (*path, "not"))


def _undeclared(name: str, reg: Regulation, of: str) -> str:
    declared = {f.id: f for f in reg.facts}.get(name)
    if of == "position" and declared is not None:
        return f"method sets read the position's facts; '{name}' is a candidate's fact"
    if of != "position" and declared is not None:
        return f"fact '{name}' is a position fact (source: position); only method sets read it"
    where = "with source: position" if of == "position" else "in 'facts'"
    return f"fact '{name}' is not declared by the regulation (declare it {where})"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _value_problem(decl: FactDef, value: Any) -> str | None:
    """Why a condition's comparison value cannot be a value of the fact, or None."""
    kind = decl.type
    if kind == "choice":
        ids = [c.id for c in decl.choices]
        if str(value) not in ids or isinstance(value, bool):
            return f"'{value}' is not an option of fact '{decl.id}' (options: {', '.join(ids)})"
        return None
    if kind == "bool" and not isinstance(value, bool):
        return f"fact '{decl.id}' is true or false; '{value}' never equals it"
    if kind == "number" and not _is_number(value):
        return f"fact '{decl.id}' is a number; '{value}' never equals it"
    if kind == "text" and not isinstance(value, str):
        return f"fact '{decl.id}' is a text; '{value}' never equals it"
    return None


def check_condition_facts(
    reg: Regulation, cond: Condition, path: PathKey, decls: Mapping[str, FactDef], of: str
) -> Found:
    """The facts and options named by ``cond``, checked against ``decls``."""
    out: Found = []
    for fc, where in fact_conditions(cond, path):
        decl = decls.get(fc.fact)
        if decl is None:
            out.append(((*where, "fact"), _undeclared(fc.fact, reg, of)))
            continue
        kind = decl.type
        if fc.op in ("present", "absent"):
            continue
        if fc.age_at is not None or fc.elapsed_at is not None:
            if kind != "date":
                key = "age_at" if fc.age_at is not None else "elapsed_at"
                out.append(
                    ((*where, key), f"'{key}' needs a date fact; '{fc.fact}' is {TYPE_WORDS[kind]}")
                )
            continue
        values = list(fc.value) if fc.op in ("in", "not_in") else [fc.value]
        if fc.scale is not None:
            if kind != "choice":
                out.append(
                    ((*where, "scale"), f"a scale ranks options; '{fc.fact}' is {TYPE_WORDS[kind]}")
                )
            else:
                scale = reg.scales.get(fc.scale, {})
                for choice in decl.choices:
                    if fc.scale in reg.scales and choice.id not in scale:
                        out.append(
                            (
                                (*where, "scale"),
                                f"option '{choice.id}' of fact '{fc.fact}' is not a value of "
                                f"scale '{fc.scale}'",
                            )
                        )
            continue
        if kind == "choices":
            out.append(
                (
                    (*where, "op"),
                    f"fact '{fc.fact}' is a list of options; a condition can only test "
                    "'present' or 'absent'",
                )
            )
            continue
        if fc.op in _ORDER_OPS and kind not in ("number",):
            hint = " (rank options with 'scale')" if kind == "choice" else ""
            out.append(
                (
                    (*where, "op"),
                    f"'{fc.op}' compares numbers; fact '{fc.fact}' is {TYPE_WORDS[kind]}{hint}",
                )
            )
            continue
        if kind == "date":
            out.append(
                (
                    (*where, "op"),
                    f"fact '{fc.fact}' is a date: compare it with 'age_at' or 'elapsed_at'",
                )
            )
            continue
        for value in values:
            problem = _value_problem(decl, value)
            if problem is not None:
                out.append(((*where, "value"), problem))
                break
    return out


def check_fact_references(reg: Regulation) -> Found:
    """Every reference to a fact in the regulation, checked; (path, reason) pairs."""
    out: Found = []
    cand = condition_facts(reg)
    pos = position_facts(reg)

    for i, fact in enumerate(reg.facts):
        if fact.id in ENGINE_FACTS:
            out.append(
                (("facts", i, "id"), f"'{fact.id}' is provided by the engine; do not declare it")
            )

    def cond(c: Condition | None, path: PathKey, of: str = "candidate") -> None:
        if c is not None:
            out.extend(check_condition_facts(reg, c, path, pos if of == "position" else cand, of))

    def rules(items: list[Any], base: PathKey) -> None:
        for i, rule in enumerate(items):
            cond(rule.check, (*base, i, "check"))
            cond(rule.when, (*base, i, "when"))
            cond(rule.exempt_when, (*base, i, "exempt_when"))

    def named(name: str, path: PathKey, types: tuple[str, ...], use: str) -> FactDef | None:
        decl = cand.get(name)
        if decl is None:
            out.append((path, _undeclared(name, reg, "candidate")))
            return None
        if decl.type not in types:
            wanted = " or ".join(TYPE_WORDS[t] for t in types)
            out.append((path, f"{use} needs {wanted}; fact '{name}' is {TYPE_WORDS[decl.type]}"))
            return None
        return decl

    scalar = ("bool", "date", "number", "text", "choice")

    rules(reg.eligibility, ("eligibility",))
    if reg.documents is not None:
        for i, cl in enumerate(reg.documents.checklists):
            cond(cl.when, ("documents", "checklists", i, "when"))
    for i, limit in enumerate(reg.change_limits):
        if limit.fact in ENGINE_FACTS:
            out.append((("change_limits", i, "fact"), f"'{limit.fact}' is provided by the engine"))
        else:
            named(limit.fact, ("change_limits", i, "fact"), (*scalar, "choices"), "a change limit")

    for i, sheet in enumerate(reg.score_sheets):
        for j, crit in enumerate(sheet.criteria):
            where: PathKey = ("score_sheets", i, "criteria", j)
            if crit.fact is None:
                continue
            if crit.kind in ("band", "fact_value"):
                named(crit.fact, (*where, "fact"), ("number",), f"a {crit.kind} criterion")
            elif crit.kind == "options":
                wanted = "choice" if crit.select == "one" else "choices"
                decl = named(
                    crit.fact,
                    (*where, "fact"),
                    (wanted,),
                    f"an options criterion (select: {crit.select})",
                )
                if decl is None:
                    continue
                choices = [c.id for c in decl.choices]
                for k, option in enumerate(crit.options):
                    if option.id not in choices:
                        out.append(
                            (
                                (*where, "options", k, "id"),
                                f"'{option.id}' is not an option of fact '{crit.fact}' "
                                f"(options: {', '.join(choices)})",
                            )
                        )
                given = {o.id for o in crit.options}
                for choice in choices:
                    if choice not in given:
                        out.append(
                            (
                                (*where, "options"),
                                f"option '{choice}' of fact '{crit.fact}' has no points here "
                                "(list it, with points: 0 if it scores nothing)",
                            )
                        )

    for i, method in enumerate(reg.methods):
        if method.window is not None:
            named(
                method.window.after_fact,
                ("methods", i, "window", "after_fact"),
                ("date",),
                "a test window",
            )

    for i, com in enumerate(reg.commissions):
        if com.scope is not None:
            named(com.scope, ("commissions", i, "scope"), scalar, "a commission's scope")

    for i, stage in enumerate(reg.stages):
        base: PathKey = ("stages", i)
        rules(stage.requirements, (*base, "requirements"))
        for j, ms in enumerate(stage.method_sets):
            cond(ms.when, (*base, "method_sets", j, "when"), "position")
        if stage.unique_by is not None:
            named(stage.unique_by, (*base, "unique_by"), scalar, "uniqueness")
        for j, key in enumerate(stage.rank_within):
            named(key, (*base, "rank_within", j), scalar, "a separate rating")
        if stage.min_candidates is not None and stage.min_candidates.per is not None:
            named(
                stage.min_candidates.per,
                (*base, "min_candidates", "per"),
                scalar,
                "a minimum per fact",
            )
        for j, tb in enumerate(stage.tie_breaks):
            if tb.fact is not None:
                named(
                    tb.fact,
                    (*base, "tie_breaks", j, "fact"),
                    ("number", "bool", "choices"),
                    "a tie-break",
                )
        for j, award in enumerate(stage.awards):
            if award.limit is not None and award.limit.per is not None:
                named(
                    award.limit.per,
                    (*base, "awards", j, "limit", "per"),
                    scalar,
                    "a limit per fact",
                )

    if reg.reserve is not None:
        reserve = reg.reserve
        for i, ri in enumerate(reserve.re_inclusion):
            cond(ri.condition, ("reserve", "re_inclusion", i, "condition"))
        if reserve.exclusion_fact is not None:
            decl = named(
                reserve.exclusion_fact,
                ("reserve", "exclusion_fact"),
                ("choice",),
                "the exclusion fact",
            )
            grounds = {g.id for g in reserve.exclusion_grounds}
            for ground in decl.choices if decl is not None else []:
                if ground.id not in grounds:
                    out.append(
                        (
                            ("reserve", "exclusion_fact"),
                            f"option '{ground.id}' of fact '{reserve.exclusion_fact}' is not "
                            "an exclusion ground",
                        )
                    )
        level = cand.get(RESERVE_LEVEL_FACT)
        if reserve.levels and level is not None:
            levels = {lv.id for lv in reserve.levels}
            for level_choice in level.choices:
                if level_choice.id not in levels:
                    out.append(
                        (
                            ("reserve", "levels"),
                            f"option '{level_choice.id}' of fact '{RESERVE_LEVEL_FACT}' is not a "
                            "reserve level",
                        )
                    )
        for j, name in enumerate(reserve.list_facts):
            named(name, ("reserve", "list_facts", j), (*scalar, "choices"), "the reserve list")
    return out
