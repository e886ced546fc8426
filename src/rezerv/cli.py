"""Command line: validate regulations, evaluate cases, compute deadlines.

Exit status: 0 on success, 2 on bad input (with a message naming the place), and nothing is
printed to standard output unless the whole command succeeded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from rezerv.engine.calendar import CalendarError
from rezerv.engine.case import check_case, parse_case
from rezerv.engine.deadlines import compute_deadlines, make_calendar
from rezerv.engine.errors import InputError, Problem
from rezerv.engine.evaluate import evaluate
from rezerv.engine.loader import BUNDLED, load_regulation
from rezerv.wording import reason as word

EXIT_BAD_INPUT = 2
Writer = Callable[[TextIO], None]


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(
            [
                Problem(
                    path,
                    None,
                    None,
                    f"cannot read the file: {exc.strerror}",
                    "file_unreadable",
                    {"detail": str(exc.strerror)},
                )
            ]
        ) from exc


def cmd_validate(args: argparse.Namespace) -> str:
    lines = []
    problems: list[Problem] = []
    for name in args.files:
        try:
            loaded = load_regulation(name)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        reg = loaded.regulation
        cited = sorted(reg.cited_rules(), key=_rule_sort_key)
        lines.append(
            f"{name}: OK — {reg.code} «{reg.title}», version {reg.version}, cites {len(cited)} rules"
        )
    if problems:
        raise InputError(problems)
    return "\n".join(lines) + "\n"


def _rule_sort_key(rule: str) -> tuple[str, int]:
    prefix, number = rule.split("-")
    return prefix, int(number)


def run_evaluation(regulation: str, case_path: str) -> dict[str, Any]:
    loaded = load_regulation(regulation)
    raw = _read(case_path)
    case = parse_case(raw, case_path)
    del raw  # the file's bytes are not needed during evaluation
    check_case(loaded.regulation, case, case_path)
    return evaluate(loaded, case, case_path)


def cmd_evaluate(args: argparse.Namespace) -> str | Writer:
    result = run_evaluation(args.regulation, args.case)
    if args.format == "table":
        return render_table(result)

    def write(out: TextIO) -> None:
        # Streamed: a large result is never held twice in memory as one string.
        json.dump(result, out, ensure_ascii=False, indent=2)
        out.write("\n")

    return write


def render_table(result: dict[str, Any]) -> str:
    """The rating as a readable table."""
    reg = result["regulation"]
    out = [f"{reg['code']} — {reg['title']}"]
    if result["campaign"]["title"]:
        out.append(result["campaign"]["title"])
    header = f"{'Место':>5}  {'Кандидат':<34} {'Балл':>8} {'Макс.':>7}  Итог"
    out += ["", header, "-" * len(header)]
    for row in result["candidates"]:
        place = "" if row["place"] is None else str(row["place"])
        score = row["final_score"] or ""
        top = row["max_score"] or ""
        name = (row["name"] or row["id"])[:34]
        outcome = row["outcome_title"] or ""
        if row["refusals"]:
            outcome += ": " + "; ".join(
                f"{word(r)} ({', '.join(r['rules'])})" for r in row["refusals"][:2]
            )
        elif row["outcome"] == "pending" and row["reasons"]:
            last = row["reasons"][-1]
            outcome += f": {word(last)} ({', '.join(last['rules'])})"
        out.append(f"{place:>5}  {name:<34} {score:>8} {top:>7}  {outcome}")
    for meeting in result["meetings"]:
        status = "правомочно" if meeting["valid"] else "неправомочно"
        out.append("")
        out.append(
            f"Заседание {meeting['id']} ({meeting['date']}): присутствует {meeting['present']} "
            f"из {meeting['members']}, кворум {meeting['quorum']} — {status}"
        )
        for reason in meeting["reasons"]:
            out.append(f"  {word(reason)} ({', '.join(reason['rules'])})")
    if result.get("notices"):
        out += ["", "Уведомления и публикации:"]
    for notice in result.get("notices", []):
        status = NOTICE_STATUS[notice["status"]]
        if notice["status"] == "late":
            status += f" на {notice['days_late']} дн."
        out.append(
            f"  {notice['title']} ({', '.join(notice['rules'])}): срок {notice['due'] or '—'}, "
            f"направлено {notice['issued_on'] or '—'} — {status}"
        )
    return "\n".join(out) + "\n"


NOTICE_STATUS = {
    "on_time": "в срок",
    "late": "с опозданием",
    "early": "ранее срока",
    "not_issued": "не направлено",
    "due_unknown": "срок не определён",
}


def _parse_event(text: str) -> tuple[str, dt.date]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise InputError(
            [Problem("--event", text, None, "expected NAME=YYYY-MM-DD", "event_option_form")]
        )
    try:
        return name, dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(
            [
                Problem(
                    "--event",
                    name,
                    None,
                    f"'{value}' is not a date YYYY-MM-DD",
                    "not_a_date",
                    {"value": value},
                )
            ]
        ) from exc


def cmd_deadlines(args: argparse.Namespace) -> str:
    loaded = load_regulation(args.regulation)
    reg = loaded.regulation
    given = dict(_parse_event(e) for e in args.event or [])
    known = {e.id for e in reg.events} | {d.id for d in reg.deadlines} | {"reference_date"}
    for name in given:
        if name not in known:
            choices = ", ".join(sorted(e.id for e in reg.events))
            raise InputError(
                [
                    Problem(
                        "--event",
                        name,
                        None,
                        f"unknown event; events of {reg.code}: {choices}",
                        "unknown_event_option",
                        {"event": name, "events": sorted(e.id for e in reg.events)},
                    )
                ]
            )
    try:
        _, rows = compute_deadlines(reg, make_calendar(reg), given)
    except CalendarError as exc:
        raise InputError([Problem("--event", None, None, str(exc), exc.code, exc.params)]) from exc
    data = [row.as_json() for row in rows]
    if args.format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    out = [f"{reg.code} — {reg.title}", ""]
    for item in data:
        date = str(item["date"] or f"(нужно событие {item.get('missing_event')})")
        if item.get("time"):
            date += f" {item['time']}"
        limit = {"latest": "не позднее", "earliest": "не ранее", "on": ""}[str(item["limit"])]
        # as_json() gives the row as JSON values (dict[str, object]): a list of rule IDs here
        rules = ", ".join(item["rules"])  # type: ignore[arg-type]
        line = f"{date:<24} {limit:<11} {item['title']} [{rules}]"
        if item.get("governs"):
            # and a bool or None here (see the comment on rules above)
            mark = {True: "соблюдён", False: "НАРУШЕН", None: "—"}[item["complies"]]  # type: ignore[index]
            line += f" — срок {mark}"
        out.append(line)
    return "\n".join(out) + "\n"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rezerv", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="validate regulation files")
    p.add_argument(
        "files", nargs="+", help=f"regulation files, or bundled codes {', '.join(BUNDLED)}"
    )
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("evaluate", help="evaluate a case under a regulation")
    p.add_argument("regulation", help="a regulation file or a bundled code")
    p.add_argument("case", help="the case, JSON")
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.set_defaults(func=cmd_evaluate)
    p = sub.add_parser("deadlines", help="compute the calendar of a procedure")
    p.add_argument("regulation")
    p.add_argument("--event", action="append", metavar="NAME=DATE")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_deadlines)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        output = args.func(args)
    except InputError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    # Everything is computed before the first byte is written: bad input prints nothing.
    if callable(output):
        output(sys.stdout)
    else:
        sys.stdout.write(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
