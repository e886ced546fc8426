"""Regulations uploaded at the desk (issue 9): a region runs its own procedure with no code.

A file is checked exactly as ``rezerv validate`` checks it (``engine.loader.parse_regulation``:
the schema, the cross-references, the fact declarations); a valid one is stored as a version
that is not yet in force, previewed against the version in force for its code, and activated
with the day it comes into force.  A new campaign takes the version of its code in force on the
day it is created; a campaign keeps the version it started with.

Services: ``regulation_upload`` here; putting versions in force (``regulation_activate``,
``regulation_reschedule``, ``regulation_withdraw``) and which one is in force
(``regulation_in_force``, ``regulation_overview``) in ``selection.activations``; the preview:
``regulation_diff``, ``regulation_changes``.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from rezerv import wording_problems
from rezerv.engine.errors import InputError, Problem
from rezerv.engine.loader import BUNDLED, LoadedRegulation, bundled_path, parse_regulation
from rezerv.engine.schema import Regulation
from rezerv.selection.activations import (
    CodeOverview,
    activation_in_force,
    regulation_activate,
    regulation_in_force,
    regulation_overview,
    regulation_reschedule,
    regulation_withdraw,
    regulations_in_force,
    version_state,
)
from rezerv.selection.models import RegulationVersion
from rezerv.selection.services import (
    BUNDLED_EFFECTIVE,
    ServiceError,
    audit,
    regulation_load_bundled,
)

__all__ = [
    "BUNDLED_EFFECTIVE",
    "CodeOverview",
    "regulation_activate",
    "regulation_in_force",
    "regulation_overview",
    "regulation_reschedule",
    "regulation_upload",
    "regulation_withdraw",
    "regulations_in_force",
    "version_state",
]
MAX_BYTES = 2 * 1024 * 1024  # the bundled files are below 100 KB


class RegulationInvalid(ServiceError):
    """The file is not a valid regulation: ``messages`` are the problems, worded for the user."""

    def __init__(self, messages: list[str], field: str | None = None) -> None:
        super().__init__("\n".join(messages), field)
        self.messages = messages


# --------------------------------------------------------------------------- problems worded


def problem_message(problem: Problem) -> str:
    """«Строка 12, поле stages[2].conditions: …» — the place in the file and the problem, in
    the user's language (the engine's code and params, worded by ``rezerv.wording_problems``)."""
    return wording_problems.located(problem, gettext)


# Checks of the parts of a file the engine does not read, added by the interfaces that read
# them (the documents' ``forms:``, ``rezerv.documents.apps``): the problems of a loaded file.
FileCheck = Callable[[LoadedRegulation], list[Problem]]
FILE_CHECKS: list[FileCheck] = []


def add_file_check(check: FileCheck) -> None:
    """Check every uploaded file with ``check`` too (once, however often it is added)."""
    if check not in FILE_CHECKS:
        FILE_CHECKS.append(check)


def regulation_check(raw: bytes, filename: str) -> Any:
    """The loaded regulation, or ``RegulationInvalid`` with every problem (as ``rezerv validate``,
    then the checks of ``FILE_CHECKS``)."""
    if len(raw) > MAX_BYTES:
        raise RegulationInvalid([gettext("Файл больше 2 МБ: это не похоже на регламент.")])
    if not raw.strip():
        raise RegulationInvalid([gettext("Файл пуст.")])
    try:
        loaded = parse_regulation(raw, filename)
    except InputError as exc:
        raise RegulationInvalid([problem_message(p) for p in exc.problems]) from exc
    problems = [p for check in FILE_CHECKS for p in check(loaded)]
    if problems:
        raise RegulationInvalid([problem_message(p) for p in problems])
    return loaded


# --------------------------------------------------------------------------- the preview


def regulation_diff(before: RegulationVersion | None, after: RegulationVersion) -> str:
    """A unified diff of the YAML text against the version in force ('' when there is none)."""
    if before is None:
        return ""
    lines = difflib.unified_diff(
        before.source_text.splitlines(keepends=True),
        after.source_text.splitlines(keepends=True),
        fromfile=f"{before.code} {before.version} ({before.sha256[:8]})",
        tofile=f"{after.code} {after.version} ({after.sha256[:8]})",
    )
    return "".join(lines)


def regulation_changes(before: Regulation | None, after: Regulation) -> list[dict[str, Any]]:
    """Stages, facts and outcomes added or removed, by their titles (a short summary in words)."""
    if before is None:
        return []
    out = []
    kinds = [
        ("stages", gettext("Этапы")),
        ("facts", gettext("Сведения (факты)")),
        ("outcomes", gettext("Итоги")),
    ]
    for attr, title in kinds:
        old = {item.id: item.title for item in getattr(before, attr)}
        new = {item.id: item.title for item in getattr(after, attr)}
        added = [new[k] for k in new if k not in old]
        removed = [old[k] for k in old if k not in new]
        if added or removed:
            out.append({"title": title, "added": added, "removed": removed})
    return out


# --------------------------------------------------------------------------- services


def bundled_stored() -> None:
    """Store the bundled files that are not stored yet (idempotent, as campaign_create does)."""
    for code in BUNDLED:
        if bundled_path(code).exists():
            regulation_load_bundled(code=code)


@dataclass(frozen=True)
class Upload:
    version: RegulationVersion
    created: bool  # False: the same text is already stored (the same version)


@transaction.atomic
def regulation_upload(*, actor: Any, raw: bytes, filename: str) -> Upload:
    """Store a valid regulation file as a version not yet in force (audit ``regulation.upload``).

    A bad file raises ``RegulationInvalid`` and stores nothing; the same text as a stored
    version (the same code and SHA-256) returns that version with ``created=False``.
    """
    loaded = regulation_check(raw, filename)
    reg = loaded.regulation
    existing = RegulationVersion.objects.filter(code=reg.code, sha256=loaded.sha256).first()
    if existing is not None:
        return Upload(existing, created=False)
    try:
        with transaction.atomic():  # a savepoint: the same text uploaded at the same moment
            version = RegulationVersion.objects.create(
                code=reg.code,
                title=reg.title,
                version=reg.version,
                sha256=loaded.sha256,
                source_text=raw.decode("utf-8"),
                uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError:
        return Upload(RegulationVersion.objects.get(code=reg.code, sha256=loaded.sha256), False)
    audit(
        actor=actor,
        action="regulation.upload",
        obj=version,
        changes={"code": reg.code, "version": reg.version, "file": filename[:200]},
    )
    return Upload(version, created=True)


def campaign_choices(day: dt.date | None = None) -> list[Any]:
    """The regulations a new campaign may take today: every code with a version in force (the
    bundled files count even before their first campaign stores them), by code."""
    found = {v.code: v for v in regulations_in_force(day)}
    for code in BUNDLED:
        if code not in found and bundled_path(code).exists():
            reg = parse_regulation(bundled_path(code).read_bytes(), f"{code}.yaml").regulation
            found[code] = RegulationVersion(code=code, title=reg.title, version=reg.version)
    return [found[code] for code in sorted(found)]


def new_campaign_regulation(code: str, day: dt.date | None = None) -> Regulation | None:
    """The regulation a campaign of ``code`` created on ``day`` takes (as
    ``regulation_for_new_campaign`` picks it), read without storing anything: its kinds and
    position facts are what the new-campaign form asks.  None: no version of ``code`` in force."""
    day = day or timezone.localdate()
    found = activation_in_force(code, day)
    if code in BUNDLED and bundled_path(code).exists():
        loaded = parse_regulation(bundled_path(code).read_bytes(), f"{code}.yaml")
        stored = RegulationVersion.objects.filter(code=code, sha256=loaded.sha256).first()
        # creating the campaign stores the bundled text in force from BUNDLED_EFFECTIVE, the
        # last made of that day: it wins unless a version is in force from a later day
        unstored = stored is None or not stored.activations.exists()
        if unstored and (found is None or found.effective_from <= BUNDLED_EFFECTIVE):
            return loaded.regulation
    return found.version.load().regulation if found is not None else None


def regulation_for_new_campaign(code: str, day: dt.date | None = None) -> RegulationVersion:
    """The version a campaign created on ``day`` takes (a bundled file is stored first)."""
    if code in BUNDLED and bundled_path(code).exists():
        regulation_load_bundled(code=code)
    version = regulation_in_force(code, day)
    if version is None:
        raise ServiceError(
            gettext("Для регламента «%(code)s» нет редакции, действующей на сегодня.")
            % {"code": code},
            field="regulation_code",
        )
    return version
