"""The decision of a stage and commission: computed, stored with its inputs (C-6), and
superseding the decision in force of the same stage and commission.

``decision_make`` is also importable as ``services.decision_make``. What is in force is read
through ``rezerv.selection.in_force``.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from rezerv import wording
from rezerv.engine.errors import InputError
from rezerv.selection import decision_rows, vocabulary
from rezerv.selection.models import (
    Campaign,
    Commission,
    Decision,
    Meeting,
    ReserveEntry,
)
from rezerv.selection.services import ConcurrentEdit, ServiceError, audit, evaluate_campaign
from rezerv.selection.stage_rows import decided_here
from rezerv.selection.states import CampaignStatus, campaign_transition


class _Unchecked:
    """The caller does not say which decision it saw in force (scripts, the demo)."""


UNCHECKED: Any = _Unchecked()


def _commission_of(
    campaign: Campaign, stage_id: str, meeting: Meeting | None, commission: Commission | None
) -> Commission | None:
    """The commission the decision belongs to: the meeting's; otherwise the one given, or the
    stage's only commission when it has one; campaign-wide (None) otherwise."""
    if meeting is not None:
        from rezerv.selection.meetings import check_meeting_day_come, check_not_cancelled

        check_not_cancelled(meeting)
        check_meeting_day_come(meeting)  # issue 9 §4: not dated before its meeting
        if meeting.campaign_id != campaign.pk or meeting.stage_id != stage_id:
            raise ServiceError(gettext("Заседание относится к другому этапу или кампании."))
        if commission is not None and commission.pk != meeting.commission_id:
            raise ServiceError(gettext("Заседание проведено другой комиссией."), field="commission")
        return meeting.commission
    if commission is not None:
        if commission.campaign_id != campaign.pk or stage_id not in commission.stages:
            raise ServiceError(
                gettext("Комиссия не работает на этом этапе кампании."), field="commission"
            )
        return commission
    serving = [c for c in campaign.commissions.order_by("pk") if stage_id in c.stages]
    return serving[0] if len(serving) == 1 else None


def in_scope_ids(campaign: Campaign, commission: Commission | None) -> set[str] | None:
    """Candidates whose outcome this commission decides (its territory); None: everyone."""
    if commission is None or not commission.scope:
        return None
    from rezerv.selection.selectors import in_scope

    return {str(a.pk) for a in campaign.applications.all() if in_scope(commission, a)}


@transaction.atomic
def decision_make(
    *,
    actor: Any,
    campaign: Campaign,
    stage_id: str,
    meeting: Meeting | None,
    commission: Commission | None = None,
    reason: str = "",
    expected_in_force: Any = UNCHECKED,
) -> Decision:
    """Compute and store the decision of a stage and commission with its inputs (C-6).

    A decision of the same stage and commission already in force is superseded: it is kept,
    marked with the new decision, the moment and (through the new decision) its author and
    ``reason``, which is required then; its reserve entries end with it and the new decision's
    are created for the candidates of the commission's territory. ``expected_in_force`` is the
    pk of the decision the user saw in force (None: none); when another was made meanwhile the
    request is refused, so two simultaneous attempts make one decision.
    """
    # One decision at a time per campaign: the second attempt waits here and then sees the first.
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    commission = _commission_of(locked, stage_id, meeting, commission)
    current = (
        Decision.objects.select_for_update()
        .filter(
            campaign=locked,
            stage_id=stage_id,
            commission=commission,
            superseded_at__isnull=True,
        )
        .first()
    )
    current_pk = current.pk if current is not None else None
    if expected_in_force is not UNCHECKED and expected_in_force != current_pk:
        raise ConcurrentEdit(
            gettext("Решение по этому этапу уже принято другим пользователем; обновите страницу.")
        )
    reason = (reason or "").strip()
    if current is not None and not reason:
        raise ServiceError(
            gettext(
                "Решение по этапу уже принято: укажите основание повторного решения — "
                "прежнее решение будет отменено и сохранено как утратившее силу."
            ),
            field="reason",
        )
    try:
        inputs, result = evaluate_campaign(locked)
    except InputError as exc:
        raise ServiceError(
            gettext("Данные кампании не согласуются с регламентом: %(error)s")
            % {"error": vocabulary.data_problems(locked.regulation.load().regulation, exc)}
        ) from exc
    if meeting is not None:
        check = next((m for m in result["meetings"] if m["id"] == str(meeting.pk)), None)
        if check is not None and not check["valid"]:
            reasons = "; ".join(wording.reason(r, gettext) for r in check["reasons"])
            raise ServiceError(
                gettext("Заседание неправомочно: %(reasons)s") % {"reasons": reasons}
            )
    now = timezone.now()
    if current is not None:
        # Out of force first: the in-force constraint admits one decision per stage and commission.
        current.superseded_at = now
        current.save(update_fields=["superseded_at"])
    reg = locked.regulation.load()
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                campaign=locked,
                stage_id=stage_id,
                commission=commission,
                meeting=meeting,
                regulation_sha256=reg.sha256,
                inputs=inputs,
                result=result,
                created_by=actor,
                reason=reason if current is not None else "",
            )
    except IntegrityError as exc:
        raise ConcurrentEdit(
            gettext("Решение по этому этапу уже принято другим пользователем; обновите страницу.")
        ) from exc
    decision_rows.store(decision, reg.regulation)  # a page reads its candidates' rows (issue 14)
    ended: list[int] = []
    if current is not None:
        current.superseded_by = decision
        current.save(update_fields=["superseded_by"])
        ended = list(current.reserve_entries.values_list("pk", flat=True))
        audit(
            actor=actor,
            action="decision.supersede",
            obj=current,
            campaign=locked,
            changes={
                "stage": stage_id,
                "commission": commission.pk if commission else None,
                "superseded_by": decision.pk,
                "reason": reason,
                "reserve_entries_ended": ended,
            },
        )
    reserve_outcomes = vocabulary.reserve_outcomes(reg.regulation, locked.kind)
    # the group of positions the members enter the reserve for, as the regulation words the
    # position's classification (its position facts' wording)
    group_title = (
        vocabulary.classification_wording(reg.regulation, locked.position.facts or {})
        if locked.position
        else ""
    )
    covered = in_scope_ids(locked, commission)
    apps = {str(a.pk): a for a in locked.applications.select_related("person")}
    # A candidate included at an earlier stage (a route's direct outcome at the intake) is
    # entered once, by the first decision in force; a later stage's decision leaves it alone.
    entered = set(
        ReserveEntry.objects.filter(campaign=locked, decision__superseded_at__isnull=True)
        .exclude(decision=decision)
        .values_list("person_id", flat=True)
    )
    for row in result["candidates"]:
        if covered is not None and row["id"] not in covered:
            continue
        if not decided_here(reg.regulation, stage_id, row):
            continue
        direct = row.get("decided_at") != stage_id
        if direct and row["id"] in apps and apps[row["id"]].person_id in entered:
            continue
        if row["outcome"] in reserve_outcomes and row["id"] in apps:
            info = row.get("reserve") or {}
            ReserveEntry.objects.create(
                person=apps[row["id"]].person,
                campaign=locked,
                decision=decision,
                outcome=row["outcome"],
                level=str(info.get("level", "")),
                group_title=group_title,
                included_on=info.get("from"),
                until=info.get("until"),
            )
    if locked.status != CampaignStatus.DECIDED:  # a later stage's decision keeps it decided
        locked = campaign_transition(
            actor=actor, campaign=locked, to=CampaignStatus.DECIDED, reason="decision.make"
        )
    audit(
        actor=actor,
        action="decision.make",
        obj=decision,
        campaign=locked,
        changes={
            "stage": stage_id,
            "commission": commission.pk if commission else None,
            "outcomes": result["summary"]["outcomes"],
            "supersedes": current_pk,
            "reason": decision.reason,
        },
    )
    from rezerv.notifications.events import decision_made  # the app above selection

    decision_made(decision=decision, actor=actor)  # KM-20: each candidate is told the result
    return decision


@transaction.atomic
def decision_reopen(*, actor: Any, decision: Decision, reason: str) -> Decision:
    """Reopen a decision in force for correction (audit ``decision.reopen``): the inputs of its
    stage (``selection.frozen``) can be corrected again; it stays in force until the next
    decision of the stage and commission supersedes it (with its own reason)."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.superseded_at is not None:
        raise ServiceError(gettext("Решение утратило силу: возобновлять нечего."))
    if locked.reopened_at is not None:
        raise ServiceError(gettext("Этап уже возобновлён для исправления."))
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(
            gettext("Укажите основание: что нужно исправить и почему."), field="reason"
        )
    locked.reopened_at = timezone.now()
    locked.reopened_by = actor
    locked.reopen_reason = reason
    locked.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    audit(
        actor=actor,
        action="decision.reopen",
        obj=locked,
        campaign=locked.campaign,
        changes={
            "stage": locked.stage_id,
            "commission": locked.commission_id,
            "reason": reason,
        },
    )
    return locked
