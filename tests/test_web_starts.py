"""The Django project starts and serves its home page (the web issue builds on it)."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_home_page_lists_bundled_regulations() -> None:
    response = Client().get("/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "KM" in text
    assert "Конкурс на замещение вакантной должности" in text
