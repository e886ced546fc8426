"""DOCX layouts of the PK forms (see ``rezerv.documents.pk`` for their contexts)."""

from __future__ import annotations

from collections.abc import Callable

BUILDERS: dict[str, Callable[[], object]] = {}
