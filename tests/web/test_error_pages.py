"""Error pages (400, 403, CSRF, 404, 500): the site's layout, the user's language, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.web import factories
from tests.web.error_urls import SECRET

pytestmark = pytest.mark.django_db

LAYOUT = ('<header class="top">', 'id="error"', "web/site.css")
TRACES = ("Traceback", "Exception Value", "django.", 'File "', "DEBUG = True")


def _assert_site_page(text: str, language: str = "ru") -> None:
    assert f'<html lang="{language}">' in text
    for piece in LAYOUT:
        assert piece in text
    for trace in TRACES:
        assert trace not in text
    assert "На главную страницу" in text if language == "ru" else True


def test_404_is_the_sites_page_in_russian() -> None:
    response = Client().get(f"/c/{uuid.uuid4()}/")
    assert response.status_code == 404
    text = response.content.decode()
    _assert_site_page(text)
    assert "Страница не найдена (404)" in text
    assert "No Campaign matches" not in text


def test_404_keeps_the_chosen_language_attribute() -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Language"] == "kk"
    _assert_site_page(response.content.decode(), language="kk")


def test_403_is_the_sites_page_in_russian() -> None:
    person = factories.candidate("ivanov", "Иванов", "Иван")
    client = Client()
    client.force_login(person.user)
    response = client.get("/desk/")
    assert response.status_code == 403
    text = response.content.decode()
    _assert_site_page(text)
    assert "Доступ запрещён (403)" in text
    assert "Выйти (ivanov)" in text  # the header knows the user, as on every page


def test_csrf_failure_is_the_sites_page_and_changes_nothing() -> None:
    from django.contrib.auth.models import User

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/register/",
        {"username": "newcomer", "password1": "x-Very-long-1", "password2": "x-Very-long-1"},
    )
    assert response.status_code == 403
    text = response.content.decode()
    _assert_site_page(text)
    assert "Форма устарела (403)" in text
    assert "CSRF" not in text
    assert not User.objects.filter(username="newcomer").exists()


def test_400_is_the_sites_page_in_russian() -> None:
    response = Client(HTTP_HOST="attacker.example").get("/")  # DisallowedHost → 400
    assert response.status_code == 400
    text = response.content.decode()
    _assert_site_page(text)
    assert "Неверный запрос (400)" in text
    assert "attacker.example" not in text


@pytest.mark.urls("tests.web.error_urls")
def test_500_is_the_sites_page_without_the_error_text() -> None:
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    text = response.content.decode()
    _assert_site_page(text)
    assert "Ошибка на сервере (500)" in text
    assert SECRET not in text
    assert "RuntimeError" not in text


def test_debug_is_off_unless_asked_for() -> None:
    """Settings read without REZERV_DEBUG (as `make demo` runs) have DEBUG off."""
    env = {k: v for k, v in os.environ.items() if k != "REZERV_DEBUG"}
    env["DJANGO_SETTINGS_MODULE"] = "rezerv.web.settings"
    code = "from django.conf import settings; print(settings.DEBUG)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_make_demo_serves_with_debug_off_and_static_files() -> None:
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text("utf-8")
    demo = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    serve = next(line for line in demo.splitlines() if "runserver" in line)
    assert "REZERV_DEBUG=0" in serve
    assert "--insecure" in serve  # staticfiles' runserver serves /static/ with DEBUG off


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("en", ("Page not found (404)", "Access denied (403)", "Server error (500)")),
        ("kk", ("Бет табылмады (404)", "Қолжетімділік жоқ (403)", "Сервердегі қате (500)")),
    ],
)
def test_issue9_403_404_500_are_worded_in_the_chosen_language(
    language: str, titles: tuple[str, ...], settings: Any
) -> None:
    """Issue 9 §3: the error pages are in the user's language, not only marked as such."""
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(factories.candidate("ivanov", "Иванов", "Иван").user)
    responses = [client.get("/no-such-page/"), client.get("/desk/")]
    settings.ROOT_URLCONF = "tests.web.error_urls"
    responses.append(client.get("/boom/"))
    for response, title, status in zip(responses, titles, (404, 403, 500), strict=True):
        assert response.status_code == status
        text = response.content.decode()
        _assert_site_page(text, language=language)
        assert title in text, (status, text)
        assert "Страница не найдена" not in text and "Ошибка на сервере" not in text
