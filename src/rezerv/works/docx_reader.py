"""A DOCX read with python-docx: its text, the fonts, sizes and line spacing of its characters,
the references section, and the pages (KM-22, AK-9).

Pages: a DOCX holds no page layout of its own. A file saved by Word carries the page breaks Word
laid out (``w:lastRenderedPageBreak``): then those are counted. Otherwise the pages are
*estimated* from the document's own page settings (page size and margins of its first section),
each paragraph's font size, line spacing and spacing after it, an average character width of
half the font size, and the explicit page breaks; the estimate may differ from Word's by about a
page, and the commission sees the file itself.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from decimal import Decimal
from typing import Any

import docx
from docx.shared import Length, Pt
from docx.text.paragraph import Paragraph

from rezerv.works.measures import Measures, body_pages, count_words, is_references_heading

# Word's line of single spacing is about 1.15 of the font size for Times New Roman.
LINE_FACTOR = 1.15
CHAR_WIDTH = 0.5  # of the font size, on average for Cyrillic and Latin text
DEFAULT_SIZE = Pt(11)


class _Styles:
    """The document's defaults (``w:docDefaults``) and its styles' chain of base styles."""

    def __init__(self, document: Any) -> None:
        root = document.styles.element
        self.font = _first(root, "w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:ascii")
        size = _first(root, "w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val")
        self.size = Pt(int(size) / 2) if size else DEFAULT_SIZE
        line = _first(root, "w:docDefaults/w:pPrDefault/w:pPr/w:spacing/@w:line")
        rule = _first(root, "w:docDefaults/w:pPrDefault/w:pPr/w:spacing/@w:lineRule")
        self.spacing = int(line) / 240 if line and rule in (None, "auto") else 1.0

    def chain(self, style: Any) -> list[Any]:
        out: list[Any] = []
        while style is not None and len(out) < 20:
            out.append(style)
            style = style.base_style
        return out


def _first(root: Any, path: str) -> str | None:
    found = root.xpath(path)
    return str(found[0]) if found else None


def _font(run: Any, chain: list[Any], styles: _Styles) -> str:
    if run.font.name:
        return str(run.font.name)
    for style in chain:
        if style.font.name:
            return str(style.font.name)
    return styles.font or "Calibri"


def _size(run: Any, chain: list[Any], styles: _Styles) -> Length:
    if run.font.size:
        return run.font.size  # type: ignore[no-any-return]
    for style in chain:
        if style.font.size:
            return style.font.size  # type: ignore[no-any-return]
    return styles.size


def _spacing(par: Paragraph, chain: list[Any], size: Length, styles: _Styles) -> float:
    formats = [par.paragraph_format, *(s.paragraph_format for s in chain)]
    for fmt in formats:
        value = fmt.line_spacing
        if value is None:
            continue
        if isinstance(value, Length):  # exact or at least: points, as a multiple of the size
            return float(value.pt) / (float(size.pt) * LINE_FACTOR)
        return float(value)
    return styles.spacing


def _space_after(par: Paragraph, chain: list[Any]) -> float:
    for fmt in [par.paragraph_format, *(s.paragraph_format for s in chain)]:
        if fmt.space_after is not None:
            return float(fmt.space_after.pt)
    return 0.0


def _explicit_break_before(par: Paragraph, chain: list[Any]) -> bool:
    return any(
        f.page_break_before for f in [par.paragraph_format, *(s.paragraph_format for s in chain)]
    )


def _breaks_inside(par: Paragraph) -> int:
    return len(par._p.xpath(".//w:br[@w:type='page']")) + len(par._p.xpath(".//w:sectPr"))


def _label(value: float) -> str:
    return str(Decimal(str(round(value, 1))).normalize())


def _pt(value: Length | None, default: float) -> float:
    """A length in points (EMU / 12700); a missing one is the default."""
    return int(value) / 12700 if value is not None else default


def read_docx(data: bytes, exclude: list[str]) -> Measures:
    document = docx.Document(io.BytesIO(data))
    styles = _Styles(document)
    section = document.sections[0]
    width = (
        _pt(section.page_width, 595) - _pt(section.left_margin, 72) - _pt(section.right_margin, 72)
    )
    height = (
        _pt(section.page_height, 842) - _pt(section.top_margin, 72) - _pt(section.bottom_margin, 72)
    )
    rendered = any(par._p.xpath(".//w:lastRenderedPageBreak") for par in document.paragraphs)
    fonts: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    spacings: Counter[str] = Counter()
    page_words: list[int] = [0]
    used = 0.0
    refs_page: int | None = None
    refs_at_top = False
    lines: list[str] = []
    for par in document.paragraphs:
        chain = styles.chain(par.style)
        text = par.text
        words = count_words(text)
        sizes_here = [float(_size(r, chain, styles).pt) for r in par.runs if r.text.strip()]
        size_pt = max(sizes_here) if sizes_here else float(styles.size.pt)
        spacing = _spacing(par, chain, Pt(size_pt), styles)
        for run in par.runs:
            chars = len(run.text.strip())
            if chars:
                fonts[_font(run, chain, styles)] += chars
                sizes[_label(float(_size(run, chain, styles).pt))] += chars
        if text.strip():
            spacings[_label(spacing)] += len(text.strip())
        # where the paragraph starts
        if rendered:
            for _ in par._p.xpath(".//w:lastRenderedPageBreak"):
                page_words.append(0)
        elif _explicit_break_before(par, chain) and used > 0:
            page_words.append(0)
            used = 0.0
        if is_references_heading(text) and refs_page is None:
            refs_page = len(page_words) - 1
            refs_at_top = page_words[-1] == 0
        page_words[-1] += words
        lines.append(text)
        if not rendered:
            per_line = max(1, int(width / (size_pt * CHAR_WIDTH)))
            count = max(1, math.ceil(len(text) / per_line))
            line_height = size_pt * LINE_FACTOR * spacing
            for _ in range(count):
                if used + line_height > height:
                    page_words.append(0)
                    used = 0.0
                used += line_height
            used += _space_after(par, chain)
            for _ in range(_breaks_inside(par)):
                page_words.append(0)
                used = 0.0
    pages, title = body_pages(page_words, refs_page, refs_at_top, exclude)
    full = "\n".join(lines)
    return Measures(
        format="docx",
        text=full,
        words=count_words(full),
        pages=pages,
        pages_total=len(page_words),
        pages_method="rendered" if rendered else "estimate",
        title_page=title,
        references=refs_page is not None,
        fonts=fonts,
        sizes=sizes,
        spacings=spacings,
    )
