"""Messages sent by themselves when selection decides (issue 12): the refusal of admission with
its reasons and the right to appeal (KM-6, AK-6), the admission, the results of a decision to
each candidate (KM-20), with the date sent recorded as the notice's date."""

from __future__ import annotations

import datetime as dt
from email.header import decode_header, make_header

from django.contrib.auth.models import User
from django.utils import timezone

from rezerv.notifications import defaults
from rezerv.notifications.models import Notification
from rezerv.scenarios import applications
from rezerv.selection.decisions import decision_make
from rezerv.selection.models import Application, Notice
from tests.notifications.conftest import Mailbox, Workers, body_of, wait_for
from tests.web import factories as f

REASONS = "1. Представлены не все документы (п. 3.3 Методики).\nРешение может быть обжаловано."


def _km_application(admit: bool = False) -> tuple[User, Application]:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    assert person.user is not None
    person.user.email = "ivanov@example.org"
    person.user.save()
    return hr, f.km_application(campaign, person, admit=admit)


def test_km6_refusal_sends_exactly_one_email_with_the_reasons_and_the_right_to_appeal(
    workers: Workers, smtp: tuple[Mailbox, int]
) -> None:
    box, _ = smtp
    hr, application = _km_application()
    applications.refuse(hr, application, REASONS)
    workers.start()
    wait_for(lambda: box.messages)
    wait_for(lambda: Notification.objects.filter(state=Notification.SENT).count() == 2)
    [message] = box.messages
    assert message["X-Envelope-To"] == "ivanov@example.org"
    assert str(make_header(decode_header(message["Subject"]))).startswith("Отказ в допуске")
    body = body_of(message)
    assert "Иванов Иван Иванович" in body
    assert "Представлены не все документы (п. 3.3 Методики)." in body
    assert "обжаловать" in body
    assert "/a/" in body  # the link to the application in the account
    email, in_app = (
        Notification.objects.get(channel=Notification.EMAIL),
        Notification.objects.get(channel=Notification.IN_APP),
    )
    assert email.template_key == in_app.template_key == defaults.REFUSED
    assert email.application_id == application.pk and email.attempts == 1
    assert in_app.body == email.body
    # nothing more arrives
    assert len(box.messages) == 1


def test_km6_admission_tells_the_candidate_in_the_account(db: None) -> None:
    _hr, application = _km_application(admit=True)
    [in_app] = Notification.objects.filter(channel=Notification.IN_APP)
    assert in_app.template_key == defaults.ADMITTED and in_app.application_id == application.pk
    assert "допущены к участию" in in_app.body
    assert Notification.objects.filter(channel=Notification.EMAIL, state="queued").count() == 1


def test_km20_results_go_to_each_candidate_and_the_sent_date_is_the_notices_date(
    workers: Workers, smtp: tuple[Mailbox, int]
) -> None:
    box, _ = smtp
    today = timezone.localdate()
    world = f.km_world(today)
    mine, theirs = world["application"], world["other_application"]
    # the candidates had no e-mail address: they were told in their accounts only
    told = Notification.objects.filter(template_key=defaults.RESULTS)
    assert {(n.application_id, n.channel) for n in told} == {
        (mine.pk, Notification.IN_APP),
        (theirs.pk, Notification.IN_APP),
    }
    for user in (world["users"]["owner"], world["users"]["other"]):
        user.email = f"{user.username}@example.org"
        user.save()
    # a second decision of the stage (with its ground) tells them again, by e-mail too
    decision_make(
        actor=world["users"]["hr"],
        campaign=world["campaign"],
        stage_id=world["decision"].stage_id,
        meeting=world["meeting"],
        reason="Повторное решение",
    )
    emails = Notification.objects.filter(template_key=defaults.RESULTS, channel="email")
    assert {n.application_id for n in emails} == {mine.pk, theirs.pk}
    assert not Notice.objects.filter(campaign=world["campaign"]).exists()
    workers.start()
    wait_for(lambda: len(box.messages) == 2)
    wait_for(lambda: not Notification.objects.filter(state=Notification.QUEUED).exists())
    assert sorted(m["X-Envelope-To"] for m in box.messages) == [
        "ivanov@example.org",
        "petrova@example.org",
    ]
    winner = Notification.objects.get(application=mine, channel="email")
    outcome = world["campaign"].regulation.load().regulation.outcome_title("winner")
    assert outcome in winner.body and "Иванов Иван Иванович" in winner.body
    # KM-20: the date the results went out is the notice's date, recorded by the decider
    notice = Notice.objects.get(campaign=world["campaign"], notice_id=winner.notice_id)
    assert notice.issued_on == timezone.localdate(winner.sent_at)
    assert notice.recorded_by == world["users"]["hr"]


def test_br11_the_refusal_letter_sent_is_the_notices_date(db: None) -> None:
    """BR-11: the letter with the reasons, once sent, dates the regulation's notice to the
    refused candidates (here through the worker's own function, with Django's test mailbox)."""
    from django.core import mail

    from rezerv.notifications import outbox
    from rezerv.selection import services

    hr = f.hr_user(f.body())
    campaign = services.campaign_create(
        actor=hr,
        regulation_code="BR",
        kind="reserve",
        title="Резерв управленческих кадров",
        body=hr.staff.body,
        announcement={"conditions": "—", "submission": "—", "venue": "—"},
    )
    campaign = services.campaign_publish(actor=hr, campaign=campaign, on=timezone.localdate())
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    assert person.user is not None
    person.user.email = "ivanov@example.org"
    person.user.save()
    facts = {
        "reserve_level": "basic",
        "education": "bachelor",
        "managerial_experience_years": 5,
        "unexpunged_criminal_record": False,
        "employed": True,
        "experience_summary": "Руководитель отдела, 5 лет.",
        "sector": "Экономика",
    }
    application = applications.apply(campaign, person, facts, {})
    applications.refuse(hr, application, "Не представлена анкета.")
    letter = Notification.objects.get(channel=Notification.EMAIL)
    assert letter.notice_id  # the regulation's notice to the refused candidates
    assert outbox.deliver(letter.pk) == "sent"
    assert outbox.deliver(letter.pk) == "skipped"  # a second job sends nothing
    assert len(mail.outbox) == 1 and "Не представлена анкета." in mail.outbox[0].body
    letter.refresh_from_db()
    notice = Notice.objects.get(campaign=campaign, notice_id=letter.notice_id)
    assert notice.issued_on == timezone.localdate(letter.sent_at)
    assert notice.recorded_by == hr
