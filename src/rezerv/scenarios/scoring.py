"""Scores of a scenario: members' ballots and the results the HR desk records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User

from rezerv.selection import services
from rezerv.selection.models import Application, Ballot, CommissionMember, Result


def ballot(
    member: CommissionMember,
    application: Application,
    stage: str,
    method: str,
    points: Any,
    *,
    reason: str = "",
) -> Ballot:
    """A member's new ballot row (audit ``ballot.save``)."""
    return services.ballot_save(
        actor=member.user,
        member=member,
        application=application,
        stage_id=stage,
        method_id=method,
        points=points,
        reason=reason,
        expected_version=None,
    )


def ballots(
    members: Iterable[CommissionMember],
    application: Application,
    stage: str,
    method: str,
    points: Any,
    *,
    reason: str = "",
) -> None:
    """The same ballot row from every member who has declared no conflict over ``application``."""
    for member in members:
        if not member.conflicts.filter(application=application).exists():
            ballot(member, application, stage, method, points, reason=reason)


def result(
    hr: User,
    application: Application,
    stage: str,
    method: str,
    *,
    date: dt.date | None = None,
    correct: int | None = None,
    questions: int | None = None,
    passed: bool | None = None,
    points: Any = None,
) -> Result:
    """A result the HR desk records: a test (``correct`` of ``questions``), a pass or fail, or
    points of one sheet (audit ``result.save``)."""
    return services.result_save(
        actor=hr,
        application=application,
        stage_id=stage,
        method_id=method,
        correct=correct,
        questions=questions,
        passed=passed,
        points=points,
        date=date,
    )
