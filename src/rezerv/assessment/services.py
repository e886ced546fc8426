"""Every write of the assessment: banks and questions, sessions, attempts and answers.

Each runs in a transaction with its audit record (``selection.services.audit``). The server's
clock (``timezone.now``) is the only clock: an attempt's deadline is its start plus the
session's limit (KM-13: the same for all), an answer later than the deadline plus ``GRACE`` is
refused, and the attempt closes itself at the limit on the next request or by the worker
(``tasks.close_attempt``). At its close the score goes to the stage's test method as a Result
through ``selection.services.result_save`` (frozen checks and audit included); a self-test
(KM-7, ``practice``) is never recorded as a Result.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from rezerv.assessment import drawing, windows
from rezerv.assessment.importers import QuestionData, check_question
from rezerv.assessment.models import Answer, Attempt, Question, QuestionBank, TestSession
from rezerv.selection.models import Application, Campaign, StateBody
from rezerv.selection.services import ConcurrentEdit, ServiceError, audit, result_save
from rezerv.selection.states import ApplicationStatus

GRACE = dt.timedelta(seconds=10)  # answers in flight when the time runs out


# --------------------------------------------------------------------------- banks


@transaction.atomic
def bank_save(
    *,
    actor: Any,
    bank: QuestionBank | None,
    body: StateBody | None,
    regulation_code: str,
    group: str,
    title: str,
    blueprint: dict[str, int],
) -> QuestionBank:
    if not title.strip():
        raise ServiceError(gettext("Укажите наименование банка."), "title")
    if not regulation_code.strip():
        raise ServiceError(gettext("Укажите регламент."), "regulation_code")
    if any(not isinstance(n, int) or n < 0 for n in blueprint.values()):
        raise ServiceError(gettext("Число вопросов темы — целое неотрицательное."), "blueprint")
    if bank is None:
        bank = QuestionBank(body=body)
    else:
        bank = QuestionBank.objects.select_for_update().get(pk=bank.pk)
        bank.version += 1
    bank.regulation_code, bank.group, bank.title = regulation_code.strip(), group.strip(), title
    bank.blueprint = {t: n for t, n in blueprint.items() if n}
    bank.save()
    audit(actor=actor, action="question_bank.save", obj=bank, changes={"blueprint": bank.blueprint})
    return bank


def _problems(data: QuestionData) -> None:
    problems = check_question(data.topic, data.text, data.options, data.correct)
    if problems:
        raise ServiceError("; ".join(problems).capitalize() + ".", "text")


@transaction.atomic
def question_save(
    *,
    actor: Any,
    bank: QuestionBank,
    question: Question | None,
    data: QuestionData,
    active: bool = True,
    expected_version: int | None = None,
) -> Question:
    """Add a question or change one (KM-13: options and exactly one correct)."""
    _problems(data)
    if question is None:
        question = Question(bank=bank)
    else:
        question = Question.objects.select_for_update().get(pk=question.pk, bank=bank)
        if expected_version != question.version:
            raise ConcurrentEdit(gettext("Вопрос изменён другим пользователем; обновите страницу."))
        question.version += 1
    question.topic, question.text = data.topic.strip(), data.text.strip()
    question.options = [o.strip() for o in data.options]
    question.correct, question.active = data.correct, active
    question.save()
    audit(actor=actor, action="question.save", obj=question, changes={"topic": question.topic})
    return question


@transaction.atomic
def questions_import(*, actor: Any, bank: QuestionBank, questions: list[QuestionData]) -> int:
    for data in questions:
        _problems(data)
    Question.objects.bulk_create(
        Question(bank=bank, topic=d.topic, text=d.text, options=d.options, correct=d.correct)
        for d in questions
    )
    audit(actor=actor, action="question.import", obj=bank, changes={"rows": len(questions)})
    return len(questions)


def pool_of(bank: QuestionBank) -> dict[str, list[int]]:
    pool: dict[str, list[int]] = {}
    for pk, topic in bank.questions.filter(active=True).values_list("pk", "topic"):
        pool.setdefault(topic, []).append(pk)
    return pool


def _check_blueprint(bank: QuestionBank) -> None:
    if not bank.blueprint_total:
        raise ServiceError(gettext("В банке не задана структура теста."), "bank")
    short = drawing.shortages(pool_of(bank), bank.blueprint)
    if short:
        raise ServiceError(
            "; ".join(
                gettext("тема «%(topic)s»: нужно %(wanted)s, в банке %(available)s")
                % {"topic": s.topic, "wanted": s.wanted, "available": s.available}
                for s in short
            ),
            "bank",
        )


# --------------------------------------------------------------------------- sessions


def test_methods(campaign: Campaign) -> list[tuple[Any, Any]]:
    """(stage, method) pairs of the campaign's regulation whose method is of kind ``test``."""
    reg = campaign.regulation.load().regulation
    return [
        (stage, reg.method(m))
        for stage in reg.stages
        for m in stage.methods
        if reg.method(m).kind == "test"
    ]


@transaction.atomic
def session_create(
    *,
    actor: Any,
    campaign: Campaign,
    stage_id: str,
    method_id: str,
    bank: QuestionBank,
    opens: dt.datetime,
    closes: dt.datetime,
    time_limit_minutes: int,
    attempts_allowed: int | None = None,
    practice: bool = False,
) -> TestSession:
    """A test of a stage's test method. Its window lies within the stage's (the regulation's
    events); the attempts are the method's (``attempts``, one unless the regulation allows
    more; a self-test, KM-7, may allow more); the blueprint's total is within the method's
    question range (KM-13: 40-60)."""
    pair = next(
        ((s, m) for s, m in test_methods(campaign) if s.id == stage_id and m.id == method_id), None
    )
    if pair is None:
        raise ServiceError(gettext("Этот метод оценки не является тестом."), "method")
    stage, method = pair
    if attempts_allowed is None:
        attempts_allowed = method.attempts
    if bank.regulation_code != campaign.regulation.code:
        raise ServiceError(gettext("Банк вопросов относится к другому регламенту."), "bank")
    if closes <= opens:
        raise ServiceError(gettext("Окончание должно быть позже начала."), "closes")
    if not 1 <= time_limit_minutes <= 24 * 60:
        raise ServiceError(gettext("Время на тест — от 1 минуты до 24 часов."), "time_limit")
    if not 1 <= attempts_allowed <= 10:
        raise ServiceError(gettext("Число попыток — от 1 до 10."), "attempts_allowed")
    if not practice and attempts_allowed > method.attempts:
        raise ServiceError(
            gettext("Число попыток по регламенту — не более %(n)s.") % {"n": method.attempts},
            "attempts_allowed",
        )
    first, last = windows.stage_window(campaign, stage)
    if first is not None and timezone.localdate(opens) < first:
        raise ServiceError(
            gettext("Этап начинается %(date)s; тестирование не может начаться раньше.")
            % {"date": first.strftime("%d.%m.%Y")},
            "opens",
        )
    if last is not None and timezone.localdate(closes) > last:
        raise ServiceError(
            gettext("Этап заканчивается %(date)s; тестирование не может закончиться позже.")
            % {"date": last.strftime("%d.%m.%Y")},
            "closes",
        )
    if closes - opens < dt.timedelta(minutes=time_limit_minutes):
        raise ServiceError(
            gettext("Время на тест не помещается между началом и окончанием."), "closes"
        )
    _check_blueprint(bank)
    total = bank.blueprint_total
    limits = method.questions
    if not practice and limits is not None and not limits.min <= total <= limits.max:
        raise ServiceError(
            gettext(
                "В тесте должно быть от %(min)s до %(max)s вопросов (%(rules)s), в структуре банка %(n)s."
            )
            % {"min": limits.min, "max": limits.max, "rules": ", ".join(method.rules), "n": total},
            "bank",
        )
    session = TestSession.objects.create(
        campaign=campaign,
        stage_id=stage_id,
        method_id=method_id,
        bank=bank,
        practice=practice,
        opens=opens,
        closes=closes,
        time_limit_minutes=time_limit_minutes,
        questions=total,
        attempts_allowed=attempts_allowed,
        created_by=actor,
    )
    audit(
        actor=actor,
        action="test_session.create",
        obj=session,
        campaign=campaign,
        changes={"stage": stage_id, "method": method_id, "questions": total},
    )
    return session


# --------------------------------------------------------------------------- attempts


def _method_of(session: TestSession) -> Any:
    return session.campaign.regulation.load().regulation.method(session.method_id)


def may_take(session: TestSession, application: Application) -> bool:
    """KM-7: a self-test for any candidate of the campaign; a test for an admitted one."""
    if application.campaign_id != session.campaign_id:
        return False
    if session.practice:
        return application.status not in (ApplicationStatus.WITHDRAWN,)
    return application.status == ApplicationStatus.ADMITTED


def open_attempt(session: TestSession, application: Application) -> Attempt | None:
    return (
        Attempt.objects.filter(session=session, application=application, closed_at__isnull=True)
        .order_by("-number")
        .first()
    )


@transaction.atomic
def attempt_start(*, actor: Any, session: TestSession, application: Application) -> Attempt:
    """Start an attempt (or return the one running): the questions are drawn and hashed now."""
    Application.objects.select_for_update().get(pk=application.pk)  # one start at a time
    running = open_attempt(session, application)
    if running is not None:
        return close_if_over(running)
    if not may_take(session, application):
        raise ServiceError(gettext("Кандидат не допущен к этому тестированию."))
    now = timezone.now()
    if not session.opens <= now < session.closes:
        raise ServiceError(gettext("Тестирование сейчас не проводится."))
    limit = dt.timedelta(minutes=session.time_limit_minutes)
    if now + limit > session.closes:  # every attempt ends within the window, with its full time
        raise ServiceError(
            gettext("Тест начинают не позже чем за %(m)s мин. до окончания тестирования.")
            % {"m": session.time_limit_minutes}
        )
    last = windows.last_day(application, _method_of(session))
    if last is not None and timezone.localdate(now) > last:  # TP-11
        raise ServiceError(
            gettext("Срок, в который вы могли пройти этот тест, истёк %(date)s.")
            % {"date": last.strftime("%d.%m.%Y")}
        )
    if session.practice:
        from rezerv.assessment.selectors import intake_open

        if not intake_open(application):  # KM-7: offered until the intake ends
            raise ServiceError(gettext("Самопроверка доступна до окончания приёма документов."))
    taken = Attempt.objects.filter(session=session, application=application).count()
    if taken >= session.attempts_allowed:
        raise ServiceError(gettext("Все попытки уже использованы."))
    rng = secrets.SystemRandom()
    order = drawing.draw(pool_of(session.bank), session.bank.blueprint, rng)
    rows = {
        pk: (v, o)
        for pk, v, o in Question.objects.filter(pk__in=order).values_list(
            "pk", "version", "options"
        )
    }
    shuffled = drawing.option_orders([len(rows[q][1]) for q in order], rng)
    drawn = [[q, rows[q][0], perm] for q, perm in zip(order, shuffled, strict=True)]
    number = taken + 1
    key = f"{session.pk}:{application.uid}:{number}"
    attempt = Attempt.objects.create(
        session=session,
        application=application,
        number=number,
        started_at=now,
        deadline=now + limit,
        drawn=drawn,
        draw_sha256=drawing.digest(key, drawn),
    )
    audit(
        actor=actor,
        action="attempt.start",
        obj=attempt,
        campaign=session.campaign,
        changes={"sha256": attempt.draw_sha256, "deadline": attempt.deadline},
    )
    from rezerv.assessment.tasks import schedule_close

    schedule_close(attempt)
    return attempt


def seconds_left(attempt: Attempt, now: dt.datetime | None = None) -> int:
    """Whole seconds until the deadline by the server's clock (0 when over)."""
    left = (attempt.deadline - (now or timezone.now())).total_seconds()
    return max(0, int(left))


class _TimeOver(Exception):
    pass


def answer_save(
    *, actor: Any, attempt: Attempt, question_id: int, choice: int, expected_version: int
) -> Answer:
    """Save one answer as given (``choice``: the option's place on the candidate's page; it is
    stored as the bank's option). ``expected_version``: the version the page holds (0: none yet);
    an answer that another window or request changed since is refused (stale). An answer after
    the deadline and its grace is refused, and the attempt is closed."""
    try:
        return _answer_save(attempt, question_id, choice, expected_version)
    except _TimeOver:
        close_if_over(attempt)
        raise ServiceError(gettext("Время тестирования истекло; ответ не принят.")) from None


@transaction.atomic
def _answer_save(attempt: Attempt, question_id: int, choice: int, expected_version: int) -> Answer:
    locked = Attempt.objects.select_for_update().select_related("session").get(pk=attempt.pk)
    if locked.closed_at is not None:
        raise ServiceError(gettext("Тестирование завершено; ответ не принят."))
    now = timezone.now()
    if now > locked.deadline + GRACE:
        raise _TimeOver
    if question_id not in locked.question_ids:
        raise ServiceError(gettext("Этого вопроса нет в вашем тесте."), "question")
    options = Question.objects.values_list("options", flat=True).get(pk=question_id)
    if not 0 <= choice < len(options):
        raise ServiceError(gettext("Нет такого варианта ответа."), "choice")
    choice = locked.option_order(question_id, len(options))[choice]  # as stored in the bank
    answer = Answer.objects.filter(attempt=locked, question_id=question_id).first()
    if answer is None:
        if expected_version != 0:
            raise ConcurrentEdit(gettext("Ответ изменён в другом окне; обновите страницу."))
        try:
            with transaction.atomic():
                return Answer.objects.create(
                    attempt=locked, question_id=question_id, choice=choice, saved_at=now
                )
        except IntegrityError as exc:  # saved at the same moment elsewhere
            raise ConcurrentEdit(
                gettext("Ответ изменён в другом окне; обновите страницу.")
            ) from exc
    # A conditional update: of two saves that read the same version only one changes the row,
    # whatever the database's locking (SQLite ignores select_for_update).
    changed = Answer.objects.filter(pk=answer.pk, version=expected_version).update(
        choice=choice, saved_at=now, version=F("version") + 1
    )
    if not changed:
        raise ConcurrentEdit(gettext("Ответ изменён в другом окне; обновите страницу."))
    answer.refresh_from_db()
    return answer


def close_if_over(attempt: Attempt) -> Attempt:
    """Close the attempt if its time (with the grace) is over; the attempt as it now is."""
    if attempt.closed_at is None and timezone.now() > attempt.deadline + GRACE:
        return attempt_close(attempt=attempt, by="limit")
    return attempt


@transaction.atomic
def attempt_close(*, attempt: Attempt, by: str) -> Attempt:
    """Close an attempt (the candidate finished, or the limit): every saved answer counts."""
    locked = Attempt.objects.select_for_update().select_related("session").get(pk=attempt.pk)
    if locked.closed_at is None:
        _close(locked, by=by, now=timezone.now())
    return locked


def _close(attempt: Attempt, *, by: str, now: dt.datetime) -> None:
    session = attempt.session
    order = attempt.question_ids
    key = dict(Question.objects.filter(pk__in=order).values_list("pk", "correct"))
    answers = dict(attempt.answers.values_list("question_id", "choice"))
    attempt.correct = drawing.score(order, key, answers)
    attempt.closed_at, attempt.closed_by = now, by
    application = Application.objects.select_related("campaign", "person__user").get(
        pk=attempt.application_id
    )
    if not session.practice:  # KM-7: a self-test is never a Result
        actor = application.person.user or session.created_by
        try:
            with transaction.atomic():
                attempt.result = result_save(
                    actor=actor,
                    application=application,
                    stage_id=session.stage_id,
                    method_id=session.method_id,
                    correct=attempt.correct,
                    questions=len(order),
                    date=timezone.localdate(now),
                )
        except ServiceError as exc:  # e.g. the stage's decision froze it: kept for HR to see
            attempt.result_error = exc.message
    attempt.save()
    audit(
        actor=application.person.user,
        action="attempt.close",
        obj=attempt,
        campaign=application.campaign,
        changes={
            "closed_by": by,
            "correct": attempt.correct,
            "questions": len(order),
            "answered": len(answers),
            "result_error": attempt.result_error,
        },
    )


def close_overdue(now: dt.datetime | None = None) -> int:
    """Close every attempt whose time and grace are over (the worker's sweep)."""
    moment = now or timezone.now()
    due = Attempt.objects.filter(closed_at__isnull=True, deadline__lt=moment - GRACE)
    closed = 0
    for attempt in due:
        attempt_close(attempt=attempt, by="limit")
        closed += 1
    return closed
