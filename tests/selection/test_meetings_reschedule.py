"""Meetings moved or cancelled with a reason (issue 9 §2): audited with the old and new values,
refused once votes are recorded, and a cancelled meeting decides nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from rezerv.selection import meetings, services
from rezerv.selection.models import AuditEvent, Meeting
from rezerv.selection.states import MeetingStatus
from tests.web import factories as f

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def world(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    state_body = f.body()
    hr = f.hr_user(state_body)
    campaign = f.km_campaign(hr, announce=TODAY - dt.timedelta(days=2))
    members = f.km_commission(hr, campaign)
    application = f.km_application(campaign, f.candidate("ivanov", "Иванов", "Иван"))
    meeting = services.meeting_schedule(
        actor=hr,
        campaign=campaign,
        commission=members[0].commission,
        stage_id="competition",
        date=TODAY + dt.timedelta(days=25),
        place="зал 1",
    )
    return {"hr": hr, "campaign": campaign, "members": members, "meeting": meeting,
            "application": application}  # fmt: skip


def test_reschedule_records_old_and_new_values(world) -> None:  # type: ignore[no-untyped-def]
    meeting = world["meeting"]
    new_day = meeting.date + dt.timedelta(days=3)
    moved = meetings.meeting_reschedule(
        actor=world["hr"], meeting=meeting, date=new_day, time=dt.time(10, 30), place="зал 2",
        reason="болезнь председателя", expected_version=meeting.version,
    )  # fmt: skip
    assert moved.status == MeetingStatus.RESCHEDULED
    assert (moved.date, moved.time, moved.place) == (new_day, dt.time(10, 30), "зал 2")
    event = AuditEvent.objects.get(action="meeting.reschedule", object_id=str(meeting.pk))
    assert event.changes["reason"] == "болезнь председателя"
    assert event.changes["date"] == {
        "before": meeting.date.isoformat(),
        "after": new_day.isoformat(),
    }
    assert event.changes["place"] == {"before": "зал 1", "after": "зал 2"}
    history = meetings.meeting_history(moved)
    assert history[0]["reason"] == "болезнь председателя"
    assert not history[0]["cancelled"]
    # the stage's decision event follows the new date (as when scheduled)
    world["campaign"].refresh_from_db()
    assert new_day.isoformat() in world["campaign"].events.values()


def test_reason_is_required(world) -> None:  # type: ignore[no-untyped-def]
    meeting = world["meeting"]
    with pytest.raises(services.ServiceError) as exc:
        meetings.meeting_cancel(actor=world["hr"], meeting=meeting, reason="  ")
    assert exc.value.field == "reason"
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED


def test_stale_version_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    meeting = world["meeting"]
    with pytest.raises(services.ConcurrentEdit):
        meetings.meeting_cancel(
            actor=world["hr"], meeting=meeting, reason="x", expected_version=meeting.version + 1
        )


def test_not_allowed_once_votes_are_recorded(world) -> None:  # type: ignore[no-untyped-def]
    meeting, members = world["meeting"], world["members"]
    services.attendance_record(
        actor=world["hr"], meeting=meeting, present_ids={m.pk for m in members}
    )
    services.vote_record(
        actor=world["hr"], meeting=meeting, question="winner", application=world["application"],
        votes={m.pk: "for" for m in members},
    )  # fmt: skip
    for attempt in (
        lambda: meetings.meeting_cancel(actor=world["hr"], meeting=meeting, reason="x"),
        lambda: meetings.meeting_reschedule(
            actor=world["hr"],
            meeting=meeting,
            date=meeting.date + dt.timedelta(days=1),
            time=None,
            place="",
            reason="x",
        ),
    ):
        with pytest.raises(services.ServiceError, match="уже записаны голосование"):
            attempt()
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.SCHEDULED


def test_cancelled_meeting_decides_nothing(world) -> None:  # type: ignore[no-untyped-def]
    meeting, members = world["meeting"], world["members"]
    meetings.meeting_cancel(actor=world["hr"], meeting=meeting, reason="нет кворума")
    meeting.refresh_from_db()
    with pytest.raises(services.ServiceError, match="отменено"):
        services.attendance_record(actor=world["hr"], meeting=meeting, present_ids=set())
    with pytest.raises(services.ServiceError, match="отменено"):
        services.vote_record(
            actor=world["hr"], meeting=meeting, question="winner",
            application=world["application"], votes={members[0].pk: "for"},
        )  # fmt: skip
    with pytest.raises(services.ServiceError, match="отменено"):
        services.decision_make(
            actor=world["hr"], campaign=world["campaign"], stage_id="competition", meeting=meeting
        )
    # not part of the engine's case, and final
    assert services.build_case(world["campaign"])["meetings"] == []
    with pytest.raises(services.ServiceError):
        meetings.meeting_cancel(actor=world["hr"], meeting=meeting, reason="again")


def test_desk_pages(world) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world["hr"])
    meeting = world["meeting"]
    url = reverse("desk_meeting_change", args=[meeting.pk])
    # no reason: the error at its field, nothing changes, the entered values kept
    page = client.post(url, {"action": "reschedule", "date": "2026-13-01", "place": "зал 9",
                             "reason": "", "version": meeting.version})  # fmt: skip
    assert page.status_code == 200
    text = page.content.decode()
    assert "Укажите дату заседания." in text and "Укажите причину." in text
    assert 'value="зал 9"' in text
    new_day = meeting.date + dt.timedelta(days=2)
    page = client.post(url, {"action": "reschedule", "date": new_day.isoformat(), "time": "11:00",
                             "place": "зал 3", "reason": "ремонт зала",
                             "version": meeting.version})  # fmt: skip
    assert page.status_code == 302
    shown = client.get(reverse("desk_meeting", args=[meeting.pk])).content.decode()
    assert "перенесено" in shown and "ремонт зала" in shown and "зал 1 → зал 3" in shown
    meeting.refresh_from_db()
    page = client.post(url, {"action": "cancel", "reason": "", "version": meeting.version})
    assert "Укажите причину." in page.content.decode()
    client.post(url, {"action": "cancel", "reason": "отмена конкурса", "version": meeting.version})
    shown = client.get(reverse("desk_meeting", args=[meeting.pk])).content.decode()
    assert "отмена конкурса" in shown and 'id="meeting-change"' not in shown
    # a crafted attendance post on a cancelled meeting: a message, not a 500
    page = client.post(reverse("desk_meeting", args=[meeting.pk]), {"attendance": "1"})
    assert page.status_code == 302


def test_other_body_gets_403(world) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(f.hr_user(f.body("Другое ведомство"), "hr2"))
    url = reverse("desk_meeting_change", args=[world["meeting"].pk])
    assert client.post(url, {"action": "cancel", "reason": "x"}).status_code == 403
    assert Meeting.objects.get(pk=world["meeting"].pk).status == MeetingStatus.SCHEDULED
