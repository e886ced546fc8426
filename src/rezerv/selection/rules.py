"""Who may do what: ``rules`` predicates, scoped by campaign and commission (as pretalx does).

Roles: candidate (owns applications), HR officer / commission secretary (staff of the campaign's
body), commission member (incl. chair and independent expert), administrator, the public.
"""

from __future__ import annotations

from typing import Any

import rules

from rezerv.selection.models import Application, Campaign, CommissionMember


def _staff(user: Any) -> Any:
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "staff", None)


@rules.predicate
def is_admin(user: Any) -> bool:
    staff = _staff(user)
    return bool(
        getattr(user, "is_superuser", False) or (staff is not None and staff.role == "admin")
    )


@rules.predicate
def is_hr(user: Any) -> bool:
    staff = _staff(user)
    return staff is not None and staff.role == "hr"


def _campaign_of(obj: Any) -> Campaign | None:
    if isinstance(obj, Campaign):
        return obj
    if isinstance(obj, Application):
        return obj.campaign
    return getattr(obj, "campaign", None)


@rules.predicate
def is_hr_of(user: Any, obj: Any) -> bool:
    staff = _staff(user)
    campaign = _campaign_of(obj)
    return (
        staff is not None
        and staff.role == "hr"
        and campaign is not None
        and staff.body_id == campaign.body_id
    )


@rules.predicate
def is_member_of(user: Any, obj: Any) -> bool:
    campaign = _campaign_of(obj)
    if campaign is None or not getattr(user, "is_authenticated", False):
        return False
    return CommissionMember.objects.filter(commission__campaign=campaign, user=user).exists()


@rules.predicate
def is_chair_of(user: Any, obj: Any) -> bool:
    campaign = _campaign_of(obj)
    if campaign is None or not getattr(user, "is_authenticated", False):
        return False
    return CommissionMember.objects.filter(
        commission__campaign=campaign, user=user, role="chair"
    ).exists()


@rules.predicate
def owns_application(user: Any, obj: Any) -> bool:
    if not isinstance(obj, Application) or not getattr(user, "is_authenticated", False):
        return False
    return obj.person.user_id == user.pk


@rules.predicate
def admitted_application(user: Any, obj: Any) -> bool:
    return isinstance(obj, Application) and obj.status == "admitted"


rules.add_perm("selection.manage_campaign", is_admin | is_hr_of)
rules.add_perm("selection.create_campaign", is_admin | is_hr)
rules.add_perm("selection.view_campaign_desk", is_admin | is_hr_of)
rules.add_perm("selection.score_campaign", is_member_of)
rules.add_perm(
    "selection.view_application",
    owns_application | is_admin | is_hr_of | (is_member_of & admitted_application),
)
rules.add_perm("selection.view_audit", is_admin | is_hr_of)
