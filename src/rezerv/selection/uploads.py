"""Uploaded documents are checked by content (magic bytes), not by extension, and by size, and
refused when they carry active content or are two formats at once (``file_safety``)."""

from __future__ import annotations

import hashlib

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext

from rezerv.selection import file_safety

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
    upload.seek(0)
    data = upload.read()  # at most REZERV_MAX_UPLOAD_BYTES (checked above)
    upload.seek(0)
    refuse_unsafe(data, kind.mime, field=field)
    return upload, kind.mime, hashlib.sha256(data).hexdigest()


def refuse_unsafe(data: bytes, mime: str, *, field: str) -> None:
    """Raise with every reason :mod:`rezerv.selection.file_safety` finds, and the antivirus's."""
    from rezerv.selection.services import ServiceError

    reasons = file_safety.problems(data, mime)
    try:
        virus = file_safety.scan_with_clamd(data)
    except OSError:
        reasons.append(gettext("антивирусная проверка недоступна; попробуйте позже"))
    else:
        if virus:
            reasons.append(gettext("антивирус обнаружил %(name)s") % {"name": virus})
    if reasons:
        raise ServiceError(
            gettext("Файл не принят: %(reasons)s.") % {"reasons": "; ".join(reasons)}, field
        )
