"""The engine's problems with its input (a regulation file, a case) worded
(``rezerv.wording_problems``): every code the engine can raise has a wording, in Russian by
default and in English and Kazakh through the catalogues (issue 9, section 3); the command line
keeps the engine's English reason."""

from __future__ import annotations

import ast
import json
import re
import typing
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
from django.utils import translation
from django.utils.translation import gettext

from rezerv import wording_problems
from rezerv.engine.errors import InputError, Problem
from rezerv.engine.loader import bundled_path, parse_regulation

SRC = Path(__file__).resolve().parents[1] / "src" / "rezerv"
ENGINE = SRC / "engine"
CYRILLIC = re.compile("[А-Яа-яЁё]")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _constant(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def engine_problem_codes() -> set[str]:
    """The codes the engine's modules (the CLI's own options, the documents' check of a file's
    ``forms:``) give a problem: the first argument of every ``issue(…)``, ``Issue(…)`` and
    ``Invalid(…)``, the fifth of every ``Problem(…)`` and the second of every ``CalendarError(…)``."""
    codes: set[str] = set()
    for path in [*ENGINE.glob("*.py"), SRC / "cli.py", SRC / "documents" / "binding.py"]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None)
            position = {"issue": 0, "Issue": 0, "Invalid": 0, "Problem": 4, "CalendarError": 1}
            if name not in position or len(node.args) <= position[name]:
                continue
            code = _constant(node.args[position[name]])
            if code is not None:
                codes.add(code)
    return codes


def fact_problem_codes() -> set[str]:
    """The codes of a fact's refused value (``FactProblem(code, …)``), a case's ``fact_value``."""
    tree = ast.parse((ENGINE / "facts.py").read_text("utf-8"))
    return {
        code
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "FactProblem"
        for code in [_constant(node.args[0]) if node.args else None]
        if code is not None
    }


def sample_params(code: str) -> dict[str, Any]:
    """Params in Latin letters for every placeholder of the code's Russian sentence."""
    template = wording_problems._MESSAGES[code](wording_problems.russian)
    params: dict[str, Any] = {name: f"x_{name}" for name in PLACEHOLDER.findall(template)}
    for key, value in {
        "kind": "stage",
        "type": "number",
        "wanted": ["date", "number"],
        "use": "tie_break",
        "options": ["a", "b"],
        "fields": ["max"],
    }.items():
        if key in params:
            params[key] = value
    return params


def worded(code: str, params: dict[str, Any]) -> tuple[str, str, str]:
    data = {"code": code, "params": params}
    russian = wording_problems.problem(data)
    with translation.override("en"):
        english = wording_problems.problem(data, gettext)
    with translation.override("kk"):
        kazakh = wording_problems.problem(data, gettext)
    return russian, english, kazakh


def test_c2_every_problem_code_the_engine_gives_is_worded() -> None:
    codes = engine_problem_codes()
    assert len(codes) > 100
    assert codes <= wording_problems.CODES, sorted(codes - wording_problems.CODES)
    # nothing worded that the engine never gives: but CalendarError's default code
    assert wording_problems.CODES - codes == {"calendar_error"}
    assert '"calendar_error"' in (ENGINE / "calendar.py").read_text("utf-8")


@pytest.mark.parametrize("code", sorted(wording_problems.CODES - {"fact_value"}))
def test_c2_each_problem_worded_in_russian_english_and_kazakh(code: str) -> None:
    params = sample_params(code)
    russian, english, kazakh = worded(code, params)
    for text in (russian, english, kazakh):
        assert "%(" not in text and text != code
        for value in params.values():
            if isinstance(value, str) and value.startswith("x_"):
                assert value in text, (value, text)
    assert CYRILLIC.search(russian) and not CYRILLIC.search(english), (russian, english)
    assert kazakh not in (russian, english)


@pytest.mark.parametrize("problem", sorted(fact_problem_codes()))
def test_c2_a_cases_refused_fact_is_worded(problem: str) -> None:
    params = {"fact": "age", "option": "x", "options": ["a", "b"], "got": "x", "problem": problem}
    russian, english, kazakh = worded("fact_value", params)
    assert "«age»" in russian and CYRILLIC.search(russian)
    assert not CYRILLIC.search(english) and kazakh not in (russian, english)
    assert russian != wording_problems.problem({"code": "fact_value", "params": {}})


def pydantic_error_types() -> list[str]:
    return sorted(typing.get_args(pydantic_core.core_schema.ErrorType))


@pytest.mark.parametrize("kind", pydantic_error_types())
def test_c2_every_pydantic_error_type_is_worded_without_english(kind: str) -> None:
    """Pydantic's own types are mapped generically (``pydantic.<type>``): each is worded, the
    common ones by their family, any other as «недопустимое значение»."""
    params = {"input": "q", "expected": ["a", "b"], "pattern": "^x$", "ge": 0, "le": 9}
    russian, english, kazakh = worded(f"pydantic.{kind}", params)
    assert CYRILLIC.search(russian) and "%(" not in russian
    assert not CYRILLIC.search(english) and "%(" not in english
    assert kazakh not in (russian, english)


def test_the_common_pydantic_types_have_their_own_wording() -> None:
    generic = wording_problems.problem({"code": "pydantic.no_such_type", "params": {}})
    assert generic == "недопустимое значение"
    for kind in (
        "string_type",
        "int_parsing",
        "bool_parsing",
        "list_type",
        "dict_type",
        "date_from_datetime_parsing",
        "literal_error",
        "string_pattern_mismatch",
        "greater_than_equal",
        "less_than_equal",
        "too_short",
    ):
        assert kind in wording_problems.PYDANTIC_CODES
        assert wording_problems.problem({"code": f"pydantic.{kind}", "params": {}}) != generic


KM = bundled_path("KM").read_text("utf-8")
BROKEN: dict[str, tuple[str, str, str]] = {
    # kind → (the broken text, the code, the Russian problem)
    "unknown field": (
        KM.replace("version:", "versio:", 1),
        "unknown_field",
        "неизвестное поле",
    ),
    "wrong type": (
        KM.replace("min_percent_of_max: 50", "min_percent_of_max: many", 1),
        "pydantic.decimal_parsing",
        "ожидается число",
    ),
    "literal": (
        KM.replace("    kind: intake", "    kind: entry", 1),
        "pydantic.literal_error",
        "недопустимое значение «entry»; допустимые: ",
    ),
    "undeclared fact": (
        KM.replace("fact: birth_date", "fact: birth_day", 1),
        "fact_not_declared",
        "сведение «birth_day» не объявлено в регламенте (раздел facts)",
    ),
    "unknown reference": (
        KM.replace("    commission: competition_commission", "    commission: nobody", 1),
        "unknown_reference",
        "ссылка на несуществующий объект «nobody» (комиссия)",
    ),
    "schema rule": (
        KM.replace("rules: [KM-", "rules: [XX, KM-", 1),
        "not_a_rule_id",
        "«XX» — не идентификатор правила вида KM-19, TP-3 или OR-5",
    ),
    "malformed yaml": ("code: KM\ntitle: [a\n", "malformed_yaml", "ошибка в записи YAML"),
}


def refused(text: str) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        parse_regulation(text.encode(), "bad.yaml")
    return caught.value.problems


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_regulations_problem_has_a_code_params_and_the_clis_english(kind: str) -> None:
    text, code, russian = BROKEN[kind]
    problems = refused(text)
    found = next(p for p in problems if p.code == code)
    json.dumps(found.as_json())  # the params are JSON-ready
    assert not CYRILLIC.search(found.reason)  # the CLI's English reason is kept
    assert wording_problems.problem(found).startswith(russian)
    line = f"Строка {found.line}" if found.line is not None else ""
    assert wording_problems.located(found).startswith(line)


def test_a_duplicate_id_names_the_id() -> None:
    text = KM.replace("  - id: stage2_notice", "  - id: stage2_latest", 1)
    found = next(p for p in refused(text) if p.code == "duplicate_id")
    assert found.params == {"id": "stage2_latest"} and found.path == "deadlines[2].id"
    assert wording_problems.problem(found) == "идентификатор «stage2_latest» повторяется"


def test_a_calendar_problem_names_its_event() -> None:
    data = {
        "code": "date_outside_calendar",
        "params": {"date": "1900-01-01", "country": "RU", "start": 1991, "end": 2100, "event": "a"},
    }
    assert wording_problems.problem(data) == (
        "событие «a»: дата 1900-01-01 вне производственного календаря RU (1991–2100)"
    )


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("a: b: c\n", "здесь не может стоять «:»"),
        ("a: [1\nb: 2\n", "ожидается «,» или «]»"),
        ("a: 'x\n", "файл закончился раньше, чем закрыта кавычка или скобка"),
        ("a:\n  - 1\n  b: 2\n", "не найден ожидаемый элемент списка «-»"),
        ("a: *x\n", "ссылка на неопределённую метку (alias)"),
    ],
)
def test_malformed_yaml_says_what_the_parser_found(text: str, detail: str) -> None:
    found = refused(text)[0]
    assert found.code == "malformed_yaml" and found.line is not None
    assert wording_problems.problem(found) == f"ошибка в записи YAML: {detail}"


def test_an_unknown_parser_problem_is_worded_without_its_english() -> None:
    data = {"code": "malformed_yaml", "params": {"problem": "something new", "context": ""}}
    assert wording_problems.problem(data) == "ошибка в записи YAML"
