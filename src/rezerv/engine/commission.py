"""Commission composition, meeting validity (quorum) and open votes (KM-12, AK-2, KM-2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from math import ceil

from rezerv.engine.case import Commission, Member
from rezerv.engine.reasons import Reason
from rezerv.engine.schema import CommissionRule

__all__ = [
    "MeetingCheck",
    "Reason",
    "VoteOutcome",
    "check_meeting",
    "composition_problems",
    "tally",
    "voting_members",
]


def voting_members(rule: CommissionRule, commission: Commission) -> list[Member]:
    """The members who count for quorum and votes (the secretary only where a member)."""
    if rule.secretary_is_member:
        return list(commission.members)
    return [m for m in commission.members if m.role != "secretary"]


def composition_problems(rule: CommissionRule, commission: Commission) -> list[Reason]:
    members = voting_members(rule, commission)
    out: list[Reason] = []
    rules = tuple(rule.rules)
    if rule.size is not None and len(members) != rule.size:
        out.append(Reason(rules, "commission_size", {"members": len(members), "size": rule.size}))
    if rule.min_size is not None and len(members) < rule.min_size:
        out.append(
            Reason(rules, "commission_min_size", {"members": len(members), "min": rule.min_size})
        )
    if rule.min_independent_share is not None and members:
        share = Fraction(rule.min_independent_share)
        independent = sum(1 for m in members if m.independent or m.public_council)
        if Fraction(independent, len(members)) < share:
            out.append(
                Reason(
                    rules,
                    "commission_independent_share",
                    {
                        "independent": independent,
                        "members": len(members),
                        "share": f"{share.numerator}/{share.denominator}",
                    },
                )
            )
    if not any(m.role == "chair" for m in commission.members):
        out.append(Reason(rules, "no_chair"))
    return out


@dataclass
class MeetingCheck:
    valid: bool
    present: int
    total: int
    needed: int
    reasons: list[Reason] = field(default_factory=list)


def check_meeting(
    rule: CommissionRule, commission: Commission, present: Iterable[str]
) -> MeetingCheck:
    """Quorum: at least ``rule.quorum`` of the members present; a meeting of civil-servant
    members only is not allowed where the rule says so (KM-12)."""
    members = {m.id: m for m in voting_members(rule, commission)}
    here = [members[p] for p in dict.fromkeys(present) if p in members]
    share = Fraction(rule.quorum)
    needed = ceil(share * len(members))
    reasons = list(composition_problems(rule, commission))
    qrules = tuple(rule.quorum_rules or rule.rules)
    if len(here) < needed:
        reasons.append(
            Reason(
                qrules,
                "no_quorum",
                {
                    "present": len(here),
                    "members": len(members),
                    "needed": needed,
                    "share": f"{share.numerator}/{share.denominator}",
                },
            )
        )
    if rule.forbid_civil_servants_only and here and all(m.civil_servant for m in here):
        reasons.append(Reason(qrules, "civil_servants_only"))
    return MeetingCheck(not reasons, len(here), len(members), needed, reasons)


@dataclass(frozen=True)
class VoteOutcome:
    adopted: bool
    votes_for: int
    against: int
    abstained: int
    present: int
    casting_vote: bool
    reason: Reason  # no rules of its own: the award's and the commission's cite them


def tally(
    rule: CommissionRule,
    present: int,
    votes: Iterable[tuple[str, str]],
    chair_ids: set[str],
) -> VoteOutcome:
    """Open vote: adopted by a simple majority of the members present (or of the votes cast);
    on a tie between for and against, the chair's vote decides (KM-12, AK-2)."""
    votes_for = against = abstained = 0
    chair_vote: str | None = None
    for member, vote in votes:
        if vote == "for":
            votes_for += 1
        elif vote == "against":
            against += 1
        else:
            abstained += 1
        if member in chair_ids:
            chair_vote = vote
    base = present if rule.majority_of == "present" else votes_for + against
    if 2 * votes_for > base:
        return VoteOutcome(
            True,
            votes_for,
            against,
            abstained,
            present,
            False,
            Reason((), "vote_majority", {"votes_for": votes_for, "base": base}),
        )
    if (
        votes_for == against
        and votes_for > 0
        and rule.chair_casting_vote
        and chair_vote in ("for", "against")
    ):
        adopted = chair_vote == "for"
        return VoteOutcome(
            adopted,
            votes_for,
            against,
            abstained,
            present,
            True,
            Reason(
                (),
                "vote_casting",
                {"votes_for": votes_for, "against": against, "chair": chair_vote},
            ),
        )
    return VoteOutcome(
        False,
        votes_for,
        against,
        abstained,
        present,
        False,
        Reason((), "vote_no_majority", {"votes_for": votes_for, "base": base}),
    )
