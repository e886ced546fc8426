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
    """The candidates' rows as a decision of ``stage_id`` reads them, ordered by the stage's
    place: a candidate assessed at the stage and gone on past it with the stage's score, place
    and outcome; one decided at the stage as the engine decided them; one decided before it or
    who did not reach it keeps that outcome, with no score or place of this stage."""
    if not any(s.id == stage_id for s in reg.stages):
        return rows
    out: list[dict[str, Any]] = []
    for row in rows:
        stage = (row.get("stages") or {}).get(stage_id)
        if row.get("decided_at") == stage_id:
            out.append(row)  # decided here
        elif not isinstance(stage, dict) or not stage.get("outcome") or "score" not in stage:
            # decided before the stage, or not assessed at it: the outcome, no score of it
            blank = {k: None for k in ("final_score", "max_score", "place") if row.get(k)}
            out.append({**row, **blank} if blank else row)
        else:
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
    placed = sorted((r for r in out if r.get("place") is not None), key=lambda r: r["place"])
    return placed + [r for r in out if r.get("place") is None]


def decided_here(reg: Regulation, stage_id: str, row: dict[str, Any]) -> bool:
    """Whether a decision of ``stage_id`` records the candidate's final outcome: it was given at
    this stage or before it (then by the first decision in force that records it)."""
    order = [s.id for s in reg.stages]
    decided = row.get("decided_at")
    if decided not in order or stage_id not in order:
        return decided == stage_id
    return order.index(str(decided)) <= order.index(stage_id)
