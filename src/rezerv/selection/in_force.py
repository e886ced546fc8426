"""Reads of the decisions in force: every reader (pages, API, documents, spreadsheets) takes
the decisions of a campaign from here, never a superseded one.

A stage may have several commissions (one per territory, AK-2): a candidate's outcome is the
row of the latest decision in force that covers the candidate — a decision of a commission
without a territory covers everyone, a territorial one the candidates of its territory.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from rezerv.selection.models import Application, Campaign, Decision, ReserveEntry
from rezerv.selection.result_models import DecisionRow


def decisions_in_force(campaign: Campaign) -> QuerySet[Decision]:
    """The campaign's decisions in force, latest first."""
    return campaign.decisions.filter(superseded_at__isnull=True).order_by("-created_at", "-pk")


def latest_in_force(
    campaign: Campaign,
    *,
    stage_id: str | None = None,
    commission: Any = None,
    with_inputs: bool = True,
) -> Decision | None:
    """The latest decision in force — of one stage, of one commission, when asked."""
    decisions = decisions_in_force(campaign).select_related("meeting", "commission")
    if stage_id is not None:
        decisions = decisions.filter(stage_id=stage_id)
    if commission is not None:
        decisions = decisions.filter(commission=commission)
    if not with_inputs:
        decisions = decisions.defer("inputs")
    found: Decision | None = decisions.first()
    return found


def reserve_in_force(campaign: Campaign) -> QuerySet[ReserveEntry]:
    """Reserve entries of the decisions in force (those of a superseded decision ended with it)."""
    return ReserveEntry.objects.filter(campaign=campaign, decision__superseded_at__isnull=True)


def covers(decision: Decision, application: Application) -> bool:
    from rezerv.selection.selectors import in_scope

    return decision.commission is None or in_scope(decision.commission, application)


def candidate_rows(
    campaign: Campaign, ids: Iterable[int] | None = None
) -> dict[str, dict[str, Any]]:
    """Per application id, its result row from the latest decision in force that covers it;
    of the applications ``ids`` only, when given (their stored rows, ``DecisionRow``: the cost
    of those applications, not of the campaign)."""
    if ids is not None:
        return _rows_of(campaign, list(ids))
    decisions = list(
        decisions_in_force(campaign)
        .select_related("commission")
        .defer("inputs")
        .order_by("created_at", "pk")
    )
    if not decisions:
        return {}
    apps = {str(a.pk): a for a in campaign.applications.select_related("campaign__regulation")}
    rows: dict[str, dict[str, Any]] = {}
    for decision in decisions:  # oldest first: a later covering decision replaces the row
        for row in decision.result.get("candidates", []):
            app = apps.get(str(row["id"]))
            if app is None or covers(decision, app):
                rows[str(row["id"])] = row
    return rows


def _rows_of(campaign: Campaign, ids: list[int]) -> dict[str, dict[str, Any]]:
    from rezerv.selection import decision_rows

    if not ids:
        return {}
    decisions = list(
        decisions_in_force(campaign).defer("inputs", "result").order_by("created_at", "pk")
    )
    if not decisions:
        return {}
    decision_rows.ensure(decisions)
    order = {d.pk: n for n, d in enumerate(decisions)}
    found = DecisionRow.objects.filter(
        decision_id__in=list(order), application_id__in=ids, covered=True
    ).values_list("decision_id", "application_id", "row")
    rows: dict[str, dict[str, Any]] = {}
    for _, application_id, row in sorted(found, key=lambda f: order[f[0]]):
        rows[str(application_id)] = row  # oldest first: a later covering decision replaces it
    return rows


def candidate_row(application: Application) -> dict[str, Any] | None:
    """The application's row in the decisions in force (None before any decision)."""
    return candidate_rows(application.campaign, [application.pk]).get(str(application.pk))


def combined_rows(campaign: Campaign) -> list[dict[str, Any]]:
    """The stage's result over its commissions: the rows of ``candidate_rows`` in the order of
    the latest decision in force (candidates it does not list follow in their own order)."""
    rows = candidate_rows(campaign)
    latest = latest_in_force(campaign, with_inputs=False)
    order = [str(r["id"]) for r in latest.result.get("candidates", [])] if latest else []
    out = [rows[i] for i in order if i in rows]
    seen = set(order)
    out.extend(row for key, row in rows.items() if key not in seen)
    return out
