"""Uploaded documents opened by those allowed (issue 9 §2, KM-14): the candidate, the campaign's
HR, the members of a commission examining the application; everyone else gets 403. Every
opening is logged; the URL holds the file's id only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from rezerv.selection import policy, services
from rezerv.selection.models import PersonalDataRead
from tests.web import factories as f

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def world(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    state_body = f.body()
    hr = f.hr_user(state_body)
    campaign = f.km_campaign(hr, announce=TODAY - dt.timedelta(days=2))
    members = f.km_commission(hr, campaign)
    owner = f.candidate("ivanov", "Иванов", "Иван")
    application = f.km_application(campaign, owner)
    other_campaign = f.km_campaign(hr, announce=TODAY - dt.timedelta(days=2))
    stranger = User.objects.create_user("stranger", password="pass-Word-1")
    other_commission = services.commission_create(
        actor=hr, campaign=other_campaign, rule_id="competition_commission",
        name="Другая комиссия", stages=["competition"],
    )  # fmt: skip
    elsewhere = services.commission_add_member(
        actor=hr, commission=other_commission, user=stranger, full_name="Чужой Член",
        role="member", civil_servant=True, independent=False,
    )  # fmt: skip
    return {
        "hr": hr, "owner": owner.user, "member": members[2].user, "elsewhere": elsewhere.user,
        "hr_other": f.hr_user(f.body("Министерство финансов"), "hr_other"),
        "application": application, "document": application.documents.order_by("pk").first(),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("who", "status"),
    sorted({("elsewhere", 403), ("hr", 200), ("hr_other", 403), ("member", 200), ("owner", 200)}),
)
def test_who_may_open(world, who: str, status: int) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world[who])
    document = world["document"]
    url = reverse("upload_open", args=[document.pk])
    assert url == f"/files/{document.pk}/"  # no name, no IIN, no file name in the URL
    response = client.get(url)
    assert response.status_code == status
    logged = PersonalDataRead.objects.filter(application=document.application, channel="file")
    if status == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "ivanov" not in response["Content-Disposition"].lower()
        if who == "owner":  # the candidate's own reads are not counted
            assert not logged.exists()
        else:
            assert logged.get().reader == world[who]
    else:
        assert not logged.exists()


def test_anonymous_is_sent_to_login(world) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(reverse("upload_open", args=[world["document"].pk]))
    assert response.status_code == 302


def test_member_sees_only_admitted_and_current_files(world) -> None:  # type: ignore[no-untyped-def]
    """KM-14: materials of the candidates the commission examines; a refused candidate's files
    and a replaced file are not the members'."""
    application, member = world["application"], world["member"]
    assert policy.files_visible_to(member, application).count() == application.documents.count()
    document = world["document"]
    document.superseded_at = document.uploaded_at
    document.save(update_fields=["superseded_at"])
    assert not policy.allowed(member, "selection.open_upload", document)
    assert policy.allowed(world["hr"], "selection.open_upload", document)
    assert policy.allowed(world["owner"], "selection.open_upload", document)
    refused = services.application_decide(
        actor=world["hr"], application=application, admit=False, refusal_text="Нет документа.",
        expected_version=application.version,
    )  # fmt: skip
    assert policy.files_visible_to(member, refused).count() == 0
    other = refused.documents.exclude(pk=document.pk).first()
    assert not policy.allowed(member, "selection.open_upload", other)


def test_member_scoring_page_lists_the_files(world) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world["member"])
    campaign = world["application"].campaign
    page = client.get(reverse("scoring", args=[campaign.uid, "competition", "interview"]))
    assert page.status_code == 200
    assert reverse("upload_open", args=[world["document"].pk]) in page.content.decode()
