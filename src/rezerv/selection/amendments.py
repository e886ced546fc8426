"""Amendments of a published announcement (issue 9 §2).

Before publication HR edits the announcement's texts freely (``services.campaign_update``);
once it is published, the candidates have read it, so a change is an amendment: it states its
ground, keeps each changed text before and after, and the announcement lists it with its date.
A required text (the regulation's ``announcement.fields``) is never emptied. After the decision
the announcement is history and is not amended.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from rezerv.selection.models import AnnouncementAmendment, Campaign
from rezerv.selection.services import ConcurrentEdit, ServiceError, audit, check_announcement
from rezerv.selection.states import CampaignStatus

AMENDABLE = frozenset({CampaignStatus.PUBLISHED, CampaignStatus.ASSESSMENT})


@transaction.atomic
def announcement_amend(
    *,
    actor: Any,
    campaign: Campaign,
    expected_version: int,
    texts: dict[str, str],
    reason: str,
) -> AnnouncementAmendment:
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.version != expected_version:
        raise ConcurrentEdit(gettext("Кампания изменена другим пользователем; обновите страницу."))
    if CampaignStatus(locked.status) not in AMENDABLE:
        raise ServiceError(
            gettext("Объявление изменяется после публикации и до решения комиссии.")
            if locked.status != CampaignStatus.DRAFT
            else gettext("Объявление ещё не опубликовано: измените его текст без основания.")
        )
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(
            gettext("Укажите основание изменения: оно публикуется вместе с изменением."),
            "reason",
        )
    reg = locked.regulation.load().regulation
    after = check_announcement(reg, texts)
    for spec in reg.announcement.fields if reg.announcement else ():
        if spec.required and not after.get(spec.id):
            raise ServiceError(
                gettext("«%(field)s» обязательно для объявления: его нельзя оставить пустым.")
                % {"field": spec.title},
                spec.id,
            )
    before: dict[str, str] = dict(locked.announcement or {})
    changes = {
        key: {"before": before.get(key, ""), "after": after.get(key, "")}
        for key in sorted(set(before) | set(after))
        if before.get(key, "") != after.get(key, "")
    }
    if not changes:
        raise ServiceError(gettext("Текст объявления не изменён."))
    locked.announcement = after
    locked.version += 1
    locked.save(update_fields=["announcement", "version"])
    amendment = AnnouncementAmendment.objects.create(
        campaign=locked, by=actor, reason=reason, changes=changes
    )
    audit(
        actor=actor,
        action="campaign.amend",
        obj=locked,
        campaign=locked,
        changes={"amendment": amendment.pk, "fields": sorted(changes), "reason": reason},
    )
    return amendment


def amendments_of(campaign: Campaign) -> list[dict[str, Any]]:
    """The announcement's amendments, oldest first, with the titles of the changed texts."""
    reg = campaign.regulation.load().regulation
    titles = {f.id: f.title for f in reg.announcement.fields} if reg.announcement else {}
    return [
        {
            "at": a.at,
            "reason": a.reason,
            "fields": [titles.get(key, key) for key in a.changes],
        }
        for a in campaign.amendments.all()
    ]
