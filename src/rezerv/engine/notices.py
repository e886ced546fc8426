"""Notices and publications: each declared notice with its due date, the date it was issued
and whether it was on time (KM-8, KM-14, KM-20, BR-3, BR-11, AK-10)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rezerv.engine.calendar import CalendarError, ProductionCalendar
from rezerv.engine.case import NoticeRecord
from rezerv.engine.deadlines import DeadlineRow
from rezerv.engine.errors import InputError, Problem
from rezerv.engine.schema import Deadline, Regulation

ON_TIME = "on_time"
LATE = "late"
EARLY = "early"
NOT_ISSUED = "not_issued"
DUE_UNKNOWN = "due_unknown"


def _in_time(deadline: Deadline, due: dt.date, issued: dt.date) -> bool:
    if deadline.limit == "latest":
        return issued <= due
    if deadline.limit == "earliest":
        return issued >= due
    return issued == due


def notice_rows(
    reg: Regulation,
    calendar: ProductionCalendar,
    deadline_rows: Sequence[DeadlineRow],
    records: Sequence[NoticeRecord],
    label: str,
) -> list[dict[str, Any]]:
    """One row per declared notice, in the regulation's order.

        ``status``: ``on_time`` or ``late`` for an issued notice checked against its deadline,
        ``not_issued`` while no issue is recorded, ``due_unknown`` for an issued notice whose due
        date cannot be computed (an event it counts from is not given, or the regulation sets no
        term).  A late notice says by how many days (``days_late``); a notice due not before a date
    (or on it) and issued before it is ``early`` (``days_early``).
    """
    by_deadline = {row.deadline.id: row for row in deadline_rows}
    issued: dict[str, tuple[int, NoticeRecord]] = {}
    for i, rec in enumerate(records):
        try:
            calendar.is_working_day(rec.issued_on)
        except CalendarError as exc:
            where = f"notices[{i}].issued_on"
            raise InputError([Problem(label, where, None, str(exc), exc.code, exc.params)]) from exc
        issued[rec.id] = (i, rec)
    out: list[dict[str, Any]] = []
    for notice in reg.notices:
        row: dict[str, Any] = {
            "id": notice.id,
            "title": notice.title,
            "rules": notice.rules,
            "recipients": notice.recipients,
            "deadline": notice.deadline,
            "limit": None,
            "due": None,
            "issued_on": None,
        }
        due: dt.date | None = None
        if notice.deadline is not None:
            drow = by_deadline[notice.deadline]
            row["limit"] = drow.deadline.limit
            row["deadline_title"] = drow.deadline.title
            due = drow.date
            if due is not None:
                row["due"] = due.isoformat()
            elif drow.missing:
                row["missing_event"] = drow.missing
        found = issued.get(notice.id)
        if found is None:
            row["status"] = NOT_ISSUED
        else:
            rec = found[1]
            row["issued_on"] = rec.issued_on.isoformat()
            if rec.number:
                row["number"] = rec.number
            if due is None or notice.deadline is None:
                row["status"] = DUE_UNKNOWN
            elif _in_time(by_deadline[notice.deadline].deadline, due, rec.issued_on):
                row["status"] = ON_TIME
            elif rec.issued_on > due:
                row["status"] = LATE
                row["days_late"] = (rec.issued_on - due).days
            else:
                row["status"] = EARLY  # a notice due «не ранее» (or on a day) issued before it
                row["days_early"] = (due - rec.issued_on).days
        out.append(row)
    return out
