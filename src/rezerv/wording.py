"""The engine's reasons worded: a code with params (``rezerv.engine.reasons``) as a sentence.

Pure Python, no Django: the CLI and the documents word in Russian (the default: the msgids
are the Russian sentences themselves); the web pages pass Django's ``gettext`` and get the
active language.  Texts of the regulation (a requirement, a method's or a ground's title)
arrive as params and are put in as they are.

A reason recorded before reasons had codes (a decision's stored result) is a mapping with a
``reason`` text and no ``code``, or a plain string: it is given back as recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rezerv.engine.reasons import Reason

__all__ = [
    "CODES",
    "Translate",
    "not_granted",
    "outcome_title",
    "reason",
    "russian",
    "tie_break",
    "with_rules",
]

Translate = Callable[[str], str]


def russian(text: str) -> str:
    """The identity: the msgids are Russian."""
    return text


# code → the sentence, through the given gettext (``_``); params fill its %(name)s.
_MESSAGES: dict[str, Callable[[Translate], str]] = {
    # commissions and meetings
    # the number after a colon: no plural form to agree with it (never «1 членов»)
    "commission_size": lambda _: _("членов комиссии: %(members)s, требуется %(size)s"),
    "commission_min_size": lambda _: _("членов комиссии: %(members)s, требуется не менее %(min)s"),
    "commission_independent_share": lambda _: _(
        "независимых экспертов и представителей общественного совета %(independent)s из "
        "%(members)s; требуется не менее %(share)s"
    ),
    "no_chair": lambda _: _("не назначен председатель комиссии"),
    "no_quorum": lambda _: _(
        "присутствует %(present)s из %(members)s членов комиссии, для кворума нужно не менее "
        "%(needed)s (%(share)s)"
    ),
    "civil_servants_only": lambda _: _(
        "на заседании присутствуют только члены комиссии — гражданские служащие"
    ),
    "meeting_invalid": lambda _: _("заседание %(meeting)s (%(date)s) неправомочно: %(reason)s"),
    # votes
    "vote_majority": lambda _: _("«за» %(votes_for)s из %(base)s: большинство"),
    "vote_no_majority": lambda _: _("«за» %(votes_for)s из %(base)s: большинство не набрано"),
    # intake
    "duplicate": lambda _: _(
        "повторная регистрация: участник с таким значением %(fact)s уже зарегистрирован"
    ),
    "no_submission_date": lambda _: _("дата подачи документов не указана"),
    "submitted_after_close": lambda _: _(
        "документы поданы %(submitted)s, после окончания приёма %(closes)s"
    ),
    "submitted_after_route_close": lambda _: _(
        "документы поданы %(submitted)s, после срока %(closes)s (%(route)s)"
    ),
    "submitted_before_open": lambda _: _(
        "документы поданы %(submitted)s, до начала приёма %(opens)s"
    ),
    "no_consent": lambda _: _("нет согласия: %(requirement)s"),
    "missing_documents": lambda _: _("не представлены документы: %(documents)s"),
    "requirement_not_met": lambda _: _("не выполнено требование: %(requirement)s"),
    "requirement_unproven": lambda _: _(
        "не подтверждено требование: %(requirement)s (нет сведений: %(fact)s)"
    ),
    "requirement_bad_value": lambda _: _(
        "не подтверждено требование: %(requirement)s (сведения в неверном формате)"
    ),
    "excluded_from_reserve": lambda _: _("исключён из резерва: %(ground)s"),
    "direct_route": lambda _: _("без конкурсных процедур: %(route)s"),
    # changes of facts
    "change_limit": lambda _: _("%(requirement)s: допускается изменений не более %(max)s"),
    "change_too_late": lambda _: _("%(requirement)s: изменение после %(after)s не допускается"),
    # assessment
    "method_not_passed": lambda _: _("не пройдено: %(method)s"),
    "method_late": lambda _: _("не пройдено: %(method)s (тестирование %(date)s позже %(last)s)"),
    "too_few_candidates": lambda _: _(
        "процедура проводится при наличии не менее %(min)s кандидатов; допущено %(admitted)s"
    ),
    "repeat_competition": lambda _: _(
        "нет кандидатов с итогом «%(outcome)s»: может быть принято решение о повторном конкурсе"
    ),
    # awards
    "method_not_held": lambda _: _("не проведено: %(method)s"),
    "below_percent_of_max": lambda _: _(
        "итоговый балл %(score)s меньше %(percent)s %% от максимального (%(top)s)"
    ),
    "below_min_score": lambda _: _("итоговый балл %(score)s меньше %(min)s"),
    "no_candidate_consent": lambda _: _("нет согласия кандидата (%(consent)s)"),
    "no_vote": lambda _: _("голосование не проводилось"),
    "vote_not_adopted": lambda _: _("голосование: %(vote)s"),
    "place_may_go_to_pending": lambda _: _(
        "%(outcome)s: место может достаться кандидату, решение по которому не принято"
    ),
    # a tie at the cut of a limited award, decided by the commission's vote (a stage's tie_vote)
    "tie_vote_needed": lambda _: _(
        "«%(outcome)s»: мест осталось %(places)s, кандидатов с равными показателями %(tied)s — "
        "нужно голосование комиссии по каждому из них"
    ),
    "tie_vote_equal": lambda _: _(
        "«%(outcome)s»: мест осталось %(places)s, кандидатов с равными показателями %(tied)s — "
        "голосование комиссии их не различило"
    ),
    # the reserve
    "reserve_member": lambda _: _("состоит в резерве"),
    "reserve_not_yet": lambda _: _("включён в резерв только %(included_on)s"),
    "reserve_excluded": lambda _: _("исключён из резерва %(excluded_on)s"),
    "reserve_term_expired": lambda _: _("срок нахождения в резерве истёк %(end)s"),
    "re_inclusion_unrestricted": lambda _: _(
        "по основанию «%(ground)s» ограничений на повторное включение нет"
    ),
    "re_inclusion_too_early": lambda _: _(
        "повторное включение после исключения по основанию «%(ground)s» возможно не ранее "
        "%(earliest)s"
    ),
    "re_inclusion_unproven": lambda _: _(
        "не подтверждено: %(requirement)s (нет сведений: %(fact)s)"
    ),
    "re_inclusion_not_met": lambda _: _("не выполнено: %(requirement)s"),
    "re_inclusion_possible": lambda _: _("повторное включение возможно: %(passed)s"),
}


# Every code worded here: those of the table and those worded in code below.
CODES = frozenset(_MESSAGES) | {"awarded", "limit_reached", "vote_casting"}


def _code_params(data: Reason | Mapping[str, Any]) -> tuple[str | None, Mapping[str, Any]]:
    if isinstance(data, Reason):
        return data.code, data.params
    return data.get("code"), data.get("params") or {}


def reason(data: Reason | Mapping[str, Any] | str | None, gettext: Translate = russian) -> str:
    """The reason as a sentence (lower-case, no full stop, no rule IDs: the caller cites)."""
    if data is None:
        return ""
    if isinstance(data, str):
        return data  # recorded before the codes
    code, params = _code_params(data)
    if code is None:
        return str(data.get("reason", "")) if isinstance(data, Mapping) else ""
    return _word(code, params, gettext)


def _word(code: str, params: Mapping[str, Any], _: Translate) -> str:
    values = dict(params)
    if code == "awarded":  # the award's own title: the regulation's text
        return str(params.get("title") or params.get("outcome") or "")
    if code == "limit_reached":
        if params.get("per"):
            return _("исчерпан лимит (%(limit)s) для %(per)s «%(group)s»") % values
        return _("исчерпан лимит (%(limit)s)") % values
    if code == "vote_casting":
        if params.get("chair") == "for":
            return (
                _("равенство голосов (%(votes_for)s:%(against)s); решающий голос председателя «за»")
                % values
            )
        return (
            _("равенство голосов (%(votes_for)s:%(against)s); решающий голос председателя «против»")
            % values
        )
    if code == "missing_documents":
        values["documents"] = "; ".join(str(d) for d in params.get("documents", []))
    elif code in ("meeting_invalid", "vote_not_adopted"):
        key = "reason" if code == "meeting_invalid" else "vote"
        values[key] = reason(params.get(key), _)
    elif code in ("re_inclusion_unproven", "re_inclusion_not_met"):
        values["requirement"] = params.get("requirement") or _("условие повторного включения")
    elif code == "re_inclusion_possible":
        values["passed"] = "; ".join(_passed(item, _) for item in params.get("passed", []))
    template = _MESSAGES.get(code)
    if template is None:
        return code
    return template(_) % values


def with_rules(data: Mapping[str, Any], gettext: Translate = russian) -> str:
    """The reason followed by the rule IDs it rests on: «… (KM-1, KM-6)»."""
    text = reason(data, gettext)
    rules = data.get("rules") or []
    return f"{text} ({', '.join(rules)})" if rules else text


def _passed(item: Mapping[str, Any], _: Translate) -> str:
    if "not_before" in item:
        return _("не ранее %(date)s") % {"date": item["not_before"]}
    return str(item.get("requirement") or _("условие повторного включения"))


def not_granted(entry: Mapping[str, Any] | str, gettext: Translate = russian) -> str:
    """One award a candidate did not receive, and why: «title: reason»."""
    if isinstance(entry, str):
        return entry  # recorded before the codes
    return f"{entry.get('title') or entry.get('outcome', '')}: {reason(entry, gettext)}"


# The engine's own outcomes (``schema.ENGINE_OUTCOMES``: their Russian titles are the defaults
# of a regulation, which may title them itself).
_OUTCOMES: dict[str, Callable[[Translate], str]] = {
    "refused": lambda _: _("не допущен"),
    "not_selected": lambda _: _("не прошёл отбор"),
    "not_passed": lambda _: _("не прошёл испытание"),
    "procedure_not_held": lambda _: _("процедура не проведена"),
    "excluded_from_reserve": lambda _: _("исключён из резерва"),
    "pending": lambda _: _("решение не принято"),
}


def outcome_title(
    outcome: str | None, title: str | None = None, gettext: Translate = russian
) -> str:
    """An outcome's title: one of the engine's own outcomes under its default title is worded
    in the language; a title the regulation gives is its text, as it is."""
    worded = _OUTCOMES.get(outcome or "")
    if worded is not None and title in (None, "", worded(russian)):
        return worded(gettext)
    return title or outcome or ""


def tie_break(entry: Mapping[str, Any], gettext: Translate = russian) -> str:
    """What decided a tie: the regulation's tie break (its title), or the engine's fallback."""
    if entry.get("decided_by"):
        return str(entry["decided_by"])
    if entry.get("fallback") == "submitted_at":
        return gettext("дата и время подачи документов")
    return gettext("идентификатор")
