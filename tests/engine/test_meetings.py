"""An invalid meeting decides nothing, in every procedure (KM-12, AK-2, TP-8, BR-4, PK-5).

Each test takes the procedure's example case, makes the meeting that decides a stage invalid
(too few members present, or civil servants only) and checks that no outcome of that stage is
decided for the candidates of that meeting: they stay ``pending`` with the meeting's reasons and
the rule IDs of the regulation's quorum rule; the unchanged example (a valid meeting) decides.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import yaml

from rezerv import wording
from rezerv.engine.case import check_case, parse_case
from rezerv.engine.evaluate import evaluate
from rezerv.engine.loader import load_regulation, parse_regulation
from tests.engine.casebuild import add_votes, by_id, example, km_candidate, km_case, run

DECIDED_AT_INTAKE = {"refused", "included_in_reserve", "excluded_from_reserve"}


def attend(case: dict[str, Any], meeting_id: str, present: list[str]) -> dict[str, Any]:
    """The case with ``meeting_id`` attended only by ``present``; votes of others dropped."""
    case = copy.deepcopy(case)
    meeting = next(m for m in case["meetings"] if m["id"] == meeting_id)
    meeting["present"] = present
    case["votes"] = [
        v for v in case.get("votes", []) if v["meeting"] != meeting_id or v["member"] in present
    ]
    return case


def pending_rules(row: dict[str, Any], stage: str) -> set[str]:
    entry = row["stages"][stage]
    assert entry["outcome"] == "pending", entry
    assert all(r["code"] == "meeting_invalid" for r in entry["pending"])
    assert all("неправомочно" in wording.reason(r) for r in entry["pending"])
    return {rule for r in entry["pending"] for rule in r["rules"]}


def test_invalid_meeting_decides_nothing_km() -> None:
    """KM-12: 4 of 7 members, all civil servants: no winner, no reserve, no «not selected»."""
    valid = by_id(run("KM", example("km")))
    assert valid["c1"]["outcome"] == "winner"
    assert valid["c2"]["outcome"] == "recommended_for_reserve"
    assert valid["c7"]["outcome"] == "not_selected"

    result = run("KM", attend(example("km"), "mt1", ["m1", "m2", "m3", "m4"]))
    meeting = result["meetings"][0]
    assert meeting["valid"] is False
    rows = by_id(result)
    for cid in ("c1", "c2", "c3", "c7"):
        assert rows[cid]["outcome"] == "pending", cid
        assert rows[cid]["decided_at"] is None
        assert "KM-12" in pending_rules(rows[cid], "competition")
        assert "votes" not in rows[cid]["stages"]["competition"]
        assert "reserve" not in rows[cid]
    # a test below the pass mark is a recorded result, not a decision of the meeting (KM-13)
    assert rows["c4"]["outcome"] == "not_passed"
    assert rows["c5"]["outcome"] == rows["c6"]["outcome"] == "refused"
    stage = next(s for s in result["stages"] if s["id"] == "competition")
    assert stage["awarded"] == {}
    assert stage["pending"] == 4 and stage["invalid_meetings"] == ["mt1"]
    assert "repeat_competition" not in stage
    assert result["summary"]["outcomes"] == {"not_passed": 1, "pending": 4, "refused": 2}


def test_km12_vote_at_an_invalid_meeting_keeps_the_place_open() -> None:
    """KM-12: the leader's vote was taken at an invalid meeting; the next candidate's adopted
    vote at a valid one cannot give them the only vacancy, which may still be the leader's."""
    case = km_case(
        [km_candidate("a"), km_candidate("b")],
        {"a": [8] * 7, "b": [6] * 7},
        {"a": 45, "b": 40},
    )
    everyone = list(case["meetings"][0]["present"])
    case["meetings"].insert(
        0,
        {
            "id": "mt0",
            "stage": "competition",
            "commission": "main",
            "date": "2026-04-21",
            "present": ["s1", "s2", "s3"],
        },
    )
    case["meetings"][1]["date"] = "2026-04-20"
    for member in ["s1", "s2", "s3"]:
        case["votes"].append(
            {"meeting": "mt0", "question": "winner", "candidate": "a", "member": member}
            | {"vote": "for"}
        )
    add_votes(case, "winner", "b", dict.fromkeys(everyone, "for"))
    # the latest meeting mt0 is the stage's deciding one: nothing is decided for anyone
    rows = by_id(run("KM", case))
    assert rows["a"]["outcome"] == rows["b"]["outcome"] == "pending"
    # held again validly (a later meeting), the vote on b decides; a's vote stays pending
    case["meetings"][1]["date"] = "2026-04-22"
    rows = by_id(run("KM", case))
    assert rows["a"]["outcome"] == "pending"
    assert "KM-12" in pending_rules(rows["a"], "competition")
    assert rows["b"]["outcome"] == "pending"
    assert rows["b"]["stages"]["competition"]["pending"][0]["code"] == "place_may_go_to_pending"


def test_invalid_meeting_decides_nothing_ak() -> None:
    """AK-2: the Turkistan pre-selection met again with 5 of 9: its akims are not nominated,
    not «not selected» either; the Akmola commission's valid meeting still decides."""
    valid = by_id(run("AK", example("ak")))
    assert valid["c6"]["outcome"] == "winner"  # Turkistan, nominated at trk_pre_2
    assert valid["c4"]["outcome"] == "not_selected"

    present = ["t1", "t2", "t3", "t4", "t5", "ts"]
    result = run("AK", attend(example("ak"), "trk_pre_2", present))
    rows = by_id(result)
    turkistan = [
        r["id"]
        for r in result["candidates"]
        if "preselection" in r["stages"] and r["id"] in {"c4", "c5", "c6", "c7"}
    ]
    assert turkistan, "the example has Turkistan akims"
    for row in result["candidates"]:
        if "preselection" not in row["stages"]:
            assert row["outcome"] in DECIDED_AT_INTAKE | {"pending"}
            continue
        entry = row["stages"]["preselection"]
        if entry.get("outcome") == "pending":
            assert row["outcome"] == "pending"
            assert "AK-2" in pending_rules(row, "preselection")
            assert "regional_interview" not in row["stages"]
    pending = [r["id"] for r in result["candidates"] if r["outcome"] == "pending"]
    akmola = [
        r["id"]
        for r in result["candidates"]
        if r["outcome"] != "pending" and "preselection" in r["stages"]
    ]
    assert pending and akmola
    assert "c6" in pending
    assert all(
        valid[cid]["stages"]["preselection"] == rows[cid]["stages"]["preselection"]
        for cid in akmola
    )
    stage = next(s for s in result["stages"] if s["id"] == "preselection")
    assert stage["invalid_meetings"] == ["trk_pre_1", "trk_pre_2"]
    assert stage["pending"] == len(pending)
    # AK-1: three winners; the one finalist from Akmola stays a winner whatever Turkistan's
    # pending akims do, as at most one of them can reach the republican stage with him
    assert rows["c1"]["outcome"] == "winner"


def test_ak10_a_place_a_pending_akim_may_reach_stays_open() -> None:
    """AK-10: one akim per oblast goes on; with the Turkistan pre-selection pending and one
    republican place, Akmola's finalist is not made the winner while Turkistan's may yet come."""
    case = attend(example("ak"), "trk_pre_2", ["t1", "t2", "t3", "t4", "t5", "ts"])
    loaded = load_regulation("AK")
    raw = loaded.regulation.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    republican = next(s for s in raw["stages"] if s["id"] == "republican")
    republican["awards"][0]["limit"]["n"] = 1
    one_place = parse_regulation(
        yaml.safe_dump(raw, allow_unicode=True).encode(), "ak-one-winner.yaml"
    )
    parsed = parse_case(json.dumps(case, ensure_ascii=False).encode(), "case")
    check_case(one_place.regulation, parsed, "case")
    rows = by_id(evaluate(one_place, parsed))
    assert rows["c1"]["stages"]["regional_interview"]["outcome"] == "advanced"
    assert rows["c1"]["outcome"] == "pending"
    pending = rows["c1"]["stages"]["republican"]["pending"][0]
    assert "может достаться кандидату" in wording.reason(pending)


def test_invalid_meeting_decides_nothing_tp() -> None:
    """TP-8: the bodies that declared demand meet on the essays with 1 of 3 present (quorum
    1/2 by default): nobody advances or fails at the essay; with 2 of 3 the meeting decides."""
    case = example("tp")
    case["meetings"] = [
        {"id": "essays", "stage": "essay", "commission": "bodies", "date": "2025-11-20"}
        | {"present": ["r1", "r2"]}
    ]
    valid = run("TP", case)
    assert valid["summary"]["outcomes"].get("certified") == 2
    assert valid["meetings"][0]["valid"] is True

    result = run("TP", attend(case, "essays", ["r1"]))
    assert result["meetings"][0]["valid"] is False
    rows = by_id(result)
    # an essay over 500 words fails the stage's requirement: a recorded fact, not a decision
    assert rows["p8"]["outcome"] == "not_passed"
    for cid in ("p1", "p2", "p3", "p4", "p6"):
        assert rows[cid]["outcome"] == "pending", cid
        assert "TP-8" in pending_rules(rows[cid], "essay")
        assert set(rows[cid]["stages"]) == {"essay"}
    assert result["summary"]["outcomes"] == {"not_passed": 1, "pending": 5, "refused": 2}


def test_invalid_meeting_decides_nothing_br() -> None:
    """BR-4: the commission's decision meeting with 2 of 5 members: nobody is included in the
    reserve or «not selected» by it; the remote stage's valid protocol and the direct inclusion
    (BR-9) stand."""
    valid = by_id(run("BR", example("br")))
    assert valid["c2"]["outcome"] == valid["c4"]["outcome"] == "included_in_reserve"

    result = run("BR", attend(example("br"), "decision", ["k1", "k4"]))
    rows = by_id(result)
    for cid in ("c1", "c2", "c4"):
        assert rows[cid]["outcome"] == "pending", cid
        assert "BR-4" in pending_rules(rows[cid], "in_person")
        assert rows[cid]["stages"]["remote"] == valid[cid]["stages"]["remote"]
        assert "reserve" not in rows[cid]
    assert rows["c3"]["outcome"] == rows["c5"]["outcome"] == "not_selected"  # remote stage
    assert rows["c6"]["outcome"] == "included_in_reserve"  # BR-9, at intake
    assert result["summary"]["outcomes"] == {
        "included_in_reserve": 1,
        "not_selected": 2,
        "pending": 3,
        "refused": 2,
    }


def test_invalid_meeting_decides_nothing_pk() -> None:
    """PK-5: 2 of 5 members: no inclusion and no «not selected»; members kept without
    re-examination (PK-6) are not affected."""
    valid = by_id(run("PK", example("pk")))
    assert valid["c3"]["outcome"] == "included_in_reserve"
    assert valid["c4"]["outcome"] == "not_selected"

    result = run("PK", attend(example("pk"), "mt1", ["m1", "m2"]))
    rows = by_id(result)
    for cid in ("c3", "c4", "c5", "c6", "c7"):
        assert rows[cid]["outcome"] == "pending", cid
        assert pending_rules(rows[cid], "commission") == {"PK-5"}
        assert "votes" not in rows[cid]["stages"]["commission"]
    assert rows["c1"]["outcome"] == "included_in_reserve"
    assert rows["c2"]["outcome"] == "excluded_from_reserve"
    assert result["summary"]["outcomes"]["pending"] == 5
