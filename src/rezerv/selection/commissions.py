"""Editing a commission member in place (issue 9 §2): the name, position, role and the
attributes the composition rules count (civil servant, independent expert, public council),
through one audited write, refused while the commission's stage is decided (``frozen``) and
checked against the regulation's composition rules (``selectors.composition_problems``).

A stale edit — the member changed by someone else since the form was read (``version``) — is
refused and nothing is overwritten.  The audit record keeps the changed values (old → new) but
the name: only that it changed (the audit log holds no names, ``models.AuditEvent``).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from rezerv.selection import duties, frozen
from rezerv.selection.models import Commission, CommissionMember
from rezerv.selection.selectors import composition_problems
from rezerv.selection.services import ConcurrentEdit, ServiceError, audit

__all__ = ["EDITABLE", "commission_approve", "commission_member_edit"]

# What may be edited; the member's login (``user``) may not: another person is another member.
EDITABLE = ("full_name", "post", "role", "civil_servant", "independent", "public_council")
ROLES = {role for role, _ in CommissionMember.ROLES}


@transaction.atomic
def commission_member_edit(
    *,
    actor: Any,
    member: CommissionMember,
    expected_version: int,
    full_name: str,
    post: str = "",
    role: str = "member",
    civil_servant: bool = False,
    independent: bool = False,
    public_council: bool = False,
) -> list[dict[str, Any]]:
    """Change the member's details; returns the composition problems the commission has after
    the change (the engine's reasons), for the page to say what still needs putting right."""
    commission = member.commission
    frozen.check_commission_open(commission)
    locked = CommissionMember.objects.select_for_update().get(pk=member.pk)
    if locked.version != expected_version:
        raise ConcurrentEdit(
            gettext(
                "Сведения о члене комиссии изменены другим пользователем; обновите страницу и "
                "внесите изменение снова."
            )
        )
    full_name = full_name.strip()
    if not full_name:
        raise ServiceError(gettext("Укажите ФИО члена комиссии."), "full_name")
    if role not in ROLES:
        raise ServiceError(gettext("Выберите роль из списка."), "role")
    if role == "chair" and commission.members.filter(role="chair").exclude(pk=locked.pk).exists():
        raise ServiceError(gettext("Председатель комиссии уже назначен."), "role")
    new = {
        "full_name": full_name,
        "post": post.strip(),
        "role": role,
        "civil_servant": civil_servant,
        "independent": independent,
        "public_council": public_council,
    }
    changed = {k: (getattr(locked, k), v) for k, v in new.items() if getattr(locked, k) != v}
    if not changed:
        return composition_problems(commission.campaign.regulation.load().regulation, commission)
    # Once the commission has begun to score, what the composition rules count is locked
    # (selection/duties.py); a misspelt name or post is still corrected.
    if set(changed) - {"full_name", "post"}:
        try:
            duties.check_composition_open(commission)
        except duties.DutyConflict as exc:
            raise ServiceError(exc.message, "role") from exc
    for name, (_, value) in changed.items():
        setattr(locked, name, value)
    locked.version += 1
    locked.save(update_fields=[*changed, "version"])
    problems = composition_problems(commission.campaign.regulation.load().regulation, commission)
    # a corrected name or post is the same person; a changed role or attribute is another
    # composition than the one approved
    withdrawn = bool(set(changed) - {"full_name", "post"}) and duties.withdraw_approval(commission)
    audit(
        actor=actor,
        action="commission.member_edit",
        obj=locked,
        campaign=commission.campaign,
        changes={
            "commission": commission.pk,
            "fields": sorted(changed),
            **{
                name: {"from": old, "to": value}
                for name, (old, value) in changed.items()
                if name != "full_name"  # the audit log holds no names
            },
            **({"approval_withdrawn": True} if withdrawn else {}),
        },
    )
    member.refresh_from_db()
    return problems


@transaction.atomic
def commission_approve(*, actor: Any, commission: Commission) -> Commission:
    """Approve the commission's composition (issue 13, separation of duties): by an official
    who does not sit on it, once it has members and meets the regulation's composition rules;
    audited as ``commission.approve`` with the members' numbers (no names)."""
    frozen.check_commission_open(commission)
    locked = Commission.objects.select_for_update().get(pk=commission.pk)
    try:
        duties.check_may_approve(actor=actor, commission=locked)
    except duties.DutyConflict as exc:
        raise ServiceError(exc.message) from exc
    if locked.approved_at is not None:
        raise ServiceError(gettext("Состав этой комиссии уже утверждён."))
    members = sorted(locked.members.values_list("pk", flat=True))
    if not members:
        raise ServiceError(gettext("Состав комиссии не сформирован: утверждать нечего."))
    if composition_problems(locked.campaign.regulation.load().regulation, locked):
        raise ServiceError(
            gettext(
                "Состав не соответствует регламенту: исправьте его, затем утвердите "
                "(что не так — указано выше)."
            )
        )
    locked.approved_at = timezone.now()
    locked.approved_by = actor
    locked.save(update_fields=["approved_at", "approved_by"])
    audit(
        actor=actor,
        action="commission.approve",
        obj=locked,
        campaign=locked.campaign,
        changes={"members": members},
    )
    return locked
