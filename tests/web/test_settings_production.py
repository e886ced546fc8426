"""The production settings fail closed and pass Django's deployment checks (issue 14)."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]
MODULE = "rezerv.web.settings_production"
KEY = "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ"  # 66 characters


def _production(monkeypatch: pytest.MonkeyPatch, **env: str | None) -> dict[str, Any]:
    """The production module evaluated with ``env`` on top of a complete environment."""
    base: dict[str, str | None] = {
        "REZERV_SECRET_KEY": KEY,
        "REZERV_ALLOWED_HOSTS": "rezerv.example.org,www.rezerv.example.org",
        "REZERV_DEBUG": "1",  # a developer's variable left behind changes nothing
    }
    base.update(env)
    for name, value in base.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    return runpy.run_module(MODULE)


def test_production_settings_are_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    conf = _production(monkeypatch)
    assert conf["DEBUG"] is False
    assert conf["ALLOWED_HOSTS"] == ["rezerv.example.org", "www.rezerv.example.org"]
    assert conf["CSRF_TRUSTED_ORIGINS"] == [
        "https://rezerv.example.org",
        "https://www.rezerv.example.org",
    ]
    assert conf["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert conf["SESSION_COOKIE_SECURE"] and conf["CSRF_COOKIE_SECURE"]
    assert conf["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert conf["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert conf["MIDDLEWARE"][:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert conf["STORAGES"]["staticfiles"]["BACKEND"].startswith("whitenoise.")
    assert conf["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert all(db["CONN_HEALTH_CHECKS"] for db in conf["DATABASES"].values())


def test_production_settings_leave_the_base_databases_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.conf import settings

    before = dict(settings.DATABASES["default"])
    _production(monkeypatch)
    assert dict(settings.DATABASES["default"]) == before


@pytest.mark.parametrize("name", ["REZERV_SECRET_KEY", "REZERV_ALLOWED_HOSTS"])
@pytest.mark.parametrize("value", [None, "", "  "])
def test_production_settings_refuse_to_start_without(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str | None
) -> None:
    with pytest.raises(ImproperlyConfigured, match=name):
        _production(monkeypatch, **{name: value})


@pytest.mark.parametrize(
    "key", ["short", "dev-only-insecure-key-change-in-production" + "x" * 20, "a" * 80]
)
def test_production_settings_refuse_a_weak_secret_key(
    monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    with pytest.raises(ImproperlyConfigured, match="REZERV_SECRET_KEY"):
        _production(monkeypatch, REZERV_SECRET_KEY=key)


def test_production_settings_refuse_any_host(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match="REZERV_ALLOWED_HOSTS"):
        _production(monkeypatch, REZERV_ALLOWED_HOSTS="*")


def test_production_settings_put_uploads_in_object_storage_when_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    conf = _production(monkeypatch, REZERV_S3_BUCKET="rezerv-files")
    default = conf["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "rezerv-files"
    assert default["OPTIONS"]["default_acl"] == "private"


def test_check_deploy_with_the_production_settings_reports_nothing() -> None:
    """`manage.py check --deploy` (as `make test` runs it) finds no warning at all."""
    # the browser tests of the same worker process set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright;
    # a production server never has it (async.E001)
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": MODULE,
        "REZERV_SECRET_KEY": KEY,
        "REZERV_ALLOWED_HOSTS": "rezerv.example.org",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout
