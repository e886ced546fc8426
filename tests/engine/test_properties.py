"""Invariants, checked with hypothesis: input order never changes the rating; an abstention
never changes a mean; ties are broken deterministically by the stated chain."""

from __future__ import annotations

import itertools
import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rezerv import wording
from rezerv.engine.case import check_case, parse_case
from rezerv.engine.evaluate import evaluate
from rezerv.engine.loader import parse_regulation
from tests.engine.casebuild import add_votes, km_candidate, km_case, run

MEMBERS = ["s1", "s2", "s3", "s4", "e1", "e2", "p1"]
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scores = st.lists(st.one_of(st.none(), st.integers(0, 10)), min_size=7, max_size=7)


@st.composite
def km_cases(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(2, 7))
    cands = []
    interview = {}
    tests = {}
    for i in range(n):
        cid = f"k{i}"
        cand = km_candidate(cid)
        cand["submitted_at"] = (
            f"2026-03-{draw(st.integers(3, 22)):02d}T{draw(st.integers(8, 17)):02d}:00:00"
        )
        cands.append(cand)
        interview[cid] = draw(scores)
        tests[cid] = draw(st.integers(30, 50))
    case = km_case(cands, interview, tests)
    for cid in interview:
        if draw(st.booleans()):
            add_votes(
                case, "winner", cid, {m: draw(st.sampled_from(["for", "against"])) for m in MEMBERS}
            )
        if draw(st.booleans()):
            add_votes(case, "reserve", cid, dict.fromkeys(MEMBERS, "for"))
    return case


@SETTINGS
@given(case=km_cases(), seed=st.randoms(use_true_random=False))
def test_input_order_never_changes_the_rating(case: dict[str, Any], seed: Any) -> None:
    expected = run("KM", case)
    shuffled = json.loads(json.dumps(case))
    seed.shuffle(shuffled["candidates"])
    seed.shuffle(shuffled["ballots"])
    seed.shuffle(shuffled["results"])
    seed.shuffle(shuffled["votes"])
    for ballot in shuffled["ballots"]:
        items = list(ballot["rows"].items())
        seed.shuffle(items)
        ballot["rows"] = dict(items)
    assert run("KM", shuffled) == expected


@SETTINGS
@given(values=st.lists(st.integers(0, 10), min_size=1, max_size=6), extra=st.integers(1, 6))
def test_an_abstention_never_changes_a_mean(values: list[int], extra: int) -> None:
    present = MEMBERS[: len(values)]
    abstaining = MEMBERS[len(values) : len(values) + extra]
    cands = [km_candidate("a"), km_candidate("b")]
    base = km_case(
        cands, {"a": list(values), "b": [5] * len(values)}, {"a": 40, "b": 40}, present=present
    )
    with_abstention = km_case(
        cands,
        {"a": list(values) + [None] * len(abstaining), "b": [5] * (len(values) + len(abstaining))},
        {"a": 40, "b": 40},
        present=present + abstaining,
    )
    mean = (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    for case in (base, with_abstention):
        score = run("KM", case)["candidates"]
        row = next(r for r in score if r["id"] == "a")
        interview = row["stages"]["competition"]["methods"]["interview"]
        assert Decimal(interview["score"]) == mean
        assert interview["ballots"] == len(values)


TIE_REGULATION = """\
schema_version: 1
code: TIE
title: Проверка цепочки
jurisdiction: KZ
source: test
version: "1"
calendar: {country: KZ}
events: [{id: announcement, title: Объявление}]
deadlines: [{id: intake_end, title: Окончание приёма, after: announcement, days: 21}]
outcomes: [{id: nominee, title: номинант}]
facts:
  - {id: complex_projects, title: Сложные проекты, type: number}
  - {id: complaints, title: Жалобы, type: number}
score_sheets:
  - id: sheet
    title: Лист
    criteria: [{id: score, title: Балл, max: 10}]
methods:
  - {id: project, title: Проект, kind: single, sheet: sheet}
stages:
  - {id: intake, title: Приём, kind: intake, owner: hr_officer, closes: intake_end}
  - id: selection
    title: Отбор
    kind: assessment
    owner: commission
    methods: [project]
    tie_breaks:
      - {fact: complex_projects, order: desc, title: сложные проекты, rules: [AK-8]}
      - {fact: complaints, order: asc, title: жалобы, rules: [AK-8]}
    awards: [{outcome: nominee, limit: {n: 2}}]
"""


@SETTINGS
@given(
    facts=st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(1, 20)), min_size=2, max_size=8
    ),
    seed=st.randoms(use_true_random=False),
)
def test_ties_are_broken_deterministically_by_the_stated_chain(
    facts: list[tuple[int, int, int]], seed: Any
) -> None:
    loaded = parse_regulation(TIE_REGULATION.encode(), "tie.yaml")
    cands = [
        {
            "id": f"t{i}",
            "submitted_at": f"2026-03-{day:02d}",
            "facts": {"complex_projects": projects, "complaints": complaints},
        }
        for i, (projects, complaints, day) in enumerate(facts)
    ]
    results = [
        {"stage": "selection", "method": "project", "candidate": c["id"], "points": {"score": 7}}
        for c in cands
    ]
    expected = [
        c["id"]
        for c in sorted(
            cands,
            key=lambda c: (
                -c["facts"]["complex_projects"],
                c["facts"]["complaints"],
                c["submitted_at"],
                c["id"],
            ),
        )
    ]
    for _ in range(2):
        seed.shuffle(cands)
        case = {"events": {"announcement": "2026-03-01"}, "candidates": cands, "results": results}
        parsed = parse_case(json.dumps(case).encode(), "case")
        check_case(loaded.regulation, parsed, "case")
        rows = evaluate(loaded, parsed)["candidates"]
        assert [r["id"] for r in rows] == expected
        assert [r["place"] for r in rows] == list(range(1, len(rows) + 1))
        assert [r["outcome"] for r in rows[:2]] == ["nominee", "nominee"]
        by_id = {c["id"]: c for c in cands}
        for above, below in itertools.pairwise(rows):
            fa, fb = by_id[above["id"]], by_id[below["id"]]
            if fa["facts"]["complex_projects"] != fb["facts"]["complex_projects"]:
                title = "сложные проекты"
            elif fa["facts"]["complaints"] != fb["facts"]["complaints"]:
                title = "жалобы"
            elif fa["submitted_at"] != fb["submitted_at"]:
                title = "дата и время подачи документов"
            else:
                title = "идентификатор"
            tie = below["stages"]["selection"]["tie_break"]
            assert (tie["after"], wording.tie_break(tie)) == (above["id"], title)
