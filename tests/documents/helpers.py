"""Shared by the procedures' document tests: a world built once per module and rolled back,
a form rendered as HR, a page fetched as a user."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import transaction
from django.test import Client, override_settings

from rezerv.documents import registry
from rezerv.documents.access import DocumentRef
from rezerv.documents.services import document_render


@contextmanager
def rolled_back(django_db_blocker: Any, media: Path) -> Iterator[None]:
    """Inside: the database (for a module-scoped world), fast password hashes, uploads under
    ``media``; everything written is rolled back on the way out."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=media,
        ),
        transaction.atomic(),
    ):
        try:
            yield
        finally:
            transaction.set_rollback(True)


def ref(code: str, subject: Any) -> DocumentRef:
    spec = registry.get(code)
    assert spec is not None, code
    return DocumentRef(spec, subject)


def render(world: dict[str, Any], code: str, subject: Any, fmt: str) -> bytes:
    """The form about ``subject`` in ``fmt``, downloaded by the world's HR officer."""
    return document_render(actor=world["hr"], ref=ref(code, subject), fmt=fmt).content


def status_of(user: Any, path: str) -> int:
    """The status of ``path`` for ``user`` (anonymous when None); whatever it writes is undone."""
    client = Client()
    if user is not None:
        client.force_login(user)
    with transaction.atomic():
        status = client.get(path).status_code
        transaction.set_rollback(True)
    return int(status)
