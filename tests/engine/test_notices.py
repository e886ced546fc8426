"""Notices and publications recorded with the date issued and checked against their deadlines
(KM-8, KM-14, KM-20, BR-3, BR-11, BR-16, AK-10), and refusals citing their ground (C-2)."""

from __future__ import annotations

from typing import Any

import pytest

from rezerv import wording
from rezerv.engine.errors import InputError
from rezerv.engine.loader import load_regulation, parse_regulation
from tests.engine.casebuild import ROOT, by_id, example, km_candidate, km_case, run


def notices(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in result["notices"]}


def test_km8_km14_km20_each_notice_is_checked_against_its_deadline() -> None:
    case = example("km")  # stage 2 on Mon 2026-04-20, the competition ends that day
    case["notices"] = [
        {"id": "stage2_list", "issued_on": "2026-04-05"},  # 15 days before: the last day
        {"id": "stage2_invitation", "issued_on": "2026-04-07", "number": "01-12/45"},
        {"id": "results_notice", "issued_on": "2026-04-27"},  # 7 days after the end
    ]
    rows = notices(run("KM", case))
    assert list(rows) == [
        "stage2_list",
        "stage2_invitation",
        "materials_to_members",
        "results_notice",
    ]
    km8 = rows["stage2_list"]
    assert (km8["due"], km8["issued_on"], km8["status"]) == ("2026-04-05", "2026-04-05", "on_time")
    assert km8["rules"] == ["KM-8"] and km8["recipients"] == ["public"]
    late = rows["stage2_invitation"]
    assert (late["status"], late["days_late"], late["number"]) == ("late", 2, "01-12/45")
    assert late["recipients"] == ["admitted_candidates"] and late["limit"] == "latest"
    # KM-14: 3 working days before Monday 20 April: Fri 17, Thu 16, Wed 15
    km14 = rows["materials_to_members"]
    assert (km14["due"], km14["issued_on"], km14["status"]) == ("2026-04-15", None, "not_issued")
    assert km14["rules"] == ["KM-14"]
    assert rows["results_notice"]["status"] == "on_time"
    assert rows["results_notice"]["due"] == "2026-04-27"


def test_km20_due_date_unknown_until_the_competition_ends() -> None:
    case = km_case([km_candidate("a"), km_candidate("b")], {}, {})
    del case["events"]["competition_end"]
    case["notices"] = [{"id": "results_notice", "issued_on": "2026-04-25"}]
    row = notices(run("KM", case))["results_notice"]
    assert (row["due"], row["status"], row["missing_event"]) == (
        None,
        "due_unknown",
        "competition_end",
    )
    assert notices(run("KM", km_case([km_candidate("a")], {}, {})))["results_notice"]["status"] == (
        "not_issued"
    )


def test_br3_br11_br16_letters_and_publication_of_the_reserve() -> None:
    case = example("br")
    case["notices"] = [
        {"id": "refusal_letters", "issued_on": "2026-04-11"},  # review 3 April + 7 = 10 April
        {"id": "reserve_publication", "issued_on": "2026-06-17"},
    ]
    result = run("BR", case)
    rows = notices(result)
    deadlines = {d["id"]: d["date"] for d in result["deadlines"]}
    assert rows["refusal_letters"]["due"] == deadlines["refusal_letter_latest"] == "2026-04-10"
    assert (rows["refusal_letters"]["status"], rows["refusal_letters"]["days_late"]) == ("late", 1)
    assert set(rows["refusal_letters"]["rules"]) == {"BR-11", "C-2"}
    # BR-3: 10 working days from the Head's order of 5 June (12 June, Russia Day, is off)
    assert rows["reserve_publication"]["due"] == deadlines["publication_latest"] == "2026-06-22"
    assert rows["reserve_publication"]["status"] == "on_time"
    assert rows["reserve_publication"]["rules"] == ["BR-3"]
    # BR-16: within a month of the commission's decision (26 May)
    assert rows["results_notice"]["due"] == "2026-06-26"
    assert rows["results_notice"]["status"] == "not_issued"


def test_ak10_the_stage2_list_has_no_term_of_its_own() -> None:
    case = example("ak")
    row = notices(run("AK", case))["stage2_list"]
    assert (row["deadline"], row["due"], row["status"]) == (None, None, "not_issued")
    assert row["rules"] == ["AK-10"]
    case["notices"] = [{"id": "stage2_list", "issued_on": "2020-07-31"}]
    row = notices(run("AK", case))["stage2_list"]
    assert (row["issued_on"], row["status"]) == ("2020-07-31", "due_unknown")


@pytest.mark.parametrize(
    ("records", "path", "reason"),
    [
        ([{"id": "invitation", "issued_on": "2026-04-01"}], "notices[0].id", "unknown notice"),
        (
            [
                {"id": "stage2_list", "issued_on": "2026-04-01"},
                {"id": "stage2_list", "issued_on": "2026-04-02"},
            ],
            "notices[1].id",
            "recorded twice",
        ),
        ([{"id": "stage2_list"}], "notices[0].issued_on", "required field is missing"),
        ([{"id": "stage2_list", "issued_on": "1. April"}], "notices[0].issued_on", "date"),
        ([{"id": "stage2_list", "issued_on": "2140-04-01"}], "notices[0].issued_on", "2140"),
    ],
)
def test_km8_bad_notice_records_are_refused_with_their_place(
    records: list[dict[str, Any]], path: str, reason: str
) -> None:
    case = example("km")
    case["notices"] = records
    with pytest.raises(InputError) as err:
        run("KM", case)
    problems = err.value.problems
    assert any(p.path == path and reason in p.reason for p in problems), problems


def test_km8_a_notice_naming_an_unknown_deadline_is_refused_with_its_line() -> None:
    raw = (ROOT / "src/rezerv/regulations/km.yaml").read_text("utf-8")
    bad = raw.replace("deadline: stage2_notice\n", "deadline: stage2_notise\n", 1)
    with pytest.raises(InputError) as err:
        parse_regulation(bad.encode(), "km.yaml")
    problem = err.value.problems[0]
    assert problem.path == "notices[0].deadline"
    assert "unknown deadline 'stage2_notise'" in problem.reason
    assert problem.line is not None
    assert bad.splitlines()[problem.line - 1].strip() == "deadline: stage2_notise"


def test_every_notice_with_a_term_in_the_rules_is_declared() -> None:
    declared = {
        code: {n.id: n for n in load_regulation(code).regulation.notices}
        for code in ("KM", "BR", "AK")
    }
    assert {r for n in declared["KM"].values() for r in n.rules} == {"KM-8", "KM-14", "KM-20"}
    assert {r for n in declared["BR"].values() for r in n.rules} >= {"BR-3", "BR-11", "BR-16"}
    assert declared["AK"]["stage2_list"].rules == ["AK-10"]


# --------------------------------------------------------------------------- C-2


def test_km6_c2_a_refusal_cites_the_failed_requirement_and_the_ground_for_refusal() -> None:
    rows = by_id(run("KM", km_case([km_candidate("f", citizenship="KZ")], {}, {})))
    refusal = rows["f"]["refusals"][0]
    assert refusal["rules"] == ["KM-1", "KM-6", "C-2"]
    assert refusal["code"] == "requirement_not_met"
    assert "требование" in wording.reason(refusal)


def test_ak6_c2_a_refusal_cites_ak3_and_the_ground_ak6() -> None:
    row = by_id(run("AK", example("ak")))["c8"]
    assert row["outcome"] == "refused"
    assert len(row["refusals"]) == 2
    for refusal in row["refusals"]:
        assert "AK-3" in refusal["rules"] and "AK-6" in refusal["rules"]
