"""A real SMTP server on loopback (aiosmtpd) and the real background worker
(``manage.py db_worker``) against this test process's test database."""

from __future__ import annotations

import asyncio
import email
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
WORKER = [sys.executable, "manage.py", "db_worker"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Mailbox:
    """What the SMTP server received; ``refuse`` > 0 answers that many DATA commands with a
    temporary failure (451) first."""

    messages: list[Message] = field(default_factory=list)
    refuse: int = 0
    refused: int = 0
    # the first DATA is held this many seconds (then refused, nothing kept): a worker can be
    # killed in the middle of its job
    stall: float = 0
    stalling: bool = False
    # every accepted message takes this long (the work spreads over the workers)
    pace: float = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.stall and not self.stalling:
            self.stalling = True
            await asyncio.sleep(self.stall)
            return "451 4.3.0 try again later"
        if self.refused < self.refuse:
            self.refused += 1
            return "451 4.3.0 try again later"
        if self.pace:
            await asyncio.sleep(self.pace)
        message = email.message_from_bytes(envelope.original_content)
        message["X-Envelope-To"] = ",".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


def database_url() -> str:
    """The URL of the test database this process uses, for the worker process."""
    s = connection.settings_dict
    if s["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def body_of(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(message.get_content_charset() or "utf-8")


def wait_for(check: Callable[[], Any], timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting for the worker")


@dataclass
class Workers:
    smtp_port: int
    attempts: int = 3
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    def start(self, *, wait_ready: bool = False) -> subprocess.Popen[bytes]:
        """Start a worker; ``wait_ready``: return once it polls for jobs."""
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REZERV_EMAIL_HOST": "127.0.0.1",
            "REZERV_EMAIL_PORT": str(self.smtp_port),
            "REZERV_MAIL_ATTEMPTS": str(self.attempts),
            "REZERV_MAIL_RETRY_SECONDS": "0",
            "REZERV_DEBUG": "0",
        }
        log = tempfile.NamedTemporaryFile(prefix="worker-", suffix=".log", delete=False)  # noqa: SIM115
        self.logs.append(Path(log.name))
        process = subprocess.Popen(
            [*WORKER, "--interval", "0.05", "--no-startup-delay", "--no-reload", "-v", "1"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.processes.append(process)
        if wait_ready:
            path = self.logs[-1]
            wait_for(lambda: "Starting worker" in path.read_text(errors="replace"))
        return process

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self.logs:
            log.unlink(missing_ok=True)


@pytest.fixture
def workers(smtp: tuple[Mailbox, int], transactional_db: None) -> Iterator[Workers]:
    """Start workers with ``workers.start()``; all are stopped before the database is cleaned."""
    pool = Workers(smtp_port=smtp[1])
    try:
        yield pool
    finally:
        pool.stop()
