"""Reads of a candidate's personal data: recorded, summarised, shown to the candidate, expired.

152-FZ (and Kazakhstan's law on personal data) ask that access to personal data be accounted
for; the candidate may ask who processed their data. Every read of an application by someone
other than its candidate — its page in the web, its record in the API, one of its files — is
counted in one row per reader, application, day and channel (``PersonalDataRead``); the audit
log keeps the changes. The rows are kept ``REZERV_READ_RETENTION_DAYS`` days (three years by
default, as long as a competition's documents, KM-21) and then deleted by ``purge``
(``manage.py purge_reads``, daily).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from rezerv.selection.models import Application, CommissionMember, PersonalDataRead

DEFAULT_RETENTION_DAYS = 3 * 365


def retention_days() -> int:
    return int(getattr(settings, "REZERV_READ_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def record(reader: Any, application: Application, channel: str) -> None:
    """Count one read of ``application`` by ``reader`` (the candidate's own reads are not)."""
    if not getattr(reader, "is_authenticated", False):
        return
    if application.person.user_id == reader.pk:
        return
    now = timezone.now()
    key = {
        "reader_id": reader.pk,
        "application": application,
        "day": timezone.localdate(now),
        "channel": channel,
    }
    rows = PersonalDataRead.objects.filter(**key)
    if rows.update(count=F("count") + 1, last_at=now):
        return
    try:
        with transaction.atomic():
            PersonalDataRead.objects.create(**key, first_at=now, last_at=now)
    except IntegrityError:  # another request of the same reader created the day's row first
        rows.update(count=F("count") + 1, last_at=now)


def record_many(reader: Any, applications: list[Application], channel: str) -> None:
    """Count one read of each of ``applications`` by ``reader`` (a page of a list), in a
    constant number of queries: the day's existing rows counted up in one statement, the
    missing ones created in one (the candidate's own reads are not counted)."""
    if not getattr(reader, "is_authenticated", False):
        return
    ids = {a.pk for a in applications if a.person.user_id != reader.pk}
    if not ids:
        return
    now = timezone.now()
    key = {"reader_id": reader.pk, "day": timezone.localdate(now), "channel": channel}
    rows = PersonalDataRead.objects.filter(**key, application_id__in=ids)
    with transaction.atomic():
        existing = set(rows.values_list("application_id", flat=True))
        if existing:
            rows.filter(application_id__in=existing).update(count=F("count") + 1, last_at=now)
        missing = sorted(ids - existing)
        if missing:
            PersonalDataRead.objects.bulk_create(
                [
                    PersonalDataRead(**key, application_id=pk, first_at=now, last_at=now)
                    for pk in missing
                ],
                ignore_conflicts=True,  # another request of the same reader came first
            )


@dataclass(frozen=True)
class Read:
    day: dt.date
    who: str
    role: str
    channel: str
    count: int


def reads_of(application: Application) -> list[Read]:
    """Who read the application, newest first, as its candidate sees it."""
    rows = list(
        PersonalDataRead.objects.filter(application=application)
        .select_related("reader", "reader__staff__body")
        .order_by("-day", "-last_at")
    )
    seats = {
        m.user_id: m
        for m in CommissionMember.objects.filter(
            commission__campaign_id=application.campaign_id,
            user_id__in={r.reader_id for r in rows},
        )
    }
    channels = dict(PersonalDataRead.CHANNELS)
    out = []
    for row in rows:
        seat = seats.get(row.reader_id)
        staff = getattr(row.reader, "staff", None)
        if seat is not None:
            who, role = seat.full_name, str(seat.get_role_display())
        else:
            who = row.reader.get_full_name() or row.reader.get_username()
            role = str(staff.get_role_display()) if staff is not None else ""
            if staff is not None and staff.body is not None:
                role = f"{role}, {staff.body}"
        out.append(Read(row.day, who, role, str(channels[row.channel]), row.count))
    return out


def purge(today: dt.date | None = None) -> int:
    """Delete the read rows past their retention; the number deleted."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=retention_days())
    deleted, _ = PersonalDataRead.objects.filter(day__lt=cutoff).delete()
    return deleted
