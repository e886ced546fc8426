"""Concurrent writes never end in a server error (issue 13, concurrency): a unique-constraint race
answers 409 with a message (``web/conflicts.py``), and the same concurrent clients — several
threads creating the same ballot, submitting the same application at once — get no 5xx on the
database the suite runs on (SQLite by default; ``DATABASE_URL`` for PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.db import IntegrityError, connections
from django.test import Client

from rezerv.selection.models import Application, Ballot
from tests.web import factories as f

TODAY = dt.date.today()
THREADS = 6


def _world(settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=TODAY - dt.timedelta(days=2))
    members = f.km_commission(hr, campaign)
    owner = f.candidate("ivanov", "Иванов", "Иван")
    newcomer = f.candidate("petrov", "Петров", "Пётр")
    return {
        "campaign": campaign,
        "member": members[2].user,
        "application": f.km_application(campaign, owner),
        "newcomer": newcomer.user,
    }


def _ballot(world: dict[str, Any]) -> str:
    return json.dumps(
        {
            "application": str(world["application"].uid),
            "stage_id": "competition",
            "method_id": "survey",
            "points": 7,
        }
    )


def _application_form(world: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "campaign": str(world["campaign"].uid),
        "route": "default",
        "consent": "true",
        "fact_speaks_russian": "1",
        "fact_liable_for_military_service": "0",
    }
    data.update({f"doc_{doc}": f.pdf(f"{doc}.pdf") for doc in f.KM_DOCS})
    return data


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_unique_constraint_race_is_a_409_with_a_message(settings: Any, tmp_path: Path) -> None:
    """The request that loses the race gets 409 and a message, in the API and on the site."""
    world = _world(settings, tmp_path)
    race = IntegrityError("UNIQUE constraint failed: ballot_once")
    with mock.patch("rezerv.selection.services.ballot_save", side_effect=race):
        response = _client(world["member"]).post(
            "/api/ballots/", _ballot(world), content_type="application/json"
        )
    assert response.status_code == 409
    assert "одновременно записал другой запрос" in response.json()["detail"]
    with mock.patch("rezerv.selection.services.application_submit", side_effect=race):
        page = _client(world["newcomer"]).post(
            f"/c/{world['campaign'].uid}/apply/", _application_form(world)
        )
    assert page.status_code == 409
    text = page.content.decode()
    assert "Одновременное изменение (409)" in text and "ballot_once" not in text


def _at_once(n: int, act: Any) -> list[int]:
    """``act()`` in ``n`` threads released together; their status codes."""
    barrier = threading.Barrier(n)
    codes: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            codes.append(act())
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return codes


@pytest.mark.django_db(transaction=True)
def test_concurrent_clients_get_no_server_error(settings: Any, tmp_path: Path) -> None:
    """Issue 13 proof: concurrent ballot creation and concurrent submissions, 0 responses 5xx;
    exactly one ballot and one application are stored."""
    world = _world(settings, tmp_path)
    member = _client(world["member"])
    body = _ballot(world)

    def create_ballot() -> int:
        client = Client()
        client.cookies = member.cookies
        return client.post("/api/ballots/", body, content_type="application/json").status_code

    codes = _at_once(THREADS, create_ballot)
    assert all(code < 500 for code in codes), codes
    assert sorted(codes) == [201] + [409] * (THREADS - 1)
    assert Ballot.objects.filter(application=world["application"]).count() == 1

    newcomer = _client(world["newcomer"])

    def submit() -> int:
        client = Client()
        client.cookies = newcomer.cookies
        return client.post("/api/applications/", _application_form(world)).status_code

    codes = _at_once(THREADS, submit)
    assert all(code < 500 for code in codes), codes
    # the submission is idempotent: whoever loses the race gets the one application back
    assert set(codes) <= {200, 201, 409}, codes
    assert Application.objects.filter(person__user=world["newcomer"]).count() == 1
