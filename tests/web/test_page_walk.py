"""Every page of every demo role, walked as its user would (issue 9, section 3 and its proof):

* no server error;
* no identifier that a regulation declares (a fact, an option, an outcome, a stage, an event, a
  method, a vote question …) shown as visible text instead of its title;
* no English on a Russian page (``english_on``: a run of Latin words, or one word of the English
  the application itself speaks — its English catalogue and Django's own messages);
* on the Kazakh pages of the roles a Kazakh reader has, no Russian interface text whose Kazakh
  translation exists;
* no rule code («TP-9», «C-2») in the visible text of a page a citizen reads — a visitor's or a
  candidate's (``CITIZENS``): the candidate reads the regulation's clause («п. 18 Методических
  рекомендаций») or nothing; staff pages (HR, commissions, administrators) cite rule codes where
  they explain the rules to the staff (deadlines, quotas, the engine's reasons);
* no rule code («KM-6», «C-2») in a letter to a citizen (``CITIZEN_FORMS`` of
  tests/documents/helpers.py, with the reason each is one), DOCX and PDF, made
  for every application of the demo.

The XLSX import page documents its column codes on purpose: it is not read for identifiers, and
its lowercase codes are not read as English.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import django
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from rezerv.documents import registry, rendering
from rezerv.engine.loader import BUNDLED, load_regulation
from rezerv.scenarios.demo import DEMO_PASSWORD, LOGINS
from rezerv.selection import policy
from rezerv.selection.models import Application
from tests.documents.helpers import CITIZEN_FORMS, rolled_back, rule_codes_in
from tests.web.test_i18n import read_po

pytestmark = pytest.mark.django_db

MAX_PAGES = 120  # per role: enough for every kind of page of the demo, bounded in time
SKIP = ("/logout", "/i18n/", "/static/", "/api/schema")
# the import page lists the column codes; a message text names its variables ({{ name }})
CODES_ON_PURPOSE = re.compile(r"/sheets/|/desk/messages/")
# The administrator edits the English and Kazakh texts of a message in those languages (issue 12).
OWN_LANGUAGE_ON_PURPOSE = re.compile(r"/desk/messages/[^/]+/(en|kk)/$")
LOCALE = Path(settings.LOCALE_PATHS[0])


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
        ids |= {c.id for s in reg.score_sheets for c in s.criteria}
        ids |= {r.id for r in reg.routes}
        ids |= set(reg.outcome_titles())
        for stage in reg.stages:
            ids |= {a.outcome for a in stage.awards}
    # Identifiers that are also ordinary words of a page (none of the demo's is Russian, but
    # a code such as «default» is an English word that may stand in an address or a class).
    return {i for i in ids if re.fullmatch(r"[a-z][a-z0-9_]*", i)}


class _Text(HTMLParser):
    """The text a reader sees (and hears: ``title``, ``alt``, ``placeholder``, ``aria-label``),
    and the links they can follow."""

    SPOKEN = ("title", "alt", "placeholder", "aria-label")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.nodes: list[str] = []  # each piece of text, but what a form field holds (data)
        self.links: list[str] = []
        self._hidden = 0
        self._field = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        if tag in ("textarea", "option"):
            self._field += 1
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if not self._hidden:
            self.parts.extend(str(values[a]) for a in self.SPOKEN if values.get(a))
            if (
                tag == "input"
                and values.get("type") in ("submit", "button")
                and values.get("value")
            ):
                self.parts.append(str(values["value"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1
        if tag in ("textarea", "option") and self._field:
            self._field -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)
            if not self._field and data.strip():
                self.nodes.append(" ".join(data.split()))


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[None]:
    with rolled_back(django_db_blocker, tmp_path_factory.mktemp("media")):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield


# --------------------------------------------------------------------------- the walk


@dataclass
class Walk:
    errors: list[str] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)  # url → visible text (HTML pages)
    nodes: dict[str, set[str]] = field(default_factory=dict)  # url → its pieces of text


_WALKS: dict[tuple[str, str], Walk] = {}  # (login, language) → its walk, once per module run


def walk(client: Client) -> Walk:
    seen: set[str] = set()
    queue = ["/", "/me/", "/desk/", "/commission/", "/documents/"]
    out = Walk()
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0).split("#")[0]
        if not url.startswith("/") or url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 500:
            out.errors.append(f"{url}: {response.status_code}")
            continue
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Text()
        parser.feed(response.content.decode())
        queue.extend(link for link in parser.links if link not in seen)
        out.pages[url] = " ".join(" ".join(parser.parts).split())
        out.nodes[url] = set(parser.nodes)
    return out


def walked(login: str, language: str = "ru") -> Walk:
    if (login, language) not in _WALKS:
        client = Client()
        if login != ANONYMOUS:
            assert client.login(username=login, password=DEMO_PASSWORD)
        if language != "ru":  # the site's own language setting, as a reader switches it
            client.post("/i18n/setlang/", {"language": language, "next": "/"})
        _WALKS[login, language] = walk(client)
    return _WALKS[login, language]


def _dump(login: str, lines: list[str]) -> None:
    if os.environ.get("PAGE_WALK_DUMP"):  # a file to list every finding in, when debugging
        with open(os.environ["PAGE_WALK_DUMP"], "a") as out:
            out.writelines(f"{login} {line}\n" for line in lines)


ANONYMOUS = "(anonymous)"  # a visitor: the announcements, the login and registration pages
LOGIN_NAMES = [ANONYMOUS, *(login.username for login in LOGINS)]


@pytest.mark.parametrize("login", LOGIN_NAMES)
def test_every_page_of_every_role_shows_titles_not_identifiers(demo: None, login: str) -> None:
    ids = declared_identifiers()
    word = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
    result = walked(login)
    shown = sorted(
        {
            f"{url}: «{token}»"
            for url, text in result.pages.items()
            if not CODES_ON_PURPOSE.search(url)
            for token in set(word.findall(text))
            if token in ids
        }
    )
    _dump(login, result.errors + shown)
    assert result.errors == []
    assert shown == []


# --------------------------------------------------------------------------- English on a Russian page

# Latin text a Russian page shows on purpose, each with its reason.
ALLOWED_WORDS = {
    # file formats, named as their readers know them
    "DOCX": "file format",
    "PDF": "file format",
    "XLSX": "file format",
    "CSV": "file format",
    "JSON": "file format (the open data of the published reserve)",
    "ZIP": "file format",
    "JPEG": "file format",
    "PNG": "file format",
    "ODT": "file format",
    "YAML": "file format (regulation files)",
    "UTF": "text encoding (UTF-8)",
    "Windows": "text encoding (Windows-1251)",
    # names
    "rezerv": "the product's name",
    "QR": "the QR code of the second factor's enrolment",
    "FreeOTP": "an authenticator app, by its name",
    "Google": "Google Authenticator, an authenticator app, by its name",
    "Authenticator": "Google Authenticator, an authenticator app, by its name",
    "English": "the language switcher names each language in itself",
}
ALLOWED_PHRASES = {
    "rezerv validate": "a command of the command line, typed as it is written",
}
# Codes of the regulations (KM, AK …): a campaign names its procedure by code, like a form number.
REGULATION_CODES = set(BUNDLED)

_REMOVED = [
    re.compile(r"https?://\S+"),  # addresses
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail addresses
    # file names (an uploaded file keeps its name; a documentation file is named by its path)
    re.compile(r"[\w/.-]+\.(?:pdf|docx|xlsx|csv|zip|jpe?g|png|odt|ya?ml|md)\b", re.IGNORECASE),
    # rule codes (KM-6, C-2): pages for staff cite them (letters to citizens never: below)
    re.compile(r"\b[A-Z]{1,3}-\d+(?:\.\d+)*\b"),
    re.compile(r"\b[0-9A-F]{6}\b"),  # the code of an anonymous written work
]
_TOKEN = re.compile(r"([A-Za-z][A-Za-z0-9_]*)")  # a Latin word, or an identifier
_ROMAN = re.compile(r"[IVXLC]+")  # «I этап», «II этап»


def _words_of(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{2,}", text)}


def english_words() -> set[str]:
    """The English the application speaks: its English catalogue and Django's own messages
    (the Russian catalogue's msgids of Django and its contrib apps are Django's English)."""
    words: set[str] = set()
    for entry in read_po(LOCALE / "en" / "LC_MESSAGES" / "django.po"):
        words |= _words_of(entry.msgstr) | _words_of(" ".join(entry.fields.values()))
    for po in Path(django.__file__).parent.glob("**/locale/ru/LC_MESSAGES/django.po"):
        for entry in read_po(po):
            words |= _words_of(entry.msgid)
    return words - {w.lower() for w in ALLOWED_WORDS} - {c.lower() for c in REGULATION_CODES}


def english_on(
    text: str, *, words: set[str], logins: set[str], codes_on_purpose: bool
) -> list[str]:
    """The English in a Russian page's text: a run of two or more Latin words (separated by
    spaces only, or joined by «_» as in an identifier), or one Latin word that is a word of
    ``words``. What is allowed above is taken out first."""
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, " ")
    for pattern in _REMOVED:
        text = pattern.sub(" ", text)
    found: list[str] = []
    run: list[str] = []
    pieces = _TOKEN.split(text)  # text, token, separator, token, … separator
    for i in range(1, len(pieces), 2):
        token, after = pieces[i], pieces[i + 1] if i + 1 < len(pieces) else ""
        allowed = (
            token in logins
            or token in ALLOWED_WORDS
            or token in REGULATION_CODES
            or _ROMAN.fullmatch(token) is not None
            or (codes_on_purpose and re.fullmatch(r"[a-z][a-z0-9_]*|[A-Z]{1,4}", token) is not None)
        )
        if not allowed:
            parts = [p for p in re.split(r"[_0-9]+", token) if p]
            if len(parts) > 1 or (parts and parts[0].lower() in words):
                found.append(token)
            run.append(token)
        if allowed or after.strip() != "" or after == "":
            if len(run) > 1:
                found.append(" ".join(run))
            run = []
    return found


@pytest.mark.parametrize("login", LOGIN_NAMES)
def test_every_page_of_every_role_is_in_russian(demo: None, login: str) -> None:
    words = english_words()
    logins = set(User.objects.values_list("username", flat=True))
    result = walked(login)
    english = sorted(
        {
            f"{url}: «{found}»"
            for url, text in result.pages.items()
            if not OWN_LANGUAGE_ON_PURPOSE.search(url)
            for found in english_on(
                text,
                words=words,
                logins=logins,
                codes_on_purpose=CODES_ON_PURPOSE.search(url) is not None,
            )
        }
    )
    _dump(login, english)
    assert english == []


def test_the_english_check_finds_english() -> None:
    words = {"main", "menu", "application", "default", "download"}
    check = {"words": words, "logins": {"hr_km"}, "codes_on_purpose": False}
    assert "Main menu" in english_on("Main menu", **check)  # type: ignore[arg-type]
    assert english_on("Статус: default", **check) == ["default"]  # type: ignore[arg-type]
    assert english_on("in_reserve", **check) == ["in_reserve"]  # type: ignore[arg-type]
    assert (
        english_on(
            "Выйти (hr_km) DOCX · PDF KM-6, C-2 I этап, II этап a@b.kz https://x.kz/a Код 780C56",
            **check,  # type: ignore[arg-type]
        )
        == []
    )


# --------------------------------------------------------------------------- Kazakh pages

KAZAKH_READERS = [ANONYMOUS, "candidate_kz", "hr_ak", "ak_akmola_chair"]


def russian_with_kazakh() -> set[str]:
    """The Russian interface texts whose Kazakh translation exists and differs: those of two
    words or more without placeholders (a single word may also be a regulation's data). A page
    shows one when a piece of its text is exactly that text; what a form field holds (a recorded
    refusal, a choice) is data, and the import page's column headers are the file's, on purpose."""
    return {
        e.msgid
        for e in read_po(LOCALE / "kk" / "LC_MESSAGES" / "django.po")
        if e.translated
        and e.msgstr != e.msgid
        and "%" not in e.msgid
        and "{" not in e.msgid
        and len(e.msgid.split()) >= 2
    }


@pytest.mark.parametrize("login", KAZAKH_READERS)
def test_kazakh_pages_show_the_kazakh_interface(demo: None, login: str) -> None:
    russian = {" ".join(msgid.split()) for msgid in russian_with_kazakh()}
    result = walked(login, "kk")
    untranslated = sorted(
        {
            f"{url}: «{node}»"
            for url, nodes in result.nodes.items()
            if not CODES_ON_PURPOSE.search(url)
            for node in nodes & russian
        }
    )
    _dump(f"{login}/kk", result.errors + untranslated)
    assert result.errors == []
    assert untranslated == []
    # the setting took: the pages are in Kazakh, where the Russian ones show these texts
    with translation.override("kk"):
        assert translation.gettext("Основное меню") in result.pages["/"]
    assert any(nodes & russian for nodes in walked(login).nodes.values())


# --------------------------------------------------------------------------- rule codes

# A rule code of the bundled regulations' namespaces (and the common one): «TP-9», «C-2».
RULE_CODE = re.compile(rf"\b(?:C|{'|'.join(BUNDLED)})-\d+\b")


def citizens() -> list[str]:
    """The demo's readers who are citizens, not staff: the visitor and every login that is
    neither an administrator, nor an HR officer, nor a member of a commission."""
    out = [ANONYMOUS]
    for user in User.objects.filter(username__in=LOGIN_NAMES).order_by("username"):
        if not (policy.is_admin(user) or policy.is_hr(user) or policy.memberships_of(user)):
            out.append(user.username)
    return out


def test_citizens_pages_show_clauses_not_rule_codes(demo: None) -> None:
    """C-2, TP-9: a candidate's and a visitor's pages never show a rule code: the announcement
    texts, the changeable facts (TP-9 is «п. 18 Методических рекомендаций»), the refusals."""
    readers = citizens()
    assert {"candidate_ru", "candidate_kz", "tp_akhmetova", "km_sokolov"} <= set(readers)
    found = sorted(
        {
            f"{login} {url}: «{m}»"
            for login in readers
            for url, text in walked(login).pages.items()
            for m in RULE_CODE.findall(text)
        }
    )
    _dump("citizens", found)
    assert found == []
    # the walk saw the page where TP-9 matters, with its clause
    pages = walked("tp_akhmetova").pages.values()
    assert any("Изменение сведений" in p and "п. 18 Методических рекомендаций" in p for p in pages)


def test_the_rule_code_check_finds_rule_codes() -> None:
    assert RULE_CODE.findall("один раз (TP-9); C-2, KM-6") == ["TP-9", "C-2", "KM-6"]
    assert RULE_CODE.findall("п. 3.3 Методики; СНИЛС 112-233-445 95; ISO-8601") == []


# --------------------------------------------------------------------------- letters to citizens


def test_every_form_a_candidate_downloads_is_read_as_a_citizens() -> None:
    own = {code for code, spec in registry.FORMS.items() if "candidate_own" in spec.audience}
    assert own == set(CITIZEN_FORMS)


def test_letters_to_citizens_cite_clauses_not_rule_codes(demo: None) -> None:
    """Each citizen's form of every demo application: downloaded by the candidate from their
    own page when they have a login, else rendered by the form's own functions; the forms of
    uploaded regulations (generic) are rendered for the bundled procedures' applications too.

    Both formats print the same context, so a rule code that data brings in (a refusal's
    grounds, a stage's title) shows in the DOCX of every application; the PDF (WeasyPrint, the
    slow half) is read once per campaign and form, for what its own template adds."""
    made: list[str] = []
    found: list[str] = []
    clients: dict[int, Client] = {}
    pdf_read: set[tuple[int, str]] = set()
    for application in Application.objects.select_related("campaign__regulation", "person"):
        for code in CITIZEN_FORMS:
            spec = registry.get(code)
            assert spec is not None
            if not registry.applies(spec, application.campaign.regulation.load().regulation):
                continue
            with registry.rendering_memo(application):
                if not spec.available(application):
                    continue
                for fmt in ("docx", "pdf"):
                    if fmt == "pdf":
                        if (application.campaign_id, code) in pdf_read:
                            continue
                        pdf_read.add((application.campaign_id, code))
                    user = application.person.user
                    if spec.family != registry.GENERIC and user is not None:
                        client = clients.setdefault(user.pk, Client())
                        client.force_login(user)
                        response = client.get(f"/documents/a/{application.uid}/{code}.{fmt}")
                        assert response.status_code == 200, (code, application.code)
                        content = response.content
                    else:
                        try:
                            context = spec.build(application)
                        except LookupError:
                            continue
                        content = rendering.render(spec, fmt, context, application.campaign.body_id)
                    made.append(f"{code}.{fmt}")
                    found.extend(
                        f"{code}.{fmt} ({application.code}): «{m}»"
                        for m in rule_codes_in(content, fmt)
                    )
    _dump("letters", [*sorted(set(made)), *sorted(set(found))])
    # the demo's letters: a refusal, an invitation, a certificate (its KM and BR campaigns have no
    # decision yet: their notices of results are read in tests/documents)
    assert {m.split(".")[0] for m in made} >= {"km_refusal", "km_invitation", "tp_certificate"}
    assert sorted(set(found)) == []
