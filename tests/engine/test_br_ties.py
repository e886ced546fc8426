"""BR-15, BR-16: the admission of the best group (4.9) and the inclusion (4.13) are the
Commission's decisions; where the group's slots or a level's places cut through equal scores,
the Commission votes on each tied candidate (the stages' ``tie_vote``, ``rezerv.engine.ties``)."""

from __future__ import annotations

from typing import Any

from rezerv import wording
from rezerv.engine.loader import LoadedRegulation, load_regulation
from tests.engine.test_br import by_id, case_of, certificate, expert, person, remote, run

BR: LoadedRegulation = load_regulation("BR")
MEMBERS = ["k1", "k2", "k3", "k4"]  # the chair, two members, the secretary (a member here)


def meeting(mid: str, stage: str) -> dict[str, Any]:
    date = "2026-04-20" if stage == "remote" else "2026-05-26"
    return {"id": mid, "stage": stage, "commission": "com", "date": date, "present": MEMBERS}


def votes(mid: str, question: str, n_for: dict[str, int]) -> list[dict[str, Any]]:
    return [
        {"meeting": mid, "question": question, "candidate": cid, "member": m}
        | {"vote": "for" if k < n else "against"}
        for cid, n in n_for.items()
        for k, m in enumerate(MEMBERS)
    ]


def test_br15_equal_remote_scores_at_the_best_groups_cut_are_voted_on() -> None:
    # two basic slots: b1 first; b2 and b3 tied for the second (b2 applied first)
    case = case_of(
        person("b1"),
        person("b2", submitted_at="2026-03-05T10:00:00"),
        person("b3"),
    )
    case["results"] = [remote("b1", 25), remote("b2", 22), remote("b3", 22)]
    rows = by_id(run(BR, case))
    assert rows["b1"]["stages"]["remote"]["outcome"] == "admitted_to_next_stage"
    for cid in ("b2", "b3"):
        (reason,) = rows[cid]["stages"]["remote"]["pending"]
        assert (reason["code"], reason["rules"]) == ("tie_vote_needed", ["BR-15"])
        assert reason["params"] == {"tied": 2, "outcome": "допущен к очному этапу", "places": 1}
    assert "нужно голосование комиссии" in wording.reason(reason)
    case["meetings"] = [meeting("r1", "remote")]
    case["votes"] = votes("r1", "tie_admit", {"b2": 1, "b3": 3})
    rows = by_id(run(BR, case))
    assert rows["b3"]["stages"]["remote"]["outcome"] == "admitted_to_next_stage"
    assert rows["b2"]["outcome"] == "not_selected"
    assert rows["b2"]["stages"]["remote"]["tie_break"]["rules"] == ["BR-15"]


def test_br16_equal_ratings_at_a_levels_last_place_are_voted_on() -> None:
    case = case_of(person("b1"), person("b2"), person("b3"))
    case["campaign"]["quotas"]["in_person_slots"]["basic"] = 3
    case["results"] = [remote("b1", 25), remote("b2", 22), remote("b3", 20)]
    case["results"] += [expert("b1", 80), expert("b2", 80), expert("b3", 60)]
    case["results"] += [certificate(c) for c in ("b1", "b2", "b3")]
    case["meetings"] = [meeting("d1", "in_person")]
    case["votes"] = votes("d1", "tie_include", {"b1": 2, "b2": 2})  # the chair «за» both
    rows = by_id(run(BR, case))
    for cid in ("b1", "b2"):
        (reason,) = rows[cid]["stages"]["in_person"]["pending"]
        assert (reason["code"], reason["rules"]) == ("tie_vote_equal", ["BR-16"])
    assert rows["b3"]["outcome"] == "not_selected"
    case["votes"] = votes("d1", "tie_include", {"b1": 2, "b2": 3})
    rows = by_id(run(BR, case))
    assert rows["b2"]["outcome"] == "included_in_reserve"
    assert rows["b1"]["outcome"] == "not_selected"
    assert (rows["b2"]["place"], rows["b1"]["place"]) == (1, 2)
