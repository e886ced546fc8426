"""Answers benchmark (issue 11): candidates taking a 50-question test at once, on gunicorn and
PostgreSQL, on loopback.

A fresh PostgreSQL database (a scratch one on the server of ``DATABASE_URL`` or
``--database-url``, dropped afterwards) gets the migrations, an admitted KM campaign of N
candidates (default 10; each with an account and a logged-in session), a bank of 60 questions
drawn 50 per candidate (5 topics × 10), a session and every candidate's started attempt. Then
gunicorn (``--workers``, default 2 × cores + 1, sync workers as in deploy/gunicorn.conf.py, the
application's settings with DEBUG off, plain HTTP on 127.0.0.1, the application preloaded)
serves; after a few warm-up requests per worker a client of
``--concurrency`` threads (default: one per candidate, at most 64) runs every candidate's 50
answers, one POST after the other as the page's script sends them:

* ``bare``: the same N × 50 POSTs to a bare Django view (``answers_urls.bare``: the same
  middleware, session and CSRF, a small JSON body, no assessment table touched);
* ``answers``: the N × 50 answers to ``/a/<uid>/attempt/<pk>/answer/``.

Printed: answers saved per second, the median and 95th-percentile latency of saving an answer,
errors, **answers lost** (acknowledged with 200 yet not stored; goal 0), and each as the ratio
to the bare view in the same run. Performance is reported, never asserted (exit status 0).

    python bench/answers_bench.py [--candidates N] [--workers W] [--concurrency C]
                                  [--database-url postgres://…]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CANDIDATES = 10
QUESTIONS = 50
TOPICS = 5
CSRF = "b" * 32  # a token secret of the cookie's length, sent as cookie and header


def _setup(database_url: str, folder: Path) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["REZERV_MEDIA_ROOT"] = str(folder / "media")
    os.environ["REZERV_DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "answers_settings"
    for extra in (ROOT, ROOT / "src", HERE):
        sys.path.insert(0, str(extra))
    import django

    django.setup()


def build(candidates: int) -> list[dict[str, Any]]:
    """The campaign, its candidates with started attempts; per candidate its cookie, answer
    URL and drawn question ids."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone
    from tests.web import factories as f  # the tests' KM campaign and application

    from rezerv.assessment import services
    from rezerv.assessment.importers import QuestionData
    from rezerv.selection.models import Application, Person

    call_command("migrate", verbosity=0)
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    template = f.km_application(campaign, f.candidate("bench0", "Тестов", "Тест", "Тестович"))
    user_model = get_user_model()
    users = user_model.objects.bulk_create(
        [user_model(username=f"bench{i}") for i in range(1, candidates)]
    )
    people = Person.objects.bulk_create(
        [
            Person(user=u, last_name="Тестов", first_name=f"Тест{i}", citizenship="RU")
            for i, u in enumerate(users, 1)
        ]
    )
    copied = {
        k: getattr(template, k)
        for k in (
            "route",
            "status",
            "submitted_at",
            "facts",
            "consent_given_at",
            "consent_text",
            "decided_by",
            "decided_at",
        )
    }
    Application.objects.bulk_create(
        [
            Application(campaign=campaign, person=p, code=f"B{i:07d}", **copied)
            for i, p in enumerate(people, 1)
        ]
    )
    bank = services.bank_save(
        actor=hr,
        bank=None,
        body=hr.staff.body,
        regulation_code="KM",
        group="",
        title="Банк для нагрузочного теста",
        blueprint={},
    )
    per_topic = QUESTIONS // TOPICS
    questions = [
        QuestionData(f"Тема {t}", f"Тема {t}: вопрос {i}", ["А", "Б", "В", "Г"], i % 4)
        for t in range(TOPICS)
        for i in range(per_topic + 2)
    ]
    services.questions_import(actor=hr, bank=bank, questions=questions)
    bank = services.bank_save(
        actor=hr,
        bank=bank,
        body=bank.body,
        regulation_code="KM",
        group="",
        title=bank.title,
        blueprint={f"Тема {t}": per_topic for t in range(TOPICS)},
    )
    now = timezone.now()
    session = services.session_create(
        actor=hr,
        campaign=campaign,
        stage_id="competition",
        method_id="test",
        bank=bank,
        opens=now - dt.timedelta(minutes=5),
        closes=now + dt.timedelta(hours=4),
        time_limit_minutes=120,
    )
    out = []
    for application in Application.objects.filter(campaign=campaign).select_related("person__user"):
        attempt = services.attempt_start(actor=None, session=session, application=application)
        client = Client()
        client.force_login(application.person.user)
        out.append(
            {
                "cookie": f"sessionid={client.cookies['sessionid'].value}; csrftoken={CSRF}",
                "path": f"/a/{application.uid}/attempt/{attempt.pk}/answer/",
                "attempt": attempt.pk,
                "questions": attempt.question_ids,
            }
        )
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _gunicorn(port: int, workers: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "--chdir",
        str(ROOT),
        "--pythonpath",
        f"{ROOT / 'src'},{HERE},{ROOT}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "120",
        "--preload",
        "--log-level",
        "warning",
        "rezerv.web.wsgi:application",
    ]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("gunicorn did not start in 120 s")


def _warm_up(port: int, jobs: list[dict[str, Any]], workers: int) -> None:
    """A few bare requests per worker first, so that neither phase pays the workers' start."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(
            pool.map(
                lambda i: _post(port, "/bench/bare/", jobs[i % len(jobs)]["cookie"], b"{}"),
                range(4 * workers),
            )
        )


def _post(port: int, path: str, cookie: str, body: bytes) -> tuple[int, bytes, float]:
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(
            "POST",
            path,
            body=body,
            headers={"Cookie": cookie, "X-CSRFToken": CSRF, "Content-Type": "application/json"},
        )
        response = conn.getresponse()
        data = response.read()
        return response.status, data, time.perf_counter() - t0
    except OSError:
        return 0, b"", time.perf_counter() - t0
    finally:
        conn.close()


def run_load(port: int, jobs: list[dict[str, Any]], concurrency: int, bare: bool) -> dict[str, Any]:
    """Every candidate's answers one after the other, the candidates ``concurrency`` at once."""
    latencies: list[float] = []
    acked: list[tuple[int, int]] = []
    errors = [0]
    lock = threading.Lock()

    def candidate(job: dict[str, Any]) -> None:
        mine: list[float] = []
        mine_acked: list[tuple[int, int]] = []
        failed = 0
        path = "/bench/bare/" if bare else job["path"]
        for i, qid in enumerate(job["questions"]):
            body = json.dumps({"question": qid, "choice": i % 4, "version": 0}).encode()
            status, _data, took = _post(port, path, job["cookie"], body)
            mine.append(took)
            if status == 200:
                mine_acked.append((job["attempt"], qid))
            else:
                failed += 1
        with lock:
            latencies.extend(mine)
            acked.extend(mine_acked)
            errors[0] += failed

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(candidate, jobs))
    wall = time.perf_counter() - t0
    latencies.sort()
    return {
        "requests": len(latencies),
        "acknowledged": len(acked),
        "errors": errors[0],
        "wall_s": wall,
        "per_s": len(acked) / wall if wall else 0.0,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000,
        "acked": acked,
    }


def measure(candidates: int, database_url: str, workers: int, concurrency: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="rezerv-answers-") as tmp:
        _setup(database_url, Path(tmp))
        t0 = time.perf_counter()
        jobs = build(candidates)
        built = time.perf_counter() - t0
        from django.db import connection

        from rezerv.assessment.models import Answer

        connection.close()
        port = _free_port()
        env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}:{HERE}:{ROOT}"}
        server = _gunicorn(port, workers, env)
        try:
            _warm_up(port, jobs, workers)
            bare = run_load(port, jobs, concurrency, bare=True)
            answers = run_load(port, jobs, concurrency, bare=False)
        finally:
            server.terminate()
            server.wait(30)
        stored = set(Answer.objects.values_list("attempt_id", "question_id"))
        lost = len(set(answers.pop("acked")) - stored)
        bare.pop("acked")
        connection.close()
    return {
        "candidates": candidates,
        "questions": QUESTIONS,
        "workers": workers,
        "concurrency": concurrency,
        "build_s": built,
        "bare": bare,
        "answers": answers,
        "stored": len(stored),
        "lost": lost,
    }


def _table(fig: dict[str, Any]) -> str:
    a, b = fig["answers"], fig["bare"]
    rows = [
        ("candidates × questions", f"{fig['candidates']} × {fig['questions']}"),
        ("gunicorn workers / client threads", f"{fig['workers']} / {fig['concurrency']}"),
        ("set-up (migrate, campaign, attempts)", f"{fig['build_s']:.1f} s"),
        (
            "answers saved per second",
            f"{a['per_s']:.0f}/s (bare view {b['per_s']:.0f}/s; ratio {a['per_s'] / b['per_s']:.2f})",
        ),
        (
            "answer latency p50 / p95",
            f"{a['p50_ms']:.0f} / {a['p95_ms']:.0f} ms (bare {b['p50_ms']:.0f} / "
            f"{b['p95_ms']:.0f} ms; p95 ratio {a['p95_ms'] / b['p95_ms']:.2f})",
        ),
        ("errors (not 200)", f"{a['errors']} (bare {b['errors']})"),
        ("answers acknowledged / stored", f"{a['acknowledged']} / {fig['stored']}"),
        (
            "answers lost",
            f"{fig['lost']} — goal 0 {'met' if fig['lost'] == 0 else 'NOT met'}",
        ),
        (
            "2,000 candidates at this rate",
            f"{2000 * fig['questions'] / a['per_s'] / 60:.0f} min of answers",
        ),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"  {name:<{width}}  {value}" for name, value in rows)


def _scratch_postgres(url: str) -> tuple[str, str] | None:
    try:
        import psycopg
    except ImportError:
        return None
    name = f"rezerv_answers_bench_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return None
    return name, urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def report(
    candidates: int = DEFAULT_CANDIDATES,
    database_url: str | None = None,
    workers: int | None = None,
    concurrency: int | None = None,
) -> int:
    workers = workers or (os.cpu_count() or 1) * 2 + 1
    concurrency = concurrency or min(candidates, 64)
    print(
        f"\nAnswers (issue 11): {candidates} candidates × {QUESTIONS} questions at once on "
        "gunicorn + PostgreSQL; answers lost: goal 0"
    )
    url = database_url or os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    scratch = _scratch_postgres(url)
    if scratch is None:
        print("  (PostgreSQL not reachable: skipped)")
        return 0
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", str(candidates)]
    command += ["--database-url", scratch[1], "--workers", str(workers)]
    command += ["--concurrency", str(concurrency)]
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    finally:
        _drop_postgres(url, scratch[0])
    if done.returncode != 0:
        print(f"  (the measuring process failed, exit {done.returncode})")
        return 0
    print(_table(json.loads(done.stdout.strip().splitlines()[-1])), flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=DEFAULT_CANDIDATES)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--concurrency", type=int, default=None)
    parser.add_argument("--database-url", default=None, help="a PostgreSQL server")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    if args.measure is not None:
        fig = measure(args.measure, args.database_url, args.workers, args.concurrency)
        print(json.dumps(fig))
        return 0
    return report(args.candidates, args.database_url, args.workers, args.concurrency)


if __name__ == "__main__":
    raise SystemExit(main())
