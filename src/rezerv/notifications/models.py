"""The outbox (every message to a user, by e-mail or in the account) and the administrator's
texts of the messages (the shipped defaults are in ``defaults.py``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rezerv.selection.models import Application, Campaign


class Notification(models.Model):
    """One message to one user through one channel, with its delivery: queued until the worker
    has handed it to the mail server (``sent``) or has given up after its attempts (``failed``).
    An in-app message is delivered when it is written."""

    EMAIL = "email"
    IN_APP = "in_app"
    CHANNELS = [(EMAIL, _("электронная почта")), (IN_APP, _("в личном кабинете"))]
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    STATES = [(QUEUED, _("в очереди")), (SENT, _("отправлено")), (FAILED, _("не доставлено"))]

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications"
    )
    channel = models.CharField(_("канал"), max_length=10, choices=CHANNELS)
    template_key = models.CharField(_("вид сообщения"), max_length=60)
    language = models.CharField(_("язык"), max_length=8)
    subject = models.CharField(_("тема"), max_length=300)
    body = models.TextField(_("текст"))
    # A message whose text is a secret (a password reset link) is not kept once sent.
    keep_body = models.BooleanField(default=True)
    state = models.CharField(_("состояние"), max_length=10, choices=STATES, default=QUEUED)
    attempts = models.PositiveIntegerField(_("попыток"), default=0)
    # Set while a worker is handing the message to the mail server: the claim that keeps a
    # second job (another worker, a recovery) from sending it again.
    sending_since = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("последняя ошибка"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("создано"), auto_now_add=True)
    sent_at = models.DateTimeField(_("отправлено"), null=True, blank=True)
    read_at = models.DateTimeField(_("прочитано"), null=True, blank=True)
    campaign = models.ForeignKey(
        Campaign, models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    application = models.ForeignKey(
        Application, models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    # The notice of the regulation (``notices``) this message issues: its date is recorded
    # as the notice's date when the message is sent.
    notice_id = models.CharField(max_length=60, blank=True)
    initiated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("уведомление")
        verbose_name_plural = _("уведомления")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "channel", "-created_at"])]


class MessageTemplate(models.Model):
    """An administrator's text of a message: for one kind of message and language, for one
    regulation (its code) or, with ``regulation_code`` empty, for every regulation.  Written in
    Django's template language with the variables the kind of message lists (``defaults.py``)."""

    key = models.CharField(_("вид сообщения"), max_length=60)
    language = models.CharField(_("язык"), max_length=8, choices=settings.LANGUAGES)
    regulation_code = models.CharField(_("регламент"), max_length=40, blank=True)
    subject = models.CharField(_("тема"), max_length=300)
    body = models.TextField(_("текст"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("шаблон сообщения")
        verbose_name_plural = _("шаблоны сообщений")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "language", "regulation_code"], name="message_template_once"
            )
        ]


class DailyRun(models.Model):
    """One daily job on one day: the row is the claim (``unique (job, day)``), so of two workers
    running the daily jobs at once only the one that wrote the row runs the job.  A run that
    failed (``error``) may be claimed again the same day by a conditional update."""

    job = models.CharField(_("задача"), max_length=60)
    day = models.DateField(_("день"))
    started_at = models.DateTimeField(_("начато"), default=timezone.now)
    finished_at = models.DateTimeField(_("завершено"), null=True, blank=True)
    result = models.IntegerField(_("результат"), null=True, blank=True)
    error = models.CharField(_("ошибка"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ежедневная задача")
        verbose_name_plural = _("ежедневные задачи")
        ordering = ["-day", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="daily_run_once")]


class Dispatch(models.Model):
    """A message the daily jobs sent once and must not send again (an invitation, a reminder):
    its ``key`` names the event and the date it is for; written in the transaction that writes
    the messages, so two workers never both send it."""

    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("отправленное событие")
        verbose_name_plural = _("отправленные события")


class EmailConfirmation(models.Model):
    """The address a user confirmed by following the link of the letter sent on registration,
    and when.  A user who changes the address has to confirm the new one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="email_confirmation"
    )
    email = models.EmailField(_("подтверждённый адрес"))
    confirmed_at = models.DateTimeField(_("подтверждено"), default=timezone.now)

    class Meta:
        verbose_name = _("подтверждение адреса")
        verbose_name_plural = _("подтверждения адресов")


class LanguagePreference(models.Model):
    """The language a user chose for the interface (the header's choice while signed in, or
    the one they signed in with): their messages are written in it (issue 15)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        primary_key=True,
        related_name="language_preference",
    )
    language = models.CharField(_("язык"), max_length=8, choices=settings.LANGUAGES)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("язык сообщений пользователя")
        verbose_name_plural = _("языки сообщений пользователей")
