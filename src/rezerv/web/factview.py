"""The facts of an application as a reader sees them: titles, not identifiers.

A fact the regulation declares is shown with its title, a choice with the choice's title. A fact
it does not declare (taken over from the questionnaire for other procedures) is not shown: the
regulation reads only what it declares, and its identifier means nothing to a reader.
"""

from __future__ import annotations

from typing import Any

from rezerv.engine.schema import Regulation


def shown_facts(reg: Regulation, facts: dict[str, Any]) -> list[tuple[str, Any]]:
    out = []
    for fact in reg.facts:
        if fact.id not in facts or facts[fact.id] in (None, ""):
            continue
        value = facts[fact.id]
        titles = {c.id: c.title for c in fact.choices}
        if fact.type == "choice":
            value = titles.get(str(value), value)
        elif fact.type == "choices" and isinstance(value, list):
            value = ", ".join(titles.get(str(v), str(v)) for v in value)
        out.append((fact.title, value))
    return out
