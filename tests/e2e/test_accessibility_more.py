"""The longest accessibility walks (the administrator in Russian, every reader in Kazakh), in a
module of their own so that pytest-xdist runs them beside the others (test_accessibility.py has
the fixtures, the walk and the other checks)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_accessibility import (  # noqa: F401 (the module's fixtures, used by name)
    MORE,
    _live_server_helper,
    _media_in_tmp,
    check_walk,
    chromium,
    pytestmark,
    site,
)


@pytest.mark.parametrize(("login", "language"), MORE, ids=[f"{lo}-{la}" for lo, la in MORE])
def test_every_page_of_every_role_passes_axe_longest_walks(
    site: str,  # noqa: F811
    chromium: Any,  # noqa: F811
    django_db_blocker: Any,
    login: str,
    language: str,
) -> None:
    """ГОСТ Р 52872-2019 / WCAG 2.1 AA, as test_every_page_of_every_role_passes_axe."""
    check_walk(site, chromium, django_db_blocker, login, language)
