"""A scheduled meeting moved to another date, time or place, or cancelled, each with a reason.

Both are status transitions of ``states.meeting_transition`` (locked, versioned, audited with the
old and new values). Neither is allowed once the meeting has recorded something — votes, or a
decision made at it: what was recorded there stays as recorded. A cancelled meeting decides
nothing: attendance, votes and decisions are refused on it (``check_not_cancelled``) and it is
left out of the engine's case.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from rezerv.selection.audit import CHANGE_KEYS
from rezerv.selection.models import AuditEvent, Decision, Meeting, Vote
from rezerv.selection.states import MeetingStatus, meeting_transition


def check_not_cancelled(meeting: Meeting) -> None:
    from rezerv.selection.services import ServiceError

    if meeting.status == MeetingStatus.CANCELLED:
        raise ServiceError(
            gettext("Заседание отменено: на нём ничего не отмечается и не решается.")
        )


def _check_nothing_recorded(meeting: Meeting) -> None:
    from rezerv.selection.services import ServiceError

    if (
        Vote.objects.filter(meeting=meeting).exists()
        or Decision.objects.filter(meeting=meeting).exists()
    ):
        raise ServiceError(
            gettext(
                "На заседании уже записаны голосование или решение: перенести или отменить его "
                "нельзя. Назначьте новое заседание."
            )
        )


def _reason(reason: str) -> str:
    from rezerv.selection.services import ServiceError

    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(gettext("Укажите причину."), "reason")
    return reason


@transaction.atomic
def meeting_reschedule(
    *,
    actor: Any,
    meeting: Meeting,
    date: dt.date,
    time: dt.time | None,
    place: str,
    reason: str,
    expected_version: int | None = None,
) -> Meeting:
    """Move the meeting; the stage's decision event follows the new date (as when scheduled)."""
    from rezerv.selection.services import ServiceError, follow_decision_event

    reason = _reason(reason)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    check_not_cancelled(locked)
    _check_nothing_recorded(locked)
    place = (place or "").strip()
    if (locked.date, locked.time, locked.place) == (date, time, place):
        raise ServiceError(gettext("Новые дата, время и место совпадают с прежними."), "date")
    moved = meeting_transition(
        actor=actor,
        meeting=locked,
        to=MeetingStatus.RESCHEDULED,
        reason=reason,
        action="meeting.reschedule",
        values={"date": date, "time": time, "place": place},
        expected_version=expected_version,
    )
    follow_decision_event(moved.campaign, moved.commission, moved.stage_id, date)
    return moved


@transaction.atomic
def meeting_cancel(
    *, actor: Any, meeting: Meeting, reason: str, expected_version: int | None = None
) -> Meeting:
    reason = _reason(reason)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    check_not_cancelled(locked)
    _check_nothing_recorded(locked)
    return meeting_transition(
        actor=actor,
        meeting=locked,
        to=MeetingStatus.CANCELLED,
        reason=reason,
        action="meeting.cancel",
        expected_version=expected_version,
    )


def _shown(value: Any) -> str:
    """A recorded date (ISO) as dd.mm.yyyy, a time as hh:mm, an empty value as «—»."""
    text = str(value or "")
    try:
        return dt.date.fromisoformat(text).strftime("%d.%m.%Y")
    except ValueError:
        pass
    try:
        return dt.time.fromisoformat(text).strftime("%H:%M")
    except ValueError:
        return text or "—"


def meeting_history(meeting: Meeting) -> list[dict[str, Any]]:
    """The meeting's moves and cancellation, oldest first, with the old and new values."""
    rows = AuditEvent.objects.filter(
        object_type="Meeting",
        object_id=str(meeting.pk),
        action__in=["meeting.reschedule", "meeting.cancel"],
    ).order_by("at", "pk")
    out = []
    for row in rows:
        changes = row.changes
        out.append(
            {
                "at": row.at,
                "cancelled": row.action == "meeting.cancel",
                "reason": changes.get("reason", ""),
                "moves": [
                    {
                        "field": CHANGE_KEYS[name],
                        "before": _shown(changes[name]["before"]),
                        "after": _shown(changes[name]["after"]),
                    }
                    for name in ("date", "time", "place")
                    if isinstance(changes.get(name), dict)
                ],
            }
        )
    return out
