"""Regulation files: every bundled file validates; malformed files are refused with
file, line, field path and reason."""

from __future__ import annotations

import pytest

from rezerv.engine.errors import InputError
from rezerv.engine.loader import BUNDLED, bundled_path, load_regulation, parse_regulation

MINIMAL = """\
schema_version: 1
code: MINI
title: Минимальный регламент
jurisdiction: RU
source: test
version: "1"
calendar: {country: RU}
events:
  - {id: announcement, title: Объявление}
deadlines:
  - {id: intake_end, title: Окончание приёма, after: announcement, days: 10}
stages:
  - id: intake
    title: Приём
    kind: intake
    owner: hr_officer
    closes: intake_end
"""


def refuse(text: str) -> str:
    with pytest.raises(InputError) as err:
        parse_regulation(text.encode(), "mini.yaml")
    return str(err.value)


def test_minimal_regulation_loads() -> None:
    loaded = parse_regulation(MINIMAL.encode(), "mini.yaml")
    assert loaded.regulation.code == "MINI"
    assert len(loaded.sha256) == 64


@pytest.mark.parametrize("code", [c for c in BUNDLED if bundled_path(c).exists()])
def test_bundled_regulations_validate_and_cite_rules(code: str) -> None:
    reg = load_regulation(code).regulation
    assert reg.code == code
    own = {r for r in reg.cited_rules() if r.startswith(code + "-")}
    assert own, f"{code} cites none of its own rule IDs"


def test_malformed_yaml_names_the_line() -> None:
    message = refuse(MINIMAL + "  - id: [unclosed\n")
    assert message.startswith("mini.yaml:")
    assert "malformed YAML" in message


def test_unknown_field_names_path_and_line() -> None:
    text = MINIMAL.replace("    owner: hr_officer\n", "    owner: hr_officer\n    colour: red\n")
    message = refuse(text)
    assert "mini.yaml:17: stages[0].colour: unknown field" in message


def test_bad_value_names_path_and_reason() -> None:
    message = refuse(MINIMAL.replace("jurisdiction: RU", "jurisdiction: XX"))
    assert "mini.yaml:4: jurisdiction:" in message and "production calendars know" in message


def test_missing_field_is_named() -> None:
    message = refuse(MINIMAL.replace("title: Минимальный регламент\n", ""))
    assert "title: required field is missing" in message


def test_unknown_reference_is_refused() -> None:
    message = refuse(MINIMAL.replace("after: announcement", "after: announcment"))
    assert "deadlines[0].after: unknown event 'announcment'" in message
    assert "mini.yaml:11:" in message


def test_rule_ids_are_checked() -> None:
    message = refuse(
        MINIMAL.replace("    owner: hr_officer\n", "    owner: hr_officer\n    rules: [KM19]\n")
    )
    assert "stages[0].rules" in message and "'KM19' is not a rule ID" in message


def test_condition_errors_point_into_the_condition() -> None:
    text = MINIMAL + (
        "eligibility:\n"
        "  - id: age\n"
        "    requirement: возраст\n"
        "    check: {fact: age, op: bigger, value: 18}\n"
    )
    message = refuse(text)
    assert "eligibility[0].check.op" in message


def test_score_sheet_shape_is_checked() -> None:
    text = MINIMAL + (
        "score_sheets:\n"
        "  - id: s\n"
        "    title: Лист\n"
        "    criteria:\n"
        "      - {id: a, title: A, kind: points}\n"
    )
    assert "a points criterion needs 'max'" in refuse(text)


def test_not_utf8_and_not_a_mapping() -> None:
    with pytest.raises(InputError, match="not UTF-8"):
        parse_regulation(b"\xff\xfe", "bin.yaml")
    assert "must be a YAML mapping" in refuse("- a\n- b\n")


@pytest.mark.parametrize("code", [c for c in BUNDLED if bundled_path(c).exists()])
def test_no_text_swallowed_a_yaml_key(code: str) -> None:
    """A quoting slip in a flow mapping turns `title: "X, rules: [KM-8]"` into one string."""
    from pydantic import BaseModel

    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, str) and ("rules: [" in value or ", when: {" in value):
            found.append(value)

    walk(load_regulation(code).regulation)
    assert found == []


WITH_WORK = (
    MINIMAL
    + """\
methods:
  - id: essay
    title: Эссе
    kind: pass_fail
    work: {words_max: 500, closes: essay_due, facts: {words: essay_wrds}, rules: [TP-8]}
"""
)


def test_written_work_references_and_limits_are_checked() -> None:
    """TP-8, KM-22: a work's events and facts must be declared; a minimum above a maximum is
    refused."""
    message = refuse(WITH_WORK)
    assert "methods[0].work.closes: unknown event 'essay_due'" in message
    assert "methods[0].work.facts.words: unknown fact 'essay_wrds'" in message
    message = refuse(WITH_WORK.replace("words_max: 500", "words_min: 600, words_max: 500"))
    assert "'words_min' is above 'words_max'" in message
