"""What users read of a regulation: the titles it declares for outcomes and vote questions,
and the answers each question allows.  Pages, forms and documents take them from here, so no
view or template names a procedure's outcome or question (issue 9, section 1)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from rezerv.engine.schema import Regulation, VoteQuestion

# The answers of an open vote, as the ballots of the seeds print them («за», «против»,
# «воздержался»); which of them a question allows is the regulation's (VoteQuestion.answers).
ANSWER_TITLES: dict[str, Any] = {
    "for": _("за"),
    "against": _("против"),
    "abstain": _("воздержался"),
}


def vote_questions(reg: Regulation, stage_id: str) -> list[VoteQuestion]:
    """The questions the commission votes on at a stage: those its awards depend on, in their
    order, then those the regulation asks at the stage for the protocol."""
    seen: list[str] = []
    for award in reg.stage(stage_id).awards:
        if award.vote and award.vote not in seen:
            seen.append(award.vote)
    seen += [q.id for q in reg.votes if stage_id in q.stages and q.id not in seen]
    return [q for q in (reg.vote_question(v) for v in seen) if q is not None]


def answer_choices(question: VoteQuestion) -> list[tuple[str, Any]]:
    return [(a, ANSWER_TITLES[a]) for a in question.answers]


def question_title(reg: Regulation, question_id: str) -> str:
    question = reg.vote_question(question_id)
    return question.title if question is not None else question_id


def outcome_groups(reg: Regulation, stage_id: str, result: dict[str, Any]) -> list[dict[str, Any]]:
    """The candidates of a decision grouped by the outcomes its stage awards, in the
    regulation's order: [{id, title, candidates: [row, …]}]."""
    groups: list[dict[str, Any]] = []
    for award in reg.stage(stage_id).awards:
        if any(g["id"] == award.outcome for g in groups):
            continue
        rows = [c for c in result.get("candidates", []) if c.get("outcome") == award.outcome]
        groups.append(
            {"id": award.outcome, "title": reg.outcome_title(award.outcome), "candidates": rows}
        )
    return groups
