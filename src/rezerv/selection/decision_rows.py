"""A decision's candidates, one stored row each (``DecisionRow``, issue 14).

The decision keeps the engine's whole result and its inputs (C-6); a page or an API list shows
some of its candidates, so it reads their rows here, a page at a time, never the whole
decision. ``store`` writes them with the decision; ``ensure`` writes those of a decision made
before they were, once, on its first read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from rezerv.engine.schema import Regulation
from rezerv.selection import vocabulary
from rezerv.selection.fastinsert import insert_rows
from rezerv.selection.models import Application, Decision
from rezerv.selection.result_models import DecisionRow
from rezerv.selection.stage_rows import stage_rows

__all__ = ["ensure", "readings", "store", "within_keys"]

VOTES = ("for", "against", "abstain")


def within_keys(reg: Regulation, stage_id: str) -> list[str]:
    """The facts a stage's rating counts within (``rank_within``) the regulation declares."""
    facts = {f.id for f in reg.facts}
    return [k for k in reg.stage(stage_id).rank_within if k in facts]


def readings(reg: Regulation, decision: Decision) -> list[dict[str, Any]]:
    """The decision's rows as its page reads them, in its order: the stage's reading of each
    engine row (``stage_rows``) with ``within`` (the values of ``within_keys``, raw) and
    ``votes`` (the open votes on the candidate, by question)."""
    rows = stage_rows(
        reg, decision.stage_id, [dict(r) for r in decision.result.get("candidates", [])]
    )
    keys = (
        within_keys(reg, decision.stage_id)
        if any(s.id == decision.stage_id for s in reg.stages)
        else []
    )
    given = {str(c["id"]): c.get("facts") or {} for c in decision.inputs.get("candidates", [])}
    names = {
        m["id"]: m.get("name") or m["id"]
        for com in decision.inputs.get("commissions", [])
        for m in com["members"]
    }
    votes: dict[str, dict[str, list[list[str]]]] = {}
    for vote in decision.inputs.get("votes", []):
        member = names.get(vote["member"], vote["member"])
        votes.setdefault(str(vote["candidate"]), {}).setdefault(vote["question"], []).append(
            [member, vote["vote"]]
        )
    for row in rows:
        values = given.get(str(row["id"]), {})
        row["within"] = [values.get(k) for k in keys]
        row["votes"] = [
            {
                "question": question,
                "rows": cast,
                "totals": {v: sum(1 for _, x in cast if x == v) for v in VOTES},
            }
            for question, cast in sorted(votes.get(str(row["id"]), {}).items())
        ]
    if keys:  # each group's rating together, in its places; the unplaced after every group
        titles = {
            str(r["id"]): [
                str(vocabulary.fact_value_text(reg, k, v) or "")
                for k, v in zip(keys, r["within"], strict=True)
            ]
            for r in rows
        }
        rows.sort(key=lambda r: (r.get("place") is None, titles[str(r["id"])], r.get("place") or 0))
    return rows


def store(decision: Decision, reg: Regulation) -> None:
    """Write the rows of a decision just made (in its transaction)."""
    from rezerv.selection.selectors import in_scope

    engine = {str(r["id"]): r for r in decision.result.get("candidates", [])}
    read = readings(reg, decision)
    covered: set[str] | None = None
    commission = decision.commission
    if commission is not None and commission.scope:
        ids = [int(k) for k in engine if k.isdigit()]
        apps = Application.objects.filter(campaign_id=decision.campaign_id, pk__in=ids)
        present = {str(a.pk): a for a in apps}
        covered = {k for k in engine if k not in present or in_scope(commission, present[k])}
    insert_rows(
        DecisionRow,
        [
            {
                "decision_id": decision.pk,
                "application_id": int(row["id"]),
                "position": n,
                "covered": covered is None or str(row["id"]) in covered,
                "outcome": str(row.get("outcome") or ""),
                "row": engine[str(row["id"])],
                "reading": row,
            }
            for n, row in enumerate(read)
        ],
    )
    Decision.objects.filter(pk=decision.pk).update(rows_stored=True)
    decision.rows_stored = True


def ensure(decisions: Iterable[Decision]) -> None:
    """Store the rows of those of ``decisions`` made before rows were stored (once each)."""
    for decision in decisions:
        if decision.rows_stored:
            continue
        with transaction.atomic():
            full = (
                Decision.objects.select_for_update(of=("self",))
                .select_related("campaign__regulation", "commission")
                .get(pk=decision.pk)
            )
            if not full.rows_stored:
                DecisionRow.objects.filter(decision=full).delete()
                store(full, full.campaign.regulation.load().regulation)
        decision.rows_stored = True
