"""A decision's candidates as its stage decided them.

The engine evaluates the whole procedure: a candidate's ``final_score`` and ``outcome`` are those
of the last stage reached, which for the decision of an earlier stage (a pre-selection decided
before the later stages are held) is not what that decision decided. These rows show the score,
place and outcome of the decided stage.
"""

from __future__ import annotations

from typing import Any

from rezerv.engine.schema import Regulation


def stage_rows(reg: Regulation, stage_id: str, candidates: list[dict[str, Any]]) -> list[Any]:
    """Each candidate's row with the decided stage's score, place and outcome, ordered by place;
    a candidate who did not reach the stage keeps the outcome, with no score or place of it."""
    rows: list[dict[str, Any]] = []
    for row in candidates:
        entry = (row.get("stages") or {}).get(stage_id)
        if not isinstance(entry, dict) or "score" not in entry:
            rows.append({**row, "final_score": None, "max_score": None, "place": None})
            continue
        outcome = entry.get("outcome") or row.get("outcome")
        rows.append(
            {
                **row,
                "final_score": entry.get("score"),
                "max_score": entry.get("max"),
                "place": entry.get("place"),
                "outcome": outcome,
                "outcome_title": reg.outcome_title(outcome)
                if outcome
                else row.get("outcome_title"),
            }
        )
    reached = [r for r in rows if r.get("place") is not None]
    return sorted(reached, key=lambda r: r["place"]) + [r for r in rows if r not in reached]
