"""Results frozen once decided (issue 13; C-6): while a decision of a stage is in force and not
reopened, its inputs do not change — through the services, the web, the API and the importer
alike; reopened with a ground (audited), they can be corrected and the next decision supersedes
it with that ground."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.selection import decisions, services
from rezerv.selection.models import AuditEvent, Ballot, Decision, Result
from tests.web import factories as f

pytestmark = pytest.mark.django_db

FROZEN = "данные, на которых оно основано, не изменяются"


@pytest.fixture
def world() -> dict[str, Any]:
    return f.km_world(timezone.localdate())


def test_c6_results_ballots_votes_attendance_admission_and_members_are_read_only(
    world: dict[str, Any],
) -> None:
    hr, app, meeting = world["users"]["hr"], world["application"], world["meeting"]
    member = world["members"][2]
    ballot = Ballot.objects.get(member=member, application=app, method_id="interview")
    result = Result.objects.get(application=app, method_id="test")
    attempts = [
        lambda: services.result_save(
            actor=hr,
            application=app,
            stage_id="competition",
            method_id="test",
            correct=10,
            questions=50,
        ),
        lambda: services.ballot_save(
            actor=member.user,
            member=member,
            application=app,
            stage_id="competition",
            method_id="interview",
            points=1,
            reason="",
            expected_version=ballot.version,
        ),
        lambda: services.vote_record(
            actor=hr,
            meeting=meeting,
            question="winner",
            application=app,
            votes={m.pk: "against" for m in world["members"]},
        ),
        lambda: services.attendance_record(actor=hr, meeting=meeting, present_ids=set()),
        lambda: services.conflict_declare(
            actor=member.user, member=member, application=app, reason="родственник"
        ),
        lambda: services.application_decide(
            actor=hr,
            application=app,
            admit=False,
            refusal_text="ошибка",
            expected_version=app.version,
        ),
        lambda: services.commission_add_member(
            actor=hr,
            commission=member.commission,
            user=f.candidate("newcomer", "Новиков", "Нил").user,
            full_name="Новиков Нил",
        ),
    ]
    events_before = AuditEvent.objects.count()
    for attempt in attempts:
        with pytest.raises(services.ServiceError, match=FROZEN):
            attempt()
    ballot.refresh_from_db()
    result.refresh_from_db()
    assert (ballot.points, result.correct) == (
        Ballot.objects.get(pk=ballot.pk).points,
        45,
    )
    assert AuditEvent.objects.count() == events_before


def test_c6_a_reopened_stage_is_corrected_and_the_next_decision_supersedes_with_its_ground(
    world: dict[str, Any],
) -> None:
    hr, app, decision = world["users"]["hr"], world["application"], world["decision"]
    with pytest.raises(services.ServiceError) as refused:
        decisions.decision_reopen(actor=hr, decision=decision, reason="  ")
    assert refused.value.field == "reason"
    ground = "Ошибка в числе правильных ответов теста"
    decisions.decision_reopen(actor=hr, decision=decision, reason=ground)
    with pytest.raises(services.ServiceError, match="уже возобновлён"):
        decisions.decision_reopen(actor=hr, decision=decision, reason=ground)
    services.result_save(
        actor=hr,
        application=app,
        stage_id="competition",
        method_id="test",
        correct=46,
        questions=50,
        date=timezone.localdate(),
    )
    again = services.decision_make(
        actor=hr,
        campaign=world["campaign"],
        stage_id="competition",
        meeting=world["meeting"],
        reason=ground,
    )
    decision.refresh_from_db()
    assert decision.superseded_by == again
    event = AuditEvent.objects.get(action="decision.reopen")
    assert event.changes["reason"] == ground and event.actor == hr
    # the new decision freezes the stage again
    with pytest.raises(services.ServiceError, match=FROZEN):
        services.result_save(
            actor=hr,
            application=app,
            stage_id="competition",
            method_id="test",
            correct=47,
            questions=50,
        )


def test_c6_the_api_refuses_a_ballot_of_a_decided_stage(world: dict[str, Any]) -> None:
    member = world["members"][2]
    client = Client()
    client.force_login(member.user)
    ballot = Ballot.objects.get(
        member=member, application=world["application"], method_id="interview"
    )
    response = client.put(
        f"/api/ballots/{ballot.pk}/",
        {"points": 2, "reason": "", "version": ballot.version},
        content_type="application/json",
    )
    assert response.status_code in (400, 409), response.content
    assert FROZEN in response.content.decode()


def test_c6_the_desk_reopens_with_a_ground_and_shows_it(world: dict[str, Any]) -> None:
    decision = world["decision"]
    hr = Client()
    hr.force_login(world["users"]["hr"])
    url = reverse("desk_decision", args=[world["campaign"].uid])
    page = hr.get(f"{url}?d={decision.pk}").content.decode()
    assert "Возобновить этап для исправления" in page
    reopen = reverse("desk_decision_reopen", args=[world["campaign"].uid, decision.pk])
    empty = hr.post(reopen, {"reason": ""})
    assert empty.status_code == 400 and "Обязательное поле" in empty.content.decode()
    done = hr.post(reopen, {"reason": "Ошибка в протоколе"}, follow=True)
    text = done.content.decode()
    assert "Этап возобновлён для исправления" in text and "Ошибка в протоколе" in text
    assert Decision.objects.get(pk=decision.pk).reopened_at is not None
    # a member of the commission sees the decision but cannot reopen it
    member = Client()
    member.force_login(world["users"]["member"])
    assert member.post(reopen, {"reason": "x"}).status_code == 403


def test_c6_the_import_reports_a_result_of_a_decided_stage_and_imports_nothing(
    world: dict[str, Any], tmp_path: Any
) -> None:
    from rezerv.spreadsheets.importer import spreadsheet_import
    from tests.spreadsheets import helpers as h

    app = world["application"]
    rows = [["Шифр", "Метод", "Вопросов", "Правильных ответов"], [app.code, "test", 50, 10]]
    report = spreadsheet_import(
        actor=world["users"]["hr"],
        campaign=world["campaign"],
        kind="results",
        source=h.xlsx(tmp_path / "results.xlsx", rows),
        dry_run=False,
    )
    assert not report.imported
    assert any(FROZEN in p.reason and p.row == 2 for p in report.problems), report.lines()
    assert Result.objects.get(application=app, method_id="test").correct == 45


def test_an_undecided_stage_stays_open(world: dict[str, Any]) -> None:
    """The open campaign of the same world is not decided: its results are written."""
    hr = world["users"]["hr"]
    app = f.km_application(world["open_campaign"], f.candidate("open", "Открытов", "Олег"))
    services.result_save(
        actor=hr,
        application=app,
        stage_id="competition",
        method_id="test",
        correct=40,
        questions=50,
        date=timezone.localdate() - dt.timedelta(days=1),
    )
