"""A candidate adds or replaces a document until the intake ends, and withdraws an application
(issue 9 §2): the window is the submission's own (engine.intake.intake_window)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from rezerv.selection import candidate_files, services
from rezerv.selection.models import AuditEvent, Document
from rezerv.selection.states import ApplicationStatus
from tests.web import factories as f

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def world(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=TODAY - dt.timedelta(days=2))
    owner = f.candidate("ivanov", "Иванов", "Иван")
    application = f.km_application(campaign, owner, admit=False)
    return {"hr": hr, "owner": owner.user, "application": application}


def test_replace_keeps_the_old_file(world) -> None:  # type: ignore[no-untyped-def]
    application = world["application"]
    old = application.documents.get(doc_type="passport_copy")
    new = candidate_files.document_put(
        actor=world["owner"], application=application, doc_type="passport_copy",
        upload=f.pdf("new.pdf"),
    )  # fmt: skip
    old.refresh_from_db()
    assert old.superseded_by == new and old.superseded_at is not None
    assert (
        Document.objects.filter(
            application=application, doc_type="passport_copy", superseded_at__isnull=True
        ).get()
        == new
    )
    event = AuditEvent.objects.get(action="upload.replace")
    assert event.changes == {"doc_type": "passport_copy", "document": new.pk, "replaces": old.pk}


def test_blocked_after_the_intake_closes(world) -> None:  # type: ignore[no-untyped-def]
    application = world["application"]
    closes = candidate_files.intake_closes(application)
    assert closes is not None
    with pytest.raises(services.ServiceError, match="Приём документов окончен"):
        candidate_files.document_put(
            actor=world["owner"], application=application, doc_type="passport_copy",
            upload=f.pdf(), today=closes + dt.timedelta(days=1),
        )  # fmt: skip
    # the closing day itself is still open
    candidate_files.document_put(
        actor=world["owner"], application=application, doc_type="passport_copy",
        upload=f.pdf(), today=closes,
    )  # fmt: skip


def test_bad_input_changes_nothing(world) -> None:  # type: ignore[no-untyped-def]
    application = world["application"]
    count = Document.objects.count()
    with pytest.raises(services.ServiceError) as exc:
        candidate_files.document_put(
            actor=world["owner"], application=application, doc_type="unknown", upload=f.pdf()
        )
    assert exc.value.field == "doc_type"
    with pytest.raises(services.ServiceError, match="не является документом"):
        candidate_files.document_put(
            actor=world["owner"], application=application, doc_type="inn",
            upload=f.file_bytes(b"MZ not a document at all" * 10, "x.pdf"),
        )  # fmt: skip
    assert Document.objects.count() == count


def test_withdraw_is_final_and_not_admitted(world) -> None:  # type: ignore[no-untyped-def]
    application = world["application"]
    withdrawn = candidate_files.application_withdraw(
        actor=world["owner"], application=application, reason="нашёл другую работу"
    )
    assert withdrawn.status == ApplicationStatus.WITHDRAWN
    assert AuditEvent.objects.filter(action="application.withdraw").exists()
    assert AuditEvent.objects.filter(action="application.transition").exists()
    with pytest.raises(services.ServiceError):
        services.application_decide(
            actor=world["hr"], application=withdrawn, admit=True, refusal_text="",
            expected_version=withdrawn.version,
        )  # fmt: skip
    # not a candidate of the engine's case (not rated), no more documents
    assert services.build_case(withdrawn.campaign)["candidates"] == []
    with pytest.raises(services.ServiceError, match="отозвано"):
        candidate_files.document_put(
            actor=world["owner"], application=withdrawn, doc_type="inn", upload=f.pdf()
        )


def test_candidate_pages(world) -> None:  # type: ignore[no-untyped-def]
    application = world["application"]
    client = Client()
    client.force_login(world["owner"])
    page = client.get(reverse("application", args=[application.uid])).content.decode()
    assert 'id="upload"' in page and 'id="withdraw"' in page
    response = client.post(
        reverse("application_document", args=[application.uid]),
        {"doc_type": "inn", "file": f.pdf("inn2.pdf")},
    )
    assert response.status_code == 302
    assert application.documents.filter(doc_type="inn", superseded_at__isnull=False).exists()
    url = reverse("application_withdraw", args=[application.uid])
    page = client.post(url, {"reason": ""})
    assert "Подтвердите отзыв заявления." in page.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert client.post(url, {"confirm": "1"}).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    page = client.get(reverse("application", args=[application.uid])).content.decode()
    assert 'id="upload"' not in page and "отозвано" in page
    # HR sees it as withdrawn
    hr = Client()
    hr.force_login(world["hr"])
    desk = hr.get(reverse("desk_application", args=[application.uid])).content.decode()
    assert "отозвано" in desk


def test_someone_else_cannot_act(world) -> None:  # type: ignore[no-untyped-def]
    application = world["application"]
    client = Client()
    client.force_login(world["hr"])
    assert client.post(reverse("application_withdraw", args=[application.uid]),
                       {"confirm": "1"}).status_code == 403  # fmt: skip
    assert client.post(reverse("application_document", args=[application.uid]),
                       {"doc_type": "inn", "file": f.pdf()}).status_code == 403  # fmt: skip
