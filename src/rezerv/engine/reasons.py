"""Why the engine decides as it does: a code with parameters and the rule IDs (C-2).

The engine words nothing: every reason is a ``code`` with JSON-ready ``params`` (strings,
numbers, lists, nested reasons); ``rezerv.wording`` words it, in Russian by default (the CLI,
the documents) or in the user's language through gettext (the web pages).  Texts that come
from the regulation file itself — a requirement, a method's, an outcome's, a route's or a
ground's title — are data and travel as params.  Dates are ISO strings.

Codes and their params:

Intake (``refusals``): ``duplicate`` (fact: the fact's label); ``no_submission_date``;
``submitted_after_close`` (submitted, closes); ``submitted_after_route_close`` (submitted,
closes, route); ``submitted_before_open`` (submitted, opens); ``no_consent`` (requirement);
``missing_documents`` (documents: their titles); ``requirement_not_met`` (requirement);
``requirement_unproven`` (requirement, fact: the missing fact's label);
``requirement_bad_value`` (requirement).  ``excluded_from_reserve`` (ground) and
``direct_route`` (route) say why a route's direct outcome was given.

Fact changes (``rejected_changes``): ``change_limit`` (requirement, max);
``change_too_late`` (requirement, after).

Assessment (``reasons``): ``method_not_passed`` (method); ``method_late`` (method, date,
last: the test was taken after its window, TP-11); ``too_few_candidates`` (min, admitted);
``awarded`` (outcome, title); ``repeat_competition`` (outcome: its title, in a stage summary).

Awards not granted (``not_granted``: each also names ``outcome`` and its ``title``):
``limit_reached`` (limit; per and group when the limit is per group); ``method_not_held``
(method); ``below_percent_of_max`` (score, percent, top); ``below_min_score`` (score, min);
``no_candidate_consent`` (consent); ``no_vote``; ``vote_not_adopted`` (vote: the vote's own
reason).  ``place_may_go_to_pending`` (outcome: its title) leaves a candidate pending.
A tie at the cut of a limited award at a stage with ``tie_vote`` (``rezerv.engine.ties``) leaves
the tied candidates pending with ``tie_vote_needed`` (the vote is not recorded at a valid meeting
for each) or ``tie_vote_equal`` (it leaves them equal): tied (how many), outcome (the award's
title), places (the places left to them); the rules are the vote question's.

Commissions and meetings: ``commission_size`` (members, size); ``commission_min_size``
(members, min); ``commission_independent_share`` (independent, members, share);
``no_chair``; ``no_quorum`` (present, members, needed, share); ``civil_servants_only``;
``meeting_invalid`` (meeting, date, reason: one of the meeting's reasons) for a candidate
whose deciding meeting is not valid.

Votes (a vote's ``reason``): ``vote_majority`` (votes_for, base); ``vote_no_majority``
(votes_for, base); ``vote_casting`` (votes_for, against, chair: ``for`` or ``against``).

The reserve (``rezerv.engine.reserve``): ``reserve_member``; ``reserve_not_yet``
(included_on); ``reserve_excluded`` (excluded_on); ``reserve_term_expired`` (end);
``re_inclusion_unrestricted`` (ground); ``re_inclusion_too_early`` (ground, earliest);
``re_inclusion_unproven`` (requirement or None, fact); ``re_inclusion_not_met``
(requirement or None); ``re_inclusion_possible`` (passed: ``{"not_before": date}`` and
``{"requirement": text or None}`` items); a vacancy's unmet requirement:
``requirement_not_met``, ``requirement_unproven``, ``requirement_bad_value``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Reason"]


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason: the rules it rests on, its code and the params its wording needs."""

    rules: tuple[str, ...]
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"rules": list(self.rules), "code": self.code, "params": dict(self.params)}

    def message(self) -> dict[str, Any]:
        """The code and params alone (a reason nested in another one's params)."""
        return {"code": self.code, "params": dict(self.params)}
