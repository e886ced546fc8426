"""Issue 9 §1: nothing in the seed-form modules names a procedure's stages, facts, outcomes,
events, methods, questions or criteria — the regulation binds them to the layout's roles
(``forms:``, ``rezerv.documents.binding``).

Every id any bundled regulation declares is collected, and no module that lays out a seed's
forms may hold it as a string literal *in a place where it would be read as such an id*:

* a key of a dict display is the template's own name for a value (``"score": …`` is what the
  DOCX and HTML templates read), and a subscript ``akim["oblast"]`` reads such a value back —
  but a subscript of the application's *facts* is not exempt (their keys are the regulation's
  fact ids), nor is any ``.get("…")``: a record's field read that way must be in ``ALLOWED``;
* ``getattr(person, "questionnaire")`` names an attribute of a model, ``subject=`` what a form
  is about (a campaign, a member, an application), ``Role("level")`` the kind of id a role takes;
* ``ALLOWED`` below: the engine's own vocabulary, the same in every regulation, and the fields of
  the questionnaire's records — each explained there.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pydantic import BaseModel

from rezerv.engine.loader import BUNDLED, load_regulation
from rezerv.engine.schema import ENGINE_OUTCOMES

DOCUMENTS = Path(__file__).resolve().parents[2] / "src" / "rezerv" / "documents"

# The seed-form modules: the forms of the five bundled regulations.
SEED_FORM_MODULES = ("km.py", "ak.py", "br.py", "tp.py", "pk.py")

ALLOWED = {
    # the outcomes the engine itself gives (``schema.ENGINE_OUTCOMES``): no regulation's ids
    *ENGINE_OUTCOMES,
    # the fields of the engine's result (``docs/case-and-result-format.md``): a stage's or a
    # method's ``score``, a candidate's ``reserve`` entry and its ``level``
    "score",
    "reserve",
    "level",
    # the route every regulation has (``routes``: the engine's ``default``, ``no_default_route``)
    "default",
    # a stage's kind (``stages[].kind``), a value of the schema, not an id
    "assessment",
    "intake",
    # the fields of a questionnaire's education and work entries (``selection.models
    # .Questionnaire``), the same for every regulation
    "institution",
    "year",
    "specialty",
    "qualification",
    "post",
    "organisation",
}


def declared_ids() -> dict[str, set[str]]:
    """Every ``id`` the bundled regulations declare (facts and their choices, options,
    outcomes, stages, events, methods, questions, criteria, …), with where."""
    found: dict[str, set[str]] = {}

    def walk(value: object, code: str) -> None:
        if isinstance(value, BaseModel):
            ident = getattr(value, "id", None)
            if isinstance(ident, str):
                found.setdefault(ident, set()).add(f"{code}:{type(value).__name__}")
            for name in type(value).model_fields:
                walk(getattr(value, name), code)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item, code)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item, code)

    for code in BUNDLED:
        walk(load_regulation(code).regulation, code)
    return found


def _exempt(node: ast.Constant, parents: dict[ast.AST, ast.AST]) -> bool:
    parent = parents.get(node)
    if isinstance(parent, ast.Dict) and any(k is node for k in parent.keys):
        return True
    if isinstance(parent, ast.Call) and getattr(parent.func, "id", None) == "Role":
        return True  # the kind of id a role takes (``binding.Role``: stage, level, …)
    if isinstance(parent, ast.keyword) and parent.arg == "subject":
        return True  # what a form is about (``registry.Subject``: campaign, member, application)
    if isinstance(parent, ast.Subscript) and parent.slice is node:
        return "fact" not in ast.unparse(parent.value)
    if isinstance(parent, ast.Call) and len(parent.args) > 1 and parent.args[1] is node:
        return isinstance(parent.func, ast.Name) and parent.func.id in ("getattr", "hasattr")
    return False


def literals_naming_ids(path: Path, ids: dict[str, set[str]]) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if id(node) in docstrings or node.value in ALLOWED or node.value not in ids:
            continue
        if _exempt(node, parents):
            continue
        found.append(f"{path.name}:{node.lineno}: {node.value!r} ({sorted(ids[node.value])[0]})")
    return found


def test_the_collection_finds_the_regulations_ids() -> None:
    ids = declared_ids()
    for sample in ("winner", "interview", "regional_interview", "oblast", "included_in_reserve"):
        assert sample in ids


@pytest.mark.parametrize("module", SEED_FORM_MODULES)
def test_no_seed_form_module_names_a_regulations_id(module: str) -> None:
    assert literals_naming_ids(DOCUMENTS / module, declared_ids()) == []


def test_the_check_catches_an_id_in_code(tmp_path: Path) -> None:
    source = tmp_path / "x.py"
    source.write_text(
        'WINNER = "winner"\n'
        "def f(facts, row):\n"
        '    return {"score": row["score"], "o": facts.get("oblast"), "x": row.get("place")}\n',
        "utf-8",
    )
    found = literals_naming_ids(source, declared_ids())
    assert [line.split(": ")[1].split(" ")[0] for line in found] == ["'winner'", "'oblast'"]
