"""Item 3 — a stage with several commissions, one per oblast (AK-2, AK-7).

Meetings, attendance, votes and decisions belong to a commission: HR schedules a meeting for
the commission it chooses, each regional commission decides on its own candidates (a decision of
one does not overwrite the other's), the stage's result combines them, and a member of two
commissions acts in the one they choose.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from rezerv.documents.ak import commission_decision
from rezerv.scenarios.scoring import ballot
from rezerv.selection import decisions, in_force, policy, services
from rezerv.selection.models import Ballot, CommissionMember, Decision, Meeting
from rezerv.spreadsheets import export
from tests.documents.world_ak import (
    ABSENT,
    AKIMS,
    P_CRITERIA,
    PRESELECTION_DAY,
    _voting,
    ak_documents_world,
)

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2020, 6, 26, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _quick(settings: Any, tmp_path: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def world() -> dict[str, Any]:
    """The AK contest of two oblasts, every akim admitted and scored at pre-selection by the
    commission of their oblast; no meeting yet."""
    w = ak_documents_world(decide=False, suffix="_t")
    hr, apps = w["hr"], w["apps"]
    for key, app in apps.items():
        app = services.application_record_facts(
            actor=hr, application=app, facts={"substantiated_complaints": 0, "essay_pages": 3}
        )
        apps[key] = services.application_decide(
            actor=hr, application=app, admit=True, refusal_text="", expected_version=app.version
        )
    for key, app in apps.items():
        oblast, points = AKIMS[key][3], AKIMS[key][6]
        for member in _voting(w["commissions"][oblast]):
            ballot(member, app, "preselection", "preselection", dict.fromkeys(P_CRITERIA, points))
    return w


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def commission_of(w: dict[str, Any], oblast: str) -> Any:
    return next(iter(w["commissions"][oblast].values())).commission


def schedule_web(w: dict[str, Any], oblast: str, day: dt.date) -> Meeting:
    """HR schedules the pre-selection meeting of an oblast's commission and records attendance."""
    hr = client_of(w["hr"])
    url = reverse("desk_meeting_new", args=[w["campaign"].uid, "preselection"])
    com = commission_of(w, oblast)
    response = hr.post(url, {"date": day.isoformat(), "commission": com.pk, "place": oblast})
    assert response.status_code == 302, response.content.decode()[-2000:]
    meeting = Meeting.objects.filter(commission=com).latest("pk")
    present = [m.pk for key, m in w["commissions"][oblast].items() if key != ABSENT]
    response = hr.post(
        reverse("desk_meeting", args=[meeting.pk]), {"attendance": "1", "present": present}
    )
    assert response.status_code == 302
    return meeting


def decide_web(w: dict[str, Any], meeting: Meeting, reason: str = "") -> Decision:
    current = in_force.latest_in_force(
        w["campaign"], stage_id="preselection", commission=meeting.commission
    )
    response = client_of(w["hr"]).post(
        reverse("desk_meeting", args=[meeting.pk]),
        {"decide": "1", "reason": reason, "expected": current.pk if current else ""},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    found = in_force.latest_in_force(
        w["campaign"], stage_id="preselection", commission=meeting.commission
    )
    assert found is not None
    return found


def score_of(decision: Decision, app: Any) -> str:
    row = next(r for r in decision.result["candidates"] if r["id"] == str(app.pk))
    return str(row["stages"]["preselection"]["score"])


def test_ak2_ak7_item3_two_oblasts_meet_the_same_day_each_deciding_its_own_candidates(
    world: dict[str, Any],
) -> None:
    campaign, apps = world["campaign"], world["apps"]
    akmola, turkistan = commission_of(world, "akmola"), commission_of(world, "turkistan")
    hr = client_of(world["hr"])

    # The desk asks which commission meets; without one nothing is scheduled.
    url = reverse("desk_meeting_new", args=[campaign.uid, "preselection"])
    page = hr.get(url).content.decode()
    assert akmola.name in page and turkistan.name in page
    refused = hr.post(url, {"date": PRESELECTION_DAY.isoformat()})
    assert refused.status_code == 200
    assert "Выберите комиссию, которая проводит заседание." in refused.content.decode()
    assert not Meeting.objects.filter(campaign=campaign).exists()

    # Both commissions meet on the same day; Akmola decides first.
    akmola_meeting = schedule_web(world, "akmola", PRESELECTION_DAY)
    turkistan_meeting = schedule_web(world, "turkistan", PRESELECTION_DAY)
    assert (akmola_meeting.commission, turkistan_meeting.commission) == (akmola, turkistan)
    # A meeting's votes are its commission's: Turkistan does not vote on an Akmola akim.
    with pytest.raises(services.ServiceError, match="территории"):
        services.vote_record(
            actor=world["hr"],
            meeting=turkistan_meeting,
            question="nominee",
            application=apps["abenov"],
            votes={},
        )
    akmola_decision = decide_web(world, akmola_meeting)
    # An Akmola member then changes a score: refused while Akmola's decision stands (issue
    # 13); once it is reopened the score is corrected, and Akmola's decision stays as it was
    # taken (C-6).
    member = _voting(world["commissions"]["akmola"])[1]
    ballot = Ballot.objects.get(member=member, application=apps["petrova"], stage_id="preselection")
    correction = {
        "actor": member.user,
        "member": member,
        "application": apps["petrova"],
        "stage_id": "preselection",
        "method_id": "preselection",
        "points": dict.fromkeys(P_CRITERIA, 1),
        "reason": "Исправлена ошибка ввода",
        "expected_version": ballot.version,
    }
    with pytest.raises(services.ServiceError, match="не изменяются"):
        services.ballot_save(**correction)
    decisions.decision_reopen(actor=world["hr"], decision=akmola_decision, reason="ошибка ввода")
    services.ballot_save(
        actor=member.user,
        member=member,
        application=apps["petrova"],
        stage_id="preselection",
        method_id="preselection",
        points=dict.fromkeys(P_CRITERIA, 1),
        reason="Исправлена ошибка ввода",
        expected_version=ballot.version,
    )
    # Turkistan's decision needs no reason: it does not supersede Akmola's.
    turkistan_decision = decide_web(world, turkistan_meeting)
    akmola_decision.refresh_from_db()
    assert akmola_decision.in_force and turkistan_decision.in_force
    assert akmola_decision.commission == akmola and turkistan_decision.commission == turkistan
    assert score_of(akmola_decision, apps["petrova"]) != score_of(
        turkistan_decision, apps["petrova"]
    )
    # The stage's result: each akim's row from their own oblast's decision in force.
    rows = in_force.candidate_rows(campaign)
    for key, app in apps.items():
        own = akmola_decision if AKIMS[key][3] == "akmola" else turkistan_decision
        assert rows[str(app.pk)] == next(
            r for r in own.result["candidates"] if r["id"] == str(app.pk)
        ), key
    assert rows[str(apps["kuznetsov"].pk)]["stages"]["preselection"]["outcome"] == "not_selected"
    # The rating export reads the same combination.
    data, _ = export.spreadsheet_export(
        actor=world["hr"], campaign=campaign, kind="rating", now=NOW
    )
    ws = load_workbook(io.BytesIO(data))["Рейтинг"]
    by_name = {
        r[2]: r for r in ws.iter_rows(min_row=export.HEADER_ROW + 1, values_only=True) if r[2]
    }
    assert by_name["Петрова Мария Сергеевна"][3] == float(
        rows[str(apps["petrova"].pk)]["final_score"]
    )
    # The decision page of a commission shows its own akims; the meeting page rates them.
    page = hr.get(
        reverse("desk_decision", args=[campaign.uid]), {"d": akmola_decision.pk}
    ).content.decode()
    assert "Абенов Серик Канатович" in page and "Омаров Данияр Серикович" not in page
    page = hr.get(reverse("desk_meeting", args=[turkistan_meeting.pk])).content.decode()
    assert "Омаров Данияр Серикович" in page and "Абенов Серик Канатович" not in page
    # Each commission's protocol reads its own decision; the stage's date is the meetings' day.
    assert commission_decision(akmola, "preselection") == akmola_decision
    assert commission_decision(turkistan, "preselection") == turkistan_decision
    campaign.refresh_from_db()
    assert campaign.events["preselection_held"] == PRESELECTION_DAY.isoformat()

    # A second Akmola decision supersedes Akmola's only.
    again = decide_web(world, akmola_meeting, reason="Пересчёт после исправления оценки")
    akmola_decision.refresh_from_db()
    turkistan_decision.refresh_from_db()
    assert akmola_decision.superseded_by == again
    assert turkistan_decision.in_force
    assert in_force.decisions_in_force(campaign).count() == 2


def test_ak2_item3_an_earlier_meeting_of_another_oblast_does_not_move_the_stage_date_back(
    world: dict[str, Any],
) -> None:
    later = PRESELECTION_DAY + dt.timedelta(days=2)
    schedule_web(world, "akmola", later)
    schedule_web(world, "turkistan", PRESELECTION_DAY)
    campaign = world["campaign"]
    campaign.refresh_from_db()
    assert campaign.events["preselection_held"] == later.isoformat()
    dates = dict(Meeting.objects.filter(campaign=campaign).values_list("commission__scope", "date"))
    assert dates == {"akmola": later, "turkistan": PRESELECTION_DAY}


def test_ak2_item3_a_member_of_two_commissions_acts_in_the_one_they_choose(
    world: dict[str, Any],
) -> None:
    campaign, apps = world["campaign"], world["apps"]
    akmola, turkistan = commission_of(world, "akmola"), commission_of(world, "turkistan")
    user = User.objects.create_user("two_oblasts", password="pass-Word-1")
    # Setup: seated in both before the world's ballots were given (once a commission has
    # begun to score, its composition is locked: selection/duties.py).
    seats = {
        com.scope: CommissionMember.objects.create(
            commission=com, user=user, full_name="Двоев Иван Петрович"
        )
        for com in (akmola, turkistan)
    }
    with pytest.raises(services.ServiceError, match="приступила к работе"):
        services.commission_add_member(
            actor=world["hr"],
            commission=akmola,
            user=User.objects.create_user("late"),
            full_name="Поздний Пётр",
        )
    # One policy function picks the seat for the web, the API and the documents: no choice
    # among several is an error to show, never the first seat.
    with pytest.raises(policy.SeatChoiceNeeded) as ambiguous:
        policy.seat_for_stage(user, campaign, "preselection")
    assert [m.commission for m in ambiguous.value.seats] == sorted(
        [akmola, turkistan], key=lambda c: c.pk
    )
    assert policy.seat_for_stage(user, campaign, "preselection", turkistan.pk) == seats["turkistan"]
    assert policy.seat_for_stage(user, campaign, "republican", turkistan.pk) is None
    client = client_of(user)
    home = client.get(reverse("commission")).content.decode()
    url = reverse("scoring", args=[campaign.uid, "preselection", "preselection"])
    assert akmola.name in home and turkistan.name in home
    assert f"{url}?commission={akmola.pk}" in home and f"{url}?commission={turkistan.pk}" in home
    # Without a choice the screen sends the member back to choose.
    assert client.get(url).url == reverse("commission")
    page = client.get(url, {"commission": akmola.pk}).content.decode()
    assert apps["abenov"].person.full_name in page
    assert apps["omarov"].person.full_name not in page
    page = client.get(url, {"commission": turkistan.pk}).content.decode()
    assert apps["omarov"].person.full_name in page
    assert apps["abenov"].person.full_name not in page
    # A ballot given in the chosen commission is that commission's.
    omarov = apps["omarov"]
    response = client.post(
        f"{url}?commission={turkistan.pk}",
        {
            "application": omarov.pk,
            "save": "1",
            **{f"a{omarov.pk}-c_{c}": "6" for c in P_CRITERIA},
            f"a{omarov.pk}-version": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert response.url.startswith(f"{url}?commission={turkistan.pk}")
    (mine,) = Ballot.objects.filter(member__user=user)
    assert mine.member == seats["turkistan"] and mine.application == omarov
    # A commission the member does not sit on gives no access.
    republican = commission_of(world, "republican")
    assert client.get(url, {"commission": republican.pk}).status_code == 403


def test_ak2_a_commission_territory_is_chosen_from_the_oblasts_by_title(
    world: dict[str, Any],
) -> None:
    campaign = world["campaign"]
    page = client_of(world["hr"]).get(reverse("desk_commissions", args=[campaign.uid]))
    text = page.content.decode()
    assert '<option value="akmola">Акмолинская область</option>' in text
    # each commission's member form has ids of its own: a label names its own field
    ids = [c.pk for c in campaign.commissions.all()]
    assert all(f'id="id_member{pk}_username"' in text for pk in ids)
    # an option that is not an oblast is refused, naming the field; nothing is created
    before = campaign.commissions.count()
    with pytest.raises(services.ServiceError, match="не работает на этой территории") as exc:
        services.commission_create(
            actor=world["hr"],
            campaign=campaign,
            rule_id="regional_commission",
            name="Атлантида",
            stages=["preselection"],
            scope="atlantis",
        )
    assert exc.value.field == "scope"
    assert campaign.commissions.count() == before
