"""Small helpers to build KM cases in tests and evaluate them through the public engine API."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from rezerv.engine.case import check_case, parse_case
from rezerv.engine.evaluate import evaluate
from rezerv.engine.loader import load_regulation

ROOT = Path(__file__).resolve().parents[2]


def _km_general_documents() -> list[str]:
    """The KM documents every candidate files: the regulation's general checklist (KM-5)."""
    documents = load_regulation("KM").regulation.documents
    assert documents is not None
    return list(documents.checklist("general").required)


KM_DOCS = _km_general_documents()


def example(code: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "examples" / f"{code}.json").read_text("utf-8"))
    return data


def run(code: str, case: dict[str, Any]) -> dict[str, Any]:
    """Parse, check and evaluate a case given as a dict, exactly as the CLI does."""
    loaded = load_regulation(code)
    parsed = parse_case(json.dumps(case, ensure_ascii=False).encode(), "case")
    check_case(loaded.regulation, parsed, "case")
    return evaluate(loaded, parsed)


def by_id(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in result["candidates"]}


def km_candidate(cid: str, **facts: Any) -> dict[str, Any]:
    base = {
        "citizenship": "RU",
        "birth_date": "1985-01-01",
        "speaks_russian": True,
        "liable_for_military_service": False,
        "meets_qualification": True,
    }
    base.update(facts)
    return {
        "id": cid,
        "name": f"Кандидат {cid}",
        "submitted_at": "2026-03-05T10:00:00",
        "consent": True,
        "documents": list(KM_DOCS),
        "facts": base,
        "consents": ["reserve"],
    }


def km_members(
    n_servants: int = 4, n_independent: int = 2, n_public: int = 1
) -> list[dict[str, Any]]:
    members: list[dict[str, Any]] = []
    for i in range(n_servants):
        role = "chair" if i == 0 else "secretary" if i == 1 else "member"
        members.append({"id": f"s{i + 1}", "role": role, "civil_servant": True})
    for i in range(n_independent):
        members.append({"id": f"e{i + 1}", "independent": True})
    for i in range(n_public):
        members.append({"id": f"p{i + 1}", "public_council": True})
    return members


def km_case(
    candidates: list[dict[str, Any]],
    interview: dict[str, list[int | None]],
    tests: dict[str, int],
    *,
    members: list[dict[str, Any]] | None = None,
    present: list[str] | None = None,
    category: str = "supporting",
    group: str = "junior",
    vacancies: int = 1,
) -> dict[str, Any]:
    """A KM case: interview points per candidate listed in member order, test correct answers of 50."""
    members = copy.deepcopy(members) if members is not None else km_members()
    ids = [m["id"] for m in members]
    present = present if present is not None else ids
    ballots = []
    for k, member in enumerate(present):
        rows = {cid: vals[k] for cid, vals in interview.items() if k < len(vals)}
        ballots.append(
            {"stage": "competition", "method": "interview", "member": member, "rows": rows}
        )
    results = [
        {"stage": "competition", "method": "test", "candidate": cid, "correct": c, "questions": 50}
        for cid, c in tests.items()
    ]
    return {
        "regulation": "KM",
        "campaign": {
            "title": "Тестовый конкурс",
            "position": {"title": "Специалист", "category": category, "group": group},
            "vacancies": vacancies,
        },
        "events": {
            "announcement": "2026-03-02",
            "stage2": "2026-04-20",
            "competition_end": "2026-04-20",
        },
        "commissions": [
            {
                "id": "main",
                "rule": "competition_commission",
                "stages": ["competition"],
                "members": members,
            }
        ],
        "candidates": candidates,
        "ballots": ballots,
        "results": results,
        "meetings": [
            {
                "id": "mt1",
                "stage": "competition",
                "commission": "main",
                "date": "2026-04-20",
                "present": present,
            }
        ],
        "votes": [],
    }


def add_votes(case: dict[str, Any], question: str, candidate: str, votes: dict[str, str]) -> None:
    for member, vote in votes.items():
        case["votes"].append(
            {
                "meeting": "mt1",
                "question": question,
                "candidate": candidate,
                "member": member,
                "vote": vote,
            }
        )
