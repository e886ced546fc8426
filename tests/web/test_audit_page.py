"""The campaign's audit log pages through every event, newest first, and exports them all with
their place in the chain and hash (issue 13, a tamper-evident audit)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from rezerv.selection.models import AuditEvent
from rezerv.selection.services import audit
from rezerv.spreadsheets import export
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign_with_events() -> dict[str, Any]:
    state_body = f.body()
    hr = f.hr_user(state_body)
    campaign = f.km_campaign(hr, announce=dt.date(2026, 3, 2))
    for n in range(230):
        audit(actor=hr, action="campaign.update", obj=campaign, campaign=campaign, changes={"n": n})
    client = Client()
    client.force_login(hr)
    return {"campaign": campaign, "client": client, "hr": hr}


def test_every_event_is_reached_page_by_page(campaign_with_events: dict[str, Any]) -> None:
    w = campaign_with_events
    total = AuditEvent.objects.filter(campaign=w["campaign"]).count()
    assert total > 230  # the campaign's creation and the 230 changes
    url = reverse("desk_audit", args=[w["campaign"].uid])
    seen: list[int] = []
    pages = -(-total // 100)
    for number in range(1, pages + 1):
        page = w["client"].get(url, {"page": number})
        assert page.status_code == 200
        seen.extend(line.seq for line in page.context["lines"])
    assert len(seen) == total == len(set(seen))
    assert seen == sorted(seen, reverse=True)  # newest first
    text = w["client"].get(url).content.decode()
    assert f"страница 1 из {pages}" in text
    assert f"записей в журнале: {total}" in text
    assert "Выгрузить весь журнал (XLSX)" in text


def test_the_whole_log_is_exported_in_chain_order(campaign_with_events: dict[str, Any]) -> None:
    w = campaign_with_events
    events = list(AuditEvent.objects.filter(campaign=w["campaign"]).order_by("seq"))
    response = w["client"].get(reverse("desk_audit_export", args=[w["campaign"].uid]))
    assert response.status_code == 200
    assert response.streaming  # issue 14: streamed from a temporary file
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Журнал"]
    rows = list(ws.iter_rows(min_row=export.HEADER_ROW + 1, values_only=True))
    assert [r[0] for r in rows] == [e.seq for e in events]
    assert [r[6] for r in rows] == [e.hash for e in events]
    assert rows[-1][3] == "изменение кампании" and '"n": 229' in rows[-1][5]
    assert AuditEvent.objects.filter(action="export.audit", campaign=w["campaign"]).exists()


def test_others_read_neither_the_log_nor_its_export(campaign_with_events: dict[str, Any]) -> None:
    outsider = f.hr_user(f.body("Другое ведомство"), username="hr2")
    client = Client()
    client.force_login(outsider)
    uid = campaign_with_events["campaign"].uid
    assert client.get(reverse("desk_audit", args=[uid])).status_code == 403
    assert client.get(reverse("desk_audit_export", args=[uid])).status_code == 403
