"""Notices and publications of a campaign: recording the date each was issued (a write, audited)
and reading every declared notice with its due date and status (KM-8, KM-14, KM-20, BR-3, BR-11).

The regulation declares the notices (``notices`` of the regulation file); nothing here names one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from rezerv.engine.calendar import CalendarError
from rezerv.engine.case import NoticeRecord
from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.engine.notices import LATE, NOT_ISSUED, notice_rows
from rezerv.selection.models import Campaign, Notice
from rezerv.selection.selectors import usable_events
from rezerv.selection.services import ServiceError, audit


@transaction.atomic
def notice_record(
    *, actor: Any, campaign: Campaign, notice_id: str, issued_on: dt.date, number: str = ""
) -> Notice:
    """Record (or correct) the date a declared notice was issued; the previous date, if any,
    is kept in the audit record."""
    reg = campaign.regulation.load().regulation
    declared = {n.id: n for n in reg.notices}
    if notice_id not in declared:
        raise ServiceError(
            gettext("Регламент %(code)s не предусматривает уведомления «%(notice)s».")
            % {"code": reg.code, "notice": notice_id},
            field="notice_id",
        )
    try:
        make_calendar(reg).is_working_day(issued_on)
    except CalendarError:
        raise ServiceError(
            gettext("Дата %(date)s вне производственного календаря.")
            % {"date": issued_on.strftime("%d.%m.%Y")},
            field="issued_on",
        ) from None
    Campaign.objects.select_for_update().get(pk=campaign.pk)
    previous = Notice.objects.filter(campaign=campaign, notice_id=notice_id).first()
    changes: dict[str, Any] = {"notice": notice_id, "issued_on": issued_on, "number": number}
    if previous is not None:
        changes["previous_issued_on"] = previous.issued_on
        previous.issued_on = issued_on
        previous.number = number
        previous.recorded_by = actor
        previous.save()
        notice = previous
    else:
        notice = Notice.objects.create(
            campaign=campaign,
            notice_id=notice_id,
            issued_on=issued_on,
            number=number,
            recorded_by=actor,
        )
    audit(actor=actor, action="notice.record", obj=notice, campaign=campaign, changes=changes)
    return notice


def notice_records(campaign: Campaign) -> list[dict[str, Any]]:
    """The campaign's recorded notices as the engine case carries them."""
    return [
        {"id": n.notice_id, "issued_on": n.issued_on.isoformat(), "number": n.number}
        for n in campaign.notices.order_by("notice_id")
    ]


def campaign_notices(campaign: Campaign, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Every declared notice with its due date, issued date and status, as the engine computes
    them from the campaign's events; ``overdue`` marks one not issued whose due date has passed,
    ``attention`` one late or overdue."""
    reg = campaign.regulation.load().regulation
    if not reg.notices:
        return []
    calendar = make_calendar(reg)
    try:
        # a stored date the calendar does not cover is left out (selectors.event_problems)
        _, deadline_rows = compute_deadlines(reg, calendar, usable_events(campaign))
    except CalendarError:
        deadline_rows = []
    records = [
        NoticeRecord(n.notice_id, n.issued_on, n.number)
        for n in campaign.notices.order_by("notice_id")
    ]
    rows = notice_rows(reg, calendar, deadline_rows, records, f"campaign {campaign.pk}")
    today = today or timezone.localdate()
    for row in rows:
        due = row["due"]
        row["overdue"] = (
            row["status"] == NOT_ISSUED and due is not None and dt.date.fromisoformat(due) < today
        )
        row["attention"] = row["overdue"] or row["status"] == LATE
    return rows
