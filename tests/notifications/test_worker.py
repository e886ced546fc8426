"""The background worker (issue 12): the real ``db_worker`` process runs the jobs of this
test's database; a job that fails is retried per its settings and, after its attempts, is a
failed job the administrator sees."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django_tasks_db.models import DBTaskResult

from rezerv.notifications import outbox
from rezerv.notifications.defaults import ADMITTED
from rezerv.notifications.models import Notification
from tests.notifications.conftest import Mailbox, Workers, body_of, wait_for


def _queue_one(user: User) -> Notification:
    with transaction.atomic():
        written = outbox.notify(
            recipient=user,
            key=ADMITTED,
            context={"name": "Иванов Иван", "campaign": "Конкурс", "link": "http://x/a/1/"},
            channels=[Notification.EMAIL],
        )
    return written[0]


def test_worker_process_runs_a_job_of_the_test_database(
    workers: Workers, smtp: tuple[Mailbox, int]
) -> None:
    box, _ = smtp
    user = User.objects.create_user("cand", email="cand@example.org", password="x")
    n = _queue_one(user)
    workers.start()
    wait_for(lambda: box.messages)
    wait_for(lambda: Notification.objects.get(pk=n.pk).state == Notification.SENT)
    [message] = box.messages
    assert message["X-Envelope-To"] == "cand@example.org"
    assert "Иванов Иван" in body_of(message)
    done = Notification.objects.get(pk=n.pk)
    assert done.attempts == 1 and done.sent_at is not None
    assert wait_for(lambda: DBTaskResult.objects.successful().count() == 1)


def test_a_refused_mail_is_retried_then_failed_and_kept_as_a_failed_job(
    workers: Workers, smtp: tuple[Mailbox, int]
) -> None:
    box, _ = smtp
    box.refuse = 10  # the server refuses more often than the 3 attempts
    user = User.objects.create_user("cand", email="cand@example.org", password="x")
    n = _queue_one(user)
    workers.start()
    wait_for(lambda: Notification.objects.get(pk=n.pk).state == Notification.FAILED)
    failed = Notification.objects.get(pk=n.pk)
    assert failed.attempts == workers.attempts == box.refused == 3
    assert failed.last_error == "SMTPDataError 451"
    assert not box.messages
    # two attempts ended in a retry, the last one in a failed job
    wait_for(lambda: DBTaskResult.objects.failed().count() == 1)
    assert DBTaskResult.objects.successful().count() == 2
    # the administrator sees the failed job, in words
    admin = Client()
    admin.force_login(User.objects.create_superuser("admin", password="x"))
    page = admin.get("/desk/jobs/").content.decode()
    assert "Отправка уведомления по электронной почте" in page
    assert "SMTPDataError 451" in page and "Допуск к участию" in page
    assert "rezerv.notifications" not in page


def test_a_temporary_refusal_is_retried_and_the_mail_goes_out(
    workers: Workers, smtp: tuple[Mailbox, int]
) -> None:
    box, _ = smtp
    box.refuse = 1
    user = User.objects.create_user("cand", email="cand@example.org", password="x")
    n = _queue_one(user)
    workers.start()
    wait_for(lambda: Notification.objects.get(pk=n.pk).state == Notification.SENT)
    assert Notification.objects.get(pk=n.pk).attempts == 2
    assert len(box.messages) == 1
