"""What a regulation declares for users to read: outcomes with titles, vote questions with their
allowed answers, rule IDs of its own namespace, the calendar of its own country
(issue 9, section 1; issue 8, item 2: nothing undeclared is named)."""

from __future__ import annotations

import datetime as dt

import pytest

from rezerv.cli import main
from rezerv.engine.calendar import ProductionCalendar
from rezerv.engine.deadlines import compute_deadlines
from rezerv.engine.errors import InputError
from rezerv.engine.loader import BUNDLED, load_regulation, parse_regulation

# A regulation that rezerv does not bundle: its own clause namespace (OR-), Belarus' calendar.
OWN = """\
schema_version: 1
code: OR
title: Отбор в резерв руководящих кадров
jurisdiction: BY
source: test
version: "1"
rules: [OR-1]
calendar: {country: BY}
events: [{id: announcement, title: Объявление, rules: [OR-2]}]
deadlines:
  - {id: intake_end, title: Окончание приёма, after: announcement, days: 5, unit: working, rules: [OR-5]}
outcomes:
  - {id: chosen, title: избран в резерв, rules: [OR-12]}
votes:
  - {id: choose, title: избрать в резерв, answers: [for, against], rules: [OR-12]}
score_sheets:
  - id: sheet
    title: Лист
    criteria: [{id: score, title: Балл, max: 10}]
methods:
  - {id: interview, title: Собеседование, kind: single, sheet: sheet}
commissions:
  - {id: board, title: Комиссия, quorum: "2/3", majority_of: present, rules: [OR-7]}
stages:
  - {id: intake, title: Приём, kind: intake, owner: hr_officer, opens: announcement, closes: intake_end}
  - id: selection
    title: Отбор
    kind: assessment
    owner: commission
    commission: board
    methods: [interview]
    decision: vote
    awards: [{outcome: chosen, limit: {n: 1}, vote: choose, rules: [OR-12]}]
"""


def refuse(text: str) -> str:
    with pytest.raises(InputError) as err:
        parse_regulation(text.encode(), "own.yaml")
    return str(err.value)


def test_a_regulation_of_its_own_namespace_and_country_validates() -> None:
    reg = parse_regulation(OWN.encode(), "own.yaml").regulation
    assert {"OR-1", "OR-2", "OR-5", "OR-12"} <= reg.cited_rules()
    assert reg.jurisdiction == "BY"
    assert reg.outcome_title("chosen") == "избран в резерв"
    assert reg.outcome_title("refused") == "не допущен"  # the engine's own outcome
    question = reg.vote_question("choose")
    assert question is not None and question.answers == ["for", "against"]


def test_its_deadlines_follow_its_own_production_calendar() -> None:
    reg = parse_regulation(OWN.encode(), "own.yaml").regulation
    # 3 July is Independence Day in Belarus, a day off; so is the weekend of 4-5 July 2026.
    events, _ = compute_deadlines(
        reg, ProductionCalendar("BY"), {"announcement": dt.date(2026, 6, 30)}
    )
    # 1, 2 July; 3 July off; 4-5 weekend; 6, 7, 8 July
    assert events["intake_end"] == dt.date(2026, 7, 8)


def test_an_unknown_country_is_refused_with_its_line() -> None:
    message = refuse(OWN.replace("calendar: {country: BY}", "calendar: {country: XY}"))
    assert "own.yaml:8: calendar.country:" in message and "'XY'" in message


def test_a_malformed_rule_id_is_refused() -> None:
    message = refuse(OWN.replace("rules: [OR-1]", "rules: [or5]"))
    assert "own.yaml:7: rules" in message and "is not a rule ID" in message


def test_item2_an_award_of_an_undeclared_outcome_is_refused_with_its_line() -> None:
    message = refuse(OWN.replace("awards: [{outcome: chosen,", "awards: [{outcome: chosn,"))
    assert "stages[1].awards[0].outcome: outcome 'chosn' is not declared in 'outcomes'" in message
    assert "own.yaml:33:" in message


def test_item2_a_vote_on_an_undeclared_question_is_refused() -> None:
    message = refuse(OWN.replace("vote: choose,", "vote: chose,"))
    assert "stages[1].awards[0].vote: vote question 'chose' is not declared in 'votes'" in message


def test_item2_an_undeclared_otherwise_is_refused_but_the_engines_own_are_known() -> None:
    bad = OWN + "    otherwise: dropped\n"
    assert "stages[1].otherwise: outcome 'dropped' is not declared" in refuse(bad)
    parse_regulation((OWN + "    otherwise: not_selected\n").encode(), "own.yaml")


def test_vote_answers_must_allow_for_and_against_and_list_each_once() -> None:
    assert "must include 'for' and 'against'" in refuse(
        OWN.replace("answers: [for, against]", "answers: [for, abstain]")
    )
    assert "listed twice" in refuse(
        OWN.replace("answers: [for, against]", "answers: [for, against, for]")
    )


def test_a_duplicate_outcome_is_refused() -> None:
    text = OWN.replace(
        "  - {id: chosen, title: избран в резерв, rules: [OR-12]}\n",
        "  - {id: chosen, title: избран в резерв, rules: [OR-12]}\n  - {id: chosen, title: ещё}\n",
    )
    assert "outcomes[1].id: duplicate id 'chosen'" in refuse(text)


def test_validate_command_refuses_an_undeclared_outcome(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "own.yaml"
    path.write_text(OWN.replace("outcome: chosen,", "outcome: chosn,"), "utf-8")
    assert main(["validate", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "not declared in 'outcomes'" in err and "Traceback" not in err


@pytest.mark.parametrize("code", BUNDLED)
def test_every_outcome_of_the_bundled_regulations_has_a_title(code: str) -> None:
    reg = load_regulation(code).regulation
    titles = reg.outcome_titles()
    given = {a.outcome for s in reg.stages for a in s.awards}
    given |= {r.direct_outcome for r in reg.routes if r.direct_outcome}
    given |= {s.otherwise for s in reg.stages}
    assert given <= set(titles)
    assert all(titles[o] and titles[o] != o for o in given)
    for stage in reg.stages:
        for award in stage.awards:
            if award.vote:
                question = reg.vote_question(award.vote)
                assert question is not None and question.title


def test_km18_an_award_requires_a_declared_consent() -> None:
    message = refuse(OWN.replace("vote: choose,", "vote: choose, consent: resrve,"))
    assert "stages[1].awards[0].consent: consent 'resrve' is not declared in 'consents'" in message
    declared = OWN.replace(
        "votes:",
        "consents:\n  - {id: resrve, title: Согласие, text: Согласен, rules: [OR-12]}\nvotes:",
    ).replace("vote: choose,", "vote: choose, consent: resrve,")
    reg = parse_regulation(declared.encode(), "own.yaml").regulation
    assert reg.consent_def("resrve") is not None


def test_km4_announcement_fields_are_declared_once() -> None:
    text = OWN.replace(
        "votes:",
        "announcement:\n  rules: [OR-2]\n  fields:\n"
        "    - {id: place, title: Место}\n    - {id: place, title: Место ещё раз}\nvotes:",
    )
    assert "announcement.fields[1].id: duplicate id 'place'" in refuse(text)


def test_every_bundled_award_consent_is_declared_with_a_text() -> None:
    for code in sorted(BUNDLED):
        reg = load_regulation(code).regulation
        for stage in reg.stages:
            for award in stage.awards:
                if award.consent:
                    consent = reg.consent_def(award.consent)
                    assert consent is not None and consent.text


# --------------------------------------------------------------------------- campaign kinds,
# the publication event, the wording of a fact (issue 9, section 1)


def test_km3_the_regulation_declares_its_campaign_kinds() -> None:
    reg = load_regulation("KM").regulation
    assert [(k.id, k.title) for k in reg.kinds()] == [
        ("vacancy", "конкурс на замещение вакантной должности"),
        ("reserve", "конкурс на включение в кадровый резерв"),
    ]
    reserve = reg.campaign_kind("reserve")
    assert reserve is not None and reserve.for_reserve and reserve.reserve_outcomes == ["winner"]
    vacancy = reg.campaign_kind("vacancy")
    assert vacancy is not None and not vacancy.for_reserve and not vacancy.reserve_outcomes
    assert reg.campaign_kind("contest") is None


@pytest.mark.parametrize("code", BUNDLED)
def test_every_bundled_regulation_declares_its_kinds_and_publication(code: str) -> None:
    reg = load_regulation(code).regulation
    assert reg.campaign_kinds and all(k.title and k.rules for k in reg.campaign_kinds)
    publication = reg.publication_event()
    # PK's formation starts on a day the HR specialist enters (PK-6): no event is the publication
    assert (publication is None) == (code == "PK")
    if publication is not None:
        assert publication in {e.id for e in reg.events}


def test_a_regulation_without_kinds_has_one_under_its_title_and_no_publication() -> None:
    reg = parse_regulation(OWN.encode(), "own.yaml").regulation
    assert [(k.id, k.title) for k in reg.kinds()] == [("default", reg.title)]
    assert reg.publication_event() is None


def test_km4_the_publication_event_is_flagged_once() -> None:
    flagged = OWN.replace(
        "events: [{id: announcement, title: Объявление, rules: [OR-2]}]",
        "events:\n  - {id: announcement, title: Объявление, publication: true, rules: [OR-2]}\n"
        "  - {id: notice, title: Извещение, publication: true}",
    )
    message = refuse(flagged)
    assert "own.yaml:11: events[1].publication: only one event is the publication;" in message
    assert "'announcement' already is" in message
    one = flagged.replace("  - {id: notice, title: Извещение, publication: true}", "")
    assert parse_regulation(one.encode(), "own.yaml").regulation.publication_event() == (
        "announcement"
    )


KINDS = """\
campaign_kinds:
  - {id: vacancy, title: на вакантную должность}
  - {id: reserve, title: в резерв, for_reserve: true, reserve_outcomes: [chosen]}
outcomes:"""


def test_km3_a_kind_names_declared_outcomes_and_its_id_once() -> None:
    reg = parse_regulation(OWN.replace("outcomes:", KINDS, 1).encode(), "own.yaml").regulation
    assert [k.id for k in reg.kinds()] == ["vacancy", "reserve"]
    message = refuse(OWN.replace("outcomes:", KINDS.replace("[chosen]", "[chosn]"), 1))
    assert "campaign_kinds[1].reserve_outcomes[0]: outcome 'chosn' is not declared" in message
    twice = KINDS.replace("id: reserve,", "id: vacancy,")
    assert "campaign_kinds[1].id: duplicate id 'vacancy'" in refuse(
        OWN.replace("outcomes:", twice, 1)
    )
    assert "campaign_kinds[0].id:" in refuse(
        OWN.replace("outcomes:", KINDS.replace("id: vacancy", "id: Vacancy"), 1)
    )


def test_km10_a_position_fact_words_its_value_in_documents() -> None:
    reg = load_regulation("KM").regulation
    assert [(f.id, f.wording) for f in reg.position_facts()] == [
        ("group", "{value} группа должностей"),
        ("category", "категории «{value}»"),
    ]
    position = (
        "facts:\n  - {id: grade, title: Разряд, type: choice, source: position, "
        'wording: "WORDING", choices: [{id: a, title: первый}]}\noutcomes:'
    )
    ok = OWN.replace("outcomes:", position.replace("WORDING", "{value} разряд"), 1)
    assert parse_regulation(ok.encode(), "own.yaml").regulation.position_facts()[0].wording
    for wrong in ("разряд", "{value} {other}", "{value} и {value}"):
        message = refuse(OWN.replace("outcomes:", position.replace("WORDING", wrong), 1))
        assert "facts[0].wording:" in message and "{value}" in message


# --------------------------------------------------------------------------- days of the year

YEARLY = OWN.replace(
    "events: [{id: announcement, title: Объявление, rules: [OR-2]}]",
    'events: [{id: announcement, title: Объявление (1 марта), annual: "03-01", rules: [OR-2]}]',
).replace(
    "deadlines:\n",
    'deadlines:\n  - {id: leap, title: Не позднее 29 февраля, annual: "02-29", rules: [OR-5]}\n',
)


def test_a_yearly_date_is_the_day_of_the_campaigns_year_and_29_february_holds() -> None:
    """A deadline ``annual`` without ``anchor`` falls in the year of the campaign's earliest
    event; an event's ``annual`` is the day the desk proposes (issue 9 §2)."""
    reg = parse_regulation(YEARLY.encode(), "own.yaml").regulation
    assert reg.events[0].annual == "03-01"
    calendar = ProductionCalendar(country="BY")
    for year, day in ((2027, 28), (2028, 29)):
        _, rows = compute_deadlines(reg, calendar, {"announcement": dt.date(year, 3, 1)})
        assert rows[0].date == dt.date(year, 2, day)
    _, rows = compute_deadlines(reg, calendar, {})
    assert rows[0].date is None  # no date of the campaign yet: no year to count in


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('annual: "03-01"', 'annual: "02-30"', "'02-30' is not a month-day"),
        ('annual: "02-29"', 'annual: "02-29", anchor: announcement', None),
        ('annual: "02-29"', "after: announcement, days: 1, anchor: announcement", "'anchor'"),
    ],
)
def test_a_day_of_the_year_is_checked(old: str, new: str, message: str | None) -> None:
    text = YEARLY.replace(old, new, 1)
    if message is None:
        parse_regulation(text.encode(), "own.yaml")
        return
    with pytest.raises(InputError, match=message):
        parse_regulation(text.encode(), "own.yaml")
