"""Results frozen once decided (issue 13; C-6: a decision keeps the inputs it was made from).

While a decision of a stage is in force and not reopened, what it was computed from cannot
change: the results, ballots, votes and recusals of that stage for the candidates it covers,
the attendance of its meeting, the composition of its commission, and the admission of those
candidates.  The recorded way to correct a mistake is to reopen the decision with a reason
(``decisions.decision_reopen``, audited); the stage's inputs are then open again and the next
decision of the stage supersedes the reopened one.

Every service that writes such an input calls a ``check_*`` function here first, so the web,
the API and the importer refuse alike, with one message.
"""

from __future__ import annotations

from django.utils.translation import gettext

from rezerv.selection.in_force import covers, decisions_in_force
from rezerv.selection.models import Application, Campaign, Commission, Decision

__all__ = [
    "check_admission_open",
    "check_commission_open",
    "check_stage_open",
    "deciding",
    "frozen_decisions",
]


def frozen_decisions(campaign: Campaign) -> list[Decision]:
    """The campaign's decisions in force not reopened (read once, ``frozen=`` of the checks,
    for many of them: an import)."""
    return list(
        decisions_in_force(campaign)
        .filter(reopened_at__isnull=True)
        .select_related("commission")
        .defer("inputs", "result")
    )


def deciding(
    campaign: Campaign,
    stage_id: str | None,
    *,
    application: Application | None = None,
    commission: Commission | None = None,
    frozen: list[Decision] | None = None,
) -> Decision | None:
    """The decision in force, not reopened, that freezes the stage (any stage: None) for the
    application or the commission given (a stage-wide decision covers every commission);
    ``frozen``: the campaign's frozen decisions, read once for many checks (an import)."""
    for decision in frozen_decisions(campaign) if frozen is None else frozen:
        if stage_id is not None and decision.stage_id != stage_id:
            continue
        if application is not None and not covers(decision, application):
            continue
        if commission is not None and decision.commission_id not in (None, commission.pk):
            continue
        return decision
    return None


def _refuse(campaign: Campaign, decision: Decision) -> Exception:
    from rezerv.selection.services import ServiceError  # services call this module

    reg = campaign.regulation.load().regulation
    stage = next((s.title for s in reg.stages if s.id == decision.stage_id), decision.stage_id)
    return ServiceError(
        gettext(
            "По этапу «%(stage)s» принято решение № %(number)s (%(date)s): данные, на которых "
            "оно основано, не изменяются. Чтобы исправить ошибку, возобновите этап на странице "
            "решения, указав основание; затем примите новое решение."
        )
        % {
            "stage": stage,
            "number": decision.pk,
            "date": decision.created_at.strftime("%d.%m.%Y"),
        }
    )


def check_stage_open(
    campaign: Campaign,
    stage_id: str,
    *,
    application: Application | None = None,
    commission: Commission | None = None,
    frozen: list[Decision] | None = None,
) -> None:
    """Refuse a write to an input of the stage a decision in force has frozen."""
    found = deciding(
        campaign, stage_id, application=application, commission=commission, frozen=frozen
    )
    if found is not None:
        raise _refuse(campaign, found)


def check_admission_open(application: Application) -> None:
    """Refuse to change the admission of a candidate whom a decision in force covers."""
    found = deciding(application.campaign, None, application=application)
    if found is not None:
        raise _refuse(application.campaign, found)


def check_commission_open(commission: Commission) -> None:
    """Refuse to change the composition of a commission whose stage it has decided."""
    for stage_id in commission.stages:
        check_stage_open(commission.campaign, stage_id, commission=commission)
