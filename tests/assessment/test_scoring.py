"""An online test scored in the regulation's terms (KM-13 pass at 70 % and its short note,
KM-16 points), by the engine's one rule for tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from rezerv.assessment import selectors, services
from rezerv.assessment.models import Question
from rezerv.engine import methods
from rezerv.engine.loader import load_regulation
from rezerv.selection.models import Result
from tests.assessment.helpers import place_of, session, world

pytestmark = pytest.mark.django_db


def test_km13_km16_the_test_rule_from_the_regulation() -> None:
    """KM-13: passed at 70 % of the questions; KM-16: the points are the regulation's (the
    share scaled to 10, max_points)."""
    method = load_regulation("km").regulation.method("test")
    at_mark = methods.test_score(method, 28, 40)
    assert (at_mark.percent, at_mark.passed, at_mark.points, at_mark.top) == (
        Decimal(70),
        True,
        Decimal(7),
        Decimal(10),
    )
    below = methods.test_score(method, 27, 40)
    assert not below.passed and below.points == Decimal("6.75")
    assert method.summary == "Краткая справка о результатах тестирования"


def _answer(attempt: Any, right: int) -> None:
    for i, qid in enumerate(attempt.question_ids):
        correct = Question.objects.get(pk=qid).correct
        choice = place_of(attempt, qid, correct if i < right else (correct + 1) % 3)
        services.answer_save(
            actor=None, attempt=attempt, question_id=qid, choice=choice, expected_version=0
        )


def test_km13_the_short_note_of_the_results_for_hr_and_the_result_for_the_rating() -> None:
    w = world()
    s = session(w)
    attempt = services.attempt_start(actor=None, session=s, application=w["application"])
    _answer(attempt, right=28)
    services.attempt_close(attempt=attempt, by="candidate")
    title, lines = selectors.session_note(s)
    assert title == "Краткая справка о результатах тестирования"
    [line] = lines
    assert line.score is not None and line.score.passed and line.score.points == Decimal(7)
    result = Result.objects.get(application=w["application"], stage_id="competition")
    assert (result.correct, result.questions) == (28, 40)  # the engine scores it the same way
    client = Client()
    client.force_login(w["hr"])
    page = client.get(f"/desk/c/{w['campaign'].uid}/tests/{s.pk}/").content.decode()
    assert "Краткая справка о результатах тестирования" in page
    assert "28 / 40" in page and "70,0" in page and "пройдено" in page and "7,00 / 10" in page


def test_km7_a_self_tests_note_has_no_title_of_the_regulations_note() -> None:
    w = world()
    s = session(w, practice=True)
    assert selectors.session_note(s) == (None, [])
