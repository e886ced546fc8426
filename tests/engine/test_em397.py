"""EM — the federal Unified methodology (Decree No. 397 of 31.03.2018), written only as data.

The regulation is not bundled: it lives in examples/regulations/em397.yaml and is loaded by path.
Its rule IDs are its own clauses (EM-N = пункт N). Every rule the file cites is proved here by a
test whose name carries the clause number, and no file of rezerv's code names the procedure.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import subprocess
import sys
from typing import Any

import pytest

from rezerv import wording
from rezerv.cli import main
from rezerv.engine.commission import tally
from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.engine.errors import InputError
from rezerv.engine.loader import BUNDLED, load_regulation, parse_regulation
from tests.engine.casebuild import ROOT, by_id, example, run

EM_FILE = str(ROOT / "examples" / "regulations" / "em397.yaml")
EM = load_regulation(EM_FILE).regulation
PRESENT = ["s1", "s2", "s3", "s4", "e1", "e2", "p1"]
DOCS = [
    "application",
    "questionnaire",
    "passport_copy",
    "work_record",
    "education_copies",
    "medical_001gsu",
    "data_consent",
]


def candidate(cid: str, **facts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "citizenship": "RU",
        "birth_date": "1985-01-01",
        "speaks_russian": True,
        "meets_qualification": True,
    }
    base.update(facts)
    return {
        "id": cid,
        "name": f"Кандидат {cid}",
        "submitted_at": "2026-03-05T10:00:00",
        "consent": True,
        "documents": list(DOCS),
        "facts": base,
        "consents": ["reserve"],
    }


def members(n_servants: int = 4, n_independent: int = 2, n_public: int = 1) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in range(n_servants):
        role = "chair" if i == 0 else "secretary" if i == 1 else "member"
        out.append({"id": f"s{i + 1}", "role": role, "civil_servant": True})
    out += [{"id": f"e{i + 1}", "independent": True} for i in range(n_independent)]
    out += [{"id": f"p{i + 1}", "public_council": True} for i in range(n_public)]
    return out


def em_case(
    candidates: list[dict[str, Any]],
    interview: dict[str, list[int | None]],
    tests: dict[str, int],
    *,
    commission: list[dict[str, Any]] | None = None,
    present: list[str] | None = None,
    vacancies: int = 1,
) -> dict[str, Any]:
    """A case: interview points per candidate in the order of `present`; tests of 50 questions."""
    commission = copy.deepcopy(commission) if commission is not None else members()
    present = present if present is not None else [m["id"] for m in commission]
    ballots = [
        {
            "stage": "competition",
            "method": "interview",
            "member": member,
            "rows": {cid: vals[k] for cid, vals in interview.items() if k < len(vals)},
        }
        for k, member in enumerate(present)
    ]
    results = [
        {"stage": "competition", "method": "test", "candidate": cid, "correct": n, "questions": 50}
        for cid, n in tests.items()
    ]
    return {
        "regulation": "EM",
        "campaign": {
            "title": "Тестовый конкурс",
            "position": {"title": "Специалист"},
            "vacancies": vacancies,
        },
        "events": {
            "announcement": "2026-03-02",
            "stage2": "2026-04-20",
            "competition_end": "2026-04-20",
        },
        "commissions": [
            {
                "id": "main",
                "rule": "competition_commission",
                "stages": ["competition"],
                "members": commission,
            }
        ],
        "candidates": candidates,
        "ballots": ballots,
        "results": results,
        "meetings": [
            {
                "id": "mt1",
                "stage": "competition",
                "commission": "main",
                "date": "2026-04-20",
                "present": present,
            }
        ],
        "votes": [],
    }


def vote(case: dict[str, Any], question: str, cid: str, votes: dict[str, str]) -> None:
    for member, answer in votes.items():
        case["votes"].append(
            {
                "meeting": "mt1",
                "question": question,
                "candidate": cid,
                "member": member,
                "vote": answer,
            }
        )


def all_for(case: dict[str, Any], question: str, cid: str) -> None:
    vote(case, question, cid, dict.fromkeys(PRESENT, "for"))


def two(**extra: Any) -> dict[str, Any]:
    return em_case(
        [candidate("a"), candidate("b")], {"a": [8] * 7, "b": [6] * 7}, {"a": 45, "b": 40}, **extra
    )


def em(case: dict[str, Any]) -> dict[str, Any]:
    return run(EM_FILE, case)


def em_example() -> dict[str, Any]:
    return example("em397")


# --------------------------------------------------------------------------- the file itself


def test_em_file_validates_with_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", EM_FILE]) == 0
    out = capsys.readouterr().out
    assert ": OK — EM «Единая методика" in out
    assert "EM" not in BUNDLED  # not bundled: only ever loaded by path or uploaded


def test_em_file_parses_as_an_uploaded_text() -> None:
    """The desk stores an uploaded file through parse_regulation (selection.services)."""
    text = (ROOT / "examples" / "regulations" / "em397.yaml").read_bytes()
    loaded = parse_regulation(text, "EM.yaml")
    assert loaded.regulation.code == "EM" and len(loaded.sha256) == 64
    assert [s.id for s in loaded.regulation.stages] == ["intake", "competition"]


def test_em_every_cited_rule_is_proved_by_a_test_named_after_it() -> None:
    cited = {r for r in EM.cited_rules() if r.startswith("EM-")}
    assert cited == set(EM.cited_rules())  # the file cites only its own clauses
    names = [n for n in globals() if n.startswith("test_")]
    proved = {f"EM-{m}" for n in names for m in re.findall(r"_em(\d+)", n)}
    assert cited == proved, (sorted(cited - proved), sorted(proved - cited))


def test_no_file_of_code_names_the_procedure() -> None:
    found = subprocess.run(
        ["grep", "-rIlE", r"\bEM-[0-9]|em397|EM397", str(ROOT / "src" / "rezerv")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode == 1, found.stdout  # grep: 1 = nothing found
    assert sys.modules.get("rezerv.regulations.em397") is None


# --------------------------------------------------------------------------- the example


def test_em_example_hand_checked_figures_em1_em16_em17_em18() -> None:
    """examples/em397.md derives these by hand."""
    result = em(em_example())
    rows = by_id(result)
    assert result["regulation"]["code"] == "EM"
    assert rows["c1"]["final_score"] == "18.27"  # 9.60 + 52/6
    assert rows["c2"]["final_score"] == "16.97"  # 8.80 + 49/6
    assert rows["c3"]["final_score"] == "14.67"  # 8.00 + 40/6
    assert rows["c6"]["final_score"] == "9.60"  # 7.20 + 12/5 (one abstention)
    assert [rows[c]["place"] for c in ("c1", "c2", "c3", "c6")] == [1, 2, 3, 4]
    assert rows["c1"]["outcome"] == "winner"
    assert rows["c2"]["outcome"] == rows["c3"]["outcome"] == "recommended_for_reserve"
    assert rows["c6"]["outcome"] == "not_selected"
    assert rows["c4"]["outcome"] == "not_passed"
    assert rows["c5"]["outcome"] == "refused"
    tie = rows["c3"]["stages"]["competition"]["votes"]["reserve"]
    assert (tie["for"], tie["against"], tie["casting_vote"], tie["adopted"]) == (3, 3, True, True)


def test_em_example_evaluates_from_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    case = str(ROOT / "examples" / "em397.json")
    assert main(["evaluate", EM_FILE, case, "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "победитель конкурса" in out and "рекомендован к включению в кадровый резерв" in out


# --------------------------------------------------------------------------- admission


def test_em2_citizenship_age_language_and_qualification() -> None:
    cands = [
        candidate("ok"),
        candidate("foreign", citizenship="XX"),
        candidate("minor", birth_date="2008-03-24"),  # 18 on the day after intake_end
        candidate("adult", birth_date="2008-03-23"),  # 18 exactly on intake_end (2026-03-23)
        candidate("no_russian", speaks_russian=False),
        candidate("unqualified", meets_qualification=False),
    ]
    rows = by_id(em(em_case(cands, {}, {})))
    assert rows["ok"]["admitted"] and rows["adult"]["admitted"]
    for cid in ("foreign", "minor", "no_russian", "unqualified"):
        assert rows[cid]["outcome"] == "refused", cid
        assert any("EM-2" in r["rules"] for r in rows[cid]["refusals"]), cid


def test_em2_civil_servant_takes_part_on_general_terms() -> None:
    cand = candidate("cs")
    cand["route"] = "civil_servant"
    assert by_id(em(em_case([cand, candidate("x")], {}, {})))["cs"]["admitted"]


def test_em7_intake_21_calendar_days_from_the_announcement_on_the_sites() -> None:
    on_time = candidate("on_time")
    on_time["submitted_at"] = "2026-03-23T23:59:00"  # 2026-03-02 + 21 days
    late = candidate("late")
    late["submitted_at"] = "2026-03-24T00:01:00"
    rows = by_id(em(em_case([on_time, late], {}, {})))
    assert rows["on_time"]["admitted"]
    assert rows["late"]["outcome"] == "refused"
    assert "EM-7" in rows["late"]["refusals"][0]["rules"]
    announcement = next(n for n in EM.notices if n.id == "announcement")
    assert "ЕИСУКС" in announcement.title and announcement.recipients == ["public"]


def test_em7_consent_and_documents_required() -> None:
    no_consent = candidate("nc")
    no_consent["consent"] = False
    short = candidate("short")
    short["documents"].remove("medical_001gsu")
    rows = by_id(em(em_case([no_consent, short, candidate("x")], {}, {})))
    assert rows["nc"]["outcome"] == "refused"
    assert rows["nc"]["refusals"][0]["rules"] == ["EM-7"]
    assert rows["short"]["outcome"] == "refused"
    assert "001-ГС/у" in wording.reason(rows["short"]["refusals"][0])


def test_em7_civil_servants_file_fewer_documents() -> None:
    own = candidate("own")
    own["route"] = "own_civil_servant"
    own["documents"] = ["application"]
    other = candidate("other")
    other["route"] = "civil_servant"
    other["documents"] = ["application", "questionnaire"]
    other_short = candidate("other_short")
    other_short["route"] = "civil_servant"
    other_short["documents"] = ["application"]
    citizen = candidate("citizen")
    citizen["documents"] = ["application", "questionnaire"]
    rows = by_id(em(em_case([own, other, other_short, citizen], {}, {})))
    assert rows["own"]["admitted"] and rows["other"]["admitted"]
    assert rows["other_short"]["outcome"] == rows["citizen"]["outcome"] == "refused"
    assert "Анкета" in wording.reason(rows["other_short"]["refusals"][0])
    assert "EM-7" in rows["citizen"]["refusals"][0]["rules"]


def test_em8_every_ground_for_refusal_is_listed_with_its_clause() -> None:
    cand = candidate("bad", meets_qualification=False, copies_match_originals=False)
    cand["submitted_at"] = "2026-04-01T09:00:00"
    row = by_id(em(em_case([cand], {}, {})))["bad"]
    assert len(row["refusals"]) == 3  # late; qualification; copies do not match originals
    assert all("EM-8" in r["rules"] for r in row["refusals"])


# --------------------------------------------------------------------------- methods and scores


def test_em9_preliminary_self_test_never_counts() -> None:
    base = by_id(em(two()))["a"]["final_score"]
    case = two()
    case["results"].append(
        {"stage": "competition", "method": "self_test", "candidate": "a", "passed": False}
    )
    all_for(case, "winner", "a")
    row = by_id(em(case))["a"]
    assert row["final_score"] == base and row["outcome"] == "winner"


def test_em13_test_passes_at_70_percent_of_the_questions() -> None:
    case = em_case(
        [candidate("p"), candidate("f")], {"p": [5] * 7, "f": [9] * 7}, {"p": 35, "f": 34}
    )
    rows = by_id(em(case))
    assert rows["p"]["stages"]["competition"]["methods"]["test"]["passed"] is True  # 70 %
    assert rows["f"]["outcome"] == "not_passed"  # 68 %
    assert any("EM-13" in r["rules"] for r in rows["f"]["reasons"])
    test = EM.method("test")
    for subject in (
        "государственный язык",
        "Конституция",
        "гражданской службе",
        "коррупции",
        "ИКТ",
    ):
        assert subject in test.title


def test_em13_test_question_count_is_checked() -> None:
    case = two()
    case["results"][0].update(questions=30, correct=25)
    with pytest.raises(InputError) as err:
        em(case)
    assert "40 to 60" in str(err.value) and "EM-13" in str(err.value)


def test_em14_no_winner_without_the_individual_interview() -> None:
    case = em_case([candidate("a"), candidate("b")], {"b": [6] * 7}, {"a": 50, "b": 40})
    all_for(case, "winner", "a")
    all_for(case, "winner", "b")
    rows = by_id(em(case))
    assert rows["a"]["outcome"] != "winner"
    assert rows["b"]["outcome"] == "winner"


def test_em15_members_score_on_a_10_point_ballot_abstention_is_not_zero() -> None:
    case = em_case(
        [candidate("a"), candidate("b")],
        {"a": [8, 8, 8, 8, 8, 8, None], "b": [6] * 7},
        {"a": 40, "b": 40},
    )
    interview = by_id(em(case))["a"]["stages"]["competition"]["methods"]["interview"]
    assert (interview["score"], interview["max"], interview["ballots"]) == ("8.00", "10", 6)
    case["ballots"][0]["rows"]["b"] = 11
    with pytest.raises(InputError) as err:
        em(case)
    assert "outside the range 0–10" in str(err.value)


def test_em16_final_score_is_members_mean_plus_test_points_and_rating() -> None:
    case = em_case(
        [candidate("a"), candidate("b")],
        {"a": [7, 8, 9, 10, 6, 7, 8], "b": [5] * 7},
        {"a": 45, "b": 35},
    )
    rows = by_id(em(case))
    assert rows["a"]["final_score"] == "16.86"  # 9.00 + 55/7 (7.857…)
    assert rows["b"]["final_score"] == "12.00"  # 7.00 + 5.00
    assert (rows["a"]["place"], rows["b"]["place"]) == (1, 2)
    assert rows["a"]["max_score"] == "20"


# --------------------------------------------------------------------------- the commission


def test_em11_second_stage_within_30_days_list_15_days_before_and_two_candidates() -> None:
    given = {"announcement": dt.date(2026, 3, 2), "stage2": dt.date(2026, 4, 20)}
    _, rows = compute_deadlines(EM, make_calendar(EM), given)
    by = {r.deadline.id: r.as_json() for r in rows}
    assert by["stage2_latest"]["date"] == "2026-04-22" and by["stage2_latest"]["complies"] is True
    assert by["stage2_notice"]["date"] == "2026-04-05"
    notices = {n["id"]: n for n in em(em_example())["notices"]}
    assert notices["stage2_list"]["status"] == notices["stage2_invitation"]["status"] == "on_time"
    alone = em_case([candidate("alone"), candidate("late")], {"alone": [9] * 7}, {"alone": 50})
    alone["candidates"][1]["submitted_at"] = "2026-04-01T10:00:00"
    row = by_id(em(alone))["alone"]
    assert row["outcome"] == "procedure_not_held"
    assert row["reasons"][0]["rules"] == ["EM-11"]


def test_em12_quorum_two_thirds_and_not_civil_servants_only() -> None:
    meeting = em(two(present=["s1", "s2", "s3", "e1"]))["meetings"][0]  # 4 of 7 < 5
    assert (meeting["valid"], meeting["quorum"]) == (False, 5)
    assert any("EM-12" in r["rules"] for r in meeting["reasons"])
    servants = members(n_servants=6, n_independent=1, n_public=1)
    meeting = em(two(commission=servants, present=["s1", "s2", "s3", "s4", "s5", "s6"]))[
        "meetings"
    ][0]
    assert not meeting["valid"]
    assert any(r["code"] == "civil_servants_only" for r in meeting["reasons"])


def test_em17_majority_of_present_and_the_chair_decides_a_tie() -> None:
    rule = EM.commission_rule("competition_commission")
    chair = {"s1"}
    adopted = tally(
        rule,
        6,
        [("s1", "for"), ("s2", "for"), ("s3", "for"), ("e1", "for"), ("e2", "against")],
        chair,
    )
    assert adopted.adopted and not adopted.casting_vote
    short = tally(rule, 7, [("s1", "for"), ("s2", "for"), ("s3", "for"), ("e1", "against")], chair)
    assert not short.adopted  # 3 of 7 present is no majority
    tie_for = tally(
        rule, 6, [("s1", "for"), ("s2", "for"), ("s3", "against"), ("e1", "against")], chair
    )
    assert tie_for.adopted and tie_for.casting_vote
    tie_against = tally(
        rule, 6, [("s1", "against"), ("s2", "for"), ("s3", "for"), ("e1", "against")], chair
    )
    assert not tie_against.adopted and tie_against.casting_vote


def test_em17_winner_only_by_an_adopted_vote() -> None:
    case = two()
    vote(
        case,
        "winner",
        "a",
        {
            "s1": "for",
            "s2": "for",
            "s3": "against",
            "s4": "against",
            "e1": "against",
            "e2": "for",
            "p1": "against",
        },
    )
    assert by_id(em(case))["a"]["outcome"] != "winner"  # 3 for, 4 against


# --------------------------------------------------------------------------- reserve and after


def test_em18_reserve_with_consent_and_half_of_the_maximum() -> None:
    cands = [candidate("w"), candidate("half"), candidate("below"), candidate("no_consent")]
    cands[3]["consents"] = []
    case = em_case(
        cands,
        {"w": [9] * 7, "half": [3] * 7, "below": [2] * 7, "no_consent": [8] * 7},
        {"w": 50, "half": 35, "below": 35, "no_consent": 45},
    )
    all_for(case, "winner", "w")
    for cid in ("half", "below", "no_consent"):
        all_for(case, "reserve", cid)
    rows = by_id(em(case))
    assert rows["half"]["final_score"] == "10.00"  # exactly 50 % of 20
    assert rows["half"]["outcome"] == "recommended_for_reserve"
    assert rows["half"]["reserve"] == {
        "from": "2026-04-20",
        "until": "2029-04-20",
        "rules": ["EM-18"],
    }
    assert rows["below"]["outcome"] == "not_selected"  # 9.00
    assert rows["no_consent"]["outcome"] == "not_selected"
    assert any(
        n["code"] == "no_candidate_consent"
        for n in rows["no_consent"]["stages"]["competition"]["not_granted"]
    )


def test_em19_repeat_competition_flagged_when_nobody_wins() -> None:
    stage = next(s for s in em(two())["stages"] if s["id"] == "competition")
    assert stage["repeat_competition"]["rules"] == ["EM-19"]


def test_em20_results_within_7_days_em21_documents_kept_3_years() -> None:
    given = {"announcement": dt.date(2026, 3, 2), "competition_end": dt.date(2026, 4, 20)}
    _, rows = compute_deadlines(EM, make_calendar(EM), given)
    assert {r.deadline.id: r.as_json() for r in rows}["results_notice"]["date"] == "2026-04-27"
    result = em(em_example())
    notice = next(n for n in result["notices"] if n["id"] == "results_notice")
    assert (notice["due"], notice["status"]) == ("2026-04-27", "on_time")
    retention = result["retention"][0]
    assert (retention["until"], retention["then"], retention["rules"]) == (
        "2029-04-20",
        "return_or_destroy",
        ["EM-21"],
    )
