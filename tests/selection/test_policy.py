"""The one policy module: the disagreements of the three old permission modules, decided.

* AK-2: a member of a regional commission sees, through the web, the API and the policy's
  scopers alike, only the admitted candidates of the commission's oblast;
* a member acts on a stage only through the commission that works on it (no fallback seat);
* a member sees codes, not names, where a sheet of their stages is anonymous (KM-22, KM-23),
  unless the named method is one of their stages' (as on the scoring screen);
* a draft is seen only by those who manage it, a commission member included (the API listed it).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from rezerv.selection import policy, services
from rezerv.selection.models import Campaign
from tests.documents.world_ak import AKIMS, ak_documents_world
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ak() -> dict[str, Any]:
    world = ak_documents_world(decide=False, suffix="_pol")
    hr = world["hr"]
    for key, app in world["apps"].items():
        app = services.application_record_facts(
            actor=hr, application=app, facts={"substantiated_complaints": 0, "essay_pages": 3}
        )
        world["apps"][key] = services.application_decide(
            actor=hr, application=app, admit=True, refusal_text="", expected_version=app.version
        )
    return world


def test_ak2_regional_member_sees_only_the_candidates_of_their_oblast(ak: dict[str, Any]) -> None:
    campaign, apps = ak["campaign"], ak["apps"]
    member = next(iter(ak["commissions"]["akmola"].values()))
    ours = {k for k, row in AKIMS.items() if row[3] == "akmola"}
    theirs = set(apps) - ours
    assert ours and theirs
    user = member.user
    # the scoper
    visible = set(policy.applications_visible_to(user, campaign).values_list("pk", flat=True))
    assert visible == {apps[k].pk for k in ours}
    # the predicate, the web page, the API list and detail
    client = _client(user)
    listed = {a["uid"] for a in client.get("/api/applications/").json()}
    assert listed == {str(apps[k].uid) for k in ours}
    for key in ours:
        assert user.has_perm("selection.view_application", apps[key])
        assert client.get(f"/a/{apps[key].uid}/").status_code == 200
        assert client.get(f"/api/applications/{apps[key].uid}/").status_code == 200
    for key in theirs:
        assert not user.has_perm("selection.view_application", apps[key])
        assert policy.application_level(user, apps[key]) is None
        assert client.get(f"/a/{apps[key].uid}/").status_code == 403
        assert client.get(f"/api/applications/{apps[key].uid}/").status_code == 404


def test_a_member_acts_on_a_stage_only_through_its_commission(ak: dict[str, Any]) -> None:
    campaign, apps = ak["campaign"], ak["apps"]
    member = next(iter(ak["commissions"]["akmola"].values()))
    ours = next(k for k, row in AKIMS.items() if row[3] == "akmola")
    assert policy.seat_for_stage(member.user, campaign, "preselection") == member
    # the republican stage is the republican commission's: no seat applies
    assert policy.seat_for_stage(member.user, campaign, "republican") is None
    body = {
        "application": str(apps[ours].uid),
        "stage_id": "republican",
        "method_id": "defence",
        "points": {},
    }
    response = _client(member.user).post(
        "/api/ballots/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 403, response.content
    assert "не входите в комиссию" in response.json()["detail"]


@pytest.fixture
def km() -> dict[str, Any]:
    from django.utils import timezone

    return f.km_world(timezone.localdate())


def test_km22_names_are_hidden_unless_the_method_is_of_the_members_stages(
    km: dict[str, Any],
) -> None:
    app = km["application"]
    member = km["users"]["member"]
    assert policy.application_level(member, app) == policy.ANONYMOUS  # paper, draft: anonymous
    assert policy.application_level(member, app, "paper") == policy.ANONYMOUS
    assert policy.application_level(member, app, "interview") == policy.MEMBER
    # a method that is not one of the member's stages does not lift the anonymity
    assert policy.application_level(member, app, "no_such_method") == policy.ANONYMOUS
    client = _client(member)
    shown = client.get(f"/api/applications/{app.uid}/", {"method": "no_such_method"}).json()
    assert shown["anonymous"] is True and shown["full_name"] is None
    # the candidate, the campaign's HR officer: everything; another candidate: nothing
    assert policy.application_level(km["users"]["owner"], app) == policy.FULL
    assert policy.application_level(km["users"]["hr"], app) == policy.FULL
    assert policy.application_level(km["users"]["other"], app) is None


def test_a_draft_is_not_shown_to_its_commission_members(km: dict[str, Any]) -> None:
    draft: Campaign = km["draft"]
    hr = km["users"]["hr"]
    commission = services.commission_create(
        actor=hr, campaign=draft, rule_id="competition_commission", name="К", stages=["competition"]
    )
    user = km["users"]["member"]
    services.commission_add_member(actor=hr, commission=commission, user=user, full_name="Ч Ч")
    assert draft not in policy.campaigns_visible_to(user)
    assert not user.has_perm("selection.view_campaign", draft)
    client = _client(user)
    assert client.get(f"/api/campaigns/{draft.uid}/").status_code == 404
    assert client.get(f"/c/{draft.uid}/").status_code == 403
    assert draft in policy.campaigns_visible_to(hr)
