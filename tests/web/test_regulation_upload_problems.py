"""A broken regulation uploaded at the desk is refused with each problem at its line, worded in
the user's language from the engine's code and params (issue 9, section 3): Russian by default,
English with the language switched; the engine's own English text never reaches a Russian page."""

from __future__ import annotations

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from rezerv.engine.errors import InputError, Problem
from rezerv.engine.loader import bundled_path, parse_regulation
from rezerv.selection.models import RegulationVersion
from tests.web import factories as f

pytestmark = pytest.mark.django_db

KM = bundled_path("KM").read_text("utf-8")
CYRILLIC = re.compile("[А-Яа-яЁё]")

# kind → (the broken file, its problem's code, the problem in Russian, in English)
BROKEN: dict[str, tuple[str, str, str, str]] = {
    "unknown field": (
        KM.replace("version:", "versio:", 1),
        "unknown_field",
        "неизвестное поле",
        "unknown field",
    ),
    "wrong type": (
        KM.replace("min_percent_of_max: 50", "min_percent_of_max: many", 1),
        "pydantic.decimal_parsing",
        "ожидается число",
        "a number is expected",
    ),
    "value not allowed": (
        KM.replace("    kind: intake", "    kind: entry", 1),
        "pydantic.literal_error",
        "недопустимое значение «entry»; допустимые: intake, assessment",
        "value “entry” is not allowed; allowed: intake, assessment",
    ),
    "undeclared fact in a condition": (
        KM.replace("check: {fact: birth_date,", "check: {fact: birth_day,", 1),
        "fact_not_declared",
        "сведение «birth_day» не объявлено в регламенте (раздел facts)",
        "fact “birth_day” is not declared by the regulation (section facts)",
    ),
    "unknown reference": (
        KM.replace("    commission: competition_commission", "    commission: nobody", 1),
        "unknown_reference",
        "ссылка на несуществующий объект «nobody» (комиссия)",
        "reference to a nonexistent “nobody” (commission)",
    ),
    "duplicate id": (
        KM.replace("  - id: stage2_notice", "  - id: stage2_latest", 1),
        "duplicate_id",
        "идентификатор «stage2_latest» повторяется",
        "duplicate identifier “stage2_latest”",
    ),
    "schema rule": (
        KM.replace("rules: [KM-", "rules: [XX, KM-", 1),
        "not_a_rule_id",
        "«XX» — не идентификатор правила вида KM-19, TP-3 или OR-5",
        "“XX” is not a rule ID such as KM-19, TP-3 or OR-5",
    ),
    "malformed YAML": (
        KM.replace("title: ", "title: [", 1),
        "malformed_yaml",
        "ошибка в записи YAML: ожидается «,» или «]»",
        "malformed YAML: “,” or “]” expected",
    ),
    "tab in YAML": (
        KM.replace("\n  - id: stage2_notice", "\n\t- id: stage2_notice", 1),
        "malformed_yaml",
        "ошибка в записи YAML: с этого символа не может начинаться значение (отступы делаются "
        "пробелами, не табуляцией)",
        "malformed YAML: no value may start with this character (indent with spaces, not tabs)",
    ),
}


def engine_problem(text: str, code: str) -> Problem:
    with pytest.raises(InputError) as caught:
        parse_regulation(text.encode(), "regulation.yaml")
    return next(p for p in caught.value.problems if p.code == code)


def upload_page(client: Client, text: str) -> str:
    response = client.post(
        reverse("desk_regulation_upload"),
        {"file": SimpleUploadedFile("regulation.yaml", text.encode(), content_type="text/yaml")},
    )
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def admin_client(language: str | None = None) -> Client:
    client = Client()
    client.force_login(f.admin_user())
    if language is not None:
        client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


def test_every_kind_of_problem_is_one_the_engine_gives() -> None:
    for kind, (text, code, _, _) in BROKEN.items():
        assert text != KM, kind
        found = engine_problem(text, code)
        assert found.line is not None, kind


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_regulation_is_refused_in_russian_at_its_line(kind: str) -> None:
    text, code, russian, _ = BROKEN[kind]
    problem = engine_problem(text, code)
    page = upload_page(admin_client(), text)
    place = f"Строка {problem.line}" + (f", поле {problem.path}" if problem.path else "")
    assert f"{place}: {russian}" in page
    # the engine's English reason never reaches a Russian page
    assert problem.reason not in page
    assert "Input should" not in page and "malformed YAML" not in page
    assert not RegulationVersion.objects.exists()


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_regulation_is_refused_in_english_with_the_language_switched(kind: str) -> None:
    text, code, _, english = BROKEN[kind]
    problem = engine_problem(text, code)
    page = upload_page(admin_client("en"), text)
    place = f"Line {problem.line}" + (f", field {problem.path}" if problem.path else "")
    shown = f"{place}: {english}"
    assert shown in page
    assert not CYRILLIC.search(shown)
    assert not RegulationVersion.objects.exists()


def test_every_problem_of_a_file_is_worded_and_none_left_in_english() -> None:
    """A file with many problems: each is shown in Russian, none in the engine's English."""
    text = KM.replace("version:", "versio:", 1).replace("rules: [KM-", "rules: [XX, KM-", 1)
    with pytest.raises(InputError) as caught:
        parse_regulation(text.encode(), "regulation.yaml")
    page = upload_page(admin_client(), text)
    for problem in caught.value.problems:
        assert problem.reason not in page
        assert f"Строка {problem.line}" in page
