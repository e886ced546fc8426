"""What the bundled regulations declare that scenarios fill in: document checklists and the
criteria of score sheets (pure: the engine's loader, no Django)."""

from __future__ import annotations

from rezerv.engine.loader import load_regulation


def documents(code: str, checklist: str = "general") -> list[str]:
    """The documents ``checklist`` of regulation ``code`` requires (KM-5: ``general``)."""
    declared = load_regulation(code).regulation.documents
    assert declared is not None, code
    return list(declared.checklist(checklist).required)


ENTERED = frozenset({"points", "options", "descriptors"})


def criteria(code: str, method: str) -> list[str]:
    """The criteria of the score sheet of ``method`` in regulation ``code`` that a member or the
    desk enters (not those computed from facts or an earlier stage), in sheet order."""
    reg = load_regulation(code).regulation
    sheet = reg.method(method).sheet
    assert sheet is not None, (code, method)
    return [c.id for c in reg.sheet(sheet).criteria if c.kind in ENTERED and c.fact is None]
