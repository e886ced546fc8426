"""What is missing before the next step of a campaign can run (the readiness panel of the desk).

A pure read over the campaign, the declarations of its regulation (stages, events,
commissions) and its records (applications, commissions, meetings, decisions in force). Every
item names what is missing in words — the regulation's titles, never its identifiers — and
where on the desk it is put right. The steps are read in the order of the regulation's stages:
only the first stage not yet decided is examined, since a later one cannot run before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from rezerv.engine.schema import AnnouncementField, Regulation, Stage
from rezerv.selection import in_force, selectors
from rezerv.selection.models import Campaign
from rezerv.selection.states import ApplicationStatus, CampaignStatus


@dataclass(frozen=True)
class Item:
    """One thing missing: a stable ``code``, the ``message`` in words, where to put it right."""

    code: str
    message: str
    view: str
    args: tuple[Any, ...] = field(default_factory=tuple)
    fragment: str = ""

    @property
    def href(self) -> str:
        url = reverse(self.view, args=self.args)
        return f"{url}#{self.fragment}" if self.fragment else url


def announcement_missing(campaign: Campaign) -> list[AnnouncementField]:
    """The texts the regulation requires in the announcement (``announcement.fields`` marked
    ``required``: KM-4, TP-6) that are still empty."""
    reg = campaign.regulation.load().regulation
    if reg.announcement is None:
        return []
    texts = campaign.announcement or {}
    return [f for f in reg.announcement.fields if f.required and not texts.get(f.id, "").strip()]


def _positions_item(campaign: Campaign, reg: Regulation) -> list[Item]:
    """The campaign's target positions, when a fact is chosen from them (issue 9 §2) and
    none is recorded."""
    from rezerv.selection.campaign_positions import position_facts_from_records, position_titles

    asked = position_facts_from_records(reg)
    if not asked or position_titles(campaign):
        return []
    return [
        Item(
            "target_positions",
            gettext("Укажите целевые должности: кандидаты выбирают из них «%(fact)s».")
            % {"fact": asked[0].title},
            "desk_campaign",
            (campaign.uid,),
            "target-positions",
        )
    ]


def _recorded_items(campaign: Campaign, reg: Regulation) -> list[Item]:
    """Each fact chosen from the values HR records for the campaign (``choices_from:
    campaign``, issue 9 §2) for which none is recorded."""
    from rezerv.selection.campaign_positions import facts_from_records, recorded_values

    return [
        Item(
            "recorded_choices",
            gettext("Укажите значения «%(fact)s»: кандидаты выбирают из них.")
            % {"fact": fact.title},
            "desk_campaign",
            (campaign.uid,),
            f"recorded-{number}",
        )
        for number, fact in enumerate(facts_from_records(reg), start=1)
        if not recorded_values(campaign, fact.id)
    ]


def readiness(campaign: Campaign) -> list[Item]:
    """What is missing before the campaign's next step can run; empty when nothing is."""
    reg = campaign.regulation.load().regulation
    uid = campaign.uid
    items: list[Item] = []
    if campaign.status == CampaignStatus.DRAFT:
        for text in announcement_missing(campaign):
            items.append(
                Item(
                    "announcement_text",
                    gettext("Текст объявления: не заполнено поле «%(field)s».")
                    % {"field": text.title},
                    "desk_announcement",
                    (uid,),
                )
            )
    events = {e.id: e.title for e in reg.events}
    intake = next((s for s in reg.stages if s.kind == "intake"), None)
    if intake is not None:
        for event in (intake.opens, intake.closes):
            items += _event_item(campaign, events, event, reg.publication_event())
    if campaign.status in (CampaignStatus.DRAFT, CampaignStatus.PUBLISHED):
        items += _positions_item(campaign, reg)
        items += _recorded_items(campaign, reg)
    if campaign.status == CampaignStatus.DRAFT:
        items.append(
            Item(
                "not_published",
                gettext("Объявление не опубликовано."),
                "desk_campaign",
                (uid,),
            )
        )
        return _once(items)
    items += _next_stage_items(campaign, reg, events)
    return _once(items)


def _once(items: list[Item]) -> list[Item]:
    """Each thing missing once (the intake's opening and closing may lack the same date)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for item in items:
        if (item.code, item.message) not in seen:
            seen.add((item.code, item.message))
            out.append(item)
    return out


def _event_item(
    campaign: Campaign, events: dict[str, str], event: str | None, publication: str | None
) -> list[Item]:
    """The date of ``event`` to enter; for a deadline counted from others, the one it lacks.
    The event the publication sets (``publication``, services.campaign_publish) is not asked."""
    if event is None or event == publication or campaign.events.get(event):
        return []
    if event not in events:
        row = next((r for r in selectors.campaign_deadlines(campaign) if r["id"] == event), None)
        missing = row.get("missing_event") if row else None
        if row is None or row["date"] or not missing or missing == event:
            return []
        return _event_item(campaign, events, missing, publication)
    return [
        Item(
            "event_missing",
            gettext("Укажите дату: «%(event)s».") % {"event": events[event]},
            "desk_campaign",
            (campaign.uid,),
            "events",
        )
    ]


def _decided(stage: Stage) -> bool:
    """Whether the stage ends with a decision of its own (at a meeting or by the officer)."""
    return bool(stage.awards) or stage.commission is not None


def _next_stage_items(campaign: Campaign, reg: Regulation, events: dict[str, str]) -> list[Item]:
    uid = campaign.uid
    previous: Stage | None = None
    for stage in reg.stages:
        if stage.kind != "assessment" or not _decided(stage):
            continue
        decision = in_force.latest_in_force(campaign, stage_id=stage.id, with_inputs=False)
        if decision is not None:
            previous = stage
            continue
        items = _admitted_items(campaign, stage, previous)
        items += _commission_items(campaign, reg, stage)
        if stage.commission is None:
            items.append(
                Item(
                    "decision_missing",
                    gettext("Не сформировано решение по этапу «%(stage)s».")
                    % {"stage": stage.title},
                    "desk_campaign",
                    (uid,),
                    "stages",
                )
            )
        return items
    if previous is not None and previous.decision_event:
        return _event_item(campaign, events, previous.decision_event, reg.publication_event())
    return []


def _admitted_items(campaign: Campaign, stage: Stage, previous: Stage | None) -> list[Item]:
    if previous is None:
        count = campaign.applications.filter(status=ApplicationStatus.ADMITTED).count()
    else:
        decision = in_force.latest_in_force(campaign, stage_id=previous.id, with_inputs=False)
        rows = (decision.result or {}).get("candidates", []) if decision else []
        count = sum(1 for row in rows if row.get("outcome") not in (None, previous.otherwise))
    if count:
        return []
    return [
        Item(
            "no_admitted",
            gettext("Нет кандидатов, допущенных к этапу «%(stage)s».") % {"stage": stage.title},
            "desk_campaign",
            (campaign.uid,),
            "applications",
        )
    ]


def _commission_items(campaign: Campaign, reg: Regulation, stage: Stage) -> list[Item]:
    if stage.commission is None:
        return []
    uid = campaign.uid
    serving = [c for c in campaign.commissions.all() if stage.id in c.stages]
    if not serving:
        return [
            Item(
                "commission_missing",
                gettext("Назначьте комиссию этапа «%(stage)s».") % {"stage": stage.title},
                "desk_commissions",
                (uid,),
            )
        ]
    items = [
        Item(
            "commission_empty",
            gettext("В комиссию «%(commission)s» не включены члены.") % {"commission": c.name},
            "desk_commissions",
            (uid,),
        )
        for c in serving
        if not c.members.exists()
    ]
    if items:
        return items
    ballots = any(reg.method(m).kind == "ballot" for m in stage.methods)
    if ballots and stage.id not in campaign.closed_stages:
        items.append(
            Item(
                "scoring_open",
                gettext("Не закрыта независимая оценка членов комиссии на этапе «%(stage)s».")
                % {"stage": stage.title},
                "desk_campaign",
                (uid,),
                "stages",
            )
        )
    meeting = campaign.meetings.filter(stage_id=stage.id).order_by("-date", "-pk").first()
    if meeting is None:
        items.append(
            Item(
                "meeting_missing",
                gettext("Не назначено заседание комиссии этапа «%(stage)s».")
                % {"stage": stage.title},
                "desk_meeting_new",
                (uid, stage.id),
            )
        )
    else:
        items.append(
            Item(
                "meeting_not_held",
                gettext(
                    "Не проведено заседание комиссии этапа «%(stage)s»: решение не сформировано."
                )
                % {"stage": stage.title},
                "desk_meeting",
                (meeting.pk,),
            )
        )
    return items
