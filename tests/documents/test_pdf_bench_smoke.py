"""Smoke test of the certificate benchmark (``bench/pdf_bench.py``) at a tiny size.

No timing assertions: the figures are the benchmark's business. This checks that the benchmark's
TP cycle certifies every participant through the services (TP-12) and that both ways of making
the certificates give one per holder.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.test import override_settings

from rezerv.selection.models import AuditEvent, ReserveEntry

BENCH = Path(__file__).resolve().parents[2] / "bench"
HOLDERS = 3


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_pdf_bench", BENCH / "pdf_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


pdf_bench = _load()


@pytest.mark.django_db
def test_tp12_bench_cycle_certifies_every_holder_and_both_ways_give_one_each(
    tmp_path: Path,
) -> None:
    with override_settings(MEDIA_ROOT=tmp_path):
        campaign, hr, apps = pdf_bench.tp_cycle(HOLDERS)
        assert ReserveEntry.objects.filter(decision__campaign=campaign).count() == HOLDERS
        figures: dict[str, Any] = pdf_bench.measure_in(campaign, hr, apps, rounds=1)
    assert figures["holders"] == HOLDERS
    assert (
        figures["one"]["count"] == figures["all"]["count"] == figures["files"]["count"] == HOLDERS
    )
    assert figures["one"]["bytes_each"] > 1000
    downloads = AuditEvent.objects.filter(action="document.download", campaign=campaign)
    # warm-up (3 + 1 + 1) and the measured (3 + 1 + 1): every rendering is a download, audited
    assert downloads.count() == 2 * (HOLDERS + 2)
    figures.update({"setup_s": 0.0, "core": 0})
    table = pdf_bench.table(figures)
    assert "one by one (tp_certificate)" in table and "all at once (tp_certificates)" in table
    assert "a PDF per holder at once (ZIP)" in table
    assert "goal met" in table or "goal NOT met" in table
