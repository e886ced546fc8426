"""The positions a campaign is for (issue 9 §2: target positions chosen from records).

A fact the regulation declares ``choices_from: positions`` (PK's target position, PK-2) is
one of the campaign's positions: its own ``position`` and the ``target_positions`` HR records
at the desk.  The value stored is the position's title as recorded, so two candidates naming
one post are rated together whatever they would have typed (PK-7: a rating per target
position).  HR adds a position by its title (a post of the body whose title differs only in
letter case or spaces is that post, not a new one) and removes one no application names.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from rezerv.engine.schema import FactDef, Regulation
from rezerv.selection.models import Application, Campaign, Position
from rezerv.selection.services import ConcurrentEdit, ServiceError, audit
from rezerv.selection.states import CampaignStatus

# a position may be added or removed while the campaign takes applications
OPEN = (CampaignStatus.DRAFT, CampaignStatus.PUBLISHED)


def position_facts_from_records(reg: Regulation) -> list[FactDef]:
    """The facts whose value is one of the campaign's positions."""
    return [f for f in reg.facts if f.choices_from == "positions"]


def campaign_positions(campaign: Campaign) -> list[Position]:
    """The campaign's position, then its target positions by title."""
    found: list[Position] = [campaign.position] if campaign.position is not None else []
    for position in campaign.target_positions.order_by("title", "pk"):
        if all(p.pk != position.pk for p in found):
            found.append(position)
    return found


def position_titles(campaign: Campaign) -> list[str]:
    """The values a ``choices_from: positions`` fact may take in the campaign."""
    return [p.title for p in campaign_positions(campaign)]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _locked(campaign: Campaign, expected_version: int) -> Campaign:
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.version != expected_version:
        raise ConcurrentEdit(gettext("Кампания изменена другим пользователем; обновите страницу."))
    if locked.status not in OPEN:
        raise ServiceError(
            gettext("Целевые должности не изменяются: кампания в статусе «%(status)s».")
            % {"status": CampaignStatus(locked.status).label},
            "title",
        )
    return locked


@transaction.atomic
def campaign_add_position(
    *, actor: Any, campaign: Campaign, title: str, expected_version: int
) -> Position:
    """Record a target position of the campaign (audit ``campaign.position_add``): the body's
    post of that title (letter case and spaces aside), or a new post of the body."""
    wanted = " ".join(str(title or "").split())
    if not wanted:
        raise ServiceError(gettext("Укажите наименование должности."), "title")
    if len(wanted) > Position._meta.get_field("title").max_length:  # type: ignore[operator]
        raise ServiceError(gettext("Наименование должности слишком длинное."), "title")
    locked = _locked(campaign, expected_version)
    for position in campaign_positions(locked):
        if _same(position.title, wanted):
            raise ServiceError(
                gettext("Должность «%(title)s» уже указана.") % {"title": position.title},
                "title",
            )
    existing = next(
        (p for p in Position.objects.filter(body=locked.body) if _same(p.title, wanted)), None
    )
    position = existing or Position.objects.create(body=locked.body, title=wanted)
    locked.target_positions.add(position)
    locked.version += 1
    locked.save(update_fields=["version"])
    audit(
        actor=actor,
        action="campaign.position_add",
        obj=locked,
        campaign=locked,
        changes={"post": position.title},
    )
    return position


@transaction.atomic
def campaign_remove_position(
    *, actor: Any, campaign: Campaign, position: Position, expected_version: int
) -> None:
    """Take a target position off the campaign (audit ``campaign.position_remove``), refused
    while an application names it."""
    locked = _locked(campaign, expected_version)
    if not locked.target_positions.filter(pk=position.pk).exists():
        raise ServiceError(gettext("Такой целевой должности у кампании нет."), "position")
    reg = locked.regulation.load().regulation
    for fact in position_facts_from_records(reg):
        if Application.objects.filter(
            campaign=locked, **{f"facts__{fact.id}": position.title}
        ).exists():
            raise ServiceError(
                gettext("Должность «%(title)s» указана в заявлениях кандидатов: снять её нельзя.")
                % {"title": position.title},
                "position",
            )
    locked.target_positions.remove(position)
    locked.version += 1
    locked.save(update_fields=["version"])
    audit(
        actor=actor,
        action="campaign.position_remove",
        obj=locked,
        campaign=locked,
        changes={"post": position.title},
    )
