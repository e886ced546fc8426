"""Reads of the assessment: what a candidate's page shows (never the key), sessions offered to
a candidate, per-question statistics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from rezerv.assessment import statistics
from rezerv.assessment.models import Answer, Attempt, Question, QuestionBank, TestSession
from rezerv.engine.methods import TestScore, test_score
from rezerv.selection.intake import campaign_intake_window
from rezerv.selection.models import Application
from rezerv.selection.policy import _staff, is_admin


@dataclass(frozen=True)
class ShownQuestion:
    """A question as the candidate sees it: the text and the options, no key."""

    number: int
    pk: int
    text: str
    options: list[str]
    choice: int | None  # the place of the saved answer among the options as shown
    version: int  # the saved answer's version (0: none yet)


def shown_questions(attempt: Attempt) -> list[ShownQuestion]:
    order = attempt.question_ids
    rows = {q.pk: q for q in Question.objects.filter(pk__in=order).only("pk", "text", "options")}
    saved = {a.question_id: a for a in Answer.objects.filter(attempt=attempt)}
    shown = []
    for n, pk in enumerate(order, start=1):
        options = list(rows[pk].options)
        perm = attempt.option_order(pk, len(options))
        answer = saved.get(pk)
        shown.append(
            ShownQuestion(
                n,
                pk,
                rows[pk].text,
                [options[i] for i in perm],
                perm.index(answer.choice) if answer is not None else None,
                answer.version if answer is not None else 0,
            )
        )
    return shown


def banks_visible_to(user: Any) -> QuerySet[QuestionBank]:
    if is_admin(user):
        return QuestionBank.objects.all()
    staff = _staff(user)
    if staff is None or staff.body_id is None:
        return QuestionBank.objects.none()
    return QuestionBank.objects.filter(body_id=staff.body_id)


def intake_open(application: Application) -> bool:
    """KM-7: a self-test is offered until the intake ends (no closing date: while announced)."""
    _opens, closes, route_closes = campaign_intake_window(application.campaign, application.route)
    end = route_closes or closes
    return end is None or timezone.localdate() <= end


def sessions_for(application: Application) -> list[dict[str, Any]]:
    """The sessions of the application's campaign the candidate may take now or took."""
    from rezerv.assessment.services import may_take

    out = []
    attempts: dict[int, list[Attempt]] = {}
    for a in Attempt.objects.filter(application=application).order_by("number"):
        attempts.setdefault(a.session_id, []).append(a)
    now = timezone.now()
    for session in TestSession.objects.filter(campaign=application.campaign_id):
        mine = attempts.get(session.pk, [])
        if not may_take(session, application) and not mine:
            continue
        if session.practice and not mine and not intake_open(application):
            continue
        running = next((a for a in mine if a.closed_at is None), None)
        can_start = (
            session.opens <= now < session.closes
            and running is None
            and len(mine) < session.attempts_allowed
        )
        out.append({"session": session, "attempts": mine, "running": running, "start": can_start})
    return out


def session_stats(session: TestSession) -> list[dict[str, Any]]:
    """Per question of the session's closed attempts: share correct and discrimination."""
    closed = list(Attempt.objects.filter(session=session, closed_at__isnull=False))
    ids = {q for a in closed for q in a.question_ids}
    key = dict(Question.objects.filter(pk__in=ids).values_list("pk", "correct"))
    given: dict[int, dict[int, int]] = {}
    for attempt_id, question_id, choice in Answer.objects.filter(attempt__in=closed).values_list(
        "attempt_id", "question_id", "choice"
    ):
        given.setdefault(attempt_id, {})[question_id] = choice
    rows = [
        (a.correct or 0, {q: given.get(a.pk, {}).get(q) == key.get(q) for q in a.question_ids})
        for a in closed
    ]
    stats = statistics.question_stats(rows)
    texts = dict(Question.objects.filter(pk__in=ids).values_list("pk", "text"))
    return [
        {"question": q, "text": texts.get(q, ""), "stat": s}
        for q, s in sorted(stats.items(), key=lambda kv: (kv[1].discrimination or 0, kv[0]))
    ]


@dataclass(frozen=True)
class AttemptNote:
    """One line of the short note of a session's results (KM-13): the attempt and, once it is
    closed, its score in the regulation's terms (share, pass mark, points; KM-16)."""

    attempt: Attempt
    score: TestScore | None


def session_note(session: TestSession) -> tuple[str | None, list[AttemptNote]]:
    """The note's title as the regulation names it (None: it names none) and its lines."""
    method = session.campaign.regulation.load().regulation.method(session.method_id)
    lines = []
    for attempt in (
        Attempt.objects.filter(session=session).select_related("application").order_by("pk")
    ):
        score = None
        if attempt.correct is not None and attempt.drawn:
            score = test_score(method, attempt.correct, len(attempt.drawn))
        lines.append(AttemptNote(attempt, score))
    return (None if session.practice else method.summary), lines
