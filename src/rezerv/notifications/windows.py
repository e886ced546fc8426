"""Messages the daily job sends for what has a date of its own (issue 12): a development-plan
item coming due (``REZERV_DEADLINE_REMINDER_DAYS`` before its date, to the member, while it is
neither reported on nor assessed) and a test window opening (the first run from its first day
while it is open) and closing (its last day and the day before, to the candidates who may take
it and have not).  Each once (``Dispatch``), in the account and by e-mail."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rezerv.assessment.models import Attempt, TestSession
from rezerv.assessment.services import may_take
from rezerv.notifications import defaults, outbox
from rezerv.notifications.due import _url, once
from rezerv.selection.reserve_use_models import PlanItem


def send_plan_items_due(day: dt.date) -> int:
    """Tell each member of the reserve that a plan item of theirs comes due; the messages
    written."""
    ahead = int(getattr(settings, "REZERV_DEADLINE_REMINDER_DAYS", 3))
    items = (
        PlanItem.objects.filter(
            due__gte=day,
            due__lte=day + dt.timedelta(days=ahead),
            assessment="",
            reports__isnull=True,
            entry__excluded_on__isnull=True,
            entry__decision__superseded_at__isnull=True,
            entry__person__user__isnull=False,
        )
        .select_related("entry__person__user", "entry__campaign__regulation")
        .order_by("due", "pk")
    )
    sent = 0
    for item in items:
        entry = item.entry
        with transaction.atomic():
            if not once(f"plan_item:{item.pk}:{item.due}"):
                continue
            sent += len(
                outbox.notify(
                    recipient=entry.person.user,
                    key=defaults.PLAN_ITEM_DUE,
                    context={
                        "name": entry.person.full_name,
                        "campaign": entry.campaign.title,
                        "item": item.title,
                        "due": item.due.strftime("%d.%m.%Y"),
                        "link": _url("me_reserve"),
                    },
                    campaign=entry.campaign,
                )
            )
    return sent


def _moment(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")


def _test_title(session: TestSession) -> str:
    reg = session.campaign.regulation.load().regulation
    return str(next((m.title for m in reg.methods if m.id == session.method_id), ""))


def _notify_takers(session: TestSession, key: str, *, untaken: bool) -> int:
    sent = 0
    taken: set[int] = set()
    if untaken:
        taken = set(
            Attempt.objects.filter(session=session, closed_at__isnull=False).values_list(
                "application_id", flat=True
            )
        )
    apps = session.campaign.applications.select_related("person__user").order_by("pk")
    for app in apps:
        if app.person.user is None or app.pk in taken or not may_take(session, app):
            continue
        sent += len(
            outbox.notify(
                recipient=app.person.user,
                key=key,
                context={
                    "name": app.person.full_name,
                    "campaign": session.campaign.title,
                    "test": _test_title(session),
                    "opens": _moment(session.opens),
                    "closes": _moment(session.closes),
                    "link": _url("assessment_tests", uid=app.uid),
                },
                campaign=session.campaign,
                application=app,
            )
        )
    return sent


def send_test_windows(day: dt.date) -> int:
    """Tell the candidates a test window is open, and that it is about to close; the messages
    written."""
    sent = 0
    sessions = TestSession.objects.filter(closes__date__gte=day - dt.timedelta(days=1))
    for session in sessions.select_related("campaign__regulation").order_by("opens", "pk"):
        opens = timezone.localdate(session.opens)
        closes = timezone.localdate(session.closes)
        if opens <= day <= closes:
            with transaction.atomic():
                if once(f"test_opens:{session.pk}:{session.opens.isoformat()}"):
                    sent += _notify_takers(session, defaults.TEST_OPENS, untaken=False)
        if opens < day and 0 <= (closes - day).days <= 1:
            with transaction.atomic():
                if once(f"test_closes:{session.pk}:{session.closes.isoformat()}"):
                    sent += _notify_takers(session, defaults.TEST_CLOSES, untaken=True)
    return sent
