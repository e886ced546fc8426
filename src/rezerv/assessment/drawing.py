"""Drawing a candidate's questions from a bank's blueprint, its digest, its score (pure).

KM-13: every candidate of a session answers the same number of questions, drawn per topic as
the blueprint says; the drawn set and its order are fixed at the start and hashed (sha256), so
a later change of the set is visible.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Shortage:
    """A topic of the blueprint with fewer questions in the bank than it asks for."""

    topic: str
    wanted: int
    available: int


def shortages(pool: Mapping[str, Sequence[int]], blueprint: Mapping[str, int]) -> list[Shortage]:
    return [
        Shortage(topic, wanted, len(pool.get(topic, ())))
        for topic, wanted in blueprint.items()
        if wanted > len(pool.get(topic, ()))
    ]


def draw(
    pool: Mapping[str, Sequence[int]], blueprint: Mapping[str, int], rng: random.Random
) -> list[int]:
    """``blueprint[topic]`` questions of each topic, all of them shuffled together.

    ``pool``: the ids of the bank's questions by topic. Raises ValueError on a shortage.
    """
    short = shortages(pool, blueprint)
    if short:
        raise ValueError(short)
    drawn: list[int] = []
    for topic in sorted(blueprint):
        drawn.extend(rng.sample(sorted(pool.get(topic, ())), blueprint[topic]))
    rng.shuffle(drawn)
    return drawn


def digest(attempt_key: str, questions: Iterable[Sequence[Any]]) -> str:
    """sha256 of the attempt's key and its questions in order, each as (id, version, the order
    of its options)."""
    text = json.dumps({"attempt": attempt_key, "questions": [list(q) for q in questions]})
    return hashlib.sha256(text.encode()).hexdigest()


def option_orders(counts: Sequence[int], rng: random.Random) -> list[list[int]]:
    """A shuffled order of the options of each question (``counts``: how many it has)."""
    return [rng.sample(range(n), n) for n in counts]


def score(order: Sequence[int], key: Mapping[int, int], answers: Mapping[int, int]) -> int:
    """How many of the drawn questions were answered with their correct option."""
    return sum(1 for q in order if q in answers and answers[q] == key.get(q))
