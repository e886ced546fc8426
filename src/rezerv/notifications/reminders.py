"""Reminders to the owner of a deadline (issue 12): ``REZERV_DEADLINE_REMINDER_DAYS`` before an
open deadline of the board, and once it is missed (the first daily run after its day), in the
account and by e-mail; each once per deadline and date (``Dispatch``)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from rezerv.notifications import defaults, outbox
from rezerv.notifications.board import OVERDUE, campaign_rows, open_campaigns
from rezerv.notifications.due import once


def send_reminders(day: dt.date) -> int:
    ahead = int(getattr(settings, "REZERV_DEADLINE_REMINDER_DAYS", 3))
    sent = 0
    for campaign in open_campaigns():
        link = (
            f"{str(settings.REZERV_SITE_URL).rstrip('/')}"
            f"{reverse('campaign_deadlines', kwargs={'uid': campaign.uid})}"
        )
        for row in campaign_rows(campaign, day):
            if not row.actionable or row.done_on is not None:
                continue
            if row.state == OVERDUE:
                key = defaults.DEADLINE_MISSED
            elif 0 <= (row.due - day).days <= ahead and row.limit != "earliest":
                key = defaults.DEADLINE_SOON
            else:
                continue
            owner = row.owner
            with transaction.atomic():
                if not once(f"{key}:{campaign.pk}:{row.key}:{row.due}"):
                    continue
                sent += len(
                    outbox.notify(
                        recipient=owner,
                        key=key,
                        context={
                            "name": owner.get_full_name() or owner.get_username(),
                            "campaign": campaign.title,
                            "deadline": row.title,
                            "due": row.due.strftime("%d.%m.%Y"),
                            "link": link,
                        },
                        campaign=campaign,
                    )
                )
    return sent
