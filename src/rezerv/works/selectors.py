"""Reads of written works: who sees which works of a stage, under which label, and the similar
pairs among them (``similarity``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied

from rezerv.engine.schema import Method
from rezerv.selection import policy
from rezerv.selection.models import Application, Campaign
from rezerv.works.models import Work
from rezerv.works.similarity import Match, similar


def anonymous(campaign: Campaign, method: Method) -> bool:
    """Whether scorers see the method's works under codes (KM-22, KM-23)."""
    reg = campaign.regulation.load().regulation
    sheet = reg.sheet(method.sheet) if method.sheet else None
    return bool((method.work and method.work.anonymous) or (sheet and sheet.anonymous))


@dataclass
class Scope:
    """The applications whose works of one stage a user sees; ``manager``: names always shown."""

    manager: bool
    applications: list[Application]


def scope(user: Any, campaign: Campaign, stage_id: str) -> Scope:
    """The campaign's managers see every work; a member of a commission working on the stage
    sees the works of the applications that seat scores; anyone else is refused."""
    if policy.manages(user, campaign):
        return Scope(True, list(campaign.applications.select_related("person")))
    seats = [m for m in policy.memberships_of(user, campaign) if stage_id in m.commission.stages]
    if not seats:
        raise PermissionDenied
    apps: dict[int, Application] = {}
    for seat in seats:
        apps.update({a.pk: a for a in policy.applications_scored_by(seat)})
    return Scope(False, list(apps.values()))


def names_shown(view: Scope, campaign: Campaign, stage_id: str, method: Method) -> bool:
    """A name is joined to a code only after the stage's scoring is closed (anonymous works)."""
    return view.manager or not anonymous(campaign, method) or stage_id in campaign.closed_stages


def works_in_force(applications: list[Application], stage_id: str, method_id: str) -> list[Work]:
    return list(
        Work.objects.filter(
            application__in=applications,
            stage_id=stage_id,
            method_id=method_id,
            superseded_at__isnull=True,
        )
        .select_related("application__person", "application__campaign")
        .order_by("application__code")
    )


def matches(
    campaign: Campaign, works: list[Work], method_id: str
) -> list[tuple[Match, Work, Work]]:
    """Similar pairs with at least one of ``works``, compared with every work of the same method
    in the campaigns of the same regulation (this session and earlier ones)."""
    if not works:
        return []
    others = Work.objects.filter(
        application__campaign__regulation__code=campaign.regulation.code,
        method_id=method_id,
        superseded_at__isnull=True,
    ).select_related("application__campaign")
    pool = {w.pk: w for w in others} | {w.pk: w for w in works}
    found = similar(
        {pk: w.text for pk, w in pool.items()},
        [w.pk for w in works],
        signatures={pk: w.signature for pk, w in pool.items()},
    )
    return [(m, pool[m.a], pool[m.b]) for m in found]
