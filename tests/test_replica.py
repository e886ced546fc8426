"""The database router: public pages and marked reports read the replica, nothing else does
(issue 14: never a read that must see the reader's own last write)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from rezerv import replica
from rezerv.replica import (
    DEFAULT,
    PIN_COOKIE,
    REPLICA,
    ReplicaMiddleware,
    ReplicaRouter,
    reading_from_replica,
    replica_reads,
)


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch) -> None:
    """A replica configured (DATABASE_REPLICA_URL): only the router's decision is under test."""
    monkeypatch.setattr(replica, "replica_configured", lambda: True)


def test_without_a_replica_every_read_goes_to_the_primary() -> None:
    with replica_reads():
        assert not reading_from_replica()
        assert ReplicaRouter().db_for_read(User) == DEFAULT


def test_marked_reads_go_to_the_replica_and_writes_never(configured: None) -> None:
    router = ReplicaRouter()
    assert router.db_for_read(User) == DEFAULT
    with replica_reads():
        assert router.db_for_read(User) == REPLICA
        assert router.db_for_write(User) == DEFAULT
    assert router.db_for_read(User) == DEFAULT  # the mark ends with the block


def test_replica_reads_as_a_decorator(configured: None) -> None:
    @replica_reads()
    def report() -> str:
        return ReplicaRouter().db_for_read(User)

    assert report() == REPLICA
    assert ReplicaRouter().db_for_read(User) == DEFAULT


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_reads_go_to_the_primary(configured: None) -> None:
    """A transaction reads what it is about to write: never from a replica that lags."""
    with replica_reads(), transaction.atomic():
        assert ReplicaRouter().db_for_read(User) == DEFAULT


def test_migrations_only_on_the_primary() -> None:
    router = ReplicaRouter()
    assert router.allow_migrate(DEFAULT, "selection")
    assert not router.allow_migrate(REPLICA, "selection")
    assert router.allow_relation(object(), object())


def _through_middleware(request: HttpRequest, user: Any = None) -> tuple[bool, HttpResponse]:
    seen: dict[str, bool] = {}

    def view(req: HttpRequest) -> HttpResponse:
        seen["replica"] = reading_from_replica()
        return HttpResponse("ok")

    request.user = user or AnonymousUser()
    request.resolver_match = resolve(request.path)
    middleware = ReplicaMiddleware(view)
    middleware.process_view(request, view, (), {})  # as Django's handler calls it, then the view
    response = middleware(request)
    assert not reading_from_replica()  # nothing leaks into the next request
    return seen["replica"], response


def test_an_anonymous_visitor_reads_public_pages_from_the_replica(configured: None) -> None:
    factory = RequestFactory()
    assert _through_middleware(factory.get("/"))[0]
    assert _through_middleware(factory.head("/"))[0]


def test_a_logged_in_user_reads_the_primary(configured: None) -> None:
    user = User(username="u1")  # is_authenticated without a database
    assert not _through_middleware(RequestFactory().get("/"), user)[0]


def test_pages_that_are_not_public_read_the_primary(configured: None) -> None:
    assert not _through_middleware(RequestFactory().get("/accounts/login/"))[0]


def test_a_write_pins_the_browser_to_the_primary(configured: None) -> None:
    factory = RequestFactory()
    used, response = _through_middleware(factory.post("/"))
    assert not used
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 30 and cookie["httponly"]
    pinned = factory.get("/")
    pinned.COOKIES[PIN_COOKIE] = "1"
    assert not _through_middleware(pinned)[0]  # the visitor's next page sees the write


def test_no_pin_cookie_without_a_replica() -> None:
    assert PIN_COOKIE not in _through_middleware(RequestFactory().post("/"))[1].cookies


def test_named_reports_read_the_replica_for_any_user(configured: None, settings: Any) -> None:
    settings.REZERV_REPLICA_REPORT_VIEWS = "login"
    user = User(username="u1")
    assert _through_middleware(RequestFactory().get("/accounts/login/"), user)[0]
    assert not _through_middleware(RequestFactory().post("/accounts/login/"), user)[0]


def test_the_middleware_stands_after_authentication() -> None:
    """It asks whether the visitor is logged in: the session is read before the mark."""
    from django.conf import settings

    middleware = list(settings.MIDDLEWARE)
    assert middleware.index("rezerv.replica.ReplicaMiddleware") > middleware.index(
        "django.contrib.auth.middleware.AuthenticationMiddleware"
    )
