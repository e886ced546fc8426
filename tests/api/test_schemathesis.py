"""The API against its own OpenAPI schema, for each role (issue 13, proof): schemathesis draws a
bounded number of requests per operation from ``/api/schema/`` and sends them as each demo role
(a session, with a CSRF token so that writes are tried too); no answer may be a server error or
disagree with the schema (its body, its content type). Every request runs in a savepoint rolled
back, so each starts from the same world (``factories.reopened_km_world``).

``REZERV_SCHEMATHESIS_EXAMPLES`` (default 3) bounds the examples per operation and role.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.web import factories as f

EXAMPLES = int(os.environ.get("REZERV_SCHEMATHESIS_EXAMPLES", "3"))
ROLES = ("anon", "owner", "hr", "member", "admin")
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture(scope="module")
def world(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[dict[str, Any]]:
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        ),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield f.reopened_km_world(timezone.localdate())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def wsgi() -> Iterator[Any]:
    """Django's WSGI application, without closing the test's connection after each request
    (as Django's test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _credentials(world: dict[str, Any], role: str) -> tuple[dict[str, str], dict[str, str]]:
    """(headers, cookies) of the role's session, with a CSRF token."""
    user = world["users"][role]
    if user is None:
        return {}, {}
    client = Client()
    client.force_login(user)
    token = get_token(RequestFactory().get("/"))
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": token}
    return {"X-CSRFToken": token}, cookies


@pytest.mark.django_db
def test_the_api_keeps_to_its_schema_for_every_role(world: dict[str, Any], wsgi: Any) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations
    failures = []
    seen: Counter[tuple[str, int]] = Counter()
    for role in ROLES:
        headers, cookies = _credentials(world, role)
        for operation in operations:
            try:
                _checker(operation, headers, cookies, role, seen)()
            except Exception as exc:
                failures.append(f"{role} {operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
    # the roles were who they claimed (their sessions answered), and writes were tried
    assert {role for (role, code) in seen if code == 200} >= set(ROLES) - {"anon"}, seen
    assert seen[("anon", 403)] and any(code == 400 for (_, code) in seen), seen


def _checker(
    operation: Any,
    headers: dict[str, str],
    cookies: dict[str, str],
    role: str,
    seen: Counter[tuple[str, int]],
) -> Any:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        with transaction.atomic():
            response = case.call(headers=headers, cookies=cookies)
            transaction.set_rollback(True)
        seen[(role, response.status_code)] += 1
        case.validate_response(response, checks=CHECKS)

    return check
