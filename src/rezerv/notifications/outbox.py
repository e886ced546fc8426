"""The outbox: ``notify`` writes a user's messages (in the account and by e-mail) in the caller's
transaction and enqueues the e-mail's delivery in the same transaction (the jobs are rows of the
same database: a message exists exactly when the change that caused it does); ``deliver`` is the
worker's half, one attempt at handing an e-mail to the mail server.

Nothing here writes an address or a text to the log; the outbox row keeps the error's kind and
the server's code only."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from rezerv.notifications import languages
from rezerv.notifications.defaults import kind_title
from rezerv.notifications.models import Notification
from rezerv.notifications.rendering import render
from rezerv.selection.models import Application, Campaign
from rezerv.selection.services import ServiceError, audit

log = logging.getLogger(__name__)

BOTH = (Notification.EMAIL, Notification.IN_APP)


class DeliveryFailed(Exception):
    """An e-mail the mail server refused after all its attempts (the job fails with it, and the
    administrator sees it among the failed jobs)."""


def notify(
    *,
    recipient: Any,
    key: str,
    context: dict[str, Any],
    campaign: Campaign | None = None,
    application: Application | None = None,
    notice_id: str = "",
    initiated_by: Any = None,
    channels: Sequence[str] = BOTH,
    language: str = "",
    keep_body: bool = True,
) -> list[Notification]:
    """Write the message of kind ``key`` to ``recipient`` through ``channels`` (no e-mail to a
    user without an address) and enqueue its delivery by e-mail."""
    # the recipient's language (issue 15), else the regulation's own; a caller answering a
    # request (a confirmation, a password reset) passes the request's
    language = language or languages.for_message(recipient, campaign)
    code = campaign.regulation.code if campaign is not None else ""
    subject, body = render(key, language, context, code)
    now = timezone.now()
    written: list[Notification] = []
    for channel in channels:
        if channel == Notification.EMAIL and not recipient.email:
            continue
        in_app = channel == Notification.IN_APP
        written.append(
            Notification.objects.create(
                recipient=recipient,
                channel=channel,
                template_key=key,
                language=language,
                subject=subject,
                body=body,
                keep_body=keep_body,
                state=Notification.SENT if in_app else Notification.QUEUED,
                sent_at=now if in_app else None,
                campaign=campaign,
                application=application,
                notice_id="" if in_app else notice_id,
                initiated_by=initiated_by if getattr(initiated_by, "pk", None) else None,
            )
        )
    for n in written:
        if n.channel == Notification.EMAIL:
            enqueue(n.pk)
    return written


def enqueue(notification_id: int, delay: float = 0) -> None:
    from rezerv.notifications.tasks import send_notification

    job = send_notification
    if delay > 0:
        job = job.using(run_after=timezone.now() + dt.timedelta(seconds=delay))
    job.enqueue(notification_id)


def _error_of(exc: BaseException) -> str:
    """The kind of a delivery error and the server's codes, never its text (which may quote
    the address)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted({str(code) for code, _ in exc.recipients.values()})
        return f"{type(exc).__name__} {','.join(codes)}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{type(exc).__name__} {exc.smtp_code}"
    return type(exc).__name__


def deliver(notification_id: int) -> str:
    """One attempt at an e-mail; ``sent``, ``retry`` (enqueued again after a pause) or
    ``skipped`` (already sent, failed, or being sent by another job).  After the last attempt
    the message is ``failed`` and :class:`DeliveryFailed` is raised.

    The message is claimed first with one conditional UPDATE (``sending_since``), committed
    before the mail server is called: of two jobs for one message (two workers, a retry and a
    recovery) only one sends it, on SQLite as on PostgreSQL, and no lock is held while the
    server answers."""
    claimed = Notification.objects.filter(
        pk=notification_id,
        channel=Notification.EMAIL,
        state=Notification.QUEUED,
        sending_since__isnull=True,
    ).update(sending_since=timezone.now())
    if not claimed:
        return "skipped"
    n = Notification.objects.select_related("recipient", "campaign").get(pk=notification_id)
    n.attempts += 1
    n.sending_since = None
    try:
        EmailMessage(n.subject, n.body, to=[n.recipient.email]).send()
    except Exception as exc:  # the server, the network or the message: an attempt all the same
        n.last_error = _error_of(exc)[:500]
        with transaction.atomic():
            if n.attempts < settings.REZERV_MAIL_ATTEMPTS:
                n.save(update_fields=["attempts", "last_error", "sending_since"])
                enqueue(n.pk, delay=settings.REZERV_MAIL_RETRY_SECONDS * n.attempts)
                log.warning(
                    "notification %s: attempt %s failed (%s)", n.pk, n.attempts, n.last_error
                )
                return "retry"
            n.state = Notification.FAILED
            n.save(update_fields=["attempts", "last_error", "state", "sending_since"])
            audit(
                actor=None,
                action="notification.fail",
                obj=n,
                campaign=n.campaign,
                changes={"message": kind_title(n.template_key), "attempts": n.attempts},
            )
        raise DeliveryFailed(f"notification {n.pk}: {n.last_error} after {n.attempts}") from None
    with transaction.atomic():
        _mark_sent(n)
    return "sent"


def _mark_sent(n: Notification) -> None:
    n.state = Notification.SENT
    n.sent_at = timezone.now()
    n.last_error = ""
    fields = ["attempts", "state", "sent_at", "last_error", "sending_since"]
    if not n.keep_body:
        n.body = ""
        fields.append("body")
    n.save(update_fields=fields)
    audit(
        actor=None,
        action="notification.send",
        obj=n,
        campaign=n.campaign,
        changes={"message": kind_title(n.template_key), "attempts": n.attempts},
    )
    if n.notice_id and n.campaign is not None:
        _record_notice(n)


def _record_notice(n: Notification) -> None:
    """The day the first message of a notice went out is the notice's date (a date HR has
    already recorded is theirs and stays); recorded by whoever caused the message, or by the
    system (the daily jobs)."""
    from rezerv.selection.notices import notice_record

    assert n.campaign is not None and n.sent_at is not None
    if n.campaign.notices.filter(notice_id=n.notice_id).exists():
        return
    try:
        with transaction.atomic():
            notice_record(
                actor=n.initiated_by,
                campaign=n.campaign,
                notice_id=n.notice_id,
                issued_on=timezone.localdate(n.sent_at),
            )
    except ServiceError:
        log.warning("notification %s: its notice date was not recorded", n.pk)


def mark_read(*, user: Any, notification: Notification) -> None:
    if notification.recipient_id == user.pk and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
