"""Where a member of the reserve is employed (TP-13: the employment of talent-pool members is
monitored): HR records the employer, the post and the day the work began; one transaction with
its audit record ``reserve.employment``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext

from rezerv.selection.models import ReserveEntry
from rezerv.selection.reserve_models import ReserveEmployment
from rezerv.selection.services import ServiceError, audit

TEXT_MAX = 300


def _text(value: str, field: str, *, required: bool) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ServiceError(gettext("Укажите место работы (организацию)."), field=field)
    if len(text) > TEXT_MAX:
        raise ServiceError(gettext("Не более %(n)s знаков.") % {"n": TEXT_MAX}, field=field)
    return text


@transaction.atomic
def reserve_record_employment(
    *,
    actor: Any,
    entry: ReserveEntry,
    employer: str,
    post: str,
    since: dt.date,
    today: dt.date,
) -> ReserveEmployment:
    """Record that the member works at ``employer`` as ``post`` from ``since`` (TP-13)."""
    locked = ReserveEntry.objects.select_for_update().select_related("campaign").get(pk=entry.pk)
    where = _text(employer, "employer", required=True)
    what = _text(post, "post", required=False)
    if since > today:
        raise ServiceError(
            gettext("Дата не может быть позже сегодняшнего дня (%(date)s).")
            % {"date": formats.date_format(today, "d.m.Y")},
            field="since",
        )
    record = ReserveEmployment.objects.create(
        entry=locked,
        employer=where,
        post=what,
        since=since,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(
        actor=actor,
        action="reserve.employment",
        obj=locked,
        campaign=locked.campaign,
        changes={"employer": where, "post": what, "since": since},
    )
    return record
