"""End-to-end fixtures: Debian chromium driven by Playwright against pytest-django's live_server.

Each person in a scenario gets a browser of their own (a persistent context with a fresh
``--user-data-dir``), so sessions never leak from one user to another.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

# Playwright's sync API runs an asyncio loop in the test thread; Django would otherwise refuse
# ORM calls made from that thread (the set-up through services and the checks of stored data).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000  # a generous ceiling for a loaded 2-core machine; not a timing assertion
# The same ceiling for expect(...) assertions (their own default is 5 s): a login on a busy
# machine once took longer than that to load the next page.
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (installs Debian's chromium)")
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def browser(playwright_driver: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """``browser(width=1280)`` opens a new browser (fresh profile) and returns its page."""
    contexts: list[Any] = []
    profiles: list[str] = []
    server_errors: list[str] = []

    def on_response(response: Any) -> None:
        if response.status >= 500:
            server_errors.append(f"{response.status} {response.request.method} {response.url}")

    def open_page(width: int = 1280, height: int = 900) -> Any:
        profile = tempfile.mkdtemp(prefix="rezerv-e2e-profile-")
        profiles.append(profile)
        context = playwright_driver.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": width, "height": height},
            locale="ru-RU",
            base_url=live_server.url,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        context.on("response", on_response)
        contexts.append(context)
        return context.pages[0] if context.pages else context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    for profile in profiles:
        shutil.rmtree(profile, ignore_errors=True)
    assert not server_errors, f"the server answered with errors: {server_errors}"
