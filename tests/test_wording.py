"""The engine's reasons worded (``rezerv.wording``): every code the engine gives has a wording,
in Russian by default and in English and Kazakh through the catalogues (issue 9, section 3)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext

from rezerv import wording
from rezerv.engine.reasons import Reason
from rezerv.engine.schema import ENGINE_OUTCOMES

ENGINE = Path(__file__).resolve().parents[1] / "src" / "rezerv" / "engine"
CYRILLIC = re.compile("[А-Яа-яЁё]")

# A reason of each code, with params in Latin letters (the regulation's texts are data).
SAMPLES: dict[str, dict[str, Any]] = {
    "commission_size": {"members": 8, "size": 9},
    "commission_min_size": {"members": 4, "min": 5},
    "commission_independent_share": {"independent": 2, "members": 9, "share": "1/4"},
    "no_chair": {},
    "no_quorum": {"present": 2, "members": 5, "needed": 4, "share": "2/3"},
    "civil_servants_only": {},
    "meeting_invalid": {
        "meeting": "mt1",
        "date": "2026-04-20",
        "reason": {"code": "no_chair", "params": {}},
    },
    "vote_majority": {"votes_for": 4, "base": 6},
    "vote_no_majority": {"votes_for": 2, "base": 6},
    "vote_casting": {"votes_for": 2, "against": 2, "chair": "for"},
    "duplicate": {"fact": "IIN"},
    "no_submission_date": {},
    "submitted_after_close": {"submitted": "2026-03-24", "closes": "2026-03-23"},
    "submitted_after_route_close": {
        "submitted": "2026-02-02",
        "closes": "2026-02-01",
        "route": "Recommended",
    },
    "submitted_before_open": {"submitted": "2026-03-01", "opens": "2026-03-02"},
    "no_consent": {"requirement": "Consent"},
    "missing_documents": {"documents": ["SNILS", "Passport"]},
    "requirement_not_met": {"requirement": "Age 18"},
    "requirement_unproven": {"requirement": "Age 18", "fact": "Birth date"},
    "requirement_bad_value": {"requirement": "Age 18"},
    "excluded_from_reserve": {"ground": "Own request"},
    "direct_route": {"route": "Reserve member"},
    "change_limit": {"requirement": "Direction", "max": 1},
    "change_too_late": {"requirement": "Direction", "after": "2026-01-12"},
    "method_not_passed": {"method": "Interview"},
    "method_late": {"method": "Test", "date": "2026-06-15", "last": "2026-06-14"},
    "too_few_candidates": {"min": 2, "admitted": 1},
    "awarded": {"outcome": "winner", "title": "Winner"},
    "repeat_competition": {"outcome": "Winner"},
    "limit_reached": {"limit": 3, "per": "district", "group": "d1"},
    "method_not_held": {"method": "Interview"},
    "below_percent_of_max": {"score": "9.00", "percent": "50", "top": "20"},
    "below_min_score": {"score": "9.00", "min": "10"},
    "no_candidate_consent": {"consent": "reserve"},
    "no_vote": {},
    "vote_not_adopted": {
        "vote": {"code": "vote_no_majority", "params": {"votes_for": 2, "base": 6}}
    },
    "place_may_go_to_pending": {"outcome": "Winner"},
    "tie_vote_needed": {"tied": 3, "outcome": "Winner", "places": 1},
    "tie_vote_equal": {"tied": 2, "outcome": "Winner", "places": 1},
    "reserve_member": {},
    "reserve_not_yet": {"included_on": "2026-06-05"},
    "reserve_excluded": {"excluded_on": "2027-01-01"},
    "reserve_term_expired": {"end": "2029-06-05"},
    "re_inclusion_unrestricted": {"ground": "Own request"},
    "re_inclusion_too_early": {"ground": "Promotion", "earliest": "2028-04-10"},
    "re_inclusion_unproven": {"requirement": None, "fact": "Success"},
    "re_inclusion_not_met": {"requirement": "Success"},
    "re_inclusion_possible": {"passed": [{"not_before": "2028-04-10"}, {"requirement": None}]},
}


def engine_codes() -> set[str]:
    """The codes the engine's modules give: the string after the rules in every
    ``Reason(rules, "code", …)`` and ``_reason(rules, "code", …)``, and the codes of rejected
    fact changes (``why = "code", {…}``)."""
    codes: set[str] = set()
    for path in ENGINE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
                "Reason",
                "_reason",
            ):
                code = node.args[1] if len(node.args) > 1 else None
                if isinstance(code, ast.Constant) and isinstance(code.value, str):
                    codes.add(code.value)
            if (
                isinstance(node, ast.Assign)
                and [getattr(t, "id", None) for t in node.targets] == ["why"]
                and isinstance(node.value, ast.Tuple)
                and isinstance(node.value.elts[0], ast.Constant)
            ):
                codes.add(node.value.elts[0].value)
    return codes


def test_c2_every_code_the_engine_gives_is_worded() -> None:
    codes = engine_codes()
    assert len(codes) > 40
    assert codes <= wording.CODES, sorted(codes - wording.CODES)
    assert set(SAMPLES) == wording.CODES


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_c2_each_code_worded_in_russian_english_and_kazakh(code: str) -> None:
    reason = {"rules": ["KM-1"], "code": code, "params": SAMPLES[code]}
    russian = wording.reason(reason)
    assert "%(" not in russian and russian != code
    with translation.override("en"):
        english = wording.reason(reason, gettext)
    with translation.override("kk"):
        kazakh = wording.reason(reason, gettext)
    assert "%(" not in english and "%(" not in kazakh
    if code == "awarded":  # the regulation's own title
        assert russian == english == kazakh == "Winner"
        return
    assert CYRILLIC.search(russian) and not CYRILLIC.search(english)
    assert kazakh != russian and kazakh != english


def test_c2_russian_wording_is_the_engines_former_text() -> None:
    """The identity gettext gives the sentences the engine itself printed before codes."""
    assert wording.reason(
        Reason(("KM-5",), "submitted_after_close", SAMPLES["submitted_after_close"])
    ) == ("документы поданы 2026-03-24, после окончания приёма 2026-03-23")
    assert wording.reason(
        {"code": "missing_documents", "params": SAMPLES["missing_documents"]}
    ) == ("не представлены документы: SNILS; Passport")
    assert wording.reason(
        {"code": "below_percent_of_max", "params": SAMPLES["below_percent_of_max"]}
    ) == ("итоговый балл 9.00 меньше 50 % от максимального (20)")
    assert wording.reason({"code": "meeting_invalid", "params": SAMPLES["meeting_invalid"]}) == (
        "заседание mt1 (2026-04-20) неправомочно: не назначен председатель комиссии"
    )
    assert wording.reason(
        {"code": "vote_casting", "params": {**SAMPLES["vote_casting"], "chair": "against"}}
    ) == ("равенство голосов (2:2); решающий голос председателя «против»")
    assert wording.reason(
        {"code": "re_inclusion_possible", "params": SAMPLES["re_inclusion_possible"]}
    ) == ("повторное включение возможно: не ранее 2028-04-10; условие повторного включения")
    line = {"outcome": "winner", "title": "победитель", "code": "no_vote", "params": {}}
    assert wording.not_granted(line) == "победитель: голосование не проводилось"
    assert wording.with_rules({"rules": ["KM-12"], "code": "no_chair", "params": {}}) == (
        "не назначен председатель комиссии (KM-12)"
    )


def test_c6_a_reason_recorded_before_codes_is_given_back_as_recorded() -> None:
    """A decision stored earlier keeps its result: reasons there are texts."""
    assert wording.reason({"rules": ["KM-1"], "reason": "не выполнено требование: x"}) == (
        "не выполнено требование: x"
    )
    assert wording.reason("«за» 4 из 6: большинство") == "«за» 4 из 6: большинство"
    assert wording.not_granted("победитель: голосование не проводилось") == (
        "победитель: голосование не проводилось"
    )
    assert wording.reason(None) == ""
    assert wording.reason({"code": "unknown_code", "params": {}}) == "unknown_code"


def test_tie_break_names_the_regulations_chain_or_the_engines_fallback() -> None:
    assert wording.tie_break({"after": "a", "rules": [], "decided_by": "Clarity"}) == "Clarity"
    assert wording.tie_break({"after": "a", "fallback": "submitted_at"}) == (
        "дата и время подачи документов"
    )
    assert wording.tie_break({"after": "a", "fallback": "id"}) == "идентификатор"
    with translation.override("en"):
        assert wording.tie_break({"fallback": "id"}, gettext) == "identifier"


def test_the_engines_own_outcomes_are_worded_and_a_regulations_titles_kept() -> None:
    for outcome, title in ENGINE_OUTCOMES.items():
        assert wording.outcome_title(outcome, title) == title  # the same Russian defaults
        with translation.override("en"):
            english = wording.outcome_title(outcome, title, gettext)
        with translation.override("kk"):
            kazakh = wording.outcome_title(outcome, title, gettext)
        assert not CYRILLIC.search(english) and kazakh not in (title, english)
    with translation.override("en"):
        assert wording.outcome_title("refused", None, gettext) == "not admitted"
        # a regulation's own title of an engine outcome, or of its own outcome, is its text
        assert wording.outcome_title("refused", "отказано", gettext) == "отказано"
        assert wording.outcome_title("winner", "победитель", gettext) == "победитель"
