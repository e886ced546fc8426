"""TP forms (shared/seeds/000_62f0d2a143c26953.txt), filled from recorded data.

The appendices are read by the references of the seed's text (see the notes of ``tp.yaml``):

* ``tp_application`` — заявление на участие в отборе в пул талантов (appendix 1; TP-2);
* ``tp_review`` — отзыв по итогам презентации проекта и прохождения производственной практики
  (appendix 2; TP-2), the blank the head of the state body fills in by hand;
* ``tp_essay_sheet`` — лист оценки эссе (appendix 4, with the descriptors of appendix 3; TP-8),
  one per representative of a body that declared demand: a sheet per participant;
* ``tp_certificate`` — сертификат о зачислении в пул талантов (appendix 5; TP-12), valid for the
  regulation's ``reserve.certificate_validity`` from the day it is handed over.

The certificate and the frozen score sheets read the stored ``Decision`` (its inputs and result,
C-6), never the live data; the application and the review are blanks filled with what is
recorded on the application.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from rezerv import l10n
from rezerv.documents.binding import Bound, Role, bound_any
from rezerv.documents.common import (
    form_context,
    languages_context,
    latest_decision,
    member_name,
    reserve_outcomes,
)
from rezerv.documents.layouts.tp import appendix
from rezerv.documents.names import gendered, person_forms
from rezerv.documents.registry import FormSpec, memoized, register
from rezerv.documents.style import doc_date, num, plural
from rezerv.engine.deadlines import add_term
from rezerv.selection.models import (
    Application,
    Ballot,
    Campaign,
    CommissionMember,
    ConflictDeclaration,
    Decision,
    Result,
)
from rezerv.selection.selectors import in_scope
from rezerv.selection.services import application_current_fact
from rezerv.selection.states import ApplicationStatus

FAMILY = "TP"

# The roles of the layouts (``documents.binding``): the facts the application prints, the
# essay's stage and method (TP-8), the training programme that precedes the internship (TP-10).
PLACE_ROLES = {"internship_body_fact": Role("fact"), "direction_fact": Role("fact")}
APPLICATION_ROLES = {
    **PLACE_ROLES,
    "application_document": Role("document"),
    "address_fact": Role("fact"),
    "phone_fact": Role("fact"),
    "email_fact": Role("fact"),
    "iin_fact": Role("fact"),
}
REVIEW_ROLES = {
    **PLACE_ROLES,
    "training_stage": Role("stage"),
    "training_method": Role("method"),
    "internship_stage": Role("stage"),
}
ESSAY_ROLES = {"essay_stage": Role("stage"), "essay_method": Role("method")}
LAYOUTS = ("tp_application", "tp_review", "tp_essay_sheet", "tp_certificates", "tp_certificate")


def _bound(campaign: Campaign) -> Bound:
    """The bindings of the TP layouts the campaign's regulation lists."""
    return bound_any(campaign.regulation.load().regulation, LAYOUTS)


BLANK_DATE = "«____» _______________ 20___ г."


def _text(value: Any) -> str:
    return "" if value is None else str(value)


# --------------------------------------------------------------------------- number words

_ONES = {
    1: "один",
    2: "два",
    3: "три",
    4: "четыре",
    5: "пять",
    6: "шесть",
    7: "семь",
    8: "восемь",
    9: "девять",
    10: "десять",
    11: "одиннадцать",
    12: "двенадцать",
}
_UNITS = {  # unit of a regulation ``Term``: (one, two–four, five and more); all masculine
    "years": ("год", "года", "лет"),
    "months": ("месяц", "месяца", "месяцев"),
    "days": ("день", "дня", "дней"),
}


def term_words(term: Any) -> str:
    """A regulation ``Term`` in words: «один год», «два года», «шесть месяцев», «1 год 15 дней»."""
    parts = []
    for unit, forms in _UNITS.items():
        n = int(getattr(term, unit, 0) or 0)
        if n:
            parts.append(f"{_ONES.get(n, str(n))} {plural(n, forms)}")
    return " ".join(parts)


# Kazakh puts no plural after a number: «1 жыл», «2 жыл», «6 ай».
_UNITS_KK = {"years": "жыл", "months": "ай", "days": "күн"}


def term_words_kk(term: Any) -> str:
    """A regulation ``Term`` in Kazakh: «1 жыл», «1 жыл 15 күн»."""
    parts = []
    for unit, word in _UNITS_KK.items():
        n = int(getattr(term, unit, 0) or 0)
        if n:
            parts.append(f"{n} {word}")
    return " ".join(parts)


# --------------------------------------------------------------------------- application (app. 1)


def _document_titles(application: Application) -> list[str]:
    reg = application.campaign.regulation.load().regulation
    titles = {d.id: d.title for d in reg.documents.catalogue} if reg.documents else {}
    kinds = sorted({d.doc_type for d in application.documents.all()})
    # the application itself is what is being signed; the rest is attached to it
    itself = _bound(application.campaign).one("application_document")
    return [titles.get(k, k) for k in kinds if k != itself]


def application_context(application: Application) -> dict[str, Any]:
    campaign = application.campaign
    facts = application.facts
    bind = _bound(campaign)
    forms = person_forms(application.person)
    context = form_context(campaign, "Заявление")
    context.update(
        {
            "applicant": forms,
            "application": {
                "code": application.code,
                "submitted": doc_date(application.submitted_at),
                "consent": application.consent_given_at is not None,
            },
            # as submitted: the form is the application the participant signed (TP-2)
            "internship_body": _text(facts.get(bind.one("internship_body_fact"))),
            "direction": _text(facts.get(bind.one("direction_fact"))),
            "documents": _document_titles(application),
            "address": _text(facts.get(bind.one("address_fact"))),
            "phone": _text(facts.get(bind.one("phone_fact"))),
            "email": _text(facts.get(bind.one("email_fact"))),
            "iin": _text(facts.get(bind.one("iin_fact")) or application.person.iin),
        }
    )
    return context


register(
    FormSpec(
        code="tp_application",
        family=FAMILY,
        title="Заявление на участие в отборе в пул талантов",
        subject="application",
        appendix=appendix(1),
        build=application_context,
        available=lambda a: a.status != ApplicationStatus.WITHDRAWN,
        audience=frozenset({"candidate_own"}),
        slug="tp_zayavlenie",
        roles=APPLICATION_ROLES,
    )
)


# --------------------------------------------------------------------------- review (app. 2)


def _reached_internship(application: Application) -> bool:
    """The participant passed the training programme (the internship follows, TP-10), or an
    internship result is recorded."""
    if application.status != ApplicationStatus.ADMITTED:
        return False
    bind = _bound(application.campaign)
    training = bind.one("training_stage")
    results = Result.objects.filter(application=application)
    return bool(
        results.filter(
            stage_id=training, method_id=bind.one("training_method"), passed=True
        ).exists()
        or results.filter(stage_id=bind.one("internship_stage")).exists()
    )


def review_context(application: Application) -> dict[str, Any]:
    campaign = application.campaign
    bind = _bound(campaign)
    context = form_context(
        campaign, "Отзыв по итогам презентации проекта и прохождения производственной практики"
    )
    context.update(
        {
            "participant": person_forms(application.person),
            "internship_body": _text(
                application_current_fact(application, bind.one("internship_body_fact"))
            ),
            "direction": _text(application_current_fact(application, bind.one("direction_fact"))),
        }
    )
    return context


register(
    FormSpec(
        code="tp_review",
        family=FAMILY,
        title="Отзыв по итогам презентации проекта и прохождения производственной практики",
        subject="application",
        appendix=appendix(2),
        build=review_context,
        available=_reached_internship,
        audience=frozenset(),
        slug="tp_otzyv",
        roles=REVIEW_ROLES,
    )
)


# --------------------------------------------------------------------------- essay sheet (app. 4)


def _essay_sheet(campaign: Campaign) -> Any:
    reg = campaign.regulation.load().regulation
    method = reg.method(_bound(campaign).one("essay_method"))
    return next(s for s in reg.score_sheets if s.id == method.sheet)


def _essay_candidates(member: CommissionMember) -> list[Application]:
    campaign = member.commission.campaign
    apps = campaign.applications.filter(status=ApplicationStatus.ADMITTED).select_related(
        "person", "campaign"
    )
    return [a for a in apps if in_scope(member.commission, a)]


def essay_sheet_context(member: CommissionMember) -> dict[str, Any]:
    campaign = member.commission.campaign
    mid = str(member.pk)
    essay = _bound(campaign).one("essay_method")
    decision = latest_decision(campaign, with_inputs=True)
    rows: dict[str, Any] = {}
    frozen = decision is not None and any(
        b["member"] == mid and b["method"] == essay for b in decision.inputs.get("ballots", [])
    )
    apps = {str(a.pk): a for a in _essay_candidates(member)}
    if frozen:
        assert decision is not None
        for sheet in decision.inputs["ballots"]:
            if sheet["member"] == mid and sheet["method"] == essay:
                rows.update(sheet["rows"])
        admitted = {c["id"] for c in decision.result.get("candidates", []) if c.get("admitted")}
        decided = {
            str(a.pk): a
            for a in campaign.applications.filter(pk__in=admitted).select_related("person")
            if in_scope(member.commission, a)
        }
        apps = decided
    else:
        for ballot in Ballot.objects.filter(member=member, method_id=essay):
            rows[str(ballot.application_id)] = ballot.points
    recused = {
        str(pk)
        for pk in ConflictDeclaration.objects.filter(member=member).values_list(
            "application_id", flat=True
        )
    }
    sheet = _essay_sheet(campaign)
    max_total = sum(c.max for c in sheet.criteria if c.max is not None)
    sheets: list[dict[str, Any]] = []
    for cid, app in apps.items():
        points = rows.get(cid)
        if isinstance(points, dict) and "points" in points and "reason" in points:
            points = points["points"]
        criteria = []
        total: Any = None
        for n, criterion in enumerate(sheet.criteria, start=1):
            value = points.get(criterion.id) if isinstance(points, dict) else None
            criteria.append(
                {
                    "n": str(n),
                    "title": criterion.title,
                    "max": num(criterion.max),
                    "points": num(value),
                }
            )
            if value is not None:
                total = (total or 0) + _number(value)
        complete = all(c["points"] != "" for c in criteria)
        sheets.append(
            {
                "participant": person_forms(app.person),
                "criteria": criteria,
                "total_n": str(len(criteria) + 1),
                "max_total": num(max_total),
                "total": num(_plain(total)) if complete and total is not None else "",
                "recused": cid in recused,
            }
        )
    sheets.sort(key=lambda s: s["participant"]["nominative"])
    lows = {c.min for c in sheet.criteria}
    highs = {c.max for c in sheet.criteria}
    context = form_context(campaign, "Лист оценки эссе")
    context.update(
        {
            "member": {**member_name(member), "post": member.post},
            "range": f"{num(lows.pop())} – {num(highs.pop())}"
            if len(lows) == 1 and len(highs) == 1
            else "",
            "sheets": sheets,
            "scored": frozen or bool(rows),
            "descriptors": [
                {
                    "title": criterion.title.upper(),
                    "levels": [
                        {
                            "points": str(level.points),
                            "title": level.title,
                            "text": "; ".join(level.descriptors) + ".",
                        }
                        for level in criterion.levels
                    ],
                }
                for criterion in sheet.criteria
                if criterion.levels
            ],
        }
    )
    return context


def _number(value: Any) -> Decimal:
    return Decimal(str(value))


def _plain(value: Any) -> str:
    """A decimal without trailing zeros of a whole number (9, not 9.00; 8.5 stays)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _essay_sheet_available(member: CommissionMember) -> bool:
    if _bound(member.commission.campaign).one("essay_stage") not in (
        member.commission.stages or []
    ):
        return False
    return bool(_essay_candidates(member))


register(
    FormSpec(
        code="tp_essay_sheet",
        family=FAMILY,
        title="Лист оценки эссе участников (представитель государственного органа)",
        subject="member",
        appendix=appendix(4),
        build=essay_sheet_context,
        available=_essay_sheet_available,
        audience=frozenset({"member_own"}),
        slug="tp_list_ocenki_esse",
        roles=ESSAY_ROLES,
    )
)


# --------------------------------------------------------------------------- certificate (app. 5)


def _certificate_row(application: Application) -> tuple[Decision, dict[str, Any]] | None:
    """The row of the latest decision that grants the application the certificate (TP-12).

    A download asks twice (is it available? then its values) and the decision's result holds
    every participant of the cycle: within one rendering the answer is found once.
    """
    return memoized(application, "tp_certificate_row", lambda: _find_certificate_row(application))


def _find_certificate_row(application: Application) -> tuple[Decision, dict[str, Any]] | None:
    campaign = application.campaign
    decision = latest_decision(campaign, with_inputs=False)
    if decision is None:
        return None
    pk = str(application.pk)
    row = next((r for r in decision.result.get("candidates", []) if r["id"] == pk), None)
    if row is None or row.get("outcome") not in reserve_outcomes(campaign):
        return None
    return decision, row


def _issue_date(decision: Decision, row: dict[str, Any]) -> dt.date:
    """The handing-over date as decided (the engine's reserve ``from``: the event
    ``certificates_issued``); else the day of the decision."""
    start = (row.get("reserve") or {}).get("from")
    if start:
        return dt.date.fromisoformat(start)
    return timezone.localdate(decision.created_at)


def _certificate(
    application: Application, decision: Decision, row: dict[str, Any]
) -> dict[str, Any]:
    """One certificate's values: ``holder``, ``enrolled``, ``certificate`` (TP-12)."""
    reg = application.campaign.regulation.load().regulation
    validity = reg.reserve.certificate_validity if reg.reserve else None
    issued = _issue_date(decision, row)
    until_text = (row.get("reserve") or {}).get("until")
    if until_text:
        until = dt.date.fromisoformat(until_text)  # as the engine computed it then (C-6)
    elif validity is not None:
        until = add_term(issued, validity)
    else:
        raise LookupError("the regulation sets no certificate validity")
    holder = person_forms(application.person)
    enrolled = gendered(holder, "зачислен", "зачислена", "зачислен(а)")
    return {
        "holder": holder,
        "enrolled": enrolled,
        "certificate": {
            "number": application.code,
            "issued": doc_date(issued),
            "until": doc_date(until),
            "validity": term_words(validity) if validity is not None else "",
            # the Kazakh part of a bilingual certificate (a body issuing in Kazakh and Russian)
            "kk_issued": l10n.long_date(issued, "kk"),
            "kk_until": l10n.long_date(until, "kk"),
            "kk_validity": term_words_kk(validity) if validity is not None else "",
        },
    }


def certificate_context(application: Application) -> dict[str, Any]:
    found = _certificate_row(application)
    if found is None:
        raise LookupError("no certificate")
    context = form_context(application.campaign, "Сертификат")
    context.update(_certificate(application, *found))
    context.update(languages_context(application.campaign))
    return context


def _certified(campaign: Campaign) -> list[tuple[Application, Decision, dict[str, Any]]]:
    """The applications the latest decision grants a certificate, by the holder's name."""
    decision = latest_decision(campaign, with_inputs=False)
    if decision is None:
        return []
    outcomes = reserve_outcomes(campaign)
    rows = {
        r["id"]: r for r in decision.result.get("candidates", []) if r.get("outcome") in outcomes
    }
    apps = campaign.applications.select_related("person", "campaign__regulation").filter(
        pk__in=[int(pk) for pk in rows if str(pk).isdigit()]
    )
    found = [(app, decision, rows[str(app.pk)]) for app in apps]
    found.sort(key=lambda t: (t[0].person.full_name, t[0].code))
    return found


def certificates_context(campaign: Campaign) -> dict[str, Any]:
    certified = _certified(campaign)
    if not certified:
        raise LookupError("no certificates")
    context = form_context(campaign, "Сертификаты участников пула талантов")
    context["certificates"] = [_certificate(app, decision, row) for app, decision, row in certified]
    context.update(languages_context(campaign))
    return context


register(
    FormSpec(
        code="tp_certificates",
        family=FAMILY,
        title="Сертификаты всех зачисленных в пул талантов (для печати, по одному на странице)",
        subject="campaign",
        appendix=appendix(5),
        build=certificates_context,
        available=lambda c: bool(_certified(c)),
        slug="tp_sertifikaty",
        # also a ZIP of one PDF per holder, to send each their own: tp_sertifikat_<code>.pdf
        # (and its Kazakh sheet tp_sertifikat_<code>_kk.pdf from a body issuing in both)
        page_files=lambda context: [
            name
            for c in context["certificates"]
            for name in (
                *([f"tp_sertifikat_{c['certificate']['number']}_kk"] if context["kazakh"] else []),
                f"tp_sertifikat_{c['certificate']['number']}",
            )
        ],
    )
)


register(
    FormSpec(
        code="tp_certificate",
        family=FAMILY,
        title="Сертификат о завершении обучения и зачислении в пул талантов",
        subject="application",
        appendix=appendix(5),
        build=certificate_context,
        available=lambda a: _certificate_row(a) is not None,
        audience=frozenset({"candidate_own"}),
        slug="tp_sertifikat",
    )
)
