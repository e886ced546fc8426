"""AK — the republican contest «Лучший сельский аким» (2020), proved rule by rule.

Cases are built small in each test: every oblast of the case gets a regional commission of
9 members and a secretary, the republican commission has the same make-up; a member's sheet
is given by its total and spread over the sheet's criteria.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from decimal import Decimal
from typing import Any

import pytest

from rezerv import wording
from rezerv.engine.case import check_case, parse_case
from rezerv.engine.commission import check_meeting, tally
from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.engine.errors import InputError
from rezerv.engine.evaluate import evaluate
from rezerv.engine.loader import load_regulation
from tests.engine.casebuild import by_id, example, run

LOADED = load_regulation("AK")
AK = LOADED.regulation

PROJECT = [c.id for c in AK.sheet("preselection_sheet").criteria if not c.derived]
SURVEY = [c.id for c in AK.sheet("survey_sheet").criteria]
ESSAY = [c.id for c in AK.sheet("essay_sheet").criteria]
DEFENCE = [c.id for c in AK.sheet("republican_sheet").criteria if not c.derived]
DOCS = [
    "application",
    "id_copy",
    "service_record",
    "questionnaire",
    "socio_economic_indicators",
    "project_presentation",
    "project_video",
]
# A questionnaire worth 0 points on appendix 3: civil service under 1 year, no lines ticked.
ZERO_Q: dict[str, Any] = {
    "civil_service_years": 0,
    "languages": [],
    "awards": [],
    "development": [],
    "training": [],
    "practice": [],
}


# --------------------------------------------------------------------------- builders


def spread(criteria: list[str], total: int) -> dict[str, int]:
    """A sheet whose points add up to ``total`` (each criterion at most 10)."""
    q, r = divmod(total, len(criteria))
    values = [q + 1 if i < r else q for i in range(len(criteria))]
    assert max(values) <= 10, total
    return dict(zip(criteria, values, strict=True))


def akim(cid: str, oblast: str = "akmola", district: str = "d1", **facts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "oblast": oblast,
        "district": district,
        "settlement": "Сельский округ",
        "post": "rural_district_akim",
        "akim_service_months": 24,
        "administrative_penalty_outstanding": False,
        "disciplinary_penalty_outstanding": False,
        "video_minutes": 4,
        "essay_pages": 3,
        "project_budget_tenge": 4_000_000,
        **ZERO_Q,
    }
    base.update(facts)
    return {
        "id": cid,
        "name": f"Аким {cid}",
        "submitted_at": "2020-06-01T10:00:00",
        "consent": True,
        "documents": list(DOCS),
        "facts": base,
    }


def members(prefix: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [
        {"id": f"{prefix}_m{k}", "role": "chair" if k == 1 else "member"} for k in range(1, 10)
    ]
    out.append({"id": f"{prefix}_sec", "role": "secretary"})
    return out


def ak_case(
    akims: list[dict[str, Any]],
    *,
    pre: dict[str, int] | None = None,
    essay: dict[str, int] | None = None,
    survey: dict[str, int] | None = None,
    defence: dict[str, int] | None = None,
    scorers: int = 9,
    events: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A case: sheet totals per akim given by every one of the first ``scorers`` members."""
    oblast_of = {a["id"]: a["facts"]["oblast"] for a in akims}
    oblasts = sorted(set(oblast_of.values()))
    commissions = [
        {
            "id": f"reg_{o}",
            "rule": "regional_commission",
            "scope": o,
            "stages": ["intake", "preselection", "regional_interview"],
            "members": members(o),
        }
        for o in oblasts
    ]
    commissions.append(
        {
            "id": "rep",
            "rule": "republican_commission",
            "stages": ["republican"],
            "members": members("rep"),
        }
    )
    ballots: list[dict[str, Any]] = []
    for stage, method, crit, table in (
        ("preselection", "preselection", PROJECT, pre or {}),
        ("regional_interview", "essay", ESSAY, essay or {}),
    ):
        for o in oblasts:
            rows = {c: spread(crit, t) for c, t in table.items() if oblast_of[c] == o}
            if rows:
                for k in range(1, scorers + 1):
                    ballots.append(
                        {
                            "stage": stage,
                            "method": method,
                            "member": f"{o}_m{k}",
                            "rows": copy.deepcopy(rows),
                        }
                    )
    if defence:
        rows = {c: spread(DEFENCE, t) for c, t in defence.items()}
        for k in range(1, scorers + 1):
            ballots.append(
                {
                    "stage": "republican",
                    "method": "defence",
                    "member": f"rep_m{k}",
                    "rows": copy.deepcopy(rows),
                }
            )
    results = [
        {
            "stage": "regional_interview",
            "method": "survey",
            "candidate": c,
            "points": spread(SURVEY, t),
        }
        for c, t in (survey or {}).items()
    ]
    return {
        "regulation": "AK",
        "campaign": {"id": "t", "title": "Тест"},
        "events": events if events is not None else {"announcement": "2020-05-25"},
        "commissions": commissions,
        "candidates": akims,
        "ballots": ballots,
        "results": results,
    }


def parsed(case: dict[str, Any]) -> Any:
    return parse_case(json.dumps(case, ensure_ascii=False).encode(), "case")


def reasons(row: dict[str, Any]) -> list[str]:
    """The reasons as the Russian documents word them (``rezerv.wording``)."""
    return [wording.reason(r) for r in row["refusals"] + row["reasons"]]


# --------------------------------------------------------------------------- the example


def test_ak_example_hand_checked_figures() -> None:
    """examples/ak.md derives these by hand (AK-1, AK-2, AK-3, AK-7..AK-11, AK-13)."""
    result = run("AK", example("ak"))
    rows = by_id(result)
    pre = {c: rows[c]["stages"]["preselection"]["score"] for c in rows if c != "c8"}
    # 7 members × (appendix 3 + project sheet)
    assert pre == {
        "c1": "708.00",  # 7 × 16 + 596
        "c2": "638.00",  # 7 × 11 + 561
        "c3": "595.00",  # 7 × 9 + 532
        "c4": "595.00",  # 7 × 9 + 532
        "c5": "728.00",  # 7 × 16 + 616
        "c6": "693.00",  # 7 × 15 + 588
        "c7": "511.00",  # 7 × 5 + 476
    }
    assert rows["c1"]["stages"]["preselection"]["max"] == "1161"  # 9 × (29 + 100)
    # AK-8: c3 and c4 tie; equal complex projects, c3 has the trilingual line
    c4 = rows["c4"]["stages"]["preselection"]
    assert c4["tie_break"]["after"] == "c3"
    assert c4["tie_break"]["decided_by"].startswith("владение государственным")
    assert (rows["c3"]["stages"]["preselection"]["place"], c4["place"]) == (3, 4)
    # AK-7: the fourth akim of Tselinograd district is not nominated
    assert c4["outcome"] == "not_selected" and rows["c4"]["outcome"] == "not_selected"
    assert rows["c3"]["stages"]["preselection"]["outcome"] == "nominee"
    # AK-9: essay of 4 pages
    assert rows["c2"]["outcome"] == "not_passed"
    interview = {
        c: rows[c]["stages"]["regional_interview"]["score"] for c in ("c1", "c3", "c5", "c6", "c7")
    }
    assert interview == {
        "c1": "1397.00",  # 708 + 128 + 561
        "c3": "1198.00",  # 595 + 113 + 490
        "c5": "1390.00",  # 728 + 130 + 532
        "c6": "1396.00",  # 693 + 129 + 574
        "c7": "1078.00",  # 511 + 112 + 455
    }
    # AK-10: one per oblast
    assert rows["c1"]["stages"]["regional_interview"]["outcome"] == "advanced"
    assert rows["c6"]["stages"]["regional_interview"]["outcome"] == "advanced"
    assert rows["c5"]["outcome"] == rows["c3"]["outcome"] == rows["c7"]["outcome"] == "not_selected"
    # AK-11: 7 × (entered + stage-1 total / 2221 × 10)
    assert rows["c6"]["final_score"] == "709.00"  # 7 × 95 + 7 × 13960/2221
    assert rows["c1"]["final_score"] == "695.03"  # 7 × 93 + 7 × 13970/2221
    assert (rows["c6"]["place"], rows["c1"]["place"]) == (1, 2)
    assert rows["c6"]["outcome"] == rows["c1"]["outcome"] == "winner"
    # AK-3: both failed requirements are listed
    assert rows["c8"]["outcome"] == "refused"
    assert len(rows["c8"]["refusals"]) == 2
    meetings = {m["id"]: m["valid"] for m in result["meetings"]}
    assert meetings["trk_pre_1"] is False
    assert all(v for k, v in meetings.items() if k != "trk_pre_1")


# --------------------------------------------------------------------------- AK-1, C-1


def test_ak1_c1_two_stages_regional_then_republican_each_owned_by_a_commission() -> None:
    assert [s.id for s in AK.stages] == [
        "intake",
        "preselection",
        "regional_interview",
        "republican",
    ]
    for stage in AK.stages:
        assert stage.owner == "commission" and stage.commission is not None
    assert AK.stage("regional_interview").commission == "regional_commission"
    assert AK.commission_rule("regional_commission").scope == "oblast"
    assert AK.stage("republican").commission == "republican_commission"


def test_ak1_three_winners_of_four_finalists() -> None:
    oblasts = ["abai", "akmola", "aktobe", "almaty"]
    akims = [akim(f"k{i}", oblast=oblasts[i - 1], district=f"d{i}") for i in range(1, 5)]
    case = ak_case(
        akims,
        pre={f"k{i}": 50 for i in range(1, 5)},
        essay={f"k{i}": 50 for i in range(1, 5)},
        defence={"k1": 60, "k2": 90, "k3": 70, "k4": 80},
    )
    rows = by_id(run("AK", case))
    assert [rows[k]["outcome"] for k in ("k2", "k4", "k3", "k1")] == [
        "winner",
        "winner",
        "winner",
        "not_selected",
    ]
    assert [rows[k]["place"] for k in ("k2", "k4", "k3", "k1")] == [1, 2, 3, 4]
    assert "исчерпан лимит (3)" in wording.not_granted(
        rows["k1"]["stages"]["republican"]["not_granted"][0]
    )


# --------------------------------------------------------------------------- AK-2


def _commission(n_members: int = 9) -> Any:
    case = ak_case([akim("a")])
    people = [m for m in members("akmola") if m["role"] != "secretary"][:n_members]
    case["commissions"][0]["members"] = [*people, {"id": "akmola_sec", "role": "secretary"}]
    return parsed(case).commissions[0]


def test_ak2_meeting_of_6_of_9_is_valid_5_of_9_is_not() -> None:
    rule = AK.commission_rule("regional_commission")
    com = _commission()
    six = [f"akmola_m{k}" for k in range(1, 7)]
    check = check_meeting(rule, com, six)
    assert check.valid and (check.present, check.total, check.needed) == (6, 9, 6)
    # the secretary is not a member: five members and the secretary are no quorum
    check = check_meeting(rule, com, [*six[:5], "akmola_sec"])
    assert not check.valid and check.present == 5
    assert check.reasons[0].rules == ("AK-2",)
    assert check.reasons[0].code == "no_quorum"
    assert check.reasons[0].params == {"present": 5, "members": 9, "needed": 6, "share": "2/3"}
    assert "не менее 6 (2/3)" in wording.reason(check.reasons[0])
    republican = AK.commission_rule("republican_commission")
    assert check_meeting(republican, com, six).valid


def test_ak2_commission_of_eight_members_is_not_properly_composed() -> None:
    rule = AK.commission_rule("regional_commission")
    com = _commission(8)
    check = check_meeting(rule, com, [f"akmola_m{k}" for k in range(1, 9)])
    assert not check.valid
    assert any(r.code == "commission_size" and r.params["size"] == 9 for r in check.reasons)
    assert any("требуется 9" in wording.reason(r) for r in check.reasons)


def test_ak2_tied_vote_goes_the_chairs_way() -> None:
    rule = AK.commission_rule("regional_commission")
    chair = {"m1"}
    votes = [("m1", "for"), ("m2", "for"), ("m3", "for"), ("m4", "for")]
    votes += [("m5", "against"), ("m6", "against"), ("m7", "against"), ("m8", "against")]
    outcome = tally(rule, 8, votes, chair)
    assert outcome.adopted and outcome.casting_vote
    flipped = [(m, "against" if v == "for" else "for") for m, v in votes]
    outcome = tally(rule, 8, flipped, chair)
    assert not outcome.adopted and outcome.casting_vote


def test_ak2_ak7_preselection_is_the_sum_of_the_members_sheets() -> None:
    """Every present member's sheet: appendix 3 from facts plus the member's project points."""
    a = akim("a", civil_service_years=12, languages=["state"])  # appendix 3: 2 + 3 = 5
    case = ak_case([a], pre={"a": 73}, scorers=7)
    case["ballots"][0]["rows"]["a"] = spread(PROJECT, 80)  # one member gives 80, six give 73
    row = by_id(run("AK", case))["a"]
    method = row["stages"]["preselection"]["methods"]["preselection"]
    assert method["ballots"] == 7
    assert Decimal(method["score"]) == 7 * 5 + 6 * 73 + 80
    assert method["max"] == "1161"  # the full commission of 9: 9 × (29 + 100)


# --------------------------------------------------------------------------- AK-3, C-2


def test_ak3_c2_refusals_name_the_failed_requirement() -> None:
    cases = [
        akim("ok"),
        akim("year", akim_service_months=12),
        akim("short", akim_service_months=11),
        akim("admin", administrative_penalty_outstanding=True),
        akim("disc", disciplinary_penalty_outstanding=True),
    ]
    rows = by_id(run("AK", ak_case(cases)))
    assert rows["ok"]["admitted"] and rows["year"]["admitted"]
    expected = {
        "short": "стаж государственной службы на должности акима не менее одного года",
        "admin": "отсутствие не снятых административных взысканий",
        "disc": "отсутствие не снятых дисциплинарных взысканий",
    }
    for cid, text in expected.items():
        row = rows[cid]
        assert row["outcome"] == "refused", cid
        assert len(row["refusals"]) == 1, cid
        assert text in wording.reason(row["refusals"][0]), cid
        assert "AK-3" in row["refusals"][0]["rules"]


def test_ak3_one_facts_item2_a_city_akim_or_an_unknown_service_is_an_input_error() -> None:
    """The post is a choice of the regulation (AK-3) and the service months are required: a
    case giving another post, or no service, is refused with the place, not evaluated."""
    case = ak_case(
        [akim("ok"), akim("city", post="city_akim"), akim("unknown", akim_service_months=None)]
    )
    with pytest.raises(InputError) as err:
        run("AK", case)
    found = {p.path: p.reason for p in err.value.problems}
    assert "'city_akim' is not an option of fact 'post'" in found["candidates[1].facts.post"]
    assert "required fact not given" in found["candidates[2].facts.akim_service_months"]


# --------------------------------------------------------------------------- AK-4


def test_ak4_every_nominator_is_an_entry_route() -> None:
    routes = ["default", "local_executive_body", "central_body_territorial_unit"]
    routes.append("local_public_organisation")
    akims = []
    for i, route in enumerate(routes):
        a = akim(f"r{i}")
        a["route"] = route
        akims.append(a)
    rows = by_id(run("AK", ak_case(akims)))
    assert all(rows[f"r{i}"]["admitted"] for i in range(4))
    bad = akim("x")
    bad["route"] = "political_party"
    with pytest.raises(InputError, match="unknown entry route"):
        run("AK", ak_case([bad]))


# --------------------------------------------------------------------------- AK-5, AK-6, C-3


def test_ak5_ak6_intake_ends_three_weeks_after_the_announcement() -> None:
    on_time, late = akim("on_time"), akim("late")
    on_time["submitted_at"] = "2020-06-15T18:00:00"
    late["submitted_at"] = "2020-06-16T09:00:00"
    result = run("AK", ak_case([on_time, late]))
    dates = {d["id"]: d["date"] for d in result["deadlines"]}
    assert dates["intake_end"] == "2020-06-15"  # 25 May + 21 days
    rows = by_id(result)
    assert rows["on_time"]["admitted"]
    assert rows["late"]["outcome"] == "refused"
    assert "после окончания приёма 2020-06-15" in wording.reason(rows["late"]["refusals"][0])
    assert "AK-6" in rows["late"]["refusals"][0]["rules"]


def test_ak5_c3_incomplete_documents_and_long_video_refused() -> None:
    no_video = akim("no_video")
    no_video["documents"].remove("project_video")
    no_record = akim("no_record")
    no_record["documents"].remove("service_record")
    long_video = akim("long_video", video_minutes=5.5)
    five = akim("five", video_minutes=5)
    rows = by_id(run("AK", ak_case([no_video, no_record, long_video, five])))
    assert rows["five"]["admitted"]
    assert "видеоролик" in wording.reason(rows["no_video"]["refusals"][0])
    assert "Послужной список" in wording.reason(rows["no_record"]["refusals"][0])
    assert rows["no_record"]["refusals"][0]["rules"] == ["AK-5", "AK-6", "C-2"]
    assert "не более 5 минут" in wording.reason(rows["long_video"]["refusals"][0])
    assert "AK-5" in rows["long_video"]["refusals"][0]["rules"]


def test_ak6_document_check_within_ten_calendar_days_of_the_intake_end() -> None:
    calendar = make_calendar(AK)
    given = {"announcement": dt.date(2020, 5, 25), "documents_checked": dt.date(2020, 6, 26)}
    _, rows = compute_deadlines(AK, calendar, given)
    check = next(r for r in rows if r.deadline.id == "document_check_end")
    assert check.date == dt.date(2020, 6, 25)  # 15 June + 10 calendar days
    assert check.complies is False
    given["documents_checked"] = dt.date(2020, 6, 25)
    _, rows = compute_deadlines(AK, calendar, given)
    assert next(r for r in rows if r.deadline.id == "document_check_end").complies is True


def test_ak12_a_campaign_gives_its_own_date_for_a_deadline_the_edition_fixes() -> None:
    calendar = make_calendar(AK)
    given = {"announcement": dt.date(2027, 5, 15), "preselection_latest": dt.date(2027, 7, 3)}
    known, rows = compute_deadlines(AK, calendar, given)
    by_id_ = {r.deadline.id: r.date for r in rows}
    assert by_id_["preselection_latest"] == dt.date(2027, 7, 3)
    assert by_id_["interviews_latest"] == dt.date(2027, 7, 30)  # not given: the edition's day
    assert known["preselection_latest"] == dt.date(2027, 7, 3)


# --------------------------------------------------------------------------- AK-7


def test_ak7_at_most_three_akims_of_a_district_are_nominated() -> None:
    akims = [akim(f"d1_{i}", district="d1") for i in range(1, 5)]
    akims.append(akim("d2_1", district="d2"))
    pre = {"d1_1": 90, "d1_2": 80, "d1_3": 70, "d1_4": 60, "d2_1": 10}
    rows = by_id(run("AK", ak_case(akims, pre=pre)))
    outcome = {c: rows[c]["stages"]["preselection"]["outcome"] for c in pre}
    assert outcome == {
        "d1_1": "nominee",
        "d1_2": "nominee",
        "d1_3": "nominee",
        "d1_4": "not_selected",
        "d2_1": "nominee",  # the lowest score of all, but first of its district
    }
    assert rows["d2_1"]["stages"]["preselection"]["place"] == 1
    unmet = rows["d1_4"]["stages"]["preselection"]["not_granted"][0]
    assert (unmet["code"], unmet["params"]) == (
        "limit_reached",
        {"limit": 3, "per": "district", "group": "d1"},
    )
    assert "исчерпан лимит (3) для district «d1»" in wording.not_granted(unmet)


# --------------------------------------------------------------------------- AK-8

TIE_LINKS = [
    # facts of x, facts of y, project points per member of x and y, winner, deciding link
    (
        {"complex_projects": 3},
        {"complex_projects": 2},
        (60, 60),
        "x",
        "реализация сложных проектов",
    ),
    (
        # appendix 3: x 3 points, y 3 + 2; x's project makes up the difference
        {"complex_projects": 2, "languages": ["state"]},
        {"complex_projects": 2, "languages": ["state", "state_russian_english"]},
        (62, 60),
        "y",
        "владение государственным, русским и английским языками",
    ),
    (
        {"complex_projects": 1, "openness_events": 90},
        {"complex_projects": 1, "openness_events": 120},
        (60, 60),
        "y",
        "наибольшая «открытость» для населения",
    ),
    (
        {"complex_projects": 1, "openness_events": 90, "substantiated_complaints": 0},
        {"complex_projects": 1, "openness_events": 90, "substantiated_complaints": 2},
        (60, 60),
        "x",
        "наименьшее количество обоснованных жалоб граждан",
    ),
]


@pytest.mark.parametrize(("fx", "fy", "points", "winner", "link"), TIE_LINKS)
def test_ak8_tie_break_chain_decides_the_last_nomination(
    fx: dict[str, Any], fy: dict[str, Any], points: tuple[int, int], winner: str, link: str
) -> None:
    x, y = akim("x", **fx), akim("y", **fy)
    # y applied first: the fallback on submission time would favour y
    x["submitted_at"], y["submitted_at"] = "2020-06-05T10:00:00", "2020-06-01T10:00:00"
    others = [akim("a"), akim("b")]
    pre = {"a": 90, "b": 80, "x": points[0], "y": points[1]}
    rows = by_id(run("AK", ak_case([*others, x, y], pre=pre)))
    loser = "y" if winner == "x" else "x"
    score = {c: rows[c]["stages"]["preselection"]["score"] for c in ("x", "y")}
    assert score["x"] == score["y"]
    assert rows[winner]["stages"]["preselection"]["outcome"] == "nominee"
    assert rows[loser]["stages"]["preselection"]["outcome"] == "not_selected"
    tie = rows[loser]["stages"]["preselection"]["tie_break"]
    assert (tie["after"], tie["decided_by"], tie["rules"]) == (winner, link, ["AK-8"])


# --------------------------------------------------------------------------- AK-9


def test_ak9_interview_adds_survey_and_essay_to_the_preselection_score() -> None:
    a = akim("a", civil_service_years=3)  # appendix 3: 1
    case = ak_case([a], pre={"a": 70}, essay={"a": 65}, survey={"a": 120})
    case["results"].append(
        {"stage": "regional_interview", "method": "ethics", "candidate": "a", "passed": False}
    )
    entry = by_id(run("AK", case))["a"]["stages"]["regional_interview"]
    assert entry["carried"]["preselection"] == "639.00"  # 9 × (1 + 70)
    assert entry["methods"]["survey"]["score"] == "120.00"
    assert entry["methods"]["essay"]["score"] == "585.00"  # 9 × 65
    assert entry["methods"]["ethics"]["passed"] is False  # recorded, does not count
    assert entry["score"] == "1344.00"
    assert entry["max"] == "2221"  # 1161 + 160 + 900
    assert entry["outcome"] == "advanced"


def test_ak9_essay_longer_than_three_pages_is_not_admitted_to_the_interview() -> None:
    rows = by_id(
        run(
            "AK",
            ak_case([akim("three"), akim("four", essay_pages=4)], pre={"three": 50, "four": 60}),
        )
    )
    assert rows["three"]["stages"]["regional_interview"]["outcome"] == "advanced"
    assert rows["four"]["outcome"] == "not_passed"
    assert rows["four"]["decided_at"] == "regional_interview"
    assert "эссе объёмом не более 3 страниц" in reasons(rows["four"])[-1]


# --------------------------------------------------------------------------- AK-10


def test_ak10_one_candidate_per_oblast_goes_to_the_second_stage() -> None:
    akims = [
        akim("n1", oblast="kostanay", district="n"),
        akim("n2", oblast="kostanay", district="n"),
        akim("s1", oblast="turkistan", district="s"),
        akim("s2", oblast="turkistan", district="s"),
    ]
    case = ak_case(
        akims,
        pre={"n1": 50, "n2": 50, "s1": 50, "s2": 50},
        essay={"n1": 40, "n2": 45, "s1": 90, "s2": 80},
    )
    rows = by_id(run("AK", case))
    stage = {c: rows[c]["stages"]["regional_interview"]["outcome"] for c in rows}
    assert stage == {
        "n1": "not_selected",
        "n2": "advanced",  # lower than both Turkistan akims, but first in its oblast
        "s1": "advanced",
        "s2": "not_selected",
    }
    assert {c for c in rows if "republican" in rows[c]["stages"]} == {"n2", "s1"}


# --------------------------------------------------------------------------- AK-11


def test_ak11_criterion_12_is_the_first_stage_result_scaled_to_10() -> None:
    case = ak_case(
        [akim("a")], pre={"a": 80}, essay={"a": 70}, survey={"a": 100}, defence={"a": 88}, scorers=6
    )
    row = by_id(run("AK", case))["a"]
    stage1 = row["stages"]["regional_interview"]
    score1, top1 = Decimal(stage1["score"]), Decimal(stage1["max"])
    assert (score1, top1) == (Decimal(6 * 80 + 100 + 6 * 70), Decimal(2221))
    # every one of the 6 members' sheets: 88 entered + stage-1 result scaled to 10
    expected = (6 * (88 + score1 / top1 * 10)).quantize(Decimal("0.01"))
    assert row["final_score"] == str(expected)
    assert row["max_score"] == "1080"  # 9 × 120
    derived = row["stages"]["republican"]["methods"]["defence"]["derived"]["r12_stage1"]
    assert derived == str((score1 / top1 * 10).quantize(Decimal("0.01")))


def test_ak11_c5_criterion_12_cannot_be_entered_by_a_member() -> None:
    case = ak_case([akim("a")], pre={"a": 80}, defence={"a": 88})
    case["ballots"][-1]["rows"]["a"]["r12_stage1"] = 10
    with pytest.raises(InputError, match="computed by the engine"):
        run("AK", case)


def test_ak11_budget_over_five_million_and_long_report_not_admitted() -> None:
    akims = [
        akim("ok", oblast="abai", district="a", project_budget_tenge=5_000_000, defence_minutes=5),
        akim("costly", oblast="akmola", district="b", project_budget_tenge=5_000_001),
        akim("long", oblast="aktobe", district="c", defence_minutes=6),
        akim("remote", oblast="almaty", district="d", defence_form="videoconference"),
    ]
    case = ak_case(
        akims,
        pre=dict.fromkeys(["ok", "costly", "long", "remote"], 50),
        defence={"ok": 80, "remote": 70},
    )
    rows = by_id(run("AK", case))
    assert rows["ok"]["outcome"] == rows["remote"]["outcome"] == "winner"
    for cid, text in (
        ("costly", "бюджет проекта не более 5 000 000 тенге"),
        ("long", "не более 5 минут"),
    ):
        assert rows[cid]["outcome"] == "not_passed"
        assert rows[cid]["decided_at"] == "republican"
        assert text in reasons(rows[cid])[-1]
        assert rows[cid]["reasons"][-1]["rules"] == ["AK-11"]


# --------------------------------------------------------------------------- AK-12


def test_ak12_the_edition_days_fall_in_the_contests_own_year() -> None:
    """A contest of 2026 gets 2026's 30 May … 20 September, not the seed's 2020 (issue 9 §2);
    a date the campaign gives (an order of that year) wins."""
    given = {"announcement": dt.date(2026, 5, 20)}
    _, rows = compute_deadlines(AK, make_calendar(AK), given)
    by = {r.deadline.id: r for r in rows}
    assert by["announcement_latest"].date == dt.date(2026, 5, 30)
    assert by["announcement_latest"].complies is True
    assert by["republican_latest"].date == dt.date(2026, 9, 20)
    moved = {**given, "republican_latest": dt.date(2026, 10, 1)}
    _, rows = compute_deadlines(AK, make_calendar(AK), moved)
    assert {r.deadline.id: r for r in rows}["republican_latest"].date == dt.date(2026, 10, 1)
    # before any date of the campaign is known, its year is not: nothing is invented
    _, rows = compute_deadlines(AK, make_calendar(AK), {})
    assert {r.deadline.id: r for r in rows}["announcement_latest"].date is None


def test_ak12_dates_of_a_2020_contest_are_the_editions_days() -> None:
    given = {
        "announcement": dt.date(2020, 5, 31),
        "materials_sent": dt.date(2020, 8, 15),
        "republican_interview": dt.date(2020, 9, 21),
    }
    _, rows = compute_deadlines(AK, make_calendar(AK), given)
    by = {r.deadline.id: r for r in rows}
    assert by["announcement_latest"].date == dt.date(2020, 5, 30)
    assert by["announcement_latest"].complies is False  # announced on 31 May
    assert by["preselection_latest"].date == dt.date(2020, 6, 30)
    assert by["interviews_latest"].date == dt.date(2020, 7, 30)
    assert by["materials_latest"].date == dt.date(2020, 8, 15)
    assert by["materials_latest"].as_json()["time"] == "18:30"
    assert by["materials_latest"].complies is True
    assert by["republican_latest"].date == dt.date(2020, 9, 20)
    assert by["republican_latest"].complies is False


# --------------------------------------------------------------------------- AK-13


Q_CASES = [
    ({"civil_service_years": 0}, 0),
    ({"civil_service_years": 1}, 1),
    ({"civil_service_years": 10}, 1),
    ({"civil_service_years": 11}, 2),
    ({"languages": ["state"]}, 3),
    ({"languages": ["state_russian_english"]}, 2),  # the seed's points, as written
    ({"languages": ["state", "state_russian_english"]}, 5),
    ({"awards": ["departmental"]}, 1),
    ({"awards": ["departmental", "state", "honorary_title", "international"]}, 7),
    ({"development": ["two_higher_educations", "academic_degree"]}, 3),
    ({"development": ["scientific_works", "projects"]}, 5),
    ({"training": ["seminars", "internship", "refresher_courses"]}, 5),
    ({"practice": ["improvement_proposals"]}, 2),
]


@pytest.mark.parametrize(("facts", "points"), Q_CASES)
def test_ak13_questionnaire_points_from_facts(facts: dict[str, Any], points: int) -> None:
    case = ak_case([akim("a", **facts)], pre={"a": 0}, scorers=1)
    method = by_id(run("AK", case))["a"]["stages"]["preselection"]["methods"]["preselection"]
    assert Decimal(method["score"]) == points


def test_ak13_appendix_3_maximum_is_29() -> None:
    sheet = AK.sheet("preselection_sheet")
    appendix3 = sum((c.top for c in sheet.criteria if c.derived), Decimal(0))
    assert appendix3 == 2 + 5 + 7 + 8 + 5 + 2


# --------------------------------------------------------------------------- C-4, C-5, C-6


def test_c4_application_without_data_consent_is_refused() -> None:
    a = akim("a")
    a["consent"] = False
    row = by_id(run("AK", ak_case([a])))["a"]
    assert row["outcome"] == "refused"
    assert row["refusals"][0]["rules"] == ["C-4"]


@pytest.mark.parametrize(
    ("method", "criterion", "value"),
    [
        ("preselection", "p1_rationality", 11),
        ("essay", "e4_logic", -1),
        ("preselection", "languages", 5),
    ],
)
def test_c5_a_score_outside_the_sheet_is_refused(method: str, criterion: str, value: int) -> None:
    case = ak_case([akim("a")], pre={"a": 50}, essay={"a": 50})
    ballot = next(b for b in case["ballots"] if b["method"] == method)
    ballot["rows"]["a"][criterion] = value
    with pytest.raises(InputError):
        check_case(AK, parsed(case), "case")


def test_c5_survey_result_outside_0_to_10_is_refused() -> None:
    case = ak_case([akim("a")], pre={"a": 50}, survey={"a": 100})
    case["results"][0]["points"]["s1_rights"] = 10.5
    with pytest.raises(InputError, match="outside the range"):
        check_case(AK, parsed(case), "case")


def test_c6_result_does_not_depend_on_the_order_of_inputs() -> None:
    case = example("ak")
    first = run("AK", case)
    shuffled = copy.deepcopy(case)
    rng = random.Random(7)
    for key in ("candidates", "ballots", "results"):
        rng.shuffle(shuffled[key])
    again = evaluate(LOADED, parsed(shuffled))
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
