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


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """On SQLite the test database is a file of this test process (each xdist worker has its
    own temporary folder), not Django's in-memory one: the background worker the notification
    tests start (``manage.py db_worker``, tests/notifications) is another process, which must
    open the same database."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher() -> Iterator[None]:
    # Registration is not throttled by address (every test client is 127.0.0.1 and the cache
    # outlives a test); tests/web/test_registration_throttle.py sets a limit of its own.
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS, REZERV_REGISTRATIONS_PER_HOUR=0):
        yield
