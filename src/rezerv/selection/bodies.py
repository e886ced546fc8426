"""A state body's settings an administrator (or the body's HR officer) changes at the desk:
the languages the body issues its forms in (issue 15: Kazakh and Russian, or Russian only)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from rezerv.selection.audit import Action
from rezerv.selection.models import StateBody
from rezerv.selection.services import audit


def document_language_choices() -> dict[str, Any]:
    """The settings a body may choose, with their titles (the model field's choices)."""
    return dict(StateBody._meta.get_field("document_languages").choices or [])


class ChangedMeanwhile(Exception):
    """Someone else changed the setting since the page was shown: nothing is written."""

    def __init__(self, current: str) -> None:
        super().__init__(f"the setting is now {current!r}")
        self.current = current


def set_document_languages(*, actor: Any, body: StateBody, languages: str, seen: str) -> bool:
    """Set the languages ``body`` issues its forms in; ``seen``: the setting the page showed
    (refused with :class:`ChangedMeanwhile` when it is no longer the stored one).  Returns
    whether anything changed; the change and its audit record are one transaction."""
    if languages not in document_language_choices():
        raise ValueError(f"unknown document languages {languages!r}")
    with transaction.atomic():
        locked = StateBody.objects.select_for_update().get(pk=body.pk)
        if locked.document_languages != seen:
            raise ChangedMeanwhile(locked.document_languages)
        if locked.document_languages == languages:
            return False
        locked.document_languages = languages
        locked.save(update_fields=["document_languages"])
        audit(
            actor=actor,
            action=Action.BODY_DOCUMENT_LANGUAGES,
            obj=locked,
            changes={"before": seen, "after": languages},
        )
    body.document_languages = languages
    return True
