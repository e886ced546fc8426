"""A checked spreadsheet waits for its confirmation in Django's file storage (issue 14: stateless
app servers: the confirmation may reach another app server than the check did)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from rezerv.spreadsheets import pending


def test_a_pending_file_is_kept_read_and_discarded_through_the_storage(settings: Any) -> None:
    data = b"a,b\n1,2\n"
    token = pending.store(SimpleUploadedFile("my name.csv", data))
    assert pending.exists(token)
    assert default_storage.exists(f"imports/{token}")  # the random token, never the file's name
    with pending.open_file(token) as handle:
        assert handle.read() == data
    assert pending.sha256(token) == hashlib.sha256(data).hexdigest()
    mode = stat.S_IMODE(os.stat(Path(settings.MEDIA_ROOT) / "imports" / token).st_mode)
    assert mode == 0o600  # the application's user only
    pending.discard(token)
    assert not pending.exists(token)


@pytest.mark.parametrize("token", ["../secret", "x" * 32, "", "0" * 31])
def test_only_tokens_name_pending_files(token: str) -> None:
    with pytest.raises(ValueError):
        pending.open_file(token)


def test_sweep_removes_files_older_than_a_day_only(settings: Any) -> None:
    old = pending.store(SimpleUploadedFile("a.csv", b"old"))
    new = pending.store(SimpleUploadedFile("b.csv", b"new"))
    path = Path(settings.MEDIA_ROOT) / "imports" / old
    two_days_ago = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
    os.utime(path, (two_days_ago, two_days_ago))
    pending.sweep()
    assert not pending.exists(old)
    assert pending.exists(new)


def test_sweep_with_nothing_pending(settings: Any) -> None:
    pending.sweep()
