"""Conditions over facts, compiled once into plain functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from rezerv.engine.deadlines import add_term
from rezerv.engine.schema import (
    AllCondition,
    AnyCondition,
    Condition,
    FactCondition,
    NotCondition,
    Regulation,
    Term,
)

Facts = Mapping[str, Any]
Events = Mapping[str, dt.date]
Predicate = Callable[[Facts], bool]


class MissingFact(Exception):
    """A condition needed a fact the candidate's record does not give."""

    def __init__(self, fact: str) -> None:
        self.fact = fact
        super().__init__(fact)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _comparable(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


def compile_condition(cond: Condition, reg: Regulation, events: Events) -> Predicate:
    if isinstance(cond, AllCondition):
        parts = [compile_condition(c, reg, events) for c in cond.all]
        return lambda facts: all(p(facts) for p in parts)
    if isinstance(cond, AnyCondition):
        parts = [compile_condition(c, reg, events) for c in cond.any]
        return lambda facts: any(p(facts) for p in parts)
    if isinstance(cond, NotCondition):
        inner = compile_condition(cond.not_, reg, events)
        return lambda facts: not inner(facts)
    assert isinstance(cond, FactCondition)
    return _compile_fact(cond, reg, events)


def _compile_elapsed(cond: FactCondition, events: Events) -> Predicate:
    """The time from a date fact to an event compared with a term, by the calendar."""
    name, event, op = cond.fact, cond.elapsed_at, cond.op
    assert event is not None
    term = Term.model_validate(cond.value)

    def holds(facts: Facts) -> bool:
        raw = facts.get(name)
        start = _as_date(raw) if raw is not None else None
        if start is None:
            raise MissingFact(name)
        day = events.get(event)
        if day is None:
            raise MissingFact(event)
        end = add_term(start, term)  # the moment the term has just elapsed
        if op == "eq":
            return day == end
        if op == "lt":
            return day < end
        if op == "lte":
            return day <= end
        if op == "gt":
            return day > end
        return day >= end

    return holds


def _compile_fact(cond: FactCondition, reg: Regulation, events: Events) -> Predicate:
    name = cond.fact
    op = cond.op
    if op == "present":
        return lambda facts: facts.get(name) is not None
    if op == "absent":
        return lambda facts: facts.get(name) is None
    if cond.elapsed_at is not None:
        return _compile_elapsed(cond, events)

    scale = reg.scales.get(cond.scale) if cond.scale is not None else None
    age_at = cond.age_at

    def value_of(facts: Facts) -> Any:
        raw = facts.get(name)
        if raw is None:
            raise MissingFact(name)
        if age_at is not None:
            birth = _as_date(raw)
            if birth is None:
                raise MissingFact(name)
            day = events.get(age_at)
            if day is None:
                raise MissingFact(age_at)
            return Decimal(age_on(birth, day))
        if scale is not None:
            if str(raw) not in scale:
                raise MissingFact(name)
            return scale[str(raw)]
        return _comparable(raw)

    target: Any
    if scale is not None and op not in ("in", "not_in"):
        target = scale[str(cond.value)]
    elif op in ("in", "not_in"):
        target = (
            [scale[str(v)] for v in cond.value] if scale else [_comparable(v) for v in cond.value]
        )
    else:
        target = _comparable(cond.value)

    if op == "eq":
        return lambda facts: bool(value_of(facts) == target)
    if op == "ne":
        return lambda facts: bool(value_of(facts) != target)
    if op == "in":
        return lambda facts: value_of(facts) in target
    if op == "not_in":
        return lambda facts: value_of(facts) not in target
    if op == "gte":
        return lambda facts: bool(value_of(facts) >= target)
    if op == "gt":
        return lambda facts: bool(value_of(facts) > target)
    if op == "lte":
        return lambda facts: bool(value_of(facts) <= target)
    assert op == "lt"
    return lambda facts: bool(value_of(facts) < target)
