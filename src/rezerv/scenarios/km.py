"""The KM competition's own steps (Russia's civil service, the competition for a vacancy or the
reserve), shared by the demo and the test worlds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User

from rezerv.scenarios import checklists, commissions, scoring
from rezerv.selection.models import Application, Campaign, CommissionMember

GENERAL_DOCUMENTS = checklists.documents("KM")  # every candidate files these (KM-5)
DRAFT_CRITERIA = checklists.criteria("KM", "document_draft")  # the document draft's sheet
STAGE = "competition"


def commission(
    hr: User,
    campaign: Campaign,
    seats: Iterable[commissions.Seat],
    *,
    password: str | None,
    name: str = "Конкурсная комиссия",
) -> dict[str, CommissionMember]:
    """The competition commission (KM-2) of the competition stage, members by key."""
    return commissions.commission(
        hr,
        campaign,
        rule_id="competition_commission",
        name=name,
        stages=[STAGE],
        seats=seats,
        password=password,
    )


def score(
    hr: User,
    application: Application,
    members: Iterable[CommissionMember],
    *,
    correct: int,
    draft: int,
    interview: int,
    date: dt.date,
    questions: int = 50,
    reason: str = "",
) -> None:
    """The competition's three methods for one candidate: the test (``correct`` of
    ``questions``, KM-13), the document draft (``draft`` points on every criterion, KM-23) and
    the interview (``interview`` points from every member without a conflict, KM-15)."""
    scoring.result(hr, application, STAGE, "test", correct=correct, questions=questions, date=date)
    scoring.result(
        hr,
        application,
        STAGE,
        "document_draft",
        points=dict.fromkeys(DRAFT_CRITERIA, draft),
        date=date,
    )
    scoring.ballots(members, application, STAGE, "interview", interview, reason=reason)
