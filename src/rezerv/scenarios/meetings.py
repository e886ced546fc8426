"""Meetings of a scenario: scheduled with their attendance, the votes taken, the decisions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.contrib.auth.models import User

from rezerv.selection import services
from rezerv.selection.models import (
    Application,
    Campaign,
    Commission,
    CommissionMember,
    Decision,
    Meeting,
)


def meeting(
    hr: User,
    campaign: Campaign,
    commission: Commission,
    stage: str,
    date: dt.date,
    *,
    place: str = "",
    present: Iterable[CommissionMember] | None = None,
) -> Meeting:
    """A meeting scheduled (audit ``meeting.schedule``) and, when ``present`` is given, its
    attendance recorded (everyone else of the commission absent)."""
    held = services.meeting_schedule(
        actor=hr, campaign=campaign, commission=commission, stage_id=stage, date=date, place=place
    )
    if present is not None:
        services.attendance_record(actor=hr, meeting=held, present_ids={m.pk for m in present})
    return held


def vote(
    hr: User,
    held: Meeting,
    question: str,
    application: Application,
    votes: Mapping[CommissionMember, str],
) -> None:
    """The open vote of the members present on one question about one candidate."""
    services.vote_record(
        actor=hr,
        meeting=held,
        question=question,
        application=application,
        votes={member.pk: choice for member, choice in votes.items()},
    )


def decide(hr: User, campaign: Campaign, stage: str, held: Meeting | None = None) -> Decision:
    """The decision of ``stage`` (of the meeting's commission), with ``campaign`` refreshed."""
    decision = services.decision_make(actor=hr, campaign=campaign, stage_id=stage, meeting=held)
    campaign.refresh_from_db()
    return decision
