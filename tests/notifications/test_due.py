"""Notices the daily job sends by itself on their due day (issue 12), read from the regulation's
``notices`` and ``deadlines``: KM-8 the invitation to stage 2 with its date, place and the list
of candidates (15 calendar days before), KM-14 the materials to the commission's members (3
working days before); the sent date recorded as the notice's date.  Also the inclusion in the
reserve (told with the decision)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from rezerv.engine.deadlines import make_calendar
from rezerv.notifications import defaults
from rezerv.notifications.models import Notification
from rezerv.notifications.scheduler import run_daily
from rezerv.scenarios import meetings
from rezerv.selection.models import Notice, ReserveEntry
from tests.notifications.conftest import Mailbox, Workers, body_of, wait_for
from tests.web import factories as f

PLACE = "г. Кемерово, ул. Примерная, 1, зал заседаний"


def _campaign(today: dt.date) -> dict[str, Any]:
    """A KM campaign with two admitted candidates (with e-mail addresses) and its stage-2
    meeting in 30 days."""
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    apps = []
    for username, last, first in (("ivanov", "Иванов", "Иван"), ("petrova", "Петрова", "Мария")):
        person = f.candidate(username, last, first, "Сергеевич" if username == "ivanov" else "")
        assert person.user is not None
        person.user.email = f"{username}@example.org"
        person.user.save()
        apps.append(f.km_application(campaign, person))
    members = f.km_commission(hr, campaign)
    members[0].user.email = "chair@example.org"
    members[0].user.save()
    stage = apps[0].campaign.regulation.load().regulation.notices[1].stage
    meeting = meetings.meeting(
        hr, campaign, members[0].commission, stage or "", today + dt.timedelta(days=30), place=PLACE
    )
    Notification.objects.all().delete()  # the admissions' messages
    return {"hr": hr, "campaign": campaign, "apps": apps, "members": members, "meeting": meeting}


def _notice(campaign: Any, recipient: str) -> Any:
    reg = campaign.regulation.load().regulation
    return next(n for n in reg.notices if recipient in n.recipients)


def test_km8_invitation_goes_out_on_its_due_day_with_date_place_and_list_and_is_dated_when_sent(
    workers: Workers, smtp: tuple[Mailbox, int]
) -> None:
    box, _ = smtp
    today = timezone.localdate()
    world = _campaign(today)
    campaign, meeting = world["campaign"], world["meeting"]
    notice = _notice(campaign, "admitted_candidates")
    due = meeting.date - dt.timedelta(days=15)  # KM-8: 15 calendar days before the meeting
    run_daily(due - dt.timedelta(days=1))
    assert not Notification.objects.filter(template_key=defaults.INVITATION).exists()
    run_daily(due)
    invitations = Notification.objects.filter(template_key=defaults.INVITATION)
    assert {(n.application_id, n.channel) for n in invitations} == {
        (a.pk, channel) for a in world["apps"] for channel in (Notification.EMAIL, "in_app")
    }
    assert {n.notice_id for n in invitations if n.channel == Notification.EMAIL} == {notice.id}
    run_daily(due + dt.timedelta(days=1))  # sent once
    assert Notification.objects.filter(template_key=defaults.INVITATION).count() == 4
    workers.start()
    wait_for(lambda: len(box.messages) == 2)
    wait_for(lambda: not Notification.objects.filter(state=Notification.QUEUED).exists())
    assert sorted(m["X-Envelope-To"] for m in box.messages) == [
        "ivanov@example.org",
        "petrova@example.org",
    ]
    ivanov = next(m for m in box.messages if m["X-Envelope-To"] == "ivanov@example.org")
    body = body_of(ivanov).replace("\r\n", "\n")
    assert "Иванов Иван Сергеевич" in body
    assert meeting.date.strftime("%d.%m.%Y") in body and PLACE in body
    assert "1. Иванов Иван Сергеевич\n2. Петрова Мария" in body  # the list of candidates
    sent = Notification.objects.filter(template_key=defaults.INVITATION, channel="email")
    first_sent = min(n.sent_at for n in sent if n.sent_at is not None)
    issued = Notice.objects.get(campaign=campaign, notice_id=notice.id)
    assert issued.issued_on == timezone.localdate(first_sent)
    assert issued.recorded_by is None  # recorded by the system
    # the public notice of the same deadline is not a message: it stays HR's to record
    assert Notice.objects.filter(campaign=campaign).count() == 1


@pytest.mark.django_db
def test_km14_materials_go_to_the_members_three_working_days_before_the_meeting() -> None:
    today = timezone.localdate()
    world = _campaign(today)
    campaign, meeting = world["campaign"], world["meeting"]
    notice = _notice(campaign, "commission_members")
    reg = campaign.regulation.load().regulation
    due = make_calendar(reg).add_working_days(meeting.date, -3)
    run_daily(due - dt.timedelta(days=1))
    assert not Notification.objects.filter(template_key=defaults.MATERIALS).exists()
    run_daily(due)
    told = Notification.objects.filter(template_key=defaults.MATERIALS, channel="in_app")
    assert {n.recipient_id for n in told} == {m.user_id for m in world["members"]}
    chair = told.get(recipient=world["members"][0].user)
    assert meeting.date.strftime("%d.%m.%Y") in chair.body and PLACE in chair.body
    assert "кандидатов: 2" in chair.body
    # the chair has an address: an e-mail of the notice waits for the worker
    [email] = Notification.objects.filter(template_key=defaults.MATERIALS, channel="email")
    assert email.notice_id == notice.id and email.state == Notification.QUEUED


@pytest.mark.django_db
def test_km14_a_notice_whose_recipients_have_no_address_is_dated_the_day_it_is_written() -> None:
    today = timezone.localdate()
    world = _campaign(today)
    world["members"][0].user.email = ""
    world["members"][0].user.save()
    campaign, meeting = world["campaign"], world["meeting"]
    reg = campaign.regulation.load().regulation
    due = make_calendar(reg).add_working_days(meeting.date, -3)
    run_daily(due)
    notice = _notice(campaign, "commission_members")
    assert Notice.objects.get(campaign=campaign, notice_id=notice.id).issued_on == due


@pytest.mark.django_db
def test_no_meeting_no_invitation() -> None:
    """Without a meeting of the stage there is nothing to announce: nothing is sent (the
    deadline board shows the notice overdue)."""
    today = timezone.localdate()
    world = _campaign(today)
    campaign = world["campaign"]
    world["meeting"].delete()
    campaign.refresh_from_db()
    run_daily(today + dt.timedelta(days=20))
    assert not Notification.objects.filter(template_key=defaults.INVITATION).exists()


@pytest.mark.django_db
def test_br4_reserve_inclusion_is_told_with_the_decision() -> None:
    """BR-4/BR-2: each person the decision includes in the reserve is told from when and until
    when, in the account (and by e-mail when there is an address)."""
    from tests.documents.world_br import br_documents_world

    w = br_documents_world(timezone.localdate())
    campaign = w["decision"].campaign
    entries = list(ReserveEntry.objects.filter(campaign=campaign).select_related("person"))
    assert entries
    told = Notification.objects.filter(template_key=defaults.RESERVE_INCLUDED, channel="in_app")
    with_account = {e.person.user_id for e in entries if e.person.user_id}
    assert with_account and {n.recipient_id for n in told} == with_account
    dated = [e for e in entries if e.until is not None and e.person.user_id is not None]
    assert dated
    for entry in dated:
        n = told.get(recipient_id=entry.person.user_id)
        assert entry.until is not None and entry.included_on is not None
        assert f"с {entry.included_on:%d.%m.%Y} по {entry.until:%d.%m.%Y}." in n.body
    undated = [e for e in entries if e.included_on is None and e.person.user_id is not None]
    for entry in undated:  # included with no dates yet: no empty date in the text
        assert "включены в резерв." in told.get(recipient_id=entry.person.user_id).body
