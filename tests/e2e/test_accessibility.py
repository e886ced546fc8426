"""Accessibility of every page, checked in the browser (issue 15; ГОСТ Р 52872-2019, built on
WCAG 2.1): axe-core (npm, ``node_modules/axe-core``, installed by ``make install``) is injected by
Playwright into each page of each demo role, in Russian and in Kazakh, and no violation of
"serious" or "critical" impact may remain; the key pages fit a 640 px wide window (1280 px at
200 % zoom) without horizontal scrolling; the main forms are used with the keyboard alone.

The walk is kept short on purpose (axe takes seconds a page on a busy machine): one browser for
the module, the demo built once, one browser context (one login) per demo login and language, and
each kind of page checked once per language — a kind being the page's URL name, the procedure
it belongs to (each regulation fills the same templates with its own stages, forms and tables)
and the reader's role (public, candidate, staff, commission). Every login still walks all its
pages; what another login of the same role has checked is not checked twice.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import override_settings
from django.urls import Resolver404, resolve
from playwright.sync_api import expect

from rezerv.scenarios.demo import DEMO_PASSWORD, LOGINS
from rezerv.selection import policy
from rezerv.selection.models import Application, Campaign, Meeting, ReserveEntry
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS
from tests.e2e.pages import horizontal_overflow, tab_until

# The walk checks the HTML the pages serve, which does not depend on the database: `make test`
# runs it in its SQLite pass and leaves it out of the PostgreSQL pass (about five minutes saved).
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="the accessibility walk runs in the SQLite pass of make test (the HTML is the same)",
)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
FAILING = ("serious", "critical")  # axe's impacts that fail the test
START = ["/", "/me/", "/desk/", "/commission/", "/documents/"]
SKIP = ("/logout", "/i18n/", "/static/", "/media/", "/files/", "/api/", "/admin/")
DOWNLOADS = (".pdf", ".docx", ".xlsx", ".csv", ".zip", ".json", ".yaml", ".txt")
MAX_PAGES = 250  # kinds of page per login: more than any demo role has (the administrator: ~120)

ANONYMOUS = "(anonymous)"
LOGIN_NAMES = [ANONYMOUS, *dict.fromkeys(login.username for login in LOGINS)]
# In Kazakh: one reader of each role — the public, a candidate, an HR officer, a member of a
# commission (its chair) and the administrator.
KAZAKH = [ANONYMOUS, "candidate_kz", "hr_ak", "ak_akmola_chair", "admin"]
WALKS = [(login, "ru") for login in LOGIN_NAMES] + [(login, "kk") for login in KAZAKH]
# The walks of the administrator in Russian and of every reader in Kazakh are the longest: they
# run in a module of their own (test_accessibility_more.py) that pytest-xdist gives the other core.
MORE = [("admin", "ru")] + [(login, "kk") for login in KAZAKH]
HERE = [walk for walk in WALKS if walk not in MORE]


@dataclass
class Walk:
    pages: list[str] = field(default_factory=list)  # walked
    checked: list[str] = field(default_factory=list)  # run through axe
    lesser: dict[str, int] = field(default_factory=dict)  # moderate and minor: rule → pages
    violations: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(autouse=True)
def _media_in_tmp() -> None:
    """The demo's uploads stay in the module's media folder (see ``site``)."""


@pytest.fixture(autouse=True)
def _live_server_helper(live_server: Any) -> Iterator[None]:
    """pytest-django's own helper, without its ``transactional_db``: that would empty the
    database after each test, and the demo is built once for the module (``site`` empties it
    at the end)."""
    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()


@pytest.fixture(scope="module")
def site(
    django_db_setup: Any, django_db_blocker: Any, live_server: Any, tmp_path_factory: Any
) -> Iterator[str]:
    """The demo (all five procedures, every role), committed for the live server; emptied after
    the module so that the next transactional test starts from an empty database."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm ci installs axe-core)")
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        ),
    ):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        try:
            yield live_server.url
        finally:
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def chromium(playwright_driver: Any) -> Iterator[Any]:
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


def open_as(chromium: Any, url: str, login: str, language: str, width: int = 1280) -> Any:
    """A page of a fresh context in ``language`` (the site's language cookie), logged in as
    ``login`` through the login form."""
    context = chromium.new_context(
        base_url=url, viewport={"width": width, "height": 900}, locale="ru-RU"
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies([{"name": "django_language", "value": language, "url": url}])
    page = context.new_page()
    if login != ANONYMOUS:
        page.goto("/accounts/login/")
        page.locator("input[name=username]").fill(login)
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        page.locator("main form button[type=submit]").click()
        expect(page.locator("form[action$='/logout/'] button")).to_contain_text(login)
    return page


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations of the page (every rule but the experimental ones)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return list(
        page.evaluate(
            """async () => {
              const r = await axe.run(document, {resultTypes: ['violations']});
              return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                          html: n.html.slice(0, 160),
                                          summary: n.failureSummary}))}));
            }"""
        )
    )


def describe(where: str, violation: dict[str, Any]) -> list[str]:
    return [
        f"{where}: [{violation['impact']}] {violation['id']} — {violation['help']}: "
        f"{node['target']} {node['html']}"
        for node in violation["nodes"]
    ]


CHECKED: set[tuple[str, ...]] = set()  # (language, role, URL name, procedure): checked once
_PROCEDURES: dict[str, str] = {}


def view_of(path: str) -> str | None:
    """The page's URL name, None for what is not a page to check."""
    if path.startswith(SKIP) or path.lower().endswith(DOWNLOADS):
        return None
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def procedure_of(path: str) -> str:
    """The code of the procedure whose campaign, application, meeting or reserve entry the
    page shows ("" for the others)."""
    if path not in _PROCEDURES:
        kwargs = resolve(path).kwargs
        found = ""
        if "uid" in kwargs:
            for model, to_campaign in (
                (Campaign, "regulation__code"),
                (Application, "campaign__regulation__code"),
                (ReserveEntry, "campaign__regulation__code"),
            ):
                codes = list(
                    model.objects.filter(uid=kwargs["uid"]).values_list(to_campaign, flat=True)
                )
                if codes:
                    found = codes[0]
                    break
        elif "pk" in kwargs and path.startswith("/desk/m/"):
            codes = Meeting.objects.filter(pk=kwargs["pk"]).values_list(
                "campaign__regulation__code", flat=True
            )
            found = codes[0] if codes else ""
        _PROCEDURES[path] = found
    return _PROCEDURES[path]


def role_of(login: str) -> str:
    if login == ANONYMOUS:
        return "public"
    user = User.objects.get(username=login)
    if policy.is_admin(user) or policy.is_hr(user):
        return "staff"
    return "commission" if policy.memberships_of(user) else "candidate"


def walk(page: Any, who: str, role: str, language: str) -> Walk:
    """Every kind of page ``page``'s login reaches by following links, from the start pages."""
    out = Walk()
    queue = list(START)
    kinds: set[str] = set()  # this login's: one instance of each URL name and procedure
    seen: set[str] = set()
    while queue and len(out.pages) < MAX_PAGES:
        path = urlsplit(queue.pop(0)).path
        view = view_of(path)
        if path in seen or view is None:
            continue
        seen.add(path)
        # a stage's or a method's page (scoring) has its own form: each is a kind of its own
        slugs = [v for k, v in resolve(path).kwargs.items() if k not in ("uid", "pk")]
        kind = " ".join([view, procedure_of(path), *map(str, slugs)])
        if kind in kinds:
            continue
        response = page.goto(path)
        if response is None or response.status >= 500:
            out.errors.append(f"{who} {path}: {response.status if response else 'no answer'}")
            continue
        final = urlsplit(page.url).path
        if final != path:  # a redirect: the page it leads to is checked as itself
            queue.insert(0, final)
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        kinds.add(kind)
        out.pages.append(path)
        lang = page.evaluate("() => document.documentElement.lang")
        if lang != language:  # WCAG 3.1.1: a screen reader speaks the page in its language
            out.violations.append(f"{who} {path}: <html lang={lang!r}>, not {language!r}")
        if (language, role, kind) not in CHECKED:
            CHECKED.add((language, role, kind))
            out.checked.append(path)
            for violation in run_axe(page):
                if violation["impact"] in FAILING:
                    out.violations.extend(describe(f"{who} {path}", violation))
                else:
                    rule = f"{violation['id']} ({violation['impact']})"
                    out.lesser[rule] = out.lesser.get(rule, 0) + 1
        links = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
        queue.extend(link for link in links if link.startswith("/") and link not in seen)
    return out


@pytest.mark.parametrize(("login", "language"), HERE, ids=[f"{lo}-{la}" for lo, la in HERE])
def test_every_page_of_every_role_passes_axe(
    site: str, chromium: Any, django_db_blocker: Any, login: str, language: str
) -> None:
    """ГОСТ Р 52872-2019 / WCAG 2.1 AA: no serious or critical axe-core violation on any kind of
    page a role reaches, in Russian and in Kazakh; the page says its language."""
    check_walk(site, chromium, django_db_blocker, login, language)


def check_walk(site: str, chromium: Any, django_db_blocker: Any, login: str, language: str) -> None:
    """One login's walk in one language, with its assertions."""
    page = open_as(chromium, site, login, language)
    try:
        with django_db_blocker.unblock():
            result = walk(page, f"{login}/{language}", role_of(login), language)
        if login == ANONYMOUS:  # the site's own error page
            page.goto("/no-such-page/")
            result.checked.append("/no-such-page/")
            for violation in run_axe(page):
                if violation["impact"] in FAILING:
                    result.violations.extend(describe(f"{login}/{language} 404", violation))
        assert page.evaluate("() => document.documentElement.lang") == language
    finally:
        page.context.close()
    print(
        f"\n{login}/{language}: {len(result.pages)} pages walked, {len(result.checked)} checked;"
        f" moderate or minor, not failing: {result.lesser or 'none'}"
    )
    assert result.errors == []
    assert len(result.pages) >= 3, result.pages
    assert result.violations == [], "\n".join(result.violations)


def test_the_check_finds_what_a_screen_reader_misses(chromium: Any) -> None:
    """axe, as injected here, reports an unlabelled field, an image without a text alternative
    and a page without a language, each as serious or critical."""
    page = chromium.new_page()
    try:
        page.set_content('<html><body><main><img src="data:,"><input></main></body></html>')
        found = {v["id"] for v in run_axe(page) if v["impact"] in FAILING}
    finally:
        page.close()
    assert {"label", "image-alt", "html-has-lang"} <= found


# --------------------------------------------------------------------------- 200 % zoom

ZOOMED = 640  # 1280 px at 200 %


def announcements(page: Any) -> list[str]:
    """The announcements on the home page, and the application forms they open."""
    page.goto("/")
    links = page.eval_on_selector_all(
        "main a[href^='/c/']", "els => els.map(a => a.getAttribute('href'))"
    )
    out = list(dict.fromkeys(urlsplit(link).path for link in links))
    assert out, "the demo has no announcement"
    return out


def application_form(page: Any) -> str:
    """The first announcement whose «Подать заявление» leads to the form (not to an
    application already made)."""
    for path in announcements(page):
        page.goto(f"{path}apply/")
        if urlsplit(page.url).path == f"{path}apply/" and page.locator("main form").count():
            return f"{path}apply/"
    raise AssertionError("no application form is open to the candidate")


ZOOM_WALKS = {
    "public": (ANONYMOUS, ["/", "announcements", "/accounts/login/", "/accounts/register/"]),
    "candidate": ("candidate_ru", ["/me/", "application form"]),
    "hr": ("hr_km", ["/desk/", "desk campaign"]),
    "commission": ("km_chair", ["/commission/"]),
    "admin": ("admin", ["/desk/regulations/"]),
}


@pytest.mark.parametrize("role", list(ZOOM_WALKS))
def test_key_pages_fit_200_percent_zoom(site: str, chromium: Any, role: str) -> None:
    """WCAG 1.4.10 (reflow): at 200 % zoom of a 1280 px window no key page scrolls sideways."""
    login, pages = ZOOM_WALKS[role]
    page = open_as(chromium, site, login, "ru", width=ZOOMED)
    wide: dict[str, Any] = {}
    checked: list[str] = []
    try:
        paths: list[str] = []
        for name in pages:
            if name == "announcements":
                paths += announcements(page)[:2]
            elif name == "application form":
                paths.append(application_form(page))
            elif name == "desk campaign":
                page.goto("/desk/")
                paths.append(
                    str(page.locator("main a[href^='/desk/c/']").first.get_attribute("href"))
                )
            else:
                paths.append(name)
        for path in paths:
            page.goto(path)
            overflow = horizontal_overflow(page)
            assert overflow["viewport"] == ZOOMED
            checked.append(path)
            if overflow["overflow"] > 0:
                wide[path] = overflow
    finally:
        page.context.close()
    print(f"\n{role}: {len(checked)} pages at 640 px")
    assert wide == {}


# --------------------------------------------------------------------------- keyboard


def test_main_forms_are_used_with_the_keyboard(site: str, chromium: Any) -> None:
    """WCAG 2.1.1, 2.4.7: from the top of the login, registration and application forms, Tab
    passes through every control to the submit button, and the focus is visible."""
    page = open_as(chromium, site, ANONYMOUS, "ru")
    try:
        page.goto("/")  # WCAG 2.4.1: the first Tab shows the link past the menu to the content
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        expect(skip).to_have_attribute("href", "#content")
        box = skip.bounding_box()
        assert box is not None and box["x"] >= 0 and box["y"] >= 0, box
        page.keyboard.press("Enter")
        assert urlsplit(page.url).fragment == "content"
        for path, button in (
            ("/accounts/login/", "Войти"),
            ("/accounts/register/", "Зарегистрироваться"),
        ):
            page.goto(path)
            _every_control_reached(page, button)
    finally:
        page.context.close()
    page = open_as(chromium, site, "candidate_ru", "ru")
    try:
        page.goto(application_form(page))
        _every_control_reached(page, "Подать заявление")
    finally:
        page.context.close()


def _every_control_reached(page: Any, button: str) -> None:
    controls = page.locator("main form").locator("input:not([type=hidden]), select, textarea")
    names = controls.evaluate_all("els => els.map(el => el.name)")
    assert names, page.url
    # from the top of the page: a field the form focuses first (autofocus) is on the way too
    page.evaluate("() => document.querySelector('a.skip').focus()")
    reached = tab_until(page, button)
    assert [n for n in names if n not in reached] == [], page.url
    outline = page.locator(":focus").evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in ("", "none"), f"{page.url}: no visible focus on «{button}»"
