"""Both catalogues are complete: every msgid translated, nothing fuzzy, the placeholders kept.

The Russian msgid is the source text; ``en`` and ``kk`` translate all of it. A translation keeps
every placeholder of its msgid (``%(name)s`` with any format spec, ``%s``/``%d``, ``{name}``),
its HTML tags and its leading and trailing whitespace, and fills every plural form the header
declares. The catalogues are read with the small stdlib reader of ``test_i18n``.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.web.test_i18n import LANGUAGES, Entry, catalogue

NAMED = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[sdifr]")
POSITIONAL = re.compile(r"%[#0 +-]*\d*(?:\.\d+)?[sdifr]")
BRACED = re.compile(r"\{(\w*)\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
PLURAL_FORMS = re.compile(r"^Plural-Forms:\s*nplurals=(\d+);", re.M)

# Words Kazakh shares with Russian letter for letter: these msgstr may equal their msgid.
SHARED_WITH_RUSSIAN = {
    "Кандидат",
    "Код",
    "Комиссия",
    "Комиссия: %(name)s",
    "Орган",
    "Редакция",
    "Регламент",
    "СНИЛС",
    "Тест",
    "Файл",
    "Формат",
    "Шифр",
    "код",
    "комиссия",
    "комиссия: %(name)s",
    "конкурс",
    "редакция",
    "телефон",
    "файл",
    "формат",
    "шифр",
    "шкала",
}


def placeholders(text: str) -> tuple[set[str], list[str], set[str]]:
    """Named ``%(x)…`` placeholders, positional ``%s``/``%d`` in order, ``{x}`` fields."""
    text = text.replace("%%", "")
    named = {m.group(1) for m in NAMED.finditer(text)}
    positional = POSITIONAL.findall(NAMED.sub("", text))
    braced = set(BRACED.findall(text))
    return named, positional, braced


def translations(entry: Entry) -> list[str]:
    """The msgstr of an entry, or its msgstr[0], msgstr[1], … for a plural one."""
    return entry.forms


def nplurals(language: str) -> int:
    found = PLURAL_FORMS.search(catalogue(language)[0].msgstr)
    assert found is not None, f"{language}: the header declares no Plural-Forms"
    return int(found.group(1))


def edges(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_untranslated(language: str) -> None:
    entries = catalogue(language)[1:]
    assert len(entries) > 800
    untranslated = [e.msgid for e in entries if not all(translations(e))]
    assert untranslated == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy(language: str) -> None:
    fuzzy = [e.msgid for e in catalogue(language) if "fuzzy" in e.flags]
    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_the_placeholders_of_its_msgid(language: str) -> None:
    broken = []
    for e in catalogue(language)[1:]:
        source = e.fields.get("msgid_plural", e.msgid)
        for text in translations(e):
            if placeholders(text) != placeholders(source):
                broken.append((e.msgid, text))
    assert broken == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_html_tags_and_edge_whitespace(language: str) -> None:
    broken = []
    for e in catalogue(language)[1:]:
        shape = (Counter(TAG.findall(e.msgid)), edges(e.msgid))
        for text in translations(e):
            if (Counter(TAG.findall(text)), edges(text)) != shape:
                broken.append((e.msgid, text))
    assert broken == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_entries_fill_every_form_the_header_declares(language: str) -> None:
    count = nplurals(language)
    assert count == 2  # English and Kazakh: one form for n == 1, one for the rest
    forms = [f"msgstr[{n}]" for n in range(count)]
    for e in catalogue(language)[1:]:
        if "msgid_plural" in e.fields:
            assert sorted(k for k in e.fields if k.startswith("msgstr[")) == forms, e.msgid


def test_kazakh_translations_copy_neither_the_russian_nor_the_english() -> None:
    english = {e.msgid: translations(e) for e in catalogue("en")[1:]}
    kazakh = catalogue("kk")[1:]
    as_russian = sorted(e.msgstr for e in kazakh if e.msgstr == e.msgid)
    assert [m for m in as_russian if m not in SHARED_WITH_RUSSIAN] == []
    assert [e.msgid for e in kazakh if translations(e) == english[e.msgid]] == []
