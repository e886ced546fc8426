"""The notification pages: a user's messages in the account, a campaign's delivery log for its
HR, the failed background jobs and the texts of the messages for administrators."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import i18n as i18n_views
from django_tasks_db.models import DBTaskResult

from rezerv.notifications import board, confirmation, languages, texts
from rezerv.notifications.defaults import KINDS
from rezerv.notifications.forms import MessageTemplateForm
from rezerv.notifications.models import DailyRun, Notification
from rezerv.notifications.scheduler import JOBS
from rezerv.selection.models import Campaign
from rezerv.selection.services import ServiceError

# The jobs by their titles (a failed job is listed under its title, never its code path).
JOB_TITLES: dict[str, Any] = {
    "rezerv.notifications.tasks.send_notification": _("Отправка уведомления по электронной почте"),
    "rezerv.notifications.tasks.daily_jobs": _("Ежедневные задачи"),
}


def _kind(key: str) -> Any:
    kind = KINDS.get(key)
    return kind.title if kind is not None else "—"


@login_required
def my_notifications(request: HttpRequest) -> HttpResponse:
    """The user's messages in the account, newest first; opening the page reads them."""
    user: Any = request.user
    rows = list(Notification.objects.filter(recipient=user, channel=Notification.IN_APP)[:200])
    unread = [n.pk for n in rows if n.read_at is None]
    if unread:
        Notification.objects.filter(pk__in=unread).update(read_at=timezone.now())
    return render(
        request,
        "notifications/mine.html",
        {"notifications": rows, "unread": set(unread)},
    )


@login_required
def delivery_log(request: HttpRequest, uid: str) -> HttpResponse:
    """A campaign's messages with their delivery: state, attempts, date (HR of the campaign)."""
    campaign = get_object_or_404(Campaign, uid=uid)
    if not request.user.has_perm("notifications.view_delivery_log", campaign):
        raise PermissionDenied
    rows: list[Any] = list(
        Notification.objects.filter(campaign=campaign).select_related(
            "recipient__person", "recipient"
        )[:1000]
    )
    for n in rows:
        person = getattr(n.recipient, "person", None)
        n.recipient_name = person.full_name if person is not None else n.recipient.username
        n.kind_title = _kind(n.template_key)
    return render(request, "notifications/delivery_log.html", {"campaign": campaign, "rows": rows})


@login_required
def failed_jobs(request: HttpRequest) -> HttpResponse:
    """The background jobs that failed after their attempts (administrators)."""
    if not request.user.has_perm("notifications.view_failed_jobs"):
        raise PermissionDenied
    jobs: list[Any] = list(DBTaskResult.objects.failed().order_by("-finished_at")[:200])
    ids = [
        job.args_kwargs["args"][0]
        for job in jobs
        if job.task_path in JOB_TITLES and job.args_kwargs.get("args")
    ]
    outbox = {n.pk: n for n in Notification.objects.filter(pk__in=ids).select_related("campaign")}
    for job in jobs:
        job.title = JOB_TITLES.get(job.task_path, _("Фоновая задача"))
        job.error = job.exception_class_path.rsplit(".", 1)[-1]
        args = job.args_kwargs.get("args") or [None]
        job.message = outbox.get(args[0]) if isinstance(args[0], int) else None
        if job.message is not None:
            job.message.kind_title = _kind(job.message.template_key)
    runs: list[Any] = list(DailyRun.objects.all()[:50])
    for run in runs:
        job_def = JOBS.get(run.job)
        run.title = job_def.title if job_def is not None else run.job
    return render(request, "notifications/failed_jobs.html", {"jobs": jobs, "runs": runs})


@login_required
def deadline_board(request: HttpRequest) -> HttpResponse:
    """Across the campaigns one manages: what is overdue, due this week and later, and who
    owns it."""
    if not request.user.has_perm("notifications.view_deadline_board"):
        raise PermissionDenied
    campaigns = [
        c
        for c in board.open_campaigns()
        if request.user.has_perm("notifications.view_deadlines", c)
    ]
    return render(
        request,
        "notifications/deadlines.html",
        {**board.board(campaigns), "campaign": None, "week": board.WEEK},
    )


@login_required
def campaign_deadlines(request: HttpRequest, uid: str) -> HttpResponse:
    """One campaign's deadlines, from its computed calendar."""
    campaign = get_object_or_404(
        Campaign.objects.select_related("regulation", "created_by"), uid=uid
    )
    if not request.user.has_perm("notifications.view_deadlines", campaign):
        raise PermissionDenied
    return render(
        request,
        "notifications/deadlines.html",
        {**board.board([campaign]), "campaign": campaign, "week": board.WEEK},
    )


def _check_templates(request: HttpRequest) -> None:
    if not request.user.has_perm("notifications.edit_message_templates"):
        raise PermissionDenied


@login_required
def message_templates(request: HttpRequest) -> HttpResponse:
    _check_templates(request)
    return render(
        request, "notifications/message_templates.html", {"kinds": texts.kinds_with_texts()}
    )


@login_required
def message_template_edit(request: HttpRequest, key: str, language: str) -> HttpResponse:
    """The text of a kind of message in a language, for every regulation."""
    _check_templates(request)
    if key not in KINDS or language not in dict(settings.LANGUAGES):
        raise Http404
    subject, body = texts.text_in_force(key, language)
    form = MessageTemplateForm(request.POST or None, initial={"subject": subject, "body": body})
    if request.method == "POST" and form.is_valid():
        try:
            texts.message_template_save(
                actor=request.user,
                key=key,
                language=language,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, gettext("Текст сообщения сохранён."))
            return redirect("message_templates")
    return render(
        request,
        "notifications/message_template_edit.html",
        {
            "form": form,
            "kind": KINDS[key],
            "language_name": dict(settings.LANGUAGES)[language],
        },
    )


def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the confirmation letter: the address is confirmed, or the link is refused
    (changed address, tampered, expired) with the way to ask for a new one."""
    user = confirmation.confirm(token)
    return render(request, "notifications/email_confirm.html", {"confirmed": user is not None})


@login_required
def email_confirmation(request: HttpRequest) -> HttpResponse:
    """Whether the user's address is confirmed; a new letter on request (throttled)."""
    user: Any = request.user
    if request.method == "POST":
        if confirmation.is_confirmed(user):
            messages.info(request, gettext("Адрес электронной почты уже подтверждён."))
        elif confirmation.send(user, str(request.META.get("REMOTE_ADDR", ""))):
            messages.success(request, gettext("Письмо со ссылкой для подтверждения отправлено."))
        else:
            messages.error(
                request,
                gettext(
                    "Письмо не отправлено: слишком много запросов или адрес не указан. "
                    "Попробуйте через час."
                ),
            )
        return redirect("email_confirmation")
    return render(
        request,
        "notifications/email_confirmation.html",
        {"confirmed": confirmation.is_confirmed(user), "email": user.email},
    )


def set_language(request: HttpRequest) -> HttpResponse:
    """The header's choice of language (Django's ``set_language``); a signed-in user's choice
    is also the language their messages are written in (issue 15)."""
    response = i18n_views.set_language(request)
    if request.method == "POST":
        languages.remember(request.user, request.POST.get("language"))
    return response
