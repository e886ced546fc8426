"""Vacant target positions filled from the reserve (BR-20, PK-7): the matching members with
each requirement explained, ranked by rating score; the steps in the regulation's order; the
appointment excludes the member as "appointed" (BR-21) and counts for BR-23."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from rezerv.selection.models import ReserveEntry
from rezerv.selection.reserve_efficiency import year_counts
from rezerv.selection.reserve_vacancies import matches, vacancy_create, vacancy_record_step
from rezerv.selection.services import ServiceError
from tests.documents.world_br import br_documents_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def br() -> dict[str, Any]:
    w = br_documents_world(timezone.localdate())
    included = ReserveEntry.objects.filter(decision=w["decision"]).first()
    assert included is not None and included.included_on is not None
    w["day"] = day = included.included_on + dt.timedelta(days=30)
    w["vacancy"] = vacancy_create(
        actor=w["hr"],
        body=w["body"],
        code="BR",
        title="Заместитель министра",
        level="",
        vacant_since=day,
        today=day,
    )
    return w


def test_br20_pk7_members_meeting_the_requirements_ranked_by_score(br: dict[str, Any]) -> None:
    found = matches(br["hr"], br["vacancy"], br["day"])
    names = [e.person.last_name for _m, e in found.meets]
    # Гарипов 82, Морозов 74 (rating scores); the others lack a requirement or its data
    assert names[:2] == ["Гарипов", "Морозов"]
    scores = [m.score for m, _e in found.meets]
    assert scores[0] is not None and scores[0] > (scores[1] or Decimal(0))
    for match, _entry in found.meets:
        assert match.checks and all(c.status == "met" for c in match.checks)
        assert all("BR-6" in c.rules for c in match.checks)
    # Юсупова (prospective) is exempt from education and experience (BR-7)
    yusupova = [m for m, e in found.meets + found.others if e.person.last_name == "Юсупова"]
    assert yusupova and len(yusupova[0].checks) == 2


def test_br20_steps_in_order_then_appointment_excludes_as_appointed(br: dict[str, Any]) -> None:
    vacancy = br["vacancy"]
    entry = ReserveEntry.objects.get(decision=br["decision"], person__last_name="Гарипов")
    today = br["day"]

    def record(step: str, outcome: str = "done") -> None:
        vacancy_record_step(
            actor=br["hr"],
            vacancy=vacancy,
            entry=entry,
            step_id=step,
            outcome=outcome,
            on=today,
            basis="Письмо № 1",
            today=today,
        )

    with pytest.raises(ServiceError, match="по порядку") as early:
        record("appointment")
    assert early.value.field == "step"
    for step in ("consent", "agreement", "anti_corruption_check", "recommendation"):
        record(step)
    entry.refresh_from_db()
    assert entry.excluded_on is None
    record("appointment")
    entry.refresh_from_db()
    vacancy.refresh_from_db()
    assert entry.exclusion_ground == "appointed_to_target_position"  # BR-21
    assert (vacancy.filled_on, vacancy.filled_by_id) == (today, entry.pk)
    counts = year_counts(br["hr"], "BR", today.year)
    assert (counts.appointed, counts.vacancies, counts.filled) == (1, 1, 1)
    with pytest.raises(ServiceError, match="замещена"):
        record("consent")


def test_br21_refusing_the_position_excludes_on_that_ground(br: dict[str, Any]) -> None:
    entry = ReserveEntry.objects.get(decision=br["decision"], person__last_name="Морозов")
    today = br["day"]
    vacancy_record_step(
        actor=br["hr"],
        vacancy=br["vacancy"],
        entry=entry,
        step_id="consent",
        outcome="refused",
        on=today,
        basis="",
        today=today,
    )
    entry.refresh_from_db()
    assert entry.exclusion_ground == "refused_position"
    br["vacancy"].refresh_from_db()
    assert br["vacancy"].filled_on is None


def test_br20_a_vacancy_in_the_future_or_without_title_is_refused(br: dict[str, Any]) -> None:
    today = br["day"]
    with pytest.raises(ServiceError) as future:
        vacancy_create(
            actor=br["hr"],
            body=br["body"],
            code="BR",
            title="Должность",
            level="",
            vacant_since=today + dt.timedelta(days=1),
            today=today,
        )
    assert future.value.field == "vacant_since"
    with pytest.raises(ServiceError) as nameless:
        vacancy_create(
            actor=br["hr"],
            body=br["body"],
            code="BR",
            title=" ",
            level="",
            vacant_since=today,
            today=today,
        )
    assert nameless.value.field == "title"
    with pytest.raises(ServiceError) as no_use:
        vacancy_create(
            actor=br["hr"],
            body=br["body"],
            code="KM",
            title="Должность",
            level="",
            vacant_since=today,
            today=today,
        )
    assert no_use.value.field == "code"
