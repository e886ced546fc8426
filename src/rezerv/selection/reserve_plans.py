"""Individual development plans of reserve members (BR-19): HR adds the plan's items with
their deadlines, the member reports on each (with a file), HR assesses each item; an overdue
plan shows on the registry, and "plan not fulfilled" (BR-21) is applied from it.

One transaction per write, with its audit record.  The kinds, the assessments and the ground
are the regulation's (``reserve.development``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from rezerv.engine.reserve import PlanItem as EnginePlanItem
from rezerv.engine.reserve import ReserveError, plan_status
from rezerv.engine.reserve_use import assessment, development_of, item_done_on
from rezerv.engine.schema import Development, Regulation
from rezerv.selection import uploads
from rezerv.selection.models import RegulationVersion, ReserveEntry
from rezerv.selection.reserve_acts import reserve_exclude
from rezerv.selection.reserve_models import ReserveAct
from rezerv.selection.reserve_use_models import PlanItem, PlanReport
from rezerv.selection.services import ServiceError, audit

TITLE_MAX = 500
TEXT_MAX = 5000


def development(reg: Regulation) -> Development | None:
    try:
        return development_of(reg)
    except ReserveError:
        return None


def _dev(entry: ReserveEntry) -> tuple[Regulation, Development]:
    reg = entry.campaign.regulation.load().regulation
    dev = development(reg)
    if dev is None:
        raise ServiceError(
            gettext("Регламент не предусматривает планов индивидуальной подготовки.")
        )
    return reg, dev


def _in_reserve(entry: ReserveEntry) -> None:
    if entry.excluded_on is not None:
        raise ServiceError(gettext("Член резерва исключён из резерва."))


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def plan_add_item(
    *, actor: Any, entry: ReserveEntry, kind: str, title: str, due: dt.date, today: dt.date
) -> PlanItem:
    """Add an item of the regulation's kinds to the member's plan (BR-19)."""
    locked = ReserveEntry.objects.select_for_update().get(pk=entry.pk)
    _in_reserve(locked)
    _reg, dev = _dev(entry)
    if kind not in {k.id for k in dev.kinds}:
        raise ServiceError(gettext("Выберите форму работы из перечня регламента."), field="kind")
    text = (title or "").strip()
    if not text:
        raise ServiceError(gettext("Опишите содержание пункта плана."), field="title")
    if len(text) > TITLE_MAX:
        raise ServiceError(gettext("Не более %(n)s знаков.") % {"n": TITLE_MAX}, field="title")
    if entry.included_on is not None and due < entry.included_on:
        raise ServiceError(
            gettext("Срок не может быть раньше дня включения в резерв."), field="due"
        )
    item = PlanItem.objects.create(
        entry=locked, kind=kind, title=text, due=due, created_by=_actor(actor)
    )
    audit(
        actor=actor,
        action="reserve.plan_item",
        obj=item,
        campaign=entry.campaign,
        changes={"entry": entry.pk, "kind": kind, "due": due},
    )
    return item


@transaction.atomic
def plan_report(
    *,
    actor: Any,
    item: PlanItem,
    text: str,
    done_on: dt.date,
    today: dt.date,
    upload: UploadedFile[bytes] | None = None,
) -> PlanReport:
    """The member's report on an item of their own plan, with an optional file (BR-19)."""
    locked = PlanItem.objects.select_for_update().select_related("entry").get(pk=item.pk)
    _in_reserve(locked.entry)
    body = (text or "").strip()
    if not body:
        raise ServiceError(gettext("Напишите, что сделано."), field="text")
    if len(body) > TEXT_MAX:
        raise ServiceError(gettext("Не более %(n)s знаков.") % {"n": TEXT_MAX}, field="text")
    if done_on > today:
        raise ServiceError(gettext("Дата выполнения не может быть в будущем."), field="done_on")
    report = PlanReport(item=locked, text=body, done_on=done_on, submitted_by=_actor(actor))
    if upload is not None:
        checked, content_type, digest = uploads.check_upload(upload, field="file")
        report.file.save("report", checked, save=False)
        report.content_type = content_type
        report.size = checked.size or 0
        report.sha256 = digest
    report.save()
    audit(
        actor=actor,
        action="reserve.plan_report",
        obj=report,
        campaign=item.entry.campaign,
        changes={
            "item": locked.pk,
            "done_on": done_on,
            "file": bool(upload),
            "sha256": report.sha256,
        },
    )
    return report


@transaction.atomic
def plan_assess(
    *, actor: Any, item: PlanItem, assessment_id: str, note: str, version: int
) -> PlanItem:
    """HR's assessment of one item (BR-19), after the member's report; a concurrent
    assessment (another version) is refused."""
    locked = PlanItem.objects.select_for_update().select_related("entry").get(pk=item.pk)
    _reg, dev = _dev(item.entry)
    if locked.version != version:
        raise ServiceError(gettext("Пункт плана изменён другим пользователем: обновите страницу."))
    try:
        assessment(dev, assessment_id)
    except ReserveError as exc:
        raise ServiceError(
            gettext("Выберите оценку из перечня регламента."), field="assessment"
        ) from exc
    if not locked.reports.exists():
        raise ServiceError(gettext("Член резерва ещё не отчитался по этому пункту."))
    locked.assessment = assessment_id
    locked.assessment_note = (note or "").strip()[:1000]
    locked.assessed_by = _actor(actor)
    locked.assessed_at = timezone.now()
    locked.version += 1
    locked.save()
    audit(
        actor=actor,
        action="reserve.plan_assess",
        obj=locked,
        campaign=item.entry.campaign,
        changes={"assessment": assessment_id},
    )
    return locked


@dataclass(frozen=True)
class ItemRow:
    item: PlanItem
    kind: str
    assessment: str
    reports: list[PlanReport]
    done_on: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class Plan:
    rows: list[ItemRow]
    overdue: int
    fulfilled: bool
    kinds: list[tuple[str, str]]
    assessments: list[tuple[str, str]]
    ground: str | None  # the "not fulfilled" exclusion ground, where the regulation names one


def plan_of(entry: ReserveEntry, today: dt.date) -> Plan | None:
    """The member's plan and its state on ``today`` (engine ``plan_status``); None when the
    regulation has no development plans."""
    reg = entry.campaign.regulation.load().regulation
    dev = development(reg)
    if dev is None:
        return None
    kinds = {k.id: k.title for k in dev.kinds}
    marks = {a.id: a.title for a in dev.assessments}
    items = list(entry.plan_items.prefetch_related("reports").order_by("due", "pk"))
    rows: list[ItemRow] = []
    engine_items: list[EnginePlanItem] = []
    for item in items:
        reports = list(item.reports.all())
        reported = max((r.done_on for r in reports), default=None)
        done = item_done_on(dev, reported, item.assessment or None)
        engine_items.append(EnginePlanItem(item.title, item.due, done))
        rows.append(
            ItemRow(
                item,
                kinds.get(item.kind, item.kind),
                marks.get(item.assessment, ""),
                reports,
                done,
                done is None and item.due < today,
            )
        )
    status = plan_status(engine_items, today)
    return Plan(
        rows,
        len(status.overdue),
        status.fulfilled,
        list(kinds.items()),
        list(marks.items()),
        dev.not_fulfilled_ground,
    )


def overdue_entries(entry_ids: list[int], today: dt.date) -> set[int]:
    """Of ``entry_ids``, those with a plan item past its deadline and not done (no report, or
    assessed as not fulfilled): one query, for the registry's page."""
    rows = PlanItem.objects.filter(entry_id__in=entry_ids, due__lt=today).values_list(
        "entry_id", "entry__campaign__regulation_id", "assessment", "reports__pk"
    )
    out: set[int] = set()
    marked: list[tuple[int, int, str]] = []
    for entry_id, reg_id, mark, report in rows:
        if report is None:
            out.add(entry_id)
        elif mark:
            marked.append((entry_id, reg_id, mark))
    if marked:
        versions = RegulationVersion.objects.filter(pk__in={r for _e, r, _m in marked})
        devs = {v.pk: development(v.load().regulation) for v in versions}
        for entry_id, reg_id, mark in marked:
            dev = devs.get(reg_id)
            if dev is not None and any(a.id == mark and not a.fulfilled for a in dev.assessments):
                out.add(entry_id)
    return out


def exclude_plan_not_fulfilled(
    *, actor: Any, entry: ReserveEntry, on: dt.date, basis: str, today: dt.date
) -> ReserveAct:
    """Exclude the member on the regulation's "plan not fulfilled" ground (BR-21, PK-9), only
    when the plan is in fact not being fulfilled on ``on``."""
    _reg, dev = _dev(entry)
    if dev.not_fulfilled_ground is None:
        raise ServiceError(gettext("Регламент не устанавливает такого основания исключения."))
    plan = plan_of(entry, on)
    if plan is None or plan.fulfilled:
        raise ServiceError(
            gettext("План индивидуальной подготовки исполняется: просроченных пунктов нет.")
        )
    return reserve_exclude(
        actor=actor,
        entry=entry,
        ground_id=dev.not_fulfilled_ground,
        on=on,
        basis=basis,
        today=today,
    )
