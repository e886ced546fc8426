"""The files of deploy/ agree with the application (issue 14: a production deployment).

The deployment itself runs in `make test-deploy` (tests/deploy/run.sh); these checks are the cheap
part that every `make test` runs.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"


def test_nginx_takes_the_largest_upload_and_no_more() -> None:
    """client_max_body_size: a spreadsheet import (the largest upload) and its form fit."""
    text = (DEPLOY / "nginx" / "rezerv-proxy.conf").read_text("utf-8")
    size = re.search(r"^client_max_body_size (\d+)m;", text, re.M)
    assert size is not None
    limit = int(size.group(1)) * 1024 * 1024
    largest = max(
        settings.REZERV_MAX_UPLOAD_BYTES,
        int(getattr(settings, "REZERV_MAX_IMPORT_BYTES", 50 * 1024 * 1024)),
    )
    assert largest < limit <= largest + 4 * 1024 * 1024


def test_nginx_waits_longer_than_gunicorn(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DJANGO_SETTINGS_MODULE", "GUNICORN_BIND", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)  # the configuration's own defaults
    conf = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    text = (DEPLOY / "nginx" / "rezerv-proxy.conf").read_text("utf-8")
    read_timeout = re.search(r"proxy_read_timeout (\d+)s;", text)
    assert read_timeout is not None
    assert int(read_timeout.group(1)) > conf["timeout"]
    assert conf["wsgi_app"] == "rezerv.web.wsgi:application"
    assert "DJANGO_SETTINGS_MODULE=rezerv.web.settings_production" in conf["raw_env"]
    assert conf["bind"] == ["127.0.0.1:8001"]  # loopback unless told: nginx is in front


def test_nginx_overwrites_the_scheme_header_django_trusts() -> None:
    text = (DEPLOY / "nginx" / "rezerv-proxy.conf").read_text("utf-8")
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in text


def test_the_units_and_containers_run_commands_that_exist() -> None:
    commands = set(get_commands())
    texts = [p.read_text("utf-8") for p in (DEPLOY / "systemd").iterdir()]
    texts.append((DEPLOY / "docker-compose.yml").read_text("utf-8"))
    used = {name for text in texts for name in re.findall(r"manage\.py\"?,? \"?(\w+)", text)}
    assert {"db_worker", "outbox_recover", "expire_reserve", "purge_reads", "migrate"} <= used
    assert used <= commands


def test_compose_runs_the_app_servers_the_worker_and_the_scheduler() -> None:
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text("utf-8"))
    services = compose["services"]
    assert {"db", "migrate", "web1", "web2", "worker", "scheduler", "nginx"} <= set(services)
    upstream = (DEPLOY / "docker" / "nginx.conf").read_text("utf-8")
    assert "server web1:8001" in upstream and "server web2:8001" in upstream
