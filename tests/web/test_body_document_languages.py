"""The desk page of a state body's document languages (issue 15): an administrator or the
body's HR officer chooses Russian only, or Kazakh and Russian; the change is audited, a stale
page changes nothing, an unknown value is refused at its field."""

from __future__ import annotations

import pytest
from django.test import Client

from rezerv.selection import bodies
from rezerv.selection.models import AuditEvent, StateBody
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_hr_sets_their_bodys_document_languages_and_the_change_is_audited() -> None:
    body = f.body()
    hr = f.hr_user(body)
    client = _client(hr)
    page = client.get("/desk/bodies/")
    assert body.name in page.content.decode()
    response = client.post(
        f"/desk/bodies/{body.pk}/", {"document_languages": "kk_ru", "seen": "ru"}, follow=True
    )
    assert response.status_code == 200
    assert "Язык документов органа сохранён." in response.content.decode()
    body.refresh_from_db()
    assert body.document_languages == "kk_ru"
    event = AuditEvent.objects.get(action="body.document_languages")
    assert event.object_id == str(body.pk) and event.actor_id == hr.pk
    assert event.changes == {"before": "ru", "after": "kk_ru"}


def test_hr_of_another_body_sees_only_their_own_and_may_not_change_this_one() -> None:
    body = f.body()
    other = f.body("Министерство финансов Кузбасса")
    client = _client(f.hr_user(other, "hr_other"))
    assert body.name not in client.get("/desk/bodies/").content.decode()
    response = client.post(
        f"/desk/bodies/{body.pk}/", {"document_languages": "kk_ru", "seen": "ru"}
    )
    assert response.status_code == 403
    assert StateBody.objects.get(pk=body.pk).document_languages == "ru"


def test_an_unknown_value_is_refused_at_its_field_and_nothing_changes() -> None:
    body = f.body()
    client = _client(f.admin_user())
    response = client.post(f"/desk/bodies/{body.pk}/", {"document_languages": "xx", "seen": "ru"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert StateBody.objects.get(pk=body.pk).document_languages == "ru"
    assert not AuditEvent.objects.filter(action="body.document_languages").exists()


def test_a_stale_page_changes_nothing() -> None:
    body = f.body()
    admin = f.admin_user()
    bodies.set_document_languages(actor=admin, body=body, languages="kk_ru", seen="ru")
    response = _client(admin).post(
        f"/desk/bodies/{body.pk}/", {"document_languages": "ru", "seen": "ru"}, follow=True
    )
    assert "изменил другой пользователь" in response.content.decode()
    assert StateBody.objects.get(pk=body.pk).document_languages == "kk_ru"
    assert AuditEvent.objects.filter(action="body.document_languages").count() == 1
