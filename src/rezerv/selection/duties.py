"""Separation of duties on a campaign (issue 13).

* A candidate of a campaign never sits on its commissions, and a member of its commissions
  never becomes its candidate.
* Nobody puts themselves on a commission, except an HR officer as its secretary (the
  regulations make the HR service's officer the secretary: KM); a chair, deputy or member is
  seated by another official.
* A commission's composition is locked once its members have begun to score: a member is then
  neither added nor removed (a decided stage is frozen as well: ``selection/frozen.py``).
* The composition is approved by an official who does not sit on the commission (an
  administrator, or an officer of the campaign's body: ``check_may_approve``); a change of the
  members after the approval withdraws it (``withdraw_approval``), and it is approved again.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from rezerv.selection.models import (
    Application,
    Attendance,
    Ballot,
    Campaign,
    Commission,
    CommissionMember,
    Vote,
)
from rezerv.selection.states import ApplicationStatus


class DutyConflict(Exception):
    """What the rules of separation forbid; ``field`` names the form field when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def is_candidate(user: Any, campaign: Campaign) -> bool:
    return (
        Application.objects.filter(campaign=campaign, person__user=user)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .exists()
    )


def sits_on(user: Any, campaign: Campaign) -> bool:
    return CommissionMember.objects.filter(commission__campaign=campaign, user=user).exists()


def scoring_started(commission: Commission) -> bool:
    members = CommissionMember.objects.filter(commission=commission)
    return (
        Ballot.objects.filter(member__in=members).exists()
        or Vote.objects.filter(member__in=members).exists()
        or Attendance.objects.filter(member__in=members).exists()
    )


SELF_SEAT_ROLES = frozenset({"secretary"})


def check_may_sit(*, actor: Any, commission: Commission, user: Any, role: str) -> None:
    """Refuse to seat ``user`` on ``commission`` in ``role`` when the rules of separation
    forbid it."""
    seats_self = getattr(actor, "pk", None) is not None and actor.pk == user.pk
    if seats_self and role not in SELF_SEAT_ROLES:
        raise DutyConflict(
            gettext(
                "Себя можно включить в состав комиссии только секретарём; председателя, "
                "его заместителя и членов комиссии включает другой сотрудник кадровой "
                "службы или администратор."
            ),
            "role",
        )
    if is_candidate(user, commission.campaign):
        raise DutyConflict(
            gettext(
                "Этот пользователь подал заявление на участие в этой кампании: кандидат не может "
                "входить в состав её комиссии."
            ),
            "username",
        )


def check_composition_open(commission: Commission) -> None:
    """Refuse to change the members of a commission whose members have begun to score."""
    if scoring_started(commission):
        raise DutyConflict(
            gettext(
                "Комиссия уже приступила к работе (есть оценки, голоса или отметки о "
                "присутствии): её состав изменить нельзя."
            )
        )


def check_may_apply(*, user: Any, campaign: Campaign) -> None:
    """Refuse an application from a member of one of the campaign's commissions."""
    if user is not None and sits_on(user, campaign):
        raise DutyConflict(
            gettext(
                "Вы входите в состав комиссии этой кампании: член комиссии не может быть "
                "кандидатом в ней."
            )
        )


def check_may_approve(*, actor: Any, commission: Commission) -> None:
    """Refuse the approval of a composition by one of its own members."""
    if CommissionMember.objects.filter(commission=commission, user_id=actor.pk).exists():
        raise DutyConflict(
            gettext(
                "Вы входите в состав этой комиссии: её состав утверждает другой сотрудник "
                "кадровой службы или администратор."
            )
        )


def withdraw_approval(commission: Commission) -> bool:
    """The members changed: the approval no longer covers them. True if there was one."""
    withdrawn = Commission.objects.filter(pk=commission.pk, approved_at__isnull=False).update(
        approved_at=None, approved_by=None
    )
    commission.approved_at = None
    commission.approved_by = None
    return bool(withdrawn)
