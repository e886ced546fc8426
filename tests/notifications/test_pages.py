"""The notification pages (issue 12): each user's messages, a campaign's delivery log for its HR,
the failed jobs and the message texts for administrators; permissions through policy.py."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from rezerv.notifications import defaults
from rezerv.notifications.models import MessageTemplate, Notification
from rezerv.scenarios import applications
from rezerv.selection.models import AuditEvent
from tests.web import factories as f

ROLES = ("anon", "owner", "other", "hr", "hr_other", "member", "admin")
OK, GO, NO = 200, 302, 403

# fmt: off
PAGES = [
    # url                                   anon owner other hr  hr_other member admin
    ("/me/notifications/",                  GO,  OK,   OK,   OK, OK,      OK,    OK),
    ("/desk/notifications/",                GO,  OK,   OK,   OK, OK,      OK,    OK),
    ("/desk/c/{campaign}/notifications/",   GO,  NO,   NO,   OK, NO,      NO,    OK),
    ("/desk/jobs/",                         GO,  NO,   NO,   NO, NO,      NO,    OK),
    ("/desk/messages/",                     GO,  NO,   NO,   NO, NO,      NO,    OK),
    ("/desk/messages/application.refused/kk/", GO, NO, NO,   NO, NO,      NO,    OK),
]
# fmt: on


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    return f.km_world(timezone.localdate())


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(("url", "expected"), [(r[0], r[1:]) for r in PAGES])
def test_notification_pages_permission_matrix(
    world: dict[str, Any], url: str, expected: tuple[int, ...]
) -> None:
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        got = _client(world["users"][role]).get(url.format(campaign=world["campaign"].uid))
        if got.status_code != want:
            wrong.append(f"{role}: {got.status_code} != {want}")
    assert not wrong


def test_km20_each_candidate_reads_only_their_own_result_in_the_account(
    world: dict[str, Any],
) -> None:
    owner = _client(world["users"]["owner"])
    # the menu counts the unread messages (admitted, then the result)
    assert '<span class="badge">2</span>' in owner.get("/me/").content.decode()
    page = owner.get("/me/notifications/").content.decode()
    assert "Результаты отбора" in page and "Иванов Иван Иванович" in page
    assert "Петрова" not in page
    mine = Notification.objects.get(
        recipient=world["users"]["owner"], channel="in_app", template_key=defaults.RESULTS
    )
    assert mine.read_at is not None  # opening the page reads it
    assert "decision.results" not in page
    assert 'class="badge">' not in owner.get("/me/").content.decode()


def test_delivery_log_shows_each_message_with_its_state_in_words(world: dict[str, Any]) -> None:
    page = _client(world["users"]["hr"]).get(f"/desk/c/{world['campaign'].uid}/notifications/")
    text = page.content.decode()
    assert "Иванов Иван Иванович" in text and "Петрова Мария Сергеевна" in text
    assert "Результаты отбора" in text and "в личном кабинете" in text
    assert defaults.RESULTS not in text and "in_app" not in text
    desk = _client(world["users"]["hr"]).get(f"/desk/c/{world['campaign'].uid}/").content
    assert f"/desk/c/{world['campaign'].uid}/notifications/".encode() in desk


def test_message_text_edited_by_the_administrator_is_used_and_a_bad_one_refused(
    db: None,
) -> None:
    admin = _client(f.admin_user())
    url = "/desk/messages/application.refused/ru/"
    form = admin.get(url).content.decode()
    assert "Уважаемый(ая)" in form  # the shipped text, to edit
    bad = admin.post(url, {"subject": "Отказ", "body": "Текст {% if %}"})
    assert bad.status_code == 200 and "Текст не разобран" in bad.content.decode()
    assert not MessageTemplate.objects.exists()
    good = admin.post(
        url, {"subject": "Решение по «{{ campaign }}»", "body": "{{ name }}: {{ refusal_text }}"}
    )
    assert good.status_code == 302
    assert AuditEvent.objects.filter(action="message_template.update").count() == 1
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate())
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    application = f.km_application(campaign, person, admit=False)
    applications.refuse(hr, application, "Нет документов.")
    told = Notification.objects.get(template_key=defaults.REFUSED, channel="in_app")
    assert told.subject == f"Решение по «{campaign.title}»"
    assert told.body == "Иванов Иван Иванович: Нет документов."


def test_the_campaign_audit_log_reads_a_sent_message_by_its_titles(world: dict[str, Any]) -> None:
    from rezerv.notifications import outbox

    n = Notification.objects.filter(campaign=world["campaign"]).first()
    assert n is not None
    Notification.objects.filter(pk=n.pk).update(channel="email", state="queued")
    outbox._mark_sent(Notification.objects.get(pk=n.pk))
    page = _client(world["users"]["hr"]).get(f"/desk/c/{world['campaign'].uid}/audit/")
    text = page.content.decode()
    assert "отправка уведомления по электронной почте" in text
    assert "Notification" not in text and "decision.results" not in text
