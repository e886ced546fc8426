"""Who may download which document, every download audited, no personal data in names or URLs.

The verdicts are those of ``rezerv.selection.policy`` (``documents.download``), checked both
through the download URLs and against the policy itself; ``tests/web/test_permissions.py``
checks the same module through the web pages and the API.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import reverse

from rezerv.documents import registry
from rezerv.documents.access import DocumentRef
from rezerv.selection import policy
from rezerv.selection.models import AuditEvent
from tests.web import factories as f

pytestmark = pytest.mark.django_db

ROLES = (
    "anon",
    "winner",
    "other",
    "refused",
    "hr",
    "hr_other",
    "chair",
    "member",
    "expert",
    "admin",
)
OK, GO, NO, NF = 200, 302, 403, 404

# fmt: off
MATRIX: list[tuple[str, str, tuple[int, ...]]] = [
    # document                        format  anon winner other refused hr  hr_other chair member expert admin
    ("decision",                      "pdf",  (GO,  NO,    NO,   NO,     OK, NO,      OK,   OK,    OK,    OK)),
    ("decision",                      "docx", (GO,  NO,    NO,   NO,     OK, NO,      OK,   OK,    OK,    OK)),
    ("chair_ballot",                  "pdf",  (GO,  NO,    NO,   NO,     OK, NO,      OK,   NO,    NO,    OK)),
    ("expert_ballot",                 "docx", (GO,  NO,    NO,   NO,     OK, NO,      NO,   NO,    OK,    OK)),
    ("refusal",                       "pdf",  (GO,  NO,    NO,   OK,     OK, NO,      NO,   NO,    NO,    OK)),
    ("invitation",                    "docx", (GO,  OK,    NO,   NO,     OK, NO,      NO,   NO,    NO,    OK)),
    ("notice",                        "pdf",  (GO,  OK,    NO,   NO,     OK, NO,      NO,   NO,    NO,    OK)),
    ("notice_other",                  "pdf",  (GO,  NO,    OK,   NO,     OK, NO,      NO,   NO,    NO,    OK)),
]
# fmt: on


def users(world: dict[str, Any]) -> dict[str, Any]:
    people, members = world["people"], world["members"]
    hr_other = User.objects.filter(username="hr_other_docs").first() or f.hr_user(
        f.body("Министерство финансов Кузбасса"), "hr_other_docs"
    )
    admin = User.objects.filter(username="admin_docs").first() or f.admin_user("admin_docs")
    return {
        "anon": None,
        "winner": people["ivanov"].user,
        "other": people["petrova"].user,
        "refused": people["kim"].user,
        "hr": world["hr"],
        "hr_other": hr_other,
        "chair": members["smirnov"].user,
        "member": members["sokolov"].user,
        "expert": members["popova"].user,
        "admin": admin,
    }


def url(world: dict[str, Any], document: str, fmt: str) -> str:
    apps, members, campaign = world["apps"], world["members"], world["campaign"]
    if document == "decision":
        return reverse("documents_campaign_file", args=[campaign.uid, "km_decision", fmt])
    if document == "chair_ballot":
        return reverse("documents_member_file", args=[members["smirnov"].pk, "km_ballot", fmt])
    if document == "expert_ballot":
        return reverse("documents_member_file", args=[members["popova"].pk, "km_ballot", fmt])
    code, app = {
        "refusal": ("km_refusal", apps["kim"]),
        "invitation": ("km_invitation", apps["ivanov"]),
        "notice": ("km_results_notice", apps["ivanov"]),
        "notice_other": ("km_results_notice", apps["petrova"]),
    }[document]
    return reverse("documents_application_file", args=[app.uid, code, fmt])


def ref(world: dict[str, Any], document: str) -> DocumentRef:
    """The document of a matrix row as the policy sees it (the same object as ``url``)."""
    apps, members, campaign = world["apps"], world["members"], world["campaign"]
    code, subject = {
        "decision": ("km_decision", campaign),
        "chair_ballot": ("km_ballot", members["smirnov"]),
        "expert_ballot": ("km_ballot", members["popova"]),
        "refusal": ("km_refusal", apps["kim"]),
        "invitation": ("km_invitation", apps["ivanov"]),
        "notice": ("km_results_notice", apps["ivanov"]),
        "notice_other": ("km_results_notice", apps["petrova"]),
    }[document]
    return DocumentRef(registry.FORMS[code], subject)


def client(user: Any) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


@pytest.mark.parametrize(
    ("document", "fmt", "expected"), MATRIX, ids=[f"{d}.{fmt}" for d, fmt, _ in MATRIX]
)
def test_document_permission_matrix(
    world: dict[str, Any], document: str, fmt: str, expected: tuple[int, ...]
) -> None:
    who = users(world)
    path = url(world, document, fmt)
    target = ref(world, document)
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        with transaction.atomic():
            got = client(who[role]).get(path).status_code
            transaction.set_rollback(True)
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        # the download answers as the one policy module does (selection.policy)
        if policy.allowed(who[role], "documents.download", target) != (want == OK):
            wrong.append(f"{role}: selection.policy disagrees with {want}")
    assert not wrong, f"{document}.{fmt}: " + "; ".join(wrong)


def test_every_download_is_audited_without_personal_data(world: dict[str, Any]) -> None:
    kim = world["people"]["kim"]
    before = AuditEvent.objects.filter(action="document.download").count()
    response = client(kim.user).get(url(world, "refusal", "pdf"))
    assert response.status_code == OK
    events = list(AuditEvent.objects.filter(action="document.download").order_by("pk"))[before:]
    assert len(events) == 1
    event = events[0]
    assert event.actor == kim.user and event.campaign_id == world["campaign"].pk
    assert event.object_type == "Application" and event.object_id == str(world["apps"]["kim"].pk)
    assert event.changes == {"form": "km_refusal", "format": "pdf"}
    stored = json.dumps([event.object_id, event.changes], ensure_ascii=False)
    assert kim.last_name not in stored and kim.first_name not in stored
    # a refused request writes nothing
    before = AuditEvent.objects.filter(action="document.download").count()
    assert (
        client(world["people"]["ivanov"].user).get(url(world, "refusal", "pdf")).status_code == NO
    )
    assert AuditEvent.objects.filter(action="document.download").count() == before


def test_file_names_and_urls_carry_no_personal_data(world: dict[str, Any]) -> None:
    hr = client(world["hr"])
    names = []
    for document, fmt, _ in MATRIX:
        path = url(world, document, fmt)
        response = hr.get(path)
        assert response.status_code == OK, document
        disposition = response["Content-Disposition"]
        assert response["Cache-Control"] == "no-store"
        name = re.search(r'filename="([^"]+)"', disposition)
        assert name is not None
        names.append(name.group(1))
        for text in (name.group(1), path):
            assert text.isascii(), text
    for person in world["people"].values():
        for text in names:
            assert person.last_name not in text
    assert all(re.fullmatch(r"km_[a-z_]+_[0-9a-zA-Z_]+\.(pdf|docx)", n) for n in names), names
    assert response["Content-Type"] == "application/pdf"


def test_unknown_form_format_or_subject_kind_is_not_found(world: dict[str, Any]) -> None:
    hr = client(world["hr"])
    campaign = world["campaign"]
    assert hr.get(f"/documents/c/{campaign.uid}/km_decision.odt").status_code == NF
    assert hr.get(f"/documents/c/{campaign.uid}/no_such_form.pdf").status_code == NF
    # a letter is about an application, not a campaign
    assert hr.get(f"/documents/c/{campaign.uid}/km_refusal.pdf").status_code == NF
    # an admitted candidate has no refusal
    ivanov = world["apps"]["ivanov"]
    assert hr.get(f"/documents/a/{ivanov.uid}/km_refusal.pdf").status_code == NF


def test_document_lists_show_each_role_what_it_may_download(world: dict[str, Any]) -> None:
    campaign, members, apps = world["campaign"], world["members"], world["apps"]
    page = client(world["hr"]).get(reverse("documents_campaign", args=[campaign.uid]))
    assert page.status_code == OK
    html = page.content.decode()
    assert f"/documents/c/{campaign.uid}/km_decision.pdf" in html
    for member in members.values():
        assert f"/documents/m/{member.pk}/km_ballot.docx" in html
    assert f"/documents/a/{apps['kim'].uid}/km_refusal.pdf" in html
    assert f"/documents/a/{apps['ivanov'].uid}/km_results_notice.pdf" in html
    # a member: the decision and their own ballot, no letters
    html = client(members["sokolov"].user).get(reverse("documents_campaign", args=[campaign.uid]))
    text = html.content.decode()
    assert f"/documents/c/{campaign.uid}/km_decision.pdf" in text
    assert f"/documents/m/{members['sokolov'].pk}/km_ballot.pdf" in text
    assert f"/documents/m/{members['smirnov'].pk}/km_ballot.pdf" not in text
    assert "/documents/a/" not in text
    # a candidate: not the campaign's list, but their own letters
    winner = client(world["people"]["ivanov"].user)
    assert winner.get(reverse("documents_campaign", args=[campaign.uid])).status_code == NO
    mine = winner.get(reverse("documents_application", args=[apps["ivanov"].uid]))
    assert mine.status_code == OK
    text = mine.content.decode()
    assert "km_invitation.pdf" in text and "km_results_notice.pdf" in text
    assert "km_refusal" not in text
    assert winner.get(reverse("documents_application", args=[apps["kim"].uid])).status_code == NO


def test_decision_and_application_pages_link_to_the_documents(world: dict[str, Any]) -> None:
    campaign, apps = world["campaign"], world["apps"]
    hr = client(world["hr"])
    decision = hr.get(reverse("desk_decision", args=[campaign.uid])).content.decode()
    assert reverse("documents_campaign", args=[campaign.uid]) in decision
    desk = hr.get(reverse("desk_application", args=[apps["kim"].uid])).content.decode()
    assert reverse("documents_application", args=[apps["kim"].uid]) in desk
    member = client(world["members"]["sokolov"].user)
    decision = member.get(reverse("desk_decision", args=[campaign.uid])).content.decode()
    assert reverse("documents_campaign", args=[campaign.uid]) in decision
    own = client(world["people"]["kim"].user).get(reverse("application", args=[apps["kim"].uid]))
    assert reverse("documents_application", args=[apps["kim"].uid]) in own.content.decode()
