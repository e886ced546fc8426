"""Uploaded documents are checked by content (magic bytes), not by extension, and by size."""

from __future__ import annotations

import hashlib

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext

ALLOWED = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.oasis.opendocument.text": "ODT",
}


def check_upload(
    upload: UploadedFile[bytes], *, field: str
) -> tuple[UploadedFile[bytes], str, str]:
    """Return (upload, content type, sha256) or raise with a message naming the field."""
    from rezerv.selection.services import ServiceError

    limit = int(settings.REZERV_MAX_UPLOAD_BYTES)
    size = upload.size or 0
    if size == 0:
        raise ServiceError(gettext("Файл пуст."), field)
    if size > limit:
        raise ServiceError(
            gettext("Файл %(size).1f МБ больше допустимых %(limit).0f МБ.")
            % {"size": size / 1048576, "limit": limit / 1048576},
            field,
        )
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED:
        found = kind.mime if kind is not None else gettext("неизвестный формат")
        allowed = ", ".join(sorted(set(ALLOWED.values())))
        raise ServiceError(
            gettext("Содержимое файла не является документом (%(found)s); допустимы: %(allowed)s.")
            % {"found": found, "allowed": allowed},
            field,
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return upload, kind.mime, digest.hexdigest()
