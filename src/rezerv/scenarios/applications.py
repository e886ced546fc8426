"""Applications of a scenario: submitted with their uploads, admitted or refused, consents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile

from rezerv.selection import selectors, services
from rezerv.selection.models import Application, Campaign, Person

# The smallest file the upload checks take for a PDF.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b" " * 64


def pdf(filename: str = "doc.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(filename, PDF, content_type="application/pdf")


def uploads(docs: Iterable[str] | Mapping[str, str]) -> dict[str, UploadedFile[bytes]]:
    """A PDF per document type; a mapping names each type's file, a list names it after it."""
    names = docs if isinstance(docs, Mapping) else {d: f"{d}.pdf" for d in docs}
    return {doc: pdf(name) for doc, name in names.items()}


def apply(
    campaign: Campaign,
    person: Person,
    facts: dict[str, Any],
    docs: Iterable[str] | Mapping[str, str],
    *,
    route: str = "default",
    when: dt.datetime | None = None,
    consent_text: str | None = None,
    prefill: bool = True,
) -> Application:
    """What the application form does: the person submits ``facts`` and a PDF per document,
    consenting (C-4); ``prefill`` adds the facts the form takes from the questionnaire first."""
    assert person.user is not None
    regulation = campaign.regulation.load().regulation
    given = {**(selectors.questionnaire_facts(person, regulation) if prefill else {}), **facts}
    return services.application_submit(
        actor=person.user,
        campaign=campaign,
        person=person,
        route=route,
        facts=given,
        consent_text=str(selectors.CONSENT_TEXT) if consent_text is None else consent_text,
        consent_given=True,
        files=uploads(docs),
        now=when,
    )


def admit(hr: User, application: Application, facts: dict[str, Any] | None = None) -> Application:
    """The HR officer records ``facts`` (the ones the desk checks) and admits."""
    if facts:
        application = services.application_record_facts(
            actor=hr, application=application, facts=facts
        )
    return services.application_decide(
        actor=hr,
        application=application,
        admit=True,
        refusal_text="",
        expected_version=application.version,
    )


def refuse(hr: User, application: Application, reasons: str) -> Application:
    """Refused admission with the reasons in writing (C-2)."""
    return services.application_decide(
        actor=hr,
        application=application,
        admit=False,
        refusal_text=reasons,
        expected_version=application.version,
    )


def refuse_by_engine(hr: User, application: Application) -> Application:
    """Refused with the written reasons the engine gives, as the HR desk proposes them."""
    _, result = services.evaluate_campaign(application.campaign)
    verdict = next(r for r in result["candidates"] if r["id"] == str(application.pk))
    application.refresh_from_db()
    return refuse(
        hr,
        application,
        selectors.refusal_text(verdict, application.campaign.regulation.load().regulation),
    )


def consent(application: Application, kind: str = "reserve") -> Application:
    """The candidate consents (e.g. to the reserve, KM-18)."""
    return services.application_give_consent(
        actor=application.person.user, application=application, kind=kind
    )
