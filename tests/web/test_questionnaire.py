"""The candidate's questionnaire: repeated sections (education, work history), awards, languages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rezerv.selection.models import Questionnaire
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def form_data(q: Questionnaire, **extra: Any) -> dict[str, Any]:
    person = q.person
    data: dict[str, Any] = {
        "p-last_name": person.last_name,
        "p-first_name": person.first_name,
        "p-patronymic": person.patronymic,
        "p-birth_date": "1985-05-05",
        "p-citizenship": "RU",
        "q-version": q.version,
        "edu-TOTAL_FORMS": "2",
        "edu-INITIAL_FORMS": "0",
        "work-TOTAL_FORMS": "1",
        "work-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data


def client_for(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password="pass-Word-1")
    return client


def test_education_work_awards_and_languages_are_saved() -> None:
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    q = person.questionnaire
    data = form_data(
        q,
        **{
            "edu-0-institution": "Кемеровский государственный университет",
            "edu-0-year": "2007",
            "edu-0-specialty": "Юриспруденция",
            "edu-0-qualification": "юрист",
            "work-0-start": "2008-09-01",
            "work-0-organisation": "Администрация г. Кемерово",
            "work-0-post": "начальник отдела",
            "work-0-managerial": "on",
            "q-awards_text": "Почётная грамота губернатора\nМедаль «За труд»",
            "q-languages_text": "русский — свободно\nанглийский — со словарём",
        },
    )
    response = client_for("ivanov").post(reverse("questionnaire"), data)
    assert response.status_code == 302, response.content.decode()
    q.refresh_from_db()
    assert q.education == [
        {
            "institution": "Кемеровский государственный университет",
            "year": 2007,
            "specialty": "Юриспруденция",
            "qualification": "юрист",
        }
    ]
    assert q.work_history[0]["organisation"] == "Администрация г. Кемерово"
    assert q.work_history[0]["managerial"] is True and q.work_history[0]["end"] is None
    assert q.awards == ["Почётная грамота губернатора", "Медаль «За труд»"]
    assert q.languages == ["русский — свободно", "английский — со словарём"]
    assert q.version == 2


def test_bad_work_period_names_the_field_and_saves_nothing() -> None:
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    q = person.questionnaire
    data = form_data(
        q,
        **{
            "work-0-start": "2010-01-01",
            "work-0-end": "2009-01-01",
            "work-0-organisation": "ООО «Ромашка»",
        },
    )
    response = client_for("ivanov").post(reverse("questionnaire"), data)
    assert response.status_code == 200
    assert "Дата окончания раньше даты начала" in response.content.decode()
    q.refresh_from_db()
    assert q.work_history == [] and q.version == 1


def test_stale_questionnaire_is_not_overwritten() -> None:
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    q = person.questionnaire
    client = client_for("ivanov")
    assert (
        client.post(reverse("questionnaire"), form_data(q, **{"q-degrees": "к.ю.н."})).status_code
        == 302
    )
    stale = form_data(q, **{"q-degrees": "д.ю.н."})  # still version 1
    response = client.post(reverse("questionnaire"), stale)
    assert "обновите страницу" in response.content.decode()
    q.refresh_from_db()
    assert q.degrees == "к.ю.н."
