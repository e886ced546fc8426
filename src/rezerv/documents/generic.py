"""Generic forms: the documents of a regulation that has no forms of its own (one uploaded at
the desk), filled from its declarations and the recorded decisions only.

* ``generic_refusal`` — уведомление об отказе в допуске: the grounds the engine finds, each
  citing the regulation's clauses (``clauses`` of the regulation file), never a rule ID;
* ``generic_invitation`` — приглашение на следующий этап: the stage's title, the meeting;
* ``generic_rating`` — рейтинг кандидатов, per stage (and commission) decided;
* ``generic_decision`` — протокол заседания комиссии: attendance, rating, votes by question,
  who the stage awards what, signatures;
* ``generic_results_notice`` — уведомление о результатах.

Every title comes from the regulation (stages, outcomes, vote questions by their titles;
``selection.vocabulary``, ``selection.stage_rows``): no code here names a procedure's stage,
fact, outcome or question, and no identifier reaches the text.
"""

from __future__ import annotations

import re
from typing import Any

from rezerv import wording
from rezerv.documents.common import (
    applications_by_id,
    candidate_name,
    commission_members,
    form_context,
    letter_context,
    not_granted_lines,
    signature_rows,
    vote_awards,
)
from rezerv.documents.registry import GENERIC, FormSpec, memoized, register
from rezerv.documents.style import doc_date, num
from rezerv.engine.schema import Regulation
from rezerv.selection.in_force import candidate_row, decisions_in_force
from rezerv.selection.models import Application, Campaign, Decision, Meeting
from rezerv.selection.stage_rows import stage_rows
from rezerv.selection.states import ApplicationStatus
from rezerv.selection.vocabulary import question_title

COMMISSION_WORD = "комиссии"
# An identifier the engine adds to a line for the operator («… (reserve)»): not for the reader.
_IDENT_NOTE = re.compile(r"\s*\([a-z][a-z0-9_]*\)")
NOT_FINAL = (None, "pending", "refused")  # the engine's own outcomes (schema.ENGINE_OUTCOMES)


def _reg(campaign: Campaign) -> Regulation:
    return campaign.regulation.load().regulation


def _stage_title(reg: Regulation, stage_id: str) -> str:
    return next((s.title for s in reg.stages if s.id == stage_id), "")


# --------------------------------------------------------------------------- decisions


def _decisions(campaign: Campaign) -> list[Decision]:
    """The decisions in force, one per stage and commission, in the regulation's stage order."""

    def find() -> list[Decision]:
        latest: dict[tuple[str, Any], Decision] = {}
        for decision in decisions_in_force(campaign).select_related("meeting", "commission"):
            latest.setdefault((decision.stage_id, decision.commission_id), decision)
        order = [s.id for s in _reg(campaign).stages]
        return sorted(
            latest.values(),
            key=lambda d: (order.index(d.stage_id) if d.stage_id in order else len(order), d.pk),
        )

    return list(memoized(campaign, "generic_decisions", find))


def _rating(
    reg: Regulation, decision: Decision, apps: dict[str, Application]
) -> list[dict[str, Any]]:
    rows = stage_rows(reg, decision.stage_id, decision.result.get("candidates", []))
    out = []
    for row in rows:
        if row.get("outcome") == "refused":
            continue
        out.append(
            {
                "id": row["id"],
                "place": str(row["place"]) if row.get("place") is not None else "",
                "name": candidate_name(row["id"], row.get("name", ""), apps),
                "score": num(row.get("final_score")),
                "max": num(row.get("max_score")),
                "outcome": row.get("outcome", ""),
                "outcome_title": row.get("outcome_title") or reg.outcome_title(row["outcome"]),
            }
        )
    return out


def _votes(
    reg: Regulation,
    decision: Decision,
    rating: list[dict[str, Any]],
    present: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Per candidate (in rating order) and question: each present member's vote and totals."""
    meeting_id = str(decision.meeting_id) if decision.meeting_id else None
    cast: dict[tuple[str, str], dict[str, str]] = {}
    for vote in decision.inputs.get("votes", []):
        if meeting_id is None or vote.get("meeting") == meeting_id:
            cast.setdefault((vote["candidate"], vote["question"]), {})[vote["member"]] = vote[
                "vote"
            ]
    recused = {(r["member"], r["candidate"]) for r in decision.inputs.get("recusals", [])}
    engine_rows = {r["id"]: r for r in decision.result.get("candidates", [])}
    words = {"for": "за", "against": "против", "abstain": "воздержался"}
    reg_stage = next((s for s in reg.stages if s.id == decision.stage_id), None)
    tie_question = reg_stage.tie_vote if reg_stage else None
    awards = vote_awards(reg, decision.stage_id)  # the awards each question decides
    blocks = []
    for row in rating:
        for question in sorted({q for (c, q) in cast if c == row["id"]}):
            votes = cast[(row["id"], question)]
            stage = (engine_rows.get(row["id"], {}).get("stages") or {}).get(decision.stage_id)
            engine = ((stage or {}).get("votes") or {}).get(question, {})
            members = []
            for member in present:
                value = votes.get(member["id"], "")
                note = (
                    "самоотвод"
                    if (member["id"], row["id"]) in recused
                    else words.get(value, "не голосовал(а)")
                )
                members.append({"name": member["name"], "vote": note})
            adopted = bool(engine.get("adopted"))
            text = "решение принято" if adopted else "решение не принято"
            if adopted and engine.get("casting_vote"):
                text += " (при равенстве голосов решающим является голос председателя)"
            why = [
                _IDENT_NOTE.sub("", line)
                for line in not_granted_lines(reg, stage, awards.get(question, []))
            ]
            if not adopted and why:
                text += f" ({'; '.join(why)})"
            if question == tie_question:  # not adopted or rejected: it orders a tie
                text = "порядок кандидатов с равными показателями определяется числом голосов «за»"
            blocks.append(
                {
                    "name": row["name"],
                    "question": question_title(reg, question),
                    "members": members,
                    "totals": {
                        "yes": str(sum(1 for v in votes.values() if v == "for")),
                        "no": str(sum(1 for v in votes.values() if v == "against")),
                        "abstain": str(sum(1 for v in votes.values() if v == "abstain")),
                    },
                    "adopted": adopted,
                    "outcome_text": text,
                }
            )
    return blocks


def _awarded(reg: Regulation, stage_id: str, rating: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stage's awards in the regulation's order, with whom each went to."""
    groups: list[dict[str, Any]] = []
    stage = next((s for s in reg.stages if s.id == stage_id), None)
    for award in stage.awards if stage else []:
        if any(g["outcome"] == award.outcome for g in groups):
            continue
        title = reg.outcome_title(award.outcome)
        groups.append(
            {
                "outcome": award.outcome,
                # it begins a sentence of the protocol: «Победитель конкурса: …»
                "title": f"{title[:1].upper()}{title[1:]}",
                "people": [r["name"] for r in rating if r["outcome"] == award.outcome],
            }
        )
    return groups


def _section(campaign: Campaign, decision: Decision, *, full: bool) -> dict[str, Any]:
    reg = _reg(campaign)
    apps = applications_by_id(campaign)
    rating = _rating(reg, decision, apps)
    meeting: Meeting | None = decision.meeting
    section: dict[str, Any] = {
        "stage": _stage_title(reg, decision.stage_id),
        "commission": decision.commission.name if decision.commission else "",
        "date": doc_date(meeting.date if meeting else decision.created_at),
        "place": meeting.place if meeting else "",
        "rating": rating,
        "decided": doc_date(decision.created_at),
    }
    if not full:
        return section
    inputs = decision.inputs
    meeting_input = next(
        (m for m in inputs.get("meetings", []) if meeting and m["id"] == str(meeting.pk)), None
    )
    meeting_row = next(
        (m for m in decision.result.get("meetings", []) if meeting and m["id"] == str(meeting.pk)),
        None,
    )
    members, posts = commission_members(
        inputs, meeting_input["commission"] if meeting_input else ""
    )
    present_ids = set(meeting_input["present"]) if meeting_input else set()
    present = [m for m in members if m["id"] in present_ids]
    section.update(
        {
            "attendance": {
                "present": str(len(present)),
                "members": str(len(members)),
                "valid": bool(meeting_row and meeting_row.get("valid")),
            },
            "present_members": [
                {"name": m["name"], "post": posts.get(m["id"], "")} for m in present
            ],
            "absent_members": [{"name": m["name"]} for m in members if m["id"] not in present_ids],
            "votes": _votes(reg, decision, rating, present),
            "awarded": _awarded(reg, decision.stage_id, rating),
            "signatures": signature_rows(present, COMMISSION_WORD),
            "regulation": decision.result.get("regulation", {}).get("version", ""),
            "digest": decision.regulation_sha256[:12],
        }
    )
    return section


def _sections_context(campaign: Campaign, title: str, *, full: bool) -> dict[str, Any]:
    decisions = _decisions(campaign)
    if not decisions:
        raise LookupError("no decision")
    context = form_context(campaign, title)
    context["sections"] = [_section(campaign, d, full=full) for d in decisions]
    return context


def _decided(campaign: Campaign) -> bool:
    return bool(_decisions(campaign))


register(
    FormSpec(
        code="generic_rating",
        family=GENERIC,
        title="Рейтинг кандидатов",
        subject="campaign",
        build=lambda c: _sections_context(c, "Рейтинг кандидатов", full=False),
        available=_decided,
        audience=frozenset({"member"}),
        slug="reiting",
    )
)
register(
    FormSpec(
        code="generic_decision",
        family=GENERIC,
        title="Протокол заседания комиссии (решение с результатами голосования)",
        subject="campaign",
        build=lambda c: _sections_context(c, "Протокол заседания комиссии", full=True),
        available=_decided,
        audience=frozenset({"member"}),
        slug="protokol",
    )
)


# --------------------------------------------------------------------------- letters


def refusal_grounds(application: Application) -> list[str]:
    """The grounds the engine finds, each with the clauses it rests on; else the lines the HR
    officer recorded (C-2)."""
    from rezerv.documents.common import engine_refusals

    reg = _reg(application.campaign)
    grounds = []
    for reason in engine_refusals(application):
        worded = wording.reason(reason)  # in Russian: the letter's language
        text = f"{worded[:1].upper()}{worded[1:]}"
        clauses = reg.cite(reason.get("rules", []))
        grounds.append(f"{text} ({clauses})." if clauses else f"{text}.")
    if grounds:
        return grounds
    return [line.strip() for line in application.refusal_text.splitlines() if line.strip()]


def refusal_context(application: Application) -> dict[str, Any]:
    context = letter_context(application, "Уведомление об отказе в допуске")
    context.update(
        {
            "reasons": refusal_grounds(application),
            "decided": doc_date(application.decided_at) if application.decided_at else "",
        }
    )
    return context


register(
    FormSpec(
        code="generic_refusal",
        family=GENERIC,
        title="Уведомление об отказе в допуске",
        subject="application",
        build=refusal_context,
        available=lambda a: a.status == ApplicationStatus.REFUSED,
        audience=frozenset({"candidate_own"}),
        slug="otkaz",
    )
)


def _next_meeting(application: Application) -> Meeting | None:
    """The earliest meeting of the campaign no decision in force has decided yet, when the
    application is admitted and not yet decided for good."""
    campaign = application.campaign

    def find() -> Meeting | None:
        if application.status != ApplicationStatus.ADMITTED:
            return None
        row = candidate_row(application)
        if row is not None and row.get("decided_at") and row.get("outcome") not in NOT_FINAL:
            return None
        decided = set(
            decisions_in_force(campaign).exclude(meeting=None).values_list("meeting_id", flat=True)
        )
        meetings = campaign.meetings.exclude(pk__in=decided).order_by("date", "pk")
        found: Meeting | None = meetings.first()
        return found

    return memoized(application, "generic_next_meeting", find)


def invitation_context(application: Application) -> dict[str, Any]:
    meeting = _next_meeting(application)
    if meeting is None:
        raise LookupError("no meeting")
    campaign = application.campaign
    context = letter_context(application, "Приглашение для участия в следующем этапе")
    context.update(
        {
            "stage": _stage_title(_reg(campaign), meeting.stage_id),
            "meeting": {
                "date": doc_date(meeting.date),
                "place": meeting.place or context["campaign"]["venue"],
            },
        }
    )
    return context


register(
    FormSpec(
        code="generic_invitation",
        family=GENERIC,
        title="Приглашение для участия в следующем этапе",
        subject="application",
        build=invitation_context,
        available=lambda a: _next_meeting(a) is not None,
        audience=frozenset({"candidate_own"}),
        slug="priglashenie",
    )
)


def _final_row(application: Application) -> dict[str, Any] | None:
    row = memoized(application, "generic_row", lambda: candidate_row(application))
    if row is None or row.get("outcome") in NOT_FINAL:
        return None
    return dict(row)


def results_notice_context(application: Application) -> dict[str, Any]:
    row = _final_row(application)
    if row is None:
        raise LookupError("no result")
    reg = _reg(application.campaign)
    context = letter_context(application, "Уведомление о результатах")
    place = row.get("place")
    context.update(
        {
            "result": {
                "stage": _stage_title(reg, str(row.get("decided_at") or "")),
                "outcome_title": row.get("outcome_title") or reg.outcome_title(row["outcome"]),
                "score": num(row.get("final_score")),
                "max": num(row.get("max_score")),
                "place": str(place) if place is not None else "",
                "rated": place is not None,
            }
        }
    )
    return context


register(
    FormSpec(
        code="generic_results_notice",
        family=GENERIC,
        title="Уведомление о результатах",
        subject="application",
        build=results_notice_context,
        available=lambda a: _final_row(a) is not None,
        audience=frozenset({"candidate_own"}),
        slug="rezultaty",
    )
)
