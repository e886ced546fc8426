"""Score sheets: validation of entered points and totals with derived criteria (C-5)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rezerv.engine.errors import Issue, issue
from rezerv.engine.schema import Band, Criterion, Method, Regulation, ScoreSheet

if TYPE_CHECKING:
    from rezerv.engine.case import Case, Points, PointValue, Result

ZERO = Decimal(0)


def entered_criteria(sheet: ScoreSheet) -> list[Criterion]:
    return [c for c in sheet.criteria if not c.derived]


def _criterion_problem(crit: Criterion, value: PointValue) -> Issue | None:
    """Why ``value`` is not a valid entry for ``crit``, or None."""
    if value is None:
        return None
    if crit.kind == "options":
        chosen = [value] if isinstance(value, str) else value
        if not isinstance(chosen, list):
            return issue(
                "criterion_expects_option",
                f"criterion '{crit.id}': expected an option id, got {value}",
                criterion=crit.id,
                got=str(value),
            )
        if crit.select == "one" and len(chosen) > 1:
            return issue(
                "criterion_one_option",
                f"criterion '{crit.id}': only one option may be chosen",
                criterion=crit.id,
            )
        ids = {o.id for o in crit.options}
        for item in chosen:
            if item not in ids:
                return issue(
                    "criterion_unknown_option",
                    f"criterion '{crit.id}': unknown option '{item}'",
                    criterion=crit.id,
                    option=str(item),
                )
        return None
    if not isinstance(value, Decimal):
        return issue(
            "criterion_expects_number",
            f"criterion '{crit.id}': expected a number, got {value!r}",
            criterion=crit.id,
            got=str(value),
        )
    if not value.is_finite():
        return issue(
            "criterion_not_finite",
            f"criterion '{crit.id}': {value} is not a number",
            criterion=crit.id,
            got=str(value),
        )
    low = crit.min
    high = crit.top
    if value < low or value > high:
        return issue(
            "criterion_out_of_range",
            f"criterion '{crit.id}': {value} is outside the range {low}–{high}",
            criterion=crit.id,
            value=str(value),
            min=str(low),
            max=str(high),
        )
    if crit.step is not None and (value - low) % crit.step != 0:
        return issue(
            "criterion_step",
            f"criterion '{crit.id}': {value} is not a multiple of {crit.step}",
            criterion=crit.id,
            value=str(value),
            step=str(crit.step),
        )
    if crit.kind == "descriptors" and crit.step is None and value != value.to_integral_value():
        return issue(
            "criterion_not_whole",
            f"criterion '{crit.id}': {value} is not a whole number of points",
            criterion=crit.id,
            value=str(value),
        )
    return None


def validate_points(sheet: ScoreSheet, points: Points) -> list[Issue]:
    """Reasons why ``points`` is not a valid entry on ``sheet`` (empty list: valid).

    A number stands for the sheet's single entered criterion; a mapping names criteria.
    ``None`` is an abstention.
    """
    if points is None:
        return []
    entered = entered_criteria(sheet)
    if isinstance(points, Decimal):
        if len(entered) != 1:
            names = ", ".join(c.id for c in entered)
            return [
                issue(
                    "points_per_criterion",
                    f"sheet '{sheet.id}' has several criteria ({names}); give points per criterion",
                    sheet=sheet.id,
                    criteria=[c.id for c in entered],
                )
            ]
        problem = _criterion_problem(entered[0], points)
        return [problem] if problem else []
    out: list[Issue] = []
    by_id = {c.id: c for c in entered}
    derived = {c.id for c in sheet.criteria if c.derived}
    for key, value in points.items():
        if key in derived:
            out.append(
                issue(
                    "criterion_derived",
                    f"criterion '{key}' is computed by the engine and cannot be entered",
                    criterion=key,
                )
            )
        elif key not in by_id:
            out.append(
                issue(
                    "unknown_criterion",
                    f"unknown criterion '{key}' on sheet '{sheet.id}'",
                    criterion=key,
                    sheet=sheet.id,
                )
            )
        else:
            problem = _criterion_problem(by_id[key], value)
            if problem:
                out.append(problem)
    return out


def _option_points(crit: Criterion, chosen: Any) -> Decimal:
    ids = [chosen] if isinstance(chosen, str) else list(chosen or [])
    total = sum((o.points for o in crit.options if o.id in ids), ZERO)
    if crit.max is not None and total > crit.max:
        total = crit.max
    return total


def band_points(bands: list[Band], value: Decimal) -> Decimal:
    for band in bands:
        if band.min is not None and (
            value < band.min or (value == band.min and not band.min_inclusive)
        ):
            continue
        if band.max is not None and (
            value > band.max or (value == band.max and not band.max_inclusive)
        ):
            continue
        return band.points
    return ZERO


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return None
    return None


def derived_points(
    crit: Criterion,
    facts: Mapping[str, Any],
    stage_scores: Mapping[str, tuple[Decimal, Decimal]],
) -> tuple[Decimal, str | None]:
    """Points of a derived criterion, and a note when a fact was missing (scored 0)."""
    if crit.kind == "options":
        assert crit.fact is not None
        value = facts.get(crit.fact)
        if value is None:
            return ZERO, f"fact '{crit.fact}' not given"
        return _option_points(crit, value), None
    if crit.kind == "band":
        assert crit.fact is not None
        number = _number(facts.get(crit.fact))
        if number is None:
            return ZERO, f"fact '{crit.fact}' not given"
        return band_points(crit.bands, number), None
    if crit.kind == "fact_value":
        assert crit.fact is not None and crit.max is not None
        number = _number(facts.get(crit.fact))
        if number is None:
            return ZERO, f"fact '{crit.fact}' not given"
        return min(max(number, crit.min), crit.max), None
    if crit.kind == "from_stage":
        assert crit.stage is not None and crit.max is not None
        if crit.stage not in stage_scores:
            return ZERO, f"no result of stage '{crit.stage}'"
        score, top = stage_scores[crit.stage]
        if top == 0:
            return ZERO, None
        return score / top * crit.max, None
    raise ValueError(f"criterion '{crit.id}' is not derived")


def entered_total(sheet: ScoreSheet, points: Points) -> Decimal:
    """The sum of the entered criteria of a (validated) entry."""
    if points is None:
        return ZERO
    if isinstance(points, Decimal):
        return points
    total = ZERO
    by_id = {c.id: c for c in sheet.criteria}
    for key, value in points.items():
        if value is None:
            continue
        crit = by_id[key]
        if crit.kind == "options":
            total += _option_points(crit, value)
        else:
            assert isinstance(value, Decimal)
            total += value
    return total


def derived_total(
    sheet: ScoreSheet,
    facts: Mapping[str, Any],
    stage_scores: Mapping[str, tuple[Decimal, Decimal]],
) -> tuple[Decimal, dict[str, Decimal], list[str]]:
    total = ZERO
    parts: dict[str, Decimal] = {}
    notes: list[str] = []
    for crit in sheet.criteria:
        if crit.derived:
            value, note = derived_points(crit, facts, stage_scores)
            parts[crit.id] = value
            total += value
            if note:
                notes.append(f"{crit.id}: {note}")
    return total, parts, notes


# --------------------------------------------------------------------------- results


def validate_result(reg: Regulation, method: Method, res: Result, case: Case) -> list[Issue]:
    out: list[Issue] = []
    if method.kind == "test":
        assert method.questions is not None
        if res.answers is not None:
            key = case.tests.get(method.id)
            if key is None:
                out.append(
                    issue(
                        "no_test_key",
                        f"answers given but the case has no key for test '{method.id}'",
                        method=method.id,
                    )
                )
            elif len(res.answers) != len(key.key):
                out.append(
                    issue(
                        "answers_count",
                        f"{len(res.answers)} answers for a test of {len(key.key)} questions",
                        answers=len(res.answers),
                        questions=len(key.key),
                    )
                )
            questions = len(res.answers)
        else:
            if res.correct is None or res.questions is None:
                return [
                    issue(
                        "test_result_form",
                        "a test result needs 'correct' and 'questions', or 'answers'",
                    )
                ]
            if res.correct < 0 or res.correct > res.questions:
                out.append(
                    issue(
                        "correct_out_of_range",
                        f"'correct' ({res.correct}) must be between 0 and 'questions'",
                        correct=res.correct,
                    )
                )
            questions = res.questions
        low, high = method.questions.min, method.questions.max
        if not low <= questions <= high:
            rules = ", ".join(method.rules)
            out.append(
                issue(
                    "test_questions_count",
                    f"a test of {questions} questions; '{method.id}' needs {low} to {high} ({rules})",
                    questions=questions,
                    method=method.id,
                    min=low,
                    max=high,
                )
            )
    elif method.kind == "pass_fail":
        if res.passed is None:
            out.append(issue("pass_fail_needs_passed", "a pass/fail result needs 'passed'"))
    elif method.kind == "single":
        assert method.sheet is not None
        if res.points is None:
            out.append(issue("single_needs_points", "a single-entry result needs 'points'"))
        else:
            out.extend(validate_points(reg.sheet(method.sheet), res.points))
    else:
        out.append(
            issue(
                "method_takes_no_results",
                f"method '{method.id}' takes no recorded results",
                method=method.id,
            )
        )
    return out
