"""Reads from a PostgreSQL streaming replica, where they cannot miss the reader's own writes.

With ``DATABASE_REPLICA_URL`` set, the settings add the database alias ``replica``, the router
:class:`ReplicaRouter` and the middleware :class:`ReplicaMiddleware`.  Every write and every read
goes to ``default`` (the primary) except the reads made while :func:`replica_reads` is in force:

* the public pages (``REZERV_REPLICA_PUBLIC_VIEWS``: the home page and an announcement), for an
  anonymous visitor's GET or HEAD;
* the reports named in ``REZERV_REPLICA_REPORT_VIEWS`` (none by default), for any user's GET;
* code that marks itself with ``with replica_reads():`` or ``@replica_reads()`` (a report's
  selector), when the replica's lag does not matter to it.

Never after the visitor's own write: any request that may write (POST, PUT, PATCH, DELETE) sets a
short cookie (``REZERV_REPLICA_PIN_SECONDS``, 30 s by default, far beyond a streaming replica's
usual lag) and, while it lasts, that browser reads from the primary only.  Inside a transaction
every read goes to the primary too (a transaction reads what it is about to write), and so does
everything when no replica is configured.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

DEFAULT = "default"
REPLICA = "replica"
PIN_COOKIE = "rezerv_primary"
SAFE_METHODS = frozenset({"GET", "HEAD"})

_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "rezerv_replica_reads", default=False
)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def reading_from_replica() -> bool:
    """Whether a read made now would go to the replica."""
    return (
        _replica_reads.get() and replica_configured() and not connections[DEFAULT].in_atomic_block
    )


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside go to the replica (``with replica_reads():`` or ``@replica_reads()``).

    Only for reads that may lag the primary by a moment: public pages, reports.
    """
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    """``DATABASE_ROUTERS``: writes and migrations to the primary, marked reads to the replica."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        return REPLICA if reading_from_replica() else DEFAULT

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return DEFAULT

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica is a copy of the primary: one set of rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT  # the replica receives the schema by streaming replication


def _names(setting: str, default: tuple[str, ...]) -> frozenset[str]:
    value = getattr(settings, setting, default)
    if isinstance(value, str):
        value = [name.strip() for name in value.split(",")]
    return frozenset(name for name in value if name)


def request_may_read_replica(request: HttpRequest, url_name: str | None) -> bool:
    """Whether this request's reads may come from the replica (see the module's docstring)."""
    if not replica_configured() or request.method not in SAFE_METHODS:
        return False
    if request.COOKIES.get(PIN_COOKIE):
        return False  # this browser wrote a moment ago: it reads its own writes
    if url_name in _names("REZERV_REPLICA_REPORT_VIEWS", ()):
        return True
    public = _names("REZERV_REPLICA_PUBLIC_VIEWS", ("home", "announcement"))
    return url_name in public and not request.user.is_authenticated


class ReplicaMiddleware:
    """Marks the reads of public pages and reports for the replica; pins a writer to the primary.

    Goes after AuthenticationMiddleware (it asks whether the visitor is logged in; that read of
    the session goes to the primary, before the mark).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        finally:
            token = getattr(request, "_rezerv_replica_token", None)
            if token is not None:
                _replica_reads.reset(token)
        if request.method not in SAFE_METHODS and replica_configured():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=int(getattr(settings, "REZERV_REPLICA_PIN_SECONDS", 30)),
                secure=bool(settings.SESSION_COOKIE_SECURE),
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> None:
        match = request.resolver_match
        if request_may_read_replica(request, match.url_name if match else None):
            request._rezerv_replica_token = _replica_reads.set(True)  # type: ignore[attr-defined]
