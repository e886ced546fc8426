"""TP — the Kazakhstan talent pool (school of young civil servants), proved rule by rule.

Every case is built here, evaluated through the public engine API exactly as the CLI does
(parse, check, evaluate), and the assertions are on the computed result.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rezerv import wording
from rezerv.engine.case import check_case, parse_case
from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.engine.errors import InputError
from rezerv.engine.evaluate import evaluate
from rezerv.engine.loader import load_regulation, parse_regulation

ROOT = Path(__file__).resolve().parents[2]
LOADED = load_regulation("TP")
TP = LOADED.regulation

EVENTS = {
    "cycle_start": "2025-09-01",
    "demand_submitted": "2025-08-15",
    "announcement": "2025-09-15",
    "essay_written": "2025-11-10",
    "training_start": "2026-01-12",
    "training_end": "2026-02-27",
    "internship_start": "2026-03-02",
    "internship_end": "2026-04-24",
    "testing_start": "2026-05-04",
    "certificates_issued": "2026-06-30",
}
MEMBERS = ["r1", "r2", "r3"]
STAGE_PASSES = {
    "training": ["training"],
    "internship": ["internship"],
    "testing": ["legislation_test", "personal_qualities"],
}


def participant(cid: str, submitted: str = "2025-10-10T10:00:00", **facts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "citizenship": "KZ",
        "iin": f"0101016{int.from_bytes(cid.encode()) % 100000:05d}",
        "education_programme": "higher",
        "final_year": True,
        "territorial_unit": "kostanay",
        "internship_body": "Аппарат акима Костанайской области",
        "direction": "Экономика и финансы",
        "specialty": "Финансы",
        "direction_fits_specialty": True,
        "address": "г. Костанай",
        "phone": "+7 701 000 00 00",
        "email": f"{cid}@example.kz",
        "essay_topic": "Цифровизация государственных услуг",
        "essay_words": 450,
    }
    base.update(facts)
    for key in [k for k, v in base.items() if v is None]:
        del base[key]
    return {
        "id": cid,
        "name": f"Участник {cid}",
        "submitted_at": submitted,
        "consent": True,
        "documents": ["application"],
        "facts": base,
    }


def tp_case(
    people: list[dict[str, Any]],
    essay: dict[str, list[tuple[int, int] | None]],
    *,
    demand: dict[str, int] | None = None,
    fails: dict[str, str] | None = None,
    test_dates: dict[str, str] | None = None,
    events: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A TP case: essay points (originality, clarity) per participant in member order r1–r3;
    every later stage passed unless ``fails`` names the method a participant fails."""
    fails = fails or {}
    test_dates = test_dates or {}
    ballots = []
    for k, member in enumerate(MEMBERS):
        rows: dict[str, Any] = {}
        for cid, marks in essay.items():
            mark = marks[k] if k < len(marks) else None
            rows[cid] = None if mark is None else {"originality": mark[0], "clarity": mark[1]}
        ballots.append({"stage": "essay", "method": "essay", "member": member, "rows": rows})
    results = []
    for cid in essay:
        for stage, methods in STAGE_PASSES.items():
            for method in methods:
                day = test_dates.get(cid, "2026-05-12") if stage == "testing" else "2026-02-27"
                results.append(
                    {
                        "stage": stage,
                        "method": method,
                        "candidate": cid,
                        "passed": fails.get(cid) != method,
                        "date": day,
                    }
                )
    return {
        "regulation": "TP",
        "campaign": {"title": "Тест", "quotas": {"demand": demand or {"kostanay": 3}}},
        "events": dict(events or EVENTS),
        "commissions": [
            {
                "id": "bodies",
                "rule": "demand_bodies",
                "stages": ["essay"],
                "members": [{"id": m, "civil_servant": True} for m in MEMBERS],
            }
        ],
        "candidates": people,
        "ballots": ballots,
        "results": results,
    }


def run(case: dict[str, Any]) -> dict[str, Any]:
    parsed = parse_case(json.dumps(case, ensure_ascii=False).encode(), "case")
    check_case(TP, parsed, "case")
    return evaluate(LOADED, parsed)


def rows(case: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in run(case)["candidates"]}


def refusal_text(row: dict[str, Any]) -> str:
    """The reasons as the Russian documents word them (``rezerv.wording``), with their rules."""
    return " | ".join(f"{wording.reason(r)} {r['rules']}" for r in row["refusals"] + row["reasons"])


def single(person: dict[str, Any], marks: tuple[int, int] = (4, 4)) -> dict[str, dict[str, Any]]:
    return rows(tp_case([person], {person["id"]: [marks] * 3}))


# --------------------------------------------------------------------------- the example


def test_tp_example_hand_checked_figures() -> None:
    """examples/tp.md derives these by hand (TP-8, TP-5, TP-3, TP-1, TP-9, TP-11, TP-12)."""
    case = json.loads((ROOT / "examples" / "tp.json").read_text("utf-8"))
    result = run(case)
    by = {row["id"]: row for row in result["candidates"]}
    essay = {cid: by[cid]["stages"]["essay"] for cid in ("p1", "p2", "p3", "p4", "p6")}
    assert essay["p1"]["score"] == "9.33"  # (10 + 9 + 9) / 3
    assert essay["p2"]["score"] == "8.33"  # (8 + 9 + 8) / 3
    assert essay["p3"]["score"] == "7.33"  # (7 + 8 + 7) / 3
    assert essay["p4"]["score"] == essay["p6"]["score"] == "7.00"  # 21 / 3 each
    assert [essay[c]["place"] for c in ("p1", "p2", "p3", "p4", "p6")] == [1, 2, 3, 4, 5]
    assert "Четкость" in essay["p6"]["tie_break"]["decided_by"]  # clarity 3.67 > 3.33
    assert "fallback" not in essay["p6"]["tie_break"]
    assert all(essay[c]["outcome"] == "advanced" for c in ("p1", "p2", "p3", "p4"))
    assert by["p6"]["outcome"] == "not_selected"  # demand 4 exhausted
    assert by["p1"]["outcome"] == by["p2"]["outcome"] == "certified"
    assert by["p1"]["reserve"]["until"] == by["p2"]["reserve"]["until"] == "2027-06-30"
    assert by["p3"]["outcome"] == "not_passed"  # internship review without recommendation
    assert by["p4"]["outcome"] == "not_passed"  # test 2026-06-22 > 2026-05-15 + 30 days
    assert "2026-06-14" in refusal_text(by["p4"])
    assert by["p8"]["outcome"] == "not_passed"  # essay of 612 words
    assert by["p5"]["outcome"] == "refused" and by["p5"]["refusals"][0]["rules"] == ["TP-1"]
    assert by["p7"]["outcome"] == "refused" and by["p7"]["refusals"][0]["rules"] == ["TP-3"]
    assert [c["date"] for c in by["p3"]["rejected_changes"]] == ["2026-01-20"]
    assert [c["date"] for c in by["p6"]["rejected_changes"]] == ["2026-01-14"]
    governed = [d for d in result["deadlines"] if "governs" in d]
    assert len(governed) == 5 and all(d["complies"] for d in governed)
    assert result["summary"]["outcomes"] == {
        "certified": 2,
        "not_passed": 3,
        "not_selected": 1,
        "refused": 2,
    }


# --------------------------------------------------------------------------- registration


def test_tp1_citizen_final_year_student_of_each_level_admitted() -> None:
    levels = ["technical_vocational", "post_secondary", "higher", "master", "doctoral"]
    people = [participant(f"a{i}", education_programme=lvl) for i, lvl in enumerate(levels)]
    result = rows(tp_case(people, {p["id"]: [(3, 3)] * 3 for p in people}, demand={"kostanay": 5}))
    assert all(result[p["id"]]["admitted"] for p in people)


@pytest.mark.parametrize(
    ("facts", "words"),
    [
        ({"citizenship": "RU"}, "гражданство Республики Казахстан"),
        ({"final_year": False}, "выпускном курсе"),
        ({"education_programme": "general_secondary"}, "послевузовского"),
    ],
)
def test_tp1_non_citizen_non_final_year_or_school_pupil_refused(
    facts: dict[str, Any], words: str
) -> None:
    row = single(participant("a", **facts))["a"]
    assert row["outcome"] == "refused"
    assert row["refusals"][0]["rules"] == ["TP-1"]
    assert row["refusals"][0]["code"] == "requirement_not_met"
    assert words in row["refusals"][0]["params"]["requirement"]


@pytest.mark.parametrize(
    "fact", ["final_year", "internship_body", "direction", "address", "phone", "email"]
)
def test_tp1_tp2_one_facts_item2_required_form_field_missing_is_an_input_error(fact: str) -> None:
    """The fields of the registration form (TP-1, TP-2) are declared required: a case without
    one is refused as input, naming the place, and nothing is evaluated."""
    with pytest.raises(InputError) as err:
        single(participant("a", **{fact: None}))
    assert [p.path for p in err.value.problems] == [f"candidates[0].facts.{fact}"]
    assert "required fact not given" in err.value.problems[0].reason


def test_tp2_application_without_iin_refused() -> None:
    row = single(participant("a", iin=None))["a"]
    assert row["outcome"] == "refused"
    assert any("TP-2" in r["rules"] and "ИИН" in wording.reason(r) for r in row["refusals"])


def test_tp2_c3_application_document_required() -> None:
    person = participant("a")
    person["documents"] = []
    row = single(person)["a"]
    assert row["outcome"] == "refused"
    assert row["refusals"][0]["code"] == "missing_documents"
    assert any("Заявление" in d for d in row["refusals"][0]["params"]["documents"])
    assert set(row["refusals"][0]["rules"]) == {"TP-2", "C-3"}


def test_c4_application_without_consent_refused() -> None:
    person = participant("a")
    person["consent"] = False
    row = single(person)["a"]
    assert row["outcome"] == "refused"
    assert row["refusals"][0]["rules"] == ["C-4"]


def test_c2_refusal_lists_every_failed_rule() -> None:
    row = single(participant("a", citizenship="RU", final_year=False, iin=None))["a"]
    cited = [r["rules"] for r in row["refusals"]]
    assert cited == [["TP-1"], ["TP-1"], ["TP-2", "TP-3"]]


def test_tp3_second_registration_of_same_iin_refused() -> None:
    first = participant("z_first", "2025-10-02T09:00:00", iin="030722550481")
    again = participant("a_again", "2025-10-20T09:00:00", iin="030722550481")
    result = rows(tp_case([again, first], {"z_first": [(4, 4)] * 3}))
    assert result["z_first"]["admitted"] is True
    assert result["a_again"]["outcome"] == "refused"
    assert result["a_again"]["refusals"][0]["rules"] == ["TP-3"]
    assert result["a_again"]["refusals"][0]["code"] == "duplicate"


def test_tp4_false_information_found_at_registration_refused() -> None:
    row = single(participant("a", false_information_at="registration"))["a"]
    assert row["outcome"] == "refused"
    assert row["refusals"][0]["rules"] == ["TP-4"]
    assert "достоверной" in wording.reason(row["refusals"][0])


def test_tp4_breach_found_at_internship_excludes_at_internship() -> None:
    people = [participant("a", procedure_breach_at="internship"), participant("b")]
    result = rows(tp_case(people, {"a": [(5, 5)] * 3, "b": [(3, 3)] * 3}))
    a = result["a"]
    assert a["admitted"] is True
    assert a["stages"]["essay"]["outcome"] == "advanced"
    assert a["stages"]["training"]["outcome"] == "passed"
    assert (a["outcome"], a["decided_at"]) == ("not_passed", "internship")
    assert a["reasons"][-1]["rules"] == ["TP-4"]
    assert result["b"]["outcome"] == "certified"


def test_tp7_registration_runs_through_october() -> None:
    people = [
        participant("early", "2025-09-30T18:00:00"),
        participant("first_day", "2025-10-01T09:00:00"),
        participant("last_day", "2025-10-31T23:00:00"),
        participant("late", "2025-11-01T09:00:00"),
    ]
    result = rows(tp_case(people, {"first_day": [(4, 4)] * 3, "last_day": [(4, 4)] * 3}))
    assert result["first_day"]["admitted"] and result["last_day"]["admitted"]
    for cid, code in (("early", "submitted_before_open"), ("late", "submitted_after_close")):
        assert result[cid]["outcome"] == "refused"
        assert "TP-7" in result[cid]["refusals"][0]["rules"]
        assert result[cid]["refusals"][0]["code"] == code
    assert result["early"]["refusals"][0]["params"] == {
        "submitted": "2025-09-30",
        "opens": "2025-10-01",
    }


def test_tp7_registration_dates_follow_the_cycle() -> None:
    known, _ = compute_deadlines(TP, make_calendar(TP), {"cycle_start": dt.date(2026, 9, 1)})
    assert known["registration_open"] == dt.date(2026, 10, 1)
    assert known["registration_close"] == dt.date(2026, 10, 31)
    assert known["cycle_end"] == dt.date(2027, 6, 30)  # TP-2: September to June


# --------------------------------------------------------------------------- direction (TP-9)


def test_tp9_one_direction_change_allowed_second_rejected() -> None:
    person = participant("a")
    person["changes"] = [
        {"fact": "direction", "date": "2025-10-20", "to": "Право"},
        {"fact": "direction", "date": "2025-12-01", "to": "Социальная политика"},
    ]
    row = single(person)["a"]
    assert row["admitted"] is True
    assert [c["to"] for c in row["rejected_changes"]] == ["Социальная политика"]
    assert row["rejected_changes"][0]["rules"] == ["TP-9"]
    rejected = row["rejected_changes"][0]
    assert (rejected["code"], rejected["params"]["max"]) == ("change_limit", 1)
    assert "не более 1" in wording.reason(rejected)


def test_tp9_change_allowed_until_start_of_project_stage() -> None:
    on_day = participant("on_day")
    on_day["changes"] = [{"fact": "direction", "date": "2026-01-12", "to": "Право"}]
    after = participant("after")
    after["changes"] = [{"fact": "direction", "date": "2026-01-13", "to": "Право"}]
    result = rows(tp_case([on_day, after], {"on_day": [(4, 4)] * 3, "after": [(4, 4)] * 3}))
    assert "rejected_changes" not in result["on_day"]
    rejected = result["after"]["rejected_changes"][0]
    assert (rejected["code"], rejected["params"]["after"]) == ("change_too_late", "2026-01-12")


def test_tp9_direction_must_follow_specialty() -> None:
    row = single(participant("a", direction_fits_specialty=False))["a"]
    assert row["outcome"] == "refused"
    assert row["refusals"][0]["rules"] == ["TP-9"]


# --------------------------------------------------------------------------- essay (TP-8)


def test_tp8_sheet_two_descriptor_criteria_0_to_5_total_10() -> None:
    sheet = TP.sheet("essay_sheet")
    assert [c.id for c in sheet.criteria] == ["originality", "clarity"]
    for crit in sheet.criteria:
        assert crit.kind == "descriptors"
        assert (crit.min, crit.top) == (Decimal(0), Decimal(5))
        assert sorted(level.points for level in crit.levels) == [1, 2, 3, 4, 5]
        assert all(len(level.descriptors) == 2 for level in crit.levels)
    assert sheet.top == Decimal(10)


def test_tp8_essay_score_is_mean_of_representatives_totals() -> None:
    person = participant("a")
    result = rows(tp_case([person], {"a": [(5, 5), (4, 3), (0, 2)]}))
    assert result["a"]["stages"]["essay"]["score"] == "6.33"  # (10 + 7 + 2) / 3
    assert result["a"]["stages"]["essay"]["max"] == "10"


@pytest.mark.parametrize(
    ("bad", "words"),
    [(6, "outside the range 0–5"), (-1, "outside the range"), (2.5, "whole number")],
)
def test_tp8_c5_score_outside_sheet_refused(bad: Any, words: str) -> None:
    case = tp_case([participant("a")], {"a": [(4, 4)] * 3})
    case["ballots"][0]["rows"]["a"]["clarity"] = bad
    with pytest.raises(InputError) as err:
        run(case)
    assert "ballots[0].rows.a" in str(err.value)
    assert words in str(err.value)


def test_tp8_essay_over_500_words_or_without_topic_excluded() -> None:
    people = [
        participant("long", essay_words=501),
        participant("exact", essay_words=500),
        participant("no_topic", essay_topic=None),
    ]
    essay = {p["id"]: [(5, 5)] * 3 for p in people}
    result = rows(tp_case(people, essay))
    assert result["exact"]["stages"]["essay"]["outcome"] == "advanced"
    for cid in ("long", "no_topic"):
        assert (result[cid]["outcome"], result[cid]["decided_at"]) == ("not_passed", "essay")
        assert result[cid]["reasons"][0]["rules"] == ["TP-8"]


def test_tp8_tp5_highest_scorers_pass_up_to_demand() -> None:
    people = [participant(c) for c in "abcd"]
    essay = {"a": [(5, 5)] * 3, "b": [(4, 4)] * 3, "c": [(3, 3)] * 3, "d": [(2, 2)] * 3}
    result = rows(tp_case(people, essay, demand={"kostanay": 2}))
    assert [result[c]["stages"]["essay"]["outcome"] for c in "abcd"] == [
        "advanced",
        "advanced",
        "not_selected",
        "not_selected",
    ]
    unmet = result["c"]["stages"]["essay"]["not_granted"][0]
    assert (unmet["code"], unmet["params"]["limit"]) == ("limit_reached", 2)


def test_tp8_tie_broken_by_clarity_then_registration_time() -> None:
    people = [
        participant("early_orig", "2025-10-02T09:00:00"),
        participant("late_clear", "2025-10-20T09:00:00"),
        participant("x_late", "2025-10-25T09:00:00"),
        participant("y_early", "2025-10-03T09:00:00"),
    ]
    essay = {
        "early_orig": [(5, 2)] * 3,  # 7.00, clarity 2
        "late_clear": [(3, 4)] * 3,  # 7.00, clarity 4 — wins on clarity despite registering later
        "x_late": [(1, 1)] * 3,  # 2.00, clarity 1
        "y_early": [(1, 1)] * 3,  # 2.00, clarity 1 — wins on registration time
    }
    result = rows(tp_case(people, essay, demand={"kostanay": 1}))
    places = {cid: result[cid]["stages"]["essay"]["place"] for cid in essay}
    assert places == {"late_clear": 1, "early_orig": 2, "y_early": 3, "x_late": 4}
    assert result["late_clear"]["stages"]["essay"]["outcome"] == "advanced"
    assert "Четкость" in result["early_orig"]["stages"]["essay"]["tie_break"]["decided_by"]
    assert result["x_late"]["stages"]["essay"]["tie_break"]["fallback"] == "submitted_at"
    assert wording.tie_break(result["x_late"]["stages"]["essay"]["tie_break"]) == (
        "дата и время подачи документов"
    )


def test_tp8_clarity_tie_break_uses_mean_over_ballots_with_abstention() -> None:
    people = [participant("a", "2025-10-02T09:00:00"), participant("b", "2025-10-03T09:00:00")]
    # a: totals 8, 6 → 7.00; clarity (3 + 3) / 2 = 3 (one abstention)
    # b: totals 7, 7, 7 → 7.00; clarity (4 + 3 + 4) / 3 = 3.67
    essay: dict[str, list[tuple[int, int] | None]] = {
        "a": [(5, 3), (3, 3), None],
        "b": [(3, 4), (4, 3), (3, 4)],
    }
    result = rows(tp_case(people, essay, demand={"kostanay": 1}))
    assert result["a"]["stages"]["essay"]["score"] == result["b"]["stages"]["essay"]["score"]
    assert result["b"]["stages"]["essay"]["place"] == 1


def test_tp8_criterion_tie_break_must_name_a_criterion_of_the_sheet() -> None:
    text = (ROOT / "src/rezerv/regulations/tp.yaml").read_text("utf-8")
    broken = text.replace("criterion: clarity", "criterion: style")
    with pytest.raises(InputError) as err:
        parse_regulation(broken.encode(), "tp.yaml")
    assert "'style' is not a criterion of sheet 'essay_sheet'" in str(err.value)


def test_tp8_essay_written_after_registration_closes() -> None:
    events = {"cycle_start": dt.date(2025, 9, 1), "essay_written": dt.date(2025, 10, 30)}
    _, deadline_rows = compute_deadlines(TP, make_calendar(TP), events)
    row = next(r for r in deadline_rows if r.deadline.id == "essay_not_before")
    assert row.date == dt.date(2025, 11, 1)
    assert row.complies is False


# --------------------------------------------------------------------------- quota (TP-5)


def test_tp5_quota_per_territorial_unit_from_demand() -> None:
    people = [participant(f"k{i}", territorial_unit="kostanay") for i in range(3)]
    people += [participant(f"u{i}", territorial_unit="ulytau") for i in range(3)]
    essay = {p["id"]: [(5 - int(p["id"][1]), 3)] * 3 for p in people}
    result = rows(tp_case(people, essay, demand={"kostanay": 2, "ulytau": 1}))
    certified = sorted(cid for cid, row in result.items() if row["outcome"] == "certified")
    assert certified == ["k0", "k1", "u0"]
    assert result["u1"]["stages"]["essay"]["place"] == 2  # places count within the unit
    unmet = result["u1"]["stages"]["essay"]["not_granted"][0]
    assert unmet["params"] == {"limit": 1, "per": "territorial_unit", "group": "ulytau"}
    assert "«ulytau»" in wording.not_granted(unmet)


def test_tp5_unit_without_declared_demand_gets_no_place() -> None:
    people = [participant("a", territorial_unit="abai")]
    result = rows(tp_case(people, {"a": [(5, 5)] * 3}, demand={"kostanay": 3}))
    assert result["a"]["outcome"] == "not_selected"


def test_tp5_demand_submitted_by_20_august() -> None:
    cal = make_calendar(TP)
    for day, ok in ((dt.date(2025, 8, 20), True), (dt.date(2025, 8, 21), False)):
        events = {"cycle_start": dt.date(2025, 9, 1), "demand_submitted": day}
        _, deadline_rows = compute_deadlines(TP, cal, events)
        row = next(r for r in deadline_rows if r.deadline.id == "demand_due")
        assert row.date == dt.date(2025, 8, 20)
        assert row.complies is ok


def test_tp6_announcement_published_before_registration() -> None:
    cal = make_calendar(TP)
    for day, ok in ((dt.date(2025, 9, 30), True), (dt.date(2025, 10, 1), False)):
        events = {"cycle_start": dt.date(2025, 9, 1), "announcement": day}
        _, deadline_rows = compute_deadlines(TP, cal, events)
        row = next(r for r in deadline_rows if r.deadline.id == "announcement_latest")
        assert row.complies is ok
    announcement = next(e for e in TP.events if e.id == "announcement")
    assert "TP-6" in announcement.rules
    assert "темы эссе" in announcement.title


# --------------------------------------------------------------------------- later stages


def test_tp2_stages_in_order() -> None:
    assert [s.id for s in TP.stages] == [
        "registration",
        "essay",
        "training",
        "internship",
        "testing",
    ]


def test_tp10_failed_training_ends_before_internship() -> None:
    result = rows(tp_case([participant("a")], {"a": [(4, 4)] * 3}, fails={"a": "training"}))
    row = result["a"]
    assert (row["outcome"], row["decided_at"]) == ("not_passed", "training")
    assert "internship" not in row["stages"]
    assert "TP-10" in row["reasons"][-1]["rules"]


def test_tp10_internship_starts_after_training() -> None:
    events = {k: dt.date.fromisoformat(v) for k, v in EVENTS.items()}
    events["internship_start"] = dt.date(2026, 2, 20)
    _, deadline_rows = compute_deadlines(TP, make_calendar(TP), events)
    row = next(r for r in deadline_rows if r.deadline.id == "internship_not_before")
    assert row.date == dt.date(2026, 2, 28)
    assert row.complies is False


def test_tp2_failed_internship_review_not_passed() -> None:
    result = rows(tp_case([participant("a")], {"a": [(4, 4)] * 3}, fails={"a": "internship"}))
    assert (result["a"]["outcome"], result["a"]["decided_at"]) == ("not_passed", "internship")
    assert "testing" not in result["a"]["stages"]


def test_tp11_test_within_30_days_of_education_document() -> None:
    people = [
        participant("day30", education_document_date="2026-05-15"),
        participant("day31", education_document_date="2026-05-15"),
        participant("no_diploma"),
    ]
    dates = {"day30": "2026-06-14", "day31": "2026-06-15", "no_diploma": "2026-06-29"}
    essay = {p["id"]: [(4, 4)] * 3 for p in people}
    result = rows(tp_case(people, essay, test_dates=dates))
    assert result["day30"]["outcome"] == result["no_diploma"]["outcome"] == "certified"
    late = result["day31"]
    assert (late["outcome"], late["decided_at"]) == ("not_passed", "testing")
    assert late["reasons"][-1]["rules"] == ["TP-11"]
    assert late["reasons"][-1]["code"] == "method_late"
    assert "тестирование 2026-06-15 позже 2026-06-14" in wording.reason(late["reasons"][-1])
    assert late["stages"]["testing"]["methods"]["legislation_test"]["late"] == {
        "date": "2026-06-15",
        "last": "2026-06-14",
    }
    assert late["stages"]["testing"]["methods"]["legislation_test"]["passed"] is False


def test_tp11_failed_personal_qualities_not_certified() -> None:
    result = rows(
        tp_case([participant("a")], {"a": [(4, 4)] * 3}, fails={"a": "personal_qualities"})
    )
    assert result["a"]["outcome"] == "not_passed"
    assert result["a"]["reasons"][-1]["rules"] == ["TP-11"]


def test_tp11_testing_after_internship() -> None:
    events = {k: dt.date.fromisoformat(v) for k, v in EVENTS.items()}
    events["testing_start"] = dt.date(2026, 4, 24)
    _, deadline_rows = compute_deadlines(TP, make_calendar(TP), events)
    row = next(r for r in deadline_rows if r.deadline.id == "testing_not_before")
    assert row.complies is False


def test_tp12_certificate_valid_one_year_from_handing() -> None:
    case = tp_case([participant("a")], {"a": [(4, 4)] * 3})
    case["events"]["certificates_issued"] = "2026-06-26"
    row = rows(case)["a"]
    assert row["outcome"] == "certified"
    assert row["reserve"] == {"from": "2026-06-26", "until": "2027-06-26", "rules": ["TP-12"]}
    assert "TP-12" in row["reasons"][-1]["rules"]


def test_tp12_no_certificate_without_every_stage() -> None:
    case = tp_case([participant("a")], {"a": [(4, 4)] * 3})
    case["results"] = [r for r in case["results"] if r["method"] != "legislation_test"]
    row = rows(case)["a"]
    assert row["outcome"] == "not_passed"
    assert "reserve" not in row


def test_c6_same_inputs_same_result_whatever_the_order() -> None:
    people = [participant(c, f"2025-10-0{i + 2}T09:00:00") for i, c in enumerate("abc")]
    essay = {"a": [(4, 4)] * 3, "b": [(4, 4)] * 3, "c": [(5, 3)] * 3}
    case = tp_case(people, essay, demand={"kostanay": 2})
    shuffled = copy.deepcopy(case)
    shuffled["candidates"].reverse()
    for ballot in shuffled["ballots"]:
        ballot["rows"] = dict(reversed(list(ballot["rows"].items())))
    assert run(case)["candidates"] == run(shuffled)["candidates"]


def test_tp12_issue9_certificate_validity_follows_the_regulation_not_an_outcome_id() -> None:
    """Issue 9 §1: the engine names no outcome of a regulation. The certificate's validity
    (TP-12) is the term of whichever reserve outcome the file declares, here renamed."""
    path = ROOT / "src" / "rezerv" / "regulations" / "tp.yaml"
    raw = path.read_bytes().replace(b"certified", b"enrolled_in_pool")
    loaded = parse_regulation(raw, "tp-renamed.yaml")
    assert loaded.regulation.reserve is not None
    assert loaded.regulation.reserve.outcomes == ["enrolled_in_pool"]
    case = json.loads((ROOT / "examples" / "tp.json").read_text("utf-8"))
    parsed = parse_case(json.dumps(case, ensure_ascii=False).encode(), "case")
    check_case(loaded.regulation, parsed, "case")
    by = {row["id"]: row for row in evaluate(loaded, parsed)["candidates"]}
    assert by["p1"]["outcome"] == "enrolled_in_pool"
    assert by["p1"]["reserve"]["until"] == "2027-06-30"
    assert by["p1"]["reserve"]["rules"] == ["TP-12"]
