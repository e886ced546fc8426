"""No acknowledged answer is lost when the application server dies (issue 11, KM-13).

A real server process (``manage.py runserver --noreload`` on loopback) serves a copy of the test
database in a SQLite file; a candidate's answers are posted to it over HTTP, the server is
killed with SIGKILL while answers are in flight, then started again: every answer the server
acknowledged (HTTP 200) is stored, the attempt resumes with the server's clock still running
(the deadline unchanged, the time left smaller), and the remaining answers are accepted.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from rezerv.assessment import services
from tests.assessment.helpers import session, world

ROOT = Path(__file__).resolve().parents[2]
CSRF = "k" * 32  # a token secret of the cookie's length, sent as cookie and header


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, db: Path, media: Path) -> None:
        self.port = _free_port()
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{db}",
            "REZERV_MEDIA_ROOT": str(media),
            "REZERV_DEBUG": "0",
            "DJANGO_SETTINGS_MODULE": "rezerv.web.settings",
        }
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("the server did not start in 60 s")

    def kill(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)


def _request(
    port: int, method: str, path: str, cookies: str, body: dict[str, Any] | None = None
) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"Cookie": cookies, "X-CSRFToken": CSRF, "Content-Type": "application/json"}
        conn.request(method, path, body=json.dumps(body) if body else None, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.mark.django_db(transaction=True)
def test_km13_no_acknowledged_answer_is_lost_when_the_server_is_killed(tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the server process is given a copy of the SQLite test database")
    w = world()
    attempt = services.attempt_start(actor=None, session=session(w), application=w["application"])
    client = Client()
    client.force_login(w["application"].person.user)
    cookies = f"sessionid={client.cookies['sessionid'].value}; csrftoken={CSRF}"
    db = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(db) as target:
        connection.connection.backup(target)  # type: ignore[union-attr]
    uid = w["application"].uid
    answer_path = f"/a/{uid}/attempt/{attempt.pk}/answer/"
    take_path = f"/a/{uid}/attempt/{attempt.pk}/"
    questions = attempt.question_ids

    server = Server(db, tmp_path / "media")
    server.start()
    acknowledged: dict[int, int] = {}
    lefts: list[int] = []
    halfway = threading.Event()

    def post_answers() -> None:
        for i, qid in enumerate(questions):
            try:
                status, body = _request(
                    server.port,
                    "POST",
                    answer_path,
                    cookies,
                    {"question": qid, "choice": i % 3, "version": 0},
                )
            except OSError:
                continue  # not acknowledged: the page keeps it and sends it again
            if status == 200:
                acknowledged[qid] = json.loads(body)["version"]
                lefts.append(json.loads(body)["left"])
            if len(acknowledged) >= len(questions) // 2:
                halfway.set()

    poster = threading.Thread(target=post_answers)
    try:
        poster.start()
        assert halfway.wait(120), "half the answers were not acknowledged in 120 s"
        server.kill()  # SIGKILL while the poster is still sending
        poster.join(60)
        assert 0 < len(acknowledged) < len(questions)
        with sqlite3.connect(db) as conn:
            stored = dict(
                conn.execute(
                    "SELECT question_id, choice FROM assessment_answer WHERE attempt_id = ?",
                    (attempt.pk,),
                ).fetchall()
            )
            deadline_before = conn.execute(
                "SELECT deadline FROM assessment_attempt WHERE id = ?", (attempt.pk,)
            ).fetchone()[0]
        assert set(acknowledged) <= set(stored), "an acknowledged answer was lost"

        time.sleep(1.1)
        server.start()
        status, _page = _request(server.port, "GET", take_path, cookies)
        assert status == 200
        missing = [q for q in questions if q not in stored]
        for qid in missing:
            status, body = _request(
                server.port,
                "POST",
                answer_path,
                cookies,
                {"question": qid, "choice": 0, "version": 0},
            )
            assert status == 200, body
            left = json.loads(body)["left"]
        if not missing:
            status, body = _request(
                server.port,
                "POST",
                answer_path,
                cookies,
                {
                    "question": questions[0],
                    "choice": 1,
                    "version": acknowledged.get(questions[0], 1),
                },
            )
            left = json.loads(body).get("left", 0)
        assert 0 < left < min(lefts), "the time ran on while the server was down"
        with sqlite3.connect(db) as conn:
            count, deadline_after = conn.execute(
                "SELECT COUNT(*), (SELECT deadline FROM assessment_attempt WHERE id = ?)"
                " FROM assessment_answer WHERE attempt_id = ?",
                (attempt.pk, attempt.pk),
            ).fetchone()
        assert count == len(questions) and deadline_after == deadline_before
    finally:
        if server.proc is not None and server.proc.poll() is None:
            server.kill()
        poster.join(10)
