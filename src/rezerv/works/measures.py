"""What a written work measures: words, pages, fonts, sizes, line spacing, a references section.

Pure data; the readers of typed text, DOCX and PDF (``text_reader``, ``docx_reader``,
``pdf_reader``) fill it, ``limits`` compares it with the regulation's limits.

The word-count rule (stated to the candidate, ``WORD_RULE``): a word is an unbroken run of
letters or digits; words joined by a hyphen or an apostrophe («северо-запад», «О'Брайен») are
one word; punctuation, dashes and lone symbols are not words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

WORD = re.compile(r"[^\W_]+(?:[-‐‑'’][^\W_]+)*")

WORD_RULE = _(
    "Словом считается непрерывная последовательность букв или цифр; слова, соединённые дефисом "
    "или апострофом («северо-запад»), считаются одним словом; знаки препинания, тире и "
    "отдельные символы словами не считаются."
)

# A heading that opens the list of references (Russian, Kazakh, English).
REFERENCES = re.compile(
    r"^\s*(\d+[.)]?\s*)?(список\s+(использованн\w+\s+|рекомендуем\w+\s+)?"
    r"(литературы|источников)|библиограф\w*|литература|использованные\s+источники|"
    r"источники|пайдаланыл\w+\s+әдебиет\w*|әдебиеттер(\s+тізімі)?|references|bibliography)"
    r"\s*[:.]?\s*$",
    re.IGNORECASE,
)

# A title page holds little text: a first page with fewer words than this is taken as one.
TITLE_PAGE_WORDS = 120


def count_words(text: str) -> int:
    return len(WORD.findall(text))


def is_references_heading(line: str) -> bool:
    return bool(REFERENCES.match(line)) and len(line) < 80


def font_key(name: str) -> str:
    """A font's name compared without subset prefix, case, spaces and PostScript suffixes
    («ABCDEF+TimesNewRomanPSMT» and «Times New Roman» are the same font)."""
    name = name.split("+", 1)[-1] if re.match(r"^[A-Z]{6}\+", name) else name
    return re.sub(r"[^a-z0-9]", "", name.lower())


def same_font(found: str, wanted: str) -> bool:
    return font_key(found).startswith(font_key(wanted))


@dataclass
class Measures:
    """The measured facts of one work; ``pages`` is counted without the excluded parts."""

    format: str
    text: str
    words: int
    pages: int | None = None
    pages_total: int | None = None
    pages_method: str = ""
    title_page: bool = False
    references: bool = False
    fonts: Counter[str] = field(default_factory=Counter)
    sizes: Counter[str] = field(default_factory=Counter)
    spacings: Counter[str] = field(default_factory=Counter)

    def as_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "words": self.words,
            "pages": self.pages,
            "pages_total": self.pages_total,
            "pages_method": self.pages_method,
            "title_page": self.title_page,
            "references": self.references,
            "fonts": dict(self.fonts),
            "sizes": dict(self.sizes),
            "spacings": dict(self.spacings),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], text: str = "") -> Measures:
        return cls(
            format=data.get("format", ""),
            text=text,
            words=int(data.get("words", 0)),
            pages=data.get("pages"),
            pages_total=data.get("pages_total"),
            pages_method=data.get("pages_method", ""),
            title_page=bool(data.get("title_page")),
            references=bool(data.get("references")),
            fonts=Counter(data.get("fonts", {})),
            sizes=Counter(data.get("sizes", {})),
            spacings=Counter(data.get("spacings", {})),
        )


def text_measures(text: str) -> Measures:
    """Typed text: words and a references section; no pages, fonts or spacing."""
    lines = text.splitlines()
    return Measures(
        format="text",
        text=text,
        words=count_words(text),
        references=any(is_references_heading(line) for line in lines),
    )


def body_pages(
    page_words: list[int], refs_page: int | None, refs_at_top: bool, exclude: list[str]
) -> tuple[int, bool]:
    """Pages without the title page and the references (as ``exclude`` asks), and whether
    a title page was found. ``page_words``: words per page; ``refs_page``: the page where the
    references heading stands (None: no heading); ``refs_at_top``: nothing of the body precedes
    it on that page."""
    total = len(page_words)
    title = bool(page_words) and total > 1 and page_words[0] < TITLE_PAGE_WORDS
    pages = total
    if "title" in exclude and title:
        pages -= 1
    if "references" in exclude and refs_page is not None:
        pages -= total - refs_page - (0 if refs_at_top else 1)
    return max(pages, 0), title
