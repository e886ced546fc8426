"""Which assessment methods a stage uses for a position (KM-10: by category and group)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rezerv.engine.conditions import MissingFact, compile_condition
from rezerv.engine.schema import Method, Regulation, Stage


def stage_methods(reg: Regulation, stage: Stage, position: Mapping[str, Any]) -> list[Method]:
    """The stage's methods for a position given as facts (``category``, ``group``, …).

    With method sets, the first set whose condition holds decides; none holding gives an empty
    list (the caller reports it). Without method sets, every method of the stage applies.
    """
    if not stage.method_sets:
        return [reg.method(m) for m in stage.methods]
    for method_set in stage.method_sets:
        predicate = compile_condition(method_set.when, reg, {})
        try:
            holds = predicate(position)
        except (MissingFact, TypeError):
            holds = False
        if holds:
            return [reg.method(m) for m in method_set.methods]
    return []


@dataclass(frozen=True)
class TestScore:
    """A test's result in the regulation's terms: the share of correct answers, passed or not
    (``pass_percent``, KM-13: 70 %), and the points (``points``: correct answers, the percentage,
    or scaled to ``max_points``, KM-16) out of ``top``. The points are not rounded."""

    percent: Decimal
    passed: bool
    points: Decimal
    top: Decimal


def test_score(method: Method, correct: int, questions: int) -> TestScore:
    hundred = Decimal(100)
    percent = Decimal(correct) * hundred / Decimal(questions)
    passed = True if method.pass_percent is None else percent >= method.pass_percent
    if method.points == "correct":
        return TestScore(percent, passed, Decimal(correct), Decimal(questions))
    if method.points == "percent":
        return TestScore(percent, passed, percent, hundred)
    assert method.max_points is not None
    points = Decimal(correct) * method.max_points / Decimal(questions)
    return TestScore(percent, passed, points, method.max_points)
