"""Build the engine's case (plain data) from what is recorded in the database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from rezerv.engine.facts import candidate_facts, position_facts
from rezerv.selection.models import (
    Attendance,
    Ballot,
    Campaign,
    ConflictDeclaration,
    Result,
    Vote,
)
from rezerv.selection.notices import notice_records
from rezerv.selection.states import ApplicationStatus, MeetingStatus


def case_from_campaign(
    campaign: Campaign,
    *,
    statuses: tuple[str, ...] = (ApplicationStatus.SUBMITTED, ApplicationStatus.ADMITTED),
    only: Iterable[int] | None = None,
) -> dict[str, Any]:
    """The campaign's case: applications with the given statuses and everything recorded on them.

    With ``only`` (application ids), the case of those applications alone: the same campaign,
    events, commissions and meetings, the candidates among ``only`` and what is recorded on
    them (``selection.result_cache.application_verdict``)."""
    reg = campaign.regulation.load().regulation
    known_events = {e.id for e in reg.events} | {d.id for d in reg.deadlines}
    # Only the facts the regulation declares go into the case: an application also carries the
    # questionnaire's facts every procedure asks (selectors.questionnaire_facts), and the engine
    # refuses a fact its regulation does not declare.
    declared = candidate_facts(reg)
    position_declared = position_facts(reg)
    chosen = campaign.applications.filter(status__in=statuses)
    if only is not None:
        chosen = chosen.filter(pk__in=list(only))
    apps = list(chosen.select_related("person").prefetch_related("documents").order_by("pk"))
    app_ids = {a.pk for a in apps}
    candidates = [
        {
            "id": str(a.pk),
            "name": a.person.full_name,
            "route": a.route,
            # the wall time of the application's time zone: a submission at 00:30 Moscow time
            # on the day the intake opens is on that day, not on the day before in UTC
            "submitted_at": timezone.localtime(a.submitted_at).replace(tzinfo=None).isoformat(),
            "consent": a.consent_given_at is not None,
            "documents": sorted({d.doc_type for d in a.documents.all()}),
            "facts": {k: v for k, v in a.facts.items() if k in declared},
            "consents": sorted(a.consents),
            # Dated changes after submission (TP-9); the engine applies the change limits.
            "changes": [
                {"fact": c["fact"], "date": c["date"], "to": c["to"]} for c in a.fact_changes
            ],
        }
        for a in apps
    ]
    commissions = [
        commission_json(com)
        for com in campaign.commissions.prefetch_related("members").order_by("pk")
    ]
    sheets: dict[tuple[str, str, int], dict[str, Any]] = defaultdict(dict)
    for b in Ballot.objects.filter(campaign=campaign, application_id__in=app_ids).order_by("pk"):
        sheets[(b.stage_id, b.method_id, b.member_id)][str(b.application_id)] = (
            {"points": b.points, "reason": b.reason} if b.reason else b.points
        )
    ballots = [
        {"stage": stage, "method": method, "member": str(member), "rows": rows}
        for (stage, method, member), rows in sorted(sheets.items())
    ]
    results = []
    for r in Result.objects.filter(application_id__in=app_ids).order_by("pk"):
        item: dict[str, Any] = {
            "stage": r.stage_id,
            "method": r.method_id,
            "candidate": str(r.application_id),
        }
        for key in ("correct", "questions", "passed", "points"):
            value = getattr(r, key)
            if value is not None:
                item[key] = value
        if r.date:
            item["date"] = r.date.isoformat()
        results.append(item)
    meetings = []
    # a cancelled meeting decides nothing: it is not part of the case
    for m in campaign.meetings.exclude(status=MeetingStatus.CANCELLED).order_by("pk"):
        present = Attendance.objects.filter(meeting=m, present=True).order_by("member_id")
        meetings.append(
            {
                "id": str(m.pk),
                "stage": m.stage_id,
                "commission": str(m.commission_id),
                "date": m.date.isoformat(),
                "present": [str(a.member_id) for a in present],
            }
        )
    votes = [
        {
            "meeting": str(v.meeting_id),
            "question": v.question,
            "candidate": str(v.application_id),
            "member": str(v.member_id),
            "vote": v.vote,
        }
        for v in Vote.objects.filter(
            meeting__campaign=campaign, application_id__in=app_ids
        ).order_by("pk")
    ]
    recusals = [
        {"member": str(c.member_id), "candidate": str(c.application_id), "reason": c.reason}
        for c in ConflictDeclaration.objects.filter(application_id__in=app_ids).order_by("pk")
    ]
    position = campaign.position
    return {
        "regulation": reg.code,
        "campaign": {
            "id": str(campaign.uid),
            "title": campaign.title,
            "position": {
                "title": position.title if position else "",
                "facts": {
                    k: v
                    for k, v in (position.facts if position else {}).items()
                    if k in position_declared and v not in (None, "")
                },
            },
            "vacancies": campaign.vacancies,
            "quotas": campaign.quotas,
        },
        "events": {k: v for k, v in campaign.events.items() if k in known_events},
        "commissions": commissions,
        "candidates": candidates,
        "ballots": ballots,
        "results": results,
        "meetings": meetings,
        "votes": votes,
        "recusals": recusals,
        "notices": notice_records(campaign),
    }


def commission_json(com: Any) -> dict[str, Any]:
    """A commission and its members as the case gives them to the engine."""
    return {
        "id": str(com.pk),
        "rule": com.rule_id,
        "stages": list(com.stages),
        "scope": com.scope or None,
        "members": [
            {
                "id": str(m.pk),
                "name": m.full_name,
                "role": m.role,
                "civil_servant": m.civil_servant,
                "independent": m.independent,
                "public_council": m.public_council,
            }
            for m in sorted(com.members.all(), key=lambda m: m.pk)
        ],
    }
