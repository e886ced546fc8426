"""The engine's result of a campaign, stored per change of its inputs (issue 14).

Written only by ``selection.result_cache``: the pages read what was stored for the campaign's
current inputs, one row per application they show, instead of evaluating the campaign again
on every view.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class CampaignResult(models.Model):
    """The result of one evaluation of a campaign's case, with what identifies its inputs.

    ``mark`` is the campaign's inputs version when it was computed (its regulation version,
    its own version and its last recorded change: every change of the case is recorded in the
    audit log in the same transaction, ``services.audit``); ``input_digest`` is the SHA-256 of
    the case itself (as ``services.input_digest``). ``summary`` is the result without its
    per-candidate rows (the meetings' checks, the stages' summaries); the rows are
    ``CandidateResult``.
    """

    campaign = models.OneToOneField(
        "selection.Campaign", models.CASCADE, related_name="stored_result"
    )
    mark = models.CharField(max_length=100)
    input_digest = models.CharField(max_length=64)
    summary: Any = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)


class CandidateResult(models.Model):
    """One candidate's row of a stored result (the engine's ``candidates`` entry)."""

    result = models.ForeignKey(CampaignResult, models.CASCADE, related_name="rows")
    # no constraint: a stored row outlives nothing (the result is replaced when anything
    # changes), and an application's deletion need not wait for it
    application = models.ForeignKey(
        "selection.Application", models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    row: Any = models.JSONField(default=dict)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["result", "application"], name="candidate_result_once"),
        )


class CandidatePlace(models.Model):
    """A candidate's place in a stage's rating in a stored result (None: not placed), so that a
    page lists a stage's candidates in the order of the rating a page at a time."""

    result = models.ForeignKey(CampaignResult, models.CASCADE, related_name="places")
    application = models.ForeignKey(
        "selection.Application", models.DO_NOTHING, db_constraint=False, related_name="places"
    )
    stage_id = models.CharField(max_length=60)
    place = models.IntegerField(null=True)

    class Meta:
        # a stage's rating a page at a time, by place and then candidate: read from the index
        indexes = (
            models.Index(
                fields=["result", "stage_id", "place", "application"], name="candidate_place_order"
            ),
        )


class ResultRecomputation(models.Model):
    """The recomputation of a large campaign's result on the background worker
    (``selection.tasks.recompute_result``): the inputs version it was asked for, how far it
    is (per cent) and, when the case does not agree with the regulation, the engine's
    problems (``Problem.as_json``), so that the pages word them as they would have inline."""

    campaign = models.OneToOneField(
        "selection.Campaign", models.CASCADE, related_name="result_recomputation"
    )
    mark = models.CharField(max_length=100)
    progress = models.PositiveSmallIntegerField(default=0)
    problems: Any = models.JSONField(null=True, blank=True)
    updated_at = models.DateTimeField()


class DecisionRow(models.Model):
    """One candidate's row of a decision (issue 14), so that the decision's page, the API and
    the documents read the rows of the candidates they show, not the whole decision:

    * ``row``: the engine's row as the decision's ``result`` holds it;
    * ``reading``: the row as the decision's stage reads it (``stage_rows``), with the values
      of the facts its rating counts within (``within``) and the open votes on the candidate
      (``votes``: question, members' votes, totals);
    * ``position``: its place in the decision's table (the stage's order), ``outcome`` the
      reading's outcome (its group), ``covered`` whether the decision's commission covers the
      candidate (a territorial commission, AK-2).

    Written with the decision (``decision_rows.store``), or on the first read of a decision
    made before they were (``Decision.rows_stored``)."""

    decision = models.ForeignKey("selection.Decision", models.CASCADE, related_name="rows")
    application = models.ForeignKey(
        "selection.Application", models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    position = models.IntegerField()
    covered = models.BooleanField(default=True)
    outcome = models.CharField(max_length=100, blank=True)
    row: Any = models.JSONField(default=dict)
    reading: Any = models.JSONField(default=dict)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["decision", "application"], name="decision_row_once"),
        )
        indexes = (
            models.Index(fields=["decision", "covered", "position"], name="decision_row_page"),
            models.Index(fields=["decision", "outcome", "position"], name="decision_row_group"),
        )
