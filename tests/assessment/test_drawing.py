"""Drawing, hashing and scoring (KM-13: the same number of questions per topic for every
candidate, the set and its order fixed and hashed at the start)."""

from __future__ import annotations

import random

import pytest

from rezerv.assessment import drawing, statistics

POOL = {"law": [1, 2, 3, 4, 5], "ethics": [10, 11, 12], "it": [20, 21]}
BLUEPRINT = {"law": 3, "ethics": 2, "it": 1}


def test_km13_draw_takes_the_blueprints_count_of_each_topic() -> None:
    for seed in range(20):
        drawn = drawing.draw(POOL, BLUEPRINT, random.Random(seed))
        assert len(drawn) == 6 and len(set(drawn)) == 6
        assert sum(q in POOL["law"] for q in drawn) == 3
        assert sum(q in POOL["ethics"] for q in drawn) == 2
        assert sum(q in POOL["it"] for q in drawn) == 1


def test_km13_draws_differ_between_candidates_and_are_reproducible_from_the_seed() -> None:
    draws = {tuple(drawing.draw(POOL, BLUEPRINT, random.Random(s))) for s in range(20)}
    assert len(draws) > 1
    assert drawing.draw(POOL, BLUEPRINT, random.Random(7)) == drawing.draw(
        POOL, BLUEPRINT, random.Random(7)
    )


def test_a_shortage_is_refused_with_the_topic() -> None:
    with pytest.raises(ValueError) as err:
        drawing.draw(POOL, {"it": 3}, random.Random(1))
    assert err.value.args[0] == [drawing.Shortage("it", 3, 2)]


def test_km13_digest_is_sha256_of_the_set_its_order_and_versions() -> None:
    base = drawing.digest("1:abc:1", [(1, 1), (2, 1)])
    assert len(base) == 64 and base == drawing.digest("1:abc:1", [(1, 1), (2, 1)])
    assert base != drawing.digest("1:abc:1", [(2, 1), (1, 1)])  # order
    assert base != drawing.digest("1:abc:1", [(1, 2), (2, 1)])  # a question changed
    assert base != drawing.digest("1:abc:2", [(1, 1), (2, 1)])  # another attempt


def test_km13_score_counts_correct_answers_of_the_drawn_questions_only() -> None:
    key = {1: 0, 2: 1, 3: 2, 9: 0}
    assert drawing.score([1, 2, 3], key, {1: 0, 2: 0, 9: 0}) == 1
    assert drawing.score([1, 2, 3], key, {}) == 0
    assert drawing.score([1, 2, 3], key, {1: 0, 2: 1, 3: 2}) == 3


def test_statistics_share_correct_and_upper_lower_discrimination() -> None:
    # question 1 answered right by the strong, wrong by the weak; question 2 the other way
    attempts = [(9, {1: True, 2: False})] * 5 + [(1, {1: False, 2: True})] * 5
    stats = statistics.question_stats(attempts)
    assert stats[1].share_correct == 0.5 and stats[1].discrimination == 1.0
    assert stats[2].discrimination == -1.0
    assert statistics.question_stats([(1, {1: True})])[1].discrimination is None
