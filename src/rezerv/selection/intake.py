"""Submissions checked by the engine's one intake check (``rezerv.engine.intake``), worded in
the user's language.  ``application_submit`` (web form and API) and ``bulk.application_import``
(the spreadsheet importer) both use it, so a rule of the intake lives in one place (issue 8,
item 1).

Two problems are the application's own, not the engine's: ``not_accepting`` (the campaign does
not take applications: it is not published) and ``already_applied`` (the person has an
application in the campaign; params ``code``, the application's code, when it is recorded)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from django.utils.translation import gettext

from rezerv.engine.intake import IntakeProblem, check_submission, intake_stage, intake_window
from rezerv.selection.campaign_positions import position_titles, record_choices
from rezerv.selection.models import Application, Campaign, Person
from rezerv.selection.selectors import usable_events
from rezerv.selection.states import ApplicationStatus, CampaignStatus

__all__ = [
    "IntakeProblem",
    "campaign_intake_window",
    "campaign_problem",
    "submission_problems",
    "word",
]


def _day(value: Any) -> str:
    return value.strftime("%d.%m.%Y") if isinstance(value, dt.date) else str(value)


def _rules(problem: IntakeProblem) -> str:
    return f" ({', '.join(problem.rules)})" if problem.rules else ""


def word(problem: IntakeProblem) -> str:
    """The problem as a sentence in the active language, citing the rules it rests on."""
    p = problem.params
    code = problem.code
    if code == "no_consent":
        return gettext(
            "Без согласия на обработку персональных данных заявление не принимается%(rules)s."
        ) % {"rules": _rules(problem) or " (C-4)"}
    if code == "unknown_route":
        return gettext("Неизвестный порядок участия «%(route)s».") % {"route": p["route"]}
    if code == "not_open":
        return gettext("Приём документов начинается %(date)s: заявление подано раньше срока.") % {
            "date": _day(p["opens"])
        }
    if code == "closed":
        return gettext(
            "Приём документов окончен %(date)s: заявление, поданное после срока, не принимается."
        ) % {"date": _day(p["closes"])}
    if code == "route_closed":
        return gettext("Срок подачи документов в порядке «%(route)s» истёк %(date)s%(rules)s.") % {
            "route": p["route"],
            "date": _day(p["closes"]),
            "rules": _rules(problem),
        }
    if code == "duplicate":
        return gettext(
            "Участник с таким значением «%(key)s» уже зарегистрирован: повторная "
            "регистрация не допускается%(rules)s."
        ) % {"key": p["fact"], "rules": _rules(problem)}
    if code == "unknown_document":
        return gettext("Неизвестный вид документа «%(type)s».") % {"type": p["document"]}
    if code == "below_min":
        return gettext("«%(title)s»: значение не может быть меньше %(min)s.") % {
            "title": p["fact"],
            "min": p["min"],
        }
    if code == "fact":
        return _fact_word(p)
    if code == "not_accepting":
        return gettext("Приём заявлений по этой кампании не ведётся.")
    if code == "already_applied":
        if p.get("code"):
            return gettext("Заявление этого лица в эту кампанию уже есть (шифр %(code)s).") % {
                "code": p["code"]
            }
        return gettext("Заявление этого лица в эту кампанию уже подано.")
    return code


def _fact_word(p: Mapping[str, Any]) -> str:
    problem = p.get("problem")
    if problem == "missing_required":
        return gettext("«%(title)s»: сведения обязательны для заявления.") % {"title": p["fact"]}
    if problem == "not_a_position":
        return gettext(
            "«%(title)s»: выберите одну из должностей, указанных кадровой службой для этой "
            "кампании."
        ) % {"title": p["fact"]}
    if problem == "not_recorded":
        return gettext(
            "«%(title)s»: выберите одно из значений, указанных кадровой службой для этой кампании."
        ) % {"title": p["fact"]}
    if problem == "unknown_option":
        return gettext("«%(title)s»: выберите значение из списка.") % {"title": p["fact"]}
    if problem in ("bad_date",):
        return gettext("«%(title)s»: нужна дата.") % {"title": p["fact"]}
    return gettext("«%(title)s»: значение в неверном формате.") % {"title": p["fact"]}


def campaign_problem(campaign: Campaign) -> IntakeProblem | None:
    """Why the campaign takes no application at all (it is not published), or None."""
    if campaign.status != CampaignStatus.PUBLISHED:
        return IntakeProblem("not_accepting")
    return None


def campaign_intake_window(
    campaign: Campaign, route: str = "default"
) -> tuple[dt.date | None, dt.date | None, dt.date | None]:
    """(opens, closes, the route's closing date) of the campaign's intake."""
    return intake_window(campaign.regulation.load().regulation, usable_events(campaign), route)


def taken_values(campaign: Campaign, *, besides: Person | None = None) -> set[Any]:
    """The values of the intake's ``unique_by`` fact already held by others' applications."""
    stage = intake_stage(campaign.regulation.load().regulation)
    if stage is None or not stage.unique_by:
        return set()
    rows = Application.objects.filter(campaign=campaign).exclude(status=ApplicationStatus.WITHDRAWN)
    if besides is not None:
        rows = rows.exclude(person=besides)
    values = rows.values_list(f"facts__{stage.unique_by}", flat=True)
    return {v for v in values if v not in (None, "")}


def submission_problems(
    campaign: Campaign,
    *,
    person: Person | None,
    route: str,
    facts: Mapping[str, Any],
    consent: bool,
    submitted_on: dt.date,
    documents: Collection[str] = (),
    taken: set[Any] | None = None,
) -> list[IntakeProblem]:
    return check_submission(
        campaign.regulation.load().regulation,
        given=usable_events(campaign),
        route=route,
        submitted_on=submitted_on,
        consent=consent,
        facts=facts,
        documents=documents,
        taken=taken_values(campaign, besides=person) if taken is None else taken,
        positions=position_titles(campaign),
        choices=record_choices(campaign),
    )
