"""The Django project starts and serves its public home page."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_home_page_is_public_and_russian() -> None:
    response = Client().get("/")
    assert response.status_code == 200
    text = response.content.decode()
    assert '<html lang="ru">' in text
    assert "Конкурсы и отборы" in text
