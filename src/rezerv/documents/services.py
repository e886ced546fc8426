"""Writes and audited reads of documents: every download and every template upload is audited.

Audit events name the form, the format and the subject's identifier, never a person.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template import TemplateSyntaxError, engines
from django.utils.translation import gettext
from docxtpl import DocxTemplate
from jinja2 import TemplateError

from rezerv.documents import registry, rendering
from rezerv.documents.access import DocumentRef
from rezerv.documents.models import DocumentTemplate
from rezerv.selection.models import StateBody
from rezerv.selection.services import ServiceError, audit


@dataclass(frozen=True)
class RenderedDocument:
    content: bytes
    filename: str
    content_type: str


def document_available(ref: DocumentRef) -> bool:
    campaign = ref.campaign
    return registry.applies(ref.spec, campaign.regulation.load().regulation) and bool(
        ref.spec.available(ref.subject)
    )


def document_render(*, actor: Any, ref: DocumentRef, fmt: str) -> RenderedDocument:
    """Fill the form from recorded data and render it; audited (``document.download``)."""
    if fmt not in ref.spec.formats:
        raise ServiceError(gettext("Неизвестный формат документа: %(fmt)s.") % {"fmt": fmt}, "fmt")
    with registry.rendering_memo(ref.subject):
        content = _render(ref, fmt)
    audit(
        actor=actor,
        action="document.download",
        obj=ref.subject,
        campaign=ref.campaign,
        changes={"form": ref.spec.code, "format": fmt},
    )
    return RenderedDocument(
        content=content,
        filename=ref.spec.filename(ref.subject, fmt),
        content_type=rendering.CONTENT_TYPES[fmt],
    )


def _render(ref: DocumentRef, fmt: str) -> bytes:
    if not document_available(ref):
        raise ServiceError(gettext("Этот документ ещё не сформирован: нет нужных данных."))
    try:
        context = ref.spec.build(ref.subject)
    except LookupError as exc:
        raise ServiceError(gettext("Этот документ ещё не сформирован: нет нужных данных.")) from exc
    try:
        return rendering.render(ref.spec, fmt, context, ref.campaign.body_id)
    except (TemplateError, TemplateSyntaxError) as exc:
        raise ServiceError(
            gettext("Шаблон формы «%(form)s» содержит ошибку: %(error)s")
            % {"form": ref.spec.title, "error": exc}
        ) from exc
    except rendering.PageCountError as exc:
        raise ServiceError(
            gettext(
                "Форма «%(form)s»: %(expected)s документов заняли %(got)s страниц; каждый должен "
                "занимать одну страницу — проверьте шаблон."
            )
            % {"form": ref.spec.title, "expected": exc.expected, "got": exc.got}
        ) from exc


# --------------------------------------------------------------------------- organisation templates


def _check_docx(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ServiceError(gettext("Файл не является документом Word (DOCX)."), "file")
    except zipfile.BadZipFile as exc:
        raise ServiceError(gettext("Файл не является документом Word (DOCX)."), "file") from exc
    try:
        DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables(
            jinja_env=rendering.jinja_env()
        )
    except TemplateError as exc:
        raise ServiceError(
            gettext("Ошибка в полях шаблона: %(error)s") % {"error": exc}, "file"
        ) from exc
    except Exception as exc:  # python-docx refuses a broken package in many ways
        raise ServiceError(gettext("Файл не является документом Word (DOCX)."), "file") from exc


def _check_html(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ServiceError(gettext("Шаблон HTML должен быть в кодировке UTF-8."), "file") from exc
    try:
        engines["django"].from_string(text)
    except TemplateSyntaxError as exc:
        raise ServiceError(
            gettext("Ошибка в шаблоне HTML: %(error)s") % {"error": exc}, "file"
        ) from exc


@transaction.atomic
def template_upload(
    *,
    actor: Any,
    form_code: str,
    fmt: str,
    body: StateBody | None,
    upload: UploadedFile[bytes],
    note: str = "",
) -> DocumentTemplate:
    """Store an organisation's template; from now on it replaces the bundled one for ``body``."""
    if registry.get(form_code) is None:
        raise ServiceError(gettext("Нет такой формы документа."), "form_code")
    if fmt not in (DocumentTemplate.DOCX, DocumentTemplate.HTML):
        raise ServiceError(gettext("Выберите формат шаблона: DOCX или HTML."), "fmt")
    size = upload.size or 0
    limit = int(settings.REZERV_MAX_UPLOAD_BYTES)
    if size == 0:
        raise ServiceError(gettext("Файл пуст."), "file")
    if size > limit:
        raise ServiceError(
            gettext("Файл %(size).1f МБ больше допустимых %(limit).0f МБ.")
            % {"size": size / 1048576, "limit": limit / 1048576},
            "file",
        )
    upload.seek(0)
    data = upload.read()
    if fmt == DocumentTemplate.DOCX:
        _check_docx(data)
    else:
        _check_html(data)
    upload.seek(0)
    template = DocumentTemplate(
        form_code=form_code,
        fmt=fmt,
        body=body,
        sha256=hashlib.sha256(data).hexdigest(),
        note=note,
        uploaded_by=actor,
    )
    template.file.save(f"{form_code}.{fmt}", upload, save=False)
    template.save()
    audit(
        actor=actor,
        action="document_template.upload",
        obj=template,
        changes={"form": form_code, "format": fmt, "body": body.pk if body else None},
    )
    return template


@transaction.atomic
def template_delete(*, actor: Any, template: DocumentTemplate) -> None:
    """Remove an organisation's template: the previous one (or the bundled one) applies again."""
    audit(
        actor=actor,
        action="document_template.delete",
        obj=template,
        changes={"form": template.form_code, "format": template.fmt, "body": template.body_id},
    )
    template.file.delete(save=False)
    template.delete()
