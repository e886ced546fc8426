"""A PDF read with pypdf (KM-22, AK-9): exact pages without the title page and the references,
the words, the fonts and sizes of the text. The PDF is made here with WeasyPrint."""

from __future__ import annotations

from weasyprint import HTML

from rezerv.works.pdf_reader import read_pdf
from tests.works.makedocs import words


def _pdf(pages: int, *, title: bool = True, references: bool = True) -> bytes:
    parts = ["<p>Реферат на тему: государственная служба</p>"] if title else []
    parts += [f"<p>{words(150, page)}</p>" for page in range(pages)]
    if references:
        parts.append("<p>Список использованной литературы</p><p>1. Конституция.</p>")
    body = '<div style="page-break-after: always"></div>'.join(parts)
    html = f'<html><body style="font-family: serif; font-size: 14pt">{body}</body></html>'
    return HTML(string=html).write_pdf()


def test_km22_pdf_pages_counted_without_title_and_references() -> None:
    measures = read_pdf(_pdf(7), ["title", "references"])
    assert measures.pages_total == 9
    assert measures.pages == 7 and measures.title_page and measures.references
    assert measures.words == 7 * 150 + 5 + 3 + 2


def test_ak9_pdf_of_four_pages_reads_four_and_its_font_size() -> None:
    measures = read_pdf(_pdf(4, title=False, references=False), [])
    assert measures.pages == 4 and not measures.references
    assert measures.sizes.most_common(1)[0][0] == "14"
    assert measures.fonts  # the embedded font's name, e.g. DejaVuSerif or LiberationSerif
