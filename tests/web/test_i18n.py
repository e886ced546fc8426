"""The interface language: Russian for everyone unless the user picks another one.

The source language is Russian (the msgids); ``src/rezerv/locale`` holds the English catalogue
(complete) and the Kazakh one (complete: tests/web/test_i18n_catalogues.py). The catalogues are read
with the standard library only: a small .po reader here and ``gettext`` for the compiled .mo.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from rezerv.selection import services, uploads
from tests.web import factories as f

LOCALE = Path(settings.LOCALE_PATHS[0])
LANGUAGES = ("en", "kk")
ENGLISH_BROWSER = "en-US,en;q=0.9"

RUSSIAN_NAVIGATION = ["Основное меню", "Объявления", "Войти", "Регистрация", "Язык"]
ENGLISH_NAVIGATION = ["Main menu", "Announcements", "Log in", "Register", "Language"]

# The page frame, the navigation and the login page, which a Kazakh reader meets first.
KAZAKH_SCOPE = [
    "Перейти к содержанию",
    "Основное меню",
    "Объявления",
    "Кадровая служба",
    "Комиссия",
    "Мои заявления",
    "Выйти (%(username)s)",
    "Войти",
    "Регистрация",
    "Язык",
    "Выбрать",
    "Вход",
    "Имя пользователя",
    "Пароль",
    "Неверное имя пользователя или пароль.",
    "Нет учётной записи?",
    "Зарегистрироваться",
]


# --------------------------------------------------------------------------- a .po reader


@dataclass
class Entry:
    flags: set[str]
    fields: dict[str, str] = field(default_factory=dict)  # msgctxt, msgid, msgstr, msgstr[n], …

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def msgstr(self) -> str:
        return self.fields.get("msgstr", "")

    @property
    def forms(self) -> list[str]:
        """The translation: ``[msgstr]``, or ``[msgstr[0], msgstr[1], …]`` of a plural entry."""
        if "msgid_plural" not in self.fields:
            return [self.msgstr]
        return [self.fields[k] for k in sorted(k for k in self.fields if k.startswith("msgstr["))]

    @property
    def translated(self) -> bool:
        return all(self.forms) and "fuzzy" not in self.flags


def read_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (obsolete ``#~`` entries are skipped), header included."""
    entries: list[Entry] = []
    flags: set[str] = set()
    key = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):  # a continuation of the keyword above
            assert entries and key, f"{path}:{number}: a string outside an entry"
            entries[-1].fields[key] += ast.literal_eval(line)
            continue
        key, _, rest = line.partition(" ")
        done = bool(entries) and any(k.startswith("msgstr") for k in entries[-1].fields)
        if key == "msgctxt" or (key == "msgid" and (not entries or done)):
            entries.append(Entry(flags=flags))
            flags = set()
        assert entries, f"{path}:{number}: {key} before msgid"
        entries[-1].fields[key] = ast.literal_eval(rest)
    return entries


def catalogue(language: str) -> list[Entry]:
    entries = read_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert entries and entries[0].msgid == "", "the header comes first"
    return entries


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\((\w+)\)", text))


# --------------------------------------------------------------------------- language choice


@pytest.mark.django_db
def test_home_page_is_russian_whatever_the_browser_asks() -> None:
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE=ENGLISH_BROWSER)
    text = response.content.decode()
    assert '<html lang="ru">' in text
    assert "Конкурсы и отборы" in text
    for word in RUSSIAN_NAVIGATION:
        assert word in text
    assert "Announcements" not in text
    assert response.headers["Content-Language"] == "ru"


@pytest.mark.django_db
def test_language_selector_is_a_labelled_form_posting_to_set_language() -> None:
    text = Client().get("/accounts/login/").content.decode()
    form = re.search(r'<form class="language".*?</form>', text, re.S)
    assert form is not None
    html = form.group(0)
    assert f'action="{reverse("set_language")}"' in html
    assert '<label for="language-select">Язык</label>' in html
    assert '<select id="language-select" name="language">' in html
    assert '<input type="hidden" name="next" value="/accounts/login/">' in html
    assert '<button type="submit">Выбрать</button>' in html
    # every language is offered in its own name, the current one selected
    assert '<option value="ru" lang="ru" selected>Русский</option>' in html
    assert '<option value="kk" lang="kk">Қазақша</option>' in html
    assert '<option value="en" lang="en">English</option>' in html


@pytest.mark.django_db
def test_english_chosen_with_set_language_gives_english_navigation() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")  # the explicit choice wins over the browser too
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    text = client.get("/").content.decode()
    assert '<html lang="en">' in text
    assert "Competitions and selections" in text
    for word in ENGLISH_NAVIGATION:
        assert word in text
    for word in RUSSIAN_NAVIGATION:
        assert word not in text
    assert '<option value="en" lang="en" selected>English</option>' in text
    # the choice stays for the next pages
    login = client.get("/accounts/login/").content.decode()
    assert "<h1>Log in</h1>" in login and '<label for="id_username">Username</label>' in login

    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    assert '<html lang="ru">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_signed_in_navigation_follows_the_chosen_language() -> None:
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    client = Client()
    client.force_login(person.user)
    client.post(reverse("set_language"), {"language": "en", "next": "/me/"})
    text = client.get("/me/").content.decode()
    for word in ("Commission", "My applications", "Log out (ivanov)", "No applications yet."):
        assert word in text
    client.post(reverse("set_language"), {"language": "kk", "next": "/me/"})
    text = client.get("/me/").content.decode()
    assert '<html lang="kk">' in text
    for word in ("Хабарландырулар", "Менің өтініштерім", "Шығу (ivanov)"):
        assert word in text


@pytest.mark.django_db
def test_an_unknown_language_cookie_falls_back_to_russian() -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    text = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="ru">' in text and "Объявления" in text


@pytest.mark.django_db
def test_a_request_in_english_leaves_nothing_active_afterwards() -> None:
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.get("/")
    assert translation.get_language() == settings.LANGUAGE_CODE == "ru"


def test_service_errors_speak_the_active_language() -> None:
    empty = SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf")
    with pytest.raises(services.ServiceError) as russian:
        uploads.check_upload(empty, field="passport")
    assert russian.value.message == "Файл пуст."
    with translation.override("en"), pytest.raises(services.ServiceError) as english:
        uploads.check_upload(empty, field="passport")
    assert english.value.message == "The file is empty."
    assert english.value.field == "passport"


# --------------------------------------------------------------------------- the catalogues


def test_every_english_msgid_is_translated() -> None:
    entries = catalogue("en")[1:]
    assert len(entries) > 400
    untranslated = [e.msgid for e in entries if not e.translated]
    assert untranslated == []
    still_russian = [e.msgid for e in entries if re.search("[А-Яа-яЁё]", " ".join(e.forms))]
    assert still_russian == []
    broken = [
        e.msgid
        for e in entries
        for text in e.forms
        if placeholders(e.fields.get("msgid_plural", e.msgid)) != placeholders(text)
    ]
    assert broken == []


def test_kazakh_catalogue_translates_the_frame_navigation_and_login() -> None:
    entries = catalogue("kk")
    header = entries[0].msgstr
    assert "Language: kk\n" in header and "charset=UTF-8" in header
    assert "fuzzy" not in entries[0].flags
    translated = {e.msgid: e.msgstr for e in entries[1:] if e.translated}
    assert [m for m in KAZAKH_SCOPE if m not in translated] == []
    assert translated["Выйти (%(username)s)"] == "Шығу (%(username)s)"


@pytest.mark.parametrize("language", LANGUAGES)
def test_both_catalogues_hold_the_same_msgids(language: str) -> None:
    english = {e.msgid for e in catalogue("en")}
    assert {e.msgid for e in catalogue(language)} == english


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_mo_matches_the_po(language: str) -> None:
    """The committed .mo holds exactly the translated, non-fuzzy entries of the .po."""
    directory = LOCALE / language / "LC_MESSAGES"
    with (directory / "django.mo").open("rb") as handle:
        compiled: dict[Any, str] = dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]
    compiled.pop("", None)
    expected: dict[Any, str] = {}
    for e in catalogue(language)[1:]:
        if not e.translated:
            continue
        if "msgid_plural" in e.fields:  # gettext keeps each plural form as (msgid, n)
            expected.update({(e.msgid, n): text for n, text in enumerate(e.forms)})
        else:
            expected[e.msgid] = e.msgstr
    assert set(compiled) == set(expected), "run `make messages` (msgids differ)"
    assert compiled == expected, "run `make messages` (translations differ)"
