"""Issue 8, item 3 ("a user who sits on several commissions chooses which one they act in"):
the API picks the seat with the web's policy function (``policy.seat_for_stage``); a member of
two oblast commissions of one stage names the commission (``commission``), and without it gets
a clear 400 in Russian instead of acting in the first one (AK-2)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from rezerv.selection import services
from rezerv.selection.models import AuditEvent, Ballot
from tests.documents.world_ak import P_CRITERIA, ak_documents_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> dict[str, Any]:
    """The AK contest of two oblasts, every akim admitted; one user sits on the commissions of
    Akmola and Turkistan oblasts, which both work on the pre-selection."""
    settings.MEDIA_ROOT = str(tmp_path)
    w = ak_documents_world(decide=False, suffix="_api")
    hr, apps = w["hr"], w["apps"]
    for key, app in apps.items():
        app = services.application_record_facts(
            actor=hr, application=app, facts={"substantiated_complaints": 0, "essay_pages": 3}
        )
        apps[key] = services.application_decide(
            actor=hr, application=app, admit=True, refusal_text="", expected_version=app.version
        )
    user = User.objects.create_user("two_oblasts_api", password="pass-Word-1")
    commissions = {
        oblast: next(iter(w["commissions"][oblast].values())).commission
        for oblast in ("akmola", "republican", "turkistan")
    }
    w["seats"] = {
        oblast: services.commission_add_member(
            actor=hr, commission=commissions[oblast], user=user, full_name="Двоев Иван Петрович"
        )
        for oblast in ("akmola", "turkistan")
    }
    w["user"], w["by_oblast"] = user, commissions
    return w


def post(w: dict[str, Any], body: dict[str, Any], query: str = "") -> Any:
    client = Client()
    client.force_login(w["user"])
    return client.post(f"/api/ballots/{query}", json.dumps(body), content_type="application/json")


def ballot(w: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "application": str(w["apps"]["omarov"].uid),  # a Turkistan akim
        "stage_id": "preselection",
        "method_id": "preselection",
        "points": dict.fromkeys(P_CRITERIA, 6),
        **extra,
    }


def test_item3_ak2_without_a_choice_among_two_commissions_the_api_answers_400(
    world: dict[str, Any],
) -> None:
    events = AuditEvent.objects.count()
    response = post(world, ballot(world))
    assert response.status_code == 400, response.content
    (message,) = response.json()["commission"]
    assert message.startswith("Вы входите в несколько комиссий этого этапа: укажите, в какой")
    for oblast in ("akmola", "turkistan"):
        com = world["by_oblast"][oblast]
        assert f"{com.pk} — «{com.name}»" in message
    assert not Ballot.objects.filter(member__user=world["user"]).exists()
    assert AuditEvent.objects.count() == events


def test_item3_ak2_the_chosen_commission_is_the_seat_the_ballot_is_given_in(
    world: dict[str, Any],
) -> None:
    turkistan = world["by_oblast"]["turkistan"]
    response = post(world, ballot(world, commission=turkistan.pk))
    assert response.status_code == 201, response.content
    (mine,) = Ballot.objects.filter(member__user=world["user"])
    assert mine.member == world["seats"]["turkistan"]
    # the same choice as a query parameter, as the web's ?commission=
    Ballot.objects.filter(pk=mine.pk).delete()  # test setup: start again
    response = post(world, ballot(world), f"?commission={turkistan.pk}")
    assert response.status_code == 201, response.content
    assert Ballot.objects.get(member__user=world["user"]).member == world["seats"]["turkistan"]


def test_item3_ak2_a_commission_the_member_does_not_sit_on_is_refused(
    world: dict[str, Any],
) -> None:
    republican = world["by_oblast"]["republican"]
    response = post(world, ballot(world, commission=republican.pk))
    assert response.status_code == 403, response.content
    assert response.json()["detail"] == "Вы не входите в эту комиссию на этом этапе."
    # the Akmola seat does not cover a Turkistan akim (AK-2): the service refuses it
    response = post(world, ballot(world, commission=world["by_oblast"]["akmola"].pk))
    assert response.status_code == 400, response.content
    assert response.json() == {
        "non_field_errors": ["Кандидат не относится к территории, за которую отвечает комиссия."]
    }
    assert not Ballot.objects.filter(member__user=world["user"]).exists()
