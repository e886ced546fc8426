"""AK-2: a tie at the regional cut-off (one akim per oblast, AK-10) is a «disputed question»: the
meeting page asks the tie question for the tied akims only, the commission's vote is recorded
there, and the decision orders them by it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from rezerv.selection import services
from rezerv.selection.models import Decision
from tests.web import factories as f
from tests.web.test_procedures import (
    AK_DOCS,
    P_CRITERIA,
    admit_web,
    ak_facts,
    application,
    apply_web,
    ballot,
    campaign,
    commission,
    evaluate,
    login,
    person,
    row,
    voting,
)

pytestmark = pytest.mark.django_db

QUESTION = "направить во II (республиканский) этап при равенстве баллов (спорный вопрос)"
SURVEY = [
    "s1_rights",
    "s2_social_support",
    "s3_employment",
    "s4_farms_business",
    "s5_microcredit",
    "s6_communal_property",
    "s7_social_infrastructure",
    "s8_improvement_solutions",
    "s9_water_supply",
    "s10_playgrounds",
    "s11_heritage",
    "s12_recreation",
    "s13_internet",
    "s14_upkeep",
    "s15_healthy_lifestyle",
    "s16_community_ethics",
]
ESSAY = [
    "e1_clarity",
    "e2_alternative_view",
    "e3_objectivity",
    "e4_logic",
    "e5_argumentation",
    "e6_viewpoints",
    "e7_concepts",
    "e8_analysis",
    "e9_comparison",
    "e10_grounding",
]


@pytest.fixture(autouse=True)
def _quick(settings: Any, tmp_path: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path)


def test_ak2_the_tie_at_the_cut_off_is_voted_on_the_meeting_page_and_decides() -> None:
    today = timezone.localdate()
    hr_user = f.hr_user(f.body("Агентство РК по делам государственной службы"), "hr_ak")
    ak = campaign(
        hr_user,
        "AK",
        kind="contest",
        announce=today - dt.timedelta(days=3),
        recorded={"district": ["Бурабайский район", "Целиноградский район"]},
    )
    akmola = commission(
        hr_user,
        ak,
        rule_id="regional_commission",
        stages=["intake", "preselection", "regional_interview"],
        prefix="akm",
        members=9,
        secretary=True,
        scope="akmola",
    )
    commission(
        hr_user,
        ak,
        rule_id="republican_commission",
        stages=["republican"],
        prefix="rep",
        members=9,
        secretary=True,
    )
    # x and y score alike everywhere; z, of another district, scores less
    points = {"x": 8, "y": 8, "z": 5}
    hr = login("hr_ak")
    apps = {}
    for k, username in enumerate(points):
        district = "Целиноградский район" if username == "z" else "Бурабайский район"
        person(username, "Акимов", f"Аким{k}", "", citizenship="KZ", iin=f"8001013000{k:02d}")
        response = apply_web(username, ak, ak_facts("akmola", district, k), AK_DOCS)
        assert response.status_code == 302, response.content.decode()[-3000:]
        apps[username] = application(ak, username)
        admit_web(hr, apps[username], {"substantiated_complaints": 0, "essay_pages": 3})
    members = voting(akmola)
    for username, value in points.items():
        app = apps[username]
        for member in members:
            ballot(member, app, "preselection", "preselection", dict.fromkeys(P_CRITERIA, value))
            ballot(member, app, "regional_interview", "essay", dict.fromkeys(ESSAY, 7))
        for method in ("ethics", "feedback"):
            services.result_save(
                actor=hr_user,
                application=app,
                stage_id="regional_interview",
                method_id=method,
                passed=True,
            )
        services.result_save(
            actor=hr_user,
            application=app,
            stage_id="regional_interview",
            method_id="survey",
            points=dict.fromkeys(SURVEY, 7),
        )
    rows = evaluate(ak)
    for username in ("x", "y"):
        entry = row(rows, apps[username])["stages"]["regional_interview"]
        assert entry["outcome"] == "pending"
        assert [r["code"] for r in entry["pending"]] == ["tie_vote_needed"]
    assert row(rows, apps["z"])["outcome"] == "not_selected"

    # the meeting: the tie question for x and y, not for z
    response = hr.post(
        reverse("desk_meeting_new", args=[ak.uid, "regional_interview"]),
        {"date": today.isoformat()},  # decided at it below: held today (issue 9 §4)
    )
    meeting_url = response["Location"]
    hr.post(meeting_url, {"attendance": "1", "present": [m.pk for m in akmola]})
    page = hr.get(meeting_url).content.decode()
    assert "заседание правомочно" in page
    for username in ("x", "y"):
        assert f'id="vote-{apps[username].pk}-tie_advance"' in page
        assert f'id="tie-{apps[username].pk}"' in page
    assert f'id="vote-{apps["z"].pk}-tie_advance"' not in page
    assert page.count(QUESTION) == 2
    assert "кандидатов — 2, мест — 1" in page

    def vote(username: str, n_for: int) -> None:
        data: dict[str, Any] = {
            "vote": "1",
            "application": apps[username].pk,
            "question": "tie_advance",
        }
        data.update(
            {f"vote_{m.pk}": "for" if i < n_for else "against" for i, m in enumerate(members)}
        )
        assert hr.post(meeting_url, data).status_code == 302

    vote("x", 3)
    vote("y", 6)  # y applied after x: the fallback alone would have sent x
    response = hr.post(meeting_url, {"decide": "1"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    decision = Decision.objects.get(stage_id="regional_interview")
    result = {r["id"]: r for r in decision.result["candidates"]}
    x = result[str(apps["x"].pk)]["stages"]["regional_interview"]
    y = result[str(apps["y"].pk)]["stages"]["regional_interview"]
    assert (y["outcome"], y["place"]) == ("advanced", 1)
    assert (x["outcome"], x["place"]) == ("not_selected", 2)
    assert x["tie_break"]["decided_by"] == QUESTION
    assert x["tie_break"]["rules"] == ["AK-2", "AK-10"]
    page = hr.get(response["Location"]).content.decode()
    names = {u: apps[u].person.full_name for u in apps}
    table = page[page.index('id="decision"') :]
    assert table.index(names["y"]) < table.index(names["x"]) < table.index(names["z"])
    assert f"{names['y']} — {QUESTION}" in page  # the vote's table, by the question's title
