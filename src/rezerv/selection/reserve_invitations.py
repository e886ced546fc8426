"""Members of the reserve invited to the competition for a vacancy (issue 10: "for a
competitive vacancy, the matching reserve members are invited to the competition").

HR picks a competition of the vacancy's body open for applications; every member who meets the
vacancy's qualification requirements (the same matching as BR-20, PK-7) and is not invited to it
yet gets a message through the outbox (in the account, and by e-mail); each invitation is kept,
with whether a message could be sent, and the act is audited (``reserve.vacancy_invite``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext

from rezerv.selection.models import Campaign
from rezerv.selection.reserve_review_models import VacancyInvitation
from rezerv.selection.reserve_use_models import Vacancy
from rezerv.selection.reserve_vacancies import matches
from rezerv.selection.services import ServiceError, audit
from rezerv.selection.states import CampaignStatus


def competitions_for(vacancy: Vacancy) -> QuerySet[Campaign]:
    """The competitions of the vacancy's body that accept applications now."""
    return Campaign.objects.filter(
        body_id=vacancy.body_id, status=CampaignStatus.PUBLISHED
    ).order_by("-pk")


@transaction.atomic
def vacancy_invite(
    *, actor: Any, vacancy: Vacancy, campaign: Campaign, today: dt.date
) -> list[VacancyInvitation]:
    from rezerv.notifications.events import reserve_invited  # the app above selection

    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if locked.filled_on is not None:
        raise ServiceError(gettext("Должность уже замещена."))
    if not competitions_for(locked).filter(pk=campaign.pk).exists():
        raise ServiceError(
            gettext("Выберите конкурс органа, по которому идёт приём документов."),
            field="campaign",
        )
    invited = set(
        VacancyInvitation.objects.filter(vacancy=locked, campaign=campaign).values_list(
            "entry_id", flat=True
        )
    )
    found = matches(actor, locked, today)
    new = [entry for _match, entry in found.meets if entry.pk not in invited]
    if not new:
        raise ServiceError(
            gettext("Нет членов резерва, соответствующих требованиям и ещё не приглашённых.")
        )
    out = []
    for entry in new:
        invitation = VacancyInvitation.objects.create(
            vacancy=locked,
            entry=entry,
            campaign=campaign,
            invited_on=today,
            invited_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        invitation.notified = reserve_invited(invitation=invitation, actor=actor)
        invitation.save(update_fields=["notified"])
        out.append(invitation)
    audit(
        actor=actor,
        action="reserve.vacancy_invite",
        obj=locked,
        campaign=campaign,
        changes={
            "entries": [i.entry_id for i in out],
            "notified": [i.entry_id for i in out if i.notified],
        },
    )
    return out
