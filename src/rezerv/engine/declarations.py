"""Cross-checks of what a regulation declares for users to read: outcomes, vote questions,
consents, the texts of an announcement, the kinds of campaign and the publication event.

Every outcome a stage can give (an award, a route's direct outcome, a stage's ``otherwise`` and
``repeat_if_none``, a reserve outcome) and every question an award or a stage's tie
(``tie_vote``) is voted on must be declared with a title, so that no page, protocol or letter
has to show an identifier.  The engine's own outcomes (``ENGINE_OUTCOMES``: refused, not
selected, pending …) need no declaration.
"""

from __future__ import annotations

from rezerv.engine.errors import Issue, issue
from rezerv.engine.schema import ENGINE_OUTCOMES, Regulation

PathKey = tuple[str | int, ...]


def check_declarations(reg: Regulation) -> list[tuple[PathKey, Issue]]:
    out: list[tuple[PathKey, Issue]] = []
    outcomes: set[str] = set()
    for i, declared in enumerate(reg.outcomes):
        if declared.id in outcomes:
            out.append(
                (
                    ("outcomes", i, "id"),
                    issue("duplicate_id", f"duplicate id '{declared.id}'", id=declared.id),
                )
            )
        outcomes.add(declared.id)
    questions: set[str] = set()
    stage_ids = {s.id for s in reg.stages}
    for i, vote in enumerate(reg.votes):
        if vote.id in questions:
            out.append(
                (("votes", i, "id"), issue("duplicate_id", f"duplicate id '{vote.id}'", id=vote.id))
            )
        questions.add(vote.id)
        for k, stage_id in enumerate(vote.stages):
            if stage_id not in stage_ids:
                out.append(
                    (
                        ("votes", i, "stages", k),
                        issue(
                            "unknown_reference",
                            f"unknown stage '{stage_id}'",
                            kind="stage",
                            id=stage_id,
                        ),
                    )
                )
    consents: set[str] = set()
    for i, consent in enumerate(reg.consents):
        if consent.id in consents:
            out.append(
                (
                    ("consents", i, "id"),
                    issue("duplicate_id", f"duplicate id '{consent.id}'", id=consent.id),
                )
            )
        consents.add(consent.id)
    if reg.announcement is not None:
        texts: set[str] = set()
        for i, field in enumerate(reg.announcement.fields):
            if field.id in texts:
                out.append(
                    (
                        ("announcement", "fields", i, "id"),
                        issue("duplicate_id", f"duplicate id '{field.id}'", id=field.id),
                    )
                )
            texts.add(field.id)
    known = outcomes | set(ENGINE_OUTCOMES)
    kinds: set[str] = set()
    for i, kind in enumerate(reg.campaign_kinds):
        if kind.id in kinds:
            out.append(
                (
                    ("campaign_kinds", i, "id"),
                    issue("duplicate_id", f"duplicate id '{kind.id}'", id=kind.id),
                )
            )
        kinds.add(kind.id)
        for k, value in enumerate(kind.reserve_outcomes):
            if value not in known:
                out.append(
                    (
                        ("campaign_kinds", i, "reserve_outcomes", k),
                        _undeclared_outcome(value),
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
                    issue(
                        "second_publication_event",
                        f"only one event is the publication; '{publication}' already is",
                        event=publication,
                    ),
                )
            )
        else:
            publication = event.id

    def outcome(value: str | None, path: PathKey) -> None:
        if value is not None and value not in known:
            out.append((path, _undeclared_outcome(value)))

    for r, route in enumerate(reg.routes):
        outcome(route.direct_outcome, ("routes", r, "direct_outcome"))
    for s, stage in enumerate(reg.stages):
        outcome(stage.otherwise, ("stages", s, "otherwise"))
        outcome(stage.repeat_if_none, ("stages", s, "repeat_if_none"))
        if stage.tie_vote is not None and stage.tie_vote not in questions:
            out.append(
                (
                    ("stages", s, "tie_vote"),
                    _undeclared("vote question", stage.tie_vote, "votes"),
                )
            )
        for a, award in enumerate(stage.awards):
            outcome(award.outcome, ("stages", s, "awards", a, "outcome"))
            if award.vote is not None and award.vote not in questions:
                out.append(
                    (
                        ("stages", s, "awards", a, "vote"),
                        _undeclared("vote question", award.vote, "votes"),
                    )
                )
            if award.consent is not None and award.consent not in consents:
                out.append(
                    (
                        ("stages", s, "awards", a, "consent"),
                        _undeclared("consent", award.consent, "consents"),
                    )
                )
    if reg.reserve is not None:
        for k, value in enumerate(reg.reserve.outcomes):
            outcome(value, ("reserve", "outcomes", k))
        review = reg.reserve.review
        if review is not None:
            if review.question not in questions:
                out.append(
                    (
                        ("reserve", "review", "question"),
                        _undeclared("vote question", review.question, "votes"),
                    )
                )
            if review.commission not in {c.id for c in reg.commissions}:
                out.append(
                    (
                        ("reserve", "review", "commission"),
                        _undeclared("commission", review.commission, "commissions"),
                    )
                )
        rule_ids = {r.id for r in reg.eligibility}
        vacancy = reg.reserve.vacancy
        for k, value in enumerate(vacancy.requirements if vacancy is not None else []):
            if value not in rule_ids:
                out.append(
                    (
                        ("reserve", "vacancy", "requirements", k),
                        _undeclared("eligibility rule", value, "eligibility"),
                    )
                )
    return out


def _undeclared(kind: str, value: str, section: str) -> Issue:
    return issue(
        "undeclared",
        f"{kind} '{value}' is not declared in '{section}'",
        kind=kind.replace(" ", "_"),
        id=value,
        section=section,
    )


def _undeclared_outcome(value: str) -> Issue:
    return _undeclared("outcome", value, "outcomes")


def fact_label(reg: Regulation, fact_id: str) -> str:
    """How a message names a fact: «its title» when the regulation declares it, else its id."""
    title = next((f.title for f in reg.facts if f.id == fact_id), None)
    return f"«{title}»" if title else fact_id
