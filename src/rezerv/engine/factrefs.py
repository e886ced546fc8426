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

from rezerv.engine.errors import Issue, issue
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
Found = list[tuple[PathKey, Issue]]

# What names a fact (the ``use`` param of ``fact_wrong_type``), in the CLI's English.
USES = {
    "change_limit": "a change limit",
    "band_criterion": "a band criterion",
    "fact_value_criterion": "a fact_value criterion",
    "options_criterion_one": "an options criterion (select: one)",
    "options_criterion_many": "an options criterion (select: many)",
    "test_window": "a test window",
    "commission_scope": "a commission's scope",
    "uniqueness": "uniqueness",
    "separate_rating": "a separate rating",
    "minimum_per_fact": "a minimum per fact",
    "tie_break": "a tie-break",
    "limit_per_fact": "a limit per fact",
    "exclusion_fact": "the exclusion fact",
    "reserve_list": "the reserve list",
}

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


def _undeclared(name: str, reg: Regulation, of: str) -> Issue:
    declared = {f.id: f for f in reg.facts}.get(name)
    if of == "position" and declared is not None:
        return issue(
            "candidate_fact_in_method_set",
            f"method sets read the position's facts; '{name}' is a candidate's fact",
            fact=name,
        )
    if of != "position" and declared is not None:
        return issue(
            "position_fact_outside_method_set",
            f"fact '{name}' is a position fact (source: position); only method sets read it",
            fact=name,
        )
    where = "with source: position" if of == "position" else "in 'facts'"
    return issue(
        "fact_not_declared",
        f"fact '{name}' is not declared by the regulation (declare it {where})",
        fact=name,
        of=of,
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _not_an_option(value: Any, fact: str, ids: list[str]) -> Issue:
    return issue(
        "not_an_option",
        f"'{value}' is not an option of fact '{fact}' (options: {', '.join(ids)})",
        value=str(value),
        fact=fact,
        options=ids,
    )


def _value_problem(decl: FactDef, value: Any) -> Issue | None:
    """Why a condition's comparison value cannot be a value of the fact, or None."""
    kind = decl.type
    if kind == "choice":
        ids = [c.id for c in decl.choices]
        if str(value) not in ids or isinstance(value, bool):
            return _not_an_option(value, decl.id, ids)
        return None
    words = {"bool": "true or false", "number": "a number", "text": "a text"}
    if (
        (kind == "bool" and not isinstance(value, bool))
        or (kind == "number" and not _is_number(value))
        or (kind == "text" and not isinstance(value, str))
    ):
        return issue(
            "value_never_equals",
            f"fact '{decl.id}' is {words[kind]}; '{value}' never equals it",
            fact=decl.id,
            type=kind,
            value=str(value),
        )
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
                    (
                        (*where, key),
                        issue(
                            "needs_date_fact",
                            f"'{key}' needs a date fact; '{fc.fact}' is {TYPE_WORDS[kind]}",
                            field=key,
                            fact=fc.fact,
                            type=kind,
                        ),
                    )
                )
            continue
        values = list(fc.value) if fc.op in ("in", "not_in") else [fc.value]
        if fc.scale is not None:
            if kind != "choice":
                out.append(
                    (
                        (*where, "scale"),
                        issue(
                            "scale_needs_choice",
                            f"a scale ranks options; '{fc.fact}' is {TYPE_WORDS[kind]}",
                            fact=fc.fact,
                            type=kind,
                        ),
                    )
                )
            else:
                scale = reg.scales.get(fc.scale, {})
                for choice in decl.choices:
                    if fc.scale in reg.scales and choice.id not in scale:
                        out.append(
                            (
                                (*where, "scale"),
                                issue(
                                    "option_not_in_scale",
                                    f"option '{choice.id}' of fact '{fc.fact}' is not a value of "
                                    f"scale '{fc.scale}'",
                                    option=choice.id,
                                    fact=fc.fact,
                                    scale=fc.scale,
                                ),
                            )
                        )
            continue
        if kind == "choices":
            out.append(
                (
                    (*where, "op"),
                    issue(
                        "choices_fact_compared",
                        f"fact '{fc.fact}' is a list of options; a condition can only test "
                        "'present' or 'absent'",
                        fact=fc.fact,
                    ),
                )
            )
            continue
        if fc.op in _ORDER_OPS and kind not in ("number",):
            hint = " (rank options with 'scale')" if kind == "choice" else ""
            out.append(
                (
                    (*where, "op"),
                    issue(
                        "order_needs_number",
                        f"'{fc.op}' compares numbers; fact '{fc.fact}' is {TYPE_WORDS[kind]}{hint}",
                        op=fc.op,
                        fact=fc.fact,
                        type=kind,
                    ),
                )
            )
            continue
        if kind == "date":
            out.append(
                (
                    (*where, "op"),
                    issue(
                        "date_fact_compared",
                        f"fact '{fc.fact}' is a date: compare it with 'age_at' or 'elapsed_at'",
                        fact=fc.fact,
                    ),
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
                (
                    ("facts", i, "id"),
                    issue(
                        "engine_fact_declared",
                        f"'{fact.id}' is provided by the engine; do not declare it",
                        fact=fact.id,
                    ),
                )
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
        """The declaration of the fact ``use`` (a key of ``USES``) names, or None."""
        decl = cand.get(name)
        if decl is None:
            out.append((path, _undeclared(name, reg, "candidate")))
            return None
        if decl.type not in types:
            wanted = " or ".join(TYPE_WORDS[t] for t in types)
            out.append(
                (
                    path,
                    issue(
                        "fact_wrong_type",
                        f"{USES[use]} needs {wanted}; fact '{name}' is {TYPE_WORDS[decl.type]}",
                        use=use,
                        fact=name,
                        wanted=list(types),
                        type=decl.type,
                    ),
                )
            )
            return None
        return decl

    scalar = ("bool", "date", "number", "text", "choice")

    rules(reg.eligibility, ("eligibility",))
    if reg.documents is not None:
        for i, cl in enumerate(reg.documents.checklists):
            cond(cl.when, ("documents", "checklists", i, "when"))
    for i, limit in enumerate(reg.change_limits):
        if limit.fact in ENGINE_FACTS:
            out.append(
                (
                    ("change_limits", i, "fact"),
                    issue(
                        "engine_fact_limited",
                        f"'{limit.fact}' is provided by the engine",
                        fact=limit.fact,
                    ),
                )
            )
        else:
            named(limit.fact, ("change_limits", i, "fact"), (*scalar, "choices"), "change_limit")

    for i, sheet in enumerate(reg.score_sheets):
        for j, crit in enumerate(sheet.criteria):
            where: PathKey = ("score_sheets", i, "criteria", j)
            if crit.fact is None:
                continue
            if crit.kind in ("band", "fact_value"):
                named(crit.fact, (*where, "fact"), ("number",), f"{crit.kind}_criterion")
            elif crit.kind == "options":
                wanted = "choice" if crit.select == "one" else "choices"
                decl = named(
                    crit.fact,
                    (*where, "fact"),
                    (wanted,),
                    f"options_criterion_{crit.select}",
                )
                if decl is None:
                    continue
                choices = [c.id for c in decl.choices]
                for k, option in enumerate(crit.options):
                    if option.id not in choices:
                        out.append(
                            (
                                (*where, "options", k, "id"),
                                _not_an_option(option.id, crit.fact, choices),
                            )
                        )
                given = {o.id for o in crit.options}
                for choice in choices:
                    if choice not in given:
                        out.append(
                            (
                                (*where, "options"),
                                issue(
                                    "option_without_points",
                                    f"option '{choice}' of fact '{crit.fact}' has no points here "
                                    "(list it, with points: 0 if it scores nothing)",
                                    option=choice,
                                    fact=crit.fact,
                                ),
                            )
                        )

    for i, method in enumerate(reg.methods):
        if method.window is not None:
            named(
                method.window.after_fact,
                ("methods", i, "window", "after_fact"),
                ("date",),
                "test_window",
            )

    for i, com in enumerate(reg.commissions):
        if com.scope is not None:
            named(com.scope, ("commissions", i, "scope"), scalar, "commission_scope")

    for i, stage in enumerate(reg.stages):
        base: PathKey = ("stages", i)
        rules(stage.requirements, (*base, "requirements"))
        for j, ms in enumerate(stage.method_sets):
            cond(ms.when, (*base, "method_sets", j, "when"), "position")
        if stage.unique_by is not None:
            named(stage.unique_by, (*base, "unique_by"), scalar, "uniqueness")
        for j, key in enumerate(stage.rank_within):
            named(key, (*base, "rank_within", j), scalar, "separate_rating")
        if stage.min_candidates is not None and stage.min_candidates.per is not None:
            named(
                stage.min_candidates.per,
                (*base, "min_candidates", "per"),
                scalar,
                "minimum_per_fact",
            )
        for j, tb in enumerate(stage.tie_breaks):
            if tb.fact is not None:
                named(
                    tb.fact,
                    (*base, "tie_breaks", j, "fact"),
                    ("number", "bool", "choices"),
                    "tie_break",
                )
        for j, award in enumerate(stage.awards):
            if award.limit is not None and award.limit.per is not None:
                named(
                    award.limit.per,
                    (*base, "awards", j, "limit", "per"),
                    scalar,
                    "limit_per_fact",
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
                "exclusion_fact",
            )
            grounds = {g.id for g in reserve.exclusion_grounds}
            for ground in decl.choices if decl is not None else []:
                if ground.id not in grounds:
                    out.append(
                        (
                            ("reserve", "exclusion_fact"),
                            issue(
                                "option_not_a_ground",
                                f"option '{ground.id}' of fact '{reserve.exclusion_fact}' is not "
                                "an exclusion ground",
                                option=ground.id,
                                fact=reserve.exclusion_fact,
                            ),
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
                            issue(
                                "option_not_a_level",
                                f"option '{level_choice.id}' of fact '{RESERVE_LEVEL_FACT}' is "
                                "not a reserve level",
                                option=level_choice.id,
                                fact=RESERVE_LEVEL_FACT,
                            ),
                        )
                    )
        for j, name in enumerate(reserve.list_facts):
            named(name, ("reserve", "list_facts", j), (*scalar, "choices"), "reserve_list")
    return out
