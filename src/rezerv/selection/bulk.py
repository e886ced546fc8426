"""Applications submitted in bulk (the spreadsheet importer): each through the one intake check.

Two steps, as a file is first checked, then written only when nothing in it is wrong:

* ``application_import_check(campaign, entries)`` submits every entry to the engine's intake
  check (``engine.intake.check_submission``: the window of the regulation's own events, the
  consent (C-4), the route, one registration per person (``unique_by``), the declared facts),
  as ``application_submit`` does for the web form and the API, and adds the application's own
  checks (the campaign takes applications; one application per person). Each problem carries
  the caller's key (a sheet row) and is worded by ``selection.intake.word``; a value repeated
  within the entries names the entry that held it first (``earlier``).
* ``application_import_bulk(actor=…, checked=…)`` writes a clean check: new persons and their
  questionnaires, the applications and one ``application.submit`` audit record per
  application, in one transaction, by multi-row inserts (``selection.fastinsert``).

One audit record per application, not one per import with the list: an application's history
(its audit records by object) then starts with its submission whether it came by the form, the
API or a file, and the record has the same shape in each case (``route``, ``documents``) plus
``import``, the caller's description of the import (the file's digest). The import itself is
recorded once more by its caller (``import.applications``: the file, its rows, the counts), in
the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone

from rezerv.engine.calendar import CalendarError
from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.engine.intake import IntakeProblem, check_submission, intake_stage, intake_window
from rezerv.engine.schema import Regulation
from rezerv.selection import audit_chain
from rezerv.selection.audit import Action
from rezerv.selection.campaign_positions import position_titles, record_choices
from rezerv.selection.fastinsert import insert_rows
from rezerv.selection.intake import campaign_problem, word
from rezerv.selection.models import Application, AuditEvent, Campaign, Person, Questionnaire
from rezerv.selection.selectors import questionnaire_facts, usable_events
from rezerv.selection.states import ApplicationStatus

__all__ = [
    "BulkApplication",
    "BulkProblem",
    "CheckedImport",
    "NewPerson",
    "application_import_bulk",
    "application_import_check",
    "insert_audit",
    "insert_people",
]

BATCH = 2000  # rows per insert statement batch
LOOKUP = 5000  # values per «IN (…)» lookup (SQLite allows 32,766 parameters, PostgreSQL 65,535)
WINDOW_CODES = frozenset({"not_open", "closed", "route_closed"})


class Progress(Protocol):
    def start(self, stage: str, total: int | None, unit: str = ...) -> None: ...
    def advance(self, amount: int) -> None: ...
    def finish(self) -> None: ...


class _Quiet:
    def start(self, stage: str, total: int | None, unit: str = "") -> None:
        pass

    def advance(self, amount: int) -> None:
        pass

    def finish(self) -> None:
        pass


def chunks(items: list[Any], size: int = LOOKUP) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --------------------------------------------------------------------------- new persons


@dataclass
class NewPerson:
    """A person an import adds: the Person and Questionnaire columns as plain values."""

    person: dict[str, Any]
    questionnaire: dict[str, Any]

    def facts(self, reg: Regulation) -> dict[str, Any]:
        """The facts an application under ``reg`` takes over from the person (as for a web
        application)."""
        person = _namespace(Person, self.person)
        person.questionnaire = _namespace(Questionnaire, self.questionnaire)
        return questionnaire_facts(person, reg)  # type: ignore[arg-type]


_DEFAULTS: dict[Any, dict[str, Any]] = {}


def _namespace(model: Any, values: dict[str, Any]) -> SimpleNamespace:
    """Unsaved values read like the model's instance (every field, defaults filled in)."""
    defaults = _DEFAULTS.get(model)
    if defaults is None:  # read only: one set of default values serves every row
        defaults = _DEFAULTS[model] = {
            f.attname: f.get_default() for f in model._meta.concrete_fields if not f.primary_key
        }
    return SimpleNamespace(**{**defaults, **values})


def _insert(model: Any, rows: list[dict[str, Any]], progress: Progress) -> list[int]:
    ids: list[int] = []
    for chunk in chunks(rows, BATCH):
        ids.extend(insert_rows(model, chunk))
        progress.advance(len(chunk))
    return ids


def insert_audit(
    *,
    actor: Any,
    action: Action,
    campaign: Campaign | None,
    object_type: str,
    changes_by_id: Iterable[tuple[int, dict[str, Any]]],
    progress: Progress,
) -> None:
    """One audit record of ``action`` per inserted object, written in bulk inside the caller's
    transaction (what ``services.audit`` writes one at a time)."""
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    rows = [
        {
            "actor_id": actor_id,
            "action": action.value,
            "object_type": object_type,
            "object_id": str(pk),
            "campaign_id": campaign.pk if campaign is not None else None,
            "changes": json.loads(json.dumps(changes, default=str)),
        }
        for pk, changes in changes_by_id
    ]
    with transaction.atomic():  # the events and the chain's head move together
        _insert(AuditEvent, audit_chain.chain(rows), progress)


def insert_people(
    people: list[NewPerson],
    progress: Progress | None = None,
    *,
    actor: Any,
    campaign: Campaign | None,
    source: Mapping[str, Any] | None = None,
) -> list[int]:
    """Insert the persons, their questionnaires and one ``person.create`` audit record per
    person (inside the caller's transaction): a person's history starts with how they came in.

    The record names the fields given, not their values (they are personal data)."""
    progress = progress or _Quiet()
    ids = _insert(Person, [p.person for p in people], progress)
    for person_id, p in zip(ids, people, strict=True):
        p.questionnaire["person_id"] = person_id
    questionnaire_ids = _insert(Questionnaire, [p.questionnaire for p in people], progress)
    about = dict(source or {}) or True
    insert_audit(
        actor=actor,
        action=Action.PERSON_CREATE,
        campaign=campaign,
        object_type="Person",
        changes_by_id=(
            (
                pk,
                {
                    "fields": sorted(k for k, v in p.person.items() if v not in (None, "")),
                    "questionnaire": q_pk,
                    "import": about,
                },
            )
            for pk, q_pk, p in zip(ids, questionnaire_ids, people, strict=True)
        ),
        progress=progress,
    )
    return ids


# --------------------------------------------------------------------------- the check


@dataclass
class BulkApplication:
    """One application to submit.  ``key``: the caller's reference (a sheet's row number).

    ``submitted_at`` and ``consent`` are None when the caller could not read them (and has
    said why): the entry is then checked for everything else and never written.
    """

    key: Any
    person: int | NewPerson  # a recorded person's id, or a new person
    route: str
    submitted_at: dt.datetime | None
    consent: bool | None
    facts: dict[str, Any]


@dataclass(frozen=True)
class BulkProblem:
    """Why an entry (``key``; None: every entry) is not accepted, worded in ``message``."""

    key: Any
    problem: IntakeProblem
    message: str
    earlier: Any = None  # the key of the entry that holds the same value first

    @property
    def code(self) -> str:
        return self.problem.code

    @property
    def field(self) -> str | None:
        return self.problem.field


@dataclass
class CheckedImport:
    """What ``application_import_check`` found; only a clean one can be written."""

    campaign: Campaign
    entries: list[BulkApplication]
    problems: list[BulkProblem] = field(default_factory=list)
    incomplete: int = 0  # entries without a submission date or a consent answer

    @property
    def ok(self) -> bool:
        return not self.problems and not self.incomplete


def _problem(key: Any, problem: IntakeProblem, earlier: Any = None) -> BulkProblem:
    return BulkProblem(key, problem, word(problem), earlier)


def _computed_events(campaign: Campaign) -> dict[str, dt.date]:
    """The campaign's events with the regulation's deadlines computed once for every entry."""
    reg = campaign.regulation.load().regulation
    given = usable_events(campaign)
    try:
        events, _ = compute_deadlines(reg, make_calendar(reg), given)
    except CalendarError:
        return dict(given)
    return events


def application_import_check(campaign: Campaign, entries: list[BulkApplication]) -> CheckedImport:
    """Submit every entry to the intake check; nothing is written."""
    checked = CheckedImport(campaign, entries)
    problems = checked.problems
    closed = campaign_problem(campaign)
    if closed is not None:
        problems.append(_problem(None, closed))
    reg = campaign.regulation.load().regulation
    events = _computed_events(campaign)
    opens, _, _ = intake_window(reg, events, computed=True)
    zone = timezone.get_default_timezone()
    positions = position_titles(campaign)
    choices = record_choices(campaign)
    # One application per person: recorded ones, and a person twice among the entries.
    known = sorted({e.person for e in entries if isinstance(e.person, int)})
    applied: dict[int, str] = {}
    for chunk in chunks(known):
        applied.update(
            Application.objects.filter(campaign=campaign, person_id__in=chunk).values_list(
                "person_id", "code"
            )
        )
    # One registration per value of the intake's unique_by fact (TP-3): the values others'
    # applications hold (by person), then the entries' own, by the first entry holding each.
    stage = intake_stage(reg)
    unique_by = stage.unique_by if stage is not None else None
    taken: dict[Any, Any] = {}
    if unique_by:
        rows = (
            Application.objects.filter(campaign=campaign)
            .exclude(status=ApplicationStatus.WITHDRAWN)
            .values_list(f"facts__{unique_by}", "person_id")
        )
        taken = {value: ("person", pid) for value, pid in rows if value not in (None, "")}
    first_of_person: dict[int, Any] = {}
    for entry in entries:
        key = entry.key
        if isinstance(entry.person, int):
            if entry.person in applied:
                problems.append(
                    _problem(
                        key, IntakeProblem("already_applied", None, {"code": applied[entry.person]})
                    )
                )
            earlier = first_of_person.setdefault(entry.person, key)
            if earlier != key:
                problems.append(_problem(key, IntakeProblem("already_applied"), earlier))
        day = None
        if entry.submitted_at is not None:
            day = entry.submitted_at.astimezone(zone).date()
        if entry.submitted_at is None or entry.consent is None:
            checked.incomplete += 1
        # the value the entry registers by, and who holds it already
        value = entry.facts.get(unique_by) if unique_by else None
        if not isinstance(value, str | int | float | bool):
            value = None  # not one value: the check of the fact's type says so
        holder = taken.get(value) if value not in (None, "") else None
        own = ("person", entry.person) if isinstance(entry.person, int) else None
        others = taken if holder is not None and holder != own else ()
        found = check_submission(
            reg,
            given=events,
            route=entry.route,
            submitted_on=day or opens or timezone.localdate(),
            consent=True if entry.consent is None else entry.consent,
            facts=entry.facts,
            taken=others,
            computed=True,
            positions=positions,
            choices=choices,
        )
        for problem in found:
            if not problem.blocks or (day is None and problem.code in WINDOW_CODES):
                continue
            earlier = None
            if problem.code == "duplicate" and holder is not None and holder[0] == "entry":
                earlier = holder[1]
            problems.append(_problem(key, problem, earlier))
        if holder is None and value not in (None, ""):
            taken[value] = ("entry", key)
    return checked


# --------------------------------------------------------------------------- the write


def _unique_codes(count: int) -> list[str]:
    """``count`` new application codes, distinct from each other and from the recorded ones."""
    codes: set[str] = set()
    while len(codes) < count:
        fresh = {secrets.token_hex(3).upper() for _ in range(count - len(codes))} - codes
        for chunk in chunks(sorted(fresh)):
            held = set(Application.objects.filter(code__in=chunk).values_list("code", flat=True))
            codes.update(set(chunk) - held)
    return list(codes)[:count]


class ImportRefused(ValueError):
    """``application_import_bulk`` was given a check that found problems."""


@transaction.atomic
def application_import_bulk(
    *,
    actor: Any,
    checked: CheckedImport,
    consent_text: str,
    source: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write a clean check: persons, questionnaires, applications, their audit records.

    ``consent_text``: what the consent given with the paper application says (C-4);
    ``source``: the import's description kept in each audit record (e.g. the file's digest).
    """
    if not checked.ok:
        raise ImportRefused(f"{len(checked.problems)} problems, {checked.incomplete} incomplete")
    progress = progress or _Quiet()
    entries = checked.entries
    campaign = checked.campaign
    new = [e.person for e in entries if isinstance(e.person, NewPerson)]
    progress.start("запись", len(new) * 3 + len(entries) * 2, "записей")
    inserted = insert_people(new, progress, actor=actor, campaign=campaign, source=source)
    new_ids = dict(zip(map(id, new), inserted, strict=True))
    apps = []
    for entry, code in zip(entries, _unique_codes(len(entries)), strict=True):
        who = entry.person
        apps.append(
            {
                "campaign_id": campaign.pk,
                "person_id": new_ids[id(who)] if isinstance(who, NewPerson) else who,
                "code": code,
                "route": entry.route,
                "status": ApplicationStatus.SUBMITTED.value,
                "submitted_at": entry.submitted_at,
                "facts": entry.facts,  # JSON-ready: text, numbers, booleans, lists
                "consent_given_at": entry.submitted_at,
                "consent_text": consent_text,
            }
        )
    app_ids = _insert(Application, apps, progress)
    about = dict(source or {}) or True
    insert_audit(
        actor=actor,
        action=Action.APPLICATION_SUBMIT,
        campaign=campaign,
        object_type="Application",
        changes_by_id=(
            (pk, {"documents": [], "route": app["route"], "import": about})
            for pk, app in zip(app_ids, apps, strict=True)
        ),
        progress=progress,
    )
    progress.finish()
    return {"persons": len(new), "questionnaires": len(new), "applications": len(apps)}
