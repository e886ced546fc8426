"""Issue 8, item 1 ("one intake … one bulk service that imports through it and writes the audit
records"): ``selection.bulk`` submits every entry to the engine's one intake check
(``engine.intake.check_submission``), words its problems as the web form does
(``selection.intake.word``) and writes the applications with one audit record each, in one
transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from rezerv.engine.intake import IntakeProblem
from rezerv.selection import bulk, services
from rezerv.selection.intake import word
from rezerv.selection.models import Application, AuditEvent, Campaign, Person
from rezerv.selection.selectors import CONSENT_TEXT
from tests.spreadsheets import helpers as h
from tests.web import factories as f

pytestmark = pytest.mark.django_db

TP_FACTS = {
    "education_programme": "higher",
    "final_year": True,
    "territorial_unit": "kostanay",
    "internship_body": "Аппарат акима Костанайской области",
    "direction": "Экономика и финансы",
    "specialty": "Финансы",
    "address": "г. Костанай, ул. Абая, 1",
    "phone": "+7 701 000 00 01",
    "email": "a@example.kz",
}


@pytest.fixture
def tp() -> dict[str, Any]:
    year = timezone.localdate().year - 1
    hr = f.hr_user(f.body("Департамент Агентства по Костанайской области"), "hr_tp")
    campaign = services.campaign_publish(
        actor=hr,
        campaign=Campaign.objects.create(
            kind="talent_pool",
            regulation=services.regulation_load_bundled(code="TP"),
            title="Пул талантов",
            body=hr.staff.body,
            events={"cycle_start": f"{year}-09-01"},
            announcement={"procedure": "—", "essay_topics": "—", "essay_email": "a@example.kz"},
            created_by=hr,
        ),
        on=dt.date(year, 9, 15),
    )
    return {"hr": hr, "campaign": campaign, "on": timezone.make_aware(dt.datetime(year, 10, 3, 12))}


def new_person(last: str, iin: str) -> bulk.NewPerson:
    person = {"last_name": last, "first_name": "Айгуль", "citizenship": "KZ", "iin": iin}
    return bulk.NewPerson(person, {"extra": {}})


def entry(key: int, who: Any, on: dt.datetime, **kw: Any) -> bulk.BulkApplication:
    tp = services.regulation_load_bundled(code="TP").load().regulation
    facts = {**(who.facts(tp) if isinstance(who, bulk.NewPerson) else {}), **TP_FACTS}
    args: dict[str, Any] = {
        "key": key,
        "person": who,
        "route": "default",
        "submitted_at": on,
        "consent": True,
        "facts": facts,
    }
    args.update(kw)
    return bulk.BulkApplication(**args)


IIN_A = h.iin(dt.date(2002, 2, 2), 7, century_sex=6)
IIN_B = h.iin(dt.date(2002, 3, 3), 8, century_sex=6)


def test_item1_tp3_a_value_registers_once_among_the_entries_and_against_the_recorded(
    tp: dict[str, Any],
) -> None:
    registered = f.candidate("first", "Жумабаев", "Данияр", citizenship="KZ", iin=IIN_B)
    services.application_submit(
        actor=registered.user,
        campaign=tp["campaign"],
        person=registered,
        route="default",
        facts={"iin": IIN_B, **TP_FACTS},
        consent_text=CONSENT_TEXT,
        consent_given=True,
        files={},
        now=tp["on"],
    )
    on = tp["on"]
    checked = bulk.application_import_check(
        tp["campaign"],
        [
            entry(2, new_person("Сейткали", IIN_A), on),
            entry(3, new_person("Сейткали", IIN_A), on),  # the same ИИН again
            entry(4, new_person("Омарова", IIN_B), on),  # registered by the form already
        ],
    )
    assert [(p.key, p.code, p.field, p.earlier) for p in checked.problems] == [
        (3, "duplicate", "iin", 2),
        (4, "duplicate", "iin", None),
    ]
    assert all("TP-3" in p.problem.rules for p in checked.problems)
    # the wording is the web form's
    assert checked.problems[0].message == word(checked.problems[0].problem)
    assert "повторная регистрация не допускается (TP-3)" in checked.problems[0].message
    assert not checked.ok
    with pytest.raises(bulk.ImportRefused):
        bulk.application_import_bulk(actor=tp["hr"], checked=checked, consent_text="…")


def test_item1_c4_consent_window_and_required_facts_come_from_the_engine(
    tp: dict[str, Any],
) -> None:
    on = tp["on"]
    late = on + dt.timedelta(days=400)
    no_phone = {k: v for k, v in TP_FACTS.items() if k != "phone"}
    checked = bulk.application_import_check(
        tp["campaign"],
        [
            entry(2, new_person("Сейткали", IIN_A), on, consent=False),
            entry(3, new_person("Омарова", IIN_B), late),
            entry(4, new_person("Ахметова", h.iin(dt.date(2001, 1, 1), 9, 6)), on, facts=no_phone),
        ],
    )
    found = {(p.key, p.code, p.field) for p in checked.problems}
    assert (2, "no_consent", "consent") in found
    assert (3, "closed", None) in found
    assert (4, "fact", "phone") in found
    consent = next(p for p in checked.problems if p.code == "no_consent")
    # the same sentence as application_submit's refusal
    with pytest.raises(services.ServiceError) as refused:
        person = f.candidate("x", "Иванова", "Анна", citizenship="KZ", iin=IIN_A)
        services.application_submit(
            actor=person.user,
            campaign=tp["campaign"],
            person=person,
            route="default",
            facts={"iin": IIN_A, **TP_FACTS},
            consent_text=CONSENT_TEXT,
            consent_given=False,
            files={},
            now=on,
        )
    assert refused.value.message == consent.message
    assert "C-4" in consent.message


def test_item1_an_unpublished_campaign_takes_no_entry_with_the_forms_wording(
    tp: dict[str, Any],
) -> None:
    Campaign.objects.filter(pk=tp["campaign"].pk).update(status="draft")  # test setup
    tp["campaign"].refresh_from_db()
    checked = bulk.application_import_check(
        tp["campaign"], [entry(2, new_person("Сейткали", IIN_A), tp["on"])]
    )
    (problem,) = checked.problems
    assert problem.key is None and problem.code == "not_accepting"
    assert problem.message == word(IntakeProblem("not_accepting"))


def test_item1_item9_the_import_writes_one_audit_record_per_application(
    tp: dict[str, Any],
) -> None:
    on = tp["on"]
    checked = bulk.application_import_check(
        tp["campaign"],
        [entry(2, new_person("Сейткали", IIN_A), on), entry(3, new_person("Омарова", IIN_B), on)],
    )
    assert checked.ok, [p.message for p in checked.problems]
    counts = bulk.application_import_bulk(
        actor=tp["hr"], checked=checked, consent_text="На бумаге", source={"file_sha256": "ab"}
    )
    assert counts == {"persons": 2, "questionnaires": 2, "applications": 2}
    apps = list(Application.objects.filter(campaign=tp["campaign"]).order_by("pk"))
    assert [a.person.iin for a in apps] == [IIN_A, IIN_B]
    assert all(a.consent_text == "На бумаге" and a.consent_given_at == on for a in apps)
    events = AuditEvent.objects.filter(action="application.submit", campaign=tp["campaign"])
    assert sorted(int(e.object_id) for e in events) == [a.pk for a in apps]
    for event in events:
        assert event.actor == tp["hr"]
        assert event.changes == {
            "documents": [],
            "route": "default",
            "import": {"file_sha256": "ab"},
        }


def test_item1_item9_nothing_stays_written_when_the_audit_records_fail(
    tp: dict[str, Any],
) -> None:
    checked = bulk.application_import_check(
        tp["campaign"], [entry(2, new_person("Сейткали", IIN_A), tp["on"])]
    )
    persons = Person.objects.count()
    real = bulk.insert_rows

    def failing(model: Any, rows: Any) -> Any:
        if model is AuditEvent:
            raise RuntimeError("audit down")
        return real(model, rows)

    with mock.patch.object(bulk, "insert_rows", failing), pytest.raises(RuntimeError):
        bulk.application_import_bulk(actor=tp["hr"], checked=checked, consent_text="…")
    assert Person.objects.count() == persons
    assert not Application.objects.filter(campaign=tp["campaign"]).exists()


def test_item1_an_entry_without_its_date_or_consent_is_never_written(tp: dict[str, Any]) -> None:
    """The caller reports an unreadable date or consent; the service still refuses to write."""
    checked = bulk.application_import_check(
        tp["campaign"], [entry(2, new_person("Сейткали", IIN_A), tp["on"], consent=None)]
    )
    assert checked.problems == [] and checked.incomplete == 1 and not checked.ok
    with pytest.raises(bulk.ImportRefused):
        bulk.application_import_bulk(actor=tp["hr"], checked=checked, consent_text="…")
