"""The engine's result of a campaign, computed once per change of its inputs (issue 14).

The pages read the engine's result; evaluating a campaign of 20,000 applications takes
seconds, so it is not done on every view:

* ``stored_result(campaign)``: the result stored for the campaign's current inputs
  (``CampaignResult``, one ``CandidateResult`` row per candidate), computed and stored when
  the inputs changed since (or never stored). The inputs version (``inputs_mark``) is the
  campaign's regulation version, its own version and its last recorded change: every service
  that changes what the case holds (an application, its facts or files, a ballot, a result, a
  commission and its members, a meeting, its attendance and votes, a conflict, a notice, the
  campaign's dates) writes its audit record in the same transaction (``services.audit``), so a
  change and its new mark are committed together. Records of reads and exports
  (``READ_ACTIONS``) change nothing in the case and do not count.
* ``verdicts(campaign, ids)``: the stored rows of those applications only (one query).
* ``application_verdict(application)``: the engine's row of one application computed for
  that application alone: the case of the campaign with that candidate (and the candidates it
  must be compared with: the same value of the intake's ``unique_by`` fact), evaluated by the
  engine as the whole campaign would be. Its completeness and eligibility (the intake's
  refusals) are the whole campaign's, at the cost of one candidate.
* A campaign larger than ``REZERV_INLINE_RESULT_LIMIT`` applications is not evaluated in the
  request: the worker recomputes it (``selection.tasks.recompute_result``, once per inputs
  version, its progress in ``ResultRecomputation``) and meanwhile the pages show the last
  stored result marked ``stale`` with that progress.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from rezerv.engine.case import check_case, parse_case
from rezerv.engine.errors import InputError, Problem
from rezerv.engine.evaluate import evaluate
from rezerv.engine.intake import intake_stage
from rezerv.selection.audit import Action
from rezerv.selection.casebuild import case_from_campaign
from rezerv.selection.fastinsert import insert_rows
from rezerv.selection.models import Application, AuditEvent, Campaign
from rezerv.selection.result_models import (
    CampaignResult,
    CandidatePlace,
    CandidateResult,
    ResultRecomputation,
)
from rezerv.selection.states import ApplicationStatus

__all__ = [
    "READ_ACTIONS",
    "Stored",
    "application_verdict",
    "compute_and_store",
    "inputs_mark",
    "rated_for_stage",
    "recompute",
    "stored_result",
    "verdicts",
]

# Audit records of reads and exports: the case is the same after them.
READ_ACTIONS = frozenset(
    {
        Action.APPLICATION_VIEW,
        Action.UPLOAD_OPEN,
        Action.DOCUMENT_DOWNLOAD,
        Action.DOCUMENT_TEMPLATE_UPLOAD,
        Action.DOCUMENT_TEMPLATE_DELETE,
        Action.EXPORT_RATING,
        Action.EXPORT_RESERVE,
        Action.EXPORT_BALLOTS,
    }
)


def inputs_mark(campaign: Campaign) -> str:
    """The campaign's inputs version: regulation version, campaign version, last change."""
    last = (
        AuditEvent.objects.filter(campaign=campaign)
        .exclude(action__in=READ_ACTIONS)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return f"{campaign.regulation_id}:{campaign.version}:{last or 0}"


Progress = Callable[[int], None]


@dataclass
class Stored:
    """The result for the current inputs: its summary (the result without the candidates'
    rows), and its stored rows (``pk``) or, when it could not be stored, the rows in memory."""

    summary: dict[str, Any]
    pk: int | None
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    computed_at: dt.datetime | None = None
    # the inputs changed since and the worker is recomputing it (``progress`` per cent)
    stale: bool = False
    progress: int = 0

    def rows_of(self, ids: list[int]) -> dict[str, dict[str, Any]]:
        if self.pk is None:
            return {str(i): self.rows[str(i)] for i in ids if str(i) in self.rows}
        found = CandidateResult.objects.filter(result_id=self.pk, application_id__in=ids)
        return {str(r.application_id): r.row for r in found}


def _evaluate(
    campaign: Campaign, only: list[int] | None = None, progress: Progress | None = None
) -> tuple[str, dict[str, Any]]:
    """The engine's result of the campaign's case (or of the case of ``only``); its digest."""
    from rezerv.selection import services  # the services use this module's callers

    loaded = campaign.regulation.load()
    inputs = case_from_campaign(campaign, only=only)
    if progress is not None:
        progress(30)
    raw = json.dumps(inputs, ensure_ascii=False).encode("utf-8")
    label = f"campaign {campaign.pk}"
    case = parse_case(raw, label)
    check_case(loaded.regulation, case, label)
    result = evaluate(loaded, case, label)
    if progress is not None:
        progress(70)
    return services.input_digest(inputs), result


def stored_result(campaign: Campaign, *, inline: bool | None = None) -> Stored:
    """The result for the campaign's current inputs.

    When they changed since the stored result (or none is stored): a campaign of up to
    ``REZERV_INLINE_RESULT_LIMIT`` applications (or ``inline=True``) is evaluated here and
    stored; a larger one is recomputed on the worker (asked for once per inputs version) and
    the last stored result is returned marked ``stale`` with the recomputation's ``progress``
    (an empty one when nothing is stored yet).

    Raises the engine's ``InputError`` when the case does not agree with the regulation (as
    ``services.evaluate_campaign`` does), found here or by the worker; nothing is stored then."""
    mark = inputs_mark(campaign)
    stored = (
        CampaignResult.objects.filter(campaign=campaign)
        .values_list("pk", "mark", "summary", "computed_at")
        .first()
    )
    if stored is not None and stored[1] == mark:
        return Stored(summary=stored[2], pk=stored[0], computed_at=stored[3])
    if inline is None:
        inline = campaign.applications.count() <= settings.REZERV_INLINE_RESULT_LIMIT
    if inline:
        return compute_and_store(campaign, mark)
    progress = _ask_recomputation(campaign, mark)
    if stored is None:
        return Stored(summary={}, pk=None, stale=True, progress=progress)
    return Stored(
        summary=stored[2], pk=stored[0], computed_at=stored[3], stale=True, progress=progress
    )


def _ask_recomputation(campaign: Campaign, mark: str) -> int:
    """Ask the worker to recompute the campaign's result for ``mark`` unless it is already
    doing so (one job per inputs version, whichever request asks first); its progress.
    Raises ``InputError`` when the worker found the case of ``mark`` refused."""
    from rezerv.selection.tasks import recompute_result  # the task calls this module

    now = timezone.now()
    job = ResultRecomputation.objects.filter(campaign=campaign).first()
    if job is not None and job.mark == mark:
        if job.problems:
            raise InputError([Problem(**p) for p in job.problems])
        fresh = now - job.updated_at < dt.timedelta(
            seconds=settings.REZERV_RESULT_JOB_STALE_SECONDS
        )
        if fresh:
            return int(job.progress)
    try:
        with transaction.atomic():
            if job is None:
                ResultRecomputation.objects.create(campaign=campaign, mark=mark, updated_at=now)
            else:
                claimed = ResultRecomputation.objects.filter(
                    pk=job.pk, mark=job.mark, updated_at=job.updated_at
                ).update(mark=mark, progress=0, problems=None, updated_at=now)
                if not claimed:  # another request asked at the same moment
                    return 0
            recompute_result.enqueue(campaign.pk)
    except IntegrityError:  # another request created it at the same moment
        return 0
    return 0


def _report(campaign: Campaign, mark: str) -> Progress:
    """Record the worker's progress on the recomputation of ``mark`` (shown by the pages)."""

    def report(percent: int) -> None:
        ResultRecomputation.objects.filter(campaign=campaign, mark=mark).update(
            progress=percent, updated_at=timezone.now()
        )

    return report


def recompute(campaign_id: int) -> str:
    """The worker's job: the campaign's result for its inputs as they are now, stored."""
    campaign = Campaign.objects.select_related("regulation").get(pk=campaign_id)
    mark = inputs_mark(campaign)
    report = _report(campaign, mark)
    if CampaignResult.objects.filter(campaign=campaign, mark=mark).exists():
        report(100)
        return "fresh"
    try:
        compute_and_store(campaign, mark, report)
    except InputError as exc:
        ResultRecomputation.objects.filter(campaign=campaign, mark=mark).update(
            progress=100, problems=[p.as_json() for p in exc.problems], updated_at=timezone.now()
        )
        return "refused"
    report(100)
    return "stored"


def compute_and_store(campaign: Campaign, mark: str, progress: Progress | None = None) -> Stored:
    """Evaluate the campaign and store its result as the result of the inputs ``mark``."""
    digest, result = _evaluate(campaign, progress=progress)
    candidates = result.pop("candidates", [])
    try:
        with transaction.atomic():
            CampaignResult.objects.filter(campaign=campaign).delete()
            fresh = CampaignResult.objects.create(
                campaign=campaign, mark=mark, input_digest=digest, summary=result
            )
            insert_rows(
                CandidateResult,
                [
                    {"result_id": fresh.pk, "application_id": int(row["id"]), "row": row}
                    for row in candidates
                ],
            )
            if progress is not None:
                progress(85)
            insert_rows(
                CandidatePlace,
                [
                    {
                        "result_id": fresh.pk,
                        "application_id": int(row["id"]),
                        "stage_id": stage_id,
                        "place": _place(entry),
                    }
                    for row in candidates
                    for stage_id, entry in (row.get("stages") or {}).items()
                ],
            )
    except IntegrityError:  # another view stored it at the same moment: use this one's
        return Stored(summary=result, pk=None, rows={row["id"]: row for row in candidates})
    return Stored(summary=result, pk=fresh.pk, computed_at=fresh.computed_at)


def _place(entry: Any) -> int | None:
    place = entry.get("place") if isinstance(entry, dict) else None
    try:
        return int(place) if place is not None else None
    except (TypeError, ValueError):
        return None


def verdicts(campaign: Campaign, ids: list[int]) -> dict[str, dict[str, Any]]:
    """The engine's rows of the applications ``ids`` (by id as text) from the stored result."""
    return stored_result(campaign).rows_of(ids)


def application_verdict(application: Application) -> dict[str, Any] | None:
    """The engine's row of ``application``, computed for that application alone (see above);
    None when it is not in the case (withdrawn, refused before the engine). Raises
    ``InputError`` as ``stored_result`` does."""
    if application.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.ADMITTED):
        return None
    campaign = application.campaign
    only = [application.pk]
    stage = intake_stage(campaign.regulation.load().regulation)
    key = stage.unique_by if stage is not None else None
    value = application.facts.get(key) if key else None
    if key and value is not None:  # "one registration per person": compared with the others
        same = campaign.applications.filter(**{f"facts__{key}": value}).exclude(pk=application.pk)
        only += list(same.values_list("pk", flat=True))
    _, result = _evaluate(campaign, only)
    return next((r for r in result["candidates"] if r["id"] == str(application.pk)), None)


def rated_for_stage(stored: Stored, stage_id: str, applications: QuerySet[Application]) -> Any:
    """``applications`` that the stored result rates at ``stage_id``, in the order of its
    rating (the placed by place, then the others; by id within), as a queryset to page.
    Without stored rows (``Stored.pk`` None), in the same order from the rows in memory."""
    if stored.pk is None:
        placed = {
            int(k): _place(row["stages"][stage_id])
            for k, row in stored.rows.items()
            if stage_id in (row.get("stages") or {})
        }
        chosen = list(applications.filter(pk__in=list(placed)))
        chosen.sort(key=lambda a: (placed[a.pk] is None, placed[a.pk] or 0, a.pk))
        return chosen
    return (
        applications.filter(places__result_id=stored.pk, places__stage_id=stage_id)
        # the place's own columns (the same candidate as ``pk``): read in the order of the
        # ``candidate_place`` index, a page without sorting the stage's candidates
        .annotate(stage_place=F("places__place"), stage_candidate=F("places__application_id"))
        .order_by(F("stage_place").asc(nulls_last=True), "stage_candidate")
    )
