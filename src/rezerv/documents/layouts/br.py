"""DOCX layouts of the BR forms (see ``rezerv.documents.br`` for their contexts)."""

from __future__ import annotations

from collections.abc import Callable

BUILDERS: dict[str, Callable[[], object]] = {}
