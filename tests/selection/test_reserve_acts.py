"""The reserve after the decision (issue 10): exclusion on a ground of the regulation (BR-21,
PK-9), re-inclusion when the regulation allows it (BR-13), the term's expiry (BR-2, TP-12) —
each one transaction with its act and audit record."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from rezerv.engine.loader import load_regulation
from rezerv.selection.models import AuditEvent, ReserveEntry
from rezerv.selection.reserve_acts import expire_due, reserve_exclude, reserve_re_include
from rezerv.selection.reserve_models import ActKind, ReserveAct
from rezerv.selection.reserve_registry import membership_end, registry_rows
from rezerv.selection.services import ServiceError
from tests.documents.world_br import br_documents_world
from tests.documents.world_pk import pk_documents_world
from tests.documents.world_tp import tp_documents_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def br() -> dict[str, Any]:
    w = br_documents_world(timezone.localdate())
    w["garipov"] = ReserveEntry.objects.get(decision=w["decision"], person__last_name="Гарипов")
    return w


def after_inclusion(entry: ReserveEntry, days: int = 30) -> dt.date:
    assert entry.included_on is not None
    return entry.included_on + dt.timedelta(days=days)


def test_br21_exclusion_on_a_ground_of_the_list_with_its_order_is_recorded_and_audited(
    br: dict[str, Any],
) -> None:
    entry = br["garipov"]
    on = after_inclusion(entry)
    act = reserve_exclude(
        actor=br["hr"],
        entry=entry,
        ground_id="own_request",
        on=on,
        basis="Распоряжение № 15-р от 10.03.2027",
        today=on,
    )
    entry.refresh_from_db()
    assert (entry.excluded_on, entry.exclusion_ground) == (on, "own_request")
    assert (act.kind, act.ground, act.on, act.basis) == (
        ActKind.EXCLUSION,
        "own_request",
        on,
        "Распоряжение № 15-р от 10.03.2027",
    )
    event = AuditEvent.objects.get(action="reserve.exclude")
    assert event.object_id == str(entry.pk)
    assert event.changes["ground"] == "own_request"
    assert event.changes["basis"] == "Распоряжение № 15-р от 10.03.2027"
    row = registry_rows([entry])[0]
    assert row.status == "excluded"
    assert row.ground == "По личному заявлению"


@pytest.mark.parametrize(
    ("ground", "on_days", "basis", "field"),
    [
        ("not_a_ground", 30, "Распоряжение № 1", "ground"),
        ("own_request", 30, "   ", "basis"),
        ("own_request", -1, "Распоряжение № 1", "on"),
    ],
)
def test_br21_bad_exclusion_is_refused_at_its_field_and_changes_nothing(
    br: dict[str, Any], ground: str, on_days: int, basis: str, field: str
) -> None:
    entry = br["garipov"]
    on = after_inclusion(entry, on_days)
    with pytest.raises(ServiceError) as refused:
        reserve_exclude(actor=br["hr"], entry=entry, ground_id=ground, on=on, basis=basis, today=on)
    assert refused.value.field == field
    entry.refresh_from_db()
    assert entry.excluded_on is None
    assert not ReserveAct.objects.exists()
    assert not AuditEvent.objects.filter(action="reserve.exclude").exists()


def test_br21_exclusion_on_a_day_to_come_is_refused(br: dict[str, Any]) -> None:
    entry = br["garipov"]
    today = after_inclusion(entry)
    with pytest.raises(ServiceError) as refused:
        reserve_exclude(
            actor=br["hr"],
            entry=entry,
            ground_id="own_request",
            on=today + dt.timedelta(days=1),
            basis="Распоряжение № 1",
            today=today,
        )
    assert refused.value.field == "on"


def test_br13_re_inclusion_before_a_year_after_appointment_is_refused_with_the_date(
    br: dict[str, Any],
) -> None:
    entry = br["garipov"]
    excluded = after_inclusion(entry)
    reserve_exclude(
        actor=br["hr"],
        entry=entry,
        ground_id="appointed_to_target_position",
        on=excluded,
        basis="Указ № 100",
        today=excluded,
    )
    early = excluded.replace(year=excluded.year + 1) - dt.timedelta(days=1)
    with pytest.raises(ServiceError) as refused:
        reserve_re_include(
            actor=br["hr"],
            entry=entry,
            on=early,
            basis="Распоряжение № 2",
            today=early,
            facts={"performed_successfully": True},
        )
    earliest = excluded.replace(year=excluded.year + 1)
    assert refused.value.field == "on"
    assert earliest.strftime("%d.%m.%Y") in refused.value.message
    assert "BR-13" in refused.value.message
    entry.refresh_from_db()
    assert entry.excluded_on == excluded
    assert ReserveAct.objects.filter(kind=ActKind.RE_INCLUSION).count() == 0


def test_br13_re_inclusion_after_a_year_needs_successful_performance_then_starts_a_new_term(
    br: dict[str, Any],
) -> None:
    entry = br["garipov"]
    excluded = after_inclusion(entry)
    reserve_exclude(
        actor=br["hr"],
        entry=entry,
        ground_id="appointed_to_target_position",
        on=excluded,
        basis="Указ № 100",
        today=excluded,
    )
    anniversary = excluded.replace(year=excluded.year + 1)
    with pytest.raises(ServiceError) as refused:
        reserve_re_include(
            actor=br["hr"],
            entry=entry,
            on=anniversary,
            basis="Распоряжение № 2",
            today=anniversary,
            facts={"performed_successfully": False},
        )
    assert "успешное исполнение" in refused.value.message
    previous = (entry.included_on, entry.until)
    act = reserve_re_include(
        actor=br["hr"],
        entry=entry,
        on=anniversary,
        basis="Распоряжение № 2",
        today=anniversary,
        facts={"performed_successfully": True},
    )
    entry.refresh_from_db()
    assert entry.excluded_on is None
    assert entry.included_on == anniversary
    # BR-2: three years from the re-inclusion
    assert entry.until == anniversary.replace(year=anniversary.year + 3)
    assert (act.previous_included_on, act.previous_until) == previous
    assert AuditEvent.objects.filter(action="reserve.re_include", object_id=str(entry.pk)).exists()


def test_pk9_exclusion_grounds_are_the_pk_regulations() -> None:
    w = pk_documents_world(timezone.localdate().year - 1)
    entry = ReserveEntry.objects.filter(decision=w["decision"]).order_by("pk").first()
    assert entry is not None and entry.included_on is not None
    on = entry.included_on + dt.timedelta(days=10)
    with pytest.raises(ServiceError):  # a BR ground is not one of PK's
        reserve_exclude(
            actor=w["hr"],
            entry=entry,
            ground_id="appointed_to_target_position",
            on=on,
            basis="Протокол № 3",
            today=on,
        )
    reserve_exclude(
        actor=w["hr"],
        entry=entry,
        ground_id="refused_offer",
        on=on,
        basis="Протокол № 3",
        today=on,
    )
    row = registry_rows([ReserveEntry.objects.get(pk=entry.pk)])[0]
    assert row.ground == "отказ от замещения предлагаемой должности"


def test_br2_expiry_is_applied_by_itself_the_day_after_the_term_and_only_once(
    br: dict[str, Any],
) -> None:
    entry = br["garipov"]
    assert entry.until is not None and entry.included_on is not None
    assert entry.until == entry.included_on.replace(year=entry.included_on.year + 3)  # BR-2
    assert expire_due(today=entry.until) == 0  # the last day is still a day of membership
    ended = expire_due(today=entry.until + dt.timedelta(days=1))
    assert ended == ReserveEntry.objects.filter(until=entry.until).count() >= 1
    entry.refresh_from_db()
    assert entry.excluded_on == entry.until + dt.timedelta(days=1)
    assert entry.exclusion_ground == ""
    act = ReserveAct.objects.get(entry=entry)
    assert (act.kind, act.on) == (ActKind.EXPIRY, entry.excluded_on)
    event = AuditEvent.objects.get(action="reserve.expire", object_id=str(entry.pk))
    assert event.changes["rules"] == ["BR-2"]
    assert registry_rows([entry])[0].ground == "истечение срока нахождения в резерве"
    # idempotent: the next day's run changes nothing
    assert expire_due(today=entry.until + dt.timedelta(days=2)) == 0
    assert ReserveAct.objects.filter(entry=entry).count() == 1


def test_br2_expire_reserve_command_runs_expire_due(br: dict[str, Any]) -> None:
    entry = br["garipov"]
    assert entry.until is not None
    day = (entry.until + dt.timedelta(days=1)).isoformat()
    out = StringIO()
    call_command("expire_reserve", "--date", day, stdout=out)
    assert "3" in out.getvalue()  # Гарипов, Морозов, Юсупова: included the same day
    out = StringIO()
    call_command("expire_reserve", "--date", day, stdout=out)
    assert ": 0." in out.getvalue()


def test_br13_re_inclusion_after_the_terms_expiry_is_refused(br: dict[str, Any]) -> None:
    entry = br["garipov"]
    assert entry.until is not None
    day = entry.until + dt.timedelta(days=10)
    expire_due(today=day)
    with pytest.raises(ServiceError) as refused:
        reserve_re_include(actor=br["hr"], entry=entry, on=day, basis="Протокол", today=day)
    assert "нового отбора" in refused.value.message


def test_tp12_certificate_holders_term_is_one_year_and_expires() -> None:
    w = tp_documents_world(2026)
    entry = ReserveEntry.objects.filter(decision=w["decision"]).order_by("pk").first()
    assert entry is not None and entry.included_on is not None
    row = registry_rows([entry])[0]
    assert row.term_end == entry.included_on.replace(year=entry.included_on.year + 1)
    expire_due(today=row.term_end + dt.timedelta(days=1))
    entry.refresh_from_db()
    assert entry.excluded_on == row.term_end + dt.timedelta(days=1)
    event = AuditEvent.objects.get(action="reserve.expire", object_id=str(entry.pk))
    assert event.changes["rules"] == ["TP-12"]


def test_km18_reserve_term_is_three_years() -> None:
    reserve = load_regulation("KM").regulation.reserve
    assert membership_end(reserve, dt.date(2028, 2, 29)) == dt.date(2031, 2, 28)
