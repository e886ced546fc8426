"""Who sees what through the API: the same scoping as the web UI.

Querysets are built from ``rezerv.selection.selectors``; single objects are checked again with
the ``rules`` permissions of ``rezerv.selection.rules``. Objects outside a user's scope are not
found (404), so the API does not reveal that they exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from rest_framework.permissions import BasePermission

from rezerv.selection import rules as selection_rules
from rezerv.selection import selectors
from rezerv.selection.models import (
    Application,
    Ballot,
    Campaign,
    CommissionMember,
    Result,
)

# How much of an application a viewer sees.
FULL = "full"  # the candidate, HR officers of the campaign's body, administrators
MEMBER = "member"  # a commission member: name, no contact data, facts or document names
ANONYMOUS = "anonymous"  # a commission member on an anonymous sheet: the code only


@dataclass
class Viewer:
    """What a user is, computed once per request."""

    user: Any
    admin: bool = False
    hr_body_id: int | None = None
    person_id: int | None = None
    memberships: list[CommissionMember] = field(default_factory=list)

    @classmethod
    def of(cls, user: Any) -> Viewer:
        if not getattr(user, "is_authenticated", False):
            return cls(user=user)
        staff = getattr(user, "staff", None)
        person = selectors.person_of(user)
        return cls(
            user=user,
            admin=bool(selection_rules.is_admin(user)),
            hr_body_id=staff.body_id if staff is not None and staff.role == "hr" else None,
            person_id=person.pk if person is not None else None,
            memberships=list(
                CommissionMember.objects.filter(user=user).select_related(
                    "commission__campaign__regulation"
                )
            ),
        )

    @property
    def is_staff(self) -> bool:
        return self.admin or self.hr_body_id is not None

    def manages(self, campaign: Campaign) -> bool:
        return self.admin or (self.hr_body_id is not None and self.hr_body_id == campaign.body_id)

    def member_campaign_ids(self) -> set[int]:
        return {m.commission.campaign_id for m in self.memberships}

    def memberships_in(self, campaign: Campaign) -> list[CommissionMember]:
        return [m for m in self.memberships if m.commission.campaign_id == campaign.pk]

    def membership_for_stage(self, campaign: Campaign, stage_id: str) -> CommissionMember | None:
        """The member row that scores ``stage_id`` (a member may sit on several commissions)."""
        rows = self.memberships_in(campaign)
        return next((m for m in rows if stage_id in m.commission.stages), None) or next(
            iter(rows), None
        )

    def application_level(self, application: Application, method_id: str | None = None) -> str:
        campaign = application.campaign
        if self.person_id is not None and application.person_id == self.person_id:
            return FULL
        if self.manages(campaign):
            return FULL
        return ANONYMOUS if self.anonymous_for(campaign, method_id) else MEMBER

    def anonymous_for(self, campaign: Campaign, method_id: str | None) -> bool:
        """A member sees codes, not names, where the regulation's sheet is anonymous.

        With a method named, its sheet decides (as on the scoring screen); without one, the
        member sees codes if any sheet of the stages their commissions work on is anonymous.
        """
        reg = campaign.regulation.load().regulation
        methods = {m.id: m for m in reg.methods}
        if method_id is not None and method_id in methods:
            chosen = [methods[method_id]]
        else:
            stages = {s for m in self.memberships_in(campaign) for s in m.commission.stages}
            chosen = [methods[mid] for st in reg.stages if st.id in stages for mid in st.methods]
        return any(m.sheet is not None and reg.sheet(m.sheet).anonymous for m in chosen)

    # ------------------------------------------------------------------ querysets

    def campaigns(self) -> QuerySet[Campaign]:
        """Announced campaigns for everyone; drafts for their HR officers and administrators."""
        visible = Q(status__in=["published", "assessment", "decided"])
        if getattr(self.user, "is_authenticated", False):
            visible |= Q(pk__in=selectors.campaigns_for_staff(self.user).values("pk"))
            visible |= Q(pk__in=selectors.campaigns_for_member(self.user).values("pk"))
        return Campaign.objects.filter(visible).select_related("body", "position", "regulation")

    def applications(self) -> QuerySet[Application]:
        if not getattr(self.user, "is_authenticated", False):
            return Application.objects.none()
        scope = Q(pk__in=[])
        if self.person_id is not None:
            scope |= Q(person_id=self.person_id)
        if self.is_staff:
            scope |= Q(campaign__in=selectors.campaigns_for_staff(self.user).values("pk"))
        if self.memberships:
            scope |= Q(campaign_id__in=self.member_campaign_ids(), status="admitted")
        return Application.objects.filter(scope).select_related(
            "campaign__regulation", "campaign__body", "person"
        )

    def ballots(self) -> QuerySet[Ballot]:
        """Own ballots; the ballots of the member's commissions once the stage's scoring is
        closed; every ballot of the campaigns an HR officer or administrator manages."""
        if not getattr(self.user, "is_authenticated", False):
            return Ballot.objects.none()
        scope = Q(member__user=self.user)
        for m in self.memberships:
            closed = list(m.commission.campaign.closed_stages)
            if closed:
                scope |= Q(member__commission_id=m.commission_id, stage_id__in=closed)
        if self.is_staff:
            scope |= Q(campaign__in=selectors.campaigns_for_staff(self.user).values("pk"))
        return Ballot.objects.filter(scope).select_related(
            "campaign__regulation", "application__campaign", "member"
        )

    def results(self) -> QuerySet[Result]:
        if not self.is_staff:
            return Result.objects.none()
        return Result.objects.filter(
            application__campaign__in=selectors.campaigns_for_staff(self.user).values("pk")
        ).select_related("application__campaign")


def viewer(request: Any) -> Viewer:
    """The request's viewer, cached on the request."""
    cached = getattr(request, "_rezerv_viewer", None)
    if cached is None:
        cached = Viewer.of(request.user)
        request._rezerv_viewer = cached
    return cached


class IsStaff(BasePermission):
    """HR officers and administrators (``selection.create_campaign``)."""

    message = "Доступно сотрудникам кадровой службы и администраторам."

    def has_permission(self, request: Any, view: Any) -> bool:
        return bool(request.user and request.user.has_perm("selection.create_campaign"))
