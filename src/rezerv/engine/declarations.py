"""Cross-checks of what a regulation declares for users to read: outcomes, vote questions,
consents, the texts of an announcement, the kinds of campaign and the publication event.

Every outcome a stage can give (an award, a route's direct outcome, a stage's ``otherwise`` and
``repeat_if_none``, a reserve outcome) and every question an award or a stage's tie
(``tie_vote``) is voted on must be declared with a title, so that no page, protocol or letter
has to show an identifier.  The engine's own outcomes (``ENGINE_OUTCOMES``: refused, not
selected, pending …) need no declaration.
"""

from __future__ import annotations

from rezerv.engine.schema import ENGINE_OUTCOMES, Regulation

PathKey = tuple[str | int, ...]


def check_declarations(reg: Regulation) -> list[tuple[PathKey, str]]:
    out: list[tuple[PathKey, str]] = []
    outcomes: set[str] = set()
    for i, declared in enumerate(reg.outcomes):
        if declared.id in outcomes:
            out.append((("outcomes", i, "id"), f"duplicate id '{declared.id}'"))
        outcomes.add(declared.id)
    questions: set[str] = set()
    stage_ids = {s.id for s in reg.stages}
    for i, vote in enumerate(reg.votes):
        if vote.id in questions:
            out.append((("votes", i, "id"), f"duplicate id '{vote.id}'"))
        questions.add(vote.id)
        for k, stage_id in enumerate(vote.stages):
            if stage_id not in stage_ids:
                out.append((("votes", i, "stages", k), f"unknown stage '{stage_id}'"))
    consents: set[str] = set()
    for i, consent in enumerate(reg.consents):
        if consent.id in consents:
            out.append((("consents", i, "id"), f"duplicate id '{consent.id}'"))
        consents.add(consent.id)
    if reg.announcement is not None:
        texts: set[str] = set()
        for i, field in enumerate(reg.announcement.fields):
            if field.id in texts:
                out.append((("announcement", "fields", i, "id"), f"duplicate id '{field.id}'"))
            texts.add(field.id)
    known = outcomes | set(ENGINE_OUTCOMES)
    kinds: set[str] = set()
    for i, kind in enumerate(reg.campaign_kinds):
        if kind.id in kinds:
            out.append((("campaign_kinds", i, "id"), f"duplicate id '{kind.id}'"))
        kinds.add(kind.id)
        for k, value in enumerate(kind.reserve_outcomes):
            if value not in known:
                out.append(
                    (
                        ("campaign_kinds", i, "reserve_outcomes", k),
                        f"outcome '{value}' is not declared in 'outcomes'",
                    )
                )
    publication: str | None = None
    for i, event in enumerate(reg.events):
        if not event.publication:
            continue
        if publication is not None:
            out.append(
                (
                    ("events", i, "publication"),
                    f"only one event is the publication; '{publication}' already is",
                )
            )
        else:
            publication = event.id

    def outcome(value: str | None, path: PathKey) -> None:
        if value is not None and value not in known:
            out.append((path, f"outcome '{value}' is not declared in 'outcomes'"))

    for r, route in enumerate(reg.routes):
        outcome(route.direct_outcome, ("routes", r, "direct_outcome"))
    for s, stage in enumerate(reg.stages):
        outcome(stage.otherwise, ("stages", s, "otherwise"))
        outcome(stage.repeat_if_none, ("stages", s, "repeat_if_none"))
        if stage.tie_vote is not None and stage.tie_vote not in questions:
            out.append(
                (
                    ("stages", s, "tie_vote"),
                    f"vote question '{stage.tie_vote}' is not declared in 'votes'",
                )
            )
        for a, award in enumerate(stage.awards):
            outcome(award.outcome, ("stages", s, "awards", a, "outcome"))
            if award.vote is not None and award.vote not in questions:
                out.append(
                    (
                        ("stages", s, "awards", a, "vote"),
                        f"vote question '{award.vote}' is not declared in 'votes'",
                    )
                )
            if award.consent is not None and award.consent not in consents:
                out.append(
                    (
                        ("stages", s, "awards", a, "consent"),
                        f"consent '{award.consent}' is not declared in 'consents'",
                    )
                )
    if reg.reserve is not None:
        for k, value in enumerate(reg.reserve.outcomes):
            outcome(value, ("reserve", "outcomes", k))
    return out


def fact_label(reg: Regulation, fact_id: str) -> str:
    """How a message names a fact: «its title» when the regulation declares it, else its id."""
    title = next((f.title for f in reg.facts if f.id == fact_id), None)
    return f"«{title}»" if title else fact_id
