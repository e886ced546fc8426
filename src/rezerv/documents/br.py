"""BR forms (shared/seeds/002_877f6b17efd9d92e.txt), filled from recorded data.

* ``br_application`` — личное заявление о включении в резерв (3.7 п. 1, приложение № 2; BR-8);
* ``br_nomination`` — представление кандидата (3.4, 3.5, 3.13, приложение № 3; BR-5, BR-8);
* ``br_questionnaire`` — анкета кандидата с согласием на проверку сведений, обработку и
  опубликование персональных данных (3.7, приложение № 4; BR-8, C-4);
* ``br_remote_protocol`` — протокол о допуске к очному этапу по итогам первичного ранжирования
  (4.8–4.9; BR-15);
* ``br_in_person_protocol`` — протокол заседания Комиссии о включении в резерв по рейтингу
  кандидатов (4.11–4.13; BR-4, BR-15, BR-16);
* ``br_reserve_list`` — список лиц, включённых в резерв, по уровням (1.7, 4.18; BR-1, BR-3);
* ``br_results_notice`` — письменное сообщение кандидату о результатах конкурса (4.14; BR-16).

The seed names appendices 2–4 but does not reproduce them: the three candidate's forms are laid
out from what the seed says they hold (3.4–3.7, 3.13, 4.15). The protocols, the list and the
notice read the stored ``Decision`` of their stage (inputs and result, C-6); the candidate's
forms read the application as submitted (its facts, documents and consent) and the person's
questionnaire.

The regulation binds the layouts' roles to its own ids (``forms:``, ``documents.binding``): the
facts the candidate's forms print, the routes of the projects' participants, the remote and
in-person stages with their methods and outcomes, the reserve levels in the genitive, the vote
questions as a protocol words them, the event of the head's order.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rezerv import wording
from rezerv.documents.binding import Bound, Role, bound_any
from rezerv.documents.common import (
    VOTE_WORDS,
    applications_by_id,
    candidate_name,
    commission_members,
    form_context,
    latest_decision,
    salutation,
    signature_rows,
)
from rezerv.documents.names import name_forms, person_forms
from rezerv.documents.registry import FormSpec, register
from rezerv.documents.style import doc_date, num, short_date
from rezerv.selection.models import Application, Campaign, CommissionMember, Decision

FAMILY = "BR"
RESERVE = "резерв управленческих кадров Республики Башкортостан"
COMMISSION = (
    "Комиссия по формированию и подготовке резерва управленческих кадров Республики Башкортостан"
)
COMMISSION_GENITIVE = (
    "Комиссии по формированию и подготовке резерва управленческих кадров Республики Башкортостан"
)
COMMISSION_DATIVE = (
    "Председателю Комиссии по формированию и подготовке резерва управленческих кадров "
    "Республики Башкортостан"
)
COMMISSION_WORD = "Комиссии"
PORTAL = "«Кадры республики» (rezerv.openrepublic.ru)"

# The roles of the layouts (``documents.binding``).
_FACT_ROLES = (
    "level_fact",
    "recommender_fact",
    "education_fact",
    "education_in_progress_fact",
    "managerial_years_fact",
    "tier_fact",
    "experience_fact",
    "sector_fact",
    "citizenship_fact",
    "employed_fact",
    "unemployed_since_fact",
    "civil_service_reserve_fact",
    "leaders_of_russia_fact",
    "leaders_of_bashkortostan_fact",
    "criminal_record_fact",
)
CANDIDATE_ROLES = {
    **{name: Role("fact") for name in _FACT_ROLES},
    # the routes of the projects' participants (3.8: documents 1, 3 and 6 only)
    "project_routes": Role("route", "many"),
    "application_document": Role("document"),
}
DECISION_ROLES = {
    "level_fact": Role("fact"),
    "project_routes": Role("route", "many"),
    "remote_stage": Role("stage"),
    "in_person_stage": Role("stage"),
    "ranking_method": Role("method"),
    "documents_method": Role("method"),
    "admitted": Role("outcome", "many"),
    "included": Role("outcome", "many"),
    # a reserve level in the genitive («высшего»), a vote question as the protocol words it
    "level_genitive": Role("level", "map"),
    "question_phrases": Role("question", "map"),
    "order_event": Role("event"),
}
LAYOUTS = (
    "br_application",
    "br_nomination",
    "br_questionnaire",
    "br_remote_protocol",
    "br_in_person_protocol",
    "br_reserve_list",
    "br_results_notice",
)


def _bound(campaign: Campaign) -> Bound:
    """The bindings of the BR layouts the campaign's regulation lists."""
    return bound_any(campaign.regulation.load().regulation, LAYOUTS)


def _stage(campaign: Campaign, role: str) -> str:
    return _bound(campaign).one(role)


def _fact(application: Application, role: str) -> Any:
    """The application's fact bound to ``role``."""
    return application.facts.get(_bound(application.campaign).one(role))


def _projects(campaign: Campaign, route: str | None) -> bool:
    return route in _bound(campaign).many("project_routes")


# --------------------------------------------------------------------------- small helpers


def _reg(campaign: Campaign) -> Any:
    return campaign.regulation.load().regulation


def _agree(forms: dict[str, Any], word: str) -> str:
    """«допущен» / «допущена» / «допущен(а)» by the person's gender."""
    if forms.get("female"):
        return f"{word}а"
    if forms.get("male"):
        return word
    return f"{word}(а)"


def _included(forms: dict[str, Any]) -> str:
    """«включён» / «включена» / «включён(а)»."""
    if forms.get("female"):
        return "включена"
    return "включён" if forms.get("male") else "включён(а)"


def _lower_first(text: str) -> str:
    return f"{text[0].lower()}{text[1:]}" if text else text


def _common(campaign: Campaign, title: str) -> dict[str, Any]:
    context = form_context(campaign, title)
    context["commission"] = {"name": COMMISSION, "genitive": COMMISSION_GENITIVE}
    return context


def _levels(campaign: Campaign) -> list[tuple[str, str]]:
    reg = _reg(campaign)
    return [(level.id, level.title) for level in reg.reserve.levels] if reg.reserve else []


def _level_title(campaign: Campaign, level: Any) -> str:
    return dict(_levels(campaign)).get(str(level), str(level or ""))


def _choice_title(campaign: Campaign, fact_id: str, value: Any) -> str:
    fact = next((f for f in _reg(campaign).facts if f.id == fact_id), None)
    if fact is None or value in (None, ""):
        return ""
    return next((c.title for c in fact.choices if c.id == value), str(value))


def _choice_of(application: Application, role: str) -> str:
    """The title of the choice the application's fact bound to ``role`` holds."""
    fact_id = _bound(application.campaign).one(role)
    return _choice_title(application.campaign, fact_id, application.facts.get(fact_id))


def _route_title(campaign: Campaign, route: str) -> str:
    return next((r.title for r in _reg(campaign).routes if r.id == route), route)


def _yes_no(value: Any) -> str:
    if value is None or value == "":
        return ""
    return "да" if value else "нет"


def _term_text(campaign: Campaign) -> str:
    """«3 года»: the term the reserve is formed for (1.5, BR-2)."""
    reg = _reg(campaign)
    years = reg.reserve.term.years if reg.reserve and reg.reserve.term else None
    if not years:
        return ""
    word = (
        "год"
        if years % 10 == 1 and years % 100 != 11
        else "года"
        if years % 10 in (2, 3, 4) and not 12 <= years % 100 <= 14
        else "лет"
    )
    return f"{years} {word}"


def _years(value: Any) -> str:
    return "" if value in (None, "") else num(value)


def stage_decision(campaign: Campaign, stage_id: str) -> Decision | None:
    """The latest decision the commission made for the stage (its protocol reads it)."""
    return latest_decision(campaign, stage_id=stage_id)


# --------------------------------------------------------------------------- candidate's forms


def _applicant(application: Application) -> dict[str, Any]:
    person = application.person
    forms = person_forms(person)
    return {
        **forms,
        "birth_date": doc_date(person.birth_date),
        "address": person.address,
        "phone": person.phone,
        "email": person.email,
    }


def _chair_of(campaign: Campaign) -> dict[str, Any] | None:
    chair = (
        CommissionMember.objects.filter(commission__campaign=campaign, role="chair")
        .order_by("pk")
        .first()
    )
    return name_forms(chair.full_name) if chair else None


def _documents(application: Application) -> list[dict[str, str]]:
    """The documents submitted with the application, in the order of the seed's list (3.7)."""
    reg = _reg(application.campaign)
    catalogue = [(d.id, d.title) for d in reg.documents.catalogue] if reg.documents else []
    have = set(application.documents.values_list("doc_type", flat=True))
    # the application itself is not its own enclosure
    have.discard(_bound(application.campaign).one("application_document"))
    rows = [title for doc_id, title in catalogue if doc_id in have]
    rows += sorted(have - {doc_id for doc_id, _ in catalogue})
    return [{"n": str(i), "title": title} for i, title in enumerate(rows, start=1)]


def _current_work(history: list[dict[str, Any]]) -> dict[str, str]:
    current = [w for w in history if not w.get("end")]
    row = (current or history or [{}])[-1]
    return {"organisation": str(row.get("organisation") or ""), "post": str(row.get("post") or "")}


def _candidate_common(application: Application, title: str) -> dict[str, Any]:
    campaign = application.campaign
    level = _fact(application, "level_fact")
    context = _common(campaign, title)
    context.update(
        {
            "applicant": _applicant(application),
            "application": {
                "code": application.code,
                "submitted": doc_date(application.submitted_at),
                "route": application.route,
                "route_title": _route_title(campaign, application.route),
                "project": _projects(campaign, application.route),
            },
            "level": {
                "id": str(level or ""),
                "title": _lower_first(_level_title(campaign, level)),
            },
        }
    )
    return context


def application_context(application: Application) -> dict[str, Any]:
    """Приложение № 2: the application as submitted — level, route, documents, date (3.7)."""
    campaign = application.campaign
    context = _candidate_common(
        application, "Личное заявление о включении в резерв управленческих кадров"
    )
    forms = context["applicant"]
    context.update(
        {
            "addressee": {"title": COMMISSION_DATIVE, "chair": _chair_of(campaign)},
            "documents": _documents(application),
            "acquainted": _agree(forms, "ознакомлен"),
            "notified": _agree(forms, "уведомлен"),
        }
    )
    return context


register(
    FormSpec(
        code="br_application",
        family=FAMILY,
        title="Личное заявление о включении в резерв управленческих кадров",
        subject="application",
        appendix="Приложение № 2 к Порядку",
        build=application_context,
        audience=frozenset({"candidate_own"}),
        slug="br_zayavlenie",
        roles=CANDIDATE_ROLES,
    )
)


def nomination_context(application: Application) -> dict[str, Any]:
    """Приложение № 3: the nomination by one of the officials of 3.4 (the recommender, 3.13)."""
    context = _candidate_common(
        application, "Представление кандидата в резерв управленческих кадров"
    )
    q = getattr(application.person, "questionnaire", None)
    work = _current_work(list(q.work_history or [])) if q is not None else _current_work([])
    context.update(
        {
            "nominator": {
                "kind": context["application"]["route_title"]
                if application.route != "default"
                else "",
                "recommender": str(_fact(application, "recommender_fact") or ""),
            },
            "candidate": {
                "education": _choice_of(application, "education_fact"),
                "organisation": work["organisation"],
                "post": work["post"],
                "managerial_years": _years(_fact(application, "managerial_years_fact")),
                "tier": _choice_of(application, "tier_fact"),
                "experience_summary": str(_fact(application, "experience_fact") or ""),
                "sector": str(_fact(application, "sector_fact") or ""),
            },
        }
    )
    return context


register(
    FormSpec(
        code="br_nomination",
        family=FAMILY,
        title="Представление кандидата в резерв управленческих кадров",
        subject="application",
        appendix="Приложение № 3 к Порядку",
        build=nomination_context,
        # the projects' participants submit documents 1, 3 and 6 only (3.8, BR-9)
        available=lambda a: not _projects(a.campaign, a.route),
        audience=frozenset({"candidate_own"}),
        slug="br_predstavlenie",
        roles=CANDIDATE_ROLES,
    )
)


def _education_rows(q: Any) -> list[dict[str, str]]:
    rows = []
    for item in list(getattr(q, "education", None) or []):
        rows.append(
            {
                "institution": str(item.get("institution") or ""),
                "year": str(item.get("year") or ""),
                "specialty": str(item.get("specialty") or ""),
                "qualification": str(item.get("qualification") or ""),
            }
        )
    return rows


def _work_rows(q: Any) -> list[dict[str, str]]:
    rows = []
    for item in list(getattr(q, "work_history", None) or []):
        rows.append(
            {
                "start": short_date(item.get("start")),
                "end": short_date(item.get("end")) or "по настоящее время",
                "organisation": str(item.get("organisation") or ""),
                "post": str(item.get("post") or ""),
                "managerial": "да" if item.get("managerial") else "",
            }
        )
    return rows


def questionnaire_context(application: Application) -> dict[str, Any]:
    """Приложение № 4: the questionnaire with the written consent and the warning of 3.7."""
    campaign = application.campaign
    bind = _bound(campaign)
    q = getattr(application.person, "questionnaire", None)
    context = _candidate_common(application, "Анкета кандидата в резерв управленческих кадров")
    forms = context["applicant"]
    employed = _fact(application, "employed_fact")
    context.update(
        {
            "answers": {
                "citizenship": _choice_of(application, "citizenship_fact")
                or str(application.person.citizenship),
                "education": _choice_of(application, "education_fact"),
                "education_in_progress": _choice_title(
                    campaign,
                    bind.one("education_fact"),
                    _fact(application, "education_in_progress_fact"),
                ),
                "degrees": str(getattr(q, "degrees", "") or ""),
                "managerial_years": _years(_fact(application, "managerial_years_fact")),
                "tier": _choice_of(application, "tier_fact"),
                "employed": _yes_no(employed),
                "unemployed_since": doc_date(_fact(application, "unemployed_since_fact"))
                if employed is False
                else "",
                "civil_service_reserve": _yes_no(_fact(application, "civil_service_reserve_fact")),
                "leaders_of_russia": _yes_no(_fact(application, "leaders_of_russia_fact")),
                "leaders_of_bashkortostan": _yes_no(
                    _fact(application, "leaders_of_bashkortostan_fact")
                ),
                "criminal_record": _yes_no(_fact(application, "criminal_record_fact")),
                "awards": "; ".join(getattr(q, "awards", None) or []),
                "languages": "; ".join(getattr(q, "languages", None) or []),
                "experience_summary": str(_fact(application, "experience_fact") or ""),
                "sector": str(_fact(application, "sector_fact") or ""),
                "recommender": str(_fact(application, "recommender_fact") or ""),
            },
            "education_rows": _education_rows(q),
            "work_rows": _work_rows(q),
            "consent": {
                "date": doc_date(application.consent_given_at),
                "agreed": "согласна"
                if forms.get("female")
                else "согласен"
                if forms.get("male")
                else "согласен(на)",
                "notified": _agree(forms, "уведомлен"),
            },
        }
    )
    return context


register(
    FormSpec(
        code="br_questionnaire",
        family=FAMILY,
        title="Анкета кандидата в резерв управленческих кадров",
        subject="application",
        appendix="Приложение № 4 к Порядку",
        build=questionnaire_context,
        audience=frozenset({"candidate_own"}),
        slug="br_anketa",
        roles=CANDIDATE_ROLES,
    )
)


# --------------------------------------------------------------------------- protocols


def _vote_blocks(
    phrases: dict[str, Any],
    decision: Decision,
    present: list[dict[str, Any]],
    names: dict[str, dict[str, Any]],
    order: list[str],
) -> list[dict[str, Any]]:
    """The votes recorded at the decision's meeting, per candidate and question, with totals."""
    meeting_id = str(decision.meeting_id) if decision.meeting_id else None
    cast: dict[tuple[str, str], dict[str, str]] = {}
    for vote in decision.inputs.get("votes", []):
        if meeting_id is not None and vote["meeting"] == meeting_id:
            cast.setdefault((vote["candidate"], vote["question"]), {})[vote["member"]] = vote[
                "vote"
            ]
    recused = {(r["member"], r["candidate"]) for r in decision.inputs.get("recusals", [])}
    rank = {cid: i for i, cid in enumerate(order)}
    blocks = []
    for cid, question in sorted(cast, key=lambda k: (rank.get(k[0], len(rank)), k[1])):
        votes = cast[(cid, question)]
        rows = []
        for member in present:
            value = votes.get(member["id"])
            note = ""
            if (member["id"], cid) in recused:
                note = "самоотвод"
            elif not value:
                note = "не голосовал(а)"
            rows.append(
                {
                    "name": member["name"],
                    "yes": "X" if value == "for" else "",
                    "no": "X" if value == "against" else "",
                    "abstain": "X" if value == "abstain" else "",
                    "note": note,
                }
            )
        totals = {k: sum(1 for v in votes.values() if v == k) for k in VOTE_WORDS}
        blocks.append(
            {
                "name": names.get(cid) or name_forms(""),
                "question": phrases.get(question, question),
                "rows": rows,
                "totals": {
                    "yes": str(totals["for"]),
                    "no": str(totals["against"]),
                    "abstain": str(totals["abstain"]),
                },
            }
        )
    return blocks


def _criteria(campaign: Campaign, method_id: str) -> list[tuple[str, str, str]]:
    reg = _reg(campaign)
    method = next((m for m in reg.methods if m.id == method_id), None)
    if method is None or not method.sheet:
        return []
    return [(c.id, c.title, num(c.max)) for c in reg.sheet(method.sheet).criteria]


def protocol_context(campaign: Campaign, stage_id: str, *, title: str) -> dict[str, Any]:
    decision = stage_decision(campaign, stage_id)
    if decision is None:
        raise LookupError("no decision of the stage")
    inputs, result = decision.inputs, decision.result
    meeting = decision.meeting
    meeting_input = next(
        (m for m in inputs.get("meetings", []) if meeting and m["id"] == str(meeting.pk)), None
    )
    meeting_row = next(
        (m for m in result.get("meetings", []) if meeting and m["id"] == str(meeting.pk)), None
    )
    members, posts = commission_members(
        inputs, meeting_input["commission"] if meeting_input else ""
    )
    present_ids = set(meeting_input["present"]) if meeting_input else set()
    present = [m for m in members if m["id"] in present_ids]
    absent = [m for m in members if m["id"] not in present_ids]
    chair = next((m for m in present if m.get("role") == "chair"), None)

    apps = applications_by_id(campaign)
    bind = _bound(campaign)
    remote, ranking = bind.one("remote_stage"), bind.one("ranking_method")
    level_fact = bind.one("level_fact")
    admitted, included = set(bind.many("admitted")), set(bind.many("included"))
    projects = set(bind.many("project_routes"))
    facts = {c["id"]: c.get("facts", {}) for c in inputs.get("candidates", [])}
    routes = {c["id"]: c.get("route", "default") for c in inputs.get("candidates", [])}
    points = {
        r["candidate"]: r.get("points") or {}
        for r in inputs.get("results", [])
        if r["stage"] == remote and r["method"] == ranking
    }
    criteria = _criteria(campaign, ranking)
    names: dict[str, dict[str, Any]] = {}
    by_level: dict[str, list[dict[str, Any]]] = {}
    for row in result.get("candidates", []):
        names[row["id"]] = candidate_name(row["id"], row["name"], apps)
        stage = row.get("stages", {}).get(stage_id)
        if not stage or stage.get("place") is None:
            continue
        level = str(
            (stage.get("rated_within") or {}).get(level_fact)
            or facts.get(row["id"], {}).get(level_fact, "")
        )
        forms = names[row["id"]]
        outcome = stage.get("outcome", "")
        if stage_id == remote:
            passed = outcome in admitted
            verdict = _agree(forms, "допущен") if passed else f"не {_agree(forms, 'допущен')}"
        else:
            passed = outcome in included
            verdict = (
                f"{_included(forms)} в резерв" if passed else f"не {_included(forms)} в резерв"
            )
        methods = stage.get("methods", {})
        documents = methods.get(bind.one("documents_method"), {})
        by_level.setdefault(level, []).append(
            {
                "id": row["id"],
                "place": str(stage["place"]),
                "name": forms,
                "criteria": [
                    num(points.get(row["id"], {}).get(cid, "")) for cid, _title, _max in criteria
                ],
                "score": num(stage.get("score")),
                "max": num(stage.get("max")),
                "documents": "представлены"
                if documents.get("passed")
                else "не представлены"
                if "passed" in documents or documents.get("missing")
                else "",
                "passed": passed,
                "verdict": verdict,
            }
        )
    levels: list[dict[str, Any]] = []
    order: list[str] = []
    for level_id, level_title in _levels(campaign):
        rows = sorted(
            by_level.pop(level_id, []), key=lambda r: (int(r["place"]), r["name"]["nominative"])
        )
        if not rows:
            continue
        order += [r["id"] for r in rows]
        levels.append(
            {
                "id": level_id,
                "title": level_title,
                "rows": rows,
                "passed": [r for r in rows if r["passed"]],
                "failed": [r for r in rows if not r["passed"]],
            }
        )
    for level_id, rows in by_level.items():  # a level the regulation no longer lists
        rows.sort(key=lambda r: (int(r["place"]), r["name"]["nominative"]))
        order += [r["id"] for r in rows]
        levels.append(
            {
                "id": level_id,
                "title": level_id,
                "rows": rows,
                "passed": [r for r in rows if r["passed"]],
                "failed": [r for r in rows if not r["passed"]],
            }
        )
    without_competition = [
        {
            "name": names[row["id"]],
            "level": _lower_first(_level_title(campaign, (row.get("reserve") or {}).get("level"))),
            "route": _lower_first(_route_title(campaign, routes.get(row["id"], ""))),
        }
        for row in result.get("candidates", [])
        if row.get("outcome") in included and routes.get(row["id"]) in projects
    ]
    context = _common(campaign, title)
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
            "criteria": [{"title": t, "max": mx} for _cid, t, mx in criteria],
            "levels": levels,
            "failed": [r["name"] for level in levels for r in level["failed"]],
            "votes": _vote_blocks(bind.map("question_phrases"), decision, present, names, order),
            "without_competition": without_competition
            if stage_id == bind.one("in_person_stage")
            else [],
            "signatures": signature_rows(present, COMMISSION_WORD),
            "decision": {
                "date": doc_date(decision.created_at),
                "regulation": result.get("regulation", {}).get("version", ""),
                "digest": decision.regulation_sha256[:12],
            },
        }
    )
    return context


register(
    FormSpec(
        code="br_remote_protocol",
        family=FAMILY,
        title="Протокол о допуске кандидатов к очному этапу отбора (заочный этап)",
        subject="campaign",
        build=lambda c: protocol_context(
            c, _stage(c, "remote_stage"), title="Протокол заседания Комиссии"
        ),
        available=lambda c: stage_decision(c, _stage(c, "remote_stage")) is not None,
        audience=frozenset({"member"}),
        slug="br_protokol_zaochnyi",
        roles=DECISION_ROLES,
    )
)
register(
    FormSpec(
        code="br_in_person_protocol",
        family=FAMILY,
        title="Протокол заседания Комиссии о включении в резерв (очный этап)",
        subject="campaign",
        build=lambda c: protocol_context(
            c, _stage(c, "in_person_stage"), title="Протокол заседания Комиссии"
        ),
        available=lambda c: stage_decision(c, _stage(c, "in_person_stage")) is not None,
        audience=frozenset({"member"}),
        slug="br_protokol_ochnyi",
        roles=DECISION_ROLES,
    )
)


# --------------------------------------------------------------------------- the reserve list


def _included_rows(campaign: Campaign, decision: Decision) -> list[dict[str, Any]]:
    included = set(_bound(campaign).many("included"))
    return [row for row in decision.result.get("candidates", []) if row.get("outcome") in included]


def reserve_list_context(campaign: Campaign) -> dict[str, Any]:
    """The list as published (1.7, 4.18): names by level, nothing else about the persons."""
    decision = stage_decision(campaign, _stage(campaign, "in_person_stage"))
    if decision is None:
        raise LookupError("no decision")
    apps = applications_by_id(campaign)
    by_level: dict[str, list[dict[str, Any]]] = {}
    for row in _included_rows(campaign, decision):
        level = str((row.get("reserve") or {}).get("level") or "")
        by_level.setdefault(level, []).append(candidate_name(row["id"], row["name"], apps))
    levels = []
    for level_id, level_title in _levels(campaign):
        people = sorted(by_level.get(level_id, []), key=lambda forms: forms["nominative"])
        levels.append(
            {
                "id": level_id,
                "title": level_title,
                "people": [{"n": str(i), "name": p} for i, p in enumerate(people, start=1)],
            }
        )
    context = _common(campaign, "Список лиц, включённых в резерв управленческих кадров")
    context.update(
        {
            "order": {
                "date": doc_date(
                    decision.inputs.get("events", {}).get(_bound(campaign).one("order_event"))
                )
            },
            "levels": levels,
            "total": str(sum(len(level["people"]) for level in levels)),
            "term": _term_text(campaign),
            "portal": PORTAL,
        }
    )
    return context


register(
    FormSpec(
        code="br_reserve_list",
        family=FAMILY,
        title="Список лиц, включённых в резерв управленческих кадров (по уровням)",
        subject="campaign",
        build=reserve_list_context,
        available=lambda c: (
            (d := stage_decision(c, _stage(c, "in_person_stage"))) is not None
            and bool(_included_rows(c, d))
        ),
        audience=frozenset({"member"}),
        slug="br_spisok_rezerva",
        roles=DECISION_ROLES,
    )
)


# --------------------------------------------------------------------------- the written notice


def _result_row(application: Application) -> tuple[Decision, dict[str, Any]] | None:
    decision = stage_decision(application.campaign, _stage(application.campaign, "in_person_stage"))
    if decision is None:
        return None
    row = next(
        (r for r in decision.result.get("candidates", []) if r["id"] == str(application.pk)), None
    )
    if row is None or row.get("outcome") in (None, "pending", "refused"):
        return None
    return decision, row


def results_notice_context(application: Application) -> dict[str, Any]:
    """The written notice of the results (4.14): included or not, with the scores recorded."""
    found = _result_row(application)
    if found is None:
        raise LookupError("no result")
    decision, row = found
    campaign = application.campaign
    bind = _bound(campaign)
    forms = person_forms(application.person)
    decided = doc_date(decision.meeting.date if decision.meeting else decision.created_at)
    outcome = row["outcome"]
    level_id = (row.get("reserve") or {}).get("level") or next(
        (
            c.get("facts", {}).get(bind.one("level_fact"))
            for c in decision.inputs.get("candidates", [])
            if c["id"] == row["id"]
        ),
        "",
    )
    level = _lower_first(_level_title(campaign, level_id))
    remote = row.get("stages", {}).get(bind.one("remote_stage"), {})
    in_person = row.get("stages", {}).get(bind.one("in_person_stage"), {})
    level_genitive = bind.map("level_genitive").get(str(level_id), "")
    within = f"кандидатов {level_genitive} уровня" if level_genitive else "кандидатов"
    sentences: list[str] = []
    included = outcome in bind.many("included")
    if included and application.route in bind.many("project_routes"):
        sentences.append(
            f"Сообщаем, что Вы включены в {RESERVE} ({level}) без конкурсных "
            f"процедур как {_lower_first(_route_title(campaign, application.route))} "
            "(пункт 3.8 Порядка)."
        )
    elif included:
        sentences.append(
            f"Сообщаем, что {decided} Комиссия по формированию и подготовке резерва "
            f"управленческих кадров Республики Башкортостан приняла решение о включении Вас в "
            f"{RESERVE} ({level})."
        )
    else:
        sentences.append(
            f"Сообщаем, что {decided} Комиссия по формированию и подготовке резерва "
            f"управленческих кадров Республики Башкортостан приняла решение об отказе во "
            f"включении Вас в {RESERVE}."
        )
    if remote.get("place") is not None:
        admitted = remote.get("outcome") in bind.many("admitted")
        sentences.append(
            f"По результатам первичного ранжирования (заочный этап) Ваш балл — "
            f"{num(remote.get('score'))} из {num(remote.get('max'))}, место в рейтинге {within} — "
            f"{remote['place']}; Вы "
            + (
                "допущены к очному этапу отбора."
                if admitted
                else "не допущены к очному этапу отбора."
            )
        )
    if in_person.get("place") is not None:
        sentences.append(
            f"По результатам углублённой диагностики (очный этап) Ваш рейтинговый балл — "
            f"{num(in_person.get('score'))} из {num(in_person.get('max'))}, место в рейтинге "
            f"{within} — {in_person['place']}."
        )
    elif in_person.get("outcome") == "not_passed":
        sentences.append(
            "Очный этап отбора Вами не пройден: "
            + "; ".join(
                wording.reason(r)
                for r in row.get("reasons", [])
                if r.get("code") in ("method_not_passed", "method_late")
                or str(r.get("reason", "")).startswith("не пройдено")  # recorded before the codes
            )
            + "."
        )
    if included:
        sentences.append(
            "Включение в резерв оформляется распоряжением Главы Республики Башкортостан "
            f"(пункт 3.3 Порядка); резерв формируется на {_term_text(campaign)} "
            "(пункт 1.5 Порядка). "
            f"Сведения о лицах, включённых в резерв, размещаются на портале {PORTAL} "
            "(пункт 4.18 Порядка)."
        )
    else:
        kept = decision.meeting.date if decision.meeting else decision.created_at.date()
        try:
            until = kept.replace(year=kept.year + 1)
        except ValueError:  # 29 February
            until = kept + dt.timedelta(days=365)
        sentences.append(
            "Представленные Вами документы хранятся в течение одного года со дня завершения "
            f"конкурса (до {doc_date(until)}) и могут быть Вам возвращены по Вашему письменному "
            "заявлению (пункт 4.16 Порядка)."
        )
    context = _common(campaign, "Сообщение о результатах конкурса")
    context.update(
        {
            "addressee": forms,
            "salutation": salutation(forms),
            "application": {
                "code": application.code,
                "submitted": doc_date(application.submitted_at),
            },
            "result": {
                "date": decided,
                "outcome": outcome,
                "included": included,
                "level": level,
                "sentences": sentences,
            },
        }
    )
    return context


register(
    FormSpec(
        code="br_results_notice",
        family=FAMILY,
        title="Письменное сообщение кандидату о результатах конкурса",
        subject="application",
        build=results_notice_context,
        available=lambda a: _result_row(a) is not None,
        audience=frozenset({"candidate_own"}),
        slug="br_rezultaty",
        roles=DECISION_ROLES,
    )
)
