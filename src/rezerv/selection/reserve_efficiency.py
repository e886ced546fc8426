"""The efficiency of the work with the reserve (BR-23), counted per calendar year from what is
recorded, for the reserve of one regulation as the user may see it:

* members — entries in the reserve at some time of the year (included on or before its last
  day, not excluded before its first);
* appointed — of them, those excluded in the year on the ground the regulation's appointment
  step names (an appointment recorded on a vacancy, or on the member's card);
* in_projects — of them, those with a priority project recorded for the year;
* vacancies — vacant target positions that fell vacant in the year (of the user's bodies);
  filled — of those, the ones filled from the reserve.

The indicators, their bands and the cumulative spans are the engine's
(``reserve_use.efficiency_table``).  Also records a member's participation in a project.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from rezerv.engine.reserve_use import IndicatorRow, YearCounts, appointment_step, efficiency_table
from rezerv.selection import policy
from rezerv.selection.models import ReserveEntry
from rezerv.selection.reserve_models import ActKind, ReserveAct
from rezerv.selection.reserve_use_models import ProjectParticipation, Vacancy
from rezerv.selection.reserve_vacancies import regulation_of, vacancy_use
from rezerv.selection.services import ServiceError, audit

PROJECT_MAX = 300


def codes_with_efficiency(user: Any) -> list[str]:
    """The regulations of the user's reserve that set efficiency indicators."""
    codes = (
        policy.reserve_visible_to(user)
        .values_list("campaign__regulation__code", flat=True)
        .distinct()
        .order_by("campaign__regulation__code")
    )
    out: list[str] = []
    for code in codes:
        reg = regulation_of(code)
        if reg is not None and reg.reserve is not None and reg.reserve.efficiency:
            out.append(code)
    return out


def chosen(request: Any) -> tuple[str, int]:
    """The regulation code and the year asked in the query (``code``, ``year``), within what
    the user may see and up to the current year; by default the first code and this year."""
    this_year = timezone.localdate().year
    raw = str(request.GET.get("year", ""))
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= this_year else this_year
    codes = codes_with_efficiency(request.user)
    code = str(request.GET.get("code", ""))
    if code not in codes:
        code = codes[0] if codes else ""
    return code, year


def year_counts(user: Any, code: str, year: int) -> YearCounts:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    reg = regulation_of(code)
    use = vacancy_use(reg)
    appoint = appointment_step(use) if use is not None else None
    members = policy.reserve_visible_to(user).filter(
        Q(excluded_on__isnull=True) | Q(excluded_on__gte=first),
        campaign__regulation__code=code,
        included_on__lte=last,
    )
    appointed = 0
    if appoint is not None and appoint.exclusion_ground:
        appointed = (
            ReserveAct.objects.filter(
                entry__in=members,
                kind=ActKind.EXCLUSION,
                ground=appoint.exclusion_ground,
                on__range=(first, last),
            )
            .values("entry")
            .distinct()
            .count()
        )
    in_projects = (
        ProjectParticipation.objects.filter(entry__in=members, year=year)
        .values("entry")
        .distinct()
        .count()
    )
    vacancies = Vacancy.objects.filter(
        code=code,
        body__in=policy.bodies_managed_by(user),
        vacant_since__range=(first, last),
    )
    return YearCounts(
        year=year,
        members=members.count(),
        appointed=appointed,
        in_projects=in_projects,
        vacancies=vacancies.count(),
        filled=vacancies.filter(filled_by__isnull=False).count(),
    )


def efficiency_report(
    user: Any, code: str, last_year: int, years: int = 3
) -> tuple[list[YearCounts], list[IndicatorRow], list[tuple[int, list[IndicatorRow]]]]:
    """The counts of the ``years`` years up to ``last_year`` (oldest first), the indicators of
    the last year and cumulatively over 2 and 3 years, and each year's own indicators (for the
    chart over the years)."""
    reg = regulation_of(code)
    counts = [year_counts(user, code, y) for y in range(last_year - years + 1, last_year + 1)]
    if reg is None:
        return counts, [], []
    table = efficiency_table(reg, counts)
    per_year = [(c.year, efficiency_table(reg, [c], spans=(1,))) for c in counts]
    return counts, table, per_year


@transaction.atomic
def record_project(
    *, actor: Any, entry: ReserveEntry, year: int, project: str, today: dt.date
) -> ProjectParticipation:
    """A member's participation in a priority project in ``year`` (BR-23)."""
    text = (project or "").strip()
    if not text:
        raise ServiceError(gettext("Укажите проект."), field="project")
    if len(text) > PROJECT_MAX:
        raise ServiceError(gettext("Не более %(n)s знаков.") % {"n": PROJECT_MAX}, field="project")
    if year > today.year or (entry.included_on is not None and year < entry.included_on.year):
        raise ServiceError(
            gettext("Год должен приходиться на время нахождения в резерве."), field="year"
        )
    row = ProjectParticipation.objects.create(
        entry=entry,
        year=year,
        project=text,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(
        actor=actor,
        action="reserve.project",
        obj=entry,
        campaign=entry.campaign,
        changes={"year": year, "project": text},
    )
    return row
