"""A decision of an earlier stage read at that stage (BR-15: the admission to the in-person
stage), and which decision enters a candidate in the reserve (BR-9: included at the intake)."""

from __future__ import annotations

from rezerv.engine.loader import bundled_path, load_regulation
from rezerv.selection.stage_rows import decided_here, stage_rows

ADMITTED = {
    "id": "1",
    "name": "Гарипов Ильдар Рустамович",
    "outcome": "not_passed",
    "outcome_title": "не прошёл испытание",
    "decided_at": "in_person",
    "final_score": "0.00",
    "place": None,
    "stages": {
        "remote": {"score": "27.00", "max": "30", "place": 1, "outcome": "admitted_to_next_stage"},
        "in_person": {"score": "0.00", "max": "100", "outcome": "not_passed"},
    },
}
DIRECT = {
    "id": "2",
    "name": "Ишмуратов Тимур Азатович",
    "outcome": "included_in_reserve",
    "outcome_title": "включён в резерв",
    "decided_at": "intake",
    "stages": {},
}


def test_br15_remote_decision_shows_the_stage_outcome_score_and_place() -> None:
    reg = load_regulation(bundled_path("BR")).regulation
    admitted, direct = stage_rows(reg, "remote", [ADMITTED, DIRECT])
    assert admitted["outcome"] == "admitted_to_next_stage"
    assert admitted["outcome_title"] == "допущен к очному этапу"
    assert (admitted["final_score"], admitted["place"]) == ("27.00", 1)
    assert direct == DIRECT  # decided before the stage: shown with its outcome


def test_br16_last_stage_decision_shows_the_final_outcome() -> None:
    reg = load_regulation(bundled_path("BR")).regulation
    assert stage_rows(reg, "in_person", [ADMITTED, DIRECT]) == [ADMITTED, DIRECT]


def test_br9_a_candidate_included_at_the_intake_is_recorded_by_any_later_decision() -> None:
    reg = load_regulation(bundled_path("BR")).regulation
    assert decided_here(reg, "remote", DIRECT) and decided_here(reg, "in_person", DIRECT)
    assert not decided_here(reg, "remote", ADMITTED)
    assert decided_here(reg, "in_person", ADMITTED)
