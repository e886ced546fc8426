"""AK forms (shared/seeds/001_20696a269b780fc4.txt), filled from recorded data (docs/documents.md).

* ``ak_application`` — заявление об участии в конкурсе (appendix 1; AK-5), one per application;
* ``ak_questionnaire`` — анкета участника конкурса (appendix 2; AK-5, C-4), one per application;
* ``ak_sheet_questionnaire`` — оценка анкеты по критериям приложения 3 (AK-13), one per
  application: the lines are computed from the questionnaire's facts, the same for every member;
* ``ak_sheet_project`` — оценочный лист проектной работы (appendix 4; AK-7), one per member of a
  regional commission, a page per akim of the member's oblast;
* ``ak_sheet_survey`` — показатели соцопроса / онлайн-оценки (appendix 5; AK-9), one per
  application (the survey's result is entered once per akim);
* ``ak_sheet_essay`` — оценочный лист эссе (appendix 6; AK-9), per member, a page per akim;
* ``ak_sheet_defence`` — оценочный лист защиты проекта (appendix 7; AK-11), per member of the
  republican commission, a page per akim;
* ``ak_regional_protocol`` — протоколы заседаний региональных комиссий (AK-2, AK-7, AK-10): one
  protocol per stored decision of a regional commission's meeting;
* ``ak_republican_protocol`` — протокол заседания Республиканской комиссии (AK-1, AK-11);
* ``ak_stage2_list`` — список претендентов, прошедших во второй этап (p. 17; AK-10).

The regulation binds the layouts' roles to its own ids (``forms:``, ``documents.binding``): the
stages of pre-selection, the regional interview and the republican final (their commissions are
the stages' own), the methods of each sheet, the facts of the akim's place and questionnaire, the
seed's wording of criteria the file shortens, and how a protocol words each outcome.

The protocols and the list read stored ``Decision`` rows only (inputs and result, C-6), each
decision for the stage it was taken for and the akims of its commission's oblast.  A member's
sheet reads the decision's inputs once the commission decided the stage, the live ballots before.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from rezerv import l10n
from rezerv.documents.binding import Bound, Role, bound_any
from rezerv.documents.common import (
    candidate_name,
    commission_members,
    form_context,
    languages_context,
    latest_decision,
    member_name,
    signature_rows,
)
from rezerv.documents.names import gendered, name_forms, person_forms
from rezerv.documents.registry import FormSpec, register
from rezerv.documents.style import doc_date, num, years_word
from rezerv.selection.models import (
    Application,
    Ballot,
    Campaign,
    Commission,
    CommissionMember,
    Decision,
    Result,
)
from rezerv.selection.selectors import in_scope
from rezerv.selection.states import ApplicationStatus

BLANK = "_______________"
DATE_BLANK = "«___» ____________ 20___ г."
_APPENDIX_PREFIX = re.compile(r"^Прил\.\s*\d+,\s*п\.\s*\d+\.\s*")

# The roles of the layouts (``documents.binding``), in groups the layouts share.
AKIM_ROLES = {
    "oblast_fact": Role("fact"),
    "district_fact": Role("fact"),
    "settlement_fact": Role("fact"),
    "post_fact": Role("fact"),
    # the post as «акима села» (the genitive the forms print), by the post fact's choice
    "post_genitive": Role("choice", "map"),
}
QUESTIONNAIRE_ROLES = {
    "service_years_fact": Role("fact"),
    "awards_fact": Role("fact"),
    "development_fact": Role("fact"),
    "degree_choice": Role("choice"),
    "works_choice": Role("choice"),
    "project_choices": Role("choice", "many"),
    "complex_projects_fact": Role("fact"),
    "languages_fact": Role("fact"),
    "training_fact": Role("fact"),
    "seminar_choices": Role("choice", "many"),
    "further_education_choices": Role("choice", "many"),
    "disciplinary_penalty_fact": Role("fact"),
    "administrative_penalty_fact": Role("fact"),
}
STAGE_ROLES = {
    "preselection_stage": Role("stage"),
    "interview_stage": Role("stage"),
    "final_stage": Role("stage"),
}
# Where the regulation file shortens a criterion, the seed's own wording (appendices 5 and 7).
TITLE_ROLES = {"criterion_titles": Role("criterion", "map", required=False)}
PROTOCOL_ROLES = {
    **STAGE_ROLES,
    "winners": Role("outcome", "many"),
    # an outcome as the protocol prints it: masculine, feminine, gender unknown
    "outcome_words": Role("outcome", "map", texts=3),
    # what a stage's score is made of: its methods and the stages it carries, as labelled
    "method_labels": Role("method", "map"),
    "carried_labels": Role("stage", "map"),
    "stage1_criterion": Role("criterion"),
}
PROTOCOL_ROLES_ALL = {**AKIM_ROLES, **PROTOCOL_ROLES, "defence_method": Role("method")}
LAYOUTS = (
    "ak_application",
    "ak_questionnaire",
    "ak_sheet_questionnaire",
    "ak_sheet_survey",
    "ak_sheet_project",
    "ak_sheet_essay",
    "ak_sheet_defence",
    "ak_regional_protocol",
    "ak_republican_protocol",
    "ak_stage2_list",
)


def _bound(campaign: Campaign) -> Bound:
    """The bindings of the AK layouts the campaign's regulation lists."""
    return bound_any(_regulation(campaign), LAYOUTS)


def _stage(campaign: Campaign, role: str) -> str:
    return _bound(campaign).one(role)


def _commission_rule(campaign: Campaign, role: str) -> str:
    """The commission rule of the stage bound to ``role`` (the regional or the republican)."""
    reg = _regulation(campaign)
    stage_id = _stage(campaign, role)
    stage = next((st for st in reg.stages if st.id == stage_id), None)
    return (stage.commission if stage else None) or ""


# --------------------------------------------------------------------------- shared pieces


def _regulation(campaign: Campaign) -> Any:
    return campaign.regulation.load().regulation


def _choice_title(reg: Any, fact_id: str, value: Any) -> str:
    fact = next((f for f in reg.facts if f.id == fact_id), None)
    if fact is None or value in (None, ""):
        return "" if value is None else str(value)
    choice = next((c for c in fact.choices if c.id == value), None)
    return choice.title if choice else str(value)


def current_facts(application: Application) -> dict[str, Any]:
    """The application's facts after the recorded changes (the last change wins)."""
    facts = dict(application.facts)
    for change in application.fact_changes:
        facts[change["fact"]] = change["to"]
    return facts


def akim_context(
    reg: Any, forms: dict[str, Any], facts: dict[str, Any], bind: Bound
) -> dict[str, Any]:
    """The akim as the forms name him or her: name forms, post, village, district, oblast."""
    post_fact = bind.one("post_fact")
    post = facts.get(post_fact) or ""
    settlement = str(facts.get(bind.one("settlement_fact")) or "")
    district = str(facts.get(bind.one("district_fact")) or "")
    oblast = _choice_title(reg, bind.one("oblast_fact"), facts.get(bind.one("oblast_fact")))
    genitive = bind.map("post_genitive")
    return {
        "name": forms,
        "post": _choice_title(reg, post_fact, post),
        "post_genitive": genitive.get(post) or _choice_title(reg, post_fact, post),
        "settlement": settlement,
        "district": district,
        "oblast": oblast,
        "place": ", ".join(p for p in (settlement, district, oblast) if p),
    }


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _points(value: Any) -> str:
    """A score in the document style: 9, 41,50; integral decimals without their zeros."""
    number = _decimal(value)
    if number is None:
        return ""
    if number == number.to_integral_value():
        return num(str(number.quantize(Decimal(1))))
    return num(str(number))


def _criterion_title(criterion: Any, bind: Bound) -> str:
    titles = bind.map("criterion_titles")
    return titles.get(criterion.id) or _APPENDIX_PREFIX.sub("", criterion.title)


def _max_text(criterion: Any) -> str:
    return f"До {_points(criterion.max)}" if criterion.max is not None else ""


def _meeting_of(commission: Commission, stage_id: str) -> Any:
    return commission.meetings.filter(stage_id=stage_id).order_by("date", "pk").first()


def commission_decision(commission: Commission, stage_id: str) -> Decision | None:
    """The latest decision a commission took on a stage (at one of its meetings)."""
    return latest_decision(commission.campaign, stage_id=stage_id, commission=commission)


def _scope_fact(reg: Any, commission_rule: str) -> str | None:
    rule = next((c for c in reg.commissions if c.id == commission_rule), None)
    return rule.scope if rule else None


def _scope_title(reg: Any, commission: Commission) -> str:
    """The title of the commission's territory (its oblast): its rule's scope fact's choice."""
    if not commission.scope:
        return ""
    return _choice_title(reg, _scope_fact(reg, commission.rule_id) or "", commission.scope)


def _decision_rows(decision: Decision, commission: Commission) -> list[dict[str, Any]]:
    """The decision's candidates who took part in its stage and belong to the commission's scope."""
    reg = _regulation(commission.campaign)
    scope_fact = _scope_fact(reg, commission.rule_id)
    facts = {c["id"]: c.get("facts", {}) for c in decision.inputs.get("candidates", [])}
    rows = []
    for row in decision.result.get("candidates", []):
        if decision.stage_id not in row.get("stages", {}):
            continue
        outside = facts.get(row["id"], {}).get(scope_fact or "") != commission.scope
        if commission.scope and scope_fact and outside:
            continue
        rows.append(row)
    return rows


def stage_entrants(commission: Commission, stage_id: str) -> list[Application]:
    """The akims a commission assesses on a stage, in its scope.

    As the commission's decision on the stage recorded them; before it, as the latest decision of
    the campaign found them (who proceeded from the stage before); before any decision, the
    admitted applications when the stage is the first assessment, nobody otherwise.
    """
    campaign = commission.campaign
    apps = {
        str(a.pk): a
        for a in campaign.applications.filter(status=ApplicationStatus.ADMITTED).select_related(
            "person"
        )
    }
    decision = commission_decision(commission, stage_id) or latest_decision(campaign)
    if decision is not None:
        ids = [
            r["id"]
            for r in decision.result.get("candidates", [])
            if stage_id in r.get("stages", {})
        ]
        found = [apps[i] for i in ids if i in apps]
    else:
        reg = _regulation(campaign)
        first = next((s.id for s in reg.stages if s.kind == "assessment"), None)
        found = list(apps.values()) if stage_id == first else []
    found = [a for a in found if in_scope(commission, a)]
    district = _bound(campaign).one("district_fact")
    found.sort(key=lambda a: (str(a.facts.get(district, "")), a.person.full_name))
    return found


# --------------------------------------------------------------------------- appendix 1: заявление


def _document_titles(application: Application, reg: Any = None) -> list[str]:
    """The documents enclosed with the application, the application itself left out (their
    titles as ``reg`` gives them: the regulation, or its Kazakh texts)."""
    reg = reg or _regulation(application.campaign)
    have = set(application.documents.values_list("doc_type", flat=True))
    catalogue = reg.documents.catalogue if reg.documents else []
    itself = _bound(application.campaign).one("application_document")
    return [d.title for d in catalogue if d.id in have and d.id != itself]


def application_context(application: Application) -> dict[str, Any]:
    campaign = application.campaign
    reg = _regulation(campaign)
    forms = person_forms(application.person)
    akim = akim_context(reg, forms, current_facts(application), _bound(campaign))
    route = next((r.title for r in reg.routes if r.id == application.route), "")
    context = form_context(campaign, "Заявление")
    context.update(
        {
            "akim": akim,
            "addressee": "В Региональную конкурсную комиссию"
            + (f" ({akim['oblast']})" if akim["oblast"] else ""),
            "acquainted": gendered(
                forms,
                "ознакомлен и согласен",
                "ознакомлена и согласна",
                "ознакомлен(а) и согласен(а)",
            ),
            "attachments": _document_titles(application),
            "route": route,
            "application": {"code": application.code},
            "date": doc_date(application.submitted_at),
        }
    )
    context.update(languages_context(campaign))
    if context["kazakh"]:  # the Kazakh part: the regulation's own Kazakh texts (issue 15)
        reg_kk = reg.translated("kk")
        akim_kk = akim_context(reg_kk, forms, current_facts(application), _bound(campaign))
        context["kk"] = {
            "addressee": "Өңірлік конкурстық комиссияға"
            + (f" ({akim_kk['oblast']})" if akim_kk["oblast"] else ""),
            "akim": akim_kk,
            "attachments": _document_titles(application, reg_kk),
            "date": l10n.long_date(timezone.localdate(application.submitted_at), "kk")
            if application.submitted_at
            else "",
        }
    return context


register(
    FormSpec(
        code="ak_application",
        family="AK",
        title="Заявление об участии в конкурсе",
        subject="application",
        appendix="Приложение 1",
        build=application_context,
        audience=frozenset({"candidate_own"}),
        slug="ak_zayavlenie",
        roles={**AKIM_ROLES, "application_document": Role("document")},
    )
)


# --------------------------------------------------------------------------- appendix 2: анкета


def _option_titles(reg: Any, fact_id: str, values: Any, only: tuple[str, ...] = ()) -> list[str]:
    fact = next((f for f in reg.facts if f.id == fact_id), None)
    if fact is None or not isinstance(values, list):
        return []
    titles = {c.id: c.title for c in fact.choices}
    return [titles.get(v, str(v)) for v in values if not only or v in only]


def _education_lines(questionnaire: Any) -> list[str]:
    lines = []
    for entry in questionnaire.education or []:
        parts = [
            str(entry.get(k) or "").strip()
            for k in ("institution", "year", "specialty", "qualification")
        ]
        if any(parts):
            lines.append(", ".join(p for p in parts if p))
    return lines


def questionnaire_context(application: Application) -> dict[str, Any]:
    campaign = application.campaign
    reg = _regulation(campaign)
    person = application.person
    forms = person_forms(person)
    facts = current_facts(application)
    bind = _bound(campaign)
    akim = akim_context(reg, forms, facts, bind)
    q = getattr(person, "questionnaire", None)
    years = facts.get(bind.one("service_years_fact"))
    awards_fact = bind.one("awards_fact")
    awards = (
        list(q.awards)
        if q and q.awards
        else _option_titles(reg, awards_fact, facts.get(awards_fact))
    )
    development_fact = bind.one("development_fact")
    development = facts.get(development_fact) or []
    degrees = (q.degrees if q else "") or (
        "имеется учёная степень" if bind.one("degree_choice") in development else ""
    )
    publications = (q.publications if q else "") or (
        "имеются научные труды, изобретения" if bind.one("works_choice") in development else ""
    )
    projects = _option_titles(
        reg, development_fact, facts.get(development_fact), tuple(bind.many("project_choices"))
    )
    complex_projects = facts.get(bind.one("complex_projects_fact"))
    if complex_projects not in (None, ""):
        projects.append(f"реализуемых сложных проектов — {_points(complex_projects)}")
    languages_fact = bind.one("languages_fact")
    languages = (
        list(q.languages)
        if q and q.languages
        else _option_titles(reg, languages_fact, facts.get(languages_fact))
    )
    training_fact = bind.one("training_fact")
    training = facts.get(training_fact)
    penalties = []
    disciplinary = facts.get(bind.one("disciplinary_penalty_fact"))
    if disciplinary is True:
        penalties.append("имеется не снятое дисциплинарное взыскание")
    elif disciplinary is False:
        penalties.append("не снятых дисциплинарных взысканий не имею")
    administrative = facts.get(bind.one("administrative_penalty_fact"))
    if administrative is True:
        penalties.append("имеется не снятое административное взыскание")
    elif administrative is False:
        penalties.append("не снятых административных взысканий не имею")
    birth = person.birth_date
    context = form_context(campaign, "Анкета участника конкурса")
    context.update(
        {
            "akim": akim,
            "person": {
                "last": person.last_name,
                "first": person.first_name,
                "patronymic": person.patronymic,
                "birth_date": doc_date(birth) if birth else "",
                "birth_day": f"{birth.day:02d}" if birth else "",
                "birth_month": doc_date(birth).split()[1] if birth else "",
                "birth_year": str(birth.year) if birth else "",
                "phone": person.phone,
                "email": person.email,
            },
            "work_place": akim["place"],
            "post": f"{akim['post']}" + (f" ({akim['settlement']})" if akim["settlement"] else ""),
            "education": _education_lines(q) if q else [],
            "degrees": degrees,
            "service": f"{_points(years)} {years_word(years)}" if years not in (None, "") else "",
            "awards": awards,
            "seminars": _option_titles(
                reg, training_fact, training, tuple(bind.many("seminar_choices"))
            ),
            "further_education": _option_titles(
                reg, training_fact, training, tuple(bind.many("further_education_choices"))
            ),
            "publications": publications,
            "projects": projects,
            "languages": languages,
            "penalties": penalties,
            "filled": doc_date(application.submitted_at),
            "consent": {
                "word": gendered(forms, "согласен", "согласна", "согласен(на)"),
                "date": doc_date(application.consent_given_at),
            },
        }
    )
    return context


register(
    FormSpec(
        code="ak_questionnaire",
        family="AK",
        title="Анкета участника конкурса",
        subject="application",
        appendix="Приложение 2",
        build=questionnaire_context,
        audience=frozenset({"candidate_own"}),
        slug="ak_anketa",
        roles={**AKIM_ROLES, **QUESTIONNAIRE_ROLES},
    )
)


# --------------------------------------------------------------------------- score sheets


def _sheet(reg: Any, sheet_id: str) -> Any:
    return next(s for s in reg.score_sheets if s.id == sheet_id)


def _method_sheet(reg: Any, method_id: str) -> Any:
    """The score sheet of the method (the method bound to a layout's role)."""
    return _sheet(reg, reg.method(method_id).sheet)


def _sum(values: list[Any]) -> str:
    numbers = [_decimal(v) for v in values]
    present = [n for n in numbers if n is not None]
    return _points(sum(present, Decimal(0))) if present else ""


def _regional_commission(application: Application) -> Commission | None:
    rule = _commission_rule(application.campaign, "interview_stage")
    for commission in application.campaign.commissions.filter(rule_id=rule):
        if commission.scope and in_scope(commission, application):
            return commission
    return None


def _candidate_row(decision: Decision | None, application: Application) -> dict[str, Any] | None:
    if decision is None:
        return None
    return next(
        (r for r in decision.result.get("candidates", []) if r["id"] == str(application.pk)), None
    )


def _sheet_page(
    application: Application, rows: list[dict[str, Any]], total: str, maximum: str
) -> dict[str, Any]:
    reg = _regulation(application.campaign)
    forms = person_forms(application.person)
    return {
        "akim": akim_context(reg, forms, current_facts(application), _bound(application.campaign)),
        "rows": rows,
        "total": total,
        "max": maximum,
    }


def _band_title(band: Any) -> str:
    if band.max is not None and band.min is not None:
        return f"от {_points(band.min)} года до {_points(band.max)} лет"
    if band.min is not None:
        return f"свыше {_points(band.min)} лет"
    return f"до {_points(band.max)} лет"


def _band_holds(band: Any, value: Decimal | None) -> bool:
    if value is None:
        return False
    low = band.min is None or (value >= band.min if band.min_inclusive else value > band.min)
    high = band.max is None or (value <= band.max if band.max_inclusive else value < band.max)
    return low and high


def questionnaire_sheet_context(application: Application) -> dict[str, Any]:
    """Appendix 3: the lines that hold for the akim and their points (AK-13).

    The facts are those of the pre-selection decision of the akim's regional commission once it
    is taken (its inputs; the section scores from its result), the application's facts before.
    """
    campaign = application.campaign
    reg = _regulation(campaign)
    bind = _bound(campaign)
    stage_id, method_id = bind.one("preselection_stage"), bind.one("preselection_method")
    commission = _regional_commission(application)
    decision = commission_decision(commission, stage_id) if commission else None
    row = _candidate_row(decision, application)
    facts = current_facts(application)
    if decision is not None and row is not None:
        stored = next(
            (c for c in decision.inputs.get("candidates", []) if c["id"] == str(application.pk)),
            None,
        )
        if stored is not None:
            facts = dict(stored.get("facts", {}))
            for change in stored.get("changes", []):
                facts[change["fact"]] = change["to"]
    derived = {}
    if row is not None:
        method = row["stages"].get(stage_id, {}).get("methods", {}).get(method_id, {})
        derived = method.get("derived", {})
    lines: list[dict[str, Any]] = []
    section_scores = []
    computed = [c for c in _method_sheet(reg, method_id).criteria if c.fact]
    for number, criterion in enumerate(computed, start=1):
        heading = _APPENDIX_PREFIX.sub("", criterion.title).split(":")[0].rstrip(". ")
        lines.append(
            {"n": f"{number}.", "title": f"{heading}:", "max": "", "points": "", "head": True}
        )
        value = facts.get(criterion.fact or "")
        held_points = []
        if criterion.kind == "band":
            number_value = _decimal(value)
            for band in criterion.bands:
                holds = _band_holds(band, number_value)
                held_points.append(band.points if holds else None)
                lines.append(
                    {
                        "n": "",
                        "title": _band_title(band),
                        "max": _points(band.points),
                        "points": _points(band.points) if holds else "—",
                        "head": False,
                    }
                )
        else:
            chosen = set(value if isinstance(value, list) else [value] if value else [])
            for option in criterion.options:
                holds = option.id in chosen
                held_points.append(option.points if holds else None)
                lines.append(
                    {
                        "n": "",
                        "title": option.title,
                        "max": _points(option.points),
                        "points": _points(option.points) if holds else "—",
                        "head": False,
                    }
                )
        if criterion.id in derived:
            section_scores.append(derived[criterion.id])
        else:
            section_scores.append(sum((p for p in held_points if p is not None), Decimal(0)))
    maximum = sum(
        (
            max((b.points for b in c.bands), default=Decimal(0))
            if c.kind == "band"
            else sum((o.points for o in c.options), Decimal(0))
            for c in computed
        ),
        Decimal(0),
    )
    meeting = (
        decision.meeting
        if decision
        else (_meeting_of(commission, stage_id) if commission else None)
    )
    context = form_context(campaign, "Оценка анкеты участника конкурса I этапа")
    context.update(
        {
            "appendix": "Приложение 3",
            "heading": ["Критерии", "оценки анкет участников конкурса I этапа"],
            "columns": {"max": "Оценка (баллы)", "points": "Баллы участника"},
            "sheets": [_sheet_page(application, lines, _sum(section_scores), _points(maximum))],
            "scorer": None,
            "commission": commission.name if commission else "",
            "meeting": {
                "date": doc_date(meeting.date) if meeting else DATE_BLANK,
                "place": meeting.place if meeting else "",
            },
            "decided": decision is not None,
        }
    )
    return context


register(
    FormSpec(
        code="ak_sheet_questionnaire",
        family="AK",
        title="Оценка анкеты участника конкурса I этапа (критерии приложения 3)",
        subject="application",
        appendix="Приложение 3",
        build=questionnaire_sheet_context,
        available=lambda a: a.status == ApplicationStatus.ADMITTED,
        audience=frozenset({"member"}),
        slug="ak_ocenka_ankety",
        roles={
            **AKIM_ROLES,
            "preselection_stage": Role("stage"),
            "preselection_method": Role("method"),
        },
    )
)


def survey_sheet_context(application: Application) -> dict[str, Any]:
    """Appendix 5: the survey's (or online vote's) result, entered once per akim (AK-9)."""
    campaign = application.campaign
    reg = _regulation(campaign)
    bind = _bound(campaign)
    stage_id, method_id = bind.one("interview_stage"), bind.one("survey_method")
    commission = _regional_commission(application)
    decision = commission_decision(commission, stage_id) if commission else None
    points: dict[str, Any] = {}
    frozen = decision is not None and _candidate_row(decision, application) is not None
    if frozen:
        assert decision is not None
        stored = next(
            (
                r
                for r in decision.inputs.get("results", [])
                if r["candidate"] == str(application.pk)
                and r["stage"] == stage_id
                and r["method"] == method_id
            ),
            None,
        )
        points = dict(stored.get("points") or {}) if stored else {}
    else:
        result = Result.objects.filter(
            application=application, stage_id=stage_id, method_id=method_id
        ).first()
        points = dict(result.points or {}) if result and isinstance(result.points, dict) else {}
    sheet = _method_sheet(reg, method_id)
    rows = [
        {
            "n": f"{i}.",
            "title": _criterion_title(c, bind),
            "max": _max_text(c),
            "points": _points(points.get(c.id)),
            "head": False,
        }
        for i, c in enumerate(sheet.criteria, start=1)
    ]
    maximum = sum((c.max or Decimal(0) for c in sheet.criteria), Decimal(0))
    meeting = (
        decision.meeting
        if decision
        else (_meeting_of(commission, stage_id) if commission else None)
    )
    context = form_context(campaign, "Показатели для онлайн-оценки либо по результатам соцопроса")
    context.update(
        {
            "appendix": "Приложение 5",
            "heading": [
                "Показатели для онлайн оценки либо по результатам соцопроса",
                "акимов сел (сельских округов)",
            ],
            "columns": {"max": "Максимальная оценка (баллы)", "points": "Оценка (баллы)"},
            "sheets": [
                _sheet_page(application, rows, _sum(list(points.values())), _points(maximum))
            ],
            "scorer": None,
            "commission": commission.name if commission else "",
            "meeting": {
                "date": doc_date(meeting.date) if meeting else DATE_BLANK,
                "place": meeting.place if meeting else "",
            },
            "decided": frozen,
        }
    )
    return context


def _in_interview(application: Application) -> bool:
    if application.status != ApplicationStatus.ADMITTED:
        return False
    commission = _regional_commission(application)
    stage_id = _stage(application.campaign, "interview_stage")
    return commission is not None and application in stage_entrants(commission, stage_id)


register(
    FormSpec(
        code="ak_sheet_survey",
        family="AK",
        title="Показатели для онлайн-оценки либо по результатам соцопроса (приложение 5)",
        subject="application",
        appendix="Приложение 5",
        build=survey_sheet_context,
        available=_in_interview,
        audience=frozenset({"member"}),
        slug="ak_socopros",
        roles={
            **AKIM_ROLES,
            **TITLE_ROLES,
            "interview_stage": Role("stage"),
            "survey_method": Role("method"),
        },
    )
)


# ----- a member's sheets (appendices 4, 6, 7): a page per akim the member assesses

MEMBER_SHEETS = {
    # code: the roles of its stage and method, appendix, heading
    "ak_sheet_project": (
        "preselection_stage",
        "preselection_method",
        "Приложение 4",
        ("Критерии", "оценки проектной работы участников конкурса I этапа"),
    ),
    "ak_sheet_essay": (
        "interview_stage",
        "essay_method",
        "Приложение 6",
        ("Критерии", "оценки эссе участников конкурса I этапа"),
    ),
    "ak_sheet_defence": (
        "final_stage",
        "defence_method",
        "Приложение 7",
        ("Критерии", "оценки персональных проектных работ участников конкурса II этапа"),
    ),
}


def _member_rows(
    member: CommissionMember, stage_id: str, method_id: str
) -> tuple[dict[str, Any], Decision | None]:
    """The member's ballot rows per application id: stored in the decision, else live."""
    decision = commission_decision(member.commission, stage_id)
    mid = str(member.pk)
    if decision is not None:
        sheets = [
            b
            for b in decision.inputs.get("ballots", [])
            if b["member"] == mid and b["stage"] == stage_id and b["method"] == method_id
        ]
        if sheets:
            rows: dict[str, Any] = {}
            for sheet in sheets:
                rows.update(sheet["rows"])
            return rows, decision
    live = Ballot.objects.filter(member=member, stage_id=stage_id, method_id=method_id)
    return {str(b.application_id): b.points for b in live}, None


def _sheet_ids(campaign: Campaign, code: str) -> tuple[str, str]:
    """The stage and the method of a member's sheet, as the regulation binds them."""
    stage_role, method_role = MEMBER_SHEETS[code][:2]
    bind = _bound(campaign)
    return bind.one(stage_role), bind.one(method_role)


def member_sheet_context(member: CommissionMember, code: str) -> dict[str, Any]:
    appendix, heading = MEMBER_SHEETS[code][2:]
    commission = member.commission
    campaign = commission.campaign
    stage_id, method_id = _sheet_ids(campaign, code)
    bind = _bound(campaign)
    reg = _regulation(campaign)
    method = next(m for m in reg.methods if m.id == method_id)
    # appendix 4 shares its sheet with appendix 3: the member scores the criteria without a fact
    criteria = [c for c in _sheet(reg, method.sheet).criteria if not c.fact]
    rows_by_app, decision = _member_rows(member, stage_id, method_id)
    stage_decision = commission_decision(commission, stage_id)
    pages = []
    for app in stage_entrants(commission, stage_id):
        given = rows_by_app.get(str(app.pk))
        if isinstance(given, dict) and "points" in given and isinstance(given["points"], dict):
            given = given["points"]
        given = given if isinstance(given, dict) else {}
        row = _candidate_row(stage_decision, app)
        derived = {}
        if row is not None:
            found = row["stages"].get(stage_id, {}).get("methods", {}).get(method_id, {})
            derived = found.get("derived", {})
        lines = []
        values = []
        for i, criterion in enumerate(criteria, start=1):
            value = (
                derived.get(criterion.id)
                if criterion.kind == "from_stage"
                else given.get(criterion.id)
            )
            values.append(value)
            lines.append(
                {
                    "n": f"{i}.",
                    "title": _criterion_title(criterion, bind),
                    "max": _max_text(criterion),
                    "points": _points(value),
                    "head": False,
                }
            )
        maximum = sum((c.max or Decimal(0) for c in criteria), Decimal(0))
        total = _sum(values) if any(v not in (None, "") for v in given.values()) else ""
        pages.append(_sheet_page(app, lines, total, _points(maximum)))
    meeting = stage_decision.meeting if stage_decision else _meeting_of(commission, stage_id)
    context = form_context(campaign, "Оценочный лист члена конкурсной комиссии")
    context.update(
        {
            "appendix": appendix,
            "heading": list(heading),
            "columns": {"max": "Максимальная оценка (баллы)", "points": "Оценка (баллы)"},
            "sheets": pages,
            "scorer": {**member_name(member), "post": member.post},
            "commission": commission.name,
            "meeting": {
                "date": doc_date(meeting.date) if meeting else DATE_BLANK,
                "place": meeting.place if meeting else "",
            },
            "decided": decision is not None,
        }
    )
    return context


def _member_available(member: CommissionMember, code: str) -> bool:
    stage_id = _sheet_ids(member.commission.campaign, code)[0]
    return (
        member.role != "secretary"
        and stage_id in member.commission.stages
        and bool(stage_entrants(member.commission, stage_id))
    )


def _register_member_sheet(code: str, title: str, slug: str) -> None:
    register(
        FormSpec(
            code=code,
            family="AK",
            title=title,
            subject="member",
            appendix=MEMBER_SHEETS[code][2],
            build=lambda m: member_sheet_context(m, code),
            available=lambda m: _member_available(m, code),
            audience=frozenset({"member_own"}),
            slug=slug,
            roles={
                **AKIM_ROLES,
                **TITLE_ROLES,
                MEMBER_SHEETS[code][0]: Role("stage"),
                MEMBER_SHEETS[code][1]: Role("method"),
            },
        )
    )


_register_member_sheet(
    "ak_sheet_project",
    "Оценочный лист проектной работы участников I этапа (приложение 4)",
    "ak_list_proekt",
)
_register_member_sheet(
    "ak_sheet_essay", "Оценочный лист эссе участников I этапа (приложение 6)", "ak_list_esse"
)
_register_member_sheet(
    "ak_sheet_defence",
    "Оценочный лист персональной проектной работы участников II этапа (приложение 7)",
    "ak_list_zashchita",
)


# --------------------------------------------------------------------------- protocols


def _parts(reg: Any, stage_id: str, bind: Bound) -> list[tuple[str, str, str]]:
    """The labelled parts of a stage's score, as the regulation binds them: the stages it
    carries, then its methods — (label, "carried" or "method", id)."""
    stage = next((st for st in reg.stages if st.id == stage_id), None)
    if stage is None:
        return []
    carried, methods = bind.map("carried_labels"), bind.map("method_labels")
    return [(carried[c], "carried", c) for c in stage.carry if c in carried] + [
        (methods[m], "method", m) for m in stage.methods if m in methods
    ]


def _parts_text(reg: Any, stage_id: str, stage: dict[str, Any], bind: Bound) -> str:
    """What the stage's score is made of: «отбор — 872,00; соцопрос (прил. 5) — 112,00; …»;
    a ballot method adds its count of sheets."""
    parts = _parts(reg, stage_id, bind)
    out = []
    for label, source, key in parts:
        if source == "carried":
            value = stage.get("carried", {}).get(key)
            sheets = None
        else:
            method = stage.get("methods", {}).get(key, {})
            value, sheets = method.get("score"), method.get("ballots")
        if value in (None, ""):
            continue
        text = f"{label} — {num(value)}" if len(parts) > 1 else label
        if sheets:
            text += f" (оценочных листов — {sheets})"
        out.append(text)
    return "; ".join(out)


def _outcome_word(outcome: str, forms: dict[str, Any], fallback: str, bind: Bound) -> str:
    words = bind.map("outcome_words").get(outcome)
    if words is None:
        return fallback
    return gendered(forms, *words)


def _signatories(present: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The protocol is signed by the chair and the secretary (p. 3, 4 of the seed).

    Of those present: the chair, or the deputies when the chair is absent; the secretary.
    """
    chair = [m for m in present if m.get("role") == "chair"]
    heads = chair or [m for m in present if m.get("role") == "deputy"]
    return heads + [m for m in present if m.get("role") == "secretary"]


def protocol_section(decision: Decision, commission: Commission, word: str) -> dict[str, Any]:
    """One protocol: what a commission decided on a stage at a meeting, as stored."""
    campaign = commission.campaign
    reg = _regulation(campaign)
    stage_id = decision.stage_id
    bind = _bound(campaign)
    stages = {role: bind.one(role) for role in STAGE_ROLES}
    winners = set(bind.many("winners"))
    defence = bind.one("defence_method")
    apps = {str(a.pk): a for a in campaign.applications.select_related("person")}
    inputs, result = decision.inputs, decision.result
    meeting = decision.meeting
    meeting_row = next(
        (m for m in result.get("meetings", []) if meeting and m["id"] == str(meeting.pk)), None
    )
    meeting_input = next(
        (m for m in inputs.get("meetings", []) if meeting and m["id"] == str(meeting.pk)), None
    )
    members, posts = commission_members(inputs, str(commission.pk))
    present_ids = set(meeting_input["present"]) if meeting_input else set()
    present = [m for m in members if m["id"] in present_ids]
    voting_present = [m for m in present if m.get("role") != "secretary"]
    secretary = next((m for m in present if m.get("role") == "secretary"), None)
    absent = [m for m in members if m["id"] not in present_ids and m.get("role") != "secretary"]
    chair = next((m for m in present if m.get("role") == "chair"), None)
    facts = {c["id"]: c.get("facts", {}) for c in inputs.get("candidates", [])}
    stage_def = next((s for s in reg.stages if s.id == stage_id), None)
    rating = []
    for row in _decision_rows(decision, commission):
        stage = row["stages"][stage_id]
        forms = candidate_name(row["id"], row["name"], apps)
        akim = akim_context(reg, forms, facts.get(row["id"], {}), bind)
        derived = stage.get("methods", {}).get(defence, {}).get("derived", {})
        rating.append(
            {
                "id": row["id"],
                "name": forms,
                "akim": akim,
                "district": akim["district"],
                "oblast": akim["oblast"],
                "parts": _parts_text(reg, stage_id, stage, bind),
                "stage1": num(derived.get(bind.one("stage1_criterion"), "")),
                "score": num(stage.get("score")),
                "max": num(stage.get("max")),
                "place": str(stage.get("place") or ""),
                "outcome": stage.get("outcome", ""),
                "outcome_text": _outcome_word(stage.get("outcome", ""), forms, "", bind),
                "proceeds": bool(stage.get("proceeds")) or stage.get("outcome") in winners,
            }
        )
    if stage_id == stages["preselection_stage"]:
        rating.sort(key=lambda r: (r["district"], int(r["place"] or 0), r["name"]["nominative"]))
    else:
        rating.sort(key=lambda r: (int(r["place"] or 0), r["name"]["nominative"]))
    for i, r in enumerate(rating, start=1):
        r["n"] = str(i)
    chosen = [r for r in rating if r["proceeds"]]
    return {
        "commission": commission.name,
        "oblast": _scope_title(reg, commission),
        "stage": {
            "id": stage_id,
            "title": stage_def.title if stage_def else stage_id,
            # which of the seed's rounds the protocol is of: the rating within a district
            # (nominations), within an oblast (stage 2), the republican final
            "district_round": stage_id == stages["preselection_stage"],
            "oblast_round": stage_id == stages["interview_stage"],
            "final_round": stage_id == stages["final_stage"],
        },
        "meeting": {
            "date": doc_date(meeting.date if meeting else decision.created_at),
            "place": meeting.place if meeting else "",
        },
        "attendance": {
            "present": str(meeting_row["present"]) if meeting_row else str(len(voting_present)),
            "members": str(meeting_row["members"]) if meeting_row else str(len(members)),
            "quorum": str(meeting_row.get("quorum", "")) if meeting_row else "",
            "valid": bool(meeting_row and meeting_row.get("valid")),
        },
        "present_members": [
            {"name": m["name"], "post": posts.get(m["id"], "")} for m in voting_present
        ],
        "absent_members": [{"name": m["name"]} for m in absent],
        "secretary": {"name": secretary["name"], "post": posts.get(secretary["id"], "")}
        if secretary
        else None,
        "chair": name_forms(chair["name"]) if chair else None,
        "rating": rating,
        "chosen": chosen,
        "signatures": signature_rows(_signatories(present), word),
        "decision": {
            "date": doc_date(decision.created_at),
            "regulation": result.get("regulation", {}).get("version", ""),
            "digest": decision.regulation_sha256[:12],
        },
    }


def _regional_decisions(campaign: Campaign) -> list[tuple[Decision, Commission]]:
    """Per regional commission (by oblast) and stage, its latest decision, in stage order."""
    reg = _regulation(campaign)
    order = {s.id: i for i, s in enumerate(reg.stages)}
    out = []
    rule = _commission_rule(campaign, "interview_stage")
    for commission in campaign.commissions.filter(rule_id=rule):
        for stage_id in sorted(commission.stages, key=lambda s: order.get(s, 99)):
            decision = commission_decision(commission, stage_id)
            if decision is not None:
                out.append((decision, commission))
    out.sort(
        key=lambda pair: (
            _scope_title(reg, pair[1]),
            pair[1].pk,
            order.get(pair[0].stage_id, 99),
        )
    )
    return out


def regional_protocol_context(campaign: Campaign) -> dict[str, Any]:
    pairs = _regional_decisions(campaign)
    if not pairs:
        raise LookupError("no regional decision")
    context = form_context(campaign, "Протокол заседания Региональной конкурсной комиссии")
    context["protocols"] = [protocol_section(d, c, "региональной комиссии") for d, c in pairs]
    return context


register(
    FormSpec(
        code="ak_regional_protocol",
        family="AK",
        title="Протоколы заседаний региональных конкурсных комиссий",
        subject="campaign",
        build=regional_protocol_context,
        available=lambda c: bool(_regional_decisions(c)),
        audience=frozenset({"member"}),
        slug="ak_protokol_region",
        roles=PROTOCOL_ROLES_ALL,
    )
)


def _republican_decision(campaign: Campaign) -> tuple[Decision, Commission] | None:
    rule = _commission_rule(campaign, "final_stage")
    for commission in campaign.commissions.filter(rule_id=rule):
        decision = commission_decision(commission, _stage(campaign, "final_stage"))
        if decision is not None:
            return decision, commission
    return None


def republican_protocol_context(campaign: Campaign) -> dict[str, Any]:
    found = _republican_decision(campaign)
    if found is None:
        raise LookupError("no republican decision")
    context = form_context(campaign, "Протокол заседания Республиканской конкурсной комиссии")
    context["protocols"] = [protocol_section(*found, "республиканской комиссии")]
    return context


register(
    FormSpec(
        code="ak_republican_protocol",
        family="AK",
        title="Протокол заседания Республиканской конкурсной комиссии",
        subject="campaign",
        build=republican_protocol_context,
        available=lambda c: _republican_decision(c) is not None,
        audience=frozenset({"member"}),
        slug="ak_protokol_respublika",
        roles=PROTOCOL_ROLES_ALL,
    )
)


# --------------------------------------------------------------------------- stage 2 list


def stage2_list_context(campaign: Campaign) -> dict[str, Any]:
    """The akims the regional commissions admitted to stage 2 (AK-10: one per oblast)."""
    interview = _stage(campaign, "interview_stage")
    pairs = [(d, c) for d, c in _regional_decisions(campaign) if d.stage_id == interview]
    if not pairs:
        raise LookupError("no regional interview decision")
    reg = _regulation(campaign)
    languages = languages_context(campaign)
    reg_kk = reg.translated("kk") if languages["kazakh"] else None
    bind = _bound(campaign)
    apps = {str(a.pk): a for a in campaign.applications.select_related("person")}
    rows: list[dict[str, Any]] = []
    for decision, commission in pairs:
        facts = {c["id"]: c.get("facts", {}) for c in decision.inputs.get("candidates", [])}
        for row in _decision_rows(decision, commission):
            stage = row["stages"][interview]
            if not stage.get("proceeds"):
                continue
            forms = candidate_name(row["id"], row["name"], apps)
            decided = (
                decision.meeting.date
                if decision.meeting
                else timezone.localdate(decision.created_at)
            )
            rows.append(
                {
                    "name": forms,
                    "akim": akim_context(reg, forms, facts.get(row["id"], {}), bind),
                    "score": num(stage.get("score")),
                    "max": num(stage.get("max")),
                    "decided": doc_date(decided),
                    "kk_decided": l10n.long_date(decided, "kk") if reg_kk is not None else "",
                    "commission": commission.name,
                    # the post and oblast in the regulation's Kazakh (issue 15)
                    "kk_akim": akim_context(reg_kk, forms, facts.get(row["id"], {}), bind)
                    if reg_kk is not None
                    else None,
                }
            )
    rows.sort(key=lambda r: (r["akim"]["oblast"], r["name"]["nominative"]))
    for i, r in enumerate(rows, start=1):
        r["n"] = str(i)
    context = form_context(campaign, "Список претендентов, прошедших во второй этап Конкурса")
    context.update({"candidates": rows, "oblasts": str(len(pairs))})
    context.update(languages)
    if reg_kk is not None:
        context["kk"] = {"date": l10n.long_date(timezone.localdate(), "kk")}
    return context


def _has_stage2_list(campaign: Campaign) -> bool:
    interview = _stage(campaign, "interview_stage")
    return any(d.stage_id == interview for d, _ in _regional_decisions(campaign))


register(
    FormSpec(
        code="ak_stage2_list",
        family="AK",
        title="Список претендентов, прошедших во второй этап Конкурса",
        subject="campaign",
        build=stage2_list_context,
        available=_has_stage2_list,
        audience=frozenset({"member"}),
        slug="ak_spisok_2_etap",
        roles={**AKIM_ROLES, "interview_stage": Role("stage")},
    )
)
