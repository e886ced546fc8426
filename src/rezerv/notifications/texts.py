"""The administrator's texts of the messages: one service function (audited), the kinds listed
with the text in force for each language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.template import TemplateSyntaxError
from django.utils.translation import gettext

from rezerv.notifications.defaults import KINDS, kind_title
from rezerv.notifications.models import MessageTemplate
from rezerv.notifications.rendering import render_text, source
from rezerv.selection.services import ServiceError, audit


def check_template(text: str, field: str) -> None:
    """A text the template language cannot read is refused at its field."""
    try:
        render_text(text, {})
    except TemplateSyntaxError as exc:
        raise ServiceError(
            gettext("Текст не разобран: %(error)s. Переменные пишутся так: {{ name }}.")
            % {"error": exc},
            field,
        ) from None


@transaction.atomic
def message_template_save(
    *, actor: Any, key: str, language: str, subject: str, body: str, regulation_code: str = ""
) -> MessageTemplate:
    """Write the text of a kind of message in a language (for every regulation, or for
    ``regulation_code``); the messages written from now on use it."""
    if key not in KINDS or language not in dict(settings.LANGUAGES):
        raise ServiceError(gettext("Такого вида сообщения нет."))
    subject, body = subject.strip(), body.strip()
    if not subject:
        raise ServiceError(gettext("Укажите тему сообщения."), "subject")
    if not body:
        raise ServiceError(gettext("Укажите текст сообщения."), "body")
    check_template(subject, "subject")
    check_template(body, "body")
    row, created = MessageTemplate.objects.select_for_update().get_or_create(
        key=key,
        language=language,
        regulation_code=regulation_code,
        defaults={"subject": subject, "body": body, "updated_by": actor},
    )
    if not created:
        row.subject, row.body, row.updated_by = subject, body, actor
        row.save()
    audit(
        actor=actor,
        action="message_template.update",
        obj=row,
        changes={"message": kind_title(key), "language": language, "created": created},
    )
    return row


def kinds_with_texts() -> list[dict[str, Any]]:
    """Every kind of message with, per language, whether the administrator has written its
    text (for every regulation)."""
    own = set(MessageTemplate.objects.filter(regulation_code="").values_list("key", "language"))
    return [
        {
            "key": key,
            "title": kind.title,
            "languages": [
                {"code": code, "name": name, "own": (key, code) in own}
                for code, name in settings.LANGUAGES
            ],
        }
        for key, kind in KINDS.items()
    ]


def text_in_force(key: str, language: str) -> tuple[str, str]:
    return source(key, language)
