"""Facts: declared once, in the regulation's ``facts``, and enforced everywhere.

A regulation declares every fact it reads (its type, title, choices, whether it is required).
Two kinds of declared facts exist: the candidate's (``source`` questionnaire, application or
hr; given in ``candidates[i].facts``) and the position's (``source: position``; given in
``campaign.position``, read only by method sets, KM-10).  The engine itself provides one fact:
``route``, the candidate's entry route, a choice among the regulation's routes.

:func:`check_fact_value` is the one per-value check, pure and typed, for the case checks and
for forms.  A problem carries a machine ``code`` and ``params`` beside its English ``text``, so
that an application can word it in its own language.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rezerv.engine.schema import FactChoice, FactDef, Regulation

# The fact the engine provides from the candidate's entry route (``candidates[i].route``).
ROUTE_FACT = "route"
# Facts a candidate's record may not give itself: the engine provides them.
ENGINE_FACTS = frozenset({ROUTE_FACT})
# The fact the engine reads a reserve member's level from (when the reserve has levels).
RESERVE_LEVEL_FACT = "reserve_level"
# The fields of ``campaign.position`` that are position facts beside ``position.facts``.
POSITION_FIELDS = ("category", "group")

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

TYPE_WORDS = {
    "bool": "true or false",
    "date": "a date (YYYY-MM-DD)",
    "number": "a number",
    "text": "a text",
    "choice": "one option id",
    "choices": "a list of option ids",
}


@dataclass(frozen=True)
class FactProblem:
    """Why a fact's value is refused: ``code`` (stable, for translation), ``params``, ``text``.

    Codes: ``not_declared`` (params: fact), ``engine_fact`` (fact), ``missing_required``
    (fact), ``wrong_type`` (fact, expected, got), ``unknown_option`` (fact, option, options),
    ``duplicate_option`` (fact, option), ``bad_date`` (fact, got), ``not_finite`` (fact, got).
    """

    code: str
    params: Mapping[str, str] = field(default_factory=dict)
    text: str = ""

    def __str__(self) -> str:
        return self.text


def _kind_of(value: Any) -> str:
    """The JSON word for a value's type, as a person writing the case would say it."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float, Decimal)):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, dt.date):
        return "a date"
    return type(value).__name__


def _wrong_type(decl: FactDef, value: Any) -> FactProblem:
    expected = TYPE_WORDS[decl.type]
    got = _kind_of(value)
    return FactProblem(
        "wrong_type",
        {"fact": decl.id, "expected": expected, "got": got},
        f"expected {expected} for fact '{decl.id}', got {got} ({_show(value)})",
    )


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, bool) else ("true" if value else "false")
    return text if len(text) <= 60 else text[:57] + "..."


def _option_problem(decl: FactDef, option: Any) -> FactProblem | None:
    ids = [c.id for c in decl.choices]
    if not isinstance(option, str):
        return _wrong_type(decl, option) if decl.type == "choice" else None
    if option in ids:
        return None
    listed = ", ".join(ids)
    return FactProblem(
        "unknown_option",
        {"fact": decl.id, "option": option, "options": listed},
        f"'{option}' is not an option of fact '{decl.id}' (options: {listed})",
    )


def check_fact_value(decl: FactDef, value: Any) -> FactProblem | None:
    """Why ``value`` is not a valid value of the declared fact, or None.

    ``None`` (JSON null) means "not given" and is valid here; whether a fact must be given is
    :func:`check_facts`' concern (``required``).  Types: ``bool`` true/false; ``number`` an
    integer or a finite decimal (not a boolean, not a text); ``date`` an ISO date text (or a
    date); ``text`` a text; ``choice`` one of the declared option ids; ``choices`` a list of
    distinct option ids.
    """
    if value is None:
        return None
    kind = decl.type
    if kind == "bool":
        return None if isinstance(value, bool) else _wrong_type(decl, value)
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            return _wrong_type(decl, value)
        finite = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
        if not finite:
            return FactProblem(
                "not_finite",
                {"fact": decl.id, "got": str(value)},
                f"{value} is not a number for fact '{decl.id}'",
            )
        return None
    if kind == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return None
        if not isinstance(value, str):
            return _wrong_type(decl, value)
        try:
            if not _ISO_DATE.match(value):
                raise ValueError(value)
            dt.date.fromisoformat(value)
        except ValueError:
            return FactProblem(
                "bad_date",
                {"fact": decl.id, "got": value},
                f"'{value}' is not a date (YYYY-MM-DD) for fact '{decl.id}'",
            )
        return None
    if kind == "text":
        return None if isinstance(value, str) else _wrong_type(decl, value)
    if kind == "choice":
        return _option_problem(decl, value)
    assert kind == "choices"
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return _wrong_type(decl, value)
    seen: set[str] = set()
    for option in value:
        problem = _option_problem(decl, option)
        if problem is not None:
            return problem
        if option in seen:
            return FactProblem(
                "duplicate_option",
                {"fact": decl.id, "option": option},
                f"option '{option}' is given twice for fact '{decl.id}'",
            )
        seen.add(option)
    return None


def not_declared(name: str) -> FactProblem:
    """An undeclared fact; the text omits the name, which the place shown with it names."""
    return FactProblem("not_declared", {"fact": name}, "fact not declared by the regulation")


def check_facts(
    decls: Mapping[str, FactDef], facts: Mapping[str, Any]
) -> list[tuple[str, FactProblem]]:
    """Every problem of one record's facts, as (fact name, problem): an undeclared fact, a
    fact the engine provides, a bad value, a required fact not given (or null)."""
    out: list[tuple[str, FactProblem]] = []
    for name, value in facts.items():
        decl = decls.get(name)
        if name in ENGINE_FACTS:
            out.append(
                (
                    name,
                    FactProblem(
                        "engine_fact",
                        {"fact": name},
                        "fact provided by the engine; it cannot be given",
                    ),
                )
            )
        elif decl is None:
            out.append((name, not_declared(name)))
        else:
            problem = check_fact_value(decl, value)
            if problem is not None:
                out.append((name, problem))
    for name, decl in decls.items():
        if decl.required and facts.get(name) is None:
            out.append(
                (
                    name,
                    FactProblem(
                        "missing_required",
                        {"fact": name},
                        f"required fact not given ({decl.title})",
                    ),
                )
            )
    return out


# --------------------------------------------------------------------------- declarations


def route_fact(reg: Regulation) -> FactDef:
    """The engine's ``route`` fact: a choice among the regulation's routes."""
    routes = [FactChoice(id=r.id, title=r.title) for r in reg.routes] or [
        FactChoice(id="default", title="общий порядок")
    ]
    return FactDef(id=ROUTE_FACT, title="Порядок участия", type="choice", choices=routes, rules=[])


def candidate_facts(reg: Regulation) -> dict[str, FactDef]:
    """The facts a candidate's record gives (every declared fact but the position's)."""
    return {f.id: f for f in reg.facts if f.source != "position"}


def position_facts(reg: Regulation) -> dict[str, FactDef]:
    """The facts of the campaign's position, read by method sets (KM-10)."""
    return {f.id: f for f in reg.facts if f.source == "position"}


def condition_facts(reg: Regulation) -> dict[str, FactDef]:
    """The facts a candidate's condition may name: the declared ones and ``route``."""
    return {**candidate_facts(reg), ROUTE_FACT: route_fact(reg)}
