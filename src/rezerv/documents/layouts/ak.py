"""DOCX layouts of the AK forms (see ``rezerv.documents.ak`` for their contexts)."""

from __future__ import annotations

from collections.abc import Callable

BUILDERS: dict[str, Callable[[], object]] = {}
