"""A checked spreadsheet kept until the officer confirms or cancels its import.

Kept through Django's storage API (``default_storage``: local disk, or the S3-compatible object
storage of the production settings) under ``imports/<random token>``, never the user's file name,
so that the confirmation may reach another app server than the check did.  Only the session knows
the token.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import IO, Any

from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "imports"
STALE = dt.timedelta(hours=24)


def _name(token: str) -> str:
    if len(token) != 32 or any(c not in "0123456789abcdef" for c in token):
        raise ValueError("not a token of a pending file")
    return f"{FOLDER}/{token}"


def store(upload: Any) -> str:
    """Keep ``upload`` (an uploaded file); its token."""
    token = secrets.token_hex(16)
    saved = default_storage.save(_name(token), upload)
    if saved != _name(token):  # a storage that renamed it: 128 random bits taken already
        default_storage.delete(saved)
        raise FileExistsError(saved)
    return token


def open_file(token: str) -> IO[bytes]:
    """The kept file, opened for reading (the caller closes it)."""
    handle: IO[bytes] = default_storage.open(_name(token), "rb")
    return handle


def exists(token: str) -> bool:
    return bool(default_storage.exists(_name(token)))


def sha256(token: str) -> str:
    digest = hashlib.sha256()
    with open_file(token) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def discard(token: str) -> None:
    default_storage.delete(_name(token))


def sweep() -> None:
    """Remove the files of uploads that were never confirmed nor cancelled (older than a day)."""
    if not default_storage.exists(FOLDER):
        return
    limit = timezone.now() - STALE
    for filename in default_storage.listdir(FOLDER)[1]:
        name = f"{FOLDER}/{filename}"
        try:
            if default_storage.get_modified_time(name) < limit:
                default_storage.delete(name)
        except (FileNotFoundError, NotImplementedError):
            continue
