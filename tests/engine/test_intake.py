"""The one intake check (issue 8, item 1): plain data in, problems with codes, fields and rule
IDs out; the web form, the API and the importer submit through it."""

from __future__ import annotations

import datetime as dt

from rezerv.engine.intake import check_submission, intake_window
from rezerv.engine.loader import load_regulation

KM = load_regulation("KM").regulation
PK = load_regulation("PK").regulation
TP = load_regulation("TP").regulation


def complete(reg: object) -> dict[str, object]:
    """A value of the right type for every fact the application must carry."""
    sample = {"bool": True, "number": 1, "text": "есть", "date": "2000-01-01"}
    out: dict[str, object] = {}
    for fact in reg.facts:  # type: ignore[attr-defined]
        if fact.required and fact.source in ("application", "questionnaire"):
            if fact.type == "choice":
                out[fact.id] = fact.choices[0].id
            elif fact.type == "choices":
                out[fact.id] = [fact.choices[0].id]
            else:
                out[fact.id] = sample[fact.type]
    return out


def codes(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.code for p in problems]


def km(**kw: object) -> list:  # type: ignore[type-arg]
    args: dict = {  # type: ignore[type-arg]
        "given": {"announcement": dt.date(2026, 3, 2)},
        "route": "default",
        "submitted_on": dt.date(2026, 3, 10),
        "consent": True,
        "facts": complete(KM),
    }
    args.update(kw)
    return check_submission(KM, **args)


def test_km5_the_window_is_the_regulations_own_events() -> None:
    opens, closes, _ = intake_window(KM, {"announcement": dt.date(2026, 3, 2)})
    assert opens == dt.date(2026, 3, 2) and closes is not None and closes > opens
    assert km() == []
    late = km(submitted_on=closes + dt.timedelta(days=1))
    assert codes(late) == ["closed"] and late[0].params["closes"] == closes
    assert late[0].blocks and "KM-5" in late[0].rules
    assert codes(km(submitted_on=dt.date(2026, 3, 1))) == ["not_open"]


def test_c4_no_consent_is_refused_at_its_field_with_its_rule() -> None:
    (problem,) = km(consent=False)
    assert (problem.code, problem.field) == ("no_consent", "consent")
    assert "C-4" in problem.rules


def test_an_unknown_route_and_an_unknown_document_are_named() -> None:
    problems = km(route="vip", documents=["passport_copy", "selfie"])
    assert [(p.code, p.field) for p in problems] == [
        ("unknown_route", "route"),
        ("unknown_document", "selfie"),
    ]


def test_tp3_one_registration_per_iin() -> None:
    given = {"cycle_start": dt.date(2026, 9, 1)}
    opens, _, _ = intake_window(TP, given)
    assert opens is not None
    facts = {"iin": "030722550486"}
    problems = check_submission(
        TP,
        given=given,
        route="default",
        submitted_on=opens,
        consent=True,
        facts=facts,
        taken={"030722550486"},
    )
    duplicate = next(p for p in problems if p.code == "duplicate")
    assert duplicate.field == "iin" and "TP-3" in duplicate.rules


def test_item2_declared_facts_are_checked_by_type_option_min_and_required() -> None:
    given = {"cycle_start": dt.date(2026, 9, 1)}
    opens, _, _ = intake_window(TP, given)
    assert opens is not None
    problems = check_submission(
        TP,
        given=given,
        route="default",
        submitted_on=opens,
        consent=True,
        facts={"education_programme": "phd", "final_year": "yes"},
    )
    by_field = {p.field: p.params["problem"] for p in problems if p.code == "fact"}
    assert by_field["education_programme"] == "unknown_option"
    assert by_field["final_year"] == "wrong_type"
    assert by_field["email"] == "missing_required"  # asked with the application (TP-2)


def test_pk3_a_late_recommendation_is_accepted_and_refused_at_admission() -> None:
    given = {"formation_start": dt.date(2026, 1, 12), "intake_end": dt.date(2026, 2, 27)}
    _, closes, route_closes = intake_window(PK, given)
    assert route_closes is not None and closes is not None and route_closes < closes
    problems = check_submission(
        PK,
        given=given,
        route="default",
        submitted_on=route_closes + dt.timedelta(days=3),
        consent=True,
        facts={},
    )
    late = next(p for p in problems if p.code == "route_closed")
    assert not late.blocks and "PK-3" in late.rules


def test_item1_km5_the_engines_run_and_the_submission_check_share_one_window(
    monkeypatch: object,
) -> None:
    """run_intake reads its window from intake_window (one computation): what the check
    refuses as late, the run refuses, on the same date; and a changed window moves both."""
    import rezerv.engine.evaluate as evaluate_module
    from tests.engine.casebuild import by_id, km_candidate, km_case, run

    _, closes, _ = intake_window(KM, {"announcement": dt.date(2026, 3, 2)})
    assert closes is not None
    last, late = km_candidate("last"), km_candidate("late")
    last["submitted_at"] = f"{closes.isoformat()}T18:00:00"
    late["submitted_at"] = f"{(closes + dt.timedelta(days=1)).isoformat()}T09:00:00"
    rows = by_id(run("KM", km_case([last, late], {}, {})))
    assert rows["last"]["admitted"] and km(submitted_on=closes) == []
    assert rows["late"]["outcome"] == "refused"
    assert codes(km(submitted_on=closes + dt.timedelta(days=1))) == ["closed"]

    calls: list[object] = []
    earlier = closes - dt.timedelta(days=5)

    def window(*args: object, **kwargs: object) -> tuple[object, object, object]:
        calls.append(kwargs.get("stage"))
        return dt.date(2026, 3, 2), earlier, None

    monkeypatch.setattr(evaluate_module, "intake_window", window)  # type: ignore[attr-defined]
    rows = by_id(run("KM", km_case([last], {}, {})))
    assert calls, "run_intake computes no window of its own"
    assert rows["last"]["outcome"] == "refused"
    assert rows["last"]["refusals"][0]["params"]["closes"] == earlier.isoformat()
