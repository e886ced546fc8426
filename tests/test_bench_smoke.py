"""Smoke test of the benchmark (``make bench``) at a tiny size.

The generator and the measurement run in-process on 200 candidates; the engine's result is
compared with what the generator planned from its own, independent arithmetic.  There are no
timing assertions: performance is measured by ``bench/run.py``, never by tests.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
CANDIDATES = 200


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate = _load("generate")
run = _load("run")


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("bench") / "km.json"
    info = generate.generate(path, CANDIDATES)
    figures = run.measure(path, keep_result=True, result_path=path.with_suffix(".result.json"))
    return {"info": info, "figures": figures, "result": figures["result"], "path": path}


def _outcomes(result: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in result["candidates"]:
        out.setdefault(row["outcome"], []).append(row["id"])
    return out


def test_bench_every_generated_candidate_is_evaluated(measured: dict[str, Any]) -> None:
    figures, result = measured["figures"], measured["result"]
    assert figures["candidates"] == CANDIDATES
    assert figures["evaluated"] == CANDIDATES
    assert len(result["candidates"]) == CANDIDATES
    assert sum(result["summary"]["outcomes"].values()) == CANDIDATES
    assert len({row["id"] for row in result["candidates"]}) == CANDIDATES


def test_km1_km5_km6_bench_refusals_match_the_generator(measured: dict[str, Any]) -> None:
    info, result = measured["info"], measured["result"]
    refused = [row for row in result["candidates"] if row["outcome"] == "refused"]
    assert refused
    assert len(refused) == info["refused"]
    assert all(row["refusals"] and not row["admitted"] for row in refused)


def test_km16_km12_bench_winners_match_the_generators_own_scores(
    measured: dict[str, Any],
) -> None:
    """The generator computes every score itself (integer hundredths) and plans the votes
    for the top of its own rating; the engine must crown exactly those candidates."""
    info, result = measured["info"], measured["result"]
    outcomes = _outcomes(result)
    assert outcomes["winner"] == info["winners"]
    assert len(info["winners"]) == generate.VACANCIES
    assert sorted(outcomes["recommended_for_reserve"]) == sorted(info["reserve"])
    rows = {row["id"]: row for row in result["candidates"]}
    for cid in info["reserve_rejected"]:  # 4:4, the chair against (KM-12)
        vote = rows[cid]["stages"]["competition"]["votes"]["reserve"]
        assert vote["casting_vote"] and not vote["adopted"]
        assert rows[cid]["outcome"] == "not_selected"
    assert [row["place"] for row in result["candidates"][: len(info["winners"])]] == list(
        range(1, len(info["winners"]) + 1)
    )


def test_km13_bench_tests_are_scored_from_answer_strings(measured: dict[str, Any]) -> None:
    result = measured["result"]
    tested = [
        row["stages"]["competition"]["methods"]["test"]
        for row in result["candidates"]
        if row["admitted"] and "correct" in row["stages"]["competition"]["methods"]["test"]
    ]
    assert tested
    assert all(t["questions"] == generate.QUESTIONS for t in tested)
    assert any(not t["passed"] for t in tested) and any(t["passed"] for t in tested)


def test_km2_km12_bench_meeting_is_quorate(measured: dict[str, Any]) -> None:
    (meeting,) = measured["result"]["meetings"]
    assert meeting["valid"]
    assert meeting["members"] == generate.MEMBERS
    assert meeting["present"] == generate.MEMBERS - 1


def test_bench_figures_are_reported(measured: dict[str, Any]) -> None:
    figures = measured["figures"]
    for name in ("parse_s", "evaluate_s", "serialise_s", "ratio", "rss_peak_bytes"):
        assert figures[name] >= 0
    assert figures["file_bytes"] == measured["path"].stat().st_size
    assert figures["result_bytes"] > 0


def test_bench_generator_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    generate.generate(first, 40)
    generate.generate(second, 40)
    assert first.read_bytes() == second.read_bytes()


def test_bench_run_prints_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "km.json"
    generate.generate(path, 60)
    assert run.main(["--case", str(path)]) == 0
    out = capsys.readouterr().out
    assert "ratio evaluate / parse" in out
    assert "peak RSS after evaluate" in out
    assert "goal met" in out or "goal NOT met" in out
