"""Writes are transactional services with an audit record: no interface module writes a model.

An AST scan of the interfaces over ``selection`` (``web``, ``api``, ``documents``,
``spreadsheets``): outside their services modules no code creates, saves, updates or deletes a
model (``.objects.create(``, ``.save(``, ``.delete(``, ``get_or_create``, ``update_or_create``,
``bulk_create``, ``bulk_update``, a queryset's ``.update(``/``.delete(``). The scenarios (the
demo's, the tests' and the benchmarks' data, ``rezerv.scenarios``) are held to it too, but for
the reference data no service creates. The import-linter contracts (``pyproject.toml``,
``make lint``) check the other half of the layering.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "rezerv"
INTERFACES = ("web", "api", "documents", "spreadsheets")

# The interfaces' own transactional, audited write paths.
SERVICE_MODULES = {
    "documents/services.py",  # template uploads and deletions, audited downloads
    "documents/retention.py",  # the retention job: one transaction per act, audited (C-7)
    "documents/returns.py",  # documents returned to a candidate: audited
    "spreadsheets/importer.py",  # spreadsheet_import: one transaction, audited
}
# ``.save(`` on things that are not models: (module, the receiver as written).
NOT_MODELS = {
    ("documents/rendering.py", "doc"),  # a python-docx document
    ("documents/build_templates.py", "every[code]()"),  # a python-docx document
    ("spreadsheets/export.py", "wb"),  # an openpyxl workbook
    ("spreadsheets/registry_export.py", "wb"),  # an openpyxl workbook
    ("spreadsheets/pending.py", "default_storage"),  # Django's file storage, not a model
    ("spreadsheets/efficiency_export.py", "wb"),  # an openpyxl workbook
}

# rezerv.scenarios builds through the services as well; what no service creates (logins and staff
# roles, persons with their questionnaires, state bodies with their units and posts, regions and
# districts) these two modules create directly: the models each may write.
SCENARIO_SETUP = {
    "scenarios/people.py": frozenset({"User", "Staff", "Person", "Questionnaire"}),
    "scenarios/bodies.py": frozenset({"StateBody", "Unit", "Position", "Region", "District"}),
}

MANAGER_WRITES = {
    "create",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
    "update",
    "delete",
}
QUERYSET_METHODS = {"objects", "filter", "exclude", "all", "select_for_update", "select_related"}


def _chain(node: ast.AST) -> list[str]:
    """The attribute and call names a receiver is built from: ``A.objects.filter(...)``."""
    names = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return names


def _root(node: ast.AST) -> str:
    """The name a receiver starts from: ``Person`` of ``Person.objects.filter(...)``."""
    while isinstance(node, ast.Call | ast.Attribute | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def writes_in(source: str, module: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The model writes of one module, as ``line: code``; writes to the ``allowed`` models (by
    the name the receiver starts from) are left out."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name, receiver = node.func.attr, node.func.value
        write = False
        if name in ("save", "delete"):
            commit_false = any(
                k.arg == "commit" and isinstance(k.value, ast.Constant) and k.value.value is False
                for k in node.keywords
            )
            write = not commit_false and (module, ast.unparse(receiver)) not in NOT_MODELS
        if name in MANAGER_WRITES and QUERYSET_METHODS & set(_chain(receiver)):
            write = True  # ``Model.objects…create(`` or a queryset's ``.update(``
        if name in MANAGER_WRITES - {"update", "delete"} and isinstance(receiver, ast.Attribute):
            write = True  # a related manager: ``application.documents.create(...)``
        if write and _root(receiver) not in allowed:
            found.append(f"{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def interface_modules() -> list[str]:
    out = []
    for package in INTERFACES:
        for path in sorted((SRC / package).rglob("*.py")):
            module = path.relative_to(SRC).as_posix()
            if "/migrations/" in module or module in SERVICE_MODULES:
                continue
            out.append(module)
    return out


@pytest.mark.parametrize("module", interface_modules())
def test_no_model_is_written_outside_services(module: str) -> None:
    found = writes_in((SRC / module).read_text("utf-8"), module)
    assert not found, (
        f"{module} writes models; move the write into a service with an audit record "
        f"(selection.services.audit): " + "; ".join(found)
    )


def scenario_modules() -> list[str]:
    return [p.relative_to(SRC).as_posix() for p in sorted((SRC / "scenarios").rglob("*.py"))]


@pytest.mark.parametrize("module", scenario_modules())
def test_scenarios_write_only_what_no_service_writes(module: str) -> None:
    allowed = SCENARIO_SETUP.get(module, frozenset())
    found = writes_in((SRC / module).read_text("utf-8"), module, allowed)
    assert not found, (
        f"{module} writes models itself; build the scenario through the services "
        f"(rezerv.selection.services …): " + "; ".join(found)
    )


def test_the_scan_holds_a_setup_module_to_its_models() -> None:
    people = SCENARIO_SETUP["scenarios/people.py"]
    assert not writes_in("Person.objects.create(last_name='x')", "scenarios/people.py", people)
    assert writes_in("Campaign.objects.create(title='x')", "scenarios/people.py", people)
    assert writes_in("person.save()", "scenarios/people.py", people)


@pytest.mark.parametrize(
    "code",
    [
        "Person.objects.create(last_name='x')",
        "Questionnaire.objects.get_or_create(person=p)",
        "Result.objects.filter(pk=1).update(passed=True)",
        "Ballot.objects.bulk_create(rows)",
        "application.documents.create(doc_type='x')",
        "form.save()",
        "user.save()",
        "ballot.delete()",
        "Vote.objects.update_or_create(member=m, defaults={})",
    ],
)
def test_the_scan_finds_each_kind_of_write(code: str) -> None:
    assert writes_in(code, "web/views.py"), code


@pytest.mark.parametrize(
    "code",
    [
        "form.save(commit=False)",
        "context.update(a=1)",
        "facts.update(form.facts())",
        "Person.objects.filter(pk=1).first()",
        "doc.save(out)",
    ],
)
def test_the_scan_leaves_reads_and_non_models_alone(code: str) -> None:
    assert not writes_in(code, "documents/rendering.py"), code
