"""A KM campaign of a chosen number of admitted applications, for the query-count tests
(issue 14: a page's queries do not grow with the campaign).

The commission, the meeting and its attendance go through the services (and their audit
records); the applications, their files and the members' ballots are written directly, as the
spreadsheet importer does in bulk, each application with its files (the KM checklist), a test result, a document draft's
points and a ballot from every member. The campaign's last change (the meeting) comes after them, so the engine's stored
result is computed on the first view.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from rezerv.scenarios import campaigns, km, meetings
from rezerv.selection.models import Application, Ballot, Document, Person, Result
from rezerv.selection.states import ApplicationStatus
from tests.web import factories


def km_world(size: int, *, tag: str = "") -> dict[str, Any]:
    state_body = factories.body(f"Главное управление {tag}".strip())
    hr = factories.hr_user(state_body, f"hr{tag}")
    campaign = factories.km_campaign(hr, announce=dt.date(2026, 3, 2))
    members = factories.km_commission(hr, campaign)
    submitted = timezone.make_aware(dt.datetime(2026, 3, 10, 10, 0))
    apps = []
    for i in range(size):
        person = Person.objects.create(
            last_name=f"Петров{tag}",
            first_name=f"Пётр{i}",
            patronymic="Петрович",
            birth_date=dt.date(1985, 5, 5),
        )
        apps.append(
            Application(
                campaign=campaign,
                person=person,
                status=ApplicationStatus.ADMITTED,
                submitted_at=submitted,
                facts={
                    "citizenship": "RU",
                    "speaks_russian": True,
                    "meets_qualification": True,
                    "liable_for_military_service": False,
                    "birth_date": "1985-05-05",
                },
                consent_given_at=submitted,
                consent_text="Согласен.",
                code=f"K{tag}-{i:04d}",
            )
        )
    Application.objects.bulk_create(apps)
    apps = list(Application.objects.filter(campaign=campaign).order_by("pk"))
    Document.objects.bulk_create(
        Document(
            application=a,
            doc_type=doc_type,
            file=f"documents/test/{a.pk}",
            original_name="doc.pdf",
            content_type="application/pdf",
            size=8,
            sha256="0" * 64,
        )
        for a in apps
        for doc_type in factories.KM_DOCS
    )
    Ballot.objects.bulk_create(
        Ballot(
            campaign=campaign,
            stage_id=km.STAGE,
            method_id="interview",
            member=m,
            application=a,
            points=7,
        )
        for a in apps
        for m in members
    )
    tested = dt.date(2026, 4, 10)
    Result.objects.bulk_create(
        Result(
            application=a,
            stage_id=km.STAGE,
            method_id=method,
            recorded_by=hr,
            date=tested,
            **values,
        )
        for n, a in enumerate(apps)
        for method, values in (
            ("test", {"correct": 40 + n % 10, "questions": 50}),
            ("document_draft", {"points": dict.fromkeys(km.DRAFT_CRITERIA, str(n % 6))}),
        )
    )
    campaign = campaigns.to_assessment(hr, campaign)
    held = meetings.meeting(
        hr, campaign, members[0].commission, km.STAGE, dt.date(2026, 4, 20), present=members
    )
    return {
        "hr": hr,
        "campaign": campaign,
        "members": members,
        "apps": apps,
        "meeting": held,
    }
