"""PK forms (shared/seeds/003_2bcfb3d4b4415c39.txt), filled from recorded data.

* ``pk_reserve_list`` — кадровый резерв по должностям (appendix 1; PK-2, PK-7), the campaign;
* ``pk_recommendation`` — рекомендация (appendix 2; PK-3), an application by recommendation;
* ``pk_application`` — заявление на имя председателя Комиссии (appendix 3; PK-4);
* ``pk_questionnaire`` — анкета кандидата (appendix 4; PK-4);
* ``pk_consent`` — согласие на обработку персональных данных (appendix 5; PK-4, C-4);
* ``pk_criteria_sheet`` — критерии оценки с баллами кандидата (appendix 6; PK-8), a scored
  application.

The reserve list and the criteria sheet read the stored ``Decision`` only (its inputs and result,
C-6): the points by criterion are the engine's (the computed criteria as the result gives them,
the members' criteria as the engine combines the ballots stored in the inputs), the total is the
result's. The candidate's own papers (appendices 2–5) are blank forms filled with what rezerv
records; what it does not record is left as a line to fill in by hand.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone

from rezerv.documents.binding import Bound, Role, bound_any
from rezerv.documents.common import (
    form_context,
    latest_decision,
    reserve_outcomes,
    signature_rows,
)
from rezerv.documents.names import CASES, gendered, person_forms
from rezerv.documents.registry import FormSpec, register
from rezerv.documents.style import doc_date, num, points_word, years_word
from rezerv.engine.scoring import entered_total
from rezerv.selection.models import Application, Campaign, Decision
from rezerv.selection.vocabulary import fact_wording

COMMISSION_WORD = "комиссии"
# The candidate's target position and its group (PK-1, PK-7): the group is worded as the
# regulation declares (``wording``: «ведущая группа должностей»).

# The roles of the layouts (``documents.binding``): the position and the target group the
# candidate applies for, the route of the members kept without re-examination (2.19) and that of
# the recommended (2.5, appendix 2), the enclosures of the application (appendix 3) by document,
# the facts of the questionnaire, the stage and method of the criteria sheet (appendix 6) and how
# it words the facts its computed criteria read.
CANDIDATE_ROLES = {"target_position_fact": Role("fact"), "target_group_fact": Role("fact")}
KEPT_ROLES = {"kept_route": Role("route")}
LAYOUT_ROLES: dict[str, dict[str, Role]] = {
    "pk_recommendation": {**CANDIDATE_ROLES, "recommendation_route": Role("route")},
    "pk_application": {
        **CANDIDATE_ROLES,
        **KEPT_ROLES,
        "enclosures": Role("document", "map"),
    },
    "pk_questionnaire": {
        **CANDIDATE_ROLES,
        **KEPT_ROLES,
        "education_fact": Role("fact"),
        "retraining_fact": Role("fact"),
    },
    "pk_consent": CANDIDATE_ROLES,
    "pk_reserve_list": {
        **CANDIDATE_ROLES,
        **KEPT_ROLES,
        # the facts the reserve keeps (``reserve.list_facts``) the list prints, its approval
        "education_fact": Role("fact"),
        "retraining_fact": Role("fact"),
        "birth_date_fact": Role("fact"),
        "appointment_date_fact": Role("fact"),
        "service_years_fact": Role("fact"),
        "approval_event": Role("event"),
    },
    "pk_criteria_sheet": {
        **CANDIDATE_ROLES,
        "assessment_stage": Role("stage"),
        "assessment_method": Role("method"),
        "years_fact": Role("fact"),  # printed as «N лет»
        "percent_fact": Role("fact"),  # printed as «N % правильных ответов»
        "fact_labels": Role("fact", "map", required=False),  # «успешно реализованных проектов: N»
        # appendix 6's text by criterion: group, indicator, method, then «points: variant»…
        "criteria_text": Role("criterion", "map", texts=3, at_least=True),
    },
}


def _bound(campaign: Campaign) -> Bound:
    """The bindings of the PK layouts the campaign's regulation lists."""
    return bound_any(campaign.regulation.load().regulation, LAYOUT_ROLES)


APPENDIX = "к Положению о кадровом резерве для замещения вакантных должностей муниципальной службы"
BLANK_DATE = "«____» _____________20___г."

# --------------------------------------------------------------------------- small helpers


def _initials_by_case(person: Any, forms: dict[str, Any]) -> dict[str, str]:
    """«Петрову М.С.» (фамилия, и.о. in each case): the declined surname and the initials."""
    letters = "".join(f"{p[0]}." for p in (person.first_name, person.patronymic) if p)
    words = max(1, len(person.last_name.split()))
    out = {}
    for case in CASES:
        surname = " ".join(forms[case].split()[:words])
        out[case] = f"{surname} {letters}".strip()
    return out


def candidate_forms(person: Any) -> dict[str, Any]:
    """A name (``names.name_forms``) plus ``initials`` by case: ``{{ c.initials.genitive }}``."""
    forms = person_forms(person)
    forms["initials"] = _initials_by_case(person, forms)
    return forms


def body_forms(name: str) -> dict[str, str]:
    """«Администрация Покровского сельского поселения» → the genitive «Администрации …» and the
    municipality «Покровского сельского поселения»; a body named otherwise is left as written."""
    head, _, rest = name.strip().partition(" ")
    if head.lower() == "администрация" and rest:
        return {"genitive": f"{head[:-1]}и {rest}", "municipality": rest}
    return {"genitive": name, "municipality": ""}


def years_text(value: Any) -> str:
    """«9 лет», «1 год», «3,5 года»; empty for none."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{int(number)} {years_word(number)}"
    return f"{num(number.normalize())} {years_word(number)}"


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _common(campaign: Campaign, title: str, short: str = "") -> dict[str, Any]:
    context = form_context(campaign, title, footer_title=short)
    context["body"].update(body_forms(campaign.body.name))
    return context


def _candidate_context(application: Application, title: str, short: str = "") -> dict[str, Any]:
    campaign = application.campaign
    person = application.person
    forms = candidate_forms(person)
    facts = application.facts
    context = _common(campaign, title, short)
    context.update(
        {
            "candidate": forms,
            "person": {
                "birth_date": doc_date(person.birth_date),
                "address": person.address,
                "phone": person.phone,
                "email": person.email,
            },
            "words": {
                "residing": gendered(forms, "проживающий", "проживающая", "проживающий(ая)"),
                "residing_genitive": gendered(
                    forms, "проживающего", "проживающей", "проживающего(ей)"
                ),
                "acquainted": gendered(forms, "ознакомлен", "ознакомлена", "ознакомлен(а)"),
                "agree": gendered(forms, "согласен", "согласна", "согласен(на)"),
                "informed": gendered(
                    forms, "проинформирован", "проинформирована", "проинформирован(а)"
                ),
            },
            "application": {
                "code": application.code,
                "submitted": doc_date(timezone.localtime(application.submitted_at)),
                "position": str(facts.get(_bound(campaign).one("target_position_fact")) or ""),
                "group": _group(campaign, facts),
            },
        }
    )
    return context


def _files_the_candidate_brings(application: Application) -> bool:
    """Members kept without re-examination bring no papers: their file is kept (2.19, 3.1)."""
    return application.route != _bound(application.campaign).one("kept_route")


# --------------------------------------------------------------------------- appendix 2


def recommendation_context(application: Application) -> dict[str, Any]:
    return _candidate_context(application, "Рекомендация")


register(
    FormSpec(
        code="pk_recommendation",
        family="PK",
        title="Рекомендация для включения в муниципальный резерв",
        subject="application",
        appendix="Приложение № 2 к Положению",
        build=recommendation_context,
        available=lambda a: a.route == _bound(a.campaign).one("recommendation_route"),
        audience=frozenset({"candidate_own"}),
        slug="pk_rekomendaciya",
        roles=LAYOUT_ROLES["pk_recommendation"],
    )
)


# --------------------------------------------------------------------------- appendix 3


def application_context(application: Application) -> dict[str, Any]:
    context = _candidate_context(application, "Заявление")
    submitted = set(application.documents.values_list("doc_type", flat=True))
    context["enclosures"] = [
        {
            "n": str(i),
            "title": title,
            "submitted": doc_type in submitted,
            "mark": "" if doc_type in submitted else " — не представлено",
        }
        for i, (doc_type, title) in enumerate(
            _bound(application.campaign).map("enclosures").items(), start=1
        )
    ]
    return context


register(
    FormSpec(
        code="pk_application",
        family="PK",
        title="Заявление о включении в муниципальный резерв",
        subject="application",
        appendix="Приложение № 3 к Положению",
        build=application_context,
        available=_files_the_candidate_brings,
        audience=frozenset({"candidate_own"}),
        slug="pk_zayavlenie",
        roles=LAYOUT_ROLES["pk_application"],
    )
)


# --------------------------------------------------------------------------- appendix 4

WORK_ROWS = 8  # the seed's table of section 5 has eight rows to fill


def _month_year(value: Any) -> str:
    text = str(value or "")
    if len(text) >= 7 and text[4] == "-":
        return f"{text[5:7]}.{text[:4]}"
    return text


def questionnaire_context(application: Application) -> dict[str, Any]:
    context = _candidate_context(application, "Анкета")
    person = application.person
    q = getattr(person, "questionnaire", None)
    facts = application.facts
    education = []
    for entry in (q.education if q else None) or []:
        specialty = ", ".join(str(entry[k]) for k in ("specialty", "qualification") if entry.get(k))
        education.append(
            {
                "start": "",
                "end": str(entry.get("year") or ""),
                "institution": str(entry.get("institution") or ""),
                "specialty": specialty,
            }
        )
    education_fact = facts.get(_bound(application.campaign).one("education_fact"))
    if not education and education_fact:
        education.append(
            {"start": "", "end": "", "institution": str(education_fact), "specialty": ""}
        )
    while len(education) < 2:  # the seed's table has two rows
        education.append({"start": "", "end": "", "institution": "", "specialty": ""})
    work = []
    for entry in (q.work_history if q else None) or []:
        post = ", ".join(str(entry[k]) for k in ("post", "organisation") if entry.get(k))
        work.append(
            {
                "start": _month_year(entry.get("start")),
                "end": _month_year(entry.get("end")) or "по наст. время",
                "post": post,
                "address": "",
            }
        )
    current = next(
        (e for e in reversed((q.work_history if q else None) or []) if not e.get("end")), None
    )
    while len(work) < WORK_ROWS:
        work.append({"start": "", "end": "", "post": "", "address": ""})
    context.update(
        {
            "education": education,
            "retraining": str(facts.get(_bound(application.campaign).one("retraining_fact")) or ""),
            "current": {
                "organisation": str(current.get("organisation") or "") if current else "",
                "post": (
                    f"{current.get('post') or ''}, с {doc_date(current['start'])}"
                    if current and current.get("start")
                    else ""
                ),
            },
            "work": work,
            "languages": "; ".join(q.languages) if q and q.languages else "",
            "awards": "; ".join(q.awards) if q and q.awards else "",
        }
    )
    return context


register(
    FormSpec(
        code="pk_questionnaire",
        family="PK",
        title="Анкета кандидата на включение в муниципальный резерв",
        subject="application",
        appendix="Приложение № 4 к Положению",
        build=questionnaire_context,
        available=_files_the_candidate_brings,
        audience=frozenset({"candidate_own"}),
        slug="pk_anketa",
        roles=LAYOUT_ROLES["pk_questionnaire"],
    )
)


# --------------------------------------------------------------------------- appendix 5


def _zone_label() -> str:
    name = timezone.get_current_timezone_name()
    return "мск" if name == "Europe/Moscow" else name


def consent_context(application: Application) -> dict[str, Any]:
    context = _candidate_context(
        application,
        "Согласие на обработку персональных данных, проверку предоставляемых сведений, "
        "проведение оценочных мероприятий",
        "Согласие на обработку персональных данных",
    )
    moment = timezone.localtime(application.consent_given_at)
    context["consent"] = {
        "date": doc_date(moment),
        "time": moment.strftime("%H:%M"),
        "zone": _zone_label(),
    }
    return context


register(
    FormSpec(
        code="pk_consent",
        family="PK",
        title="Согласие на обработку персональных данных, проверку сведений, оценочные мероприятия",
        subject="application",
        appendix="Приложение № 5 к Положению",
        build=consent_context,
        available=lambda a: a.consent_given_at is not None,
        audience=frozenset({"candidate_own"}),
        slug="pk_soglasie",
        roles=LAYOUT_ROLES["pk_consent"],
    )
)


# --------------------------------------------------------------------------- appendix 1


def _input_candidates(decision: Decision) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in decision.inputs.get("candidates", [])}


def _reserve_outcomes(campaign: Campaign) -> tuple[set[str], int]:
    reg = campaign.regulation.load().regulation
    per_position = int(reg.reserve.per_position or 2) if reg.reserve else 2
    return reserve_outcomes(campaign), per_position


def _group(campaign: Campaign, facts: dict[str, Any]) -> str:
    """The target group as the regulation words it; empty when not given."""
    reg = campaign.regulation.load().regulation
    fact_id = _bound(campaign).one("target_group_fact")
    return fact_wording(reg, fact_id, facts.get(fact_id))


def _kept(kept_route: str, row: dict[str, Any], inputs: dict[str, dict[str, Any]]) -> bool:
    return inputs.get(row["id"], {}).get("route") == kept_route


def _meeting_date(decision: Decision) -> str:
    return doc_date(decision.meeting.date if decision.meeting else decision.created_at)


def reserve_list_context(campaign: Campaign) -> dict[str, Any]:
    decision = latest_decision(campaign)
    if decision is None:
        raise LookupError("no decision")
    outcomes, per_position = _reserve_outcomes(campaign)
    bind = _bound(campaign)
    kept_route = bind.one("kept_route")
    inputs = _input_candidates(decision)
    apps = {str(a.pk): a for a in campaign.applications.select_related("person")}
    rows = [r for r in decision.result.get("candidates", []) if r.get("admitted")]
    by_position: dict[str, list[dict[str, Any]]] = {}
    groups: dict[str, str] = {}
    for row in rows:
        facts = inputs.get(row["id"], {}).get("facts", {})
        title = str(facts.get(_bound(campaign).one("target_position_fact")) or "")
        if not title:
            continue
        by_position.setdefault(title, [])
        groups.setdefault(title, _group(campaign, facts))
        if row["outcome"] in outcomes:
            by_position[title].append(row)
    positions = []
    for title in sorted(by_position):
        members = sorted(
            by_position[title],
            key=lambda r: (not _kept(kept_route, r, inputs), r.get("place") or 0, r["name"]),
        )
        reserve: list[dict[str, Any]] = []
        for n, row in enumerate(members, start=1):
            listed = (row.get("reserve") or {}).get("facts", {})
            app = apps.get(row["id"])
            education = str(listed.get(bind.one("education_fact")) or "")
            retraining = str(listed.get(bind.one("retraining_fact")) or "")
            reserve.append(
                {
                    "n": f"{n}.",
                    "name": candidate_forms(app.person) if app else {"nominative": row["name"]},
                    "birth_date": doc_date(listed.get(bind.one("birth_date_fact"))),
                    "education": education,
                    "retraining": retraining,
                    "education_full": "; ".join(t for t in (education, retraining) if t),
                    "appointed": doc_date(listed.get(bind.one("appointment_date_fact"))),
                    "service": years_text(listed.get(bind.one("service_years_fact"))),
                    "score": num(row.get("final_score")),
                    "kept": _kept(kept_route, row, inputs),
                }
            )
        for n in range(len(reserve) + 1, per_position + 1):
            reserve.append(
                {
                    "n": f"{n}.",
                    "name": {"nominative": ""},
                    "birth_date": "",
                    "education": "",
                    "retraining": "",
                    "education_full": "",
                    "appointed": "",
                    "service": "",
                    "score": "",
                    "kept": False,
                }
            )
        positions.append(
            {
                "title": title,
                "group": groups.get(title, ""),
                "reserve": reserve,
                "included": sum(1 for r in reserve if r["name"]["nominative"]),
            }
        )
    approval = decision.inputs.get("events", {}).get(bind.one("approval_event"))
    context = _common(campaign, "Кадровый резерв")
    context.update(
        {
            "positions": positions,
            "per_position": str(per_position),
            "approval": {"date": doc_date(approval) if approval else ""},
            "decision": {
                "date": _meeting_date(decision),
                "regulation": decision.result.get("regulation", {}).get("version", ""),
                "digest": decision.regulation_sha256[:12],
            },
        }
    )
    return context


register(
    FormSpec(
        code="pk_reserve_list",
        family="PK",
        title="Кадровый резерв для замещения вакантных должностей муниципальной службы",
        subject="campaign",
        appendix="Приложение 1 к Положению",
        build=reserve_list_context,
        available=lambda c: latest_decision(c) is not None,
        audience=frozenset({"member"}),
        slug="pk_kadrovyi_rezerv",
        roles=LAYOUT_ROLES["pk_reserve_list"],
    )
)


# --------------------------------------------------------------------------- appendix 6

Variant = tuple[str, str]  # (text, points)
CriterionText = tuple[str, str, str, tuple[Variant, ...]]


def criteria_text(reg: Any) -> dict[str, CriterionText]:
    """The printed text of appendix 6 (the seed's wording) by criterion, as the regulation binds
    it (``criteria_text``): group, indicator, method, variants (text, points). The points of
    each variant are the regulation's score sheet's; a test checks they agree."""
    out: dict[str, CriterionText] = {}
    for criterion, lines in bound_any(reg, LAYOUT_ROLES).map("criteria_text").items():
        group, indicator, how, *variants = [*lines, "", "", ""][: max(len(lines), 3)]
        pairs = tuple(
            (text, points) for points, _sep, text in (v.partition(": ") for v in variants)
        )
        out[str(criterion)] = (group, indicator, how, pairs)
    return out


def _result_row(application: Application) -> tuple[Decision, dict[str, Any], dict[str, Any]]:
    """The stored decision, the application's row and its assessment, or LookupError."""
    decision = latest_decision(application.campaign)
    if decision is None:
        raise LookupError("no decision")
    row = next(
        (r for r in decision.result.get("candidates", []) if r["id"] == str(application.pk)),
        None,
    )
    bind = _bound(application.campaign)
    stage = (row or {}).get("stages", {}).get(bind.one("assessment_stage"), {})
    method = stage.get("methods", {}).get(bind.one("assessment_method"))
    if row is None or not method or method.get("score") is None:
        raise LookupError("not scored")
    return decision, row, stage


def _scored(application: Application) -> bool:
    try:
        _result_row(application)
    except LookupError:
        return False
    return True


def _fact_text(criterion: Any, facts: dict[str, Any], bind: Bound) -> str:
    """What the computed criterion read, as the candidate's facts in the decision's inputs say."""
    value = facts.get(criterion.fact)
    if value is None or value == "":
        return "сведения не представлены"
    if criterion.kind == "options":
        option = next((o for o in criterion.options if o.id == str(value)), None)
        return option.title if option else str(value)
    if criterion.fact == bind.one("years_fact"):
        return years_text(value)
    label = bind.map("fact_labels").get(str(criterion.fact), "")
    if criterion.fact == bind.one("percent_fact"):
        return f"{num(value)} % правильных ответов"
    return f"{label}: {num(value)}" if label else num(value)


def _member_entries(
    decision: Decision, candidate_id: str, stage_id: str, method_id: str
) -> list[dict[str, Any]]:
    """The members' entries for the candidate on the sheet, as stored in the inputs."""
    recused = {(r["member"], r["candidate"]) for r in decision.inputs.get("recusals", [])}
    entries = []
    for ballot in decision.inputs.get("ballots", []):
        if ballot.get("stage") != stage_id or ballot.get("method") != method_id:
            continue
        if (ballot["member"], candidate_id) in recused:
            continue
        row = ballot.get("rows", {}).get(candidate_id)
        if isinstance(row, dict) and "points" in row and not isinstance(row["points"], str):
            row = row["points"]
        if isinstance(row, dict):
            entries.append(row)
    return entries


def _entered_points(sheet: Any, criterion: Any, value: Any) -> Decimal:
    if criterion.kind != "options":
        value = Decimal(str(value))
    return entered_total(sheet, {criterion.id: value})


def criteria_sheet_context(application: Application) -> dict[str, Any]:
    decision, row, stage = _result_row(application)
    campaign = application.campaign
    reg = campaign.regulation.load().regulation
    bind = _bound(campaign)
    method_id = bind.one("assessment_method")
    sheet = reg.sheet(reg.method(method_id).sheet or "")
    method = stage["methods"][method_id]
    derived = method.get("derived", {})
    facts = _input_candidates(decision).get(row["id"], {}).get("facts", {})
    entries = _member_entries(decision, row["id"], bind.one("assessment_stage"), method_id)
    texts = criteria_text(reg)
    lines = []
    previous_group = ""
    for criterion in sheet.criteria:
        group, indicator, how, variants = texts.get(criterion.id, ("", criterion.title, "", ()))
        if criterion.derived:
            points = derived.get(criterion.id)
            basis = _fact_text(criterion, facts, bind)
        else:
            values = [
                _entered_points(sheet, criterion, e[criterion.id])
                for e in entries
                if e.get(criterion.id) is not None
            ]
            points = format(_round(sum(values, Decimal(0)) / len(values)), "f") if values else None
            basis = (
                f"среднее оценок членов комиссии ({len(values)}): "
                + "; ".join(num(v.normalize()) for v in values)
                if values
                else "оценки членов комиссии не внесены"
            )
        lines.append(
            {
                "id": criterion.id,
                "group": group if group != previous_group else "",
                "indicator": indicator,
                "method": how,
                "variants": [{"text": t, "points": p} for t, p in variants],
                "variants_text": "; ".join(f"{t} — {p}" for t, p in variants),
                "points": num(points),
                "max": num(criterion.top.normalize()),
                "basis": basis,
                "computed": bool(criterion.derived),
            }
        )
        previous_group = group or previous_group
    meeting_input = next(
        (
            m
            for m in decision.inputs.get("meetings", [])
            if decision.meeting_id and m["id"] == str(decision.meeting_id)
        ),
        None,
    )
    members = []
    if meeting_input:
        commission: dict[str, Any] = next(
            (
                c
                for c in decision.inputs.get("commissions", [])
                if c["id"] == meeting_input["commission"]
            ),
            {"members": []},
        )
        present = set(meeting_input.get("present", []))
        members = [m for m in commission["members"] if m["id"] in present]
    score = stage.get("score") or method.get("score")
    context = _common(campaign, "Оценка профессиональных и личностных качеств кандидата")
    context.update(
        {
            "candidate": candidate_forms(application.person),
            "application": {
                "code": application.code,
                "position": str(facts.get(_bound(campaign).one("target_position_fact")) or ""),
                "group": _group(campaign, facts),
            },
            "criteria": lines,
            "total": {
                "score": num(score),
                "max": num(stage.get("max") or method.get("max")),
                "word": points_word(num(score)),
                "place": str(stage.get("place") or ""),
                "ballots": str(method.get("ballots", "")),
                "outcome_title": row.get("outcome_title", ""),
            },
            "meeting": {
                "date": _meeting_date(decision),
                "place": decision.meeting.place if decision.meeting else "",
            },
            "signatures": signature_rows(members, COMMISSION_WORD),
        }
    )
    return context


register(
    FormSpec(
        code="pk_criteria_sheet",
        family="PK",
        title="Оценка кандидата по критериям (приложение № 6)",
        subject="application",
        appendix="Приложение № 6 к Положению",
        build=criteria_sheet_context,
        available=_scored,
        audience=frozenset({"member"}),
        slug="pk_kriterii",
        roles=LAYOUT_ROLES["pk_criteria_sheet"],
    )
)
