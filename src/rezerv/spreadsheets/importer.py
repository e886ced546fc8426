"""Import of candidates, applications and test results from XLSX or CSV: all or nothing.

``spreadsheet_import`` reads the file once, streaming its rows (openpyxl read-only mode), and
validates everything before it writes anything: each cell by its column (``columns.py``), then
the rows together and against the database in bulk (duplicates in the file, persons already
recorded, the checks of ``services.result_check``). Applications are submitted, row by row,
to the one intake check of the web form and the API (``selection.bulk``: the window, consent,
routes, uniqueness, declared facts), worded as the form words it. The report lists every
problem by row, column and reason.

A dry run stops there. A real run writes only when there is no problem at all, in one
transaction (multi-row inserts in batches), with the campaign row locked; if anything fails
while writing, nothing stays written. Every real run is in the campaign's audit log (the file's
SHA-256, its rows and what was created), and so is every created application and result.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from openpyxl.utils import get_column_letter

from rezerv.engine.case import collector_paused
from rezerv.engine.schema import Regulation
from rezerv.selection import bulk, frozen, services
from rezerv.selection.audit import Action
from rezerv.selection.bulk import NewPerson
from rezerv.selection.fastinsert import insert_rows
from rezerv.selection.identifiers import format_snils
from rezerv.selection.models import (
    Campaign,
    Person,
    Result,
)
from rezerv.selection.selectors import questionnaire_facts
from rezerv.selection.states import ApplicationStatus
from rezerv.spreadsheets.columns import (
    IGNORED_HEADERS,
    KIND_TITLES,
    KINDS,
    CellError,
    Column,
    Layout,
    criterion_parser,
    is_blank,
    layout_for,
    norm,
)
from rezerv.spreadsheets.reader import FileError, open_rows

BATCH = 2000
MAX_PROBLEMS = 5000  # kept in the report; the rest are counted
CONSENT_TEXT = (
    "Согласие на обработку персональных данных получено в письменной форме вместе с заявлением; "
    "заявление внесено кадровой службой из файла."
)


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return f"строка {self.row}, столбец «{self.column}»: {self.reason}"
        if self.column:
            return f"столбец «{self.column}»: {self.reason}"
        if self.row is not None:
            return f"строка {self.row}: {self.reason}"
        return self.reason


@dataclass
class Report:
    kind: str
    dry_run: bool
    format: str = ""
    sha256: str = ""
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    problems_total: int = 0
    imported: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # seconds by phase

    @property
    def ok(self) -> bool:
        return self.problems_total == 0

    def add(self, row: int | None, column: str | None, reason: str) -> None:
        self.problems_total += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row, column, reason))

    def summary(self) -> str:
        title = KIND_TITLES[self.kind]
        if not self.ok:
            return (
                f"{title}: строк с данными {self.rows}, ошибок {self.problems_total}. "
                "Файл не загружен: исправьте ошибки и загрузите его снова."
            )
        if self.imported:
            done = ", ".join(f"{COUNT_TITLES.get(k, k)}: {v}" for k, v in self.counts.items())
            return f"{title}: строк с данными {self.rows}; загружено ({done})."
        return (
            f"{title}: строк с данными {self.rows}, ошибок нет. "
            "Пробная проверка пройдена: файл можно загрузить."
        )

    def lines(self, limit: int | None = None) -> list[str]:
        shown = self.problems if limit is None else self.problems[:limit]
        out = [str(p) for p in shown]
        rest = self.problems_total - len(shown)
        if rest > 0:
            out.append(f"… и ещё ошибок: {rest}")
        return out


COUNT_TITLES = {
    "persons": "лиц",
    "questionnaires": "анкет",
    "applications": "заявлений",
    "results_created": "результатов записано",
    "results_updated": "результатов заменено",
}


class Progress:
    """What the importer reports while it works; the command line shows it with tqdm."""

    def start(self, stage: str, total: int | None, unit: str = "строк") -> None:
        pass

    def advance(self, amount: int) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass
class Row:
    number: int
    values: dict[str, Any]  # column key -> parsed value (blank cells are absent)
    bad: set[str]  # column keys whose cell did not parse (already reported)


class _Abort(Exception):
    """Raised inside the transaction to roll a failed write back."""


# --------------------------------------------------------------------------- reading


def _header(
    report: Report, layout: Layout, number: int, cells: tuple[Any, ...]
) -> list[Column | None]:
    """Map the header row's cells to columns; unknown, repeated and missing columns are problems."""
    known = layout.lookup()
    ignored = {norm(h) for h in IGNORED_HEADERS}
    mapping: list[Column | None] = []
    seen: dict[str, str] = {}
    for index, cell in enumerate(cells):
        if is_blank(cell):
            mapping.append(None)
            continue
        key = norm(cell)
        col = known.get(key)
        letter = get_column_letter(index + 1)
        text = " ".join(str(cell).split())
        if col is None:
            if key not in ignored:
                report.add(number, text, f"неизвестный столбец (столбец {letter})")
            mapping.append(None)
            continue
        if col.key in seen:
            report.add(number, text, f"столбец повторяется (уже в столбце {seen[col.key]})")
            mapping.append(None)
            continue
        seen[col.key] = letter
        mapping.append(col)
    for col in layout.columns:
        if col.required and col.key not in seen:
            report.add(number, col.header, "нет обязательного столбца")
    return mapping


HEADER_SEARCH = 20  # non-empty rows in which the header row is looked for (titles above it)


class _SheetReader:
    """The rows of one file: the header row, then each data row parsed cell by cell."""

    def __init__(self, report: Report, layout: Layout) -> None:
        self.report = report
        self.layout = layout
        self.known = layout.lookup()
        self.mapping: list[Column | None] | None = None
        self.headers: dict[str, str] = {}
        self.rows: list[Row] = []
        self.header_ok = False

    def known_headers(self, cells: tuple[Any, ...]) -> int:
        return sum(1 for c in cells if not is_blank(c) and norm(c) in self.known)

    def header(self, number: int, cells: tuple[Any, ...]) -> None:
        mapping = self.mapping = _header(self.report, self.layout, number, cells)
        present = {c.key for c in mapping if c is not None}
        self.header_ok = all(c.key in present for c in self.layout.columns if c.required)
        # Cells under a header that is not a column (reported once, on the header row).
        self.skipped = {i for i, c in enumerate(mapping) if c is None and not is_blank(cells[i])}
        self.headers = {
            col.key: " ".join(str(cells[i]).split())
            for i, col in enumerate(mapping)
            if col is not None
        }
        self.width = len(mapping)
        self.required = [c for c in mapping if c is not None and c.required]

    def data(self, number: int, cells: tuple[Any, ...]) -> None:
        mapping, report, headers = self.mapping, self.report, self.headers
        width, skipped = self.width, self.skipped
        assert mapping is not None
        values: dict[str, Any] = {}
        bad: set[str] = set()
        blank = True
        for index, cell in enumerate(cells):
            if cell is None or (cell.__class__ is str and not cell.strip()):
                continue
            blank = False
            col = mapping[index] if index < width else None
            if col is None:
                if index not in skipped:
                    letter = get_column_letter(index + 1)
                    report.add(number, None, f"значение в столбце {letter} без заголовка")
                continue
            try:
                values[col.key] = col.parse(cell)
            except CellError as exc:
                bad.add(col.key)
                report.add(number, headers[col.key], str(exc))
        if blank:
            return
        report.rows += 1
        for col in self.required:
            if col.key not in values and col.key not in bad:
                report.add(number, headers[col.key], "не заполнено")
        self.rows.append(Row(number, values, bad))

    def settle(self, lead: list[tuple[int, tuple[Any, ...]]]) -> None:
        """No row looked like the header: take the first non-empty one (its problems say why)."""
        (number, cells), *rest = lead
        self.header(number, cells)
        for item in rest:
            self.data(*item)


def _read(
    report: Report, layout: Layout, source: Any, progress: Progress
) -> tuple[list[Row], dict[str, str], bool]:
    """Parse every cell of every row.

    The header row is the first with at least two known headers among the first non-empty
    rows (a title above the table is skipped), else the first non-empty row. Returns the rows,
    the header text of each column key, and whether the file was read whole with every
    required column (then the rows can be checked together).
    """
    try:
        opened = open_rows(source)
    except FileError as exc:
        report.add(None, None, str(exc))
        return [], {}, False
    report.format = opened.format
    sheet = _SheetReader(report, layout)
    lead: list[tuple[int, tuple[Any, ...]]] = []  # non-empty rows before the header
    progress.start("проверка строк", opened.total)
    pending = 0
    try:
        for number, cells in opened.rows:
            pending += 1
            if pending == 1000:
                progress.advance(pending)
                pending = 0
            if sheet.mapping is not None:
                sheet.data(number, cells)
            elif all(is_blank(c) for c in cells):
                continue
            elif sheet.known_headers(cells) >= 2:
                sheet.header(number, cells)
                lead = []
            else:
                lead.append((number, cells))
                if len(lead) == HEADER_SEARCH:
                    sheet.settle(lead)
                    lead = []
        if sheet.mapping is None and lead:
            sheet.settle(lead)
    except FileError as exc:
        report.add(None, None, str(exc))
        return sheet.rows, sheet.headers, False
    finally:
        if opened.close is not None:
            opened.close()
        progress.advance(pending)
        progress.finish()
    if sheet.mapping is None:
        report.add(None, None, "файл пуст: нет строки заголовков")
    elif not sheet.rows and report.ok:
        report.add(None, None, "в файле нет строк с данными")
    return sheet.rows, sheet.headers, sheet.mapping is not None and sheet.header_ok


# --------------------------------------------------------------------------- persons


LOOKUP = 5000  # values per «IN (…)» lookup (SQLite allows 32,766 parameters, PostgreSQL 65,535)


def _chunks(items: list[Any], size: int = LOOKUP) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _digits_only(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _persons_by(field_name: str, values: Iterable[str]) -> dict[str, Person]:
    """Recorded persons by ИИН or by СНИЛС (a СНИЛС matches with or without its separators)."""
    wanted = set(values)
    if field_name == "snils":
        wanted |= {_digits_only(v) for v in wanted}
    found: dict[str, Person] = {}
    for chunk in _chunks(sorted(wanted)):
        for person in Person.objects.filter(**{f"{field_name}__in": chunk}).select_related(
            "questionnaire"
        ):
            key = getattr(person, field_name)
            if field_name == "snils":
                key = format_snils(_digits_only(key))
            found.setdefault(key, person)
    return found


def _identify(report: Report, rows: list[Row], headers: dict[str, str]) -> dict[int, Person | None]:
    """Each row's recorded person (by ИИН or СНИЛС), None when new; duplicates are problems."""
    first: dict[tuple[str, str], int] = {}
    for row in rows:
        if "iin" not in row.values and "snils" not in row.values:
            if not {"iin", "snils"} & row.bad:
                report.add(row.number, headers.get("iin", "ИИН"), "нужен ИИН или СНИЛС")
            continue
        for key in ("iin", "snils"):
            value = row.values.get(key)
            if value is None:
                continue
            seen = first.setdefault((key, value), row.number)
            if seen != row.number:
                name = "ИИН" if key == "iin" else "СНИЛС"
                report.add(
                    row.number,
                    headers[key],
                    f"{name} повторяется: такой же в строке {seen}",
                )
    by_iin = _persons_by("iin", [r.values["iin"] for r in rows if "iin" in r.values])
    by_snils = _persons_by("snils", [r.values["snils"] for r in rows if "snils" in r.values])
    found: dict[int, Person | None] = {}
    for row in rows:
        a = by_iin.get(row.values.get("iin", ""))
        b = by_snils.get(row.values.get("snils", ""))
        if a is not None and b is not None and a.pk != b.pk:
            report.add(row.number, headers["snils"], "ИИН и СНИЛС принадлежат разным лицам")
            continue
        person = a or b
        if person is not None:
            for key, name in (("iin", "ИИН"), ("snils", "СНИЛС")):
                given, stored = row.values.get(key), getattr(person, key)
                if given and stored and _digits_only(given) != _digits_only(stored):
                    report.add(
                        row.number,
                        headers[key],
                        f"не совпадает с {name}, записанным для этого лица",
                    )
        found[row.number] = person
    return found


def _same_name(a: str, b: str) -> bool:
    return norm(a) == norm(b)


def _check_person_matches(
    report: Report, row: Row, person: Person, headers: dict[str, str]
) -> None:
    for key in ("last_name", "first_name", "patronymic"):
        given = row.values.get(key)
        stored = getattr(person, key)
        if given and (stored or key != "patronymic") and not _same_name(given, stored):
            report.add(
                row.number,
                headers[key],
                "не совпадает с записанным для лица с этим ИИН/СНИЛС",
            )
    born = row.values.get("birth_date")
    if born and person.birth_date and born != person.birth_date:
        report.add(
            row.number,
            headers["birth_date"],
            "не совпадает с записанной для лица с этим ИИН/СНИЛС",
        )


def _new_person(row: Row, reg: Regulation) -> NewPerson:
    v = row.values
    person = {
        "last_name": v["last_name"],
        "first_name": v["first_name"],
        "patronymic": v.get("patronymic", ""),
        "birth_date": v.get("birth_date"),
        "citizenship": v.get("citizenship", reg.jurisdiction),
        "iin": v.get("iin", ""),
        "snils": v.get("snils", ""),
        "email": v.get("email", ""),
        "phone": v.get("phone", ""),
        "address": v.get("address", ""),
    }
    if "gender" in v:
        person["gender"] = v["gender"]
    questionnaire = {
        "degrees": v.get("q:degrees", ""),
        "extra": {
            f.id: v[f"fact:{f.id}"]
            for f in reg.facts
            if f.source == "questionnaire" and f"fact:{f.id}" in v
        },
    }
    return NewPerson(person, questionnaire)


# --------------------------------------------------------------------------- kinds


class Plan:
    """What a clean file writes; ``write`` runs inside the import's transaction."""

    def write(self, progress: Progress) -> dict[str, int]:
        raise NotImplementedError


def _insert(model: Any, rows: list[dict[str, Any]], progress: Progress) -> list[int]:
    ids: list[int] = []
    for chunk in _chunks(rows, BATCH):
        ids.extend(insert_rows(model, chunk))
        progress.advance(len(chunk))
    return ids


@dataclass
class CandidatesPlan(Plan):
    people: list[NewPerson]
    actor: Any
    campaign: Campaign
    sha256: str = ""

    def write(self, progress: Progress) -> dict[str, int]:
        progress.start("запись", len(self.people) * 3, "записей")
        bulk.insert_people(
            self.people,
            progress,
            actor=self.actor,
            campaign=self.campaign,
            source={"file_sha256": self.sha256},
        )
        progress.finish()
        return {"persons": len(self.people), "questionnaires": len(self.people)}


def check_candidates(
    report: Report, campaign: Campaign, rows: list[Row], headers: dict[str, str], actor: Any
) -> Plan:
    reg = campaign.regulation.load().regulation
    found = _identify(report, rows, headers)
    people = []
    for row in rows:
        person = found.get(row.number)
        if person is not None:
            key = "iin" if person.iin and person.iin == row.values.get("iin") else "snils"
            name = "ИИН" if key == "iin" else "СНИЛС"
            report.add(
                row.number,
                headers[key],
                f"лицо с этим {name} уже есть в системе; повторно не загружается",
            )
            continue
        if {"last_name", "first_name"} <= row.values.keys():
            people.append(_new_person(row, reg))
    return CandidatesPlan(people, actor, campaign, report.sha256)


@dataclass
class ApplicationsPlan(Plan):
    checked: bulk.CheckedImport
    actor: Any
    sha256: str = ""

    def write(self, progress: Progress) -> dict[str, int]:
        return bulk.application_import_bulk(
            actor=self.actor,
            checked=self.checked,
            consent_text=CONSENT_TEXT,
            source={"file_sha256": self.sha256},
            progress=progress,
        )


# The columns at fault for an intake problem without a fact: the date of submission for the
# window of the intake, the consent, the route.
WINDOW_CODES = bulk.WINDOW_CODES


def _reason(problem: bulk.BulkProblem) -> str:
    """The intake's wording (``selection.intake.word``) as the tail of a row's line."""
    text = problem.message.rstrip(".")
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    if problem.earlier is not None:
        text += f"; такое же значение в строке {problem.earlier}"
    return text


def check_applications(
    report: Report, campaign: Campaign, rows: list[Row], headers: dict[str, str], actor: Any
) -> Plan:
    """Each row is submitted to the one intake check (``selection.bulk``), as the web form's
    application is; its problems are reported at the row and the column they come from."""
    reg = campaign.regulation.load().regulation
    found = _identify(report, rows, headers)
    routes = [r.id for r in reg.routes] or ["default"]
    fact_defs = [f for f in reg.facts if f.source in ("application", "hr")]
    layout = layout_for("applications", reg)
    # Contact columns that are also a regulation fact (TP asks the address with the application).
    shared = [
        (c.key, c.fact.id)
        for c in layout.columns
        if c.fact is not None and not c.key.startswith("fact:")
    ]
    # The column of each fact, by the header the file gives it (else the documented one).
    fact_column: dict[str, str] = {}
    said_blank: set[str] = set()  # required columns the reader reports blank («не заполнено»)
    for col in layout.columns:
        fact_id = col.fact.id if col.fact is not None else None
        if fact_id is not None:
            fact_column.setdefault(fact_id, headers.get(col.key, col.header))
            if col.required and col.key in headers:
                said_blank.add(fact_id)
    for key, fact_id in (
        ("iin", "iin"),
        ("birth_date", "birth_date"),
        ("citizenship", "citizenship"),
    ):
        if key in headers:
            fact_column[fact_id] = headers[key]
    entries: list[bulk.BulkApplication] = []
    for row in rows:
        v = row.values
        person = found.get(row.number)
        who: int | bulk.NewPerson
        if person is not None:
            who = person.pk
            _check_person_matches(report, row, person, headers)
            facts = questionnaire_facts(person, reg)
        elif {"last_name", "first_name"} <= v.keys():
            who = _new_person(row, reg)
            facts = who.facts(reg)
        else:
            continue
        facts.update({f.id: v[f"fact:{f.id}"] for f in fact_defs if f"fact:{f.id}" in v})
        facts.update({fact: v[key] for key, fact in shared if key in v})
        entries.append(
            bulk.BulkApplication(
                key=row.number,
                person=who,
                route=v.get("route", routes[0]),
                submitted_at=v.get("submitted_at"),
                consent=v.get("consent"),
                facts=facts,
            )
        )
    checked = bulk.application_import_check(campaign, entries)
    bad = {row.number: row.bad for row in rows}
    stage = next((s for s in reg.stages if s.kind == "intake"), None)
    unique_by = stage.unique_by if stage is not None else None
    for problem in checked.problems:
        if problem.key is None:
            report.add(None, None, problem.message)
            continue
        if (
            problem.code == "duplicate"
            and problem.earlier is not None
            and unique_by in ("iin", "snils")
        ):
            continue  # a repeated ИИН/СНИЛС in the file is reported by _identify
        if problem.code == "already_applied" and problem.earlier is not None:
            continue  # the same person twice: their ИИН/СНИЛС repeats, reported by _identify
        column: str | None
        if problem.code in WINDOW_CODES:
            column = headers.get("submitted_at")
        elif problem.field in ("consent", "route"):
            column = headers.get(problem.field)
        elif problem.field is not None:
            column = fact_column.get(problem.field)
        else:
            column = None
        if problem.field is not None and (
            f"fact:{problem.field}" in bad[problem.key] or problem.field in bad[problem.key]
        ):
            continue  # the cell did not parse: said already
        blank = (
            problem.code == "fact" and problem.problem.params.get("problem") == "missing_required"
        )
        if blank and problem.field in said_blank:
            continue  # a required column's blank cell: said already
        report.add(problem.key, column, _reason(problem))
    return ApplicationsPlan(checked, actor, report.sha256)


@dataclass
class ResultsPlan(Plan):
    created: list[Result]
    updated: list[tuple[Result, dict[str, Any]]]
    actor: Any
    campaign: Campaign

    def write(self, progress: Progress) -> dict[str, int]:
        progress.start("запись", 2 * (len(self.created) + len(self.updated)), "записей")
        for chunk in _chunks(self.created, BATCH):
            Result.objects.bulk_create(chunk, batch_size=BATCH)
            progress.advance(len(chunk))
        now = timezone.now()
        for result, _ in self.updated:
            result.updated_at = now
        for chunk in _chunks(self.updated, BATCH):
            Result.objects.bulk_update(
                [r for r, _ in chunk],
                [
                    "correct",
                    "questions",
                    "passed",
                    "points",
                    "date",
                    "recorded_by",
                    "version",
                    "updated_at",
                ],
            )
            progress.advance(len(chunk))
        bulk.insert_audit(
            actor=self.actor,
            action=Action.RESULT_SAVE,
            campaign=self.campaign,
            object_type="Result",
            changes_by_id=(
                (
                    result.pk,
                    json.loads(
                        json.dumps(
                            {"before": before, "created": before is None, "import": True},
                            default=str,
                        )
                    ),
                )
                for result, before in [(r, None) for r in self.created] + self.updated
            ),
            progress=progress,
        )
        progress.finish()
        return {"results_created": len(self.created), "results_updated": len(self.updated)}


FIELD_COLUMNS = {"correct": "correct", "questions": "questions", "passed": "passed"}


def check_results(
    report: Report, campaign: Campaign, rows: list[Row], headers: dict[str, str], actor: Any
) -> Plan:
    reg = campaign.regulation.load().regulation
    apps = list(campaign.applications.select_related("person"))
    by_code = {a.code: a for a in apps}
    by_iin = {a.person.iin: a for a in apps if a.person.iin}
    by_snils = {
        format_snils(_digits_only(a.person.snils)): a
        for a in apps
        if len(_digits_only(a.person.snils)) == 11
    }
    existing = {
        (r.application_id, r.stage_id, r.method_id): r
        for r in Result.objects.filter(application__campaign=campaign)
    }
    stages_of: dict[str, list[str]] = defaultdict(list)
    for stage in reg.stages:
        for stage_method in stage.methods:
            stages_of[stage_method].append(stage.id)
    sheets = {
        m.id: reg.sheet(m.sheet) for m in reg.methods if m.kind == "single" and m.sheet is not None
    }
    parsers: dict[tuple[str, str], Callable[[Any], Any]] = {}
    seen: dict[tuple[int, str, str], int] = {}
    decided = frozen.frozen_decisions(campaign)  # results of a decided stage stay as decided
    created: list[Result] = []
    updated: list[tuple[Result, dict[str, Any]]] = []
    today = timezone.localdate()

    def col(key: str, fallback: str) -> str:
        return headers.get(key, fallback)

    for row in rows:
        v = row.values
        app = None
        candidates = []
        for key, index, name in (
            ("code", by_code, "шифром"),
            ("iin", by_iin, "ИИН"),
            ("snils", by_snils, "СНИЛС"),
        ):
            if key in v:
                found = index.get(v[key] if key != "code" else str(v[key]).upper())
                if found is None:
                    report.add(row.number, headers[key], f"в кампании нет заявления с таким {name}")
                else:
                    candidates.append(found)
        if not candidates:
            if not {"code", "iin", "snils"} & v.keys():
                report.add(row.number, col("code", "Шифр"), "нужен шифр, ИИН или СНИЛС")
            continue
        if any(c.pk != candidates[0].pk for c in candidates):
            report.add(row.number, None, "шифр, ИИН и СНИЛС относятся к разным заявлениям")
            continue
        app = candidates[0]
        _check_person_matches(report, row, app.person, headers)
        if app.status != ApplicationStatus.ADMITTED:
            report.add(row.number, None, f"кандидат (шифр {app.code}) не допущен к участию")
        method_id = v.get("method")
        if method_id is None:
            continue
        method = reg.method(method_id)
        if method.kind not in ("test", "pass_fail", "single"):
            report.add(
                row.number,
                headers["method"],
                f"«{method.title}» оценивают члены комиссии (бюллетени): из файла не загружается",
            )
            continue
        stage_id = v.get("stage")
        if stage_id is None:
            options = stages_of.get(method_id, [])
            if len(options) != 1:
                report.add(
                    row.number,
                    col("stage", "Этап"),
                    "укажите этап: метод входит в этапы " + ", ".join(options),
                )
                continue
            stage_id = options[0]
        elif stage_id not in stages_of.get(method_id, []):
            report.add(
                row.number,
                headers["stage"],
                f"метод «{method.title}» не относится к этому этапу",
            )
            continue
        wrong: list[str] = []
        if method.kind != "test":
            wrong += [k for k in ("questions", "correct") if k in v]
        if method.kind != "pass_fail":
            wrong += [k for k in ("passed",) if k in v]
        points: Any = None
        crit_keys = [k for k in v if k.startswith("crit:") or k == "points"]
        if method.kind == "single":
            sheet = sheets[method_id]
            entered = [c for c in sheet.criteria if not c.derived]
            by_name = {norm(c.title): c for c in entered} | {c.id: c for c in entered}
            points = {}
            for key in crit_keys:
                if key == "points":
                    if len(entered) != 1:
                        report.add(
                            row.number,
                            headers[key],
                            "в листе метода несколько критериев: баллы — по столбцам критериев",
                        )
                        continue
                    crit = entered[0]
                else:
                    named = by_name.get(norm(headers[key])) or by_name.get(key[5:])
                    if named is None:
                        wrong.append(key)
                        continue
                    crit = named
                parse = parsers.get((sheet.id, crit.id))
                if parse is None:
                    parse = parsers[(sheet.id, crit.id)] = criterion_parser(crit)
                try:
                    points[crit.id] = parse(v[key])
                except CellError as exc:
                    report.add(row.number, headers[key], str(exc))
                    points = None
                    break
            if points is not None and not points:
                report.add(row.number, None, f"нет баллов по критериям метода «{method.title}»")
                points = None
        else:
            wrong += crit_keys
        for key in wrong:
            report.add(row.number, headers[key], f"не относится к методу «{method.title}»")
        key3 = (app.pk, stage_id, method_id)
        first = seen.setdefault(key3, row.number)
        if first != row.number:
            report.add(
                row.number,
                headers["method"],
                f"результат этого кандидата по этому методу уже в строке {first}",
            )
            continue
        if wrong or (method.kind == "single" and points is None):
            continue
        missing = {"test": ("questions", "correct"), "pass_fail": ("passed",)}.get(method.kind, ())
        absent = [k for k in missing if k not in v]
        for key in absent:
            what = {"questions": "Вопросов", "correct": "Правильных ответов", "passed": "Результат"}
            report.add(row.number, col(key, what[key]), f"не заполнено (метод «{method.title}»)")
        if absent:
            continue
        try:
            frozen.check_stage_open(campaign, stage_id, application=app, frozen=decided)
        except services.ServiceError as exc:
            report.add(row.number, headers.get("method"), exc.message)
            continue
        try:
            value = services.result_check(
                campaign=campaign,
                stage_id=stage_id,
                method_id=method_id,
                correct=v.get("correct"),
                questions=v.get("questions"),
                passed=v.get("passed"),
                points=points,
            )
        except services.ServiceError as exc:
            column = headers.get(FIELD_COLUMNS.get(exc.field or "", ""))
            report.add(row.number, column, exc.message)
            continue
        fields = {
            "correct": v.get("correct") if method.kind == "test" else None,
            "questions": v.get("questions") if method.kind == "test" else None,
            "passed": v.get("passed") if method.kind == "pass_fail" else None,
            "points": services.points_for_storage(value),
            "date": v.get("date", today),
            "recorded_by": actor,
        }
        result = existing.get(key3)
        if result is None:
            created.append(
                Result(application=app, stage_id=stage_id, method_id=method_id, **fields)
            )
        else:
            before = {
                "correct": result.correct,
                "questions": result.questions,
                "passed": result.passed,
                "points": result.points,
            }
            for name, val in fields.items():
                setattr(result, name, val)
            result.version += 1
            updated.append((result, before))
    return ResultsPlan(created, updated, actor, campaign)


CHECKS = {
    "candidates": check_candidates,
    "applications": check_applications,
    "results": check_results,
}


# --------------------------------------------------------------------------- the service


def _digest(source: Any) -> str:
    digest = hashlib.sha256()
    if isinstance(source, (str, Path)):
        with open(source, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    else:
        source.seek(0)
        for chunk in iter(lambda: source.read(1 << 20), b""):
            digest.update(chunk)
        source.seek(0)
    return digest.hexdigest()


def spreadsheet_import(
    *,
    actor: Any,
    campaign: Campaign,
    kind: str,
    source: str | Path | IO[bytes],
    dry_run: bool,
    progress: Progress | None = None,
) -> Report:
    """Validate the file and, unless ``dry_run``, import it when it has no problem at all.

    ``source`` is a path or a binary file object (XLSX or CSV, told by content). Nothing is
    written by a dry run, nor by a real run that finds any problem (the report says which).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    progress = progress or Progress()
    started = time.perf_counter()
    report = Report(kind=kind, dry_run=dry_run, sha256=_digest(source))
    reg = campaign.regulation.load().regulation
    layout = layout_for(kind, reg)
    try:
        # Rows, plans and parameters are hundreds of thousands of acyclic objects: the cyclic
        # collector would rescan them all, again and again, while they are built.
        with collector_paused(), transaction.atomic():
            if not dry_run:  # one import into a campaign at a time
                campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
            clock = time.perf_counter()
            rows, headers, complete = _read(report, layout, source, progress)
            report.timings["read and parse"] = time.perf_counter() - clock
            clock = time.perf_counter()
            if complete:  # every row together and against the database, even after cell errors
                plan = CHECKS[kind](report, campaign, rows, headers, actor)
            del rows
            report.timings["check"] = time.perf_counter() - clock
            if dry_run or not report.ok:
                raise _Abort
            clock = time.perf_counter()
            report.counts = plan.write(progress)
            report.timings["write"] = time.perf_counter() - clock
            report.imported = True
            services.audit(
                actor=actor,
                action=f"import.{kind}",
                obj=campaign,
                campaign=campaign,
                changes={
                    "file_sha256": report.sha256,
                    "format": report.format,
                    "rows": report.rows,
                    "counts": report.counts,
                },
            )
    except _Abort:
        pass
    except IntegrityError:
        # Somebody recorded the same person or application meanwhile: nothing stays written.
        report.imported = False
        report.counts = {}
        report.add(
            None,
            None,
            "данные изменились во время загрузки (запись с теми же данными внесена "
            "одновременно); ничего не загружено, повторите загрузку",
        )
    if not report.imported:  # a check reads recorded personal data (who is registered)
        services.audit(
            actor=actor,
            action=f"import.{kind}.check",
            obj=campaign,
            campaign=campaign,
            changes={
                "file_sha256": report.sha256,
                "format": report.format,
                "rows": report.rows,
                "problems": report.problems_total,
                "dry_run": dry_run,
            },
        )
    report.problems.sort(key=lambda p: -1 if p.row is None else p.row)  # stable: by row
    report.seconds = time.perf_counter() - started
    return report


def template_columns(kind: str, campaign: Campaign) -> list[Column]:
    """The documented columns of ``kind`` for ``campaign`` (for the page and blank templates)."""
    return layout_for(kind, campaign.regulation.load().regulation).columns


def layout_notes(kind: str, campaign: Campaign) -> list[str]:
    return layout_for(kind, campaign.regulation.load().regulation).notes
