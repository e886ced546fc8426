"""The REST API: scoping as in the web UI, field-level errors, optimistic locking, OpenAPI.

Who may call what is the matrix of ``test_permissions.py``; this module proves what the calls
do and what they show.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from rezerv.selection import services
from rezerv.selection.models import Application, Ballot, PersonalDataRead, Result
from tests.web import factories as f

pytestmark = pytest.mark.django_db

SCORE_TITLE = "Балл по результатам индивидуального собеседования"


@pytest.fixture(scope="module")
def world(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[dict[str, Any]]:
    """Built once for the module inside a transaction rolled back at the end; every test runs
    in its own savepoint (pytest-django), so what a test changes is gone for the next."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        ),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield f.reopened_km_world(timezone.localdate())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def as_(world: dict[str, Any], role: str) -> Client:
    client = Client()
    client.force_login(world["users"][role])
    return client


def put(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.put(url, json.dumps(body), content_type="application/json")


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def application_form(campaign: Any, **override: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "campaign": str(campaign.uid),
        "route": "default",
        "consent": "true",
        "fact_speaks_russian": "1",
        "fact_liable_for_military_service": "0",
    }
    data.update({f"doc_{doc}": f.pdf(f"{doc}.pdf") for doc in f.KM_DOCS})
    data.update(override)
    return {k: v for k, v in data.items() if v is not None}


def chair_ballot(world: dict[str, Any]) -> Ballot:
    return Ballot.objects.get(
        member=world["members"][0], application=world["application"], method_id="interview"
    )


# --------------------------------------------------------------------------- schema


def test_openapi_schema_is_served_and_lists_the_endpoints(tmp_path: Any) -> None:
    response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path, methods in {
        "/api/campaigns/": {"get"},
        "/api/campaigns/{uid}/": {"get"},
        "/api/campaigns/{uid}/decisions/": {"get"},
        "/api/campaigns/{uid}/results/": {"get"},
        "/api/applications/": {"get", "post"},
        "/api/applications/{uid}/": {"get"},
        "/api/applications/{uid}/documents/{document_id}/": {"get"},
        "/api/ballots/": {"get", "post"},
        "/api/ballots/{id}/": {"get", "put"},
        "/api/results/": {"get", "post"},
        "/api/results/{id}/": {"get"},
    }.items():
        assert methods <= set(paths[path]), path
    assert "multipart/form-data" in paths["/api/applications/"]["post"]["requestBody"]["content"]
    assert "409" in paths["/api/ballots/{id}/"]["put"]["responses"]
    # generated without warnings
    call_command("spectacular", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


# --------------------------------------------------------------------------- campaigns


def test_public_sees_announced_campaigns_without_personal_data(world: dict[str, Any]) -> None:
    public = Client()
    listed = public.get("/api/campaigns/").json()
    assert {c["uid"] for c in listed} == {
        str(world["campaign"].uid),
        str(world["open_campaign"].uid),
    }
    detail = public.get(f"/api/campaigns/{world['open_campaign'].uid}/").json()
    assert detail["position"]["title"] == "Главный специалист"
    assert any(row["id"] == "intake_end" and row["date"] for row in detail["deadlines"])
    text = json.dumps([listed, detail], ensure_ascii=False)
    for personal in ("Иванов", "Петрова", "Членов", "ivanov", "hr"):
        assert personal not in text
    assert "created_by" not in detail
    assert public.get(f"/api/campaigns/{world['draft'].uid}/").status_code == 404
    assert public.get("/api/campaigns/not-a-uuid/").status_code == 404


# --------------------------------------------------------------------------- applications


def test_c4_api_application_without_consent_is_refused(world: dict[str, Any]) -> None:
    f.candidate("sidorov", "Сидоров", "Пётр")
    client = Client()
    client.login(username="sidorov", password="pass-Word-1")
    count = Application.objects.count()
    response = client.post(
        "/api/applications/", application_form(world["open_campaign"], consent="false")
    )
    assert response.status_code == 400
    assert "Без согласия на обработку персональных данных" in response.json()["consent"][0]
    assert Application.objects.count() == count


def test_api_upload_is_checked_by_content_and_names_the_document(world: dict[str, Any]) -> None:
    f.candidate("sidorov", "Сидоров", "Пётр")
    client = Client()
    client.login(username="sidorov", password="pass-Word-1")
    count = Application.objects.count()
    exe = SimpleUploadedFile("passport.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = client.post(
        "/api/applications/", application_form(world["open_campaign"], doc_passport_copy=exe)
    )
    assert response.status_code == 400
    assert "не является документом" in response.json()["doc_passport_copy"][0]
    assert Application.objects.count() == count


def test_api_submit_creates_once_and_the_candidate_sees_it(world: dict[str, Any]) -> None:
    client = as_(world, "owner")
    first = client.post("/api/applications/", application_form(world["open_campaign"]))
    second = client.post("/api/applications/", application_form(world["open_campaign"]))
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["uid"] == second.json()["uid"]
    created = first.json()
    assert created["full_name"] == "Иванов Иван Иванович" and created["status"] == "submitted"
    assert {d["doc_type"] for d in created["documents"]} == set(f.KM_DOCS)
    mine = client.get("/api/applications/", {"campaign": str(world["open_campaign"].uid)}).json()
    assert [a["uid"] for a in mine] == [created["uid"]]


def test_api_submit_to_a_draft_is_refused_without_revealing_it(world: dict[str, Any]) -> None:
    response = as_(world, "owner").post("/api/applications/", application_form(world["draft"]))
    assert response.status_code == 400
    assert list(response.json()) == ["campaign"]


def test_staff_cannot_submit_applications(world: dict[str, Any]) -> None:
    response = as_(world, "hr").post("/api/applications/", application_form(world["open_campaign"]))
    assert response.status_code == 403


def test_hr_sees_every_application_of_the_body_members_only_admitted(
    world: dict[str, Any],
) -> None:
    from rezerv.selection.models import Campaign

    decided = Campaign.objects.filter(pk=world["campaign"].pk)
    decided.update(status="published")  # reopened just to receive one more application
    pending = f.km_application(
        decided.get(), f.candidate("sidorov", "Сидоров", "Пётр"), admit=False
    )
    decided.update(status="decided")
    campaign = {"campaign": str(world["campaign"].uid)}
    hr = as_(world, "hr").get("/api/applications/", campaign).json()
    assert len(hr) == 3
    shown = next(a for a in hr if a["uid"] == str(pending.uid))
    assert shown["full_name"] == "Сидоров Пётр" and shown["facts"]["meets_qualification"] is True
    member = as_(world, "member")
    assert {a["status"] for a in member.get("/api/applications/", campaign).json()} == {"admitted"}
    assert member.get(f"/api/applications/{pending.uid}/").status_code == 404
    assert as_(world, "hr_other").get("/api/applications/", campaign).json() == []


def test_item7_applications_filter_by_a_known_status_only(world: dict[str, Any]) -> None:
    hr = as_(world, "hr")
    campaign = str(world["campaign"].uid)
    admitted = hr.get("/api/applications/", {"campaign": campaign, "status": "admitted"}).json()
    assert admitted and {a["status"] for a in admitted} == {"admitted"}
    response = hr.get("/api/applications/", {"campaign": campaign, "status": "approved"})
    assert response.status_code == 400
    [message] = response.json()["status"]
    assert "«approved»" in message and "submitted, admitted, refused, withdrawn" in message


def test_a_malformed_uid_in_a_list_filter_matches_nothing(world: dict[str, Any]) -> None:
    hr = as_(world, "hr")
    campaign = str(world["campaign"].uid)
    assert len(hr.get("/api/ballots/", {"campaign": campaign}).json()) == 10
    for url, params in [
        ("/api/applications/", {"campaign": "not-a-uuid"}),
        ("/api/ballots/", {"application": "not-a-uuid"}),
        ("/api/ballots/", {"campaign": "not-a-uuid"}),
        ("/api/results/", {"campaign": "not-a-uuid"}),
    ]:
        response = hr.get(url, params)
        assert (response.status_code, response.json()) == (200, []), url


def test_candidate_sees_own_outcome_and_documents(world: dict[str, Any]) -> None:
    app = world["application"]
    client = as_(world, "owner")
    shown = client.get(f"/api/applications/{app.uid}/").json()
    assert shown["outcome"]["outcome"] == "winner"
    document = shown["documents"][0]
    assert document["original_name"].endswith(".pdf")
    response = client.get(f"/api/applications/{app.uid}/documents/{document['id']}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "ivanov" not in response["Content-Disposition"].lower()


def test_km14_members_open_the_files_in_force_through_the_api(world: dict[str, Any]) -> None:
    """KM-14: the members of the examining commission get the candidate's materials, as on the
    web scoring screen (policy ``selection.open_upload``): the files in force, with no file
    name (it may carry a name); the candidate and HR see the replaced file too."""
    from rezerv.selection.models import Document

    app = world["application"]
    first, second = app.documents.order_by("pk")[:2]
    Document.objects.filter(pk=first.pk).update(  # test setup: first was replaced by second
        superseded_at=timezone.now(), superseded_by=second
    )
    member = as_(world, "member")
    listed = [d["id"] for d in member.get(f"/api/applications/{app.uid}/").json()["documents"]]
    assert first.pk not in listed and second.pk in listed
    response = member.get(f"/api/applications/{app.uid}/documents/{second.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert PersonalDataRead.objects.filter(
        application=app, channel="file", reader=world["users"]["member"]
    ).exists()
    assert member.get(f"/api/applications/{app.uid}/documents/{first.pk}/").status_code == 403
    for role in ("owner", "hr"):
        shown = as_(world, role).get(f"/api/applications/{app.uid}/").json()["documents"]
        assert {first.pk, second.pk} <= {d["id"] for d in shown}, role
    assert (
        as_(world, "owner").get(f"/api/applications/{app.uid}/documents/{first.pk}/").status_code
        == 200
    )


# --------------------------------------------------------------------------- ballots


def test_member_writes_own_ballot_through_the_service(world: dict[str, Any]) -> None:
    client = as_(world, "expert")
    response = post(
        client,
        "/api/ballots/",
        {
            "application": str(world["application"].uid),
            "stage_id": "competition",
            "method_id": "survey",
            "points": 7,
            "reason": "уверенные ответы",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["own"] is True and body["points"] == "7" and body["version"] == 1
    ballot = Ballot.objects.get(pk=body["id"])
    assert ballot.member.user == world["users"]["expert"]
    again = post(
        client,
        "/api/ballots/",
        {
            "application": str(world["application"].uid),
            "stage_id": "competition",
            "method_id": "survey",
            "points": 8,
        },
    )
    assert again.status_code == 409
    assert "PUT" in again.json()["detail"]


def test_c5_ballot_out_of_range_names_the_criterion_and_changes_nothing(
    world: dict[str, Any],
) -> None:
    ballot = chair_ballot(world)
    client = as_(world, "chair")
    response = put(client, f"/api/ballots/{ballot.pk}/", {"points": 11, "version": ballot.version})
    assert response.status_code == 400
    message = response.json()["points"]["score"][0]
    assert SCORE_TITLE in message and "10" in message
    unknown = put(
        client, f"/api/ballots/{ballot.pk}/", {"points": {"charm": 5}, "version": ballot.version}
    )
    assert unknown.status_code == 400 and "charm" in unknown.json()["points"]
    wrong_method = post(
        client,
        "/api/ballots/",
        {
            "application": str(world["application"].uid),
            "stage_id": "competition",
            "method_id": "test",
            "points": 5,
        },
    )
    assert wrong_method.status_code == 400 and "method_id" in wrong_method.json()
    before = (ballot.points, ballot.version)
    ballot.refresh_from_db()
    assert (ballot.points, ballot.version) == before


def test_stale_ballot_version_is_a_conflict_not_an_overwrite(world: dict[str, Any]) -> None:
    ballot = chair_ballot(world)
    client = as_(world, "chair")
    url = f"/api/ballots/{ballot.pk}/"
    stale = ballot.version
    first = put(client, url, {"points": 10, "reason": "", "version": stale})
    assert first.status_code == 200 and first.json()["version"] == stale + 1
    second = put(client, url, {"points": 3, "reason": "", "version": stale})
    assert second.status_code == 409
    assert "обновите" in second.json()["detail"]
    ballot.refresh_from_db()
    assert ballot.points == "10"


def test_members_see_other_ballots_only_after_scoring_closes(world: dict[str, Any]) -> None:
    member = as_(world, "member")
    chairs = chair_ballot(world)
    interview = {"method": "interview", "campaign": str(world["campaign"].uid)}
    own = member.get("/api/ballots/", interview).json()
    assert len(own) == 2 and all(b["own"] for b in own)
    assert member.get(f"/api/ballots/{chairs.pk}/").status_code == 404
    services.scoring_close(
        actor=world["users"]["hr"], campaign=world["campaign"], stage_id="competition"
    )
    everyone = member.get("/api/ballots/", interview).json()
    assert len(everyone) == 10
    assert {b["member_name"] for b in everyone if not b["own"]} >= {"Членов Член1"}
    assert member.get(f"/api/ballots/{chairs.pk}/").status_code == 200
    # seen, not writable
    assert put(member, f"/api/ballots/{chairs.pk}/", {"points": 1, "version": 1}).status_code == 403
    # and the chair can no longer change a closed stage
    closed = put(as_(world, "chair"), f"/api/ballots/{chairs.pk}/", {"points": 9, "version": 1})
    assert closed.status_code == 400
    assert "закрыта" in closed.json()["non_field_errors"][0]


def test_hr_reads_ballots_but_does_not_write_them(world: dict[str, Any]) -> None:
    hr = as_(world, "hr")
    assert len(hr.get("/api/ballots/").json()) == 10
    response = post(
        hr,
        "/api/ballots/",
        {
            "application": str(world["application"].uid),
            "stage_id": "competition",
            "method_id": "survey",
            "points": 7,
        },
    )
    assert response.status_code == 403


# --------------------------------------------------------------------------- results


def test_km13_hr_records_results_with_field_errors(world: dict[str, Any]) -> None:
    hr = as_(world, "hr")
    app = world["application"]
    base = {"application": str(app.uid), "stage_id": "competition"}
    few = post(hr, "/api/results/", {**base, "method_id": "test", "correct": 20, "questions": 30})
    assert few.status_code == 400
    assert "от 40 до 60 вопросов" in few.json()["questions"][0]
    sheet = post(
        hr,
        "/api/results/",
        {**base, "method_id": "document_draft", "points": {"formatting": 6, "literacy": 5}},
    )
    assert sheet.status_code == 400
    assert (
        "Соответствие установленным требованиям оформления"
        in sheet.json()["points"]["formatting"][0]
    )
    result = Result.objects.get(application=app, method_id="test")
    assert (result.correct, result.questions) == (45, 50)
    ok = post(hr, "/api/results/", {**base, "method_id": "test", "correct": 48, "questions": 50})
    assert ok.status_code == 200 and ok.json()["version"] == result.version + 1
    created = post(hr, "/api/results/", {**base, "method_id": "self_test", "passed": False})
    assert created.status_code == 201 and created.json()["passed"] is False
    listed = hr.get("/api/results/", {"campaign": str(world["campaign"].uid)}).json()
    assert len(listed) == 5
    assert (
        post(as_(world, "chair"), "/api/results/", {**base, "method_id": "self_test"}).status_code
        == 403
    )
    other = post(as_(world, "hr_other"), "/api/results/", {**base, "method_id": "self_test"})
    assert other.status_code == 400 and "application" in other.json()


# --------------------------------------------------------------------------- decisions


def test_c6_decision_inputs_only_for_hr_members_see_the_result(world: dict[str, Any]) -> None:
    url = f"/api/campaigns/{world['campaign'].uid}/decisions/"
    hr = as_(world, "hr").get(url).json()
    member = as_(world, "expert").get(url).json()
    assert len(hr) == len(member) == 1
    assert hr[0]["inputs"]["candidates"] and member[0]["inputs"] is None
    assert member[0]["result"] == hr[0]["result"]
    assert hr[0]["regulation_sha256"] == world["campaign"].regulation.sha256
    assert as_(world, "owner").get(url).status_code == 403
