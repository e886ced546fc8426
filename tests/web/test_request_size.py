"""The request size is capped before the body is read (issue 13, «Files, imports and exports»):
a declared body above ``REZERV_MAX_REQUEST_BYTES`` is refused with 413 and a message, and nothing
reads the body."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


class _Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def _post(path: str, size: int) -> object:
    return Client().post(
        path,
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": _Unreadable()},
    )


def test_a_body_larger_than_the_limit_is_refused_unread_with_a_message() -> None:
    too_big = settings.REZERV_MAX_REQUEST_BYTES + 1
    response = _post("/accounts/register/", too_big)
    assert response.status_code == 413  # type: ignore[attr-defined]
    text = response.content.decode()  # type: ignore[attr-defined]
    assert "Запрос слишком велик" in text and "МБ" in text


def test_the_api_gets_the_same_refusal_as_json() -> None:
    response = _post("/api/applications/", settings.REZERV_MAX_REQUEST_BYTES * 4)
    assert response.status_code == 413  # type: ignore[attr-defined]
    assert "detail" in response.json()  # type: ignore[attr-defined]


def test_a_body_within_the_limit_goes_through_and_large_files_are_not_held_in_memory() -> None:
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2 * 1024 * 1024
    assert settings.REZERV_MAX_REQUEST_BYTES > settings.REZERV_MAX_UPLOAD_BYTES
    response = Client().post("/accounts/register/", {"username": ""})
    assert response.status_code == 200
