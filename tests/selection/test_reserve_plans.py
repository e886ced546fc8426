"""Development plans of reserve members (BR-19): items of the regulation's kinds, the member's
reports with files, HR's assessment per item, the overdue plan, and the exclusion for a plan
not fulfilled (BR-21)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from rezerv.selection.models import AuditEvent, ReserveEntry
from rezerv.selection.reserve_plans import (
    exclude_plan_not_fulfilled,
    overdue_entries,
    plan_add_item,
    plan_assess,
    plan_of,
    plan_report,
)
from rezerv.selection.services import ServiceError
from tests.documents.world_br import br_documents_world
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def br() -> dict[str, Any]:
    w = br_documents_world(timezone.localdate())
    w["entry"] = ReserveEntry.objects.get(decision=w["decision"], person__last_name="Гарипов")
    return w


def test_br19_plan_items_reports_with_file_and_assessment(br: dict[str, Any]) -> None:
    entry: ReserveEntry = br["entry"]
    assert entry.included_on is not None
    today = entry.included_on + dt.timedelta(days=60)
    due = entry.included_on + dt.timedelta(days=30)
    item = plan_add_item(
        actor=br["hr"],
        entry=entry,
        kind="internship",
        title="Стажировка в Минэкономразвития",
        due=due,
        today=today,
    )
    plan = plan_of(entry, today)
    assert plan is not None and plan.overdue == 1 and not plan.fulfilled
    assert plan.rows[0].kind == "Краткосрочная стажировка"  # the regulation's title
    assert entry.pk in overdue_entries([entry.pk], today)
    report = plan_report(
        actor=entry.person.user,
        item=item,
        text="Стажировка пройдена",
        done_on=due,
        today=today,
        upload=f.pdf("report.pdf"),
    )
    assert report.file and report.sha256
    plan = plan_of(entry, today)
    assert plan is not None and plan.fulfilled and plan.overdue == 0
    assert overdue_entries([entry.pk], today) == set()
    item.refresh_from_db()
    plan_assess(actor=br["hr"], item=item, assessment_id="fulfilled", note="", version=item.version)
    item.refresh_from_db()
    assert item.assessment == "fulfilled" and item.version == 2
    # a stale version is refused (concurrent assessment)
    with pytest.raises(ServiceError, match="обновите страницу"):
        plan_assess(actor=br["hr"], item=item, assessment_id="fulfilled", note="", version=1)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"reserve.plan_item", "reserve.plan_report", "reserve.plan_assess"} <= actions


def test_br19_bad_items_are_refused_at_their_field(br: dict[str, Any]) -> None:
    entry = br["entry"]
    today = timezone.localdate()
    with pytest.raises(ServiceError) as bad_kind:
        plan_add_item(actor=br["hr"], entry=entry, kind="bogus", title="x", due=today, today=today)
    assert bad_kind.value.field == "kind"
    with pytest.raises(ServiceError) as empty:
        plan_add_item(
            actor=br["hr"], entry=entry, kind="coaching", title="  ", due=today, today=today
        )
    assert empty.value.field == "title"
    assert not entry.plan_items.exists()


def test_br21_plan_not_fulfilled_excludes_on_the_regulation_ground(br: dict[str, Any]) -> None:
    entry: ReserveEntry = br["entry"]
    assert entry.included_on is not None
    due = entry.included_on + dt.timedelta(days=10)
    today = entry.included_on + dt.timedelta(days=40)
    item = plan_add_item(
        actor=br["hr"], entry=entry, kind="programme", title="Программа", due=due, today=today
    )
    # reported, then assessed as not fulfilled: the item is not done, the plan is overdue
    plan_report(actor=None, item=item, text="Частично", done_on=due, today=today)
    item.refresh_from_db()
    plan_assess(
        actor=br["hr"], item=item, assessment_id="not_fulfilled", note="", version=item.version
    )
    assert entry.pk in overdue_entries([entry.pk], today)
    exclude_plan_not_fulfilled(
        actor=br["hr"], entry=entry, on=today, basis="Распоряжение № 3-р", today=today
    )
    entry.refresh_from_db()
    assert entry.exclusion_ground == "development_plan_not_fulfilled"


def test_br21_a_plan_being_fulfilled_is_no_ground(br: dict[str, Any]) -> None:
    entry: ReserveEntry = br["entry"]
    today = timezone.localdate()
    with pytest.raises(ServiceError, match="исполняется"):
        exclude_plan_not_fulfilled(actor=br["hr"], entry=entry, on=today, basis="№ 1", today=today)
    entry.refresh_from_db()
    assert entry.excluded_on is None
