"""Concurrent writers on the embedded SQLite database wait for each other (issue 13, concurrency).

The embedded default serves several request threads (and the worker) from one file. A Django
transaction on SQLite begins DEFERRED unless told otherwise: it reads under a shared lock and, at
its first write, asks for the write lock; when another transaction already holds that lock,
SQLite answers «database is locked» at once, without waiting out the busy timeout (waiting
could deadlock).  The settings make every transaction begin IMMEDIATE (``SQLITE_OPTIONS``), so
the second writer waits for the first instead of failing.  The test database of the suite may
be in memory, so these tests use their own database file with the same options.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError, connections, transaction

from rezerv.web.settings import SQLITE_OPTIONS

WRITERS = 8


def _alias(name: str, path: Path, options: dict[str, Any]) -> str:
    base = dict(connections.settings["default"])
    base.update(
        ENGINE="django.db.backends.sqlite3",
        NAME=str(path),
        OPTIONS=dict(options),
        TEST={"NAME": str(path)},
        ATOMIC_REQUESTS=False,
        AUTOCOMMIT=True,
        CONN_MAX_AGE=0,
        CONN_HEALTH_CHECKS=False,
        TIME_ZONE=None,
        HOST="",
        PORT="",
        USER="",
        PASSWORD="",
    )
    connections.settings[name] = base
    return name


@pytest.fixture
def database(tmp_path: Path, django_db_blocker: Any) -> Iterator[Path]:
    """A database file of its own (pytest-django guards the suite's database, not this one)."""
    with django_db_blocker.unblock():
        yield from _database(tmp_path)


def _database(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "concurrency.sqlite3"
    alias = _alias("concurrency_setup", path, SQLITE_OPTIONS)
    with connections[alias].cursor() as cursor:
        cursor.execute("CREATE TABLE ballot (id INTEGER PRIMARY KEY, seen INTEGER NOT NULL)")
    connections[alias].close()
    yield path
    for name in [n for n in connections.settings if n.startswith("concurrency_")]:
        connections[name].close()
        del connections[name]  # the wrapper of this thread, bound to this test's file
        del connections.settings[name]


def _read_then_write(alias: str) -> None:
    """What a service does: read what is there, then write what follows from it."""
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM ballot")
        (seen,) = cursor.fetchone()
        time.sleep(0.02)  # the request thinks; the other writers arrive meanwhile
        cursor.execute("INSERT INTO ballot (seen) VALUES (%s)", [seen])


def test_concurrent_writers_all_succeed_one_after_another(database: Path) -> None:
    """Issue 13: 8 threads read and write at once; none fails, and each saw the ones before it."""
    alias = _alias("concurrency_app", database, SQLITE_OPTIONS)
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            _read_then_write(alias)
        except BaseException as exc:  # every failure is what the test counts
            failures.append(exc)
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT seen FROM ballot ORDER BY id")
        seen = [row[0] for row in cursor.fetchall()]
    connections[alias].close()
    # Serialised: each writer read the rows of every writer before it (no lost update).
    assert seen == list(range(WRITERS))


def test_without_immediate_transactions_the_second_writer_fails_at_once(database: Path) -> None:
    """Why the setting exists: a deferred transaction that read first cannot take the write lock
    another transaction holds, and SQLite refuses it at once despite the 20 s busy timeout."""
    deferred = {**SQLITE_OPTIONS, "transaction_mode": "DEFERRED"}
    first = _alias("concurrency_first", database, deferred)
    second = _alias("concurrency_second", database, deferred)
    started = time.monotonic()
    with (
        pytest.raises(OperationalError, match="locked"),
        transaction.atomic(using=first),
        connections[first].cursor() as a,
    ):
        a.execute("SELECT count(*) FROM ballot")
        with transaction.atomic(using=second), connections[second].cursor() as b:
            b.execute("INSERT INTO ballot (seen) VALUES (0)")
            a.execute("INSERT INTO ballot (seen) VALUES (0)")
    assert time.monotonic() - started < 10  # refused, not waited for
    connections[first].close()
    connections[second].close()
