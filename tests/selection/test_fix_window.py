"""BR-11: a refused candidate may supply the documents within the regulation's fix term
(``documents.fix_term``, 7 days) from receiving the refusal; the window opens with the refusal,
is used (the candidate uploads on the application's page), HR decides again, and it closes
(an upload after it is refused, naming the date).  A regulation without the term (KM) accepts
nothing from a refused candidate."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from rezerv.notifications import defaults
from rezerv.notifications.models import Notification
from rezerv.scenarios import applications
from rezerv.selection import candidate_files, services
from rezerv.selection.models import Application, Document
from rezerv.selection.states import ApplicationStatus
from tests.web import factories as f

pytestmark = pytest.mark.django_db

FACTS = {
    "reserve_level": "basic",
    "education": "bachelor",
    "managerial_experience_years": 5,
    "unexpunged_criminal_record": False,
    "employed": True,
    "experience_summary": "Руководитель отдела, 5 лет.",
    "sector": "Экономика",
}


def _br_refused() -> dict[str, Any]:
    hr = f.hr_user(f.body())
    campaign = services.campaign_create(
        actor=hr,
        regulation_code="BR",
        kind="reserve",
        title="Резерв управленческих кадров",
        body=hr.staff.body,
        announcement={"conditions": "—", "submission": "—", "venue": "—"},
    )
    campaign = services.campaign_publish(actor=hr, campaign=campaign, on=timezone.localdate())
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    application = applications.apply(campaign, person, FACTS, {})
    application = applications.refuse(hr, application, "Не представлена анкета.")
    return {"hr": hr, "application": application, "user": person.user}


def _doc_type(application: Application) -> str:
    return next(iter(candidate_files.catalogue_titles(application)))


def test_br11_the_fix_window_opens_with_the_refusal_is_used_and_hr_admits_again() -> None:
    w = _br_refused()
    application: Application = w["application"]
    today = timezone.localdate()
    window = candidate_files.fix_window(application)
    assert window == (today, today + dt.timedelta(days=7))
    # the candidate sees the form on the application's page and uploads through it
    client = Client()
    client.force_login(w["user"])
    page = client.get(f"/a/{application.uid}/").content.decode()
    assert 'id="fix-upload"' in page and f"{today + dt.timedelta(days=7):%d.%m.%Y}" in page
    assert "BR-11" not in page  # no rule codes on a candidate's page
    response = client.post(
        f"/a/{application.uid}/document/",
        {"doc_type": _doc_type(application), "file": applications.pdf("anketa.pdf")},
    )
    assert response.status_code == 302
    assert Document.objects.filter(application=application, original_name="anketa.pdf").exists()
    # HR is told to decide again
    told = Notification.objects.filter(template_key=defaults.FIX_SUPPLIED, channel="in_app")
    assert told.get().recipient == w["hr"]
    assert "Иванов Иван Иванович" in told.get().body
    # the last day of the window is still open
    candidate_files.document_put(
        actor=w["user"], application=application, doc_type=_doc_type(application),
        upload=applications.pdf(), today=today + dt.timedelta(days=7),
    )  # fmt: skip
    # HR checks again and admits
    application.refresh_from_db()
    admitted = services.application_decide(
        actor=w["hr"], application=application, admit=True, refusal_text="",
        expected_version=application.version, override_reason="Документы представлены (BR-11).",
    )  # fmt: skip
    assert admitted.status == ApplicationStatus.ADMITTED
    assert candidate_files.fix_window(admitted) is None


def test_br11_the_fix_window_closes_after_its_term() -> None:
    w = _br_refused()
    application: Application = w["application"]
    closes = timezone.localdate() + dt.timedelta(days=7)
    with pytest.raises(services.ServiceError, match="Срок устранения причин отказа истёк"):
        candidate_files.document_put(
            actor=w["user"], application=application, doc_type=_doc_type(application),
            upload=applications.pdf(), today=closes + dt.timedelta(days=1),
        )  # fmt: skip
    assert not candidate_files.documents_open(application, closes + dt.timedelta(days=1))


def test_km_refused_candidate_has_no_fix_window() -> None:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    application = f.km_application(campaign, person, admit=False)
    application = applications.refuse(hr, application, "Не все документы.")
    assert candidate_files.fix_window(application) is None
    with pytest.raises(services.ServiceError, match="документы не принимаются"):
        candidate_files.document_put(
            actor=person.user, application=application, doc_type="passport_copy",
            upload=applications.pdf(),
        )  # fmt: skip
