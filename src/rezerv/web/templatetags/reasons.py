"""The engine's reasons and outcomes on pages: codes with params worded in the active language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.translation import gettext

from rezerv import wording

register = template.Library()


@register.filter
def reason(value: Mapping[str, Any] | str | None) -> str:
    """``{{ r|reason }}``: the reason as a sentence in the active language (no rule IDs)."""
    return wording.reason(value, gettext)


@register.filter
def not_granted(value: Mapping[str, Any] | str) -> str:
    """``{{ line|not_granted }}``: an award not received, and why: «title: reason»."""
    return wording.not_granted(value, gettext)


@register.filter
def vote_of(votes: Mapping[str, Any] | None, question: str) -> Any:
    """``{{ stage.votes|vote_of:q.id }}``: the engine's outcome of the vote on the question."""
    return (votes or {}).get(question)


@register.filter
def outcome_title(row: Mapping[str, Any] | None) -> str:
    """``{{ row|outcome_title }}``: a result row's outcome title; the engine's own outcomes
    (not admitted, pending, …) in the active language, a regulation's title as it is."""
    if not row:
        return ""
    return wording.outcome_title(row.get("outcome"), row.get("outcome_title"), gettext)
