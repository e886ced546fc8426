"""A tie the commission decides by a vote (a stage's ``tie_vote``; AK-2: «спорные вопросы»).

Candidates the tie-break chain leaves equal (the same rating key before the fallback) form a
*run*.  Where a limited award's remaining places cut through a run — some of its candidates
would receive the award and others be refused it only because the limit is reached — the
fallback (submission time, id) does not decide: the commission's vote on the stage's tie
question does, more «за» first.  Until the vote is recorded at a valid meeting for every
candidate the cut concerns, or where it leaves those at the cut equal again, they stay pending
(``tie_vote_needed``, ``tie_vote_equal``); the places they compete for are taken by them
whichever way the vote goes, so the candidates below see the limit reached.  A run no limit cuts
through needs no vote and keeps the fallback's order; a stage without ``tie_vote`` never comes
here.

The run is first granted as the fallback orders it (a trial, undone afterwards) to see whether
and where the limit cuts; then it is granted again in the order the vote gives.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rezerv.engine.commission import VoteOutcome
from rezerv.engine.reasons import Reason
from rezerv.engine.schema import Award, Stage, VoteQuestion

if TYPE_CHECKING:
    from rezerv.engine.evaluate import Evaluator, MethodScore, State

__all__ = ["grant_with_tie_vote", "runs"]

Key = Callable[["State"], tuple[Any, ...]]
Counts = dict[tuple[int, Any], int]


def runs(members: list[State], key: Key, width: int) -> list[list[State]]:
    """The rated members cut into runs of equal keys over the first ``width`` parts (the score
    and the tie-break chain: everything before the fallback), in order."""
    out: list[list[State]] = []
    last: tuple[Any, ...] | None = None
    for state in members:
        head = key(state)[:width]
        if out and head == last:
            out[-1].append(state)
        else:
            out.append([state])
        last = head
    return out


@dataclass(frozen=True, slots=True)
class Cut:
    """Where a limit cuts through a run: the award, its slot and the candidates it concerns
    (those granted it and those refused it by the limit, in run order); ``taken``: the places
    they take."""

    award: Award
    slot: tuple[int, Any]
    concerned: list[State]
    taken: int


class _Snapshot:
    """What granting a run changes, kept to undo a trial."""

    def __init__(
        self, ev: Evaluator, stage: Stage, run: list[State], counts: list[dict[Any, int]]
    ) -> None:
        self.ev, self.stage, self.run, self.counts = ev, stage, run, counts
        self.states = [
            (s.active, s.outcome, s.decided_at, len(s.reasons), copy.deepcopy(s.stages[stage.id]))
            for s in run
        ]
        self.dicts = [dict(c) for c in counts]
        self.pending = len(ev.pending)

    def restore(self) -> None:
        for state, (active, outcome, decided_at, n, entry) in zip(
            self.run, self.states, strict=True
        ):
            state.active, state.outcome, state.decided_at = active, outcome, decided_at
            del state.reasons[n:]
            state.stages[self.stage.id].clear()
            state.stages[self.stage.id].update(entry)
        for live, kept in zip(self.counts, self.dicts, strict=True):
            live.clear()
            live.update(kept)
        del self.ev.pending[self.pending :]


def _limit_refused(entry: Mapping[str, Any], award: Award, title: str) -> bool:
    """Whether the award was refused only because its limit is reached (or its last places may
    go to a pending candidate)."""
    for line in entry.get("not_granted") or []:
        if line.get("outcome") == award.outcome and line.get("code") == "limit_reached":
            return True
    if entry.get("outcome") == "pending":
        for r in entry.get("pending") or []:
            if r.get("code") == "place_may_go_to_pending" and r["params"].get("outcome") == title:
                return True
    return False


def find_cut(ev: Evaluator, stage: Stage, run: list[State]) -> Cut | None:
    """After a trial grant of the run: the first limited award whose places went to some of
    its candidates while others were refused it by the limit alone."""
    for index, award in enumerate(stage.awards):
        if award.limit is None:
            continue
        title = ev.outcome_titles.get(award.outcome, award.outcome)
        granted: dict[Any, list[State]] = {}
        refused: dict[Any, list[State]] = {}
        for state in run:
            entry = state.stages[stage.id]
            group = ev.limit_group(award, state)
            if entry.get("outcome") == award.outcome:
                granted.setdefault(group, []).append(state)
            elif _limit_refused(entry, award, title):
                refused.setdefault(group, []).append(state)
        for group, got in granted.items():
            if refused.get(group):
                ids = {s.cand.id for s in got} | {s.cand.id for s in refused[group]}
                concerned = [s for s in run if s.cand.id in ids]
                return Cut(award, (index, group), concerned, len(got))
    return None


def grant_with_tie_vote(
    ev: Evaluator,
    stage: Stage,
    members: list[State],
    key: Key,
    per_method: Mapping[str, Mapping[str, MethodScore]],
    counters: Counts,
    awarded: dict[str, int],
    held: Counts,
) -> None:
    """Grant the awards to a rated group of a stage with a ``tie_vote``, run by run."""
    assert stage.tie_vote is not None
    question = ev.reg.vote_question(stage.tie_vote)
    assert question is not None  # declared: checked on loading (declarations)
    width = 1 + len(stage.tie_breaks)
    for run in runs(members, key, width):
        if len(run) == 1:
            ev.grant(stage, run[0], per_method, counters, awarded, held)
            continue
        snapshot = _Snapshot(ev, stage, run, [counters, awarded, held])
        for state in run:
            ev.grant(stage, state, per_method, counters, awarded, held)
        cut = find_cut(ev, stage, run)
        if cut is None:
            continue  # no outcome depends on the tie: the fallback's order stands
        snapshot.restore()
        ordered = _decide(ev, stage, question, run, cut, per_method, counters, awarded, held)
        _explain(ev, stage, question, members, run, ordered, key, per_method)


def _decide(
    ev: Evaluator,
    stage: Stage,
    question: VoteQuestion,
    run: list[State],
    cut: Cut,
    per_method: Mapping[str, Mapping[str, MethodScore]],
    counters: Counts,
    awarded: dict[str, int],
    held: Counts,
) -> list[State]:
    """Grant the run again in the vote's order; the candidates the vote does not separate at
    the cut stay pending.  Returns the run's new order."""
    outcomes = {s.cand.id: ev.vote_on(stage, question.id, s) for s in cut.concerned}
    # more «за» first; equal counts: the one the chair voted «за» (where the chair's vote
    # decides, AK-2, KM-12)
    votes: dict[str, tuple[int, int]] = {
        s.cand.id: (o.votes_for, int(_chair_for(ev, stage, question.id, s)))
        for s in cut.concerned
        if isinstance(o := outcomes[s.cand.id], VoteOutcome)
    }
    extra: list[Reason] = []  # a vote at a meeting that is not valid decides nothing
    for outcome in outcomes.values():
        if outcome is not None and not isinstance(outcome, VoteOutcome):
            extra += [r for r in outcome.reasons if r not in extra]
    if len(votes) == len(cut.concerned):
        ordered = sorted(cut.concerned, key=lambda s: votes[s.cand.id], reverse=True)
        at_cut = votes[ordered[cut.taken - 1].cand.id]
        if votes[ordered[cut.taken].cand.id] < at_cut:
            undecided: list[State] = []
        else:
            undecided = [s for s in ordered if votes[s.cand.id] == at_cut]
        code = "tie_vote_equal"
    else:
        ordered, undecided, code = list(cut.concerned), list(cut.concerned), "tie_vote_needed"
    places = cut.taken - (ordered.index(undecided[0]) if undecided else 0)
    title = ev.outcome_titles.get(cut.award.outcome, cut.award.outcome)
    reason = Reason(
        tuple(question.rules),
        code,
        {"tied": len(undecided), "outcome": title, "places": places},
    )
    concerned = {s.cand.id for s in cut.concerned}
    pending = {s.cand.id for s in undecided}
    slots = iter(ordered)
    new_run = [next(slots) if s.cand.id in concerned else s for s in run]
    for state, place in zip(new_run, sorted(s.places[stage.id] for s in run), strict=True):
        state.places[stage.id] = place
        state.stages[stage.id]["place"] = place
    first = True
    for state in new_run:
        if state.cand.id in pending:
            if first:  # the places are theirs whichever way the vote goes
                counters[cut.slot] += places
                first = False
            ev.make_pending(stage, state, [reason, *extra])
        else:
            ev.grant(stage, state, per_method, counters, awarded, held)
    for state in cut.concerned:
        state.stages[stage.id]["tie_vote"] = {
            "question": question.id,
            "tied": len(cut.concerned),
            "outcome": cut.award.outcome,
            "places": cut.taken,
            "votes_for": votes[state.cand.id][0] if state.cand.id in votes else None,
            "chair_for": bool(votes[state.cand.id][1]) if state.cand.id in votes else None,
        }
    return new_run


def _chair_for(ev: Evaluator, stage: Stage, question: str, state: State) -> bool:
    """Whether the chair voted «за» the candidate, at the meeting whose vote counts (the one
    ``Evaluator.vote_on`` reads), where the commission's rule gives the chair the casting vote."""
    commissions = {c.id for c in ev.commissions_for(stage, state.facts)}
    for meeting in ev.meetings_of(stage):
        votes = ev.vote_index.get((meeting.id, question, state.cand.id))
        if not votes or meeting.commission not in commissions:
            continue
        com = ev.commissions[meeting.commission]
        if not ev.commission_rules[com.rule].chair_casting_vote:
            return False
        chairs = {m.id for m in com.members if m.role == "chair"}
        return any(member in chairs and vote == "for" for member, vote in votes)
    return False


def _explain(
    ev: Evaluator,
    stage: Stage,
    question: VoteQuestion,
    members: list[State],
    run: list[State],
    new_run: list[State],
    key: Key,
    per_method: Mapping[str, Mapping[str, MethodScore]],
) -> None:
    """The tie-break explanations of the reordered run (and of the one below it): the vote
    (its question's title) where it separates two neighbours, else as before."""
    start = members.index(run[0])
    members[start : start + len(run)] = new_run
    around = members[max(start - 1, 0) : start + len(run) + 1]
    for state in around[1:] if start > 0 else around:
        state.stages[stage.id].pop("tie_break", None)
    ev.explain_ties(stage, around, key, per_method)
    for above, below in itertools.pairwise(new_run):
        va = above.stages[stage.id].get("tie_vote") or {}
        vb = below.stages[stage.id].get("tie_vote") or {}
        if va.get("votes_for") is None or vb.get("votes_for") is None:
            continue
        if (va["votes_for"], va["chair_for"]) != (vb["votes_for"], vb["chair_for"]):
            explained: dict[str, Any] = {
                "after": above.cand.id,
                "rules": list(question.rules),
                "decided_by": question.title,
            }
            if va["votes_for"] == vb["votes_for"]:
                explained["casting_vote"] = True  # equal «за»: the chair's vote decided
            below.stages[stage.id]["tie_break"] = explained
