"""Issue "One path for every rule", item 2: facts are declared once, in the regulation, and the
loader, the case checks and the command line enforce the declarations.

Each typo that used to pass silently (a condition naming an undeclared fact, a case fact with a
typo, an option not in the list, a boolean where an option is expected, a list where one value
is expected, a required fact not given) is refused with its place: through the CLI (exit 2,
nothing on stdout, the place on stderr, no traceback) and through the Python API.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rezerv.cli import main
from rezerv.engine.case import check_case, parse_case
from rezerv.engine.errors import InputError
from rezerv.engine.facts import check_fact_value, check_facts
from rezerv.engine.loader import BUNDLED, bundled_path, load_regulation, parse_regulation
from rezerv.engine.schema import FactChoice, FactDef
from tests.engine.casebuild import ROOT, example

# --------------------------------------------------------------------------- helpers


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def regulation_text(code: str) -> str:
    return bundled_path(code).read_text("utf-8")


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line containing ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


def refused_regulation(text: str) -> list[str]:
    with pytest.raises(InputError) as err:
        parse_regulation(text.encode(), "reg.yaml")
    return [str(p) for p in err.value.problems]


def check(code: str, case: dict[str, Any]) -> list[str]:
    """The problems of a case given as a dict (the API path of ``rezerv evaluate``)."""
    reg = load_regulation(code).regulation
    parsed = parse_case(json.dumps(case, ensure_ascii=False).encode(), "case.json")
    with pytest.raises(InputError) as err:
        check_case(reg, parsed, "case.json")
    return [str(p) for p in err.value.problems]


def evaluate_cli(
    code: str, case: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case, ensure_ascii=False), "utf-8")
    status, out, err = cli(["evaluate", code, str(path)], capsys)
    assert status == 2, err
    assert out == ""
    assert "Traceback" not in err
    assert str(path) in err
    return err


# --------------------------------------------------------------------------- the bundled files


@pytest.mark.parametrize("code", BUNDLED)
def test_one_facts_item2_bundled_regulations_declare_every_fact_they_use(code: str) -> None:
    """Every bundled file passes the fact cross-references, and every fact it declares has a
    Russian title and cites its rules."""
    reg = load_regulation(code).regulation
    assert reg.facts
    for fact in reg.facts:
        assert fact.rules, fact.id
        assert any("а" <= ch <= "я" for ch in fact.title.lower()), fact.id


@pytest.mark.parametrize("code", ["km", "ak", "br", "pk", "tp"])
def test_one_facts_item2_examples_still_evaluate(
    code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = cli(["evaluate", code.upper(), str(ROOT / f"examples/{code}.json")], capsys)
    assert status == 0, err
    assert json.loads(out)["regulation"]["code"] == code.upper()


# --------------------------------------------------------------------------- rezerv validate

# (regulation, text replaced, replacement, path of the refusal, reason, line needle)
REGULATION_TYPOS = {
    # KM-1: a typo in an eligibility condition used to validate and then refuse everyone.
    "km1_condition_typo": (
        "KM",
        "{fact: birth_date, age_at: intake_end",
        "{fact: birthdate, age_at: intake_end",
        "eligibility[1].check.fact",
        "fact 'birthdate' is not declared by the regulation",
        "{fact: birthdate, age_at",
    ),
    # KM-1: an option the fact does not have never matches.
    "km1_condition_option_typo": (
        "KM",
        "check: {fact: citizenship, op: eq, value: RU}",
        "check: {fact: citizenship, op: eq, value: RUS}",
        "eligibility[0].check.value",
        "'RUS' is not an option of fact 'citizenship'",
        "value: RUS}",
    ),
    # KM-10: a method set naming a position fact that is not declared.
    "km10_method_set_typo": (
        "KM",
        "- when: {fact: category, op: eq, value: leaders}",
        "- when: {fact: categroy, op: eq, value: leaders}",
        "stages[1].method_sets[0].when.fact",
        "fact 'categroy' is not declared by the regulation",
        "fact: categroy",
    ),
    # PK-6: a checklist on a route that does not exist.
    "pk6_route_option_typo": (
        "PK",
        "when: {fact: route, op: eq, value: in_reserve}",
        "when: {fact: route, op: eq, value: in_reserv}",
        "documents.checklists[0].when.value",
        "'in_reserv' is not an option of fact 'route'",
        "value: in_reserv}",
    ),
    # AK-8: a tie-break on an undeclared fact ranked nobody.
    "ak8_tie_break_typo": (
        "AK",
        "{fact: complex_projects, order: desc",
        "{fact: complex_project, order: desc",
        "stages[1].tie_breaks[0].fact",
        "fact 'complex_project' is not declared by the regulation",
        "fact: complex_project,",
    ),
    # AK-10: a limit per an undeclared fact.
    "ak10_limit_per_typo": (
        "AK",
        "limit: {n: 1, per: oblast}",
        "limit: {n: 1, per: oblst}",
        "stages[2].awards[0].limit.per",
        "fact 'oblst' is not declared by the regulation",
        "per: oblst}",
    ),
    # PK-8: an option of a criterion computed from a fact that the fact does not have.
    "pk8_criterion_option_typo": (
        "PK",
        "- {id: academic_degree, title: учёная степень, points: 3}",
        "- {id: academic_degre, title: учёная степень, points: 3}",
        "score_sheets[0].criteria[3].options[3].id",
        "'academic_degre' is not an option of fact 'education_level'",
        "id: academic_degre,",
    ),
}


@pytest.mark.parametrize("name", sorted(REGULATION_TYPOS))
def test_one_facts_item2_validate_refuses_an_undeclared_fact_or_option_with_its_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, old, new, path, reason, needle = REGULATION_TYPOS[name]
    original = regulation_text(code)
    assert original.count(old) == 1, old
    text = original.replace(old, new)
    line = line_of(text, needle)
    # The Python API.
    problems = refused_regulation(text)
    assert any(p.startswith(f"reg.yaml:{line}: {path}: {reason}") for p in problems), problems
    # The command line.
    file = tmp_path / "reg.yaml"
    file.write_text(text, "utf-8")
    status, out, err = cli(["validate", str(file)], capsys)
    assert (status, out) == (2, "")
    assert f"{file}:{line}: {path}: {reason}" in err
    assert "Traceback" not in err


def test_one_facts_item2_validate_refuses_wrong_fact_types() -> None:
    """A band needs a number fact, an age a date fact, a one-option criterion a choice fact."""
    text = regulation_text("AK").replace(
        "kind: band\n        fact: civil_service_years", "kind: band\n        fact: district"
    )
    assert any(
        "score_sheets[0].criteria[0].fact: a band criterion needs a number; fact 'district' is a text"
        in p
        for p in refused_regulation(text)
    )
    text = regulation_text("KM").replace(
        "{fact: birth_date, age_at: intake_end", "{fact: citizenship, age_at: intake_end"
    )
    assert any("'age_at' needs a date fact" in p for p in refused_regulation(text))


def test_one_facts_item2_engine_fact_route_cannot_be_declared() -> None:
    text = regulation_text("KM").replace(
        "  - {id: birth_date, title: Дата рождения,",
        "  - {id: route, title: Маршрут, type: text, rules: [KM-5]}\n"
        "  - {id: birth_date, title: Дата рождения,",
    )
    problems = refused_regulation(text)
    assert any("facts[1].id: 'route' is provided by the engine" in p for p in problems), problems


def test_pk8_one_facts_item2_every_option_of_the_fact_is_scored_explicitly() -> None:
    """PK-8: a fact option without points on the criterion used to score 0 without a word."""
    text = regulation_text("PK").replace(
        "          - {id: below_higher, title: высшего образования нет, points: 0}", ""
    )
    assert any(
        "score_sheets[0].criteria[3].options: option 'below_higher' of fact 'education_level' "
        "has no points here" in p
        for p in refused_regulation(text)
    )


# --------------------------------------------------------------------------- rezerv evaluate


def km_case(mutate: Any) -> dict[str, Any]:
    case = example("km")
    mutate(case["candidates"][3]["facts"])
    return case


def ak_case(mutate: Any) -> dict[str, Any]:
    case = example("ak")
    mutate(case["candidates"][3]["facts"])
    return case


def _rename(facts: dict[str, Any], old: str, new: str) -> None:
    facts[new] = facts.pop(old)


# (regulation, case, the exact message expected on stderr after the file name)
CASE_TYPOS = {
    # KM-1: a case-fact typo silently switched the age rule off (or refused as unproven).
    "km1_case_fact_typo": (
        "KM",
        km_case(lambda f: _rename(f, "birth_date", "birthdate")),
        "candidates[3].facts.birthdate: fact not declared by the regulation",
    ),
    # KM-1: an option the choice fact does not have.
    "km1_unknown_option": (
        "KM",
        km_case(lambda f: f.__setitem__("citizenship", "BY")),
        "candidates[3].facts.citizenship: 'BY' is not an option of fact 'citizenship' "
        "(options: RU, KZ, XX)",
    ),
    # KM-1: a boolean where an option is expected used to crash the CLI.
    "km1_boolean_for_option": (
        "KM",
        km_case(lambda f: f.__setitem__("citizenship", True)),
        "candidates[3].facts.citizenship: expected one option id for fact 'citizenship', "
        "got a boolean (true)",
    ),
    # AK-13: an option not in a criterion's list used to score 0 without a word.
    "ak13_unknown_option_of_a_list": (
        "AK",
        ak_case(lambda f: f.__setitem__("awards", ["state", "nobel"])),
        "candidates[3].facts.awards: 'nobel' is not an option of fact 'awards'",
    ),
    # AK-7: a list where one value is expected used to crash ranking (rank_within district).
    "ak7_list_for_a_scalar": (
        "AK",
        ak_case(lambda f: f.__setitem__("district", ["Бурабайский район", "Аршалынский район"])),
        "candidates[3].facts.district: expected a text for fact 'district', got a list",
    ),
    # AK-3: a text where a number is expected.
    "ak3_text_for_a_number": (
        "AK",
        ak_case(lambda f: f.__setitem__("akim_service_months", "24")),
        "candidates[3].facts.akim_service_months: expected a number for fact "
        "'akim_service_months', got a text ('24')",
    ),
    # KM-1: a fact declared required, not given.
    "km1_missing_required_fact": (
        "KM",
        km_case(lambda f: f.pop("speaks_russian")),
        "candidates[3].facts.speaks_russian: required fact not given",
    ),
    # KM-5: the route is the engine's fact, given by candidates[i].route.
    "km5_route_given_as_a_fact": (
        "KM",
        km_case(lambda f: f.__setitem__("route", "default")),
        "candidates[3].facts.route: fact provided by the engine; it cannot be given",
    ),
}


@pytest.mark.parametrize("name", sorted(CASE_TYPOS))
def test_one_facts_item2_evaluate_refuses_a_bad_case_fact_with_its_place(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, case, expected = CASE_TYPOS[name]
    # The Python API.
    problems = check(code, case)
    assert any(p.startswith(f"case.json: {expected}") for p in problems), problems
    # The command line.
    err = evaluate_cli(code, case, tmp_path, capsys)
    assert f"case.json: {expected}" in err, err


def test_km1_one_facts_item2_boolean_for_option_never_a_traceback(tmp_path: Path) -> None:
    """The case that used to crash the CLI, through a real process."""
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE_TYPOS["km1_boolean_for_option"][1]), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "rezerv.cli", "evaluate", "KM", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert "candidates[3].facts.citizenship: expected one option id" in done.stderr


def test_km10_one_facts_item2_position_facts_are_checked() -> None:
    case = example("km")
    case["campaign"]["position"]["category"] = "leader"
    assert any(
        p.startswith("case.json: campaign.position.category: 'leader' is not an option")
        for p in check("KM", case)
    )
    # A regulation without position facts takes no position category.
    case = example("ak")
    case["campaign"]["position"] = {"title": "Аким", "category": "leaders"}
    assert any(
        p.startswith("case.json: campaign.position.category: fact not declared")
        for p in check("AK", case)
    )


def test_tp9_one_facts_item2_a_change_of_a_fact_is_checked_like_the_fact() -> None:
    case = example("tp")
    case["candidates"][0]["changes"] = [{"fact": "direction", "date": "2026-01-10", "to": 7}]
    assert any(
        p.startswith("case.json: candidates[0].changes[0].to: expected a text for fact 'direction'")
        for p in check("TP", case)
    )


# --------------------------------------------------------------------------- check_fact_value


def fact(kind: str, *choices: str, required: bool = False) -> FactDef:
    return FactDef(
        id="x",
        title="Икс",
        type=kind,  # type: ignore[arg-type]
        choices=[FactChoice(id=c, title=c) for c in choices],
        required=required,
        rules=[],
    )


@pytest.mark.parametrize(
    ("kind", "choices", "value"),
    [
        ("bool", (), True),
        ("number", (), 3),
        ("number", (), 2.5),
        ("number", (), Decimal("1.25")),
        ("date", (), "2026-02-28"),
        ("text", (), "слово"),
        ("choice", ("a", "b"), "b"),
        ("choices", ("a", "b"), ["a", "b"]),
        ("choices", ("a", "b"), []),
        ("choice", ("a",), None),
    ],
)
def test_one_facts_item2_check_fact_value_accepts_declared_values(
    kind: str, choices: tuple[str, ...], value: Any
) -> None:
    assert check_fact_value(fact(kind, *choices), value) is None


@pytest.mark.parametrize(
    ("kind", "choices", "value", "code", "params"),
    [
        (
            "choice",
            ("a", "b"),
            True,
            "wrong_type",
            {"expected": "one option id", "got": "a boolean"},
        ),
        ("choice", ("a", "b"), "c", "unknown_option", {"option": "c", "options": "a, b"}),
        ("choice", ("a", "b"), ["a"], "wrong_type", {"got": "a list"}),
        ("choices", ("a", "b"), ["a", "z"], "unknown_option", {"option": "z"}),
        ("choices", ("a", "b"), ["a", "a"], "duplicate_option", {"option": "a"}),
        ("choices", ("a", "b"), "a", "wrong_type", {"expected": "a list of option ids"}),
        ("number", (), True, "wrong_type", {"got": "a boolean"}),
        ("number", (), "5", "wrong_type", {"got": "a text"}),
        ("number", (), float("nan"), "not_finite", {}),
        ("bool", (), "yes", "wrong_type", {"expected": "true or false"}),
        ("bool", (), 1, "wrong_type", {"got": "a number"}),
        ("date", (), "2026-02-30", "bad_date", {"got": "2026-02-30"}),
        ("date", (), "20260228", "bad_date", {}),
        ("date", (), True, "wrong_type", {"got": "a boolean"}),
        ("text", (), ["a"], "wrong_type", {"expected": "a text", "got": "a list"}),
        ("text", (), 12, "wrong_type", {"got": "a number"}),
    ],
)
def test_one_facts_item2_check_fact_value_returns_code_params_and_text(
    kind: str, choices: tuple[str, ...], value: Any, code: str, params: dict[str, str]
) -> None:
    problem = check_fact_value(fact(kind, *choices), value)
    assert problem is not None
    assert problem.code == code
    assert problem.params["fact"] == "x"
    for key, expected in params.items():
        assert problem.params[key] == expected
    assert "'x'" in problem.text


def test_one_facts_item2_check_facts_names_undeclared_and_missing_required() -> None:
    decls = {"x": fact("bool", required=True), "y": fact("text")}
    found = dict(check_facts(decls, {"y": None, "z": 1}))
    assert found["z"].code == "not_declared"
    assert found["x"].code == "missing_required"
    assert "y" not in found  # null: not given, and not required
    assert [n for n, _ in check_facts(decls, {"x": None})] == ["x"]  # null counts as missing
