"""A PDF read with pypdf: the pages (exact), the text, and the fonts and sizes its text is set in.

Line spacing is not read from a PDF (its lines are positioned glyphs, not paragraphs with a
spacing): the commission judges it on the file.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from decimal import Decimal
from typing import Any

from pypdf import PdfReader

from rezerv.works.measures import Measures, body_pages, count_words, is_references_heading


def _label(value: float) -> str:
    return str(Decimal(str(round(value * 2) / 2)).normalize())


def read_pdf(data: bytes, exclude: list[str]) -> Measures:
    reader = PdfReader(io.BytesIO(data))
    fonts: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    page_words: list[int] = []
    texts: list[str] = []
    refs_page: int | None = None
    refs_at_top = False

    for index, page in enumerate(reader.pages):

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
            chars = len(text.strip())
            if not chars or font is None:
                return
            name = str(font.get("/BaseFont", "")).lstrip("/")
            scale = math.hypot(float(tm[2]), float(tm[3])) * math.hypot(float(cm[2]), float(cm[3]))
            fonts[name.split("+", 1)[-1]] += chars
            sizes[_label(float(size) * (scale or 1.0))] += chars

        text = page.extract_text(visitor_text=visit) or ""
        texts.append(text)
        lines = [line for line in text.splitlines() if line.strip()]
        for n, line in enumerate(lines):
            if refs_page is None and is_references_heading(line):
                refs_page = index
                refs_at_top = count_words(" ".join(lines[:n])) < 20
        page_words.append(count_words(text))
    pages, title = body_pages(page_words, refs_page, refs_at_top, exclude)
    full = "\n".join(texts)
    return Measures(
        format="pdf",
        text=full,
        words=count_words(full),
        pages=pages,
        pages_total=len(page_words),
        pages_method="pdf",
        title_page=title,
        references=refs_page is not None,
        fonts=fonts,
        sizes=sizes,
    )
