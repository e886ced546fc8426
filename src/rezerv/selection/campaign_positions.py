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
from rezerv.selection.models import Application, Campaign, CampaignChoice, Position
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


def facts_from_records(reg: Regulation) -> list[FactDef]:
    """The facts whose values HR records for the campaign (``choices_from: campaign``)."""
    return [f for f in reg.facts if f.choices_from == "campaign"]


def recorded_values(campaign: Campaign, fact_id: str) -> list[str]:
    """The values HR recorded for the campaign's fact, in order of their text."""
    return sorted(
        campaign.recorded_choices.filter(fact=fact_id).values_list("value", flat=True),
        key=lambda v: (v.casefold(), v),
    )


def record_choices(campaign: Campaign, reg: Regulation | None = None) -> dict[str, list[str]]:
    """The values each fact chosen from records may take in the campaign (issue 9 §2): the
    campaign's positions for ``choices_from: positions``, HR's recorded values for
    ``choices_from: campaign``."""
    reg = reg or campaign.regulation.load().regulation
    out: dict[str, list[str]] = {}
    titles: list[str] | None = None
    for fact in reg.facts:
        if fact.choices_from == "positions":
            titles = position_titles(campaign) if titles is None else titles
            out[fact.id] = titles
        elif fact.choices_from == "campaign":
            out[fact.id] = recorded_values(campaign, fact.id)
    return out


def _recorded_fact(locked: Campaign, fact_id: str) -> FactDef:
    reg = locked.regulation.load().regulation
    fact = next((f for f in facts_from_records(reg) if f.id == fact_id), None)
    if fact is None:
        raise ServiceError(gettext("Такого списка у кампании нет."), "value")
    return fact


@transaction.atomic
def campaign_add_choice(
    *, actor: Any, campaign: Campaign, fact_id: str, value: str, expected_version: int
) -> CampaignChoice:
    """Record a value of the campaign's fact chosen from records (audit
    ``campaign.choice_add``); one differing from a recorded value only in letter case or
    spaces is that value, refused as recorded already."""
    wanted = _normal(str(value or ""))
    if not wanted:
        raise ServiceError(gettext("Укажите значение."), "value")
    if len(wanted) > CampaignChoice._meta.get_field("value").max_length:  # type: ignore[operator]
        raise ServiceError(gettext("Значение слишком длинное."), "value")
    locked = _locked(campaign, expected_version, field="value")
    fact = _recorded_fact(locked, fact_id)
    for known in recorded_values(locked, fact.id):
        if _same(known, wanted):
            raise ServiceError(
                gettext("Значение «%(value)s» уже указано.") % {"value": known}, "value"
            )
    choice = CampaignChoice.objects.create(campaign=locked, fact=fact.id, value=wanted)
    _changed(actor, locked, "campaign.choice_add", {"fact": str(fact.title), "value": wanted})
    return choice


@transaction.atomic
def campaign_remove_choice(
    *, actor: Any, campaign: Campaign, choice: CampaignChoice, expected_version: int
) -> None:
    """Take a recorded value off the campaign (audit ``campaign.choice_remove``), refused while
    an application names it."""
    locked = _locked(campaign, expected_version, field="value")
    if not CampaignChoice.objects.filter(pk=choice.pk, campaign=locked).exists():
        raise ServiceError(gettext("Такого значения у кампании нет."), "value")
    fact = _recorded_fact(locked, choice.fact)
    if _named(locked, fact.id, choice.value):
        raise ServiceError(
            gettext("Значение «%(value)s» указано в заявлениях кандидатов: снять его нельзя.")
            % {"value": choice.value},
            "value",
        )
    CampaignChoice.objects.filter(pk=choice.pk).delete()
    _changed(
        actor, locked, "campaign.choice_remove", {"fact": str(fact.title), "value": choice.value}
    )


def _normal(text: str) -> str:
    """The text with its runs of spaces made one and its ends trimmed."""
    return " ".join(text.split())


def _same(a: str, b: str) -> bool:
    return _normal(a).casefold() == _normal(b).casefold()


def _named(campaign: Campaign, fact_id: str, value: str) -> bool:
    """Whether an application of the campaign gives ``value`` for the fact."""
    return Application.objects.filter(campaign=campaign, **{f"facts__{fact_id}": value}).exists()


def _changed(actor: Any, locked: Campaign, action: str, changes: dict[str, Any]) -> None:
    """A change of the campaign's lists: its version moves on, audited as ``action``."""
    locked.version += 1
    locked.save(update_fields=["version"])
    audit(actor=actor, action=action, obj=locked, campaign=locked, changes=changes)


def _locked(campaign: Campaign, expected_version: int, *, field: str = "title") -> Campaign:
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.version != expected_version:
        raise ConcurrentEdit(gettext("Кампания изменена другим пользователем; обновите страницу."))
    if locked.status not in OPEN:
        message = (
            gettext("Целевые должности не изменяются: кампания в статусе «%(status)s».")
            if field == "title"
            else gettext("Список значений не изменяется: кампания в статусе «%(status)s».")
        )
        raise ServiceError(message % {"status": CampaignStatus(locked.status).label}, field)
    return locked


@transaction.atomic
def campaign_add_position(
    *, actor: Any, campaign: Campaign, title: str, expected_version: int
) -> Position:
    """Record a target position of the campaign (audit ``campaign.position_add``): the body's
    post of that title (letter case and spaces aside), or a new post of the body."""
    wanted = _normal(str(title or ""))
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
    _changed(actor, locked, "campaign.position_add", {"post": position.title})
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
        if _named(locked, fact.id, position.title):
            raise ServiceError(
                gettext("Должность «%(title)s» указана в заявлениях кандидатов: снять её нельзя.")
                % {"title": position.title},
                "position",
            )
    locked.target_positions.remove(position)
    _changed(actor, locked, "campaign.position_remove", {"post": position.title})
