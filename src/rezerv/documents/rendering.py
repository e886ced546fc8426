"""Render a form: the template of the body (``DocumentTemplate``), else the bundled one.

* DOCX — docxtpl (Jinja in the Word file, rendered in a sandbox with autoescaping, so a template
  uploaded by an organisation can read the context and nothing else); bundled templates are
  ``docx/<code>.docx``, made by ``build_templates.py``.
* PDF — a Django HTML template (``templates/documents/<code>.html``, extending
  ``documents/base.html``: A4, page numbers through CSS ``@page`` counters, a footer) rendered by
  WeasyPrint as PDF/UA-1 (ГОСТ Р 52872-2019, readable by a screen reader): tagged (the headings,
  paragraphs and tables keep their structure), with the document's language (``lang`` of the
  ``<html>``) and title (its ``<title>``), shown by a viewer instead of the file's name.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db.models import Q
from django.template import engines
from django.template.loader import get_template
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from rezerv.documents.common import DOCUMENT_LANGUAGE_TAGS
from rezerv.documents.models import DocumentTemplate
from rezerv.documents.registry import FormSpec

DOCX_DIR = Path(__file__).resolve().parent / "docx"
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "zip": "application/zip",
}
FORMATS = ("docx", "pdf")  # every form; a form with ``page_files`` also "zip"
PDF_VARIANT = "pdf/ua-1"  # tagged PDF for accessibility (WeasyPrint's PDF/UA-1 profile)


def bundled_docx(code: str) -> Path:
    return DOCX_DIR / f"{code}.docx"


def bundled_html(code: str) -> str:
    return f"documents/{code}.html"


def override_for(code: str, template_format: str, body_id: int | None) -> DocumentTemplate | None:
    """The newest template uploaded for the body, else the newest one for every body."""
    found = (
        DocumentTemplate.objects.filter(form_code=code, fmt=template_format)
        .filter(Q(body_id=body_id) | Q(body__isnull=True))
        .order_by("body_id", "-uploaded_at", "-pk")
    )
    own = [t for t in found if t.body_id is not None]
    if own:
        return own[0]
    return next(iter(found), None)


def jinja_env() -> SandboxedEnvironment:
    """Jinja for DOCX templates: sandboxed (an uploaded template reads the context only)."""
    return SandboxedEnvironment(autoescape=True)


def render_docx(source: Any, context: dict[str, Any]) -> bytes:
    """``source``: a path or a binary file of a DOCX template.  The file's language (its core
    property) is the document's (``document_language``: Kazakh for a bilingual one); its runs
    carry their own (the bundled layouts mark the Kazakh parts, the rest is Russian)."""
    doc = DocxTemplate(source)
    doc.render(context, jinja_env=jinja_env(), autoescape=True)
    language = str(context.get("document_language") or "ru")
    doc.core_properties.language = DOCUMENT_LANGUAGE_TAGS.get(language, language)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_html(code: str, context: dict[str, Any], override: DocumentTemplate | None) -> str:
    if override is not None:
        with override.file.open("rb") as fh:
            text = fh.read().decode("utf-8")
        return engines["django"].from_string(text).render(context)
    return get_template(bundled_html(code)).render(context)


@lru_cache(maxsize=1)
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


# A plain ``<style>`` element (no attributes): its text is parsed once per process and reused.
STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.DOTALL | re.IGNORECASE)


@lru_cache(maxsize=1)
def _fetcher() -> Any:
    """One fetcher for every PDF (making one costs milliseconds: it prepares an SSL context)."""
    from weasyprint.urls import URLFetcher

    # Templates load nothing from files or the network (an uploaded one included): data: only.
    return URLFetcher(allowed_protocols=["data"])


@lru_cache(maxsize=128)
def _stylesheet(text: str) -> Any:
    """A parsed stylesheet, kept: parsing the same CSS for every PDF was a sixth of the time."""
    from weasyprint import CSS

    return CSS(
        string=text, base_url=str(DOCX_DIR), url_fetcher=_fetcher(), font_config=_font_config()
    )


def _laid_out(html: str) -> Any:
    from weasyprint import HTML

    sheets = [_stylesheet(text) for text in STYLE_ELEMENT.findall(html)]
    document = HTML(
        string=STYLE_ELEMENT.sub("", html), base_url=str(DOCX_DIR), url_fetcher=_fetcher()
    )
    return document.render(stylesheets=sheets, font_config=_font_config())


def html_to_pdf(html: str) -> bytes:
    """The PDF of ``html``; its plain ``<style>`` elements become cached stylesheets.

    They are applied in the order they appear, after any ``<style>`` with attributes and any
    ``<link>`` (which a template should not have: nothing is fetched but ``data:`` URIs).
    """
    return bytes(_laid_out(html).write_pdf(pdf_variant=PDF_VARIANT))


def html_to_page_pdfs(html: str) -> list[bytes]:
    """One PDF per page of ``html``, laid out once (a cycle's certificates, one per holder)."""
    document = _laid_out(html)
    return [
        bytes(document.copy([page]).write_pdf(pdf_variant=PDF_VARIANT)) for page in document.pages
    ]


def page_files_zip(spec: FormSpec, context: dict[str, Any], body_id: int | None) -> bytes:
    """A ZIP of one PDF per page, named by ``spec.page_files``; refused when a part ran over
    one page (the names and the pages would not match)."""
    assert spec.page_files is not None
    names = spec.page_files(context)
    override = override_for(spec.code, DocumentTemplate.HTML, body_id)
    pages = html_to_page_pdfs(render_html(spec.code, context, override))
    if len(pages) != len(names):
        raise PageCountError(len(names), len(pages))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:  # PDFs are compressed already
        for name, pdf in zip(names, pages, strict=True):
            archive.writestr(f"{name}.pdf", pdf)
    return out.getvalue()


class PageCountError(Exception):
    def __init__(self, expected: int, got: int) -> None:
        super().__init__(f"{expected} documents came to {got} pages")
        self.expected, self.got = expected, got


def render(spec: FormSpec, fmt: str, context: dict[str, Any], body_id: int | None) -> bytes:
    """The document's bytes in ``fmt`` (``docx`` or ``pdf``)."""
    if fmt == "docx":
        override = override_for(spec.code, DocumentTemplate.DOCX, body_id)
        if override is not None:
            with override.file.open("rb") as fh:
                return render_docx(io.BytesIO(fh.read()), context)
        return render_docx(bundled_docx(spec.code), context)
    if fmt == "pdf":
        override = override_for(spec.code, DocumentTemplate.HTML, body_id)
        return html_to_pdf(render_html(spec.code, context, override))
    if fmt == "zip" and spec.page_files is not None:
        return page_files_zip(spec, context, body_id)
    raise ValueError(f"unknown format {fmt!r}")
