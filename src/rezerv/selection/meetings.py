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
from django.utils import timezone
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


def decision_day_to_come(meeting: Meeting) -> str | None:
    """Why no decision can be made at ``meeting`` yet, or None: a decision is made at its
    meeting, not before (issue 9 §4; KM-17: the commission decides at its meeting). Until the
    meeting's day (local date) has come a decision would be dated before the meeting."""
    if meeting.date <= timezone.localdate():
        return None
    return gettext(
        "Заседание назначено на %(date)s: решение по нему можно сформировать не раньше дня "
        "заседания."
    ) % {"date": meeting.date.strftime("%d.%m.%Y")}


def check_meeting_day_come(meeting: Meeting) -> None:
    """Refuses a decision at a meeting whose day is still to come (``decision_day_to_come``)."""
    from rezerv.selection.services import ServiceError

    problem = decision_day_to_come(meeting)
    if problem is not None:
        raise ServiceError(problem)


def decision_date_problem(
    campaign: Any, reg: Any, events: dict[str, Any]
) -> tuple[str, str] | None:
    """A stage's decision dated before the stage's meeting (issue 9 §4): the event the
    regulation dates the stage's decision by (``decision_event``, e.g. KM's second stage, PK's
    approval) changed to a day before the latest meeting held for that stage. (field, message)
    or None. Days left as they were are not checked again."""
    stored = campaign.events or {}
    for stage in reg.stages:
        name = stage.decision_event
        if not name or name not in events or events[name] == stored.get(name):
            continue
        try:
            day = dt.date.fromisoformat(str(events[name]))
        except ValueError:
            continue  # not a date: the events' own check names it
        held = (
            Meeting.objects.filter(campaign=campaign, stage_id=stage.id)
            .exclude(status=MeetingStatus.CANCELLED)
            .order_by("-date")
            .values_list("date", flat=True)
            .first()
        )
        if held is not None and day < held:
            title = next((e.title for e in reg.events if e.id == name), name)
            return name, gettext(
                "«%(title)s»: решение не может быть датировано %(date)s — раньше заседания "
                "комиссии этапа «%(stage)s» %(meeting)s."
            ) % {
                "title": title,
                "date": day.strftime("%d.%m.%Y"),
                "stage": stage.title,
                "meeting": held.strftime("%d.%m.%Y"),
            }
    return None


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
