"""Campaigns of a scenario: created and announced at the HR desk, their events, their status."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User

from rezerv.selection import services, states
from rezerv.selection.campaign_positions import campaign_add_choice, campaign_add_position
from rezerv.selection.models import Campaign, Position, StateBody


def announce(
    hr: User,
    *,
    code: str,
    kind: str,
    title: str,
    body: StateBody,
    on: dt.date,
    position: Position | None = None,
    new_position: dict[str, Any] | None = None,
    announcement: dict[str, str] | None = None,
    target_positions: tuple[str, ...] | list[str] = (),
    recorded: dict[str, list[str]] | None = None,
    **fields: Any,
) -> Campaign:
    """A campaign of regulation ``code`` created (audit ``campaign.create``) and announced
    ``on`` that day (``campaign.publish``); ``fields``: vacancies, quotas, events;
    ``target_positions``: the titles of the posts it is for (``campaign.position_add``);
    ``recorded``: by fact id, the values of a fact chosen from records (``campaign.choice_add``)."""
    campaign = services.campaign_create(
        actor=hr,
        regulation_code=code,
        body=body,
        position=position,
        new_position=new_position,
        kind=kind,
        title=title,
        announcement=announcement or {},
        **fields,
    )
    for title in target_positions:
        campaign.refresh_from_db()
        campaign_add_position(
            actor=hr, campaign=campaign, title=title, expected_version=campaign.version
        )
    for fact_id, values in (recorded or {}).items():
        for value in values:
            campaign.refresh_from_db()
            campaign_add_choice(
                actor=hr,
                campaign=campaign,
                fact_id=fact_id,
                value=value,
                expected_version=campaign.version,
            )
    campaign.refresh_from_db()
    return services.campaign_publish(actor=hr, campaign=campaign, on=on)


def draft(hr: User, *, code: str, kind: str, title: str, body: StateBody) -> Campaign:
    """A campaign created and not announced."""
    return services.campaign_create(
        actor=hr, regulation_code=code, body=body, kind=kind, title=title
    )


def set_events(hr: User, campaign: Campaign, **events: str) -> Campaign:
    """Record event dates (ISO days) as the procedure goes (audit ``campaign.update``)."""
    campaign.refresh_from_db()
    return services.campaign_update(
        actor=hr,
        campaign=campaign,
        expected_version=campaign.version,
        events={**campaign.events, **events},
    )


def to_assessment(hr: User, campaign: Campaign) -> Campaign:
    """The intake is over: the campaign moves to assessment."""
    campaign.refresh_from_db()
    return states.campaign_transition(
        actor=hr, campaign=campaign, to=states.CampaignStatus.ASSESSMENT
    )
