"""DOCX layouts of the TP forms (see ``rezerv.documents.tp`` for their contexts)."""

from __future__ import annotations

from collections.abc import Callable

BUILDERS: dict[str, Callable[[], object]] = {}
