"""A candidate's own personal data: the export of all of it, the erasure of the account that keeps
what must be kept (C-4, C-6, C-7; issue 13, personal data lifecycle; 152-FZ arts. 14, 21)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from rezerv.scenarios import applications
from rezerv.selection import candidate_files, own_data
from rezerv.selection.models import Application, AuditEvent, Person, Questionnaire
from tests.web import factories as f

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def world(settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    hr = f.hr_user(f.body())
    first = f.km_campaign(hr, announce=TODAY - dt.timedelta(days=2))
    second = f.km_campaign(hr, announce=TODAY - dt.timedelta(days=2))
    person = f.candidate(
        "ivanov", "Иванов", "Иван", email="ivanov@example.org", phone="+7 900 000-00-00"
    )
    withdrawn = f.km_application(first, person, admit=False)
    candidate_files.application_withdraw(actor=person.user, application=withdrawn, reason="")
    pending = f.km_application(second, person, admit=False)
    return {"hr": hr, "person": person, "user": person.user, "withdrawn": withdrawn,
            "pending": pending, "media": tmp_path}  # fmt: skip


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def _client(user: User) -> Client:
    """Logged in with the password (the login counts as a recent confirmation: reauth)."""
    client = Client()
    ok = client.post(reverse("login"), {"username": user.username, "password": f.PASSWORD})
    assert ok.status_code == 302
    return client


def test_the_export_holds_everything_stored_and_is_audited(world: dict[str, Any]) -> None:
    """C-4: the candidate downloads their own data; the export is in the audit log."""
    response = _client(world["user"]).get(reverse("my_data_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["username"] == "ivanov"
    assert data["person"]["last_name"] == "Иванов"
    assert data["person"]["phone"] == "+7 900 000-00-00"
    assert data["questionnaire"] is not None
    assert {a["uid"] for a in data["applications"]} == {
        str(world["withdrawn"].uid),
        str(world["pending"].uid),
    }
    one = next(a for a in data["applications"] if a["uid"] == str(world["pending"].uid))
    assert one["consent_text"] and one["facts"] and one["documents"]
    assert {"doc_type", "original_name", "sha256"} <= set(one["documents"][0])
    event = AuditEvent.objects.get(action="account.data_export")
    assert event.actor == world["user"] and event.changes == {}


def test_the_export_needs_a_recent_password(world: dict[str, Any], settings: Any) -> None:
    client = _client(world["user"])
    session = client.session
    session["rezerv_reauth_at"] = 1  # long ago
    session.save()
    response = client.get(reverse("my_data_export"))
    assert response.status_code == 302 and "/accounts/confirm/" in response["Location"]
    assert not AuditEvent.objects.filter(action="account.data_export").exists()


def test_an_application_under_consideration_blocks_the_erasure(world: dict[str, Any]) -> None:
    client = _client(world["user"])
    page = client.get(reverse("my_data")).content.decode()
    assert "ещё рассматриваются" in page and 'id="erase"' not in page
    response = client.post(reverse("my_data_erase"), {"password": f.PASSWORD, "confirm": "1"})
    assert response.status_code == 400
    assert "ещё рассматриваются" in response.content.decode()
    assert User.objects.get(pk=world["user"].pk).is_active
    assert not AuditEvent.objects.filter(action="account.erase").exists()


def test_erasure_keeps_what_must_be_kept_and_erases_the_rest(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    """C-6, C-7: the refused application (an admission decision) and the person's name stay;
    the withdrawn one with its files, the contact data and the login go; recorded."""
    applications.refuse(world["hr"], world["pending"], "Не представлена трудовая книжка.")
    withdrawn_files = {Path(d.file.path) for d in world["withdrawn"].documents.all()}
    kept_files = {Path(d.file.path) for d in world["pending"].documents.all()}
    assert withdrawn_files and withdrawn_files <= _files(world["media"])
    client = _client(world["user"])
    # bad input first: no tick, a wrong password — nothing changes
    assert client.post(reverse("my_data_erase"), {"password": f.PASSWORD}).status_code == 400
    bad = client.post(reverse("my_data_erase"), {"password": "wrong", "confirm": "1"})
    assert bad.status_code == 400 and "Неверный пароль" in bad.content.decode()
    assert User.objects.get(pk=world["user"].pk).username == "ivanov"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("my_data_erase"), {"password": f.PASSWORD, "confirm": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("home")

    user = User.objects.get(pk=world["user"].pk)
    assert not user.is_active and not user.has_usable_password()
    assert user.username != "ivanov" and user.email == "" and user.last_name == ""
    assert not Application.objects.filter(pk=world["withdrawn"].pk).exists()
    assert Application.objects.filter(pk=world["pending"].pk).exists()
    person = Person.objects.get(pk=world["person"].pk)
    assert person.user is None and person.last_name == "Иванов"
    assert person.email == person.phone == person.address == ""
    assert Questionnaire.objects.filter(person=person).exists()  # the forms print it
    files = _files(world["media"])
    assert not (withdrawn_files & files) and kept_files <= files
    event = AuditEvent.objects.get(action="account.erase")
    assert event.changes == {
        "applications_erased": 1,
        "applications_kept": 1,
        "files_erased": len(withdrawn_files),
        "person_erased": False,
    }
    assert "Иванов" not in json.dumps(event.changes)
    # this session has ended, and the old login no longer works
    assert client.get(reverse("me")).status_code == 302
    assert not Client().login(username="ivanov", password=f.PASSWORD)


def test_a_person_with_nothing_to_keep_is_erased_entirely(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    candidate_files.application_withdraw(
        actor=world["user"], application=world["pending"], reason=""
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = own_data.erase_account(actor=world["user"])
    assert result.person_erased and result.applications_erased == 2
    assert not Person.objects.filter(pk=world["person"].pk).exists()
    assert not Questionnaire.objects.filter(person_id=world["person"].pk).exists()
    assert not _files(world["media"])


def test_an_officials_account_is_closed_by_an_administrator(world: dict[str, Any]) -> None:
    response = _client(world["hr"]).post(
        reverse("my_data_erase"), {"password": f.PASSWORD, "confirm": "1"}
    )
    assert response.status_code == 400
    assert User.objects.get(pk=world["hr"].pk).is_active
