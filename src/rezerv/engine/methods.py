"""Which assessment methods a stage uses for a position (KM-10: by category and group)."""

from __future__ import annotations

from collections.abc import Mapping
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
