"""Messages the daily job sends when their day comes (issue 12): the notices of the regulation
addressed to the admitted candidates or to the commission's members (KM-8: the date, place and
list of the next stage; KM-14: the materials to the members), each on its due day as the
regulation's deadline computes it, and the reserve members' term about to end (the regulation's
``reserve.ending_notice`` before the term's last day).

Nothing here names a notice, a stage or an event: which notices go out is read from the
regulation (``notices[].recipients``, ``stage`` and ``deadline``).  Each event is sent once: its
``Dispatch`` key is written with its messages.  The day a notice's first e-mail goes out is
recorded as the notice's date (``outbox``); a notice whose recipients have no e-mail address is
dated the day its messages are written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from rezerv.engine.deadlines import shift_months
from rezerv.engine.notices import NOT_ISSUED
from rezerv.engine.schema import NoticeDef, Term
from rezerv.notifications import defaults, outbox
from rezerv.notifications.models import Dispatch, Notification
from rezerv.selection.models import Campaign, CommissionMember, Meeting, ReserveEntry
from rezerv.selection.notices import campaign_notices, notice_record
from rezerv.selection.states import ANNOUNCED, ApplicationStatus, MeetingStatus

# Whom the daily job addresses (the other recipients are told by the decision that concerns
# them, ``events``, or are the public).
CANDIDATES = "admitted_candidates"
MEMBERS = "commission_members"


def _url(name: str, **kwargs: Any) -> str:
    return f"{str(settings.REZERV_SITE_URL).rstrip('/')}{reverse(name, kwargs=kwargs)}"


def once(key: str) -> bool:
    """Claim the event ``key`` (inside the caller's transaction); False: sent already."""
    try:
        with transaction.atomic():
            Dispatch.objects.create(key=key)
        return True
    except IntegrityError:
        return False


def _meeting(campaign: Campaign, stage: str | None, day: dt.date) -> Meeting | None:
    """The next meeting of the notice's stage (the one the notice announces)."""
    meetings = campaign.meetings.filter(date__gte=day).exclude(status=MeetingStatus.CANCELLED)
    if stage is not None:
        meetings = meetings.filter(stage_id=stage)
    return meetings.select_related("commission").order_by("date", "pk").first()


def _when(meeting: Meeting) -> dict[str, str]:
    return {
        "date": meeting.date.strftime("%d.%m.%Y"),
        "time": meeting.time.strftime("%H:%M") if meeting.time else "—",
        "place": meeting.place or "—",
    }


def _send_notice(campaign: Campaign, notice: NoticeDef, meeting: Meeting, day: dt.date) -> int:
    admitted = list(
        campaign.applications.filter(status=ApplicationStatus.ADMITTED)
        .select_related("person__user")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    written: list[Notification] = []
    if CANDIDATES in notice.recipients:
        names = "\n".join(f"{i}. {a.person.full_name}" for i, a in enumerate(admitted, 1))
        for a in admitted:
            if a.person.user is None:
                continue
            written += outbox.notify(
                recipient=a.person.user,
                key=defaults.INVITATION,
                context={
                    "name": a.person.full_name,
                    "campaign": campaign.title,
                    "candidates": names,
                    "link": _url("application", uid=a.uid),
                    **_when(meeting),
                },
                campaign=campaign,
                application=a,
                notice_id=notice.id,
            )
    if MEMBERS in notice.recipients:
        members = CommissionMember.objects.filter(commission=meeting.commission).select_related(
            "user"
        )
        for m in members:
            written += outbox.notify(
                recipient=m.user,
                key=defaults.MATERIALS,
                context={
                    "name": m.full_name,
                    "campaign": campaign.title,
                    "count": str(len(admitted)),
                    "link": _url("commission"),
                    **_when(meeting),
                },
                campaign=campaign,
                notice_id=notice.id,
            )
    if written and not any(n.channel == Notification.EMAIL for n in written):
        # no e-mail will date the notice: the day its messages were written does
        notice_record(actor=None, campaign=campaign, notice_id=notice.id, issued_on=day)
    return len(written)


def send_due_notices(day: dt.date) -> int:
    """Send each notice to candidates or members whose due day has come and that is not issued
    yet; returns the number of messages written."""
    sent = 0
    campaigns = Campaign.objects.filter(status__in=ANNOUNCED).select_related("regulation")
    for campaign in campaigns:
        reg = campaign.regulation.load().regulation
        ours = [n for n in reg.notices if {CANDIDATES, MEMBERS} & set(n.recipients)]
        if not ours:
            continue
        rows = {row["id"]: row for row in campaign_notices(campaign, day)}
        for notice in ours:
            row = rows[notice.id]
            if row["status"] != NOT_ISSUED or row["due"] is None:
                continue
            if dt.date.fromisoformat(row["due"]) > day:
                continue
            meeting = _meeting(campaign, notice.stage, day)
            if meeting is None:
                continue  # nothing to announce yet: the deadline board shows it overdue
            with transaction.atomic():
                if once(f"notice:{campaign.pk}:{notice.id}:{meeting.pk}:{meeting.date}"):
                    sent += _send_notice(campaign, notice, meeting, day)
    return sent


def before(day: dt.date, term: Term) -> dt.date:
    """``day`` moved back by ``term``."""
    moved = shift_months(day, -(term.years * 12 + term.months))
    return moved - dt.timedelta(days=term.days)


def send_term_endings(day: dt.date) -> int:
    """Tell each reserve member whose term ends within the regulation's ``ending_notice``
    (``reserve.ending_notice``) that it ends on its last day; once per member and term."""
    sent = 0
    entries = (
        ReserveEntry.objects.filter(
            excluded_on__isnull=True,
            until__isnull=False,
            until__gte=day,
            decision__superseded_at__isnull=True,
            person__user__isnull=False,
        )
        .select_related("person__user", "campaign__regulation")
        .order_by("pk")
    )
    for entry in entries:
        reserve = entry.campaign.regulation.load().regulation.reserve
        if reserve is None or reserve.ending_notice is None or entry.until is None:
            continue
        if before(entry.until, reserve.ending_notice) > day:
            continue
        with transaction.atomic():
            if not once(f"term:{entry.pk}:{entry.until}"):
                continue
            sent += len(
                outbox.notify(
                    recipient=entry.person.user,
                    key=defaults.TERM_ENDING,
                    context={
                        "name": entry.person.full_name,
                        "campaign": entry.campaign.title,
                        "until": entry.until.strftime("%d.%m.%Y"),
                        "link": _url("me"),
                    },
                    campaign=entry.campaign,
                )
            )
    return sent
