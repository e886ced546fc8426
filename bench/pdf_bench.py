"""Document throughput (issue 4): TP certificates (appendix 5) as PDF on one core.

Goal: at least **20 certificates per second per core**.

The measurement runs in a fresh process pinned to one CPU (``os.sched_setaffinity``) against a
fresh SQLite database in a temporary folder. A TP cycle of ``--holders`` participants is run
through the services as the territorial department runs it (applications, admission, the essays
scored by a demand body's representative, training, internship, testing, the decision with the
``certificates_issued`` event), so every participant holds a certificate valid one year (TP-12).
Then, after a few warm-up renders that are not counted:

* one by one: every holder's certificate (``tp_certificate``) through ``document_render``, as a
  download does it: the availability check, the context from the stored decision, the template,
  WeasyPrint's PDF and the audit event — one PDF per holder;
* all at once: the cycle's ``tp_certificates`` (every certificate, one per page, to print them
  when they are handed over) through the same ``document_render``: one PDF of all holders;
* a PDF per holder at once: the same form as a ZIP of one one-page PDF per holder (to send each
  their own), laid out in one pass and written page by page.

Figures are certificates per second of CPU time of the measuring process (it runs alone on its
core: that is "per core") and of wall time beside it. Wall time includes waiting for the disk to
commit each download's audit event, which on this shared machine's disk varies from under 1 ms to
tens of milliseconds per commit — not rendering work; the database sits in ``$TMPDIR``.

    python bench/pdf_bench.py [--holders N] [--rounds R]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_HOLDERS = 100
DEFAULT_ROUNDS = 2
WARM_UP = 5
GOAL_PER_SECOND = 20.0


def _setup_django(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["REZERV_MEDIA_ROOT"] = str(folder / "media")
    os.environ["REZERV_DEBUG"] = "0"  # as in production: no query log
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rezerv.web.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


SURNAMES = [
    ("Жумабаев", "Жумабаева"),
    ("Ахметов", "Ахметова"),
    ("Нургалиев", "Нургалиева"),
    ("Омаров", "Омарова"),
    ("Сейткали", "Сейткали"),
    ("Смагулов", "Смагулова"),
]
MALE = [("Данияр", "Ерланович"), ("Ержан", "Маратович"), ("Арман", "Кайратович")]
FEMALE = [("Алия", "Болатовна"), ("Дана", "Сериковна"), ("Айгерим", "Нурлановна")]


def tp_cycle(holders: int) -> tuple[Any, Any, list[Any]]:
    """A decided TP cycle in which ``holders`` participants are certified (TP-5 demand = holders)."""
    import datetime as dt

    from django.utils import timezone

    from rezerv.scenarios import bodies, campaigns, people, tp
    from rezerv.scenarios.commissions import Seat

    year = timezone.localdate().year - 1
    body = bodies.body(
        "Департамент Агентства Республики Казахстан по делам государственной службы по "
        "Костанайской области"
    )
    hr = people.hr(body, "bench-hr-tp", password=None)
    campaign = campaigns.announce(
        hr,
        code="TP",
        kind="talent_pool",
        title=f"Пул талантов {year}–{year + 1}",
        body=body,
        on=dt.date(year, 9, 15),
        quotas={"demand": {"kostanay": holders}},
        events={"cycle_start": f"{year}-09-01", "training_start": f"{year + 1}-01-12"},
        announcement={
            "procedure": "Порядок отбора.",
            "essay_topics": "Темы эссе.",
            "essay_email": "essay@example.kz",
        },
    )
    submitted = timezone.make_aware(dt.datetime(year, 10, 2, 12))
    participants = {}
    for i in range(holders):
        male = i % 2 == 0
        first, patronymic = (MALE if male else FEMALE)[(i // 2) % 3]
        iin = f"0201016{i:05d}"
        participants[str(i)] = tp.Participant(
            login=f"bench-tp-{i}",
            last=SURNAMES[i % len(SURNAMES)][0 if male else 1],
            first=first,
            patronymic=patronymic,
            person={"citizenship": "KZ", "iin": iin, "birth_date": dt.date(2002, 1, 1)},
            submitted=submitted,
            facts={
                "citizenship": "KZ",
                "iin": iin,
                **tp.application_facts(
                    unit="kostanay",
                    internship_body="Аппарат акима Костанайской области",
                    direction="Экономика и финансы",
                    specialty="Финансы",
                    address="г. Костанай",
                    phone="+7 701 000 00 00",
                    email=f"tp{i}@example.kz",
                ),
            },
            checked={
                "direction_fits_specialty": True,
                "essay_topic": "Бюджет, ориентированный на результат",
                "essay_words": 450,
                "training_format": "academy",
            },
            essays=((4 + i % 2, 4),),
            certified=True,
        )
    world = tp.run_cycle(
        hr,
        campaign,
        participants,
        [
            Seat(
                "bench-rep",
                "Касымов Нурлан Серикович",
                "руководитель отдела управления персоналом",
            )
        ],
        passed_on={
            "training": dt.date(year + 1, 3, 20),
            "internship": dt.date(year + 1, 4, 24),
            "testing": dt.date(year + 1, 5, 12),
        },
        documents={"application": "doc.pdf", "study_certificate": "doc.pdf"},
        commission_name="Представители государственных органов",
        password=None,
        issued=dt.date(year + 1, 6, 30),
        consent_text="Согласие на сбор и обработку персональных данных.",
    )
    return world["campaign"], hr, list(world["apps"].values())


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def measure(holders: int, rounds: int) -> dict[str, Any]:
    cpus = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpus[-1]})  # one core
    with tempfile.TemporaryDirectory(prefix="rezerv-pdf-bench-") as tmp:
        _setup_django(Path(tmp))
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        t0 = time.perf_counter()
        campaign, hr, apps = tp_cycle(holders)
        setup_s = time.perf_counter() - t0

        figures = measure_in(campaign, hr, apps, rounds)
        figures.update({"setup_s": setup_s, "core": cpus[-1]})
        return figures


def measure_in(campaign: Any, hr: Any, apps: list[Any], rounds: int) -> dict[str, Any]:
    """Both ways, ``rounds`` times over the cycle's holders (warm-up renders not counted)."""
    from rezerv.documents import registry
    from rezerv.documents.access import DocumentRef
    from rezerv.documents.services import document_available, document_render

    holders = len(apps)
    one_spec, all_spec = registry.get("tp_certificate"), registry.get("tp_certificates")
    assert one_spec is not None and all_spec is not None
    refs = [DocumentRef(one_spec, app) for app in apps]
    certified = sum(document_available(ref) for ref in refs)
    if certified != holders:
        raise SystemExit(f"{certified} of {holders} participants hold a certificate")
    batch = DocumentRef(all_spec, campaign)
    for ref in refs[:WARM_UP]:
        document_render(actor=hr, ref=ref, fmt="pdf")
    document_render(actor=hr, ref=batch, fmt="pdf")
    document_render(actor=hr, ref=batch, fmt="zip")

    wall0, cpu0 = _clock()
    sizes = []
    for _ in range(rounds):
        for ref in refs:
            sizes.append(len(document_render(actor=hr, ref=ref, fmt="pdf").content))
    wall1, cpu1 = _clock()
    batches = [document_render(actor=hr, ref=batch, fmt="pdf").content for _ in range(rounds)]
    wall2, cpu2 = _clock()
    zips = [document_render(actor=hr, ref=batch, fmt="zip").content for _ in range(rounds)]
    wall3, cpu3 = _clock()
    # checked after the clock: every holder on a page of their own, every ZIP part one page
    n = holders * rounds
    pages = sum(_pages(content) for content in batches)
    files = 0
    for content in zips:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            files += sum(1 for name in z.namelist() if _pages(z.read(name)) == 1)
    if pages != n:
        raise SystemExit(f"the certificates of all holders came to {pages} pages, not {n}")
    if files != n:
        raise SystemExit(f"the ZIPs held {files} one-page PDFs, not {n}")
    return {
        "holders": holders,
        "rounds": rounds,
        "one": {
            "count": n,
            "wall_s": wall1 - wall0,
            "cpu_s": cpu1 - cpu0,
            "bytes_each": sum(sizes) / len(sizes),
        },
        "all": {"count": n, "wall_s": wall2 - wall1, "cpu_s": cpu2 - cpu1},
        "files": {"count": n, "wall_s": wall3 - wall2, "cpu_s": cpu3 - cpu2},
    }


def _pages(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def _rate(part: dict[str, Any]) -> tuple[float, float]:
    return part["count"] / part["cpu_s"], part["count"] / part["wall_s"]


def table(fig: dict[str, Any]) -> str:
    one_cpu, one_wall = _rate(fig["one"])
    all_cpu, all_wall = _rate(fig["all"])
    files_cpu, files_wall = _rate(fig["files"])

    def verdict(rate: float) -> str:
        return "goal met" if rate >= GOAL_PER_SECOND else "goal NOT met"

    rows = [
        ("holders (TP cycle built in)", f"{fig['holders']:,} ({fig['setup_s']:.1f} s)"),
        (
            "one by one (tp_certificate)",
            f"{fig['one']['count']:,} PDFs, CPU {fig['one']['cpu_s']:.2f} s, "
            f"wall {fig['one']['wall_s']:.2f} s, {fig['one']['bytes_each'] / 1024:.0f} KiB each",
        ),
        (
            "  per second, one core",
            f"{one_cpu:.1f} by CPU time ({1000 / one_cpu:.1f} ms each; goal ≥ "
            f"{GOAL_PER_SECOND:.0f}: {verdict(one_cpu)}); {one_wall:.1f} by wall time",
        ),
        (
            "all at once (tp_certificates)",
            f"{fig['rounds']} PDFs of {fig['holders']:,} pages, CPU {fig['all']['cpu_s']:.2f} s, "
            f"wall {fig['all']['wall_s']:.2f} s",
        ),
        (
            "  per second, one core",
            f"{all_cpu:.1f} by CPU time ({1000 / all_cpu:.1f} ms each; goal ≥ "
            f"{GOAL_PER_SECOND:.0f}: {verdict(all_cpu)}); {all_wall:.1f} by wall time",
        ),
        (
            "a PDF per holder at once (ZIP)",
            f"{fig['rounds']} ZIPs of {fig['holders']:,} one-page PDFs, CPU "
            f"{fig['files']['cpu_s']:.2f} s, wall {fig['files']['wall_s']:.2f} s",
        ),
        (
            "  per second, one core",
            f"{files_cpu:.1f} by CPU time ({1000 / files_cpu:.1f} ms each; goal ≥ "
            f"{GOAL_PER_SECOND:.0f}: {verdict(files_cpu)}); {files_wall:.1f} by wall time",
        ),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def report(holders: int = DEFAULT_HOLDERS, rounds: int = DEFAULT_ROUNDS) -> int:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--measure",
        "--holders",
        str(holders),
        "--rounds",
        str(rounds),
    ]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        print(f"the PDF measuring process failed (exit {done.returncode})", file=sys.stderr)
        return done.returncode
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print()
    print(
        "document throughput (issue 4): TP certificates as PDF, one core "
        f"(CPU {figures['core']}, the process pinned to it)"
    )
    print(table(figures))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--holders", type=int, default=DEFAULT_HOLDERS)
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.holders, args.rounds)))
        return 0
    return report(args.holders, args.rounds)


if __name__ == "__main__":
    raise SystemExit(main())
