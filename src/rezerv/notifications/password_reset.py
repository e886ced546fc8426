"""Password reset with Django's own views: the letter goes through the outbox (the worker sends
it; its text is not kept once sent), and requests are throttled with Django's cache — at most
``REZERV_PASSWORD_RESET_PER_HOUR`` per hour for one e-mail address and for one IP address (a
request over the limit is refused at the field and sends nothing).  With several web processes
the cache must be shared (``CACHES``: a database or Redis cache); the default is per process."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views.decorators.debug import sensitive_post_parameters

from rezerv.notifications import defaults, outbox
from rezerv.notifications.models import Notification

HOUR = 3600


def _key(kind: str, value: str) -> str:
    # neither the address nor the IP is stored in the cache as such
    return "password-reset:" + kind + ":" + hashlib.sha256(value.encode()).hexdigest()


def throttled(email: str, ip: str) -> bool:
    """Count this request; True when the address or the IP has made more than the limit in
    the hour."""
    limit = settings.REZERV_PASSWORD_RESET_PER_HOUR
    over = False
    for key in (_key("email", email.strip().lower()), _key("ip", ip)):
        cache.add(key, 0, HOUR)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, HOUR)
            count = 1
        over = over or count > limit
    return over


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's form; the letter is a message of the outbox, in the language of the page."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user = context["user"]
        path = reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        link = f"{str(settings.REZERV_SITE_URL).rstrip('/')}{path}"
        person = getattr(user, "person", None)
        with transaction.atomic():
            outbox.notify(
                recipient=user,
                key=defaults.PASSWORD_RESET,
                context={"name": person.full_name if person else user.get_username(), "link": link},
                channels=[Notification.EMAIL],
                language=translation.get_language() or str(settings.LANGUAGE_CODE),
                keep_body=False,
            )


@method_decorator(sensitive_post_parameters(), name="dispatch")  # the e-mail address
class PasswordResetView(auth_views.PasswordResetView):
    form_class = OutboxPasswordResetForm
    template_name = "notifications/password_reset_form.html"

    def form_valid(self, form: Any) -> HttpResponse:
        ip = str(self.request.META.get("REMOTE_ADDR", ""))
        if throttled(form.cleaned_data["email"], ip):
            form.add_error(
                "email",
                gettext("Слишком много запросов на восстановление пароля. Попробуйте через час."),
            )
            return self.form_invalid(form)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "notifications/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "notifications/password_reset_confirm.html"


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "notifications/password_reset_complete.html"
