"""A KM campaign with an admitted candidate and a bank of 60 questions (blueprint 15/15/10)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from rezerv.assessment import services
from rezerv.assessment.importers import QuestionData
from rezerv.assessment.models import QuestionBank, TestSession
from tests.web import factories as f

TOPICS = {"Право": 15, "Этика": 15, "Делопроизводство": 10}


def bank_for(hr: Any, blueprint: dict[str, int] | None = None) -> QuestionBank:
    bank = services.bank_save(
        actor=hr,
        bank=None,
        body=hr.staff.body,
        regulation_code="KM",
        group="",
        title="Банк КМ",
        blueprint={},
    )
    questions = [
        QuestionData(topic, f"{topic}: вопрос {i}", ["А", "Б", "В"], i % 3)
        for topic in TOPICS
        for i in range(20)
    ]
    services.questions_import(actor=hr, bank=bank, questions=questions)
    return services.bank_save(
        actor=hr,
        bank=bank,
        body=bank.body,
        regulation_code="KM",
        group="",
        title=bank.title,
        blueprint=blueprint or TOPICS,
    )


def world(*, admit: bool = True) -> dict[str, Any]:
    today = timezone.localdate()
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    application = f.km_application(campaign, person, admit=admit)
    return {"hr": hr, "campaign": campaign, "application": application, "bank": bank_for(hr)}


def session(w: dict[str, Any], *, practice: bool = False, minutes: int = 30) -> TestSession:
    now = timezone.now()
    return services.session_create(
        actor=w["hr"],
        campaign=w["campaign"],
        stage_id="competition",
        method_id="test",
        bank=w["bank"],
        opens=now - dt.timedelta(hours=1),
        closes=now + dt.timedelta(hours=5),
        time_limit_minutes=minutes,
        practice=practice,
    )


def place_of(attempt: Any, question_id: int, option: int) -> int:
    """Where the bank's option ``option`` of the question stands on the candidate's page."""
    return int(attempt.option_order(question_id, 3).index(option))
