"""KM forms (shared/seeds/004_6ffaf263dc16ee9e.txt), filled from recorded data.

* ``km_ballot`` — конкурсный бюллетень (appendix 4), one per commission member (KM-15);
* ``km_decision`` — решение конкурсной комиссии (appendix 5), a vacancy competition (KM-17);
* ``km_reserve_protocol`` — протокол заседания (appendix 6), a reserve competition (KM-17);
* ``km_refusal`` — уведомление об отказе в допуске с причинами (3.5; KM-6);
* ``km_invitation`` — сообщение о втором этапе: дата, место, список кандидатов (3.11; KM-8);
* ``km_results_notice`` — сообщение о результатах конкурса (4.16; KM-20).

The regulation binds the layouts' roles to its own ids (``forms:``, ``documents.binding``):
``winners`` (the outcomes of a winner), ``question_phrases`` (each vote question as the decision
words it: «признание победителем конкурса»), ``ballot_method`` (the method of the ballot).

The decision and the protocol read the stored ``Decision`` only (its inputs and result, C-6), so a
protocol printed years later shows what was decided, whatever changed since; member posts and the
persons' name parts come from the live records.
"""

from __future__ import annotations

import re
from typing import Any

from rezerv import wording
from rezerv.documents.binding import Bound, Role, bound
from rezerv.documents.common import (
    VOTE_WORDS,
    applications_by_id,
    campaign_context,
    candidate_name,
    commission_members,
    engine_refusals,
    for_reserve,
    form_context,
    latest_decision,
    letter_context,
    member_name,
    not_granted_lines,
    points_text,
    reserve_outcomes,
    signature_rows,
    vote_awards,
)
from rezerv.documents.names import name_forms, person_forms
from rezerv.documents.registry import FormSpec, register
from rezerv.documents.style import doc_date, num, points_word
from rezerv.engine.schema import Regulation
from rezerv.selection.models import (
    Application,
    Ballot,
    Campaign,
    CommissionMember,
    ConflictDeclaration,
    Decision,
    Meeting,
)
from rezerv.selection.states import ApplicationStatus

COMMISSION_WORD = "конкурсной комиссии"

# The roles of the layouts (``documents.binding``).
WINNERS = Role("outcome", "many")
DECISION_ROLES = {"winners": WINNERS, "question_phrases": Role("question", "map")}
BALLOT_ROLES = {"ballot_method": Role("method")}
NOTICE_ROLES = {"winners": WINNERS}


def _bound(campaign: Campaign, layout: str) -> Bound:
    return bound(campaign.regulation.load().regulation, layout)


# --------------------------------------------------------------------------- decision / protocol


def _vote_outcome(engine: dict[str, Any], not_granted: list[str]) -> str:
    """What the vote decided, as the engine found it (KM-12: the chair decides a tie)."""
    if engine.get("adopted"):
        if engine.get("casting_vote"):
            return "Решение принято (при равенстве голосов решающим является голос председателя)"
        return "Решение принято"
    if not engine and not_granted:
        return f"Решение не принято ({'; '.join(not_granted)})"
    return "Решение не принято"


def _question_title(reg: Regulation, question: str) -> str:
    found = reg.vote_question(question)
    return found.title if found else question


def _vote_blocks(
    campaign: Campaign,
    layout: str,
    decision: Decision,
    rating: list[dict[str, Any]],
    present: list[dict[str, Any]],
    result_rows: dict[str, dict[str, Any]],
) -> list[dict[str, Any]]:
    """Per candidate (in rating order) and question: each present member's vote and the totals."""
    meeting_id = str(decision.meeting_id) if decision.meeting_id else None
    votes: dict[tuple[str, str], dict[str, str]] = {}
    for vote in decision.inputs.get("votes", []):
        if meeting_id is None or vote["meeting"] == meeting_id:
            votes.setdefault((vote["candidate"], vote["question"]), {})[vote["member"]] = vote[
                "vote"
            ]
    recused = {(r["member"], r["candidate"]) for r in decision.inputs.get("recusals", [])}
    reg = campaign.regulation.load().regulation
    awards = vote_awards(reg, decision.stage_id)
    phrases = _bound(campaign, layout).map("question_phrases")
    blocks = []
    for row in rating:
        questions = sorted({q for (c, q) in votes if c == row["id"]})
        if not questions:
            blocks.append({**row, "question": "", "held": False, "rows": [], "totals": {}})
            continue
        stage = result_rows[row["id"]]["stages"].get(decision.stage_id, {})
        for question in questions:
            cast = votes[(row["id"], question)]
            member_rows = []
            for member in present:
                value = cast.get(member["id"])
                member_rows.append(
                    {
                        "name": member["name"],
                        "yes": "X" if value == "for" else "",
                        "no": "X" if value == "against" else "",
                        "abstain": "X" if value == "abstain" else "",
                        "note": "самоотвод"
                        if (member["id"], row["id"]) in recused
                        else ""
                        if value
                        else "не голосовал(а)",
                    }
                )
            totals = {k: sum(1 for v in cast.values() if v == k) for k in VOTE_WORDS}
            engine = stage.get("votes", {}).get(question, {})
            blocks.append(
                {
                    **row,
                    "question": phrases.get(question) or _question_title(reg, question),
                    "held": True,
                    "rows": member_rows,
                    "totals": {
                        "yes": str(totals["for"]),
                        "no": str(totals["against"]),
                        "abstain": str(totals["abstain"]),
                    },
                    "adopted": bool(engine.get("adopted")),
                    "casting_vote": bool(engine.get("casting_vote")),
                    "outcome_text": _vote_outcome(
                        engine, not_granted_lines(reg, stage, awards.get(question, []))
                    ),
                }
            )
    return blocks


def decision_context(campaign: Campaign, *, layout: str, title: str) -> dict[str, Any]:
    decision = latest_decision(campaign)
    if decision is None:
        raise LookupError("no decision")
    inputs, result = decision.inputs, decision.result
    stage_id = decision.stage_id
    apps = applications_by_id(campaign)
    result_rows = {row["id"]: row for row in result.get("candidates", [])}
    meeting: Meeting | None = decision.meeting
    meeting_row = next(
        (m for m in result.get("meetings", []) if meeting and m["id"] == str(meeting.pk)), None
    )
    meeting_input = next(
        (m for m in inputs.get("meetings", []) if meeting and m["id"] == str(meeting.pk)), None
    )
    commission_id = meeting_input["commission"] if meeting_input else ""
    members, posts = commission_members(inputs, commission_id)
    present_ids = set(meeting_input["present"]) if meeting_input else set()
    present = [m for m in members if m["id"] in present_ids]
    absent = [m for m in members if m["id"] not in present_ids]

    rating = []
    for row in result.get("candidates", []):
        stage = row.get("stages", {}).get(stage_id)
        if not stage or stage.get("place") is None:
            continue
        rating.append(
            {
                "id": row["id"],
                "place": str(stage["place"]),
                "name": candidate_name(row["id"], row["name"], apps),
                "score": num(stage.get("score")),
                "max": num(stage.get("max")),
                "outcome": row["outcome"],
                "outcome_title": row.get("outcome_title", ""),
            }
        )
    rating.sort(key=lambda r: (int(r["place"]), r["name"]["nominative"]))
    camp = campaign_context(campaign)
    winning = set(_bound(campaign, layout).many("winners"))
    winners = [r for r in rating if r["outcome"] in winning]
    # In a competition for the reserve (appendix 6) its kind adds the winners to the reserve.
    chosen = reserve_outcomes(campaign)
    recommended = [r for r in rating if r["outcome"] in chosen]
    chair = next((m for m in present if m.get("role") == "chair"), None)
    max_score = next((r["max"] for r in rating if r["max"]), "")
    context = form_context(campaign, title)
    context.update(
        {
            "meeting": {
                "date": doc_date(meeting.date if meeting else decision.created_at),
                "place": meeting.place if meeting else "",
            },
            "attendance": {
                "present": str(len(present)),
                "members": str(len(members)),
                "quorum": str(meeting_row.get("quorum", "")) if meeting_row else "",
                "valid": bool(meeting_row and meeting_row.get("valid")),
            },
            "present_members": [
                {"name": m["name"], "post": posts.get(m["id"], "")} for m in present
            ],
            "absent_members": [{"name": m["name"]} for m in absent],
            "chair": name_forms(chair["name"]) if chair else None,
            "rating": rating,
            "max_score": max_score,
            "votes": _vote_blocks(campaign, layout, decision, rating, present, result_rows),
            "winners": [
                {"name": r["name"], "score": r["score"], "position": camp["position_full"]}
                for r in winners
            ],
            "recommended": [
                {
                    "name": r["name"],
                    "score": r["score"],
                    "group": camp["group"] or camp["position"],
                }
                for r in recommended
            ],
            "signatures": signature_rows(present, COMMISSION_WORD),
            "decision": {
                "date": doc_date(decision.created_at),
                "regulation": result.get("regulation", {}).get("version", ""),
                "digest": decision.regulation_sha256[:12],
            },
        }
    )
    return context


def _has_decision(campaign: Campaign) -> bool:
    return latest_decision(campaign) is not None


register(
    FormSpec(
        code="km_decision",
        family="KM",
        title="Решение конкурсной комиссии по итогам конкурса",
        subject="campaign",
        appendix="Приложение № 5 к методике",
        build=lambda c: decision_context(
            c, layout="km_decision", title="Решение конкурсной комиссии"
        ),
        available=lambda c: not for_reserve(c) and _has_decision(c),
        audience=frozenset({"member"}),
        slug="km_reshenie",
        roles=DECISION_ROLES,
    )
)
register(
    FormSpec(
        code="km_reserve_protocol",
        family="KM",
        title="Протокол заседания конкурсной комиссии (кадровый резерв)",
        subject="campaign",
        appendix="Приложение № 6 к методике",
        build=lambda c: decision_context(
            c, layout="km_reserve_protocol", title="Протокол заседания конкурсной комиссии"
        ),
        available=lambda c: for_reserve(c) and _has_decision(c),
        audience=frozenset({"member"}),
        slug="km_protokol_rezerv",
        roles=DECISION_ROLES,
    )
)


# --------------------------------------------------------------------------- ballot


def _competition_meeting(campaign: Campaign, commission_id: int | None = None) -> Meeting | None:
    decision = latest_decision(campaign)
    if decision is not None and decision.meeting is not None:
        return decision.meeting
    meetings = campaign.meetings.order_by("date", "pk")
    if commission_id is not None:
        meetings = meetings.filter(commission_id=commission_id)
    return meetings.first()


def _ballot_method(campaign: Campaign) -> str:
    return _bound(campaign, "km_ballot").one("ballot_method")


def _ballot_max(campaign: Campaign) -> str:
    reg = campaign.regulation.load().regulation
    method_id = _ballot_method(campaign)
    method = next((m for m in reg.methods if m.id == method_id), None)
    sheet = next((s for s in reg.score_sheets if method and s.id == method.sheet), None)
    if sheet is None:
        return ""
    return num(sum(c.max for c in sheet.criteria if c.max is not None))


def ballot_context(member: CommissionMember) -> dict[str, Any]:
    campaign = member.commission.campaign
    decision = latest_decision(campaign)
    mid = str(member.pk)
    method_id = _ballot_method(campaign)
    rows: dict[str, Any] = {}
    frozen = decision is not None and any(
        b["member"] == mid and b["method"] == method_id for b in decision.inputs.get("ballots", [])
    )
    if frozen:
        assert decision is not None
        for sheet in decision.inputs["ballots"]:
            if sheet["member"] == mid and sheet["method"] == method_id:
                rows.update(sheet["rows"])
        candidate_ids = [c["id"] for c in decision.result["candidates"] if c.get("admitted")]
    else:
        for ballot in Ballot.objects.filter(member=member, method_id=method_id):
            rows[str(ballot.application_id)] = (
                {"points": ballot.points, "reason": ballot.reason}
                if ballot.reason
                else ballot.points
            )
        candidate_ids = [
            str(pk)
            for pk in campaign.applications.filter(status=ApplicationStatus.ADMITTED).values_list(
                "pk", flat=True
            )
        ]
    apps = applications_by_id(campaign)
    recused = set(
        ConflictDeclaration.objects.filter(member=member).values_list("application_id", flat=True)
    )
    lines: list[dict[str, Any]] = []
    for cid in candidate_ids:
        app = apps.get(cid)
        if app is None:
            continue
        if app.pk in recused:
            points, reason = "—", "самоотвод (конфликт интересов)"
        elif cid in rows:
            points, reason = points_text(rows[cid])
        else:
            points, reason = "", ""
        lines.append({"name": person_forms(app.person), "points": points, "reason": reason})
    lines.sort(key=lambda r: r["name"]["nominative"])
    for i, line in enumerate(lines, start=1):
        line["n"] = str(i)
    meeting = _competition_meeting(campaign, member.commission_id)
    maximum = _ballot_max(campaign)
    context = form_context(campaign, "Конкурсный бюллетень")
    context.update(
        {
            "meeting": {
                "date": doc_date(meeting.date) if meeting else "«___» ____________ 20___ г.",
                "place": meeting.place if meeting else "",
            },
            "max_score": maximum,
            "max_word": points_word(maximum),
            "candidates": lines,
            "member": {**member_name(member), "post": member.post},
        }
    )
    return context


register(
    FormSpec(
        code="km_ballot",
        family="KM",
        title="Конкурсный бюллетень члена комиссии",
        subject="member",
        appendix="Приложение № 4 к методике",
        build=ballot_context,
        available=lambda m: m.commission.campaign.applications.filter(
            status=ApplicationStatus.ADMITTED
        ).exists(),
        audience=frozenset({"member_own"}),
        slug="km_bulleten",
        roles=BALLOT_ROLES,
    )
)


# --------------------------------------------------------------------------- letters to candidates

_STANDARD_LINES = (
    "Вам отказано в допуске к участию по следующим основаниям:",
    "Решение может быть обжаловано в соответствии с законодательством.",
)
_NUMBERED = re.compile(r"^\s*\d+[.)]\s*")


def refusal_reasons(application: Application) -> list[str]:
    """The reasons as the HR officer recorded them; else as the engine finds them (C-2)."""
    text = application.refusal_text.strip()
    if text:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return [_NUMBERED.sub("", line) for line in lines if line not in _STANDARD_LINES]
    return _engine_refusals(application)


def _engine_refusals(application: Application) -> list[str]:
    """The engine's grounds, worded in Russian (the letter's language), each citing the clauses
    of its rules the regulation words (never a rule ID: the letter is to a citizen)."""
    reg = application.campaign.regulation.load().regulation
    out = []
    for r in engine_refusals(application):
        text = wording.reason(r)
        clauses = reg.cite(r.get("rules", []))
        cited = f" ({clauses})" if clauses else ""
        out.append(f"{text[:1].upper()}{text[1:]}{cited}.")
    return out


def refusal_context(application: Application) -> dict[str, Any]:
    context = letter_context(application, "Уведомление об отказе в допуске к участию в конкурсе")
    context.update(
        {
            "reasons": refusal_reasons(application),
            "decided": doc_date(application.decided_at) if application.decided_at else "",
        }
    )
    return context


register(
    FormSpec(
        code="km_refusal",
        family="KM",
        title="Уведомление об отказе в допуске к участию в конкурсе",
        subject="application",
        build=refusal_context,
        available=lambda a: a.status == ApplicationStatus.REFUSED,
        audience=frozenset({"candidate_own"}),
        slug="km_otkaz",
    )
)


def invitation_context(application: Application) -> dict[str, Any]:
    campaign = application.campaign
    meeting = _competition_meeting(campaign)
    context = letter_context(application, "Сообщение о проведении второго этапа конкурса")
    admitted = [
        person_forms(a.person)
        for a in campaign.applications.filter(status=ApplicationStatus.ADMITTED).select_related(
            "person"
        )
    ]
    admitted.sort(key=lambda f: f["nominative"])
    context.update(
        {
            "meeting": {
                "date": doc_date(meeting.date) if meeting else "",
                "place": (meeting.place if meeting else "") or context["campaign"]["venue"],
            },
            "candidates": [{"n": str(i), "name": f} for i, f in enumerate(admitted, start=1)],
        }
    )
    return context


register(
    FormSpec(
        code="km_invitation",
        family="KM",
        title="Сообщение о дате, месте и времени второго этапа конкурса",
        subject="application",
        build=invitation_context,
        available=lambda a: a.status == ApplicationStatus.ADMITTED and a.campaign.meetings.exists(),
        audience=frozenset({"candidate_own"}),
        slug="km_priglashenie",
    )
)


def _result_row(application: Application) -> tuple[Decision, dict[str, Any]] | None:
    decision = latest_decision(application.campaign)
    if decision is None:
        return None
    row = next(
        (r for r in decision.result.get("candidates", []) if r["id"] == str(application.pk)), None
    )
    if row is None or row.get("outcome") in (None, "pending", "refused"):
        return None
    return decision, row


def _outcome_sentences(
    campaign: Campaign, row: dict[str, Any], into_reserve: set[str]
) -> list[str]:
    """``into_reserve``: the outcomes that enter the reserve in this campaign (its kind's too)."""
    camp = campaign_context(campaign)
    outcome = row["outcome"]
    reserve_for = camp["group"] or camp["position"]
    winners = _bound(campaign, "km_results_notice").many("winners")
    if outcome in winners and outcome not in into_reserve:
        return [
            f"По результатам конкурса Вы признаны победителем конкурса на замещение "
            f"вакантной должности «{camp['position']}»."
        ]
    if outcome in into_reserve:
        lead = (
            "По результатам конкурса конкурсная комиссия определила Вас"
            if camp["reserve"]
            else "Победителем конкурса Вы не признаны. Конкурсная комиссия рекомендовала Вас"
        )
        return [
            f"{lead} для включения в кадровый резерв"
            + (f" ({reserve_for})" if reserve_for else "")
            + ".",
            "Включение в кадровый резерв оформляется приказом с Вашего согласия.",
        ]
    if outcome == "procedure_not_held":
        return ["Конкурс не состоялся: для его проведения недостаточно кандидатов."]
    if outcome == "not_passed":
        return ["По результатам конкурсных процедур Вы не прошли конкурсные испытания."]
    if camp["reserve"]:
        return ["По результатам конкурса Вы не определены для включения в кадровый резерв."]
    return ["По результатам конкурса Вы не признаны победителем конкурса."]


def results_notice_context(application: Application) -> dict[str, Any]:
    campaign = application.campaign
    found = _result_row(application)
    if found is None:
        raise LookupError("no result")
    decision, row = found
    stage = row.get("stages", {}).get(decision.stage_id, {})
    context = letter_context(application, "Сообщение о результатах конкурса")
    meeting_date = decision.meeting.date if decision.meeting else decision.created_at
    score = stage.get("score") or row.get("final_score")
    context.update(
        {
            "result": {
                "date": doc_date(meeting_date),
                "outcome": row["outcome"],
                "outcome_title": row.get("outcome_title", ""),
                "sentences": _outcome_sentences(campaign, row, reserve_outcomes(campaign)),
                "score": num(score),
                "max": num(stage.get("max") or row.get("max_score")),
                "place": str(stage.get("place") or row.get("place") or ""),
                "rated": (stage.get("place") or row.get("place")) is not None,
            },
        }
    )
    return context


register(
    FormSpec(
        code="km_results_notice",
        family="KM",
        title="Сообщение о результатах конкурса",
        subject="application",
        build=results_notice_context,
        available=lambda a: _result_row(a) is not None,
        audience=frozenset({"candidate_own"}),
        slug="km_rezultaty",
        roles=NOTICE_ROLES,
    )
)
