"""Selectors: reads, scoped by what the user may see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.selection import policy
from rezerv.selection.models import Application, Campaign, Person
from rezerv.selection.states import CLOSED, CampaignStatus


def campaigns_open() -> QuerySet[Campaign]:
    return Campaign.objects.filter(
        status__in=[CampaignStatus.PUBLISHED, CampaignStatus.ASSESSMENT]
    ).select_related("position", "body")


def campaigns_for_staff(user: Any) -> QuerySet[Campaign]:
    return policy.campaigns_managed_by(user)


def campaigns_for_member(user: Any) -> QuerySet[Campaign]:
    return policy.campaigns_scored_by(user)


def person_of(user: Any) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).first()


def applications_of(person: Person) -> QuerySet[Application]:
    return person.applications.select_related("campaign").order_by("-submitted_at")


def campaign_deadlines(campaign: Campaign) -> list[dict[str, Any]]:
    reg = campaign.regulation.load().regulation
    given = {k: dt.date.fromisoformat(v) for k, v in campaign.events.items() if isinstance(v, str)}
    known = {e.id for e in reg.events} | {d.id for d in reg.deadlines}
    given = {k: v for k, v in given.items() if k in known}
    _, rows = compute_deadlines(reg, make_calendar(reg), given)
    return [row.as_json() for row in rows]


def intake_close(campaign: Campaign) -> dt.date | None:
    reg = campaign.regulation.load().regulation
    intake = next((s for s in reg.stages if s.kind == "intake"), None)
    if intake is None or intake.closes is None:
        return None
    for row in campaign_deadlines(campaign):
        if row["id"] == intake.closes and row["date"]:
            return dt.date.fromisoformat(str(row["date"]))
    value = campaign.events.get(intake.closes)
    return dt.date.fromisoformat(value) if value else None


def changeable_facts(application: Application) -> list[dict[str, Any]]:
    """Facts of an application that the regulation lets the candidate change (TP-9)."""
    campaign = application.campaign
    reg = campaign.regulation.load().regulation
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
                "rules": limit.rules,
                "can_change": len(history) < limit.max_changes
                and not closed
                and application.status not in CLOSED,
            }
        )
    return out


in_scope = policy.in_scope


def position_facts(campaign: Campaign) -> dict[str, Any]:
    """The campaign's position as facts for method sets (KM-10)."""
    position = campaign.position
    if position is None:
        return {}
    return {"category": position.category or None, "group": position.group or None}


def fact_titles(campaign: Campaign) -> dict[str, str]:
    reg = campaign.regulation.load().regulation
    return {f.id: f.title for f in reg.facts}


# The consent a candidate gives with an application (C-4); stored with it as shown.
CONSENT_TEXT = gettext_lazy(
    "Даю согласие на обработку моих персональных данных, указанных в заявлении, анкете и "
    "прилагаемых документах, в целях проведения конкурсных (отборочных) процедур "
    "(Федеральный закон № 152-ФЗ «О персональных данных»; Закон Республики Казахстан "
    "«О персональных данных и их защите»)."
)


def questionnaire_facts(person: Person) -> dict[str, Any]:
    """The facts an application takes over from the person and the questionnaire."""
    q = getattr(person, "questionnaire", None)
    facts: dict[str, Any] = {
        "citizenship": person.citizenship,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "iin": person.iin or None,
    }
    if q is not None:
        facts.update(
            {
                "education_level": q.education_level or None,
                "final_year_student": q.final_year_student,
                "managerial_years": float(q.managerial_years)
                if q.managerial_years is not None
                else None,
                "service_years": float(q.service_years) if q.service_years is not None else None,
                "penalties": q.penalties,
                "criminal_record": q.criminal_record,
            }
        )
        facts.update(q.extra)
    return {k: v for k, v in facts.items() if v is not None}


def refusal_text(verdict: dict[str, Any] | None) -> str:
    """The written refusal, generated from the engine's reasons (C-2, KM-6)."""
    if not verdict or not verdict.get("refusals"):
        return ""
    lines = [gettext("Вам отказано в допуске к участию по следующим основаниям:")]
    for i, refusal in enumerate(verdict["refusals"], start=1):
        rules = ", ".join(refusal["rules"])
        lines.append(f"{i}. {refusal['reason'][0].upper()}{refusal['reason'][1:]} ({rules}).")
    lines.append(gettext("Решение может быть обжаловано в соответствии с законодательством."))
    return "\n".join(lines)
