"""A message's subject and text from its kind, language and regulation: the administrator's
text when there is one (for the regulation, else for every regulation), else the shipped one."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template import Context, Template

from rezerv.notifications.defaults import KINDS
from rezerv.notifications.models import MessageTemplate


def source(key: str, language: str, regulation_code: str = "") -> tuple[str, str]:
    """The subject and body templates in force for a kind, language and regulation."""
    rows = {
        t.regulation_code: t
        for t in MessageTemplate.objects.filter(
            key=key, language=language, regulation_code__in={"", regulation_code}
        )
    }
    own = rows.get(regulation_code) or rows.get("")
    if own is not None:
        return own.subject, own.body
    texts = KINDS[key].texts
    return texts.get(language) or texts[str(settings.LANGUAGE_CODE)]


def render_text(text: str, context: dict[str, Any]) -> str:
    """A template rendered as plain text: a message is not HTML, nothing is escaped."""
    return Template(text).render(Context(context, autoescape=False))


def render(
    key: str, language: str, context: dict[str, Any], regulation_code: str = ""
) -> tuple[str, str]:
    subject, body = source(key, language, regulation_code)
    # a subject is one line (a mail header)
    subject = " ".join(render_text(subject, context).split())
    return subject[:300], render_text(body, context)
