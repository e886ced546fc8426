"""Selectors: reads, scoped by what the user may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from pydantic import TypeAdapter

from rezerv import wording
from rezerv.engine.calendar import CalendarError
from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.engine.intake import intake_window
from rezerv.engine.schema import FactDef, Regulation
from rezerv.selection import eventdates, policy, vocabulary
from rezerv.selection.models import Application, Campaign, CommissionMember, Person
from rezerv.selection.states import CLOSED, CampaignStatus


def campaigns_open() -> QuerySet[Campaign]:
    return Campaign.objects.filter(
        status__in=[CampaignStatus.PUBLISHED, CampaignStatus.ASSESSMENT]
    ).select_related("position", "body")


def campaigns_for_staff(user: Any) -> QuerySet[Campaign]:
    return policy.campaigns_managed_by(user)


def campaigns_for_member(user: Any) -> QuerySet[Campaign]:
    return policy.campaigns_scored_by(user)


def memberships(user: Any, campaign: Campaign) -> list[CommissionMember]:
    """The user's seats on the campaign's commissions (one per commission), in commission order."""
    return sorted(policy.memberships_of(user, campaign), key=lambda m: m.commission_id)


def person_of(user: Any) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).first()


def applications_of(person: Person) -> QuerySet[Application]:
    return person.applications.select_related("campaign").order_by("-submitted_at")


def campaign_deadlines(campaign: Campaign) -> list[dict[str, Any]]:
    """The deadlines computed from the campaign's events.

    A stored date the production calendar does not cover (see :func:`event_problems`) is left
    out, so the deadlines counted from it show as missing instead of failing the page; if a
    deadline counted from the remaining dates falls outside the calendar, there are no rows.
    """
    reg = campaign.regulation.shown()
    try:
        _, rows = compute_deadlines(reg, make_calendar(reg), usable_events(campaign))
    except CalendarError:
        return []
    return [row.as_json() for row in rows]


def usable_events(campaign: Campaign) -> dict[str, dt.date]:
    """The campaign's stored event dates the regulation knows and its calendar covers."""
    reg = campaign.regulation.shown()
    known = {e.id for e in reg.events} | {d.id for d in reg.deadlines}
    dates, _ = eventdates.parse_events(
        {k: v for k, v in campaign.events.items() if isinstance(v, str) and k in known}
    )
    start, end = eventdates.calendar_years(reg)
    return {k: v for k, v in dates.items() if start <= v.year <= end}


def event_problems(campaign: Campaign) -> list[str]:
    """Why stored event dates of the campaign cannot be used (e.g. a year outside the calendar)."""
    reg = campaign.regulation.shown()
    return [message for _, message in eventdates.events_problems(reg, campaign.events)]


def intake_close(campaign: Campaign) -> dt.date | None:
    """The last day of the intake: the window of the one intake check (``engine.intake``)."""
    return intake_window(campaign.regulation.shown(), usable_events(campaign))[1]


def changeable_facts(application: Application) -> list[dict[str, Any]]:
    """Facts of an application that the regulation lets the candidate change (TP-9), each with
    the clause of the regulation that allows it."""
    campaign = application.campaign
    reg = campaign.regulation.shown()
    titles = {f.id: f.title for f in reg.facts}
    today = timezone.localdate()
    out = []
    for limit in reg.change_limits:
        history = [c for c in application.fact_changes if c["fact"] == limit.fact]
        value = application.facts.get(limit.fact)
        if history:
            value = history[-1]["to"]
        closes = campaign.events.get(limit.not_after) if limit.not_after else None
        closed = closes is not None and today > dt.date.fromisoformat(closes)
        out.append(
            {
                "id": limit.fact,
                "title": titles.get(limit.fact, limit.fact),
                "current": value,
                "history": history,
                "requirement": limit.requirement,
                "clause": reg.cite(limit.rules),  # the candidate reads it: never a rule ID
                "can_change": len(history) < limit.max_changes
                and not closed
                and application.status not in CLOSED,
            }
        )
    return out


in_scope = policy.in_scope


def position_facts(campaign: Campaign) -> dict[str, Any]:
    """The campaign's position as facts for method sets (KM-10): the values of the position
    facts its regulation declares."""
    position = campaign.position
    if position is None:
        return {}
    declared = {f.id for f in campaign.regulation.shown().position_facts()}
    return {k: v for k, v in (position.facts or {}).items() if k in declared}


def facts_for_reading(application: Application) -> list[tuple[str, Any]]:
    """An application's facts as (title, value) rows: the regulation's facts in its order, by
    their titles and their options' titles, then the person's data it took over (birth date,
    citizenship, ИИН …) under the titles of the person's record.  A recorded value that is
    neither is not shown by an identifier."""

    reg = application.campaign.regulation.shown()
    facts = application.facts
    rows: list[tuple[str, Any]] = [
        (f.title, vocabulary.fact_value_text(reg, f.id, facts[f.id]))
        for f in reg.facts
        if f.id in facts
    ]
    declared = {f.id for f in reg.facts}
    person_fields = {f.name: f for f in Person._meta.get_fields() if hasattr(f, "verbose_name")}
    for key, value in facts.items():
        if key not in declared and key in person_fields:
            rows.append((str(person_fields[key].verbose_name), value))
    return rows


def commissions_for_reading(campaign: Campaign) -> list[Any]:
    """The campaign's commissions with their members, each territory by its title
    (``scope_title``: the oblast's name, not its identifier)."""

    reg = campaign.regulation.shown()
    commissions: list[Any] = list(
        campaign.commissions.prefetch_related("members")
        .select_related("approved_by")
        .order_by("pk")
    )
    for com in commissions:
        com.scope_title = vocabulary.scope_title(reg, com.rule_id, com.scope)
        com.composition = composition_problems(reg, com)
    return commissions


def composition_problems(reg: Regulation, commission: Any) -> list[Any]:
    """What the commission's composition lacks by the regulation's rule for it (size, the
    independent share KM-2, a chair): the engine's reasons (``engine.commission``), checked as
    the members are entered rather than at the meeting."""
    from rezerv.engine.case import Commission as CaseCommission
    from rezerv.engine.commission import composition_problems as check
    from rezerv.selection.casebuild import commission_json

    rule = next((c for c in reg.commissions if c.id == commission.rule_id), None)
    if rule is None:
        return []
    case = TypeAdapter(CaseCommission).validate_python(commission_json(commission))
    return [r.as_json() for r in check(rule, case)]


def meetings_for_reading(campaign: Campaign) -> list[Any]:
    """The campaign's meetings with their commissions, each stage by its title."""
    reg = campaign.regulation.shown()
    stages = {s.id: s.title for s in reg.stages}
    meetings: list[Any] = list(campaign.meetings.select_related("commission"))
    for meeting in meetings:
        meeting.stage_title = stages.get(meeting.stage_id, "")
    return meetings


# The consent a candidate gives with an application (C-4); stored with it as shown.
CONSENT_TEXT = gettext_lazy(
    "Даю согласие на обработку моих персональных данных, указанных в заявлении, анкете и "
    "прилагаемых документах, в целях проведения конкурсных (отборочных) процедур "
    "(Федеральный закон № 152-ФЗ «О персональных данных»; Закон Республики Казахстан "
    "«О персональных данных и их защите»)."
)


def consent_text(reg: Regulation) -> str:
    """The personal-data consent of an application under ``reg`` (C-4), naming what the
    regulation requires (its legal basis: 152-ФЗ, the Kazakh law …), stored with it as shown."""
    if reg.consent is None:
        return str(CONSENT_TEXT)
    return gettext(
        "Даю согласие на обработку моих персональных данных, указанных в заявлении, анкете и "
        "прилагаемых документах, в целях проведения конкурсных (отборочных) процедур. "
        "%(requirement)s."
    ) % {"requirement": reg.consent.requirement.rstrip(".")}


# The facts a regulation may declare with ``source: questionnaire`` that the person's own
# record holds (the questionnaire page's «Личные данные»); every other questionnaire fact is
# answered once and kept in ``Questionnaire.extra``.
PERSON_FACTS: dict[str, Callable[[Person], Any]] = {
    "citizenship": lambda p: p.citizenship or None,
    "birth_date": lambda p: p.birth_date.isoformat() if p.birth_date else None,
    "iin": lambda p: p.iin or None,
}


def questionnaire_facts(person: Person, reg: Regulation) -> dict[str, Any]:
    """The facts an application under ``reg`` takes over from the person: exactly the facts
    the regulation declares with ``source: questionnaire`` that the person has answered."""
    q = getattr(person, "questionnaire", None)
    extra: dict[str, Any] = q.extra if q is not None else {}
    facts: dict[str, Any] = {}
    for fact in reg.facts:
        if fact.source != "questionnaire":
            continue
        read = PERSON_FACTS.get(fact.id)
        value = read(person) if read is not None else extra.get(fact.id)
        if value not in (None, "", []):
            facts[fact.id] = value
    return facts


def questionnaire_questions(reg: Regulation) -> list[FactDef]:
    """The questionnaire facts of ``reg`` the application form asks (pre-filled from the
    questionnaire): those the person's own record does not hold."""
    return [f for f in reg.facts if f.source == "questionnaire" and f.id not in PERSON_FACTS]


def refusal_text(verdict: dict[str, Any] | None, reg: Regulation) -> str:
    """The written refusal, generated from the engine's reasons (C-2, KM-6), in the active
    language (the HR officer edits it before it is recorded). A ground cites the clauses of its
    rules the regulation words (``clauses``), never a rule ID: the candidate reads it."""
    if not verdict or not verdict.get("refusals"):
        return ""
    lines = [gettext("Вам отказано в допуске к участию по следующим основаниям:")]
    for i, refusal in enumerate(verdict["refusals"], start=1):
        text = wording.reason(refusal, gettext)
        clauses = reg.cite(refusal.get("rules", []))
        cited = f" ({clauses})" if clauses else ""
        lines.append(f"{i}. {text[:1].upper()}{text[1:]}{cited}.")
    lines.append(gettext("Решение может быть обжаловано в соответствии с законодательством."))
    return "\n".join(lines)
