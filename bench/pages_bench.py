"""Pages benchmark (issue 14): the HR and commission pages and the API list of a large campaign.

Goal: every page costs O(page), not O(campaign) — at most **3×** the near-bare login page GET
measured in the same run, at every size, with a number of SQL queries that does not grow
with the campaign.

For each size (2,000 and 20,000 applications by default; ``REZERV_BENCH_PAGES_LARGE=1`` adds
100,000) a fresh process builds, in a fresh database, a published KM campaign whose
applications come in through the project's own importer (the generated XLSX of
``bench/import_bench.py`` and ``spreadsheet_import``), all admitted, a commission of 9 voting
members, the files of the KM checklist, a test result, the document draft's points and an interview ballot row from each
member for every candidate (multi-row inserts, ``selection.fastinsert``), and a meeting of the competition stage with 8 of 9 present. Then,
with Django's test client (logged in, ``REZERV_DEBUG=0``), it times:

* ``login``: the login form GET, the near-bare page the others are compared with (median of 5);
* ``desk``: the HR campaign desk ``/desk/c/<uuid>/``;
* ``application``: the HR application page ``/desk/a/<uuid>/`` of one candidate;
* ``meeting``: the meeting page ``/desk/m/<pk>/``;
* ``scoring``: a member's scoring screen of the interview;
* ``api``: ``/api/applications/?campaign=<uuid>``.

Before the pages, one desk view (a campaign above ``REZERV_INLINE_RESULT_LIMIT`` is not
evaluated in the request: the view asks the worker) and the worker's job
(``result_cache.recompute``) are timed. Each page is fetched twice (a first view may compute and store what later views read); both
times are printed, the ratio is judged on the second. The number of queries is the second
view's (counted by ``connection.execute_wrapper``). SQLite always; PostgreSQL when ``DATABASE_URL`` names a
server that answers (a scratch database is created there and dropped afterwards).

    python bench/pages_bench.py [--sizes 2000,20000] [--database-url postgres://…]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import import_bench  # noqa: E402  (bench/import_bench.py: the XLSX and the campaign)

GOAL_RATIO = 3.0
DEFAULT_SIZES = (2000, 20000)
LARGE = 100_000
PAGES = ("desk", "application", "meeting", "scoring", "api")
MEMBERS = 9


def _setup(database_url: str, folder: Path) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["REZERV_MEDIA_ROOT"] = str(folder / "media")
    os.environ["REZERV_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rezerv.web.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def build(size: int) -> dict[str, Any]:
    """The campaign of ``size`` admitted applications, its commission, ballots and meeting."""
    import datetime as dt

    from django.utils import timezone

    from rezerv.scenarios import campaigns, km, meetings
    from rezerv.scenarios.commissions import roster
    from rezerv.selection.fastinsert import insert_rows
    from rezerv.selection.models import Application, Ballot, Document, Result
    from rezerv.selection.states import ApplicationStatus
    from rezerv.spreadsheets.importer import spreadsheet_import

    xlsx = import_bench.default_path(size)
    if not xlsx.exists():
        import_bench.generate(xlsx, size)
    campaign, hr = import_bench.campaign_for_bench()
    report = spreadsheet_import(
        actor=hr, campaign=campaign, kind="applications", source=xlsx, dry_run=False
    )
    assert Application.objects.filter(campaign=campaign).count() == size, report
    Application.objects.filter(campaign=campaign).update(
        status=ApplicationStatus.ADMITTED, decided_at=timezone.now()
    )
    rows = [(f"m{i}", f"Членов Член {i}", "эксперт") for i in range(MEMBERS)]
    seats = roster(rows, civil_servants=6, independent={"m6", "m7", "m8"}, suffix="-bench")
    members = list(km.commission(hr, campaign, seats, password=None).values())
    campaign = campaigns.to_assessment(hr, campaign)
    ids = list(Application.objects.filter(campaign=campaign).values_list("pk", flat=True))
    for n, member in enumerate(members):
        insert_rows(
            Ballot,
            [
                {
                    "campaign_id": campaign.pk,
                    "stage_id": km.STAGE,
                    "method_id": "interview",
                    "member_id": member.pk,
                    "application_id": pk,
                    "points": (pk + n) % 11,
                }
                for pk in ids
            ],
        )
    # the files of the KM checklist (KM-5), so that the engine admits the candidates
    insert_rows(
        Document,
        [
            {
                "application_id": pk,
                "doc_type": doc_type,
                "file": f"documents/bench/{pk}-{doc_type}",
                "original_name": "doc.pdf",
                "content_type": "application/pdf",
                "size": 8,
                "sha256": "0" * 64,
            }
            for pk in ids
            for doc_type in km.GENERAL_DOCUMENTS
        ],
    )
    tested = dt.date(2026, 4, 10)
    insert_rows(
        Result,
        [
            {
                "application_id": pk,
                "stage_id": km.STAGE,
                "method_id": method,
                "recorded_by_id": hr.pk,
                "date": tested,
                **values,
            }
            for pk in ids
            for method, values in (
                ("test", {"correct": 30 + pk % 21, "questions": 50}),
                ("document_draft", {"points": dict.fromkeys(km.DRAFT_CRITERIA, str(pk % 6))}),
            )
        ],
    )
    held = meetings.meeting(
        hr,
        campaign,
        members[0].commission,
        km.STAGE,
        dt.date(2026, 4, 20),
        present=members[:8],
    )
    one = Application.objects.filter(campaign=campaign).order_by("pk")[size // 2]
    return {
        "hr": hr,
        "campaign": campaign.pk,
        "member": members[3],
        "pages": {
            "desk": f"/desk/c/{campaign.uid}/",
            "application": f"/desk/a/{one.uid}/",
            "meeting": f"/desk/m/{held.pk}/",
            "scoring": f"/commission/c/{campaign.uid}/{km.STAGE}/interview/",
            "api": f"/api/applications/?campaign={campaign.uid}",
        },
    }


def _get(client: Any, url: str) -> tuple[float, int, int, int]:
    """One GET: seconds, status, response bytes, queries."""
    from django.db import connection

    count = 0

    def counted(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):  # no query log: nothing kept, no limit
        t0 = time.perf_counter()
        response = client.get(url)
        content = b"".join(response) if response.streaming else response.content
        seconds = time.perf_counter() - t0
    return seconds, response.status_code, len(content), count


def measure(size: int, database_url: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="rezerv-pages-bench-") as tmp:
        _setup(database_url, Path(tmp))
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        call_command("migrate", verbosity=0, interactive=False)
        t0 = time.perf_counter()
        world = build(size)
        built = time.perf_counter() - t0
        login = Client()
        bare = [_get(login, "/accounts/login/")[0] for _ in range(6)][1:]
        figures: dict[str, Any] = {
            "size": size,
            "database": connection.vendor,
            "build_s": built,
            "login_s": statistics.median(bare),
            "pages": {},
        }
        hr = Client()
        hr.force_login(world["hr"])
        member = Client()
        member.force_login(world["member"].user)
        # the campaign's result: computed in the first view up to REZERV_INLINE_RESULT_LIMIT
        # applications, above it by the worker (the first view asks for it and shows that it
        # is being recomputed); the worker's job is timed here, in this process
        from rezerv.selection import result_cache

        stale = _get(hr, world["pages"]["desk"])
        t0 = time.perf_counter()
        outcome = result_cache.recompute(world["campaign"])
        figures["recompute_s"] = time.perf_counter() - t0
        figures["recompute"] = outcome
        figures["stale_view_s"] = stale[0]
        for name in PAGES:
            client = member if name == "scoring" else hr
            url = world["pages"][name]
            first = _get(client, url)
            second = _get(client, url)
            figures["pages"][name] = {
                "first_s": first[0],
                "s": second[0],
                "status": second[1],
                "bytes": second[2],
                "queries": second[3],
            }
        return figures


def _table(all_figures: list[dict[str, Any]]) -> str:
    lines = []
    for fig in all_figures:
        lines.append(
            f"{fig['database']}, {fig['size']:,} applications (built in {fig['build_s']:.1f} s); "
            f"login page {fig['login_s'] * 1000:.1f} ms; the campaign's result "
            f"{fig['recompute']} by the worker's job in {fig['recompute_s']:.1f} s (the view "
            f"before it {fig['stale_view_s']:.3f} s)"
        )
        for name in PAGES:
            page = fig["pages"][name]
            ratio = page["s"] / fig["login_s"]
            verdict = "goal met" if ratio <= GOAL_RATIO and page["status"] == 200 else "NOT met"
            lines.append(
                f"  {name:<12} {page['s']:8.3f} s (first {page['first_s']:.3f} s)  "
                f"{ratio:8.1f}x  {page['queries']:6d} queries  {page['bytes'] / 1024:9,.0f} KiB"
                f"  HTTP {page['status']}  (goal <= {GOAL_RATIO:g}x: {verdict})"
            )
    return "\n".join(lines)


def _scratch_postgres(url: str) -> tuple[str, str] | None:
    """A fresh database on the server of ``url`` (its name and URL), or None if unreachable."""
    try:
        import psycopg
    except ImportError:
        return None
    name = f"rezerv_pages_bench_{uuid.uuid4().hex[:8]}"
    parts = urlsplit(url)
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return None
    return name, urlunsplit(parts._replace(path=f"/{name}"))


def _drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _run_child(size: int, database_url: str) -> dict[str, Any] | None:
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", str(size)]
    command += ["--database-url", database_url]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        print(f"  ({size:,} on {database_url.split(':')[0]}: failed, exit {done.returncode})")
        return None
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def report(sizes: Sequence[int] | None = None, database_url: str | None = None) -> int:
    if sizes is None:
        sizes = list(DEFAULT_SIZES)
        if os.environ.get("REZERV_BENCH_PAGES_LARGE") == "1":
            sizes.append(LARGE)
    print(
        "\nPages (issue 14): each page as the ratio to the login page GET in the same process, "
        f"goal <= {GOAL_RATIO:g}x at every size; queries of the second view"
    )
    results = []
    postgres = database_url or os.environ.get("DATABASE_URL", "")
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="rezerv-pages-") as tmp:
            fig = _run_child(size, f"sqlite:///{Path(tmp) / 'pages.sqlite3'}")
        if fig:
            results.append(fig)
            print(_table([fig]), flush=True)
        if postgres.startswith("postgres"):
            scratch = _scratch_postgres(postgres)
            if scratch is None:
                print(f"  (PostgreSQL at DATABASE_URL not reachable: {size:,} skipped)")
                continue
            try:
                fig = _run_child(size, scratch[1])
            finally:
                _drop_postgres(postgres, scratch[0])
            if fig:
                results.append(fig)
                print(_table([fig]), flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="", help="comma-separated, e.g. 2000,20000")
    parser.add_argument("--database-url", default=None, help="a PostgreSQL server to use too")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    if args.measure is not None:
        print(json.dumps(measure(args.measure, args.database_url)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s] or None
    return report(sizes, args.database_url)


if __name__ == "__main__":
    raise SystemExit(main())
