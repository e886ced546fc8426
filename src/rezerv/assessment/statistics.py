"""Per-question statistics over closed attempts (pure): share correct and discrimination.

Discrimination is the upper–lower index: the share correct among the 27 % of attempts with the
highest scores minus that among the 27 % with the lowest (Kelley). Near zero or negative: the
question does not tell strong from weak candidates (badly worded, a wrong key, or leaked).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

GROUP_SHARE = 0.27


@dataclass(frozen=True)
class QuestionStat:
    question: int
    answered: int  # attempts the question was drawn in
    share_correct: float | None
    discrimination: float | None  # None: too few attempts for the groups


def question_stats(attempts: Sequence[tuple[int, Mapping[int, bool]]]) -> dict[int, QuestionStat]:
    """``attempts``: (total correct, {question: answered correctly}) per closed attempt."""
    ranked = sorted(attempts, key=lambda a: a[0])
    size = math.floor(len(ranked) * GROUP_SHARE)
    lower, upper = ranked[:size], ranked[len(ranked) - size :] if size else []
    questions = sorted({q for _, marks in attempts for q in marks})
    out = {}
    for q in questions:
        marks = [m[q] for _, m in attempts if q in m]
        share = sum(marks) / len(marks) if marks else None
        disc = None
        up = [m[q] for _, m in upper if q in m]
        low = [m[q] for _, m in lower if q in m]
        if up and low:
            disc = sum(up) / len(up) - sum(low) / len(low)
        out[q] = QuestionStat(q, len(marks), share, disc)
    return out
