"""The load of the deployment test (tests/deploy/run.sh): page views and writes through nginx,
one app server killed in the middle, then the checks.

Bounded: ``--seconds`` per phase (two phases: before and after the kill) and ``--max-requests``
per client in all; every request goes to nginx on loopback.  Writes are registrations of new
accounts (POST /accounts/register/, a new user and its audit record): a write is acknowledged when
the site answers 302 to the questionnaire.  Prints every figure and exits 1 when a check fails.

Checks:
1. no acknowledged write lost: every acknowledged account is in the primary database;
2. the load goes on after the kill: the page views after it all succeed (nginx sends them to the
   other app server), and new writes are acknowledged;
3. the replica serves reads: the replica's own statistics count the public pages' reads, and with
   the replica's replay paused, an anonymous visitor still sees the home page as it was while a
   visitor who has just written (pinned to the primary) sees the change.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import signal
import ssl
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import psycopg

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANNOUNCEMENT = re.compile(r'href="/c/([0-9a-f-]{36})/"')


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    phase: int = 1
    ok: Counter[tuple[int, str]] = field(default_factory=Counter)  # (phase, kind)
    failed: Counter[tuple[int, str]] = field(default_factory=Counter)
    upstreams: Counter[tuple[int, str]] = field(default_factory=Counter)
    acknowledged: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    def record(self, kind: str, ok: bool, upstream: str, took: float, note: str = "") -> None:
        with self.lock:
            (self.ok if ok else self.failed)[(self.phase, kind)] += 1
            if upstream:
                # "a, b" when nginx tried a first and b answered: the last one answered
                self.upstreams[(self.phase, upstream.split(",")[-1].strip())] += 1
            self.latencies.append(took)
            if not ok and len(self.failures) < 30:
                self.failures.append(f"phase {self.phase} {kind}: {note}")


class Browser:
    """One visitor: its own connection to nginx and its own cookies."""

    def __init__(self, host: str, port: int, context: ssl.SSLContext) -> None:
        self.host, self.port, self.context = host, port, context
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPSConnection | None = None

    def request(
        self, method: str, path: str, body: str | None = None
    ) -> tuple[int, dict[str, str], str]:
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "rezerv-deploy-test"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{self.host}:{self.port}"
            headers["Referer"] = f"https://{self.host}:{self.port}{path}"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPSConnection(
                    self.host, self.port, context=self.context, timeout=30
                )
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # a keep-alive connection nginx closed meanwhile: one new connection
                self.conn.close()
                self.conn = None
                if attempt == 2 or method != "GET":
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text


def form(**fields: str) -> str:
    from urllib.parse import urlencode

    return urlencode(fields)


def page_views(browser: Browser, stats: Stats, announcements: list[str]) -> None:
    paths = [("home", "/")]
    if announcements:
        paths.append(("announcement", f"/c/{secrets.choice(announcements)}/"))
    paths.append(("login form", "/accounts/login/"))
    for kind, path in paths:
        started = time.perf_counter()
        try:
            status, headers, _ = browser.request("GET", path)
        except Exception as exc:
            stats.record(kind, False, "", time.perf_counter() - started, repr(exc))
            continue
        stats.record(
            kind,
            status == 200,
            headers.get("x-rezerv-upstream", ""),
            time.perf_counter() - started,
            f"HTTP {status}",
        )


def register(browser: Browser, stats: Stats, run_id: str, forget: bool = True) -> None:
    """A write: a new account.  Acknowledged only by the 302 to the questionnaire."""
    username = f"load-{run_id}-{secrets.token_hex(5)}"
    started = time.perf_counter()
    try:
        status, headers, text = browser.request("GET", "/accounts/register/")
        token = CSRF_INPUT.search(text)
        if status != 200 or not token:
            stats.record("register", False, "", time.perf_counter() - started, f"form {status}")
            return
        password = secrets.token_urlsafe(12) + "-Aa1"
        body = form(
            csrfmiddlewaretoken=token.group(1),
            username=username,
            last_name="Нагрузкин",
            first_name="Тест",
            patronymic="",
            email=f"{username}@example.org",
            password1=password,
            password2=password,
        )
        status, headers, _ = browser.request("POST", "/accounts/register/", body)
    except Exception as exc:
        stats.record("register", False, "", time.perf_counter() - started, repr(exc))
        return
    acknowledged = status == 302 and "questionnaire" in headers.get("location", "")
    stats.record(
        "register",
        acknowledged,
        headers.get("x-rezerv-upstream", ""),
        time.perf_counter() - started,
        f"HTTP {status}",
    )
    if acknowledged:
        with stats.lock:
            stats.acknowledged.append(username)
    if forget:
        browser.cookies.clear()  # the next write as a new visitor


def client(
    number: int, args: argparse.Namespace, stats: Stats, stop: threading.Event, anns: list[str]
) -> None:
    context = ssl.create_default_context(cafile=args.cafile)
    browser = Browser(args.host, args.port, context)
    for _ in range(args.max_requests):
        if stop.is_set():
            return
        if number < args.writers:
            register(browser, stats, args.run_id)
        else:
            page_views(browser, stats, anns)


def replica_reads(dsn: str) -> int:
    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute(
            "SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0) FROM pg_stat_user_tables"
            " WHERE relname = 'selection_campaign'"
        ).fetchone()
    return int(row[0]) if row else 0


def wait_replica_caught_up(primary: str, replica: str, seconds: float = 30) -> bool:
    with psycopg.connect(primary, autocommit=True) as conn:
        row = conn.execute("SELECT pg_current_wal_lsn()::text").fetchone()
    target = row[0] if row else "0/0"
    deadline = time.monotonic() + seconds
    with psycopg.connect(replica, autocommit=True) as conn:
        while time.monotonic() < deadline:
            row = conn.execute(
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,)
            ).fetchone()
            if row and row[0]:
                return True
            time.sleep(0.2)
    return False


def replica_proof(args: argparse.Namespace, checks: dict[str, bool]) -> None:
    """With the replica's replay paused: anonymous reads the replica, the writer the primary."""
    context = ssl.create_default_context(cafile=args.cafile)
    with psycopg.connect(args.primary, autocommit=True) as conn:
        row = conn.execute(
            "SELECT id, title FROM selection_campaign WHERE status IN ('published', 'assessment')"
            " ORDER BY id LIMIT 1"
        ).fetchone()
    if row is None:
        print("replica proof: no open campaign to change (the demo data was not loaded)")
        checks["the replica serves the public page while its replay is paused"] = False
        return
    campaign_id, title = row
    marker = f"{title} [{args.run_id}]"
    anonymous = Browser(args.host, args.port, context)
    writer = Browser(args.host, args.port, context)
    # the writer writes (a registration), then forgets its session (anonymous again) but keeps
    # the cookie the write set: its next pages come from the primary
    register(writer, Stats(), args.run_id, forget=False)
    writer.cookies = {k: v for k, v in writer.cookies.items() if k == "rezerv_primary"}
    if not writer.cookies:
        print("replica proof: the write set no rezerv_primary cookie")
    with psycopg.connect(args.replica, autocommit=True) as replica:
        replica.execute("SELECT pg_wal_replay_pause()")
        try:
            with psycopg.connect(args.primary, autocommit=True) as primary:
                primary.execute(
                    "UPDATE selection_campaign SET title = %s WHERE id = %s", (marker, campaign_id)
                )
            time.sleep(0.5)
            _, _, seen_by_anonymous = anonymous.request("GET", "/")
            _, _, seen_by_writer = writer.request("GET", "/")
        finally:
            replica.execute("SELECT pg_wal_replay_resume()")
            with psycopg.connect(args.primary, autocommit=True) as primary:
                primary.execute(
                    "UPDATE selection_campaign SET title = %s WHERE id = %s", (title, campaign_id)
                )
    anonymous_old = title in seen_by_anonymous and marker not in seen_by_anonymous
    writer_new = marker in seen_by_writer
    print(
        f"replica proof (replay paused, title changed on the primary): anonymous visitor sees "
        f"the old title: {anonymous_old}; the visitor who has just written sees the new one: "
        f"{writer_new}"
    )
    checks["an anonymous visitor's public page comes from the replica (replay paused)"] = (
        anonymous_old
    )
    checks["a visitor who has just written reads the primary (own writes)"] = writer_new


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cafile", required=True)
    parser.add_argument("--primary", required=True, help="DSN of the primary database")
    parser.add_argument("--replica", default="", help="DSN of the replica ('' for none)")
    parser.add_argument("--kill-pgid", type=int, required=True, help="app server to kill")
    parser.add_argument("--killed-upstream", required=True, help="its address, host:port")
    parser.add_argument("--seconds", type=float, default=8.0, help="per phase")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--max-requests", type=int, default=400, help="per client, in all")
    parser.add_argument("--run-id", default=secrets.token_hex(3))
    args = parser.parse_args()

    checks: dict[str, bool] = {}
    with psycopg.connect(args.primary, autocommit=True) as conn:
        anns = [
            str(uid)
            for (uid,) in conn.execute(
                "SELECT uid FROM selection_campaign WHERE status IN ('published', 'assessment')"
            )
        ]
    if args.replica:
        # the public pages of a replica that has every row of the primary
        checks["the replica caught up with the primary"] = wait_replica_caught_up(
            args.primary, args.replica
        )
        reads_before = replica_reads(args.replica)

    stats = Stats()
    stop = threading.Event()
    threads = [
        threading.Thread(target=client, args=(n, args, stats, stop, anns), daemon=True)
        for n in range(args.clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(args.seconds)
    os.killpg(args.kill_pgid, signal.SIGKILL)  # the app server dies, with its requests in flight
    killed_at = time.monotonic() - started
    print(f"killed the app server at {args.killed_upstream} after {killed_at:.1f} s")
    time.sleep(1.0)  # requests in flight at the kill belong to phase 1
    with stats.lock:
        stats.phase = 2
    time.sleep(args.seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    took = time.monotonic() - started

    for phase in (1, 2):
        oks = {k: v for (p, k), v in stats.ok.items() if p == phase}
        bad = {k: v for (p, k), v in stats.failed.items() if p == phase}
        ups = {u: v for (p, u), v in stats.upstreams.items() if p == phase}
        print(f"phase {phase}: succeeded {oks}, failed {bad}, answered by {ups}")
    lat = sorted(stats.latencies)
    if lat:
        print(
            f"{len(lat)} requests in {took:.1f} s; latency p50 {lat[len(lat) // 2]:.3f} s,"
            f" p95 {lat[int(len(lat) * 0.95)]:.3f} s, max {lat[-1]:.3f} s"
        )
    for line in stats.failures:
        print("  failure:", line)

    # 1. no acknowledged write lost
    with psycopg.connect(args.primary, autocommit=True) as conn:
        stored = {
            name
            for (name,) in conn.execute(
                "SELECT username FROM auth_user WHERE username = ANY(%s)", (stats.acknowledged,)
            )
        }
    lost = sorted(set(stats.acknowledged) - stored)
    print(f"writes acknowledged: {len(stats.acknowledged)}, found in the primary: {len(stored)}")
    checks["writes were acknowledged before the kill"] = stats.ok[(1, "register")] > 0
    checks["no acknowledged write lost"] = not lost and bool(stats.acknowledged)
    # 2. the load goes on on the other server
    views_after = sum(v for (p, k), v in stats.ok.items() if p == 2 and k != "register")
    failed_views_after = sum(v for (p, k), v in stats.failed.items() if p == 2 and k != "register")
    checks["page views go on after the kill, none failed"] = (
        views_after > 0 and failed_views_after == 0
    )
    checks["writes acknowledged after the kill"] = stats.ok[(2, "register")] > 0
    checks["after the kill only the other app server answers"] = all(
        not upstream.startswith(args.killed_upstream) for (p, upstream) in stats.upstreams if p == 2
    )
    checks["both app servers answered before the kill"] = (
        len({u for (p, u) in stats.upstreams if p == 1}) >= 2
    )
    # 3. the replica serves reads
    if args.replica:
        public_views = stats.ok[(1, "home")] + stats.ok[(2, "home")]
        reads_after = reads_before
        deadline = time.monotonic() + 15  # idle backends flush their statistics within 10 s
        while time.monotonic() < deadline:
            reads_after = replica_reads(args.replica)
            if reads_after - reads_before >= public_views:
                break
            time.sleep(1)
        print(
            f"reads of selection_campaign counted by the replica: {reads_after - reads_before}"
            f" (anonymous home page views: {public_views})"
        )
        checks["the replica counted the public pages' reads"] = (
            public_views > 0 and reads_after - reads_before >= public_views
        )
        replica_proof(args, checks)

    print(json.dumps({"checks": checks}, ensure_ascii=False, indent=1))
    failed = [name for name, ok in checks.items() if not ok]
    passed = len(checks) - len(failed)
    print(f"deploy: {passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
