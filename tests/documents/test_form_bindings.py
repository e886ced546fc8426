"""A regulation's ``forms:`` (issue 9 §1): the layouts its campaigns offer, each role bound to the
regulation's own ids; checked against the registered layouts at the desk, at the line."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from rezerv import wording_problems
from rezerv.documents import registry
from rezerv.documents.binding import check_forms, file_problems
from rezerv.engine.loader import BUNDLED, bundled_path, load_regulation, parse_regulation
from rezerv.selection.models import AuditEvent, RegulationVersion
from rezerv.selection.services import regulation_store
from tests.documents.conftest import Docx
from tests.documents.helpers import render, rolled_back
from tests.documents.world import km_documents_world
from tests.web import factories as f

KM_FORMS = "\nforms:\n"


def km_text() -> str:
    return bundled_path("KM").read_text("utf-8")


def with_forms(section: str, code: str = "RG") -> str:
    """The KM file under another code, its ``forms:`` replaced by ``section``."""
    text = km_text().replace("\ncode: KM\n", f"\ncode: {code}\n", 1)
    return text[: text.index(KM_FORMS)] + "\n" + section


def codes_of(text: str) -> list[tuple[str, str | None, dict[str, object]]]:
    loaded = parse_regulation(text.encode(), "rg.yaml")
    return [(p.code, p.path, dict(p.params)) for p in file_problems(loaded)]


@pytest.mark.parametrize("code", BUNDLED)
def test_every_bundled_regulation_binds_its_forms_cleanly(code: str) -> None:
    reg = load_regulation(code).regulation
    assert reg.forms, code
    assert check_forms(reg, registry.FORMS) == []
    # it offers exactly the layouts of its own family, none of the generic ones
    assert {s.family for s in registry.forms_for(reg)} == {code}


def test_a_copy_under_another_code_gets_the_same_forms() -> None:
    """A region copies km.yaml under its own code: the KM layouts, not the generic ones."""
    text = km_text().replace("\ncode: KM\n", "\ncode: RG\n", 1)
    reg = parse_regulation(text.encode(), "rg.yaml").regulation
    km = load_regulation("KM").regulation
    assert [s.code for s in registry.forms_for(reg)] == [s.code for s in registry.forms_for(km)]


def test_without_forms_the_generic_forms() -> None:
    text = km_text()
    reg = parse_regulation(text[: text.index(KM_FORMS)].encode(), "rg.yaml").regulation
    assert {s.family for s in registry.forms_for(reg)} == {registry.GENERIC}


def test_a_copy_binds_its_own_ids() -> None:
    """The winner's outcome renamed everywhere in the file: the layouts bind the new id."""
    text = re.sub(r"\bwinner\b", "champion", km_text()).replace("\ncode: KM\n", "\ncode: RG\n")
    reg = parse_regulation(text.encode(), "rg.yaml").regulation
    assert check_forms(reg, registry.FORMS) == []
    assert registry.get("km_decision") in registry.forms_for(reg)


GOOD_BIND = (
    "    bind:\n"
    "      winners: [winner]\n"
    "      ballot_method: interview\n"
    "      question_phrases: {winner: признание победителем конкурса}\n"
)


def test_an_unknown_layout() -> None:
    found = codes_of(with_forms("forms:\n  - layouts: [km_decision, no_such_form]\n" + GOOD_BIND))
    assert found == [
        ("form_layout_unknown", "forms[0].layouts[1]", {"layout": "no_such_form"}),
    ]


def test_a_layout_listed_twice() -> None:
    section = (
        "forms:\n  - layouts: [km_refusal]\n    bind: {}\n  - layouts: [km_refusal]\n    bind: {}\n"
    )
    assert codes_of(with_forms(section)) == [
        ("form_layout_twice", "forms[1].layouts[0]", {"layout": "km_refusal"})
    ]


def test_an_unknown_role() -> None:
    found = codes_of(with_forms("forms:\n  - layouts: [km_refusal]\n    bind: {stage: intake}\n"))
    assert found == [
        (
            "form_role_unknown",
            "forms[0].bind.stage",
            {"role": "stage", "layouts": ["km_refusal"]},
        )
    ]


def test_a_missing_role() -> None:
    found = codes_of(with_forms("forms:\n  - layouts: [km_ballot]\n    bind: {}\n"))
    assert found == [
        ("form_role_missing", "forms[0].bind", {"role": "ballot_method", "layout": "km_ballot"})
    ]


def test_an_id_of_the_wrong_kind() -> None:
    """``competition`` is a stage of KM, not a method: the ballot's method must be a method."""
    section = "forms:\n  - layouts: [km_ballot]\n    bind: {ballot_method: competition}\n"
    assert codes_of(with_forms(section)) == [
        (
            "form_role_wrong_id",
            "forms[0].bind.ballot_method",
            {"role": "ballot_method", "id": "competition", "kind": "method"},
        )
    ]


def test_a_value_of_the_wrong_shape_and_an_empty_wording() -> None:
    section = (
        "forms:\n  - layouts: [km_decision]\n    bind:\n"
        "      winners: winner\n"
        "      question_phrases: {winner: ''}\n"
    )
    assert codes_of(with_forms(section)) == [
        ("form_role_shape", "forms[0].bind.winners", {"role": "winners", "shape": "many"}),
        (
            "form_role_text",
            "forms[0].bind.question_phrases.winner",
            {"role": "question_phrases", "id": "winner", "count": 1},
        ),
    ]


@pytest.mark.parametrize(
    "code",
    sorted(c for c in wording_problems.CODES if c.startswith("form_")),
)
def test_each_binding_problem_is_worded_in_three_languages(code: str) -> None:
    params = {"layout": "x_l", "layouts": ["x_a"], "role": "x_r", "id": "x_i", "count": 1}
    params |= {"kind": "method", "shape": "many"}
    data = {"code": code, "params": params}
    russian = wording_problems.problem(data)
    with translation.override("en"):
        english = wording_problems.problem(data, gettext)
    with translation.override("kk"):
        kazakh = wording_problems.problem(data, gettext)
    assert len({russian, english, kazakh}) == 3
    assert "method" not in russian and "many" not in russian


@pytest.mark.django_db
def test_the_desk_refuses_a_bad_binding_at_its_line() -> None:
    text = with_forms("forms:\n  - layouts: [km_ballot]\n    bind: {ballot_method: competition}\n")
    line = text.splitlines().index("    bind: {ballot_method: competition}") + 1
    client = Client()
    client.force_login(f.admin_user())
    response = client.post(
        reverse("desk_regulation_upload"),
        {"file": SimpleUploadedFile("rg.yaml", text.encode(), content_type="text/yaml")},
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert (
        f"Строка {line}, поле forms[0].bind.ballot_method: роль «ballot_method» принимает "
        "идентификатор вида «метод оценки»; «competition» в регламенте не объявлен как таковой"
    ) in page
    assert not RegulationVersion.objects.exists() and not AuditEvent.objects.exists()


def champion_text() -> str:
    """KM under another code, its winner's outcome renamed (the vote question keeps its id)."""
    text = km_text().replace("\ncode: KM\n", "\ncode: RG\n", 1)
    for old, new in (
        ("  - {id: winner, title: победитель,", "  - {id: champion, title: победитель,"),
        ("      - outcome: winner\n", "      - outcome: champion\n"),
        ("    repeat_if_none: winner\n", "    repeat_if_none: champion\n"),
        ("reserve_outcomes: [winner]", "reserve_outcomes: [champion]"),
        ("      winners: [winner]\n", "      winners: [champion]\n"),
        ("    keep_outcomes: [winner]", "    keep_outcomes: [champion]"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def champion(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[dict[str, Any]]:
    with rolled_back(django_db_blocker, tmp_path_factory.mktemp("media")):
        version = regulation_store(code="RG", text=champion_text())
        yield km_documents_world(timezone.localdate(), suffix="_rg", regulation=version)


def test_the_km_forms_read_the_copys_own_outcome_ids(champion: dict[str, Any]) -> None:
    """The copy's winner is «champion»: the decision lists him as the winner, his notice says
    he won, as KM's own forms do for «winner»."""
    reg = champion["campaign"].regulation.load().regulation
    assert reg.code == "RG" and "winner" not in {o.id for o in reg.outcomes}
    assert registry.get("km_decision") in registry.forms_for(reg)
    ivanov = champion["apps"]["ivanov"]
    decision = Docx(render(champion, "km_decision", champion["campaign"], "docx"))
    assert "Признать победителем конкурса Иванова Ивана Ивановича (итоговый балл 41,00)." in (
        decision.text
    )
    notice = Docx(render(champion, "km_results_notice", ivanov, "docx"))
    assert any("Вы признаны победителем конкурса" in p for p in notice.paragraphs)
