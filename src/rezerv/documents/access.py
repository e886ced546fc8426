"""A document reference; who may download it is ``documents.download`` of ``selection.policy``.

* HR officers of the campaign's body and administrators: every document of the campaign;
* commission members: the campaign documents whose audience includes ``member`` (the decision,
  the protocol) and their own ballot (``member_own``);
* a candidate: the letters about their own application (``candidate_own``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rezerv.documents.registry import FormSpec
from rezerv.selection.models import Campaign
from rezerv.selection.policy import campaign_of


@dataclass(frozen=True)
class DocumentRef:
    """One document: a form and its subject (a campaign, a commission member, an application)."""

    spec: FormSpec
    subject: Any

    @property
    def campaign(self) -> Campaign:
        found = campaign_of(self.subject)
        if found is None:
            raise TypeError(type(self.subject).__name__)
        return found
