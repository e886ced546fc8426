"""Vacant target positions filled from the reserve (BR-20, PK-7): the list of members who meet
the position's qualification requirements, each explained per member and ranked by rating
score, and the steps the regulation names in order.  A step with an ``exclusion_ground`` (the
appointment) excludes the member on it and fills the vacancy; a refusal at a step with a
``refusal_ground`` (the member refused the position) excludes the member on that ground.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from rezerv.engine.facts import RESERVE_LEVEL_FACT
from rezerv.engine.reserve import ReserveError, ReserveMember
from rezerv.engine.reserve_use import VacancyMatch, match_vacancy, next_step, step, vacancy_of
from rezerv.engine.schema import Regulation, VacancyUse
from rezerv.selection import policy
from rezerv.selection.models import Application, RegulationVersion, ReserveEntry, StateBody
from rezerv.selection.regulations import new_campaign_regulation
from rezerv.selection.reserve_acts import reserve_exclude
from rezerv.selection.reserve_registry import scores_of
from rezerv.selection.reserve_use_models import StepOutcome, Vacancy, VacancyStepRecord
from rezerv.selection.selectors import questionnaire_facts
from rezerv.selection.services import ServiceError, audit

TITLE_MAX = 300


def regulation_of(code: str) -> Regulation | None:
    version = (
        RegulationVersion.objects.filter(code=code, campaigns__isnull=False).order_by("-pk").first()
    )
    if version is None:
        return new_campaign_regulation(code)
    return version.load().regulation


def vacancy_use(reg: Regulation | None) -> VacancyUse | None:
    if reg is None:
        return None
    try:
        return vacancy_of(reg)
    except ReserveError:
        return None


@transaction.atomic
def vacancy_create(
    *,
    actor: Any,
    body: StateBody,
    code: str,
    title: str,
    level: str,
    vacant_since: dt.date,
    today: dt.date,
) -> Vacancy:
    if vacancy_use(regulation_of(code)) is None:
        raise ServiceError(
            gettext("Регламент не предусматривает замещения должностей из резерва."), field="code"
        )
    text = (title or "").strip()
    if not text:
        raise ServiceError(gettext("Укажите вакантную целевую должность."), field="title")
    if len(text) > TITLE_MAX:
        raise ServiceError(gettext("Не более %(n)s знаков.") % {"n": TITLE_MAX}, field="title")
    if vacant_since > today:
        raise ServiceError(
            gettext("Дата не может быть позже сегодняшнего дня."), field="vacant_since"
        )
    vacancy = Vacancy.objects.create(
        body=body,
        code=code,
        title=text,
        level=level,
        vacant_since=vacant_since,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(
        actor=actor,
        action="reserve.vacancy_create",
        obj=vacancy,
        changes={"code": code, "level": level, "vacant_since": vacant_since},
    )
    return vacancy


def _members(user: Any, code: str) -> list[ReserveEntry]:
    return list(
        policy.reserve_visible_to(user)
        .filter(campaign__regulation__code=code, excluded_on__isnull=True)
        .select_related("person__questionnaire", "campaign__regulation")
        .defer("campaign__regulation__source_text", "campaign__announcement")
        .order_by("pk")
    )


@dataclass(frozen=True)
class Matches:
    meets: list[tuple[VacancyMatch, ReserveEntry]]
    others: list[tuple[VacancyMatch, ReserveEntry]]


def matches(user: Any, vacancy: Vacancy, today: dt.date) -> Matches:
    """The members the user may see in the reserve of the vacancy's regulation, matched
    against its qualification requirements (BR-20, PK-7) with their application's facts."""
    reg = regulation_of(vacancy.code)
    if reg is None:
        return Matches([], [])
    entries = _members(user, vacancy.code)
    facts = {
        (c, p): f
        for c, p, f in Application.objects.filter(
            campaign_id__in={e.campaign_id for e in entries},
            person_id__in={e.person_id for e in entries},
        ).values_list("campaign_id", "person_id", "facts")
    }
    scores = scores_of(entries)
    by_id = {str(e.pk): e for e in entries}
    members = []
    for e in entries:
        # the person's questionnaire (citizenship, birth date), then the application's facts
        member_facts = {
            **questionnaire_facts(e.person, reg),
            **(facts.get((e.campaign_id, e.person_id)) or {}),
        }
        if e.level:
            member_facts.setdefault(RESERVE_LEVEL_FACT, e.level)
        member = ReserveMember(
            str(e.pk),
            e.included_on or today,
            level=e.level or None,
            name=e.person.full_name,
            facts=member_facts,
        )
        members.append((member, scores.get(e.pk)))
    meets, others = match_vacancy(reg, members, today, level=vacancy.level or None)
    return Matches([(m, by_id[m.member]) for m in meets], [(m, by_id[m.member]) for m in others])


def steps_done(vacancy: Vacancy, entry: ReserveEntry) -> list[VacancyStepRecord]:
    return list(vacancy.steps.filter(entry=entry).order_by("on", "pk"))


@transaction.atomic
def vacancy_record_step(
    *,
    actor: Any,
    vacancy: Vacancy,
    entry: ReserveEntry,
    step_id: str,
    outcome: str,
    on: dt.date,
    basis: str,
    today: dt.date,
) -> VacancyStepRecord:
    """Record the next step for one member (BR-20): steps go in the regulation's order; the
    appointment excludes the member on its ground and fills the vacancy; a refusal where the
    regulation makes it a ground excludes the member on it (BR-21, PK-9)."""
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if locked.filled_on is not None:
        raise ServiceError(gettext("Должность уже замещена."))
    use = vacancy_use(regulation_of(locked.code))
    if use is None:
        raise ServiceError(gettext("Регламент не предусматривает замещения должностей из резерва."))
    if entry.excluded_on is not None:
        raise ServiceError(gettext("Член резерва исключён из резерва."))
    if on > today:
        raise ServiceError(gettext("Дата не может быть позже сегодняшнего дня."), field="on")
    if on < locked.vacant_since:
        raise ServiceError(
            gettext("Дата не может быть раньше дня образования вакансии."), field="on"
        )
    if outcome not in StepOutcome.values:
        raise ServiceError(gettext("Выберите результат."), field="outcome")
    records = steps_done(locked, entry)
    if any(r.outcome == StepOutcome.REFUSED for r in records):
        raise ServiceError(gettext("По этому кандидату уже записан отказ."))
    try:
        chosen = step(use, step_id)
    except ReserveError as exc:
        raise ServiceError(gettext("Выберите этап из перечня регламента."), field="step") from exc
    expected = next_step(use, [r.step for r in records])
    if expected is None or expected.id != chosen.id:
        raise ServiceError(
            gettext("Этапы проходят по порядку: следующий этап — «%(step)s».")
            % {"step": expected.title if expected else "—"},
            field="step",
        )
    if records and on < records[-1].on:
        raise ServiceError(gettext("Дата не может быть раньше предыдущего этапа."), field="on")
    text = (basis or "").strip()[:300]
    record = VacancyStepRecord.objects.create(
        vacancy=locked,
        entry=entry,
        step=chosen.id,
        outcome=outcome,
        on=on,
        basis=text,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(
        actor=actor,
        action="reserve.vacancy_step",
        obj=locked,
        changes={"entry": entry.pk, "step": chosen.id, "outcome": outcome, "date": on},
    )
    ground = chosen.exclusion_ground if outcome == StepOutcome.DONE else chosen.refusal_ground
    if ground:
        reserve_exclude(
            actor=actor,
            entry=entry,
            ground_id=ground,
            on=on,
            basis=text or chosen.title,
            today=today,
        )
    if outcome == StepOutcome.DONE and chosen.exclusion_ground:
        locked.filled_on = on
        locked.filled_by = entry
        locked.save(update_fields=["filled_on", "filled_by"])
    return record
