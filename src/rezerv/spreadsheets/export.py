"""XLSX export: the rating, the reserve list and the full ballot matrix of a campaign.

Every workbook is stamped twice with the export date and time and the exporting user: a visible
header block at the top of each sheet (``STAMP_ROW``) and the document properties (creator,
created, description). Data start under the column headers at ``HEADER_ROW``. Dates and
timestamps are real Excel dates in the server's time zone; scores are numbers.

File names carry the kind, the campaign's UUID and the time, never personal data.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.conf import settings
from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from rezerv.selection import services
from rezerv.selection.in_force import combined_rows, latest_in_force, reserve_in_force
from rezerv.selection.models import (
    Application,
    Ballot,
    Campaign,
    ConflictDeclaration,
    Decision,
)
from rezerv.selection.states import CampaignStatus

EXPORT_KINDS = ("rating", "reserve", "ballots")
EXPORT_TITLES = {
    "rating": "Рейтинг кандидатов",
    "reserve": "Кадровый резерв",
    "ballots": "Бюллетени членов комиссии",
    "audit": "Журнал действий",
}
TITLE_ROW, CAMPAIGN_ROW, SOURCE_ROW, STAMP_ROW = 1, 2, 3, 4
HEADER_ROW = 6
DATE_FORMAT = "DD.MM.YYYY"
MOMENT_FORMAT = "DD.MM.YYYY HH:MM:SS"
SCORE_FORMAT = "0.00"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROLE_TITLES = {
    "chair": "председатель",
    "deputy": "заместитель председателя",
    "secretary": "секретарь",
    "member": "член комиссии",
}


class NothingToExport(Exception):
    """The campaign has nothing of this kind yet (e.g. no decision for the rating)."""


def user_label(user: Any) -> str:
    """The exporting user as the stamp shows them: full name and login."""
    login = user.get_username()
    full = (user.get_full_name() or "").strip()
    return f"{full} (логин {login})" if full else login


def local_naive(moment: dt.datetime, *, seconds: bool = True) -> dt.datetime:
    """A moment as an Excel cell takes it: local time, no zone, whole seconds."""
    local = timezone.localtime(moment).replace(tzinfo=None)
    return local.replace(microsecond=0) if seconds else local


def stamp_text(user: Any, now: dt.datetime) -> str:
    return (
        f"Выгружено {local_naive(now):%d.%m.%Y %H:%M:%S} ({settings.TIME_ZONE}); "
        f"выгрузил: {user_label(user)}"
    )


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


# A text cell that begins with one of these is read by spreadsheet programs as a formula (or, after
# a round trip through CSV, becomes one): a candidate's surname «=HYPERLINK(…)» would be a live
# link in HR's rating.  Such text is written as text, with the cell's quote prefix (Excel's own
# «'» marker), so it shows and sorts as typed and is never evaluated.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def put(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    """Write one cell; text that a spreadsheet would evaluate is neutralised (a plain string)."""
    cell = ws.cell(row, column)
    if neutralised(value):
        cell.value = value
        cell.data_type = "s"
        cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def neutralised(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def write_only_cell(ws: Any, value: Any) -> Any:
    """A cell of a write-only sheet; text a spreadsheet would evaluate is written as text (as
    ``put`` does)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    if neutralised(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def row_value(ws: Any, value: Any) -> Any:
    """A value for a write-only sheet's ``append``: a neutralised cell for text a spreadsheet
    would evaluate, anything else as it is."""
    return write_only_cell(ws, value) if neutralised(value) else value


class Sheet:
    """A write-only worksheet (issue 14: written row by row, never held as cells) with the
    stamp block, a header row and typed data rows."""

    def __init__(
        self,
        ws: Any,
        *,
        title: str,
        campaign: Campaign,
        source: str,
        stamp: str,
        columns: list[tuple[str, int, str | None]],
    ) -> None:
        self.ws = ws
        self.columns = columns
        for index, (_header, width, _fmt) in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = f"A{HEADER_ROW + 1}"
        top = {
            TITLE_ROW: (title, Font(bold=True, size=14)),
            CAMPAIGN_ROW: (campaign.title, None),
            SOURCE_ROW: (source, None),
            STAMP_ROW: (stamp, Font(italic=True)),
        }
        for number in range(1, HEADER_ROW):
            text, font = top.get(number, (None, None))
            ws.append([self._cell(text, font=font)] if text else [])
        header = Font(bold=True)
        wrap = Alignment(wrap_text=True, vertical="top")
        ws.append([self._cell(h, font=header, alignment=wrap) for h, _w, _f in columns])
        self.row = HEADER_ROW

    def _cell(
        self, value: Any, *, font: Any = None, alignment: Any = None, fmt: str | None = None
    ) -> Any:
        cell = write_only_cell(self.ws, value)
        if font is not None:
            cell.font = font
        if alignment is not None:
            cell.alignment = alignment
        if fmt and value is not None:
            cell.number_format = fmt
        return cell

    def append(self, values: list[Any]) -> None:
        self.row += 1
        self.ws.append(
            [
                self._cell(value, fmt=fmt)
                if fmt and value is not None
                else row_value(self.ws, value)
                for value, (_h, _w, fmt) in zip(values, self.columns, strict=False)
            ]
        )

    def close(self) -> None:
        last = get_column_letter(len(self.columns))
        self.ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(self.row, HEADER_ROW)}"


def _active(wb: Workbook) -> Any:
    """The workbook's first (write-only) sheet."""
    return wb.create_sheet()


def _workbook(kind: str, campaign: Campaign, user: Any, now: dt.datetime) -> Workbook:
    wb = Workbook(write_only=True)
    props = wb.properties
    props.title = f"{EXPORT_TITLES[kind]} — {campaign.title}"[:250]
    props.subject = str(campaign.uid)
    props.creator = user.get_username()
    props.lastModifiedBy = user.get_username()
    props.created = timezone.make_naive(now, dt.UTC).replace(microsecond=0)
    props.modified = props.created
    props.description = stamp_text(user, now)
    props.keywords = f"rezerv {kind}"
    return wb


def _regulation_line(campaign: Campaign) -> str:
    reg = campaign.regulation
    return f"Регламент {reg.code} ({reg.version}), контрольная сумма {reg.sha256[:12]}"


# --------------------------------------------------------------------------- rating


def rating_workbook(*, campaign: Campaign, user: Any, now: dt.datetime) -> tuple[Workbook, int]:
    """The rating from the stored decision (C-6: as computed then, not recomputed now)."""
    decision: Decision | None = latest_in_force(campaign, with_inputs=False)
    if decision is None:
        raise NothingToExport("Решение ещё не принято: рейтинга нет.")
    reg = campaign.regulation.load().regulation
    # Each candidate's row from the decision in force of the commission covering them.
    rows = combined_rows(campaign)
    codes = dict(
        Application.objects.filter(
            campaign=campaign, pk__in=[int(r["id"]) for r in rows if str(r["id"]).isdigit()]
        ).values_list("pk", "code")
    )
    stage_ids = [s.id for s in reg.stages if s.kind == "assessment"]
    methods: list[tuple[str, str]] = []  # (stage, method) in the regulation's order
    for stage_id in stage_ids:
        for method_id in reg.stage(stage_id).methods:
            if any(
                method_id in (r.get("stages", {}).get(stage_id) or {}).get("methods", {})
                for r in rows
            ):
                methods.append((stage_id, method_id))
    titles = {m.id: m.title for m in reg.methods}
    columns: list[tuple[str, int, str | None]] = [
        ("Место", 8, None),
        ("Шифр", 10, None),
        ("Фамилия, имя, отчество", 36, None),
        ("Итоговый балл", 12, SCORE_FORMAT),
        ("Максимальный балл", 12, SCORE_FORMAT),
        ("Итог", 26, None),
        *[(f"{titles.get(m, m)}: балл", 14, SCORE_FORMAT) for _, m in methods],
        ("Основания (правила)", 60, None),
    ]
    wb = _workbook("rating", campaign, user, now)
    ws = _active(wb)
    ws.title = "Рейтинг"
    made = timezone.localtime(decision.created_at)
    sheet = Sheet(
        ws,
        title=EXPORT_TITLES["rating"],
        campaign=campaign,
        source=f"Решение от {made:%d.%m.%Y %H:%M} (этап {decision.stage_id}); "
        + _regulation_line(campaign),
        stamp=stamp_text(user, now),
        columns=columns,
    )
    for row in rows:
        reasons = row.get("refusals") or row.get("reasons") or []
        grounds = "; ".join(
            f"{r.get('reason', r.get('requirement', ''))} ({', '.join(r.get('rules', []))})"
            for r in reasons
        )
        scores = []
        for stage_id, method_id in methods:
            entry = (row.get("stages", {}).get(stage_id) or {}).get("methods", {}).get(method_id)
            scores.append(_decimal(entry.get("score")) if isinstance(entry, dict) else None)
        sheet.append(
            [
                row.get("place"),
                codes.get(int(row["id"])) if str(row["id"]).isdigit() else row["id"],
                row.get("name", ""),
                _decimal(row.get("final_score")),
                _decimal(row.get("max_score")),
                row.get("outcome_title") or reg.outcome_title(row.get("outcome", "")),
                *scores,
                grounds,
            ]
        )
    sheet.close()
    return wb, len(rows)


# --------------------------------------------------------------------------- reserve


def reserve_workbook(*, campaign: Campaign, user: Any, now: dt.datetime) -> tuple[Workbook, int]:
    reg = campaign.regulation.load().regulation
    levels = {lv.id: lv.title for lv in reg.reserve.levels} if reg.reserve else {}
    grounds = {g.id: g.title for g in reg.reserve.exclusion_grounds} if reg.reserve else {}
    entries = list(
        reserve_in_force(campaign)
        .select_related("person", "decision")
        .order_by("included_on", "person__last_name", "person__first_name", "pk")
    )
    columns: list[tuple[str, int, str | None]] = [
        ("№", 6, None),
        ("Фамилия, имя, отчество", 36, None),
        ("Дата рождения", 14, DATE_FORMAT),
        ("Итог", 24, None),
        ("Уровень резерва", 20, None),
        ("Группа должностей", 20, None),
        ("Включён с", 14, DATE_FORMAT),
        ("Срок до", 14, DATE_FORMAT),
        ("Исключён", 14, DATE_FORMAT),
        ("Основание исключения", 30, None),
    ]
    wb = _workbook("reserve", campaign, user, now)
    ws = _active(wb)
    ws.title = "Резерв"
    sheet = Sheet(
        ws,
        title=EXPORT_TITLES["reserve"],
        campaign=campaign,
        source=_regulation_line(campaign),
        stamp=stamp_text(user, now),
        columns=columns,
    )
    for number, entry in enumerate(entries, start=1):
        sheet.append(
            [
                number,
                entry.person.full_name,
                entry.person.birth_date,
                reg.outcome_title(entry.outcome),
                levels.get(entry.level, entry.level),
                entry.group_title,
                entry.included_on,
                entry.until,
                entry.excluded_on,
                grounds.get(entry.exclusion_ground, entry.exclusion_ground),
            ]
        )
    sheet.close()
    return wb, len(entries)


# --------------------------------------------------------------------------- ballots


def _ballot_cells(points: Any, sheet: Any) -> list[tuple[Any, Any]]:
    """(criterion, value) pairs of one ballot in the sheet's order; an abstention is empty."""
    entered = [c for c in sheet.criteria if not c.derived] if sheet is not None else []
    if points is None:
        return []
    if not isinstance(points, dict):
        return [(entered[0] if len(entered) == 1 else None, points)]
    order = {c.id: i for i, c in enumerate(entered)}
    by_id = {c.id: c for c in entered}
    keys = sorted(points, key=lambda k: (order.get(k, len(order)), k))
    return [(by_id.get(k, k), points[k]) for k in keys]


def _point_value(crit: Any, value: Any) -> Any:
    if hasattr(crit, "options") and crit.options:
        titles = {o.id: o.title for o in crit.options}
        chosen = [value] if isinstance(value, str) else list(value or [])
        return "; ".join(titles.get(v, v) for v in chosen)
    number = _decimal(value)
    return number if number is not None else value


def ballots_workbook(*, campaign: Campaign, user: Any, now: dt.datetime) -> tuple[Workbook, int]:
    """Every ballot row: member × candidate × criterion, with the reason and when it changed.

    Declared conflicts of interest are listed too (the member scores nobody there). Names of
    candidates on anonymous sheets are left out until the decision is made, as on the desk.
    """
    reg = campaign.regulation.load().regulation
    stage_titles = {s.id: s.title for s in reg.stages}
    methods = {m.id: m for m in reg.methods}
    sheets = {s.id: s for s in reg.score_sheets}
    decided = campaign.status == CampaignStatus.DECIDED
    ballots = (
        Ballot.objects.filter(campaign=campaign)
        .select_related("member", "application__person")
        .order_by("stage_id", "method_id", "member__pk", "application__code")
        .iterator(chunk_size=2000)
    )
    columns: list[tuple[str, int, str | None]] = [
        ("Этап", 28, None),
        ("Метод", 28, None),
        ("Член комиссии", 28, None),
        ("Роль", 16, None),
        ("Шифр", 10, None),
        ("Кандидат", 32, None),
        ("Критерий", 36, None),
        ("Баллы", 10, None),
        ("Мотивировка", 40, None),
        ("Изменено", 20, MOMENT_FORMAT),
        ("Версия", 8, None),
        ("Примечание", 30, None),
    ]
    wb = _workbook("ballots", campaign, user, now)
    ws = _active(wb)
    ws.title = "Бюллетени"
    stamp = stamp_text(user, now)
    out = Sheet(
        ws,
        title=EXPORT_TITLES["ballots"],
        campaign=campaign,
        source=_regulation_line(campaign),
        stamp=stamp,
        columns=columns,
    )
    matrix: dict[tuple[str, str], dict[tuple[str, str], dict[str, Any]]] = {}
    # per stage and method, the candidates scored there: code -> name as shown
    scored: dict[tuple[str, str], dict[str, str]] = {}
    count = 0

    def candidate_name(app: Application, method_id: str) -> str:
        method = methods.get(method_id)
        sheet = sheets.get(method.sheet) if method is not None and method.sheet else None
        if sheet is not None and sheet.anonymous and not decided:
            return ""
        return app.person.full_name

    for ballot in ballots:
        method = methods.get(ballot.method_id)
        sheet = sheets.get(method.sheet) if method is not None and method.sheet else None
        app = ballot.application
        base = [
            stage_titles.get(ballot.stage_id, ballot.stage_id),
            method.title if method is not None else ballot.method_id,
            ballot.member.full_name,
            ROLE_TITLES.get(ballot.member.role, ballot.member.role),
            app.code,
            candidate_name(app, ballot.method_id),
        ]
        changed = local_naive(ballot.updated_at)
        cells = _ballot_cells(ballot.points, sheet)
        grid = matrix.setdefault((ballot.stage_id, ballot.method_id), {})
        scored.setdefault((ballot.stage_id, ballot.method_id), {}).setdefault(app.code, base[5])
        member_key = (str(ballot.member.pk), ballot.member.full_name)
        grid.setdefault(member_key, {})
        if not cells:
            out.append([*base, "", None, ballot.reason, changed, ballot.version, "воздержался"])
            count += 1
        for crit, value in cells:
            crit_title = getattr(crit, "title", crit) or "Баллы"
            shown = _point_value(crit, value)
            out.append([*base, crit_title, shown, ballot.reason, changed, ballot.version, ""])
            count += 1
            grid[member_key][f"{app.code}\x00{crit_title}"] = shown
    conflicts = ConflictDeclaration.objects.filter(
        member__commission__campaign=campaign
    ).select_related("member", "member__commission", "application__person")
    for conflict in conflicts.order_by("member__pk", "application__code"):
        app = conflict.application
        for stage_id in conflict.member.commission.stages:
            out.append(
                [
                    stage_titles.get(stage_id, stage_id),
                    "",
                    conflict.member.full_name,
                    ROLE_TITLES.get(conflict.member.role, conflict.member.role),
                    app.code,
                    app.person.full_name if decided else "",
                    "",
                    None,
                    conflict.reason,
                    local_naive(conflict.declared_at),
                    None,
                    "конфликт интересов: не оценивает",
                ]
            )
            count += 1
    out.close()
    _matrix_sheets(wb, matrix, scored, campaign, stamp, stage_titles, methods)
    return wb, count


def _matrix_sheets(
    wb: Workbook,
    matrix: dict[tuple[str, str], dict[tuple[str, str], dict[str, Any]]],
    scored: dict[tuple[str, str], dict[str, str]],
    campaign: Campaign,
    stamp: str,
    stage_titles: dict[str, str],
    methods: dict[str, Any],
) -> None:
    """One sheet per stage and method: candidates down, member × criterion across."""
    for number, ((stage_id, method_id), grid) in enumerate(sorted(matrix.items()), start=1):
        method = methods.get(method_id)
        title = method.title if method is not None else method_id
        apps = scored.get((stage_id, method_id), {})
        crits: list[str] = []
        for cells in grid.values():
            for key in cells:
                crit = key.split("\x00", 1)[1]
                if crit not in crits:
                    crits.append(crit)
        members = list(grid)
        columns: list[tuple[str, int, str | None]] = [("Шифр", 10, None), ("Кандидат", 30, None)]
        keys = []
        for member_key in members:
            for crit in crits:
                label = member_key[1] if len(crits) == 1 else f"{member_key[1]}: {crit}"
                columns.append((label, 16, None))
                keys.append((member_key, crit))
        ws = wb.create_sheet(f"Матрица {number}")
        sheet = Sheet(
            ws,
            title=f"Матрица баллов: {title}",
            campaign=campaign,
            source=f"Этап: {stage_titles.get(stage_id, stage_id)}",
            stamp=stamp,
            columns=columns,
        )
        for code in sorted(apps):
            sheet.append(
                [
                    code,
                    apps[code],
                    *[grid[m].get(f"{code}\x00{c}") for m, c in keys],
                ]
            )
        sheet.close()


# --------------------------------------------------------------------------- audit log


def audit_workbook(*, campaign: Campaign, user: Any, now: dt.datetime) -> tuple[Workbook, int]:
    """Every event of the campaign's audit log, in the order of the chain, with its hash."""
    from rezerv.selection import audit_log

    wb = _workbook("audit", campaign, user, now)
    ws = _active(wb)
    ws.title = "Журнал"
    sheet = Sheet(
        ws,
        title=EXPORT_TITLES["audit"],
        campaign=campaign,
        source=_regulation_line(campaign),
        stamp=stamp_text(user, now),
        columns=[
            ("№ в журнале", 10, None),
            ("Когда", 20, MOMENT_FORMAT),
            ("Кто", 16, None),
            ("Действие", 36, None),
            ("Объект", 24, None),
            ("Изменения", 60, None),
            ("Контрольная сумма (SHA-256)", 20, None),
        ],
    )
    events = audit_log.campaign_events(campaign).order_by("seq")
    read = audit_log.reader(campaign)
    count = 0
    for start in range(0, events.count(), 2000):
        for line in read(list(events[start : start + 2000])):
            sheet.append(
                [
                    line.seq,
                    local_naive(line.at),
                    line.actor,
                    line.action,
                    line.object,
                    line.changes,
                    line.hash,
                ]
            )
            count += 1
    sheet.close()
    return wb, count


# --------------------------------------------------------------------------- download

BUILDERS = {
    "rating": rating_workbook,
    "reserve": reserve_workbook,
    "ballots": ballots_workbook,
    "audit": audit_workbook,
}


def export_filename(kind: str, campaign: Campaign, now: dt.datetime) -> str:
    return f"{kind}-{campaign.uid}-{local_naive(now):%Y%m%d-%H%M%S}.xlsx"


def spreadsheet_export_file(
    *, actor: Any, campaign: Campaign, kind: str, now: dt.datetime | None = None
) -> tuple[IO[bytes], str]:
    """The workbook as a temporary file (written row by row, read from its start; deleted
    when closed) and its name; the export is in the campaign's audit log (issue 14: a large
    campaign's export is streamed from disk, not built in memory)."""
    if kind not in BUILDERS:
        raise ValueError(f"unknown export {kind!r}")
    now = now or timezone.now()
    wb, rows = BUILDERS[kind](campaign=campaign, user=actor, now=now)
    out = tempfile.TemporaryFile(prefix="rezerv-export-")  # noqa: SIM115 (the response closes it)
    try:
        wb.save(out)
        services.audit(
            actor=actor,
            action=f"export.{kind}",
            obj=campaign,
            campaign=campaign,
            changes={"rows": rows},
        )
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return out, export_filename(kind, campaign, now)


def xlsx_file(out: IO[bytes], name: str) -> FileResponse:
    """A workbook written to a temporary file, streamed from it (and the file closed, which
    deletes it, when sent) — issue 14: an export is not held in memory."""
    response = FileResponse(out, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def spreadsheet_export(
    *, actor: Any, campaign: Campaign, kind: str, now: dt.datetime | None = None
) -> tuple[bytes, str]:
    """The workbook's bytes and file name (``spreadsheet_export_file`` read whole)."""
    out, name = spreadsheet_export_file(actor=actor, campaign=campaign, kind=kind, now=now)
    with out:
        return out.read(), name


# --------------------------------------------------------------------------- import templates


def import_template(*, kind: str, campaign: Campaign) -> bytes:
    """A blank file of ``kind`` for ``campaign``: the headers (required ones marked «*») on
    the first sheet, what goes into each column on the second."""
    from rezerv.spreadsheets.columns import KIND_TITLES, layout_for

    layout = layout_for(kind, campaign.regulation.load().regulation)
    wb = Workbook()
    ws = _active(wb)
    ws.title = "Данные"
    for index, col in enumerate(layout.columns, start=1):
        cell = ws.cell(1, index, col.header + (" *" if col.required else ""))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(index)].width = max(14, min(40, len(col.header)))
    ws.freeze_panes = "A2"
    about = wb.create_sheet("Описание")
    about.cell(1, 1, f"{KIND_TITLES[kind]}: {campaign.title}").font = Font(bold=True, size=14)
    about.cell(2, 1, "Загружается только первый лист; строка 1 — заголовки; «*» — обязательно.")
    row = 3
    for note in layout.notes:
        row += 1
        about.cell(row, 1, note)
    row += 2
    for index, header in enumerate(("Столбец", "Обязательный", "Что вписывать"), start=1):
        about.cell(row, index, header).font = Font(bold=True)
    for col in layout.columns:
        row += 1
        about.cell(row, 1, col.header)
        about.cell(row, 2, "да" if col.required else "")
        about.cell(row, 3, col.help)
    about.column_dimensions["A"].width = 50
    about.column_dimensions["B"].width = 14
    about.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
