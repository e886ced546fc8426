"""The copy of a work the scorers download: the file's metadata that may name the author removed
(KM-22, KM-23: anonymous works).

DOCX: the core properties (author, last modified by, title, subject, keywords, comments,
category) emptied, the extended properties' company and manager removed, comments' authors
replaced, the revision count reset. PDF: rewritten without its document information and XMP
metadata.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
from pypdf import PdfReader, PdfWriter

CORE = ("author", "last_modified_by", "title", "subject", "keywords", "comments", "category")
APP_TAGS = re.compile(rb"<(Company|Manager)>.*?</\1>|<(Company|Manager)\s*/>", re.DOTALL)
AUTHOR_ATTR = re.compile(rb'w:(author|initials)="[^"]*"')


def strip_docx(data: bytes) -> bytes:
    document = docx.Document(io.BytesIO(data))
    props = document.core_properties
    for name in CORE:
        setattr(props, name, "")
    props.revision = 1
    saved = io.BytesIO()
    document.save(saved)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(saved.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "docProps/app.xml":
                body = APP_TAGS.sub(b"", body)
            elif item.filename.startswith("word/") and item.filename.endswith(".xml"):
                body = AUTHOR_ATTR.sub(rb'w:\1=""', body)
            dst.writestr(item, body)
    return out.getvalue()


def strip_pdf(data: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.add_metadata({"/Producer": ""})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stripped(data: bytes, fmt: str) -> bytes:
    if fmt == "docx":
        return strip_docx(data)
    if fmt == "pdf":
        return strip_pdf(data)
    return data
