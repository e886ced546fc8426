"""Using the reserve (rezerv.engine.reserve_use): development plans (BR-19), vacancies filled
from the reserve (BR-20, PK-7) and the efficiency indicators from recorded counts (BR-23)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from rezerv.engine.loader import bundled_path, load_regulation
from rezerv.engine.reserve import ReserveError, ReserveMember
from rezerv.engine.reserve_use import (
    YearCounts,
    appointment_step,
    development_of,
    efficiency_table,
    item_done_on,
    match_vacancy,
    next_step,
    requirements_of,
    vacancy_of,
)

BR = load_regulation(bundled_path("BR")).regulation
PK = load_regulation(bundled_path("PK")).regulation
D = dt.date


def test_br19_plan_item_kinds_and_assessments_come_from_the_regulation() -> None:
    dev = development_of(BR)
    kinds = {k.id for k in dev.kinds}
    assert {"programme", "internship", "project_work", "coaching", "mentoring", "planned_move"} <= (
        kinds
    )
    assert dev.not_fulfilled_ground == "development_plan_not_fulfilled"
    # BR-21: the ground exists in the regulation's list
    assert dev.not_fulfilled_ground in {g.id for g in BR.reserve.exclusion_grounds}  # type: ignore[union-attr]


def test_br19_an_item_is_done_on_its_report_unless_assessed_not_fulfilled() -> None:
    dev = development_of(BR)
    assert item_done_on(dev, None, None) is None
    assert item_done_on(dev, D(2026, 3, 1), None) == D(2026, 3, 1)
    assert item_done_on(dev, D(2026, 3, 1), "fulfilled") == D(2026, 3, 1)
    assert item_done_on(dev, D(2026, 3, 1), "not_fulfilled") is None
    with pytest.raises(ReserveError, match="unknown assessment"):
        item_done_on(dev, D(2026, 3, 1), "bogus")


def _member(pk: str, name: str, **facts: object) -> ReserveMember:
    level = str(facts.pop("reserve_level", "basic"))
    return ReserveMember(
        pk, D(2025, 1, 1), level=level, name=name, facts={"reserve_level": level, **facts}
    )


GOOD = {
    "citizenship": "RU",
    "education": "master",
    "managerial_experience_years": 5,
    "unexpunged_criminal_record": False,
}


def test_br20_vacancy_list_explains_each_requirement_and_ranks_by_score() -> None:
    members = [
        (_member("1", "Андреев", **GOOD), Decimal("70")),
        (_member("2", "Борисов", **GOOD), Decimal("85.5")),
        (_member("3", "Васильев", **{**GOOD, "education": "bachelor"}), Decimal("99")),
        (_member("4", "Григорьев", citizenship="RU", education="master"), Decimal("90")),
        (_member("5", "Дмитриев", **GOOD), None),
    ]
    meets, others = match_vacancy(BR, members, D(2026, 6, 1))
    # ranked by the rating score, highest first; no score last
    assert [m.member for m in meets] == ["2", "1", "5"]
    assert [c.status for c in meets[0].checks] == ["met"] * 4
    by_id = {m.member: m for m in others}
    statuses = {c.requirement: c.status for c in by_id["3"].checks}
    assert "not_met" in statuses.values()
    # no data: the experience and the criminal record are not recorded for member 4
    no_data = [c for c in by_id["4"].checks if c.status == "no_data"]
    assert len(no_data) == 2 and all(c.fact for c in no_data)
    assert all("BR-6" in c.rules for c in by_id["4"].checks)


def test_br20_prospective_level_is_exempt_from_education_and_experience() -> None:
    young = _member("9", "Егоров", reserve_level="prospective", citizenship="RU")
    young_facts = {**young.facts, "unexpunged_criminal_record": False}
    young = ReserveMember("9", D(2025, 1, 1), level="prospective", name="Е", facts=young_facts)
    meets, _others = match_vacancy(BR, [(young, None)], D(2026, 6, 1), level="prospective")
    assert [m.member for m in meets] == ["9"]
    assert len(meets[0].checks) == 2  # citizenship and criminal record only (BR-7)


def test_br20_excluded_or_expired_members_are_not_offered() -> None:
    gone = ReserveMember(
        "7", D(2020, 1, 1), level="basic", name="Ж", facts={"reserve_level": "basic", **GOOD}
    )
    meets, others = match_vacancy(BR, [(gone, Decimal(50))], D(2026, 6, 1))
    assert meets == [] and others[0].in_reserve is False


def test_br20_steps_in_order_and_the_appointment_excludes_as_appointed() -> None:
    use = vacancy_of(BR)
    ids = [s.id for s in use.steps]
    assert ids.index("agreement") < ids.index("anti_corruption_check") < ids.index("recommendation")
    assert next_step(use, []) == use.steps[0]
    assert next_step(use, ids[:-1]) == use.steps[-1]
    assert next_step(use, ids) is None
    appoint = appointment_step(use)
    assert appoint is not None and appoint.exclusion_ground == "appointed_to_target_position"
    assert any(s.refusal_ground == "refused_position" for s in use.steps)  # BR-21


def test_pk7_vacancy_from_the_municipal_reserve_excludes_as_appointed() -> None:
    use = vacancy_of(PK)
    appoint = appointment_step(use)
    assert appoint is not None and appoint.exclusion_ground == "appointed"  # PK-9
    assert [r.id for r in requirements_of(PK)] == ["citizenship"]
    member = ReserveMember("1", D(2025, 4, 1), name="А", facts={"citizenship": "RU"})
    meets, _ = match_vacancy(PK, [(member, None)], D(2026, 1, 1))
    assert [m.member for m in meets] == ["1"]


def _levels(rows: list, span: int) -> dict[str, tuple[str, str]]:
    out = {}
    for row in rows:
        res = row.results[span]
        out[row.indicator] = (format(res.share, "f"), res.level) if res else None
    return out


def test_br23_boundaries_exactly_10_20_30_percent() -> None:
    # appointed_share, 100 members each year:
    #   10 of 100 = 10 %  -> "от 10 до 20" -> средняя (10 is not "до 10")
    #   20 of 100 = 20 %  -> "от 20 до 30" -> высокая
    #   30 of 100 = 30 %  -> not "свыше 30" -> высокая
    #   30.01 %: 3001 of 10000 -> очень высокая
    # vacancies_filled_share: 3 of 10 = 30 % -> средняя; 7 of 10 = 70 % -> высокая
    # projects_share: 50 of 100 = 50 % -> средняя; 80 of 100 = 80 % -> высокая
    for appointed, level in ((9, "низкая"), (10, "средняя"), (20, "высокая"), (30, "высокая")):
        rows = efficiency_table(BR, [YearCounts(2026, 100, appointed, 50, 10, 3)], spans=(1,))
        got = _levels(rows, 0)
        assert got["appointed_share"] == (f"{appointed}", level), appointed
        assert got["vacancies_filled_share"] == ("30", "средняя")
        assert got["projects_share"] == ("50", "средняя")
    rows = efficiency_table(BR, [YearCounts(2026, 10000, 3001, 8000, 10, 7)], spans=(1,))
    got = _levels(rows, 0)
    assert got["appointed_share"] == ("30.01", "очень высокая")
    assert got["vacancies_filled_share"] == ("70", "высокая")
    assert got["projects_share"] == ("80", "высокая")


def test_br23_cumulative_over_two_and_three_years() -> None:
    years = [
        YearCounts(2024, members=20, appointed=1, in_projects=4, vacancies=10, filled=2),
        YearCounts(2025, members=30, appointed=3, in_projects=15, vacancies=0, filled=0),
        YearCounts(2026, members=50, appointed=16, in_projects=45, vacancies=10, filled=8),
    ]
    rows = {r.indicator: r for r in efficiency_table(BR, years)}
    appointed = rows["appointed_share"].results
    # 1 year: 16/50 = 32 % -> очень высокая
    # 2 years: (3+16)/(30+50) = 19/80 = 23.75 % -> высокая
    # 3 years: (1+3+16)/(20+30+50) = 20/100 = 20 % -> высокая
    assert [(r.share, r.level) for r in appointed if r] == [
        (Decimal("32"), "очень высокая"),
        (Decimal("23.75"), "высокая"),
        (Decimal("20"), "высокая"),
    ]
    filled = rows["vacancies_filled_share"].results
    # 1 year: 8/10 = 80 %; 2 years: (0+8)/(0+10) = 80 %; 3 years: (2+0+8)/(10+0+10) = 50 %
    # (50 % is "от 50 до 70": высокая)
    assert [r.share for r in filled if r] == [Decimal(80), Decimal(80), Decimal(50)]
    assert filled[2] is not None and filled[2].level == "высокая"
    projects = rows["projects_share"].results
    # 3 years: (4+15+45)/(100) = 64 % -> средняя
    assert projects[2] is not None and projects[2].share == Decimal(64)


def test_br23_a_year_without_vacancies_has_no_share() -> None:
    rows = {r.indicator: r for r in efficiency_table(BR, [YearCounts(2026, members=5)])}
    assert rows["vacancies_filled_share"].results == (None, None, None)
    assert rows["appointed_share"].results[0] is not None


def test_pk9_individual_plans_of_the_municipal_reserve_and_their_ground() -> None:
    dev = development_of(PK)
    assert dev.not_fulfilled_ground == "plans_not_fulfilled"
    assert "self_study" in {k.id for k in dev.kinds}
    assert item_done_on(dev, D(2026, 5, 1), "not_fulfilled") is None
