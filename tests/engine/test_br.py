"""The management personnel reserve of the Republic of Bashkortostan (BR): regulation file,
evaluation of small cases, and the reserve rules acting after inclusion (rezerv.engine.reserve).

Every test builds its own case and asserts what the engine computes from it; test names carry
the rule IDs of shared/spec/RULES.md they prove.
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
from rezerv.cli import run_evaluation
from rezerv.engine.case import check_case, parse_case
from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.engine.errors import InputError
from rezerv.engine.evaluate import evaluate
from rezerv.engine.loader import LoadedRegulation, bundled_path, load_regulation, parse_regulation
from rezerv.engine.reasons import Reason
from rezerv.engine.reserve import (
    PlanItem,
    ReserveError,
    ReserveMember,
    candidates_for_vacancy,
    cumulative_efficiency,
    efficiency,
    efficiency_level,
    exclusion,
    indicator,
    may_re_include,
    membership,
    plan_status,
    term_end,
    term_expired,
)
from rezerv.engine.schema import EligibilityRule, FactCondition

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "br.json"
BR_FILE = bundled_path("BR")
GENERAL_DOCS = [
    "application",
    "nomination",
    "questionnaire",
    "medical_certificate",
    "passport_copy",
    "education_work_copies",
]
LEADERS_DOCS = ["application", "questionnaire", "education_work_copies"]
D = dt.date


@pytest.fixture(scope="module")
def br() -> LoadedRegulation:
    return load_regulation("BR")


# --------------------------------------------------------------------------- case builders

# intake: announcement 2026-03-02, so intake_end = 2026-03-23 (the reference day for ages)
EVENTS = {
    "decision_published": "2026-02-24",
    "announcement": "2026-03-02",
    "documents_reviewed": "2026-04-03",
    "remote_protocol": "2026-04-20",
    "diagnostics_completed": "2026-05-08",
    "expert_conclusions_received": "2026-05-20",
    "commission_decision": "2026-05-26",
    "head_order": "2026-06-05",
}


def person(cid: str, **facts: Any) -> dict[str, Any]:
    """A basic-level candidate meeting every requirement, nominated by a head of a body."""
    base: dict[str, Any] = {
        "citizenship": "RU",
        "unexpunged_criminal_record": False,
        "employed": True,
        "reserve_level": "basic",
        "birth_date": "1985-05-05",
        "education": "master",
        "managerial_experience_years": 5,
        "managerial_tier": "middle",
        "recommender": "Министр",
        "experience_summary": "Руководство отделом",
        "sector": "Государственное управление",
    }
    route = facts.pop("route", "heads_of_bodies")
    documents = facts.pop("documents", GENERAL_DOCS)
    consent = facts.pop("consent", True)
    submitted = facts.pop("submitted_at", "2026-03-10T10:00:00")
    base.update(facts)
    for key in [k for k, v in base.items() if v is None]:
        del base[key]
    return {
        "id": cid,
        "name": f"Кандидат {cid}",
        "route": route,
        "submitted_at": submitted,
        "consent": consent,
        "documents": list(documents),
        "facts": base,
    }


def case_of(*candidates: dict[str, Any], **extra: Any) -> dict[str, Any]:
    case: dict[str, Any] = {
        "regulation": "BR",
        "campaign": {
            "id": "t",
            "quotas": {
                "in_person_slots": {"higher": 1, "basic": 2, "prospective": 1},
                "reserve_places": {"higher": 1, "basic": 1, "prospective": 1},
            },
        },
        "events": dict(EVENTS),
        "commissions": [
            {
                "id": "com",
                "rule": "reserve_commission",
                "stages": ["intake", "remote", "in_person"],
                "members": [
                    {"id": "k1", "role": "chair"},
                    {"id": "k2"},
                    {"id": "k3"},
                    {"id": "k4", "role": "secretary"},
                ],
            }
        ],
        "candidates": list(candidates),
        "results": [],
    }
    case.update(extra)
    return case


def remote(cid: str, total: int) -> dict[str, Any]:
    """A remote-stage ranking summing to ``total`` (at most 30)."""
    first = min(total, 10)
    second = min(total - first, 10)
    return {
        "stage": "remote",
        "method": "remote_ranking",
        "candidate": cid,
        "points": {
            "professional_experience": first,
            "managerial_experience": second,
            "managerial_readiness": total - first - second,
        },
    }


def expert(cid: str, score: int) -> dict[str, Any]:
    return {
        "stage": "in_person",
        "method": "expert_conclusion",
        "candidate": cid,
        "points": {"rating_score": score},
    }


def certificate(cid: str, passed: bool = True) -> dict[str, Any]:
    return {
        "stage": "in_person",
        "method": "in_person_documents",
        "candidate": cid,
        "passed": passed,
    }


def run(br: LoadedRegulation, case: dict[str, Any]) -> dict[str, Any]:
    parsed = parse_case(json.dumps(case, ensure_ascii=False).encode(), "case")
    check_case(br.regulation, parsed, "case")
    return evaluate(br, parsed, "case")


def by_id(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in result["candidates"]}


def refusal_text(row: dict[str, Any]) -> str:
    """The refusals as the Russian documents word them (``rezerv.wording``)."""
    return " | ".join(wording.reason(r) for r in row["refusals"])


def refusal_rules(row: dict[str, Any]) -> set[str]:
    return {rule for r in row["refusals"] for rule in r["rules"]}


def deadlines(br: LoadedRegulation, **events: str) -> dict[str, dict[str, Any]]:
    reg = br.regulation
    given = {k: D.fromisoformat(v) for k, v in events.items()}
    _, rows = compute_deadlines(reg, make_calendar(reg), given)
    return {row.deadline.id: row.as_json() for row in rows}


# --------------------------------------------------------------------------- the file


def test_br_regulation_loads_and_cites_its_rules(br: LoadedRegulation) -> None:
    reg = br.regulation
    assert reg.code == "BR" and reg.jurisdiction == "RU" and reg.calendar.country == "RU"
    cited = reg.cited_rules()
    for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 21, 22, 23):
        assert f"BR-{n}" in cited
    assert {"C-2", "C-3", "C-4", "C-5", "C-7"} <= cited


# --------------------------------------------------------------------------- BR-1 levels


def test_br1_three_levels_and_an_unknown_level_is_refused(br: LoadedRegulation) -> None:
    reserve = br.regulation.reserve
    assert reserve is not None
    assert [lvl.id for lvl in reserve.levels] == ["higher", "basic", "prospective"]
    rows = by_id(run(br, case_of(person("a", reserve_level="higher", managerial_tier="top"))))
    assert rows["a"]["admitted"] is True
    # A level the regulation does not declare is refused as input, naming the place (item 2).
    with pytest.raises(InputError) as err:
        run(br, case_of(person("a", reserve_level="municipal"), person("b")))
    assert err.value.problems[0].path == "candidates[0].facts.reserve_level"
    assert "'municipal' is not an option" in err.value.problems[0].reason


def test_br1_higher_level_needs_top_tier_experience_basic_accepts_middle(
    br: LoadedRegulation,
) -> None:
    rows = by_id(
        run(
            br,
            case_of(
                person("hi_mid", reserve_level="higher", managerial_tier="middle"),
                person("hi_top", reserve_level="higher", managerial_tier="top"),
                person("basic_mid", reserve_level="basic", managerial_tier="middle"),
            ),
        )
    )
    assert rows["hi_mid"]["outcome"] == "refused"
    assert "высшего управленческого звена" in refusal_text(rows["hi_mid"])
    assert rows["hi_top"]["admitted"] and rows["basic_mid"]["admitted"]


# --------------------------------------------------------------------------- BR-6, BR-7


@pytest.mark.parametrize(
    ("facts", "words"),
    [
        ({"citizenship": "KZ"}, "гражданства Российской Федерации"),
        ({"education": "bachelor"}, "не ниже уровня специалитета или магистратуры"),
        ({"managerial_experience_years": 2.9}, "не менее 3 лет"),
        ({"unexpunged_criminal_record": True}, "отсутствие судимости"),
        ({"birth_date": "1971-03-23"}, "возраст до 55 лет"),  # 55 on intake_end 2026-03-23
    ],
)
def test_br6_c2_each_requirement_refuses_with_its_reason(
    br: LoadedRegulation, facts: dict[str, Any], words: str
) -> None:
    row = by_id(run(br, case_of(person("x", **facts))))["x"]
    assert row["outcome"] == "refused"
    assert words in refusal_text(row)
    assert "BR-6" in refusal_rules(row)
    assert len(row["refusals"]) == 1


def test_br6_edges_specialist_three_years_and_age_54(br: LoadedRegulation) -> None:
    # 54 on 2026-03-23 (55 only on 2026-03-24); exactly 3 years; specialist level
    row = by_id(
        run(
            br,
            case_of(
                person(
                    "x",
                    birth_date="1971-03-24",
                    managerial_experience_years=3,
                    education="specialist",
                )
            ),
        )
    )["x"]
    assert row["admitted"] is True


def test_br7_prospective_level_drops_education_experience_and_age_55(
    br: LoadedRegulation,
) -> None:
    # bachelor, no experience, no tier: requirements 2, 3, 5 do not apply
    row = by_id(
        run(
            br,
            case_of(
                person(
                    "young",
                    reserve_level="prospective",
                    birth_date="2001-08-17",
                    education="bachelor",
                    managerial_experience_years=0,
                    managerial_tier=None,
                )
            ),
        )
    )["young"]
    assert row["admitted"] is True


@pytest.mark.parametrize(
    ("birth", "admitted"),
    [
        ("1990-03-24", True),  # 35 on 2026-03-23: "не старше 35" still holds
        ("1990-03-23", False),  # 36 on that day
        ("2008-03-23", True),  # 18 that day
        ("2008-03-24", False),  # 17
    ],
)
def test_br7_prospective_age_from_18_to_35_inclusive(
    br: LoadedRegulation, birth: str, admitted: bool
) -> None:
    row = by_id(
        run(
            br,
            case_of(
                person(
                    "p",
                    reserve_level="prospective",
                    birth_date=birth,
                    education="vocational",
                    managerial_experience_years=0,
                )
            ),
        )
    )["p"]
    assert row["admitted"] is admitted
    if not admitted:
        assert "BR-7" in refusal_rules(row)
        assert "не моложе 18 лет и не старше 35 лет" in refusal_text(row)


def test_br7_prospective_education_having_or_studying(br: LoadedRegulation) -> None:
    rows = by_id(
        run(
            br,
            case_of(
                person(
                    "school",
                    reserve_level="prospective",
                    birth_date="2005-01-01",
                    education="secondary",
                ),
                person(
                    "student",
                    reserve_level="prospective",
                    birth_date="2005-01-01",
                    education="secondary",
                    education_in_progress="bachelor",
                ),
            ),
        )
    )
    assert rows["school"]["outcome"] == "refused"
    assert "среднего профессионального или высшего образования" in refusal_text(rows["school"])
    assert rows["student"]["admitted"] is True


# --------------------------------------------------------------------------- BR-5 nominators


def test_br5_six_nominator_routes_and_the_recommender_is_recorded(
    br: LoadedRegulation,
) -> None:
    routes = {r.id for r in br.regulation.routes if "BR-5" in r.rules}
    assert len(routes) == 6
    rows = by_id(
        run(
            br,
            case_of(
                person("with", route="public_chamber"),
                person("without", route="public_chamber", recommender=None),
                person("open", route="default", recommender=None),
            ),
        )
    )
    assert rows["with"]["admitted"] is True
    assert rows["without"]["outcome"] == "refused"
    assert "рекомендателе" in refusal_text(rows["without"])
    assert rows["open"]["admitted"] is True  # the open intake names no nominator of 3.4


def test_br5_head_of_administration_nominates_only_civil_service_reservists(
    br: LoadedRegulation,
) -> None:
    rows = by_id(
        run(
            br,
            case_of(
                person("in", route="head_of_administration", in_civil_service_reserve=True),
                person("out", route="head_of_administration", in_civil_service_reserve=False),
            ),
        )
    )
    assert rows["in"]["admitted"] is True
    assert rows["out"]["outcome"] == "refused"
    assert "BR-5" in refusal_rules(rows["out"])


# --------------------------------------------------------------------------- BR-8 documents


def test_br8_c3_missing_documents_are_named(br: LoadedRegulation) -> None:
    docs = [d for d in GENERAL_DOCS if d not in ("medical_certificate", "nomination")]
    row = by_id(run(br, case_of(person("x", documents=docs))))["x"]
    assert row["outcome"] == "refused"
    text = refusal_text(row)
    assert "Представление (приложение 3)" in text
    assert "отсутствии заболевания" in text
    assert "BR-8" in refusal_rules(row)


def test_br8_c4_no_written_consent_no_application(br: LoadedRegulation) -> None:
    row = by_id(run(br, case_of(person("x", consent=False))))["x"]
    assert row["outcome"] == "refused"
    assert {"C-4", "BR-8"} <= refusal_rules(row)
    assert "опубликование персональных данных" in refusal_text(row)


def test_br8_false_information_is_a_ground_for_refusal(br: LoadedRegulation) -> None:
    rows = by_id(
        run(
            br,
            case_of(
                person("liar", false_information=True), person("honest", false_information=False)
            ),
        )
    )
    assert rows["liar"]["outcome"] == "refused"
    assert "ложные сведения" in refusal_text(rows["liar"])
    assert rows["honest"]["admitted"] is True


def test_br8_optional_extras_are_accepted(br: LoadedRegulation) -> None:
    docs = [*GENERAL_DOCS, "additional_education", "academic_degree", "state_awards"]
    assert by_id(run(br, case_of(person("x", documents=docs))))["x"]["admitted"] is True


# --------------------------------------------------------------------------- BR-9 projects


def test_br9_leaders_of_russia_semifinalist_included_directly_with_three_documents(
    br: LoadedRegulation,
) -> None:
    result = run(
        br,
        case_of(
            person(
                "lr",
                route="leaders_of_russia",
                documents=LEADERS_DOCS,
                leaders_of_russia_semifinalist=True,
                education="bachelor",  # requirement 2 does not apply
                managerial_experience_years=1,  # requirement 3 does not apply
                recommender=None,
            )
        ),
    )
    row = by_id(result)["lr"]
    assert row["outcome"] == "included_in_reserve"
    assert row["decided_at"] == "intake"
    assert row["stages"] == {}  # no competition
    assert {"BR-4", "BR-9"} <= {r for reason in row["reasons"] for r in reason["rules"]}
    assert row["reserve"]["from"] == "2026-06-05"


def test_br9_projects_keep_the_other_requirements_and_must_be_proven(
    br: LoadedRegulation,
) -> None:
    rows = by_id(
        run(
            br,
            case_of(
                person(
                    "old",
                    route="leaders_of_bashkortostan",
                    documents=LEADERS_DOCS,
                    leaders_of_bashkortostan_winner=True,
                    birth_date="1960-01-01",
                ),
                person(
                    "not_winner",
                    route="leaders_of_bashkortostan",
                    documents=LEADERS_DOCS,
                    leaders_of_bashkortostan_winner=False,
                ),
                person(
                    "winner",
                    route="leaders_of_bashkortostan",
                    documents=LEADERS_DOCS,
                    leaders_of_bashkortostan_winner=True,
                ),
            ),
        )
    )
    assert "возраст до 55 лет" in refusal_text(rows["old"])
    assert "«Лидеры Башкортостана»" in refusal_text(rows["not_winner"])
    assert rows["winner"]["outcome"] == "included_in_reserve"


def test_br9_competitive_candidate_still_needs_all_six_documents(
    br: LoadedRegulation,
) -> None:
    row = by_id(run(br, case_of(person("x", documents=LEADERS_DOCS))))["x"]
    assert row["outcome"] == "refused"
    assert "Представление" in refusal_text(row)


# --------------------------------------------------------------------------- BR-12 unemployed


@pytest.mark.parametrize(
    ("since", "admitted"),
    [
        ("2025-03-23", True),  # exactly one year on intake_end 2026-03-23: "не более 1 года"
        ("2025-03-22", False),  # one year and a day
        ("2025-12-01", True),
    ],
)
def test_br12_unemployed_at_most_one_year_by_the_calendar(
    br: LoadedRegulation, since: str, admitted: bool
) -> None:
    row = by_id(
        run(
            br,
            case_of(
                person(
                    "u",
                    employed=False,
                    unemployed_since=since,
                    managerial_experience_confirmed=True,
                )
            ),
        )
    )["u"]
    assert row["admitted"] is admitted
    if not admitted:
        assert refusal_rules(row) == {"BR-12", "BR-11", "C-2"}  # BR-11: the ground
        assert "не более 1 года" in refusal_text(row)


def test_br12_unemployed_needs_confirmed_experience_not_for_prospective(
    br: LoadedRegulation,
) -> None:
    rows = by_id(
        run(
            br,
            case_of(
                person(
                    "unconfirmed",
                    employed=False,
                    unemployed_since="2026-01-10",
                    managerial_experience_confirmed=False,
                ),
                person(
                    "prospective",
                    reserve_level="prospective",
                    birth_date="2000-01-01",
                    employed=False,
                    unemployed_since="2023-01-01",
                    managerial_experience_years=0,
                ),
            ),
        )
    )
    assert "подтверждённым стажем" in refusal_text(rows["unconfirmed"])
    assert rows["prospective"]["admitted"] is True


def test_br12_elapsed_condition_takes_a_term_and_a_known_event(br: LoadedRegulation) -> None:
    with pytest.raises(ValueError, match="compares with a term"):
        FactCondition.model_validate(
            {"fact": "unemployed_since", "elapsed_at": "intake_end", "op": "lte", "value": 1}
        )
    with pytest.raises(ValueError, match="does not compare an elapsed time"):
        FactCondition.model_validate(
            {"fact": "x", "elapsed_at": "intake_end", "op": "in", "value": [{"years": 1}]}
        )
    raw = BR_FILE.read_text(encoding="utf-8").replace(
        "elapsed_at: intake_end", "elapsed_at: nowhere"
    )
    with pytest.raises(InputError, match="unknown event 'nowhere' in elapsed_at"):
        parse_regulation(raw.encode(), "br.yaml")


# --------------------------------------------------------------------------- BR-10, 11, 14


def test_br14_intake_is_21_days_and_decision_published_5_days_before(
    br: LoadedRegulation,
) -> None:
    ok = deadlines(br, announcement="2026-03-02", decision_published="2026-02-25")
    assert ok["intake_end"]["date"] == "2026-03-23"
    assert ok["decision_publication_latest"]["date"] == "2026-02-25"
    assert ok["decision_publication_latest"]["complies"] is True
    late = deadlines(br, announcement="2026-03-02", decision_published="2026-02-26")
    assert late["decision_publication_latest"]["complies"] is False


def test_br11_br14_application_after_the_intake_or_before_it_is_refused(
    br: LoadedRegulation,
) -> None:
    rows = by_id(
        run(
            br,
            case_of(
                person("last_day", submitted_at="2026-03-23T17:59:00"),
                person("late", submitted_at="2026-03-24T09:00:00"),
                person("early", submitted_at="2026-03-01T09:00:00"),
            ),
        )
    )
    assert rows["last_day"]["admitted"] is True
    assert rows["late"]["outcome"] == "refused"
    assert "после окончания приёма 2026-03-23" in refusal_text(rows["late"])
    assert rows["late"]["refusals"][0]["code"] == "submitted_after_close"
    assert rows["early"]["refusals"][0]["code"] == "submitted_before_open"
    assert "BR-11" in refusal_rules(rows["late"])
    assert rows["early"]["outcome"] == "refused"


def test_br10_br11_review_letter_and_fix_windows(br: LoadedRegulation) -> None:
    rows = deadlines(
        br,
        announcement="2026-03-02",
        documents_reviewed="2026-04-08",
        refusal_letters_sent="2026-04-16",
        refusal_letters_received="2026-04-18",
    )
    assert rows["document_review_latest"]["date"] == "2026-04-07"  # 15 days after 03-23
    assert rows["document_review_latest"]["complies"] is False
    assert rows["refusal_letter_latest"]["date"] == "2026-04-15"  # 7 days after the review
    assert rows["refusal_letter_latest"]["complies"] is False
    assert rows["fix_latest"]["date"] == "2026-04-25"  # 7 days from receipt


# --------------------------------------------------------------------------- BR-15 stages


def test_br15_remote_best_group_per_level_then_in_person_rating(br: LoadedRegulation) -> None:
    case = case_of(
        person("b1"),
        person("b2"),
        person("b3"),
        person("p1", reserve_level="prospective", birth_date="2000-01-01"),
        person("p2", reserve_level="prospective", birth_date="2000-01-01"),
    )
    case["results"] = [
        remote("b1", 20),
        remote("b2", 25),
        remote("b3", 22),
        remote("p1", 12),
        remote("p2", 15),
        expert("b2", 70),
        expert("b3", 80),
        expert("p2", 60),
        certificate("b2"),
        certificate("b3"),
        certificate("p2"),
    ]
    result = run(br, case)
    rows = by_id(result)
    # remote: basic ranked 25, 22, 20 — two slots; prospective 15, 12 — one slot
    assert rows["b2"]["stages"]["remote"]["place"] == 1
    assert rows["b3"]["stages"]["remote"]["place"] == 2
    assert rows["b1"]["outcome"] == "not_selected"
    assert rows["b1"]["decided_at"] == "remote"
    (unmet,) = rows["b1"]["stages"]["remote"]["not_granted"]
    assert (unmet["code"], unmet["params"]["limit"]) == ("limit_reached", 2)
    assert "исчерпан лимит (2)" in wording.not_granted(unmet)
    assert rows["p1"]["outcome"] == "not_selected"
    # in person: the rating alone decides (b3 overtakes b2); one basic place, one prospective
    assert rows["b3"]["outcome"] == "included_in_reserve"
    assert rows["b3"]["final_score"] == "80.00" and rows["b3"]["max_score"] == "100"
    assert rows["b2"]["outcome"] == "not_selected"
    assert rows["b2"]["decided_at"] == "in_person"
    assert rows["p2"]["outcome"] == "included_in_reserve"
    assert result["stages"][1]["awarded"] == {"admitted_to_next_stage": 3}
    assert result["stages"][2]["awarded"] == {"included_in_reserve": 2}


def test_br15_the_best_group_size_comes_from_the_case(br: LoadedRegulation) -> None:
    case = case_of(person("b1"), person("b2"), person("b3"))
    case["campaign"]["quotas"]["in_person_slots"]["basic"] = 3
    case["results"] = [remote("b1", 20), remote("b2", 25), remote("b3", 22)]
    rows = by_id(run(br, case))
    assert all(r["stages"]["remote"]["outcome"] == "admitted_to_next_stage" for r in rows.values())


def test_br15_stage_deadlines_30_20_and_14_days(br: LoadedRegulation) -> None:
    rows = deadlines(br, announcement="2026-03-02", remote_protocol="2026-04-20")
    assert rows["remote_ranking_latest"]["date"] == "2026-04-22"  # 30 days after 03-23
    assert rows["diagnostics_latest"]["date"] == "2026-05-10"  # 20 days after admission
    assert rows["expert_conclusions_latest"]["date"] == "2026-05-24"  # 14 after that term


# --------------------------------------------------------------------------- BR-16


def test_br16_no_criminal_record_certificate_no_inclusion(br: LoadedRegulation) -> None:
    case = case_of(person("b1"), person("b2"))
    case["results"] = [
        remote("b1", 25),
        remote("b2", 20),
        expert("b1", 90),
        expert("b2", 60),
        certificate("b1", passed=False),
        certificate("b2"),
    ]
    rows = by_id(run(br, case))
    assert rows["b1"]["outcome"] == "not_passed"
    assert "BR-16" in {r for reason in rows["b1"]["reasons"] for r in reason["rules"]}
    failed = rows["b1"]["reasons"][-1]
    assert failed["code"] == "method_not_passed"
    assert "справка о наличии (отсутствии) судимости" in failed["params"]["method"].lower()
    assert rows["b2"]["outcome"] == "included_in_reserve"  # the place goes to the next


def test_br16_certificate_14_days_decision_7_days_notice_one_month(
    br: LoadedRegulation,
) -> None:
    rows = deadlines(
        br,
        diagnostics_completed="2026-05-08",
        expert_conclusions_received="2026-05-20",
        commission_decision="2026-01-31",
        results_notified="2026-03-01",
    )
    assert rows["in_person_documents_latest"]["date"] == "2026-05-22"
    assert rows["commission_decision_latest"]["date"] == "2026-05-27"
    # one calendar month from 31 January ends on 28 February (Civil Code art. 192)
    assert rows["results_notice_latest"]["date"] == "2026-02-28"
    assert rows["results_notice_latest"]["complies"] is False
    assert deadlines(br, commission_decision="2026-05-26")["results_notice_latest"]["date"] == (
        "2026-06-26"
    )


# --------------------------------------------------------------------------- BR-2, 3, 4, 17, 18


def test_br2_br4_term_runs_three_years_from_the_heads_order(br: LoadedRegulation) -> None:
    case = case_of(person("b1"))
    case["results"] = [remote("b1", 25), expert("b1", 90), certificate("b1")]
    case["events"]["head_order"] = "2028-02-29"
    row = by_id(run(br, case))["b1"]
    assert row["reserve"]["from"] == "2028-02-29"
    assert row["reserve"]["until"] == "2031-02-28"
    assert row["reserve"]["rules"] == ["BR-2"]
    assert row["reserve"]["level"] == "basic"


def test_br2_term_end_and_expiry_edges(br: LoadedRegulation) -> None:
    reserve = br.regulation.reserve
    assert reserve is not None
    assert term_end(reserve, D(2026, 6, 5)) == D(2029, 6, 5)
    assert not term_expired(reserve, D(2026, 6, 5), D(2029, 6, 5))  # last day counts
    assert term_expired(reserve, D(2026, 6, 5), D(2029, 6, 6))
    member = ReserveMember("m", D(2026, 6, 5))
    assert membership(reserve, member, D(2029, 6, 6)) == (
        False,
        Reason(("BR-2",), "reserve_term_expired", {"end": "2029-06-05"}),
    )
    assert membership(reserve, member, D(2029, 6, 5)) == (True, Reason((), "reserve_member"))
    assert wording.reason(membership(reserve, member, D(2026, 6, 4))[1]) == (
        "включён в резерв только 2026-06-05"
    )


def test_br3_publication_within_10_working_days_skips_russia_day(br: LoadedRegulation) -> None:
    rows = deadlines(br, head_order="2026-06-05", composition_published="2026-06-22")
    # 8–11 June (4), 12 June is a holiday, 15–19 (9), 22 June (10)
    assert rows["publication_latest"]["date"] == "2026-06-22"
    assert rows["publication_latest"]["complies"] is True
    assert (
        deadlines(br, head_order="2026-06-05", composition_published="2026-06-23")[
            "publication_latest"
        ]["complies"]
        is False
    )


def test_br17_reserve_record_carries_rating_experience_and_sector(br: LoadedRegulation) -> None:
    case = case_of(person("b1", experience_summary="Начальник отдела, 5 лет", sector="энергетика"))
    case["results"] = [remote("b1", 25), expert("b1", 88), certificate("b1")]
    row = by_id(run(br, case))["b1"]
    assert row["final_score"] == "88.00"
    assert row["reserve"]["facts"] == {
        "experience_summary": "Начальник отдела, 5 лет",
        "sector": "энергетика",
    }


def test_br18_c7_documents_of_candidates_not_included_kept_one_year(br: LoadedRegulation) -> None:
    result = run(br, case_of(person("b1")))
    kept = {r["id"]: r for r in result["retention"]}["candidate_documents"]
    assert kept["until"] == "2027-05-26"  # one year from the commission's decision 2026-05-26
    assert kept["then"] == "return_or_destroy"
    assert "BR-18" in kept["rules"]


# --------------------------------------------------------------------------- C-5, C-6


def test_c5_score_outside_the_sheet_is_refused(br: LoadedRegulation) -> None:
    case = case_of(person("b1"))
    case["results"] = [expert("b1", 101)]
    case["results"][0]["stage"] = "in_person"
    parsed = parse_case(json.dumps(case).encode(), "case")
    with pytest.raises(InputError) as err:
        check_case(br.regulation, parsed, "case")
    assert "outside the range 0–100" in str(err.value.problems[0].reason)


def test_c6_result_does_not_depend_on_input_order(br: LoadedRegulation) -> None:
    case = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    shuffled = copy.deepcopy(case)
    shuffled["candidates"].reverse()
    shuffled["results"].reverse()
    first, second = run(br, case), run(br, shuffled)
    assert first["candidates"] == second["candidates"]


# --------------------------------------------------------------------------- after inclusion


def test_br21_exclusion_grounds_are_the_nine_of_the_regulation(br: LoadedRegulation) -> None:
    reserve = br.regulation.reserve
    assert reserve is not None
    assert len(reserve.exclusion_grounds) == 9
    record = exclusion(br.regulation, "own_request", D(2027, 3, 1))
    assert record.title == "По личному заявлению"
    assert "BR-21" in record.rules
    assert record.re_inclusion_from is None
    with pytest.raises(ReserveError, match="unknown exclusion ground 'boredom'"):
        exclusion(br.regulation, "boredom", D(2027, 3, 1))


def test_br21_exclusion_checks_the_member_dates(br: LoadedRegulation) -> None:
    member = ReserveMember("m", D(2026, 6, 5))
    with pytest.raises(ReserveError, match="precedes inclusion"):
        exclusion(br.regulation, "own_request", D(2026, 6, 4), member=member)
    gone = ReserveMember("g", D(2026, 6, 5), excluded_on=D(2026, 9, 1))
    with pytest.raises(ReserveError, match="already excluded"):
        exclusion(br.regulation, "own_request", D(2026, 10, 1), member=gone)
    record = exclusion(br.regulation, "refused_position", D(2026, 9, 1), member=member)
    assert record.as_json()["member"] == "m"


def test_br22_c7_personal_file_of_an_excluded_member_kept_one_year(br: LoadedRegulation) -> None:
    record = exclusion(br.regulation, "dismissal_for_cause", D(2027, 2, 28))
    (kept,) = record.retention
    assert kept.id == "excluded_member_files"
    assert kept.until == D(2028, 2, 28)
    assert kept.then == "destroy"
    assert "BR-22" in kept.rules


def test_br13_re_inclusion_after_promotion_not_before_one_year(br: LoadedRegulation) -> None:
    reg = br.regulation
    excluded = D(2027, 4, 10)
    good = {"performed_successfully": True}
    record = exclusion(reg, "appointed_to_target_position", excluded)
    assert record.re_inclusion_from == D(2028, 4, 10)
    ok, why = may_re_include(reg, "appointed_to_target_position", excluded, D(2028, 4, 9), good)
    assert not ok and why.code == "re_inclusion_too_early" and "BR-13" in why.rules
    assert why.params["earliest"] == "2028-04-10"
    assert "не ранее 2028-04-10" in wording.reason(why)
    ok, why = may_re_include(reg, "appointed_to_target_position", excluded, D(2028, 4, 10), good)
    assert ok and why.code == "re_inclusion_possible" and "BR-13" in why.rules
    assert wording.reason(why).startswith("повторное включение возможно: не ранее 2028-04-10; ")


def test_br13_re_inclusion_needs_success_at_the_new_post(br: LoadedRegulation) -> None:
    reg = br.regulation
    args = (reg, "appointed_to_target_position", D(2027, 4, 10), D(2028, 6, 1))
    ok, why = may_re_include(*args, {"performed_successfully": False})
    assert not ok and why.code == "re_inclusion_not_met"
    assert "успешное исполнение управленческих обязанностей" in wording.reason(why)
    ok, why = may_re_include(*args, {})
    assert not ok and why.code == "re_inclusion_unproven"
    assert why.params["fact"] == (
        "«Успешное исполнение управленческих обязанностей на новом месте работы "
        "(для повторного включения)»"
    )
    # other grounds set no wait
    ok, why = may_re_include(reg, "own_request", D(2027, 4, 10), D(2027, 4, 11))
    assert ok and why.code == "re_inclusion_unrestricted"
    assert "ограничений" in wording.reason(why)


@pytest.mark.parametrize(
    ("share", "level"),
    [
        ("0", "низкая"),
        ("9.99", "низкая"),
        ("10", "средняя"),  # "от 10"
        ("19.99", "средняя"),
        ("20", "высокая"),  # "от 20"
        ("30", "высокая"),  # "от 20 до 30"; not "свыше 30"
        ("30.01", "очень высокая"),
        ("100", "очень высокая"),
    ],
)
def test_br23_appointed_share_band_edges(br: LoadedRegulation, share: str, level: str) -> None:
    reserve = br.regulation.reserve
    assert reserve is not None
    assert efficiency_level(indicator(reserve, "appointed_share"), Decimal(share)) == level


def test_br23_vacancy_and_project_indicators_edges(br: LoadedRegulation) -> None:
    reserve = br.regulation.reserve
    assert reserve is not None
    vac = indicator(reserve, "vacancies_filled_share")
    proj = indicator(reserve, "projects_share")
    got = [efficiency_level(vac, Decimal(x)) for x in ("29.9", "30", "50", "70", "70.1")]
    assert got == ["низкая", "средняя", "высокая", "высокая", "очень высокая"]
    got = [efficiency_level(proj, Decimal(x)) for x in ("49.9", "50", "65", "80", "80.1")]
    assert got == ["низкая", "средняя", "высокая", "высокая", "очень высокая"]


def test_br23_yearly_and_cumulative_over_two_and_three_years(br: LoadedRegulation) -> None:
    # appointed / included per year: 2026: 1 of 20, 2027: 3 of 20, 2028: 8 of 20
    rows = cumulative_efficiency(br.regulation, "appointed_share", [(1, 20), (3, 20), (8, 20)])
    assert [(r.years, r.part, r.whole) for r in rows] == [(1, 8, 20), (2, 11, 40), (3, 12, 60)]
    assert [r.level for r in rows] == ["очень высокая", "высокая", "высокая"]
    assert rows[1].as_json()["share"] == "27.50"
    assert efficiency(br.regulation, "appointed_share", 1, 3).as_json()["share"] == "33.33"
    with pytest.raises(ReserveError):
        efficiency(br.regulation, "appointed_share", 1, 0)
    with pytest.raises(ReserveError, match="unknown efficiency indicator"):
        efficiency(br.regulation, "happiness", 1, 2)


def test_br20_list_for_a_vacancy_keeps_members_who_meet_its_requirements(
    br: LoadedRegulation,
) -> None:
    reg = br.regulation
    requirement = EligibilityRule.model_validate(
        {
            "id": "finance",
            "requirement": "стаж работы в сфере финансов не менее 4 лет",
            "check": {"fact": "finance_years", "op": "gte", "value": 4},
        }
    )
    members = [
        ReserveMember("a", D(2026, 6, 5), "basic", "А", {"finance_years": 5}),
        ReserveMember("b", D(2026, 6, 5), "higher", "Б", {"finance_years": 4}),
        ReserveMember("c", D(2026, 6, 5), "basic", "В", {"finance_years": 2}),
        ReserveMember("d", D(2026, 6, 5), "basic", "Г", {}),
        ReserveMember("e", D(2026, 6, 5), "basic", "Д", {"finance_years": 9}, D(2027, 1, 1)),
        ReserveMember("f", D(2023, 1, 10), "basic", "Е", {"finance_years": 9}),
    ]
    listing = candidates_for_vacancy(reg, members, D(2027, 3, 1), [requirement])
    assert listing.action == "propose_for_appointment"
    assert [r.member for r in listing.eligible] == ["b", "a"]  # higher level first
    reasons = {r.member: r.reasons for r in listing.not_eligible}
    assert [r.code for r in reasons["c"]] == ["requirement_not_met"]
    assert wording.reason(reasons["c"][0]) == (
        "не выполнено требование: стаж работы в сфере финансов не менее 4 лет"
    )
    assert [(r.code, r.params["fact"]) for r in reasons["d"]] == [
        ("requirement_unproven", "finance_years")
    ]
    assert reasons["e"] == (Reason((), "reserve_excluded", {"excluded_on": "2027-01-01"}),)
    assert [(r.code, r.params) for r in reasons["f"]] == [
        ("reserve_term_expired", {"end": "2026-01-10"})
    ]
    competitive = candidates_for_vacancy(reg, members, D(2027, 3, 1), competitive=True)
    assert competitive.action == "invite_to_competition"
    assert len(competitive.eligible) == 4


def test_br19_development_plan_overdue_activity_means_not_fulfilled() -> None:
    items = [
        PlanItem("Программа повышения квалификации", D(2027, 3, 1), D(2027, 2, 20)),
        PlanItem("Стажировка в министерстве", D(2027, 5, 1), D(2027, 5, 10)),
        PlanItem("Участие в проектной команде", D(2027, 6, 1)),
        PlanItem("Наставничество", D(2027, 12, 1)),
    ]
    status = plan_status(items, D(2027, 6, 2))
    assert not status.fulfilled
    assert [i.title for i in status.overdue] == ["Участие в проектной команде"]
    assert [i.title for i in status.late] == ["Стажировка в министерстве"]
    assert [i.title for i in status.pending] == ["Наставничество"]
    assert plan_status(items, D(2027, 6, 1)).fulfilled  # due today is not yet overdue


# --------------------------------------------------------------------------- the example


def test_br_example_key_figures() -> None:
    result = run_evaluation("BR", str(EXAMPLE))
    rows = by_id(result)
    assert result["summary"]["outcomes"] == {
        "included_in_reserve": 3,
        "not_selected": 3,
        "refused": 2,
    }
    remote_scores = {
        cid: rows[cid]["stages"]["remote"]["score"] for cid in ("c1", "c2", "c3", "c4", "c5")
    }
    assert remote_scores == {
        "c1": "23.00",
        "c2": "24.00",
        "c3": "19.00",
        "c4": "19.00",
        "c5": "18.00",
    }
    assert rows["c3"]["outcome"] == "not_selected" and rows["c3"]["place"] == 3
    assert rows["c5"]["outcome"] == "not_selected" and rows["c5"]["place"] == 2
    assert rows["c2"]["outcome"] == "included_in_reserve" and rows["c2"]["final_score"] == "81.00"
    assert rows["c1"]["outcome"] == "not_selected" and rows["c1"]["final_score"] == "74.00"
    assert rows["c4"]["outcome"] == "included_in_reserve" and rows["c4"]["final_score"] == "77.00"
    assert rows["c6"]["outcome"] == "included_in_reserve" and rows["c6"]["decided_at"] == "intake"
    assert "возраст до 55 лет" in refusal_text(rows["c7"])
    assert "не более 1 года" in refusal_text(rows["c8"])
    for cid in ("c2", "c4", "c6"):
        assert rows[cid]["reserve"]["from"] == "2026-06-05"
        assert rows[cid]["reserve"]["until"] == "2029-06-05"
    due = {d["id"]: d for d in result["deadlines"]}
    assert due["intake_end"]["date"] == "2026-03-23"
    assert due["publication_latest"]["date"] == "2026-06-22"
    assert due["results_notice_latest"]["date"] == "2026-06-26"
    assert all(d.get("complies") is not False for d in result["deadlines"])
    assert [m["valid"] for m in result["meetings"]] == [True, True]


def test_br22_issue9_the_exclusion_event_is_the_regulations_own_id() -> None:
    """Issue 9 §1: no event id in code. The retention started by an exclusion (BR-22) follows
    ``reserve.exclusion_event``, whatever the file calls that event; an unknown id is refused."""
    raw = bundled_path("BR").read_bytes()
    renamed = raw.replace(b"after: exclusion\n", b"after: left_the_reserve\n")
    renamed = renamed.replace(b"{id: exclusion,", b"{id: left_the_reserve,")
    renamed = renamed.replace(b"exclusion_event: exclusion", b"exclusion_event: left_the_reserve")
    loaded = parse_regulation(renamed, "br-renamed.yaml")
    (kept,) = exclusion(loaded.regulation, "dismissal_for_cause", D(2027, 2, 28)).retention
    assert (kept.id, kept.until) == ("excluded_member_files", D(2028, 2, 28))
    with pytest.raises(InputError, match="exclusion_event"):
        parse_regulation(raw.replace(b"exclusion_event: exclusion", b"exclusion_event: x"), "b")
