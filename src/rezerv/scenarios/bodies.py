"""State bodies, their units and posts, regions and districts of a scenario.

Reference data no service creates (an administrator enters it; the HR desk only picks from it),
so this module creates it directly — with ``people``, the only modules of ``rezerv.scenarios``
that write models themselves.
"""

from __future__ import annotations

from rezerv.selection.models import District, Position, Region, StateBody, Unit


def body(name: str, *, region: Region | None = None) -> StateBody:
    return StateBody.objects.create(name=name, region=region)


def unit(state_body: StateBody, name: str) -> Unit:
    return Unit.objects.create(body=state_body, name=name)


def position(
    state_body: StateBody,
    title: str,
    *,
    facts: dict[str, str] | None = None,
    unit: Unit | None = None,
    qualification_requirements: str = "",
) -> Position:
    """A post; ``facts``: its classification by the regulation's ``source: position`` facts
    (KM's ``category`` and ``group``), none where the regulation declares none."""
    return Position.objects.create(
        body=state_body,
        unit=unit,
        title=title,
        facts=facts or {},
        qualification_requirements=qualification_requirements,
    )


def regions(country: str, districts: dict[str, list[str]]) -> dict[str, Region]:
    """The regions of ``country`` named by the keys of ``districts``, each with its districts."""
    out = {}
    for name, names in districts.items():
        out[name] = Region.objects.create(name=name, country=country)
        for district in names:
            District.objects.create(region=out[name], name=district)
    return out
