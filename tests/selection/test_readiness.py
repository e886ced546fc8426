"""The readiness panel: what is missing before a campaign's next step, in the regulation's words."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.engine.loader import bundled_path, load_regulation
from rezerv.selection import readiness, services
from tests.web import factories as f

pytestmark = pytest.mark.django_db

KINDS = {"AK": "contest", "BR": "reserve", "KM": "vacancy", "PK": "reserve", "TP": "talent_pool"}


@pytest.fixture(autouse=True)
def _quick(settings: Any, tmp_path: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path)


def codes(items: list[readiness.Item]) -> list[str]:
    return [item.code for item in items]


def draft(code: str, **fields: Any) -> Any:
    hr = f.hr_user(f.body())
    return services.campaign_create(
        actor=hr,
        regulation_code=code,
        body=hr.staff.body,
        kind=KINDS[code],
        title=f"Кампания {code}",
        **fields,
    )


@pytest.mark.parametrize("code", sorted(KINDS))
def test_a_new_draft_names_the_texts_the_dates_and_the_publication(code: str) -> None:
    reg = load_regulation(bundled_path(code)).regulation
    items = readiness.readiness(draft(code))
    intake = next(s for s in reg.stages if s.kind == "intake")
    titles = {e.id: e.title for e in reg.events}
    events = [i.message for i in items if i.code == "event_missing"]
    if intake.closes in titles:  # an event the officer enters, not a deadline counted from one
        assert f"Укажите дату: «{titles[intake.closes]}»." in events
    assert all(i.href.endswith("#events") for i in items if i.code == "event_missing")
    assert codes(items)[-1] == "not_published"
    # each date once, though the intake's opening and closing may both lack it (TP: the cycle)
    assert len(events) == len(set(events))
    texts = [i.message for i in items if i.code == "announcement_text"]
    # the texts the regulation requires in its announcement (KM-4, TP-6), by their titles
    declared = reg.announcement
    required = [t.title for t in declared.fields if t.required] if declared else []
    assert texts == [f"Текст объявления: не заполнено поле «{t}»." for t in required]
    if code == "KM":
        assert "Текст объявления: не заполнено поле «Условия прохождения службы»." in texts
    for item in items:
        assert item.href.startswith("/")
        for ident in (intake.id, intake.closes or "-", "None"):
            assert ident not in item.message


def test_km4_texts_filled_leave_only_the_publication() -> None:
    # KM's intake ends a fixed number of days after the announcement: nothing to enter
    campaign = draft(
        "KM", announcement={"conditions": "Условия", "submission": "Приём", "venue": "Место"}
    )
    assert codes(readiness.readiness(campaign)) == ["not_published"]


@pytest.mark.parametrize("code", sorted(KINDS))
def test_km4_the_publication_sets_the_event_the_regulation_names(code: str) -> None:
    """Publishing sets the event flagged ``publication`` (KM: the announcement, KM-4) to the
    day; its date is never asked.  PK flags none: the publication sets no date."""
    reg = load_regulation(bundled_path(code)).regulation
    campaign = draft(code)
    event = reg.publication_event()
    assert all(
        titles not in i.message
        for i in readiness.readiness(campaign)
        for titles in [e.title for e in reg.events if e.id == event]
    )
    texts = {t.id: "Текст" for t in reg.announcement.fields} if reg.announcement else {}
    campaign = services.campaign_update(
        actor=campaign.created_by,
        campaign=campaign,
        expected_version=campaign.version,
        announcement=texts,
    )
    day = timezone.localdate()
    published = services.campaign_publish(actor=campaign.created_by, campaign=campaign, on=day)
    if code == "PK":
        assert event is None and published.events == {}
    else:
        assert event is not None and published.events == {event: day.isoformat()}


def test_published_km_without_candidates_and_commission() -> None:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate())
    items = readiness.readiness(campaign)
    assert codes(items) == ["no_admitted", "commission_missing"]
    reg = campaign.regulation.load().regulation
    stage = reg.stage("competition").title
    assert items[0].message == f"Нет кандидатов, допущенных к этапу «{stage}»."
    assert items[1].message == f"Назначьте комиссию этапа «{stage}»."
    assert items[1].href == reverse("desk_commissions", args=[campaign.uid])


def test_km_with_commission_and_candidates_asks_for_scoring_and_the_meeting() -> None:
    hr = f.hr_user(f.body())
    today = timezone.localdate()
    campaign = f.km_campaign(hr, announce=today)
    campaign.events = {**campaign.events, "intake_end": (today + dt.timedelta(days=21)).isoformat()}
    campaign.save()
    members = f.km_commission(hr, campaign)
    f.km_application(campaign, f.candidate("ivanov", "Иванов", "Иван"))
    assert codes(readiness.readiness(campaign)) == ["scoring_open", "meeting_missing"]
    services.scoring_close(actor=hr, campaign=campaign, stage_id="competition")
    campaign.refresh_from_db()
    meeting = services.meeting_schedule(
        actor=hr,
        campaign=campaign,
        commission=members[0].commission,
        stage_id="competition",
        date=today + dt.timedelta(days=25),
    )
    campaign.refresh_from_db()
    items = readiness.readiness(campaign)
    assert codes(items) == ["meeting_not_held"]
    assert items[0].href == reverse("desk_meeting", args=[meeting.pk])


def test_a_decided_km_campaign_needs_nothing_more() -> None:
    world = f.km_world(timezone.localdate())
    assert readiness.readiness(world["campaign"]) == []


def test_pk_commission_without_members_and_the_intake_end() -> None:
    campaign = draft(
        "PK", announcement={"conditions": "Условия", "submission": "Приём", "venue": "Место"}
    )
    hr = campaign.created_by
    campaign = services.campaign_publish(actor=hr, campaign=campaign, on=timezone.localdate())
    services.commission_create(
        actor=hr,
        campaign=campaign,
        rule_id="reserve_commission",
        name="Комиссия по резерву",
        stages=["commission"],
    )
    messages = [i.message for i in readiness.readiness(campaign)]
    assert messages[0].startswith("Укажите дату: «Начало ежегодного формирования")
    assert messages[1].startswith("Укажите дату: «Окончание приёма документов")
    assert "В комиссию «Комиссия по резерву» не включены члены." in messages


def test_the_desk_shows_the_panel_with_links() -> None:
    campaign = draft("BR")
    client = Client()
    assert client.login(username="hr", password="pass-Word-1")
    page = client.get(reverse("desk_campaign", args=[campaign.uid])).content.decode()
    assert 'id="readiness"' in page
    assert "Объявление не опубликовано." in page
    assert reverse("desk_announcement", args=[campaign.uid]) in page
