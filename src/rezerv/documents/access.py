"""Who may download which document (``rules`` predicates, as ``selection/rules.py``).

* HR officers of the campaign's body and administrators: every document of the campaign;
* commission members: the campaign documents whose audience includes ``member`` (the decision,
  the protocol) and their own ballot (``member_own``);
* a candidate: the letters about their own application (``candidate_own``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules

from rezerv.documents.registry import FormSpec
from rezerv.selection.models import Application, Campaign, CommissionMember
from rezerv.selection.rules import is_admin, is_hr_of, is_member_of, owns_application


@dataclass(frozen=True)
class DocumentRef:
    """One document: a form and its subject (a campaign, a commission member, an application)."""

    spec: FormSpec
    subject: Any

    @property
    def campaign(self) -> Campaign:
        if isinstance(self.subject, Campaign):
            return self.subject
        if isinstance(self.subject, CommissionMember):
            return self.subject.commission.campaign
        if isinstance(self.subject, Application):
            return self.subject.campaign
        raise TypeError(type(self.subject).__name__)


@rules.predicate
def manages_campaign(user: Any, ref: DocumentRef) -> bool:
    return bool(is_admin(user) or is_hr_of(user, ref.campaign))


@rules.predicate
def member_audience(user: Any, ref: DocumentRef) -> bool:
    return "member" in ref.spec.audience and bool(is_member_of(user, ref.campaign))


@rules.predicate
def own_ballot(user: Any, ref: DocumentRef) -> bool:
    return (
        "member_own" in ref.spec.audience
        and isinstance(ref.subject, CommissionMember)
        and getattr(user, "is_authenticated", False)
        and ref.subject.user_id == user.pk
    )


@rules.predicate
def own_letter(user: Any, ref: DocumentRef) -> bool:
    return "candidate_own" in ref.spec.audience and bool(owns_application(user, ref.subject))


rules.add_perm("documents.download", manages_campaign | member_audience | own_ballot | own_letter)
rules.add_perm("documents.manage_templates", is_admin)
