"""Item 4 — a new decision of a stage and commission supersedes the one in force (C-6, KM-18).

The superseded decision is kept and shown as such; a second decision needs a reason; reserve
entries, the XLSX exports, the documents, the desk and the API read the decision in force only;
two simultaneous attempts make one decision.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from rezerv.documents.common import latest_decision
from rezerv.selection import in_force, services
from rezerv.selection.models import AuditEvent, Decision, ReserveEntry
from rezerv.spreadsheets import export
from tests.web import factories as f

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 4, 21, 9, 15, 30, tzinfo=dt.UTC)
REASON = "Член комиссии исправил оценку с письменной мотивировкой"


@pytest.fixture(autouse=True)
def _quick(settings: Any, tmp_path: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def world() -> dict[str, Any]:
    """km_world's decided KM campaign; Петрова then consents to the reserve and is voted into
    it (KM-18), so the next decision of the stage puts her in the reserve."""
    w = f.km_world(timezone.localdate())
    f.reopen(w)  # the corrections below need the stage reopened (issue 13)
    other = w["other_application"]
    services.application_give_consent(actor=other.person.user, application=other, kind="reserve")
    services.vote_record(
        actor=w["users"]["hr"],
        meeting=w["meeting"],
        question="reserve",
        application=other,
        votes={m.pk: "for" for m in w["members"]},
    )
    return w


def hr_client(w: dict[str, Any]) -> Client:
    client = Client()
    client.force_login(w["users"]["hr"])
    return client


def decide_web(w: dict[str, Any], reason: str, expected: int | None) -> Any:
    return hr_client(w).post(
        reverse("desk_meeting", args=[w["meeting"].pk]),
        {"decide": "1", "reason": reason, "expected": expected or ""},
    )


def reserve_rows(w: dict[str, Any]) -> list[tuple[Any, ...]]:
    data, _ = export.spreadsheet_export(
        actor=w["users"]["hr"], campaign=w["campaign"], kind="reserve", now=NOW
    )
    ws = load_workbook(io.BytesIO(data))["Резерв"]
    return list(ws.iter_rows(min_row=export.HEADER_ROW + 1, values_only=True))


def test_km18_item4_superseding_decision_the_reserve_export_lists_each_person_once(
    world: dict[str, Any],
) -> None:
    first = world["decision"]
    response = decide_web(world, REASON, first.pk)
    assert response.status_code == 302, response.content.decode()[-2000:]
    second = in_force.latest_in_force(world["campaign"])
    assert second is not None and second.pk != first.pk
    third = services.decision_make(
        actor=world["users"]["hr"],
        campaign=world["campaign"],
        stage_id="competition",
        meeting=world["meeting"],
        reason="Повторное заседание после жалобы кандидата",
        expected_in_force=second.pk,
    )
    # Two decisions put Петрова in the reserve; their entries are kept, one is in force.
    assert ReserveEntry.objects.filter(campaign=world["campaign"]).count() == 2
    (entry,) = in_force.reserve_in_force(world["campaign"])
    assert entry.decision_id == third.pk
    rows = reserve_rows(world)
    assert [r[1] for r in rows] == ["Петрова Мария Сергеевна"]
    assert rows[0][3] == "рекомендован в резерв"
    # The rating, the documents and the API read the decision in force only.
    data, _ = export.spreadsheet_export(
        actor=world["users"]["hr"], campaign=world["campaign"], kind="rating", now=NOW
    )
    ws = load_workbook(io.BytesIO(data))["Рейтинг"]
    rating = list(ws.iter_rows(min_row=export.HEADER_ROW + 1, values_only=True))
    assert [r[2] for r in rating] == ["Иванов Иван Иванович", "Петрова Мария Сергеевна"]
    made = timezone.localtime(third.created_at)
    assert f"Решение от {made:%d.%m.%Y %H:%M}" in ws.cell(export.SOURCE_ROW, 1).value
    found = latest_decision(world["campaign"], stage_id="competition")
    assert found is not None and found.pk == third.pk
    api = hr_client(world).get(f"/api/campaigns/{world['campaign'].uid}/decisions/").json()
    assert [d["id"] for d in api] == [third.pk]


def test_c6_item4_a_second_decision_without_reason_is_refused_with_a_field_error(
    world: dict[str, Any],
) -> None:
    page = hr_client(world).get(reverse("desk_meeting", args=[world["meeting"].pk])).content
    assert "Основание повторного решения" in page.decode()  # the desk asks for the reason
    response = decide_web(world, "   ", world["decision"].pk)
    assert response.status_code == 200
    form = response.context["decide_form"]
    assert "укажите основание повторного решения" in form.errors["reason"][0]
    assert Decision.objects.filter(campaign=world["campaign"]).count() == 1
    world["decision"].refresh_from_db()
    assert world["decision"].in_force
    with pytest.raises(services.ServiceError) as error:
        services.decision_make(
            actor=world["users"]["hr"],
            campaign=world["campaign"],
            stage_id="competition",
            meeting=world["meeting"],
        )
    assert error.value.field == "reason"
    assert Decision.objects.filter(campaign=world["campaign"]).count() == 1


def test_c6_item4_the_superseded_decision_is_kept_and_shown_as_superseded(
    world: dict[str, Any],
) -> None:
    first = world["decision"]
    stored_result = first.result
    assert decide_web(world, REASON, first.pk).status_code == 302
    first.refresh_from_db()
    second = Decision.objects.get(superseded_at__isnull=True, campaign=world["campaign"])
    assert first.superseded_by_id == second.pk and first.superseded_at is not None
    assert first.result == stored_result  # kept as it was computed (C-6)
    assert second.reason == REASON and second.created_by == world["users"]["hr"]
    client = hr_client(world)
    old_page = client.get(reverse("desk_decision", args=[world["campaign"].uid]), {"d": first.pk})
    html = old_page.content.decode()
    assert "Решение утратило силу" in html
    assert f"заменено решением № {second.pk} (hr)" in html
    assert REASON in html
    current = client.get(reverse("desk_decision", args=[world["campaign"].uid])).content.decode()
    assert "Решение утратило силу" not in current.split("<h2>")[0]
    assert f"Повторное решение. Основание: {REASON}" in current
    assert "действует" in current and "утратило силу" in current  # both in the list
    # The audit holds both: the new decision (what it supersedes) and the superseded one.
    made = AuditEvent.objects.get(action="decision.make", object_id=str(second.pk))
    assert made.changes["supersedes"] == first.pk and made.changes["reason"] == REASON
    gone = AuditEvent.objects.get(action="decision.supersede", object_id=str(first.pk))
    assert gone.changes["superseded_by"] == second.pk and gone.changes["reason"] == REASON
    assert gone.actor == world["users"]["hr"]


def test_c6_item4_two_simultaneous_attempts_make_one_decision(world: dict[str, Any]) -> None:
    """Both attempts saw the same decision in force; the first supersedes it, the second is
    refused (it would supersede a decision its user never saw) and changes nothing."""
    first = world["decision"]
    assert decide_web(world, REASON, first.pk).status_code == 302
    late = decide_web(world, "Та же причина, вторая вкладка", first.pk)
    assert late.status_code == 200
    assert "уже принято другим пользователем" in late.content.decode()
    assert Decision.objects.filter(campaign=world["campaign"]).count() == 2
    assert in_force.decisions_in_force(world["campaign"]).count() == 1
    # The database holds one decision in force per stage and commission, whoever writes.
    current = in_force.latest_in_force(world["campaign"])
    assert current is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            campaign=current.campaign,
            stage_id=current.stage_id,
            commission=current.commission,
            meeting=current.meeting,
            regulation_sha256=current.regulation_sha256,
            inputs={},
            result={},
            created_by=world["users"]["hr"],
        )
    assert in_force.decisions_in_force(world["campaign"]).count() == 1
