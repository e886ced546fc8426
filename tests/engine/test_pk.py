"""The PK procedure: the municipal personnel reserve of the Pokrovskoe rural settlement (PK-1..PK-10).

Every test builds a small case, evaluates it through the public engine API (as the CLI does) and
checks the computed result.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rezerv import wording
from rezerv.engine.case import check_case, parse_case
from rezerv.engine.errors import InputError
from rezerv.engine.evaluate import evaluate
from rezerv.engine.loader import load_regulation, parse_regulation

ROOT = Path(__file__).resolve().parents[2]
DOCS = [
    "application",
    "questionnaire",
    "passport_copy",
    "education_copies",
    "work_record",
    "data_consent",
]
MEMBERS = ["m1", "m2", "m3", "m4", "m5"]
ENTERED = [
    "breadth",
    "planning",
    "activity",
    "innovation",
    "leadership",
    "analysis",
    "communication",
    "argumentation",
    "literacy",
    "foreign_language",
]
# option ids by points, per member-entered criterion
OPTIONS: dict[str, dict[int, str]] = {
    "breadth": {1: "narrow", 2: "broad_one", 3: "broad_several"},
    "planning": {0: "none", 1: "unsystematic", 2: "systematic"},
    "activity": {0: "none", 1: "weak", 2: "high"},
    "innovation": {0: "low", 1: "medium", 2: "high"},
    "leadership": {0: "undeveloped", 1: "medium", 2: "high"},
    "analysis": {0: "undeveloped", 1: "medium", 2: "high"},
    "communication": {0: "low", 1: "medium", 2: "high"},
    "argumentation": {0: "not_disclosed", 1: "partial", 2: "full"},
    "literacy": {0: "low", 1: "medium", 2: "high"},
    "foreign_language": {0: "none", 1: "with_dictionary", 2: "conversational", 3: "fluent"},
}


def run(case: dict[str, Any]) -> dict[str, Any]:
    loaded = load_regulation("PK")
    parsed = parse_case(json.dumps(case, ensure_ascii=False).encode(), "case")
    check_case(loaded.regulation, parsed, "case")
    return evaluate(loaded, parsed)


def by_id(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in result["candidates"]}


def candidate(
    cid: str,
    *,
    route: str = "attestation",
    position: str = "deputy_head",
    group: str = "main",
    submitted: str = "2026-01-20T10:00:00",
    documents: list[str] | None = None,
    consent: bool = True,
    **facts: Any,
) -> dict[str, Any]:
    base: dict[str, Any] = {
        "citizenship": "RU",
        "birth_date": "1985-01-01",
        "meets_qualification": True,
        "target_position": position,
        "target_group": group,
        "successful_projects": 0,
        "from_scratch": "no",
        "positive_references": 0,
        "education_level": "bachelor",
        "managerial_experience_years": 0,
        "legal_test_percent": 0,
        "municipal_service_years": 1,
        "education": "Университет, 2008, «Государственное и муниципальное управление»",
    }
    base.update(facts)
    docs = list(DOCS) if documents is None else documents
    if documents is None and route == "default":
        docs.append("recommendation")
    return {
        "id": cid,
        "name": f"Кандидат {cid}",
        "route": route,
        "submitted_at": submitted,
        "consent": consent,
        "documents": docs,
        "facts": base,
    }


def ballot_row(points: list[int]) -> dict[str, str]:
    return {crit: OPTIONS[crit][p] for crit, p in zip(ENTERED, points, strict=True)}


def flat(total: int) -> list[int]:
    """Member entries summing to ``total`` (1..22): breadth first, then the others."""
    assert 1 <= total <= 22
    out = [1] + [0] * 9
    rest = total - 1
    caps = [2, 2, 2, 2, 2, 2, 2, 2, 2, 3]
    for i, cap in enumerate(caps):
        step = min(cap, rest)
        out[i] += step
        rest -= step
    return out


def pk_case(
    candidates: list[dict[str, Any]],
    entries: dict[str, list[int]] | None = None,
    *,
    present: list[str] | None = None,
    votes: dict[str, dict[str, str]] | None = None,
    events: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A PK case. ``entries``: per candidate, the entered total of each present member
    (all members vote «for» every assessed candidate unless ``votes`` says otherwise)."""
    present = present if present is not None else list(MEMBERS)
    entries = entries or {}
    ballots = []
    for k, member in enumerate(present):
        rows = {cid: ballot_row(flat(vals[k])) for cid, vals in entries.items() if k < len(vals)}
        ballots.append(
            {"stage": "commission", "method": "assessment", "member": member, "rows": rows}
        )
    vote_rows = []
    for cid in entries:
        chosen = (votes or {}).get(cid, {m: "for" for m in present})
        for member, vote in chosen.items():
            vote_rows.append(
                {
                    "meeting": "mt1",
                    "question": "include",
                    "candidate": cid,
                    "member": member,
                    "vote": vote,
                }
            )
    members = [{"id": m, "role": "chair" if m == "m1" else "member"} for m in MEMBERS]
    return {
        "regulation": "PK",
        "campaign": {"id": "t", "title": "Тест"},
        "events": events
        or {"formation_start": "2026-01-12", "intake_end": "2026-02-27", "approval": "2026-03-27"},
        "commissions": [
            {
                "id": "main",
                "rule": "reserve_commission",
                "stages": ["commission"],
                "members": members,
            }
        ],
        "candidates": candidates,
        "ballots": ballots,
        "meetings": [
            {
                "id": "mt1",
                "stage": "commission",
                "commission": "main",
                "date": "2026-03-17",
                "present": present,
            }
        ],
        "votes": vote_rows,
    }


def five(total: int) -> list[int]:
    return [total] * 5


# ----------------------------------------------------------------------------- PK-1


def test_pk1_target_position_of_senior_group_refused() -> None:
    result = run(pk_case([candidate("c1", group="senior"), candidate("c2")], {"c2": five(10)}))
    rows = by_id(result)
    assert rows["c1"]["outcome"] == "refused"
    assert rows["c1"]["refusals"][0]["rules"] == ["PK-1"]
    assert rows["c1"]["refusals"][0]["code"] == "requirement_not_met"
    assert "высшей, главной или ведущей группы" in wording.reason(rows["c1"]["refusals"][0])
    assert rows["c2"]["outcome"] == "included_in_reserve"


@pytest.mark.parametrize("group", ["higher", "main", "leading"])
def test_pk1_higher_main_and_leading_groups_admitted(group: str) -> None:
    rows = by_id(run(pk_case([candidate("c1", group=group)], {"c1": five(10)})))
    assert rows["c1"]["admitted"] is True
    assert rows["c1"]["outcome"] == "included_in_reserve"


# ----------------------------------------------------------------------------- PK-2


def test_pk2_at_most_two_candidates_per_target_position() -> None:
    cands = [
        candidate("a1"),
        candidate("a2"),
        candidate("a3"),
        candidate("b1", position="sector_head", group="leading"),
        candidate("b2", position="sector_head", group="leading"),
    ]
    entries = {"a1": five(20), "a2": five(15), "a3": five(12), "b1": five(5), "b2": five(4)}
    rows = by_id(run(pk_case(cands, entries)))
    assert [rows[c]["outcome"] for c in ("a1", "a2", "a3")] == [
        "included_in_reserve",
        "included_in_reserve",
        "not_selected",
    ]
    assert "исчерпан лимит (2)" in wording.not_granted(
        rows["a3"]["stages"]["commission"]["not_granted"][0]
    )
    # the other position has its own two places, whatever the scores
    assert rows["b1"]["outcome"] == rows["b2"]["outcome"] == "included_in_reserve"


def test_pk2_pk6_members_kept_in_reserve_take_places_within_the_limit() -> None:
    cands = [
        candidate("old", route="in_reserve", documents=[]),
        candidate("n1"),
        candidate("n2"),
    ]
    rows = by_id(run(pk_case(cands, {"n1": five(18), "n2": five(16)})))
    assert rows["old"]["outcome"] == "included_in_reserve"
    assert rows["n1"]["outcome"] == "included_in_reserve"
    assert rows["n2"]["outcome"] == "not_selected"
    assert rows["n2"]["stages"]["commission"]["not_granted"][0]["code"] == "limit_reached"


# ----------------------------------------------------------------------------- PK-3


def test_pk3_recommendations_due_by_1_february_of_the_formation_year() -> None:
    result = run(pk_case([candidate("c1")], {"c1": five(10)}))
    due = next(d for d in result["deadlines"] if d["id"] == "recommendations_due")
    assert due["date"] == "2026-02-01"
    assert due["rules"] == ["PK-3"]


def test_pk3_recommendation_after_1_february_refused_other_sources_not() -> None:
    late = "2026-02-02T09:00:00"
    cands = [
        candidate("rec", route="default", submitted=late),
        candidate("att", route="attestation", submitted=late),
        candidate("com", route="competition", submitted=late),
        candidate("rec_ok", route="default", submitted="2026-02-01T17:00:00"),
    ]
    entries = {"att": five(10), "com": five(9), "rec_ok": five(8)}
    rows = by_id(run(pk_case(cands, entries)))
    assert rows["rec"]["outcome"] == "refused"
    assert rows["rec"]["refusals"][0]["rules"] == ["PK-3"]
    assert rows["rec"]["refusals"][0]["code"] == "submitted_after_route_close"
    assert "после срока 2026-02-01" in wording.reason(rows["rec"]["refusals"][0])
    assert rows["att"]["admitted"] and rows["com"]["admitted"] and rows["rec_ok"]["admitted"]


def test_pk3_recommendation_route_requires_the_recommendation() -> None:
    cands = [
        candidate("rec", route="default", documents=list(DOCS)),
        candidate("att", route="attestation", documents=list(DOCS)),
        candidate("com", route="competition", documents=list(DOCS)),
    ]
    rows = by_id(run(pk_case(cands, {"att": five(10), "com": five(9)})))
    assert rows["rec"]["outcome"] == "refused"
    reason = rows["rec"]["refusals"][0]
    assert "PK-3" in reason["rules"] and "Рекомендация (приложение № 2)" in wording.reason(reason)
    assert rows["att"]["admitted"] and rows["com"]["admitted"]


def test_pk3_route_deadline_must_name_an_event() -> None:
    raw = (ROOT / "src" / "rezerv" / "regulations" / "pk.yaml").read_text("utf-8")
    bad = raw.replace("closes: recommendations_due", "closes: february_first", 1)
    with pytest.raises(InputError) as err:
        parse_regulation(bad.encode(), "pk.yaml")
    problem = err.value.problems[0]
    assert "unknown event 'february_first'" in str(problem)
    assert "routes[0].closes" in str(problem)


def test_pk3_intake_of_other_sources_ends_on_intake_end() -> None:
    cands = [candidate("att", submitted="2026-02-28T09:00:00")]
    rows = by_id(run(pk_case(cands)))
    assert rows["att"]["outcome"] == "refused"
    assert "после окончания приёма 2026-02-27" in wording.reason(rows["att"]["refusals"][0])


# ----------------------------------------------------------------------------- PK-4, C-2, C-4


def test_c2_citizenship_and_age_checked_before_admission() -> None:
    cands = [
        candidate("foreign", citizenship="KZ"),
        candidate("young", birth_date="2008-03-01"),
        candidate("ok", birth_date="2008-02-27"),
    ]
    rows = by_id(run(pk_case(cands, {"ok": five(10)})))
    assert rows["foreign"]["outcome"] == rows["young"]["outcome"] == "refused"
    assert "гражданство Российской Федерации" in wording.reason(rows["foreign"]["refusals"][0])
    assert "18 лет" in rows["young"]["refusals"][0]["params"]["requirement"]
    assert rows["young"]["refusals"][0]["rules"] == ["C-2"]
    assert rows["ok"]["admitted"] is True  # 18 on intake_end, 2026-02-27


def test_pk4_c3_missing_documents_refused_with_their_titles() -> None:
    docs = [d for d in DOCS if d not in ("questionnaire", "work_record")]
    rows = by_id(run(pk_case([candidate("c1", documents=docs)])))
    assert rows["c1"]["outcome"] == "refused"
    reason = rows["c1"]["refusals"][0]
    assert reason["rules"] == ["PK-4"]
    assert "анкета с фотографией" in wording.reason(reason)
    assert "трудовой книжки" in wording.reason(reason)


def test_pk4_optional_documents_are_not_required() -> None:
    # additional education and characterising documents are «при наличии»
    rows = by_id(run(pk_case([candidate("c1", documents=list(DOCS))], {"c1": five(10)})))
    assert rows["c1"]["admitted"] is True


def test_c4_pk4_no_personal_data_consent_refused() -> None:
    docs = [d for d in DOCS if d != "data_consent"]
    rows = by_id(run(pk_case([candidate("c1", consent=False, documents=docs)])))
    assert rows["c1"]["outcome"] == "refused"
    rules = [r["rules"] for r in rows["c1"]["refusals"]]
    assert ["C-4", "PK-4"] in rules
    assert any("приложение № 5" in wording.reason(r) for r in rows["c1"]["refusals"])


# ----------------------------------------------------------------------------- PK-5


def test_pk5_commission_checks_qualification_requirements() -> None:
    cands = [candidate("c1", meets_qualification=False), candidate("c2")]
    rows = by_id(run(pk_case(cands, {"c2": five(10)})))
    assert rows["c1"]["admitted"] is True
    assert rows["c1"]["outcome"] == "not_passed"
    assert rows["c1"]["decided_at"] == "commission"
    assert "квалификационным требованиям" in wording.reason(rows["c1"]["reasons"][0])
    assert "PK-5" in rows["c1"]["reasons"][0]["rules"]


def test_pk5_meeting_without_quorum_cannot_include() -> None:
    case = pk_case([candidate("c1")], {"c1": [10, 10]}, present=["m1", "m2"])
    result = run(case)
    meeting = result["meetings"][0]
    assert meeting["valid"] is False and meeting["quorum"] == 3
    assert meeting["reasons"][0]["rules"] == ["PK-5"]
    row = by_id(result)["c1"]
    assert row["outcome"] == "pending"
    assert row["stages"]["commission"]["pending"][0]["rules"] == ["PK-5"]
    assert row["stages"]["commission"]["pending"][0]["code"] == "meeting_invalid"
    assert "неправомочно" in wording.reason(row["stages"]["commission"]["pending"][0])


def test_pk5_inclusion_is_decided_by_majority_of_members_present() -> None:
    present = ["m1", "m2", "m3", "m4"]
    votes = {
        "c1": {"m1": "for", "m2": "for", "m3": "against", "m4": "against"},  # chair decides
        "c2": {"m1": "against", "m2": "for", "m3": "for", "m4": "against"},
        "c3": {"m1": "for", "m2": "for", "m3": "abstain", "m4": "abstain"},  # 2 of 4 present
    }
    cands = [
        candidate("c1"),
        candidate("c2", position="p2"),
        candidate("c3", position="p3"),
    ]
    entries = {"c1": [10] * 4, "c2": [10] * 4, "c3": [10] * 4}
    rows = by_id(run(pk_case(cands, entries, present=present, votes=votes)))
    assert rows["c1"]["outcome"] == "included_in_reserve"
    assert rows["c1"]["stages"]["commission"]["votes"]["include"]["casting_vote"] is True
    assert rows["c2"]["outcome"] == "not_selected"
    assert rows["c3"]["outcome"] == "not_selected"


def test_pk5_next_candidate_takes_the_place_of_one_not_voted_in() -> None:
    cands = [candidate("a1"), candidate("a2"), candidate("a3")]
    votes = {"a1": {m: "against" for m in MEMBERS}}
    rows = by_id(run(pk_case(cands, {"a1": five(20), "a2": five(15), "a3": five(12)}, votes=votes)))
    assert rows["a1"]["outcome"] == "not_selected"
    assert rows["a2"]["outcome"] == rows["a3"]["outcome"] == "included_in_reserve"


# ----------------------------------------------------------------------------- PK-6


def test_pk6_included_from_the_approval_of_the_reserve() -> None:
    rows = by_id(run(pk_case([candidate("c1")], {"c1": five(10)})))
    assert rows["c1"]["reserve"]["from"] == "2026-03-27"
    assert "until" not in rows["c1"]["reserve"]


@pytest.mark.parametrize(("approval", "complies"), [("2026-04-01", True), ("2026-04-02", False)])
def test_pk6_reserve_approved_by_1_april(approval: str, complies: bool) -> None:
    events = {"formation_start": "2026-01-12", "intake_end": "2026-02-27", "approval": approval}
    result = run(pk_case([candidate("c1")], {"c1": five(10)}, events=events))
    due = next(d for d in result["deadlines"] if d["id"] == "approval_due")
    assert due["date"] == "2026-04-01"
    assert due["complies"] is complies


def test_pk6_member_in_reserve_is_not_reexamined() -> None:
    rows = by_id(run(pk_case([candidate("old", route="in_reserve", documents=[])])))
    old = rows["old"]
    assert old["outcome"] == "included_in_reserve"
    assert old["decided_at"] == "intake"
    assert "commission" not in old["stages"]
    assert old["reasons"][0]["rules"] == ["PK-6"]
    assert old["reserve"]["from"] == "2026-03-27"


def test_pk6_change_during_the_year_uses_the_same_assessment() -> None:
    events = {"formation_start": "2026-09-01", "intake_end": "2026-09-15", "approval": "2026-09-30"}
    cands = [
        candidate("old", route="in_reserve", documents=[], submitted="2026-09-01T09:00:00"),
        candidate("n1", submitted="2026-09-03T09:00:00"),
        candidate("n2", submitted="2026-09-04T09:00:00"),
    ]
    result = run(pk_case(cands, {"n1": five(12), "n2": five(14)}, events=events))
    rows = by_id(result)
    due = next(d for d in result["deadlines"] if d["id"] == "approval_due")
    assert due["date"] == "2027-04-01" and due["complies"] is True
    assert rows["n2"]["outcome"] == "included_in_reserve"
    assert rows["n2"]["max_score"] == "36"
    assert rows["n1"]["outcome"] == "not_selected"  # the member kept holds the other place
    assert rows["n2"]["reserve"]["from"] == "2026-09-30"


# ----------------------------------------------------------------------------- PK-7


def test_pk7_reserve_list_per_position_with_appendix_1_columns() -> None:
    cands = [
        candidate(
            "c1",
            education="ЮФУ, 2010, «Юриспруденция»",
            retraining="2024, повышение квалификации",
            appointment_date="2020-02-01",
            municipal_service_years=6,
        ),
        candidate("c2"),
    ]
    rows = by_id(run(pk_case(cands, {"c1": five(15), "c2": five(12)})))
    assert rows["c1"]["place"] == 1 and rows["c2"]["place"] == 2
    assert rows["c1"]["stages"]["commission"]["rated_within"] == {"target_position": "deputy_head"}
    assert rows["c1"]["reserve"]["facts"] == {
        "birth_date": "1985-01-01",
        "education": "ЮФУ, 2010, «Юриспруденция»",
        "retraining": "2024, повышение квалификации",
        "appointment_date": "2020-02-01",
        "municipal_service_years": 6,
    }


def test_pk7_tie_broken_by_municipal_service_then_managerial_experience() -> None:
    cands = [
        candidate("a", municipal_service_years=2, managerial_experience_years=0.5),
        candidate("b", municipal_service_years=4, managerial_experience_years=0.5),
        candidate("c", municipal_service_years=4, managerial_experience_years=0.9),
    ]
    # equal totals: managerial experience under 1 year gives 0 points for all three
    rows = by_id(run(pk_case(cands, {"a": five(10), "b": five(10), "c": five(10)})))
    assert [rows[x]["place"] for x in ("c", "b", "a")] == [1, 2, 3]
    assert (
        rows["b"]["stages"]["commission"]["tie_break"]["decided_by"]
        == "опыт управленческой деятельности"
    )
    assert (
        rows["a"]["stages"]["commission"]["tie_break"]["decided_by"] == "стаж муниципальной службы"
    )
    assert rows["a"]["outcome"] == "not_selected"


def test_pk7_full_tie_falls_back_to_submission_time() -> None:
    cands = [
        candidate("a", submitted="2026-01-21T10:00:00"),
        candidate("b", submitted="2026-01-20T10:00:00"),
    ]
    rows = by_id(run(pk_case(cands, {"a": five(10), "b": five(10)})))
    assert rows["b"]["place"] == 1 and rows["a"]["place"] == 2


# ----------------------------------------------------------------------------- PK-8


def test_pk8_criteria_sheet_has_16_indicators_and_maximum_36() -> None:
    reg = load_regulation("PK").regulation
    sheet = reg.sheet("criteria_sheet")
    assert len(sheet.criteria) == 16
    assert sheet.top == Decimal(36)
    assert sum((c.top for c in sheet.criteria if c.derived), Decimal(0)) == 14
    assert sum((c.top for c in sheet.criteria if not c.derived), Decimal(0)) == 22
    assert [c.id for c in sheet.criteria if not c.derived] == ENTERED


def test_pk8_full_marks_give_36() -> None:
    best = candidate(
        "c1",
        successful_projects=3,
        from_scratch="yes",
        positive_references=4,
        education_level="academic_degree",
        managerial_experience_years=12,
        legal_test_percent=100,
    )
    rows = by_id(run(pk_case([best], {"c1": five(22)})))
    assert rows["c1"]["final_score"] == "36.00"
    assert rows["c1"]["max_score"] == "36"


def test_pk8_score_is_computed_part_plus_mean_of_member_entries() -> None:
    c1 = candidate(
        "c1",
        successful_projects=1,  # 1
        from_scratch="yes",  # 1
        positive_references=2,  # 2
        education_level="specialist",  # 2
        managerial_experience_years=2,  # 1
        legal_test_percent=60,  # 2
    )
    rows = by_id(run(pk_case([c1], {"c1": [10, 11, 12, 13, 15]})))
    derived = rows["c1"]["stages"]["commission"]["methods"]["assessment"]["derived"]
    assert derived == {
        "projects": "1.00",
        "from_scratch": "1.00",
        "references": "2.00",
        "education": "2.00",
        "managerial_experience": "1.00",
        "legal_knowledge": "2.00",
    }
    # 9 computed + (10 + 11 + 12 + 13 + 15) / 5 = 9 + 12.2
    assert rows["c1"]["final_score"] == "21.20"


@pytest.mark.parametrize(
    ("projects", "references", "points"),
    [(0, 0, 0), (1, 0, 1), (2, 1, 3), (5, 2, 4), (1, 7, 3)],
)
def test_pk8_projects_and_references_counted(projects: int, references: int, points: int) -> None:
    c1 = candidate("c1", successful_projects=projects, positive_references=references)
    rows = by_id(run(pk_case([c1], {"c1": five(1)})))
    # bachelor 1 + entered 1 + projects + references
    assert Decimal(rows["c1"]["final_score"]) == 2 + points


@pytest.mark.parametrize(
    ("level", "points"), [("bachelor", 1), ("master", 2), ("specialist", 2), ("academic_degree", 3)]
)
def test_pk8_education_levels(level: str, points: int) -> None:
    rows = by_id(run(pk_case([candidate("c1", education_level=level)], {"c1": five(1)})))
    assert (
        rows["c1"]["stages"]["commission"]["methods"]["assessment"]["derived"]["education"]
        == f"{points}.00"
    )


@pytest.mark.parametrize(
    ("years", "points"),
    [(0, 0), (0.99, 0), (1, 1), (2.9, 1), (3, 2), (5, 2), (5.01, 3), (20, 3)],
)
def test_pk8_managerial_experience_bands(years: float, points: int) -> None:
    rows = by_id(
        run(pk_case([candidate("c1", managerial_experience_years=years)], {"c1": five(1)}))
    )
    derived = rows["c1"]["stages"]["commission"]["methods"]["assessment"]["derived"]
    assert derived["managerial_experience"] == f"{points}.00"


@pytest.mark.parametrize(
    ("percent", "points"),
    [
        (0, 0),
        (25, 0),
        (25.5, 1),
        (26, 1),
        (50, 1),
        (50.5, 2),
        (51, 2),
        (75, 2),
        (75.5, 3),
        (76, 3),
        (100, 3),
    ],
)
def test_pk8_legal_test_bands(percent: float, points: int) -> None:
    rows = by_id(run(pk_case([candidate("c1", legal_test_percent=percent)], {"c1": five(1)})))
    derived = rows["c1"]["stages"]["commission"]["methods"]["assessment"]["derived"]
    assert derived["legal_knowledge"] == f"{points}.00"


def test_pk8_c5_option_outside_the_sheet_refused() -> None:
    case = pk_case([candidate("c1")], {"c1": five(10)})
    case["ballots"][0]["rows"]["c1"]["foreign_language"] = "native"
    with pytest.raises(InputError) as err:
        run(case)
    assert "unknown option 'native'" in str(err.value.problems[0])


def test_pk8_computed_criteria_cannot_be_entered_by_members() -> None:
    case = pk_case([candidate("c1")], {"c1": five(10)})
    case["ballots"][0]["rows"]["c1"]["education"] = "master"
    with pytest.raises(InputError) as err:
        run(case)
    assert "computed by the engine" in str(err.value.problems[0])


# ----------------------------------------------------------------------------- PK-9


def test_pk9_commission_excludes_a_member_on_a_ground() -> None:
    cands = [
        candidate("kept", route="in_reserve", documents=[]),
        candidate("gone", route="in_reserve", documents=[], exclusion_ground="own_request"),
        candidate("n1"),
        candidate("n2"),
    ]
    rows = by_id(run(pk_case(cands, {"n1": five(12), "n2": five(10)})))
    assert rows["gone"]["outcome"] == "excluded_from_reserve"
    assert rows["gone"]["reasons"] == [
        {
            "rules": ["PK-9"],
            "code": "excluded_from_reserve",
            "params": {
                "ground": "инициатива резервиста об исключении его из муниципального "
                "резерва с его личного согласия"
            },
        }
    ]
    assert "reserve" not in rows["gone"]
    # the excluded member frees the place: kept + n1 fill the two places
    assert rows["kept"]["outcome"] == rows["n1"]["outcome"] == "included_in_reserve"
    assert rows["n2"]["outcome"] == "not_selected"


def test_pk9_exclusion_grounds_of_5_2() -> None:
    reserve = load_regulation("PK").regulation.reserve
    assert reserve is not None
    assert [g.id for g in reserve.exclusion_grounds] == [
        "appointed",
        "age_limit",
        "refused_offer",
        "false_information",
        "own_request",
        "plans_not_fulfilled",
        "other_circumstances",
        "commission_decision",
    ]
    assert reserve.exclusion_grounds[0].title == "назначение на целевую должность"
    assert all(g.rules == ["PK-9"] for g in reserve.exclusion_grounds)


def test_pk9_unknown_exclusion_ground_is_an_input_error() -> None:
    cands = [candidate("old", route="in_reserve", documents=[], exclusion_ground="retired")]
    with pytest.raises(InputError) as err:
        run(pk_case(cands))
    problem = err.value.problems[0]
    assert problem.path == "candidates[0].facts.exclusion_ground"
    assert "'retired' is not an option of fact 'exclusion_ground'" in problem.reason


# ----------------------------------------------------------------------------- PK-10


def test_pk10_c7_documents_of_not_included_and_excluded_returned_against_signature() -> None:
    result = run(pk_case([candidate("c1")], {"c1": five(10)}))
    retention = {r["id"]: r for r in result["retention"]}
    for rid in ("not_included_documents", "excluded_member_file"):
        assert retention[rid]["then"] == "return"
        assert "PK-10" in retention[rid]["rules"]
        assert "под роспись" in retention[rid]["what"]
        # the regulation sets no period: returned against signature, never destroyed by the job
        assert retention[rid]["until"] is None


# ----------------------------------------------------------------------------- the example


def test_pk_example_key_figures() -> None:
    case = json.loads((ROOT / "examples" / "pk.json").read_text("utf-8"))
    result = run(copy.deepcopy(case))
    rows = by_id(result)
    assert {cid: rows[cid]["final_score"] for cid in ("c3", "c4", "c5", "c6", "c7")} == {
        "c3": "31.00",
        "c4": "22.00",
        "c5": "27.50",
        "c6": "19.00",
        "c7": "19.00",
    }
    assert {cid: rows[cid]["place"] for cid in ("c3", "c4", "c5", "c7", "c6")} == {
        "c3": 1,
        "c4": 2,
        "c5": 1,
        "c7": 2,
        "c6": 3,
    }
    outcomes = {cid: row["outcome"] for cid, row in rows.items()}
    assert outcomes == {
        "c1": "included_in_reserve",
        "c2": "excluded_from_reserve",
        "c3": "included_in_reserve",
        "c4": "not_selected",
        "c5": "included_in_reserve",
        "c6": "not_selected",
        "c7": "included_in_reserve",
        "c8": "refused",
    }
    assert (
        rows["c6"]["stages"]["commission"]["tie_break"]["decided_by"] == "стаж муниципальной службы"
    )
    assert rows["c8"]["refusals"][0]["rules"] == ["PK-1"]
    assert result["meetings"][0]["valid"] is True
    assert result["meetings"][0]["quorum"] == 3
    assert rows["c3"]["reserve"]["from"] == "2026-03-27"
