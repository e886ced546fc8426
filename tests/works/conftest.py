"""Fixtures of the written works' tests (``worlds``)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.works.worlds import km_works_world, tp_essay_world


@pytest.fixture
def km_works(db: Any, settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return km_works_world()


@pytest.fixture
def tp_essay(db: Any, settings: Any, tmp_path: Any) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return tp_essay_world()
