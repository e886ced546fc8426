"""Every page of every demo role, walked as its user would (issue 9, section 3 and its proof):
no server error, and no identifier that a regulation declares (a fact, an option, an outcome,
a stage, an event, a method, a vote question …) shown as visible text instead of its title.

The XLSX import page documents its column codes on purpose and is not read for identifiers.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from rezerv.engine.loader import BUNDLED, load_regulation
from rezerv.scenarios.demo import DEMO_PASSWORD, LOGINS
from tests.documents.helpers import rolled_back

pytestmark = pytest.mark.django_db

MAX_PAGES = 120  # per role: enough for every kind of page of the demo, bounded in time
SKIP = ("/logout", "/i18n/", "/static/", "/api/schema")
CODES_ON_PURPOSE = re.compile(r"/sheets/")  # the import page lists the column codes


def declared_identifiers() -> set[str]:
    ids: set[str] = set()
    for code in BUNDLED:
        reg = load_regulation(code).regulation
        for fact in reg.facts:
            ids.add(fact.id)
            ids |= {c.id for c in fact.choices}
        ids |= {o.id for o in reg.outcomes} | {v.id for v in reg.votes}
        ids |= {s.id for s in reg.stages} | {e.id for e in reg.events}
        ids |= {d.id for d in reg.deadlines} | {m.id for m in reg.methods}
        ids |= {c.id for c in reg.commissions} | {s.id for s in reg.score_sheets}
        ids |= {r.id for r in reg.routes}
        ids |= set(reg.outcome_titles())
        for stage in reg.stages:
            ids |= {a.outcome for a in stage.awards}
    # Identifiers that are also ordinary words of a page (none of the demo's is Russian, but
    # a code such as «default» is an English word that may stand in an address or a class).
    return {i for i in ids if re.fullmatch(r"[a-z][a-z0-9_]*", i)}


class _Text(HTMLParser):
    """The text a reader sees, and the links they can follow."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[None]:
    with rolled_back(django_db_blocker, tmp_path_factory.mktemp("media")):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield


def walk(client: Client, ids: set[str]) -> tuple[list[str], list[str]]:
    seen: set[str] = set()
    queue = ["/", "/me/", "/desk/", "/commission/", "/documents/"]
    errors: list[str] = []
    shown: list[str] = []
    word = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0).split("#")[0]
        if not url.startswith("/") or url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(f"{url}: {response.status_code}")
            continue
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Text()
        parser.feed(response.content.decode())
        queue.extend(link for link in parser.links if link not in seen)
        if CODES_ON_PURPOSE.search(url):
            continue
        text = " ".join(parser.parts)
        for token in set(word.findall(text)):
            if token in ids:
                shown.append(f"{url}: «{token}»")
    return errors, sorted(set(shown))


@pytest.mark.parametrize("login", [login.username for login in LOGINS])
def test_every_page_of_every_role_shows_titles_not_identifiers(demo: None, login: str) -> None:
    client = Client()
    assert client.login(username=login, password=DEMO_PASSWORD)
    errors, shown = walk(client, declared_identifiers())
    if os.environ.get("PAGE_WALK_DUMP"):  # a file to list every finding in, when debugging
        with open(os.environ["PAGE_WALK_DUMP"], "a") as out:
            out.writelines(f"{login} {line}\n" for line in errors + shown)
    assert errors == []
    assert shown == []
