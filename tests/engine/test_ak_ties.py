"""AK-2: a tie at the cut-off of the interview or the republican stage is a «disputed question»
the commission decides by its vote (the stages' ``tie_vote``; ``rezerv.engine.ties``).

x and y are tied akims of one oblast, one place in the second stage (AK-10); y applied first,
so the submission-time fallback alone would send y.
"""

from __future__ import annotations

from typing import Any

import pytest

from rezerv import wording
from rezerv.engine.errors import InputError
from rezerv.engine.loader import bundled_path, parse_regulation
from tests.engine.casebuild import by_id, run
from tests.engine.test_ak import ak_case, akim

ADVANCED = "прошёл во II (республиканский) этап"
QUESTION = "направить во II (республиканский) этап при равенстве баллов (спорный вопрос)"
EVERYONE = [f"akmola_m{k}" for k in range(1, 10)]


def tied_case(*, third: int = 40, top: int | None = None) -> dict[str, Any]:
    """x and y tied in the interview; z below them; ``top``: an akim above them."""
    x, y, z = akim("x"), akim("y"), akim("z", district="d2")
    x["submitted_at"], y["submitted_at"] = "2020-06-05T10:00:00", "2020-06-01T10:00:00"
    akims, pre, essay = [x, y, z], {"x": 60, "y": 60, "z": third}, {"x": 50, "y": 50, "z": 50}
    if top is not None:
        akims.append(akim("a", district="d3"))
        pre["a"], essay["a"] = top, 50
    case = ak_case(akims, pre=pre, essay=essay)
    case["meetings"] = [meeting("interview", "2020-07-20", EVERYONE)]
    return case


def meeting(mid: str, date: str, present: list[str]) -> dict[str, Any]:
    return {
        "id": mid,
        "stage": "regional_interview",
        "commission": "reg_akmola",
        "date": date,
        "present": present,
    }


def tie_votes(mid: str, votes_for: dict[str, int], chair: str | None = None) -> list[Any]:
    """Each akim gets «за» from the first n members (m1 is the chair), «против» from the rest;
    ``chair``: the akim the chair votes «за» (the others get «против» from the chair)."""
    out = []
    for cid, n in votes_for.items():
        # with the chair «против»: n of the others «за»
        first = 0 if chair is None or cid == chair else 1
        voting_for = set(EVERYONE[first : first + n])
        for member in EVERYONE:
            vote = "for" if member in voting_for else "against"
            out.append(
                {"meeting": mid, "question": "tie_advance", "candidate": cid, "member": member}
                | {"vote": vote}
            )
    return out


def interview(row: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = row["stages"]["regional_interview"]
    return entry


def test_ak2_tie_at_the_cut_off_without_the_vote_stays_pending() -> None:
    rows = by_id(run("AK", tied_case()))
    assert interview(rows["x"])["score"] == interview(rows["y"])["score"]
    for cid in ("x", "y"):
        assert rows[cid]["outcome"] == "pending", cid
        (reason,) = interview(rows[cid])["pending"]
        assert reason["code"] == "tie_vote_needed"
        assert reason["rules"] == ["AK-2", "AK-10"]
        assert reason["params"] == {"tied": 2, "outcome": ADVANCED, "places": 1}
        assert interview(rows[cid])["tie_vote"]["question"] == "tie_advance"
    assert wording.reason(reason) == (
        f"«{ADVANCED}»: мест осталось 1, кандидатов с равными показателями 2 — нужно "
        "голосование комиссии по каждому из них"
    )
    # the place is x's or y's whichever way the vote goes: z below them is not selected
    assert rows["z"]["outcome"] == "not_selected"
    assert interview(rows["z"])["not_granted"][0]["code"] == "limit_reached"


def test_ak2_the_commissions_vote_orders_the_tie() -> None:
    case = tied_case()
    case["votes"] = tie_votes("interview", {"x": 6, "y": 3})
    rows = by_id(run("AK", case))
    assert interview(rows["x"])["outcome"] == "advanced"
    assert interview(rows["y"])["outcome"] == "not_selected"
    assert (interview(rows["x"])["place"], interview(rows["y"])["place"]) == (1, 2)
    tie = interview(rows["y"])["tie_break"]
    assert tie == {"after": "x", "rules": ["AK-2", "AK-10"], "decided_by": QUESTION}
    assert wording.tie_break(tie) == QUESTION
    assert interview(rows["x"])["tie_vote"]["votes_for"] == 6
    assert "tie_break" not in interview(rows["x"])


def test_ak2_equal_votes_leave_the_tie_pending() -> None:
    case = tied_case()
    case["votes"] = tie_votes("interview", {"x": 5, "y": 5})  # the chair «за» both
    rows = by_id(run("AK", case))
    for cid in ("x", "y"):
        assert rows[cid]["outcome"] == "pending", cid
        (reason,) = interview(rows[cid])["pending"]
        assert (reason["code"], reason["params"]["tied"]) == ("tie_vote_equal", 2)
    assert "не различило" in wording.reason(reason)


def test_ak2_equal_votes_the_chairs_vote_decides() -> None:
    case = tied_case()
    case["votes"] = tie_votes("interview", {"x": 5, "y": 5}, chair="x")
    rows = by_id(run("AK", case))
    assert (
        interview(rows["x"])["tie_vote"]["votes_for"]
        == interview(rows["y"])["tie_vote"]["votes_for"]
    )
    assert rows["x"]["stages"]["regional_interview"]["outcome"] == "advanced"
    assert rows["y"]["outcome"] == "not_selected"
    assert interview(rows["y"])["tie_break"]["casting_vote"] is True


def test_ak2_a_tie_vote_at_an_invalid_meeting_decides_nothing() -> None:
    case = tied_case()
    # the vote was taken at a meeting of 5 of 9 (no quorum, AK-2); the valid meeting after it
    # did not vote again
    case["meetings"].insert(0, meeting("early", "2020-07-10", EVERYONE[:5]))
    case["votes"] = [v for v in tie_votes("early", {"x": 5, "y": 0}) if v["member"] in EVERYONE[:5]]
    result = run("AK", case)
    rows = by_id(result)
    assert {m["id"]: m["valid"] for m in result["meetings"]} == {"early": False, "interview": True}
    for cid in ("x", "y"):
        assert rows[cid]["outcome"] == "pending", cid
        codes = [r["code"] for r in interview(rows[cid])["pending"]]
        assert codes == ["tie_vote_needed", "meeting_invalid"], cid


def test_ak2_a_tie_the_cut_off_does_not_run_through_needs_no_vote() -> None:
    rows = by_id(run("AK", tied_case(top=90)))  # a takes the one place; x and y both below it
    assert interview(rows["a"])["outcome"] == "advanced"
    for cid in ("x", "y"):
        assert rows[cid]["outcome"] == "not_selected", cid
        assert "tie_vote" not in interview(rows[cid])
    # the fallback orders them, as without a tie vote: y applied first
    assert (interview(rows["y"])["place"], interview(rows["x"])["place"]) == (2, 3)
    assert interview(rows["x"])["tie_break"]["fallback"] == "submitted_at"


def test_ak2_a_tie_within_the_places_needs_no_vote() -> None:
    """Three winners (AK-11): two finalists tied at places 1–2 both win."""
    oblasts = ["abai", "akmola", "aktobe", "almaty"]
    akims = [akim(f"k{i}", oblast=oblasts[i - 1], district=f"d{i}") for i in range(1, 5)]
    case = ak_case(
        akims,
        pre={f"k{i}": 50 for i in range(1, 5)},
        essay={f"k{i}": 50 for i in range(1, 5)},
        defence={"k1": 60, "k2": 90, "k3": 90, "k4": 80},
    )
    rows = by_id(run("AK", case))
    assert {k: rows[k]["outcome"] for k in rows} == {
        "k1": "not_selected",
        "k2": "winner",
        "k3": "winner",
        "k4": "winner",
    }
    assert "tie_vote" not in rows["k3"]["stages"]["republican"]


def test_ak2_ak11_a_tie_for_the_third_winner_is_voted_on() -> None:
    oblasts = ["abai", "akmola", "aktobe", "almaty"]
    akims = [akim(f"k{i}", oblast=oblasts[i - 1], district=f"d{i}") for i in range(1, 5)]
    case = ak_case(
        akims,
        pre={f"k{i}": 50 for i in range(1, 5)},
        essay={f"k{i}": 50 for i in range(1, 5)},
        defence={"k1": 90, "k2": 80, "k3": 70, "k4": 70},
    )
    rows = by_id(run("AK", case))
    for cid in ("k3", "k4"):
        (reason,) = rows[cid]["stages"]["republican"]["pending"]
        assert reason["params"] == {"tied": 2, "outcome": "победитель конкурса", "places": 1}
        assert reason["rules"] == ["AK-2", "AK-11"]
    case["meetings"] = [
        {
            "id": "rep1",
            "stage": "republican",
            "commission": "rep",
            "date": "2020-09-15",
            "present": [f"rep_m{k}" for k in range(1, 10)],
        }
    ]
    case["votes"] = [
        {"meeting": "rep1", "question": "tie_winner", "candidate": cid, "member": f"rep_m{k}"}
        | {"vote": "for" if (cid == "k4") == (k <= 7) else "against"}
        for cid in ("k3", "k4")
        for k in range(1, 10)
    ]
    rows = by_id(run("AK", case))
    assert [rows[k]["outcome"] for k in ("k1", "k2", "k4", "k3")] == [
        "winner",
        "winner",
        "winner",
        "not_selected",
    ]
    assert (rows["k4"]["place"], rows["k3"]["place"]) == (3, 4)


def test_ak2_a_tie_vote_must_be_a_declared_question() -> None:
    text = bundled_path("AK").read_text(encoding="utf-8")
    assert text.count("tie_vote: tie_advance") == 1
    with pytest.raises(InputError) as err:
        parse_regulation(
            text.replace("tie_vote: tie_advance", "tie_vote: tie_advanse").encode(), "ak"
        )
    (problem,) = err.value.problems
    assert problem.path == "stages[2].tie_vote"
    assert problem.reason == "vote question 'tie_advanse' is not declared in 'votes'"
    lines = text.splitlines()
    assert problem.line == 1 + next(
        i for i, ln in enumerate(lines) if "tie_vote: tie_advance" in ln
    )


@pytest.mark.parametrize(
    ("cut", "reason"),
    [
        ("        limit: {n: 3}\n", "a tie vote needs an award with a limit"),
        ("    commission: republican_commission\n", "a tie vote needs the stage's commission"),
    ],
)
def test_ak2_a_tie_vote_needs_a_limit_and_a_commission(cut: str, reason: str) -> None:
    text = bundled_path("AK").read_text(encoding="utf-8")
    assert text.count(cut) == 1
    with pytest.raises(InputError) as err:
        parse_regulation(text.replace(cut, "").encode(), "ak")
    found = {p.path: p.reason for p in err.value.problems}
    assert found["stages[3].tie_vote"] == reason
