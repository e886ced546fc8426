"""The one intake check: whether a submission is accepted, from plain data.

The web form, the API and the spreadsheet importer all submit through it (via
``selection.services.application_submit`` and ``spreadsheets.importer``), so the window of the
intake (the regulation's own ``opens``/``closes`` events and a route's ``closes``), the consent
(C-4), the route, one registration per person (``unique_by``), the document types and the values
of the declared facts (type, options, ``min``, ``required``) are checked in one place.  Each
problem is a code with parameters and rule IDs; the application words it in the user's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal, InvalidOperation
from typing import Any

from rezerv.engine.calendar import CalendarError
from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.engine.facts import check_fact_value
from rezerv.engine.schema import Regulation, Stage

__all__ = ["IntakeProblem", "check_submission", "intake_stage", "intake_window"]


@dataclass(frozen=True)
class IntakeProblem:
    """Why a submission is not accepted.

    Codes and params: ``no_consent`` (requirement); ``unknown_route`` (route); ``not_open``
    (opens); ``closed`` (closes); ``route_closed`` (closes, route); ``duplicate`` (fact);
    ``unknown_document`` (document); ``fact`` (fact, problem: a FactProblem code, plus its
    params); ``below_min`` (fact, min).  ``field`` names the input at fault, when there is one.
    """

    code: str
    field: str | None = None
    params: Mapping[str, Any] = dc_field(default_factory=dict)
    rules: tuple[str, ...] = ()
    # False: the submission is accepted and the engine refuses admission on the same ground,
    # with its rule (a route's own deadline, PK-3: the late recommendation is on record and
    # answered in writing); True: it is not accepted.
    blocks: bool = True


def intake_stage(reg: Regulation) -> Stage | None:
    return next((s for s in reg.stages if s.kind == "intake"), None)


def intake_window(
    reg: Regulation,
    given: Mapping[str, dt.date],
    route: str = "default",
    *,
    stage: Stage | None = None,
    computed: bool = False,
) -> tuple[dt.date | None, dt.date | None, dt.date | None]:
    """(opens, closes, the route's own closing date) of the intake, computed from the given
    events on the regulation's production calendar; None where an event is not known yet.

    ``stage``: the intake stage (default: the regulation's first); ``computed``: ``given``
    already holds the computed deadlines (the engine's run has computed them once).
    """
    stage = stage if stage is not None else intake_stage(reg)
    if stage is None:
        return None, None, None
    events: Mapping[str, dt.date] = given
    if not computed:
        try:
            events, _ = compute_deadlines(reg, make_calendar(reg), given)
        except CalendarError:
            events = dict(given)
    by_route = next((r for r in reg.routes if r.id == route), None)
    return (
        events.get(stage.opens) if stage.opens else None,
        events.get(stage.closes) if stage.closes else None,
        events.get(by_route.closes) if by_route is not None and by_route.closes else None,
    )


def check_submission(
    reg: Regulation,
    *,
    given: Mapping[str, dt.date],
    route: str,
    submitted_on: dt.date,
    consent: bool,
    facts: Mapping[str, Any],
    documents: Collection[str] = (),
    taken: Collection[Any] = (),
    computed: bool = False,
    positions: Collection[str] | None = None,
    choices: Mapping[str, Collection[str]] | None = None,
) -> list[IntakeProblem]:
    """Every reason the submission is not accepted (empty: accepted).

    ``given``: the campaign's event dates; ``taken``: the values of the intake's ``unique_by``
    fact that other persons' applications already hold; ``computed``: ``given`` already holds
    the computed deadlines (a bulk import computes them once, not once per row);
    ``positions``: the titles of the campaign's positions, the values a fact declared
    ``choices_from: positions`` may take (None: not checked); ``choices``: by fact id, the
    values a fact chosen from records may take (``choices_from``; a fact not there: not
    checked).
    """
    out: list[IntakeProblem] = []
    stage = intake_stage(reg)
    stage_rules = tuple(stage.rules) if stage is not None else ()
    if not consent and (reg.consent is None or reg.consent.required):
        requirement = reg.consent.requirement if reg.consent else ""
        rules = tuple(reg.consent.rules) if reg.consent else ("C-4",)
        out.append(IntakeProblem("no_consent", "consent", {"requirement": requirement}, rules))
    routes = {r.id: r for r in reg.routes}
    if route not in (set(routes) or {"default"}):
        out.append(IntakeProblem("unknown_route", "route", {"route": route}))
    opens, closes, route_closes = intake_window(reg, given, route, computed=computed)
    if opens is not None and submitted_on < opens:
        out.append(IntakeProblem("not_open", None, {"opens": opens}, stage_rules))
    if closes is not None and submitted_on > closes:
        out.append(IntakeProblem("closed", None, {"closes": closes}, stage_rules))
    elif route_closes is not None and submitted_on > route_closes:
        by_route = routes[route]
        out.append(
            IntakeProblem(
                "route_closed",
                None,
                {"closes": route_closes, "route": by_route.title},
                tuple(by_route.rules),
                blocks=False,
            )
        )
    key = stage.unique_by if stage is not None else None
    if key and stage is not None and facts.get(key) not in (None, "") and facts[key] in taken:
        title = next((f.title for f in reg.facts if f.id == key), key)
        out.append(IntakeProblem("duplicate", key, {"fact": title}, tuple(stage.unique_rules)))
    catalogue = {d.id for d in reg.documents.catalogue} if reg.documents else set()
    for doc in documents:
        if doc not in catalogue:
            out.append(IntakeProblem("unknown_document", doc, {"document": doc}))
    out.extend(_fact_problems(reg, facts, positions, choices))
    return out


def _fact_problems(
    reg: Regulation,
    facts: Mapping[str, Any],
    positions: Collection[str] | None = None,
    choices: Mapping[str, Collection[str]] | None = None,
) -> list[IntakeProblem]:
    """The declared facts a submission carries, checked by their declarations; a required fact
    asked with the application or the questionnaire must be there (HR's own come later)."""
    out: list[IntakeProblem] = []
    for decl in reg.facts:
        value = facts.get(decl.id)
        if value is None or value == "":
            if decl.required and decl.source in ("application", "questionnaire"):
                out.append(
                    IntakeProblem(
                        "fact", decl.id, {"fact": decl.title, "problem": "missing_required"}
                    )
                )
            continue
        problem = check_fact_value(decl, value)
        if problem is not None:
            out.append(
                IntakeProblem(
                    "fact",
                    decl.id,
                    {**problem.params, "fact": decl.title, "problem": problem.code},
                )
            )
            continue
        if decl.choices_from == "positions" and positions is not None and value not in positions:
            out.append(
                IntakeProblem("fact", decl.id, {"fact": decl.title, "problem": "not_a_position"})
            )
            continue
        allowed = (choices or {}).get(decl.id)
        if decl.choices_from == "campaign" and allowed is not None and value not in allowed:
            out.append(
                IntakeProblem("fact", decl.id, {"fact": decl.title, "problem": "not_recorded"})
            )
            continue
        if decl.type == "number" and decl.min is not None and not isinstance(value, bool):
            try:
                below = Decimal(str(value)) < decl.min
            except InvalidOperation:
                below = False
            if below:
                out.append(
                    IntakeProblem("below_min", decl.id, {"fact": decl.title, "min": decl.min})
                )
    return out
