"""Sessions, attempts and answers (KM-13: same limit for all, pass at 70 % in the engine;
KM-7: the self-test is never a Result)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rezerv.assessment import services
from rezerv.assessment.models import Answer, Attempt, Question
from rezerv.assessment.tasks import close_attempt
from rezerv.selection.models import AuditEvent, Result
from tests.assessment.helpers import bank_for, place_of, session, world

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self, monkeypatch: Any) -> None:
        self.moment = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.moment)

    def move(self, **delta: float) -> None:
        self.moment += dt.timedelta(**delta)


def answer_all(w: dict[str, Any], attempt: Attempt, right: int) -> None:
    """Answer every question, the first ``right`` of them correctly."""
    for i, qid in enumerate(attempt.question_ids):
        correct = Question.objects.get(pk=qid).correct
        choice = place_of(attempt, qid, correct if i < right else (correct + 1) % 3)
        services.answer_save(
            actor=None, attempt=attempt, question_id=qid, choice=choice, expected_version=0
        )


def test_km13_a_session_is_only_for_a_method_of_kind_test_and_its_question_range() -> None:
    w = world()
    with pytest.raises(services.ServiceError, match="не является тестом"):
        services.session_create(
            actor=w["hr"],
            campaign=w["campaign"],
            stage_id="competition",
            method_id="interview",
            bank=w["bank"],
            opens=timezone.now(),
            closes=timezone.now() + dt.timedelta(hours=1),
            time_limit_minutes=30,
        )
    w["bank"] = bank_for(w["hr"], {"Право": 10, "Этика": 10})
    with pytest.raises(services.ServiceError, match="от 40 до 60 вопросов"):
        session(w)


def test_km13_start_draws_the_blueprint_fixes_and_hashes_it_once() -> None:
    w = world()
    s = session(w)
    attempt = services.attempt_start(actor=None, session=s, application=w["application"])
    assert s.questions == 40 and len(attempt.question_ids) == 40
    assert len(attempt.draw_sha256) == 64
    assert attempt.deadline == attempt.started_at + dt.timedelta(minutes=30)
    again = services.attempt_start(actor=None, session=s, application=w["application"])
    assert again.pk == attempt.pk and again.drawn == attempt.drawn  # a reload: the same set
    assert AuditEvent.objects.filter(action="attempt.start").count() == 1


def test_a_candidate_not_admitted_cannot_start_the_test() -> None:
    w = world(admit=False)
    with pytest.raises(services.ServiceError, match="не допущен"):
        services.attempt_start(actor=None, session=session(w), application=w["application"])


def test_km13_options_are_shuffled_per_candidate_hashed_and_answers_stored_as_the_banks() -> None:
    w = world()
    attempt = services.attempt_start(actor=None, session=session(w), application=w["application"])
    orders = [entry[2] for entry in attempt.drawn]
    assert all(sorted(order) == [0, 1, 2] for order in orders)
    assert any(order != [0, 1, 2] for order in orders)  # 40 questions: never all in place
    qid = attempt.question_ids[0]
    saved = services.answer_save(
        actor=None, attempt=attempt, question_id=qid, choice=0, expected_version=0
    )
    assert saved.choice == orders[0][0]  # the first option shown, as the bank numbers it


def test_one_answer_per_question_is_a_unique_constraint() -> None:
    w = world()
    attempt = services.attempt_start(actor=None, session=session(w), application=w["application"])
    qid = attempt.question_ids[0]
    Answer.objects.create(attempt=attempt, question_id=qid, choice=0, saved_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(attempt=attempt, question_id=qid, choice=1, saved_at=timezone.now())


def test_a_stale_answer_is_refused_and_the_newer_one_kept() -> None:
    """Two windows (or a retried request) that read the same version: only one save wins."""
    w = world()
    attempt = services.attempt_start(actor=None, session=session(w), application=w["application"])
    qid = attempt.question_ids[0]
    first = services.answer_save(
        actor=None, attempt=attempt, question_id=qid, choice=0, expected_version=0
    )
    services.answer_save(actor=None, attempt=attempt, question_id=qid, choice=2, expected_version=1)
    for stale in (0, first.version):  # two windows that read the answer before the change
        with pytest.raises(services.ConcurrentEdit):
            services.answer_save(
                actor=None, attempt=attempt, question_id=qid, choice=1, expected_version=stale
            )
    saved = Answer.objects.get(attempt=attempt, question_id=qid)
    assert (saved.choice, saved.version) == (attempt.option_order(qid, 3)[2], 2)


def test_an_answer_outside_the_drawn_set_or_options_is_refused() -> None:
    w = world()
    attempt = services.attempt_start(actor=None, session=session(w), application=w["application"])
    other = Question.objects.exclude(pk__in=attempt.question_ids).first()
    assert other is not None
    with pytest.raises(services.ServiceError, match="нет в вашем тесте"):
        services.answer_save(
            actor=None, attempt=attempt, question_id=other.pk, choice=0, expected_version=0
        )
    with pytest.raises(services.ServiceError, match="Нет такого варианта"):
        services.answer_save(
            actor=None,
            attempt=attempt,
            question_id=attempt.question_ids[0],
            choice=7,
            expected_version=0,
        )


def test_km13_the_attempt_closes_at_the_limit_keeps_every_answer_and_records_the_result(
    monkeypatch: Any,
) -> None:
    clock = Clock(monkeypatch)
    w = world()
    attempt = services.attempt_start(actor=None, session=session(w), application=w["application"])
    answer_all(w, attempt, right=30)
    clock.move(minutes=30, seconds=5)  # past the limit, within the grace: still taken
    last = attempt.question_ids[-1]
    services.answer_save(
        actor=None,
        attempt=attempt,
        question_id=last,
        choice=place_of(attempt, last, Question.objects.get(pk=last).correct),
        expected_version=1,
    )
    clock.move(seconds=6)  # past the grace: refused, and the attempt closes itself
    with pytest.raises(services.ServiceError, match="Время тестирования истекло"):
        services.answer_save(
            actor=None, attempt=attempt, question_id=last, choice=0, expected_version=2
        )
    attempt.refresh_from_db()
    assert attempt.closed_by == "limit" and attempt.correct == 31
    assert attempt.answers.count() == 40
    result = Result.objects.get(application=w["application"], stage_id="competition")
    assert (result.method_id, result.correct, result.questions) == ("test", 31, 40)
    assert AuditEvent.objects.filter(action="result.save").exists()


def test_the_worker_job_closes_an_attempt_only_after_its_time(monkeypatch: Any) -> None:
    clock = Clock(monkeypatch)
    w = world()
    attempt = services.attempt_start(actor=None, session=session(w), application=w["application"])
    job = DBTaskResult.objects.get(task_path="rezerv.assessment.tasks.close_attempt")
    assert job.args_kwargs["args"] == [attempt.pk] and job.run_after > attempt.deadline
    assert close_attempt.call(attempt.pk) == "running"
    clock.move(minutes=31)
    assert close_attempt.call(attempt.pk) == "closed"
    assert services.close_overdue() == 0
    attempt.refresh_from_db()
    assert attempt.closed_at is not None and attempt.correct == 0


def test_km7_a_self_test_is_never_recorded_as_a_result(monkeypatch: Any) -> None:
    w = world(admit=False)  # offered before admission, never a ground for refusal
    s = session(w, practice=True)
    attempt = services.attempt_start(actor=None, session=s, application=w["application"])
    answer_all(w, attempt, right=10)
    closed = services.attempt_close(attempt=attempt, by="candidate")
    assert closed.correct == 10 and closed.result is None
    assert not Result.objects.filter(application=w["application"]).exists()
    w["application"].refresh_from_db()
    assert w["application"].status == "submitted"


def test_only_the_allowed_number_of_attempts() -> None:
    w = world()
    s = session(w)
    attempt = services.attempt_start(actor=None, session=s, application=w["application"])
    services.attempt_close(attempt=attempt, by="candidate")
    with pytest.raises(services.ServiceError, match="попытки уже использованы"):
        services.attempt_start(actor=None, session=s, application=w["application"])


def test_km7_the_self_test_is_offered_only_until_the_intake_ends(monkeypatch: Any) -> None:
    clock = Clock(monkeypatch)
    w = world(admit=False)
    s = session(w, practice=True)
    clock.move(days=25)  # KM-5: the intake runs 21 days from the announcement two days ago
    s.closes = clock.moment + dt.timedelta(days=1)
    s.save()
    with pytest.raises(services.ServiceError, match="до окончания приёма документов"):
        services.attempt_start(actor=None, session=s, application=w["application"])


def test_the_sweep_command_closes_overdue_attempts(monkeypatch: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    clock = Clock(monkeypatch)
    w = world()
    attempt = services.attempt_start(actor=None, session=session(w), application=w["application"])
    out = StringIO()
    call_command("close_overdue_attempts", stdout=out)
    assert out.getvalue().strip() == "closed: 0"
    clock.move(minutes=31)
    call_command("close_overdue_attempts", stdout=out)
    assert out.getvalue().strip().endswith("closed: 1")
    attempt.refresh_from_db()
    assert attempt.closed_by == "limit"
    assert Result.objects.filter(application=w["application"], method_id="test").exists()
