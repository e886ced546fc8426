"""Settings for the whole suite.

Every test hashes passwords with MD5: the production hasher (PBKDF2, hundreds of thousands of
rounds by design) would spend most of the suite's time creating and logging in users.  Tests
that need their own settings still use pytest-django's ``settings`` fixture on top of this.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher() -> Iterator[None]:
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield
