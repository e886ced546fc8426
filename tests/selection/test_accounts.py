"""Registration and the questionnaire are services with an audit record (no personal data in it)."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from rezerv.selection import accounts
from rezerv.selection.models import AuditEvent, Person, Questionnaire
from rezerv.selection.services import ConcurrentEdit
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_registration_through_the_page_creates_person_questionnaire_and_audit() -> None:
    response = Client().post(
        reverse("register"),
        {
            "username": "kuznetsov",
            "password1": "Slozhnyi-Parol-42",
            "password2": "Slozhnyi-Parol-42",
            "last_name": "Кузнецов",
            "first_name": "Пётр",
            "patronymic": "",
            "email": "kuznetsov@example.org",
        },
    )
    assert response.status_code == 302, response.content.decode()
    user = User.objects.get(username="kuznetsov")
    assert user.check_password("Slozhnyi-Parol-42") and user.email == "kuznetsov@example.org"
    person = Person.objects.get(user=user)
    assert person.last_name == "Кузнецов" and Questionnaire.objects.filter(person=person).exists()
    event = AuditEvent.objects.get(action="account.register")
    assert event.actor == user and event.object_type == "Person"
    assert event.object_id == str(person.pk)
    stored = json.dumps(event.changes, ensure_ascii=False)
    assert "Кузнецов" not in stored and "example.org" not in stored


def test_a_refused_registration_writes_nothing() -> None:
    response = Client().post(
        reverse("register"),
        {"username": "x", "password1": "a", "password2": "b", "last_name": "", "email": "no"},
    )
    assert response.status_code == 200
    assert not User.objects.exists() and not AuditEvent.objects.exists()


def test_questionnaire_update_records_changed_field_names_not_values() -> None:
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    saved = accounts.questionnaire_update(
        actor=person.user,
        person=person,
        person_data={"phone": "+7 900 000-00-00"},
        answers={"degrees": "кандидат юридических наук", "publications": ""},
        expected_version=1,
    )
    assert saved.version == 2 and saved.degrees == "кандидат юридических наук"
    person.refresh_from_db()
    assert person.phone == "+7 900 000-00-00"
    event = AuditEvent.objects.get(action="questionnaire.update")
    assert event.changes == {"person_fields": ["phone"], "fields": ["degrees"], "version": 2}


def test_a_stale_questionnaire_is_refused_and_nothing_changes() -> None:
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    with pytest.raises(ConcurrentEdit, match="изменена в другом окне"):
        accounts.questionnaire_update(
            actor=person.user,
            person=person,
            person_data={"phone": "+7 900 000-00-00"},
            answers={"degrees": "к. ю. н."},
            expected_version=7,
        )
    person.refresh_from_db()
    assert person.phone == "" and person.questionnaire.degrees == ""
    assert not AuditEvent.objects.filter(action="questionnaire.update").exists()


def test_a_missing_questionnaire_is_created_once_and_audited() -> None:
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    person.questionnaire.delete()
    person = Person.objects.get(pk=person.pk)
    first = accounts.questionnaire_ensure(actor=person.user, person=person)
    again = accounts.questionnaire_ensure(actor=person.user, person=person)
    assert first.pk == again.pk
    assert AuditEvent.objects.filter(action="questionnaire.create").count() == 1
