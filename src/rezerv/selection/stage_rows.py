"""A decision read as the decision of its stage.

The engine's result carries each candidate's final outcome, decided at the last stage they
reached; a decision of an earlier stage (BR-15: the admission to the in-person stage) is about
that stage's outcome. ``stage_rows`` gives each candidate who went on past the stage with the
stage's score, place and outcome; a candidate decided at the stage or before it (a route's
direct outcome at the intake, a stage not passed) is shown with that outcome.
"""

from __future__ import annotations

from typing import Any

from rezerv.engine.schema import Regulation


def stage_rows(reg: Regulation, stage_id: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The candidates' rows as a decision of ``stage_id`` reads them."""
    if not any(s.id == stage_id for s in reg.stages):
        return rows
    out: list[dict[str, Any]] = []
    for row in rows:
        stage = (row.get("stages") or {}).get(stage_id)
        if stage is None or not stage.get("outcome") or row.get("decided_at") == stage_id:
            out.append(row)  # decided here, or before the stage (and so not at it)
            continue
        outcome = str(stage["outcome"])
        out.append(
            {
                **row,
                "outcome": outcome,
                "outcome_title": reg.outcome_title(outcome),
                "final_score": stage.get("score"),
                "max_score": stage.get("max"),
                "place": stage.get("place"),
            }
        )
    return out


def decided_here(reg: Regulation, stage_id: str, row: dict[str, Any]) -> bool:
    """Whether a decision of ``stage_id`` records the candidate's final outcome: it was given at
    this stage or before it (then by the first decision in force that records it)."""
    order = [s.id for s in reg.stages]
    decided = row.get("decided_at")
    if decided not in order or stage_id not in order:
        return decided == stage_id
    return order.index(str(decided)) <= order.index(stage_id)
