"""Smoke test of the import benchmark (``bench/import_bench.py``) at a tiny size.

No timing assertions: the figures are the benchmark's business; this checks that the generated
file is valid in every row and imports whole.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from rezerv.selection.models import Application, AuditEvent

BENCH = Path(__file__).resolve().parents[2] / "bench"
ROWS = 300


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_import_bench", BENCH / "import_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


import_bench = _load()


@pytest.mark.django_db
def test_bench_file_imports_whole_and_the_figures_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "applications.xlsx"
    info = import_bench.generate(path, ROWS)
    assert info["rows"] == ROWS
    campaign, hr = import_bench.campaign_for_bench()
    figures = import_bench.measure_in(path, campaign, hr)
    assert figures["problems"] == 0, figures["first_problems"]
    assert figures["imported"]
    assert figures["rows"] == ROWS
    assert figures["counts"] == {"persons": ROWS, "questionnaires": ROWS, "applications": ROWS}
    assert Application.objects.filter(campaign=campaign).count() == ROWS
    assert (
        Application.objects.filter(campaign=campaign, route="civil_servant").count()
        == (info["civil_servant"])
    )
    assert AuditEvent.objects.filter(campaign=campaign, action="application.submit").count() == (
        ROWS
    )
    table = import_bench.table(figures)
    assert "ratio import / openpyxl read" in table
    assert "goal met" in table or "goal NOT met" in table


def test_bench_generator_is_deterministic(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    import_bench.generate(first, 40)
    import_bench.generate(second, 40)

    def values(path: Path) -> list[tuple[object, ...]]:
        wb = load_workbook(path, read_only=True)
        rows = list(wb.worksheets[0].iter_rows(values_only=True))
        wb.close()
        return rows

    assert values(first) == values(second)
    assert len(values(first)) == 41
