"""The events of selection that send their messages by themselves: the admission decision
(KM-6, AK-6, BR-11, C-2: a refusal with its reasons and the right to appeal; an admission) and
the results of a decision to each candidate it decides (KM-20, BR-16).

Called by the services inside their transaction: the messages and their delivery jobs are
written with the change, or not at all.  The notice a message issues is found by whom the
regulation says it goes to (``notices[].recipients`` and ``stage``), never by its name."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from rezerv.engine.schema import Regulation
from rezerv.notifications import defaults, outbox
from rezerv.selection.decisions import in_scope_ids
from rezerv.selection.models import Application, Decision
from rezerv.selection.stage_rows import decided_here
from rezerv.selection.states import ApplicationStatus


def _link(application: Application) -> str:
    path = reverse("application", kwargs={"uid": application.uid})
    return f"{str(settings.REZERV_SITE_URL).rstrip('/')}{path}"


def _notice(reg: Regulation, recipient: str, stage_id: str | None = None) -> str:
    """The notice of the regulation that goes to ``recipient`` (of ``stage_id``), or ''."""
    for notice in reg.notices:
        if recipient in notice.recipients and (stage_id is None or notice.stage == stage_id):
            return notice.id
    return ""


def application_decided(*, application: Application, actor: Any) -> None:
    """Tell the candidate the admission decision (KM-6, AK-6): a refusal carries the text the
    desk recorded (its reasons) and the right to appeal."""
    user = application.person.user
    if user is None:
        return
    campaign = application.campaign
    refused = application.status == ApplicationStatus.REFUSED
    reg = campaign.regulation.load().regulation
    outbox.notify(
        recipient=user,
        key=defaults.REFUSED if refused else defaults.ADMITTED,
        context={
            "name": application.person.full_name,
            "campaign": campaign.title,
            "refusal_text": application.refusal_text,
            "link": _link(application),
        },
        campaign=campaign,
        application=application,
        notice_id=_notice(reg, "refused_candidates") if refused else "",
        initiated_by=actor,
    )


def decision_made(*, decision: Decision, actor: Any) -> None:
    """Tell each candidate whose outcome the decision gives at its stage the result (KM-20),
    and each person it includes in the reserve."""
    campaign = decision.campaign
    reg = campaign.regulation.load().regulation
    notice_id = _notice(reg, "candidates", decision.stage_id)
    apps = {
        str(a.pk): a
        for a in campaign.applications.select_related("person__user").filter(
            person__user__isnull=False
        )
    }
    covered = in_scope_ids(campaign, decision.commission)  # the commission's territory
    for row in decision.result.get("candidates", []):
        application = apps.get(row["id"])
        if application is None or (covered is not None and row["id"] not in covered):
            continue
        if row.get("decided_at") != decision.stage_id or not decided_here(
            reg, decision.stage_id, row
        ):
            continue
        outbox.notify(
            recipient=application.person.user,
            key=defaults.RESULTS,
            context={
                "name": application.person.full_name,
                "campaign": campaign.title,
                "outcome": reg.outcome_title(row["outcome"]),
                "link": _link(application),
            },
            campaign=campaign,
            application=application,
            notice_id=notice_id,
            initiated_by=actor,
        )
    reserve_included(decision=decision, actor=actor)


def reserve_included(*, decision: Decision, actor: Any) -> None:
    """Tell each person the decision includes in the reserve: from when and until when."""
    for entry in decision.reserve_entries.select_related("person__user", "campaign__regulation"):
        user = entry.person.user
        if user is None:
            continue
        outbox.notify(
            recipient=user,
            key=defaults.RESERVE_INCLUDED,
            context={
                "name": entry.person.full_name,
                "campaign": entry.campaign.title,
                "since": entry.included_on.strftime("%d.%m.%Y") if entry.included_on else "",
                "until": entry.until.strftime("%d.%m.%Y") if entry.until else "",
                "link": f"{str(settings.REZERV_SITE_URL).rstrip('/')}{reverse('me')}",
            },
            campaign=entry.campaign,
            initiated_by=actor,
        )


def fix_documents_supplied(*, application: Application, document_title: str) -> None:
    """Tell the campaign's HR officer that a refused candidate supplied a document within the
    fix term (BR-11): the admission is to be decided again."""
    campaign = application.campaign
    owner = campaign.created_by
    path = reverse("desk_campaign", kwargs={"uid": campaign.uid})
    outbox.notify(
        recipient=owner,
        key=defaults.FIX_SUPPLIED,
        context={
            "name": owner.get_full_name() or owner.get_username(),
            "campaign": campaign.title,
            "candidate": application.person.full_name,
            "document": document_title,
            "link": f"{str(settings.REZERV_SITE_URL).rstrip('/')}{path}",
        },
        campaign=campaign,
        application=application,
    )


def reserve_invited(*, invitation: Any, actor: Any) -> bool:
    """Invite a member of the reserve to the competition for a vacancy they meet the
    requirements of (issue 10); False when the person has no account to write to."""
    entry = invitation.entry
    user = entry.person.user
    if user is None:
        return False
    campaign = invitation.campaign
    outbox.notify(
        recipient=user,
        key=defaults.COMPETITION_INVITATION,
        context={
            "name": entry.person.full_name,
            "position": invitation.vacancy.title,
            "campaign": campaign.title,
            "link": f"{str(settings.REZERV_SITE_URL).rstrip('/')}"
            f"{reverse('announcement', args=[campaign.uid])}",
        },
        campaign=campaign,
        initiated_by=actor,
    )
    return True
