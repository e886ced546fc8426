"""XLSX export of the reserve registry as filtered (issue 10): stamped with time and user,
rows by the regulation's titles (BR-1 levels, BR-2 term), scoped to the officer's body, audited."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from rezerv.selection.models import AuditEvent, ReserveEntry
from rezerv.selection.reserve_registry import RegistryFilter
from rezerv.spreadsheets.export import HEADER_ROW, STAMP_ROW
from rezerv.spreadsheets.registry_export import registry_workbook
from tests.documents.world_br import br_documents_world
from tests.web import factories as f

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 4, 21, 9, 15, 30, tzinfo=dt.UTC)  # 12:15:30 in Moscow


@pytest.fixture
def br() -> dict[str, Any]:
    return br_documents_world(timezone.localdate())


def test_br1_br2_registry_workbook_is_stamped_and_filtered(br: dict[str, Any]) -> None:
    wb, count = registry_workbook(
        user=br["hr"], flt=RegistryFilter(level="higher"), today=timezone.localdate(), now=NOW
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    ws = load_workbook(buffer).active
    assert ws is not None
    assert "21.04.2026 12:15:30" in str(ws.cell(STAMP_ROW, 1).value)
    assert "hr_br_docs" in str(ws.cell(STAMP_ROW, 1).value)
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert count == len(rows) == 1
    entry = ReserveEntry.objects.get(decision=br["decision"], person__last_name="Гарипов")
    number, name, level, *_rest, score, included, until, excluded, ground = rows[0]
    assert (number, name, level) == (1, "Гарипов Ильдар Рустемович", "Высший уровень")
    assert score == 82
    assert included.date() == entry.included_on
    assert until.date() == entry.until
    assert (excluded, ground) == (None, None)


def test_registry_export_download_is_scoped_and_audited(br: dict[str, Any]) -> None:
    client = Client()
    client.force_login(br["hr"])
    response = client.get(reverse("reserve_export"), {"status": "all"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="registry-')
    assert response.streaming  # issue 14: streamed from a temporary file
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert ws is not None
    assert ws.max_row - HEADER_ROW == 4  # the four members of the BR decision
    event = AuditEvent.objects.get(action="export.registry")
    assert event.changes["rows"] == 4
    other = Client()
    other.force_login(f.hr_user(f.body("Министерство финансов"), "hr_other_body"))
    streamed = other.get(reverse("reserve_export")).streaming_content
    ws = load_workbook(io.BytesIO(b"".join(streamed))).active
    assert ws is not None and ws.max_row == HEADER_ROW


def test_a_name_that_is_a_formula_stays_text_in_the_registry_export(br: dict[str, Any]) -> None:
    """Issue 13: text a spreadsheet would evaluate is written as text, in write-only sheets too."""
    hostile = '=HYPERLINK("http://example.invalid/","Гарипов")'
    entry = ReserveEntry.objects.get(decision=br["decision"], person__last_name="Гарипов")
    entry.person.last_name = hostile
    entry.person.save(update_fields=["last_name"])
    wb, _count = registry_workbook(
        user=br["hr"], flt=RegistryFilter(level="higher"), today=timezone.localdate(), now=NOW
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    ws = load_workbook(buffer).active
    assert ws is not None
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(str(c.value).startswith(hostile) for c in cells)
