"""C-2, KM-6, AK-6, BR-11: a letter to a citizen cites the clause of the regulation, never a rule
ID. Each bundled regulation declares (``clauses``) the clause of every rule its source numbers;
every ground on which the engine refuses an application cites at least one clause."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rezerv.engine.case import check_case, parse_case
from rezerv.engine.evaluate import evaluate
from rezerv.engine.loader import BUNDLED, load_regulation
from rezerv.engine.schema import Regulation

RULE_CODE = re.compile(r"\b[A-Z]{1,4}-\d+\b")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def refusal_grounds(reg: Regulation) -> list[tuple[str, tuple[str, ...]]]:
    """Every set of rules a refusal of ``reg`` can cite, with where it is declared: a
    requirement's (with its stage's refusal clauses), a duplicate registration's, a late or
    early submission's (the intake stage's, a route's), a missing consent's, a missing document's."""
    grounds: list[tuple[str, tuple[str, ...]]] = []
    intake = [s for s in reg.stages if s.kind == "intake"]
    for stage in reg.stages:
        extra = tuple(stage.refusal_rules)
        for req in stage.requirements:
            grounds.append((f"{stage.id}.{req.id}", tuple(req.rules) + extra))
        if stage.unique_by is not None:
            grounds.append((f"{stage.id}.unique_by", tuple(stage.unique_rules)))
    for stage in intake:
        grounds.append((f"{stage.id} (dates)", tuple(stage.rules)))
        if reg.documents is not None:
            for cl in reg.documents.checklists:
                rules = tuple(cl.rules or reg.documents.rules) + tuple(stage.refusal_rules)
                grounds.append((f"documents.{cl.id}", rules))
    for route in reg.routes:
        if route.closes is not None:
            grounds.append((f"routes.{route.id}", tuple(route.rules)))
    if reg.consent is not None and reg.consent.required:
        grounds.append(("consent", tuple(reg.consent.rules)))
    return grounds


@pytest.mark.parametrize("code", BUNDLED)
def test_c2_every_ground_of_refusal_cites_a_clause(code: str) -> None:
    """C-2: each ground of refusal of each bundled regulation cites a clause, and every rule of
    the regulation's own namespace among its rules has one (KM-6, AK-6, BR-11, TP-4, PK-5)."""
    reg = load_regulation(code).regulation
    grounds = refusal_grounds(reg)
    assert grounds
    for where, rules in grounds:
        assert reg.cite(rules), f"{code} {where}: {rules} cite no clause"
        own = [r for r in rules if r.startswith(f"{code}-")]
        missing = [r for r in own if r not in reg.clauses]
        assert not missing, f"{code} {where}: no clause for {missing}"


@pytest.mark.parametrize("code", BUNDLED)
def test_c2_every_own_rule_the_file_cites_has_a_clause(code: str) -> None:
    """Every rule of the procedure's own namespace the file cites has a clause worded as the
    source numbers it (п., пп., пункт, подпункт, раздел, приложение), and no clause names a rule
    ID or a rule the file does not cite."""
    reg = load_regulation(code).regulation
    cited = reg.cited_rules()
    own = {r for r in cited if r.startswith(f"{code}-")}
    assert own <= set(reg.clauses), sorted(own - set(reg.clauses))
    assert set(reg.clauses) <= cited | {r for r in reg.clauses if r.startswith("C-")}
    for rule, text in reg.clauses.items():
        assert not RULE_CODE.search(text), (rule, text)
        assert re.match(r"(пп?\.|пункт|подпункт|раздел|приложени)", text), (rule, text)


@pytest.mark.parametrize(
    ("code", "clause"),
    [
        ("KM", "пп. 3.3–3.5 Методики"),
        ("AK", "пп. 10–11 Методических рекомендаций"),
        ("BR", "п. 3.10 Порядка"),
        ("PK", "п. 2.1 Положения"),
        ("TP", "п. 5 Методических рекомендаций"),
    ],
)
def test_c2_refusals_of_each_example_cite_the_clause(code: str, clause: str) -> None:
    """The refusals the engine gives in each procedure's example case cite the clause of the
    regulation (KM-6 3.3–3.5, AK-6 p. 10–11, BR-11 3.10, PK-1 2.1, TP-1 p. 5)."""
    loaded = load_regulation(code)
    path = EXAMPLES / f"{code.lower()}.json"
    case = parse_case(path.read_bytes(), str(path))
    check_case(loaded.regulation, case, str(path))
    result = evaluate(loaded, case, str(path))
    refusals = [r for row in _rows(result) for r in row.get("refusals", [])]
    assert refusals
    citations = [loaded.regulation.cite(r["rules"]) for r in refusals]
    assert all(citations), citations
    assert any(clause in c for c in citations), citations


def _rows(result: object) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if value.get("refusals"):
                found.append(value)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(json.dumps(result, default=str)))
    return found
