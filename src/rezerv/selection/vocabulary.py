"""What users read of a regulation: the titles it declares for outcomes and vote questions,
and the answers each question allows.  Pages, forms and documents take them from here, so no
view or template names a procedure's outcome or question (issue 9, section 1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from rezerv.engine.schema import Regulation, VoteQuestion

# The answers of an open vote, as the ballots of the seeds print them («за», «против»,
# «воздержался»); which of them a question allows is the regulation's (VoteQuestion.answers).
ANSWER_TITLES: dict[str, Any] = {
    "for": _("за"),
    "against": _("против"),
    "abstain": _("воздержался"),
}


def vote_questions(reg: Regulation, stage_id: str) -> list[VoteQuestion]:
    """The questions the commission votes on at a stage: those its awards depend on, in their
    order, then its tie question (``tie_vote``: asked for the candidates of a tie at a limit's
    cut only, see ``tie_question_for``), then those the regulation asks at the stage for the
    protocol."""
    seen: list[str] = []
    stage = reg.stage(stage_id)
    for award in stage.awards:
        if award.vote and award.vote not in seen:
            seen.append(award.vote)
    if stage.tie_vote and stage.tie_vote not in seen:
        seen.append(stage.tie_vote)
    seen += [q.id for q in reg.votes if stage_id in q.stages and q.id not in seen]
    return [q for q in (reg.vote_question(v) for v in seen) if q is not None]


def tie_question_for(stage_entry: dict[str, Any], voted: bool) -> bool:
    """Whether the meeting page asks a candidate the stage's tie question: the engine found the
    candidate in a tie a limit's places cut through (the entry's ``tie_vote``), or the vote is
    already recorded for them (``voted``: it can be seen and recorded again)."""
    return "tie_vote" in stage_entry or voted


def answer_choices(question: VoteQuestion) -> list[tuple[str, Any]]:
    return [(a, ANSWER_TITLES[a]) for a in question.answers]


def question_title(reg: Regulation, question_id: str) -> str:
    question = reg.vote_question(question_id)
    return question.title if question is not None else question_id


def outcome_groups(reg: Regulation, stage_id: str, result: dict[str, Any]) -> list[dict[str, Any]]:
    """The candidates of a decision grouped by the outcomes its stage awards, in the
    regulation's order: [{id, title, candidates: [row, …]}]."""
    groups: list[dict[str, Any]] = []
    for award in reg.stage(stage_id).awards:
        if any(g["id"] == award.outcome for g in groups):
            continue
        rows = [c for c in result.get("candidates", []) if c.get("outcome") == award.outcome]
        groups.append(
            {"id": award.outcome, "title": reg.outcome_title(award.outcome), "candidates": rows}
        )
    return groups


def fact_value_text(reg: Regulation, fact_id: str, value: Any) -> Any:
    """A fact's value as a reader reads it: an option by its title, several options by theirs;
    other values (numbers, dates, yes/no) as they are, for the template to format."""
    fact = next((f for f in reg.facts if f.id == fact_id), None)
    if fact is None or not fact.choices:
        return value
    options = {c.id: c.title for c in fact.choices}
    if isinstance(value, list):
        return "; ".join(str(options.get(str(v), v)) for v in value)
    if isinstance(value, str):
        return options.get(value, value)
    return value


def position_classification(reg: Regulation, facts: dict[str, Any]) -> list[dict[str, Any]]:
    """The position's classification as a reader reads it (KM-10): each position fact the
    regulation declares and the position gives, in the declared order, by its title and the
    title of its value: [{id, title, value, value_title}]."""
    return [
        {
            "id": f.id,
            "title": f.title,
            "value": facts[f.id],
            "value_title": fact_value_text(reg, f.id, facts[f.id]),
        }
        for f in reg.position_facts()
        if facts.get(f.id) not in (None, "", [])
    ]


def fact_wording(reg: Regulation, fact_id: str, value: Any) -> str:
    """A fact's value as a document words it: its ``wording`` with the value's title in place
    of ``{value}`` («старшая группа должностей»), the title alone when the fact declares no
    wording; empty when no value is given."""
    if value in (None, "", []):
        return ""
    text = str(fact_value_text(reg, fact_id, value))
    fact = next((f for f in reg.facts if f.id == fact_id), None)
    if fact is None or fact.wording is None:
        return text
    return fact.wording.replace("{value}", text)


def classification_wording(reg: Regulation, facts: dict[str, Any]) -> str:
    """The position's classification as documents word it: the wordings of its position facts
    that declare one, in the declared order («старшая группа должностей категории
    «специалисты»»); empty when none is given."""
    return " ".join(
        fact_wording(reg, f.id, facts.get(f.id))
        for f in reg.position_facts()
        if f.wording is not None and facts.get(f.id) not in (None, "", [])
    )


def reserve_outcomes(reg: Regulation, kind_id: str) -> set[str]:
    """The outcomes that enter the reserve in a campaign of the kind ``kind_id``: the reserve's
    own (``reserve.outcomes``) and those the kind adds (``campaign_kinds[].reserve_outcomes``,
    e.g. the winners of KM's competition for the reserve, KM-3)."""
    own = set(reg.reserve.outcomes) if reg.reserve else set()
    kind = reg.campaign_kind(kind_id)
    return own | set(kind.reserve_outcomes if kind is not None else [])


def scope_title(reg: Regulation, rule_id: str, scope: str) -> str:
    """A territorial commission's territory by the title of its option (AK-2: the oblast)."""
    rule = next((c for c in reg.commissions if c.id == rule_id), None)
    if rule is None or rule.scope is None or not scope:
        return scope
    return str(fact_value_text(reg, rule.scope, scope))


def scope_known(reg: Regulation, rule: Any, scope: str) -> bool:
    """Whether ``scope`` is an option of the fact the commission rule's territory names."""
    fact = next((f for f in reg.facts if f.id == rule.scope), None) if rule.scope else None
    return fact is not None and (not fact.choices or scope in {c.id for c in fact.choices})


def titles(reg: Regulation) -> dict[str, str]:
    """Every identifier the regulation declares, by its title (for texts such as the audit log
    that name things by identifier): facts, options, stages, events, deadlines, methods,
    sheets, outcomes, vote questions, commissions, routes and documents."""
    out: dict[str, str] = {}
    for fact in reg.facts:
        for choice in fact.choices:
            out.setdefault(choice.id, choice.title)
    groups: list[Any] = [
        reg.routes,
        reg.score_sheets,
        reg.commissions,
        reg.methods,
        reg.deadlines,
        reg.events,
        reg.votes,
        reg.stages,
        reg.facts,
    ]
    if reg.documents is not None:
        groups.insert(0, reg.documents.catalogue)
    for group in groups:
        for item in group:
            out[item.id] = item.title
    for sheet in reg.score_sheets:
        for criterion in sheet.criteria:
            out.setdefault(criterion.id, criterion.title)
    out.update(reg.outcome_titles())
    out.setdefault("default", str(_("общий порядок участия")))  # the engine's implicit route
    return out


def data_problems(reg: Regulation, error: Any) -> str:
    """A campaign's data the engine refuses (``InputError``), worded for its users: in their
    language, the events, stages and facts by their titles, no place in the case's structure
    (issue 9 §3)."""
    from django.utils.translation import gettext

    from rezerv import wording_problems

    return wording_problems.problems(error, gettext, names=titles(reg))


def _value_title(key: str, value: str, statuses: dict[str, str]) -> str:
    """A status by its title; a transition's reason that names an action, by the action's."""
    from rezerv.selection.audit import ACTIONS, action_title

    if key == "reason":
        return str(action_title(value)) if value in ACTIONS else value
    return statuses.get(value, value)


def _status_titles() -> dict[str, str]:
    from rezerv.selection.models import Application, Campaign

    return {str(k): str(v) for k, v in [*Campaign.STATUSES, *Application.STATUSES]}


def humanizer(reg: Regulation) -> Callable[[Any], Any]:
    """A function that gives a recorded value (e.g. an audit record's changes) with every
    declared identifier, as a key or as a text, replaced by its title; the titles are looked up
    once, for all the values it is given."""
    from rezerv.selection.audit import CHANGE_KEYS, FORM_TITLES
    from rezerv.selection.models import CommissionMember, Person, Questionnaire

    names = titles(reg)
    # the fields of a person, a questionnaire and a member a record lists, by their titles
    for model in (Person, Questionnaire, CommissionMember):
        for f in model._meta.get_fields():
            title = getattr(f, "verbose_name", None)
            if title and title != f.name.replace("_", " "):
                names.setdefault(f.name, str(title))
    # the texts of the announcement (KM-4, TP-6) by their titles
    for spec in reg.announcement.fields if reg.announcement else ():
        names.setdefault(spec.id, spec.title)
    statuses = _status_titles()
    grounds = {g.id: g.title for g in reg.reserve.exclusion_grounds} if reg.reserve else {}
    keys = {**names, **{k: str(v) for k, v in CHANGE_KEYS.items()}}
    # values named by a key: a member's role, a document's form and format
    by_key: dict[str, Callable[[str], str]] = {
        "role": lambda v: str(dict(CommissionMember.ROLES).get(v, v)),
        "form": lambda v: FORM_TITLES.get(v, v),
        "format": lambda v: v.upper(),
        # an exclusion ground of the reserve (BR-21, PK-9), by its title in the regulation
        "ground": lambda v: grounds.get(v, v),
    }

    def walk(item: Any) -> Any:
        if isinstance(item, dict):
            return {
                keys.get(str(k), k): _value_title(str(k), v, statuses)
                if isinstance(v, str) and k in ("status", "before", "after", "reason")
                else by_key[str(k)](v)
                if isinstance(v, str) and str(k) in by_key
                else walk(v)
                for k, v in item.items()
            }
        if isinstance(item, list):
            return [walk(v) for v in item]
        if isinstance(item, bool):  # before int: a bool is an int
            return str(_("да") if item else _("нет"))
        if item is None:
            return "—"
        if isinstance(item, str):
            return names.get(item, item)
        return item

    return walk


def announcement_texts(reg: Regulation, texts: dict[str, str]) -> list[dict[str, Any]]:
    """The announcement's texts in the order the regulation declares them, each with its title;
    empty ones are left out. ``place`` marks the text on where and when the procedure is held."""
    if reg.announcement is None:
        return []
    return [
        {"id": f.id, "title": f.title, "text": texts[f.id], "place": f.role == "place"}
        for f in reg.announcement.fields
        if texts.get(f.id, "").strip()
    ]


def announcement_place(reg: Regulation, texts: dict[str, str]) -> str:
    """The text the regulation marks as the place and time of the procedure (``role: place``)."""
    if reg.announcement is None:
        return ""
    return next((texts.get(f.id, "") for f in reg.announcement.fields if f.role == "place"), "")


def consents_asked(reg: Regulation, given: dict[str, Any]) -> list[dict[str, Any]]:
    """The consents an award of the regulation requires (KM-18), in their declared order, each
    with its title, the statement the candidate confirms and whether it is given."""
    required = {a.consent for st in reg.stages for a in st.awards if a.consent}
    return [
        {"id": c.id, "title": c.title, "text": c.text, "given": c.id in given}
        for c in reg.consents
        if c.id in required
    ]
