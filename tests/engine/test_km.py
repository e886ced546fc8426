"""KM — the unified competition methodology (Kemerovo region), proved rule by rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from rezerv.engine.calendar import ProductionCalendar
from rezerv.engine.case import parse_case
from rezerv.engine.commission import check_meeting, tally
from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.engine.errors import InputError
from rezerv.engine.loader import load_regulation
from tests.engine.casebuild import (
    add_votes,
    by_id,
    example,
    km_candidate,
    km_case,
    km_members,
    run,
)

KM = load_regulation("KM").regulation
PRESENT7 = ["s1", "s2", "s3", "s4", "e1", "e2", "p1"]


def two_candidates(**extra: Any) -> dict[str, Any]:
    cands = [km_candidate("a"), km_candidate("b")]
    return km_case(cands, {"a": [8] * 7, "b": [6] * 7}, {"a": 45, "b": 40}, **extra)


def all_for(case: dict[str, Any], question: str, candidate: str) -> None:
    add_votes(case, question, candidate, dict.fromkeys(PRESENT7, "for"))


# --------------------------------------------------------------------------- the example


def test_km_example_hand_checked_figures() -> None:
    """examples/km.md derives these by hand (KM-16, KM-19, KM-12, KM-13, KM-5, KM-1)."""
    rows = by_id(run("KM", example("km")))
    assert rows["c1"]["final_score"] == "43.17"  # 9.00 + 49/6 + 26
    assert rows["c2"]["final_score"] == "40.83"  # 8.00 + 53/6 + 24
    assert rows["c3"]["final_score"] == "32.00"  # 7.60 + 32/5 (one abstention) + 18
    assert rows["c7"]["final_score"] == "23.53"  # 7.20 + 26/6 + 12
    assert [rows[c]["place"] for c in ("c1", "c2", "c3", "c7")] == [1, 2, 3, 4]
    assert rows["c1"]["outcome"] == "winner"
    assert rows["c2"]["outcome"] == rows["c3"]["outcome"] == "recommended_for_reserve"
    assert rows["c7"]["outcome"] == "not_selected"
    assert rows["c4"]["outcome"] == "not_passed"
    assert rows["c5"]["outcome"] == rows["c6"]["outcome"] == "refused"
    votes = rows["c3"]["stages"]["competition"]["votes"]["reserve"]
    assert (votes["for"], votes["against"], votes["casting_vote"], votes["adopted"]) == (
        3,
        3,
        True,
        True,
    )


# --------------------------------------------------------------------------- admission


def test_km1_citizenship_age_language_and_qualification_required() -> None:
    cands = [
        km_candidate("ok"),
        km_candidate("foreign", citizenship="KZ"),
        km_candidate(
            "minor", birth_date="2008-03-24"
        ),  # 18 on 2026-03-24, the day after intake_end
        km_candidate("adult", birth_date="2008-03-23"),  # 18 exactly on intake_end
        km_candidate("no_russian", speaks_russian=False),
        km_candidate("unqualified", meets_qualification=False),
    ]
    rows = by_id(run("KM", km_case(cands, {}, {})))
    assert rows["ok"]["admitted"] and rows["adult"]["admitted"]
    for cid in ("foreign", "minor", "no_russian", "unqualified"):
        assert rows[cid]["outcome"] == "refused"
        assert any("KM-1" in r["rules"] for r in rows[cid]["refusals"]), cid
    refusal = rows["minor"]["refusals"][0]
    assert refusal["code"] == "requirement_not_met"
    assert "18 лет" in refusal["params"]["requirement"]


def test_km1_serving_civil_servant_takes_part_on_general_terms() -> None:
    cand = km_candidate("cs")
    cand["route"] = "civil_servant"
    rows = by_id(run("KM", km_case([cand, km_candidate("x")], {}, {})))
    assert rows["cs"]["admitted"]


def test_km1_missing_fact_is_refused_as_unproven_not_crashed() -> None:
    cand = km_candidate("nodate")
    del cand["facts"]["birth_date"]
    row = by_id(run("KM", km_case([cand], {}, {})))["nodate"]
    assert row["outcome"] == "refused"
    assert row["refusals"][0]["code"] == "requirement_unproven"
    assert row["refusals"][0]["params"]["fact"] == "«Дата рождения»"


def test_km5_intake_lasts_21_calendar_days_and_late_documents_are_refused() -> None:
    on_time = km_candidate("on_time")
    on_time["submitted_at"] = "2026-03-23T23:59:00"  # 2026-03-02 + 21 days
    late = km_candidate("late")
    late["submitted_at"] = "2026-03-24T00:01:00"
    rows = by_id(run("KM", km_case([on_time, late], {}, {})))
    assert rows["on_time"]["admitted"]
    assert rows["late"]["outcome"] == "refused"
    assert rows["late"]["refusals"][0]["code"] == "submitted_after_close"
    assert rows["late"]["refusals"][0]["params"] == {
        "submitted": "2026-03-24",
        "closes": "2026-03-23",
    }


def test_km5_c3_incomplete_documents_refused_with_the_missing_titles() -> None:
    cand = km_candidate("c")
    cand["documents"].remove("snils")
    cand["documents"].remove("income_statement")
    row = by_id(run("KM", km_case([cand], {}, {})))["c"]
    assert row["outcome"] == "refused"
    reason = row["refusals"][0]
    assert "KM-5" in reason["rules"]
    assert reason["code"] == "missing_documents"
    missing = "; ".join(reason["params"]["documents"])
    assert "СНИЛС" in missing and "Справка о доходах" in missing


def test_km5_military_id_required_only_for_those_liable() -> None:
    liable = km_candidate("liable", liable_for_military_service=True)
    exempt = km_candidate("exempt", liable_for_military_service=False)
    rows = by_id(run("KM", km_case([liable, exempt], {}, {})))
    assert rows["liable"]["outcome"] == "refused"
    refusal = rows["liable"]["refusals"][0]
    assert refusal["code"] == "missing_documents"
    assert any("военного билета" in d for d in refusal["params"]["documents"])
    assert rows["exempt"]["admitted"]


def test_km6_c2_every_failed_requirement_is_reported_with_its_rule() -> None:
    cand = km_candidate("bad", citizenship="XX", copies_match_originals=False)
    cand["submitted_at"] = "2026-04-01T09:00:00"
    row = by_id(run("KM", km_case([cand], {}, {})))["bad"]
    rules = [r for refusal in row["refusals"] for r in refusal["rules"]]
    assert {"KM-1", "KM-6", "KM-5"} <= set(rules)
    assert len(row["refusals"]) == 3  # late; citizenship; copies do not match originals


def test_c4_no_consent_no_application() -> None:
    cand = km_candidate("nc")
    cand["consent"] = False
    row = by_id(run("KM", km_case([cand, km_candidate("x")], {}, {})))["nc"]
    assert row["outcome"] == "refused"
    assert row["refusals"][0]["rules"] == ["C-4"]


# --------------------------------------------------------------------------- methods and scores


def test_km10_methods_follow_category_and_group() -> None:
    def methods(category: str, group: str) -> list[str]:
        result = run(
            "KM",
            km_case([km_candidate("a"), km_candidate("b")], {}, {}, category=category, group=group),
        )
        stage = next(s for s in result["stages"] if s["id"] == "competition")
        return [m for m in stage["methods"] if m != "self_test"]

    assert methods("leaders", "main") == [
        "test",
        "interview",
        "document_draft",
        "paper",
        "survey",
        "group_discussion",
    ]
    assert methods("specialists", "leading") == [
        "test",
        "interview",
        "document_draft",
        "survey",
        "paper",
    ]
    assert methods("specialists", "senior") == ["test", "interview", "document_draft"]
    assert methods("supporting", "junior") == ["test", "interview"]


def test_km10_position_facts_may_be_given_in_facts_as_the_application_gives_them() -> None:
    def methods(position: dict[str, Any]) -> list[str]:
        case = km_case([km_candidate("a"), km_candidate("b")], {}, {})
        case["campaign"]["position"] = {"title": "Специалист", **position}
        stage = next(s for s in run("KM", case)["stages"] if s["id"] == "competition")
        return [m for m in stage["methods"] if m != "self_test"]

    in_facts = methods({"facts": {"category": "supporting", "group": "junior"}})
    assert in_facts == ["test", "interview"]
    assert methods({"category": "supporting", "facts": {"group": "junior"}}) == in_facts
    case = km_case([km_candidate("a"), km_candidate("b")], {}, {})
    case["campaign"]["position"] = {"category": "leaders", "facts": {"category": "leaders"}}
    with pytest.raises(InputError) as err:
        run("KM", case)
    assert "campaign.position.category: given twice" in str(err.value)
    case["campaign"]["position"] = {"facts": {"category": "chiefs"}}
    with pytest.raises(InputError) as err:
        run("KM", case)
    assert "campaign.position.facts.category: 'chiefs' is not an option" in str(err.value)


def test_km13_test_passes_at_70_percent() -> None:
    cands = [km_candidate("p"), km_candidate("f")]
    case = km_case(cands, {"p": [5] * 7, "f": [9] * 7}, {"p": 35, "f": 34})  # 70 % and 68 %
    rows = by_id(run("KM", case))
    assert rows["p"]["stages"]["competition"]["methods"]["test"]["passed"] is True
    assert rows["f"]["outcome"] == "not_passed"
    assert any("KM-13" in r["rules"] for r in rows["f"]["reasons"])


def test_km13_test_must_have_40_to_60_questions() -> None:
    case = two_candidates()
    case["results"][0]["questions"] = 30
    case["results"][0]["correct"] = 25
    with pytest.raises(InputError) as err:
        run("KM", case)
    assert "40 to 60" in str(err.value) and "KM-13" in str(err.value)


def test_km16_final_score_is_mean_of_members_plus_test_points() -> None:
    cands = [km_candidate("a"), km_candidate("b")]
    case = km_case(cands, {"a": [7, 8, 9, 10, 6, 7, 8], "b": [5] * 7}, {"a": 45, "b": 35})
    row = by_id(run("KM", case))["a"]
    interview = Decimal(7 + 8 + 9 + 10 + 6 + 7 + 8) / 7
    test_points = Decimal(45) / 50 * 10
    expected = (interview.quantize(Decimal("0.01")) + test_points).quantize(Decimal("0.01"))
    assert Decimal(row["final_score"]) == expected
    assert row["max_score"] == "20"


def test_km7_self_test_never_counts_nor_refuses() -> None:
    case = two_candidates()
    case["results"].append(
        {"stage": "competition", "method": "self_test", "candidate": "a", "passed": False}
    )
    all_for(case, "winner", "a")
    base = by_id(run("KM", two_candidates()))["a"]["final_score"]
    row = by_id(run("KM", case))["a"]
    assert row["final_score"] == base
    assert row["outcome"] == "winner"


def test_km15_no_winner_without_interview() -> None:
    cands = [km_candidate("a"), km_candidate("b")]
    case = km_case(cands, {"b": [6] * 7}, {"a": 50, "b": 40})  # a was not interviewed
    all_for(case, "winner", "a")
    all_for(case, "winner", "b")
    rows = by_id(run("KM", case))
    assert rows["a"]["place"] == 1 or rows["a"]["outcome"] != "winner"
    assert rows["a"]["outcome"] != "winner"
    assert any(
        n["code"] == "method_not_held" and "собеседование" in n["params"]["method"].lower()
        for n in rows["a"]["stages"]["competition"]["not_granted"]
    )
    assert rows["b"]["outcome"] == "winner"


def test_km15_ballot_records_score_and_optional_reason() -> None:
    case = two_candidates()
    case["ballots"][0]["rows"]["a"] = {"points": 9, "reason": "Сильные ответы"}
    row = by_id(run("KM", case))["a"]
    assert row["stages"]["competition"]["methods"]["interview"]["ballots"] == 7


# --------------------------------------------------------------------------- meeting and vote


def test_km12_quorum_two_thirds_of_members() -> None:
    members = km_members()  # 7 members
    case = two_candidates(present=["s1", "s2", "s3", "e1"])  # 4 of 7 < ceil(14/3) = 5
    result = run("KM", case)
    meeting = result["meetings"][0]
    assert (meeting["valid"], meeting["present"], meeting["members"], meeting["quorum"]) == (
        False,
        4,
        7,
        5,
    )
    assert any("KM-12" in r["rules"] for r in meeting["reasons"])
    rule = KM.commission_rule("competition_commission")
    from rezerv.engine.case import Commission, Member

    com = Commission("c", rule.id, ["competition"], [Member(**m) for m in members])
    assert check_meeting(rule, com, ["s1", "s2", "s3", "e1", "e2"]).valid


def test_km12_meeting_of_civil_servants_only_is_not_allowed() -> None:
    case = two_candidates(present=[*["s1", "s2", "s3", "s4", "s1"][:4]])
    members = km_members(n_servants=6, n_independent=1, n_public=1)
    case = two_candidates(members=members, present=["s1", "s2", "s3", "s4", "s5", "s6"])
    meeting = run("KM", case)["meetings"][0]
    assert not meeting["valid"]
    assert any(r["code"] == "civil_servants_only" for r in meeting["reasons"])


def test_km12_decision_needs_simple_majority_of_present_and_chair_breaks_tie() -> None:
    rule = KM.commission_rule("competition_commission")
    chair = {"s1"}
    passed = tally(
        rule,
        7,
        [("s1", "for"), ("s2", "for"), ("s3", "for"), ("e1", "for"), ("e2", "against")],
        chair,
    )
    assert passed.adopted and not passed.casting_vote
    assert (passed.reason.code, passed.reason.params) == (
        "vote_majority",
        {"votes_for": 4, "base": 7},
    )
    short = tally(
        rule,
        7,
        [("s1", "for"), ("s2", "for"), ("s3", "for"), ("e1", "against"), ("e2", "abstain")],
        chair,
    )
    assert not short.adopted  # 3 of 7 present is not a majority
    assert short.reason.code == "vote_no_majority"
    tie_for = tally(
        rule,
        7,
        [("s1", "for"), ("s2", "for"), ("s3", "against"), ("e1", "against"), ("e2", "abstain")],
        chair,
    )
    assert tie_for.adopted and tie_for.casting_vote
    assert tie_for.reason.code == "vote_casting" and tie_for.reason.params["chair"] == "for"
    tie_against = tally(
        rule, 6, [("s1", "against"), ("s2", "for"), ("s3", "for"), ("e1", "against")], chair
    )
    assert not tie_against.adopted and tie_against.casting_vote
    assert tie_against.reason.params == {"votes_for": 2, "against": 2, "chair": "against"}


def test_km12_no_decision_at_an_inquorate_meeting() -> None:
    case = two_candidates(present=["s1", "s2", "e1"])
    add_votes(case, "winner", "a", {"s1": "for", "s2": "for", "e1": "for"})
    row = by_id(run("KM", case))["a"]
    assert row["outcome"] == "pending"
    assert row["stages"]["competition"]["outcome"] == "pending"
    assert any(
        "KM-12" in r["rules"]
        and r["code"] == "meeting_invalid"
        and r["params"]["reason"]["code"] == "no_quorum"
        for r in row["stages"]["competition"]["pending"]
    )


def test_km2_independent_experts_make_a_quarter_of_the_commission() -> None:
    members = km_members(n_servants=7, n_independent=1, n_public=1)  # 2 of 9 < 1/4
    meeting = run(
        "KM", two_candidates(members=members, present=["s1", "s2", "s3", "s4", "s5", "e1", "p1"])
    )["meetings"][0]
    assert not meeting["valid"]
    assert any(
        "KM-2" in r["rules"]
        and r["code"] == "commission_independent_share"
        and r["params"] == {"independent": 2, "members": 9, "share": "1/4"}
        for r in meeting["reasons"]
    )


def test_km17_decision_records_attendance_absent_members_rating_and_votes() -> None:
    result = run("KM", example("km"))
    meeting = result["meetings"][0]
    assert meeting["present"] == 6 and meeting["members"] == 7
    assert meeting["absent"] == ["Егорова Наталья Михайловна"]
    winner = by_id(result)["c1"]
    assert winner["stages"]["competition"]["votes"]["winner"]["for"] == 4
    assert winner["place"] == 1 and winner["final_score"] == "43.17"


# --------------------------------------------------------------------------- reserve


def test_km19_reserve_needs_half_of_max_score() -> None:
    cands = [km_candidate("w"), km_candidate("half"), km_candidate("below")]
    # max 20: half = 5.00 (test 25/50 fails KM-13, so use 35/50 = 7.00 and interview)
    case = km_case(
        cands,
        {"w": [9] * 7, "half": [3] * 7, "below": [2] * 7},
        {"w": 50, "half": 35, "below": 35},
    )
    all_for(case, "winner", "w")
    all_for(case, "reserve", "half")
    all_for(case, "reserve", "below")
    rows = by_id(run("KM", case))
    assert rows["half"]["final_score"] == "10.00"  # exactly 50 % of 20
    assert rows["half"]["outcome"] == "recommended_for_reserve"
    assert rows["below"]["final_score"] == "9.00"
    assert rows["below"]["outcome"] == "not_selected"
    assert any(
        n["code"] == "below_percent_of_max"
        and n["params"] == {"score": "9.00", "percent": "50", "top": "20"}
        for n in rows["below"]["stages"]["competition"]["not_granted"]
    )


def test_km18_reserve_only_with_the_candidates_consent() -> None:
    case = two_candidates()
    case["candidates"][1]["consents"] = []
    all_for(case, "winner", "a")
    all_for(case, "reserve", "b")
    row = by_id(run("KM", case))["b"]
    assert row["outcome"] == "not_selected"
    assert any(
        n["code"] == "no_candidate_consent" and n["outcome"] == "recommended_for_reserve"
        for n in row["stages"]["competition"]["not_granted"]
    )
    case["candidates"][1]["consents"] = ["reserve"]
    row = by_id(run("KM", case))["b"]
    assert row["outcome"] == "recommended_for_reserve"
    assert row["reserve"] == {"from": "2026-04-20", "until": "2029-04-20", "rules": ["KM-18"]}


def test_km3_reserve_competition_without_vacancy_recommends_to_reserve() -> None:
    case = two_candidates(vacancies=0)
    all_for(case, "reserve", "a")
    all_for(case, "reserve", "b")
    rows = by_id(run("KM", case))
    assert rows["a"]["outcome"] == rows["b"]["outcome"] == "recommended_for_reserve"


def test_km9_repeat_competition_flagged_when_no_winner() -> None:
    case = two_candidates()  # no vote on a winner at all
    stage = next(s for s in run("KM", case)["stages"] if s["id"] == "competition")
    assert stage["repeat_competition"] == {
        "rules": ["KM-9"],
        "code": "repeat_competition",
        "params": {"outcome": "победитель"},
    }
    all_for(case, "winner", "a")
    stage = next(s for s in run("KM", case)["stages"] if s["id"] == "competition")
    assert "repeat_competition" not in stage


def test_km11_procedures_need_two_candidates() -> None:
    case = km_case([km_candidate("alone"), km_candidate("late")], {"alone": [9] * 7}, {"alone": 50})
    case["candidates"][1]["submitted_at"] = "2026-04-01T10:00:00"
    row = by_id(run("KM", case))["alone"]
    assert row["outcome"] == "procedure_not_held"
    assert row["reasons"][0]["rules"] == ["KM-11"]


# --------------------------------------------------------------------------- calendar


def _deadlines(**events: str) -> dict[str, dict[str, Any]]:
    given = {k: dt.date.fromisoformat(v) for k, v in events.items()}
    _, rows = compute_deadlines(KM, make_calendar(KM), given)
    return {row.deadline.id: row.as_json() for row in rows}


def test_km8_stage2_within_30_days_and_notice_15_days_before() -> None:
    rows = _deadlines(announcement="2026-03-02", stage2="2026-04-20")
    assert rows["intake_end"]["date"] == "2026-03-23"
    assert rows["stage2_latest"]["date"] == "2026-04-22"
    assert rows["stage2_latest"]["complies"] is True
    assert rows["stage2_notice"]["date"] == "2026-04-05"
    late = _deadlines(announcement="2026-03-02", stage2="2026-04-23")
    assert late["stage2_latest"]["complies"] is False


def test_km14_materials_three_working_days_before_meeting_over_may_holidays() -> None:
    # Meeting on Tuesday 2026-05-12: 11 May is a day off (Victory Day observed), so three
    # working days before fall back past the weekend.
    cal = ProductionCalendar("RU")
    expected = cal.add_working_days(dt.date(2026, 5, 12), -3)
    rows = _deadlines(announcement="2026-04-01", stage2="2026-05-12")
    assert rows["materials_to_members"]["date"] == expected.isoformat()
    assert cal.working_days_between(expected, dt.date(2026, 5, 12)) == 3


def test_km20_results_within_7_days_and_km21_documents_kept_3_years() -> None:
    rows = _deadlines(announcement="2026-03-02", competition_end="2026-04-20")
    assert rows["results_notice"]["date"] == "2026-04-27"
    retention = run("KM", example("km"))["retention"][0]
    assert retention["until"] == "2029-04-20"
    assert retention["then"] == "return_or_destroy"
    assert set(retention["rules"]) == {"KM-21", "C-7"}


# --------------------------------------------------------------------------- written works


def test_km22_paper_is_anonymous_with_four_criteria() -> None:
    sheet = KM.sheet("paper_sheet")
    assert sheet.anonymous
    assert [c.id for c in sheet.criteria] == ["formatting", "topic", "analysis", "feasibility"]


def test_km23_document_draft_is_anonymous_with_six_criteria_and_scored() -> None:
    sheet = KM.sheet("draft_sheet")
    assert sheet.anonymous and len(sheet.criteria) == 6
    rows = by_id(run("KM", example("km")))
    draft = rows["c1"]["stages"]["competition"]["methods"]["document_draft"]
    assert (draft["score"], draft["max"]) == ("26.00", "30")


def test_c5_score_outside_the_sheet_is_refused_with_place() -> None:
    case = two_candidates()
    case["ballots"][2]["rows"]["b"] = 11
    with pytest.raises(InputError) as err:
        run("KM", case)
    assert "ballots[2].rows.b" in str(err.value)
    assert "outside the range 0–10" in str(err.value)


def test_c6_result_records_regulation_version_and_hash() -> None:
    result = run("KM", example("km"))
    again = run("KM", example("km"))
    assert result == again
    assert result["regulation"]["version"] == KM.version
    assert len(result["regulation"]["sha256"]) == 64


def test_parse_case_rejects_unknown_fields() -> None:
    with pytest.raises(InputError) as err:
        parse_case(b'{"candidates": [], "colour": 1}', "x.json")
    assert "colour" in str(err.value) and "unknown field" in str(err.value)
