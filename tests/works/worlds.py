"""The worlds of the written works' tests, built through the services (also for tests/e2e)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from rezerv.selection.models import Campaign
from tests.web import factories as f


def km_works_world() -> dict[str, Any]:
    """A KM campaign for leaders (paper KM-22 and document draft KM-23 are its written works),
    two admitted candidates and a commission; the works' window (from the end of the intake)
    open."""
    today = timezone.localdate()
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2), category="leaders")
    owner = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    other = f.candidate("petrova", "Петрова", "Мария", "Сергеевна")
    mine = f.km_application(campaign, owner)
    theirs = f.km_application(campaign, other)
    members = f.km_commission(hr, campaign)
    events = {**campaign.events, "intake_end": (today - dt.timedelta(days=1)).isoformat()}
    Campaign.objects.filter(pk=campaign.pk).update(events=events)
    campaign.refresh_from_db()
    mine.refresh_from_db()
    theirs.refresh_from_db()
    return {
        "hr": hr,
        "campaign": campaign,
        "mine": mine,
        "theirs": theirs,
        "owner": owner.user,
        "other": other.user,
        "members": members,
    }


def tp_essay_world() -> dict[str, Any]:
    """A TP cycle of this year: a student registered in October and admitted; the essay's window
    open (the registration closed yesterday, the essays due in ten days)."""
    from rezerv.scenarios import applications, campaigns, people, tp

    today = timezone.localdate()
    year = today.year if today.month >= 10 else today.year - 1
    hr = f.hr_user(f.body("Департамент Агентства по делам государственной службы"), "hr_tp")
    campaign = campaigns.announce(
        hr,
        code="TP",
        kind="talent_pool",
        title=f"Пул талантов {year}",
        body=hr.staff.body,
        on=dt.date(year, 9, 15),
        quotas={"demand": {"kostanay": 2}},
        events={"cycle_start": f"{year}-09-01"},
        announcement={
            "conditions": "Условия.",
            "procedure": "Порядок отбора.",
            "essay_topics": "Экономика и финансы: Бюджет, ориентированный на результат.",
            "essay_email": "essay@example.kz",
        },
    )
    person = people.candidate(
        "tp_student",
        "Жумабаев",
        "Данияр",
        "Ерланович",
        password=f.PASSWORD,
        citizenship="KZ",
        iin="020101650001",
        birth_date=dt.date(2002, 1, 1),
    )
    facts = {
        "citizenship": "KZ",
        "iin": "020101650001",
        **tp.application_facts(
            unit="kostanay",
            internship_body="Аппарат акима Костанайской области",
            direction="Экономика и финансы",
            specialty="Финансы",
            address="г. Костанай, ул. Абая, 10",
            phone="+7 701 000 00 10",
            email="student@example.kz",
        ),
    }
    submitted = timezone.make_aware(dt.datetime(year, 10, 2, 12))
    app = applications.apply(
        campaign,
        person,
        facts,
        {"application": "application.pdf", "study_certificate": "spravka.pdf"},
        when=submitted,
        prefill=False,
    )
    app = applications.admit(hr, app, {"direction_fits_specialty": True})
    events = {
        **campaign.events,
        "registration_close": (today - dt.timedelta(days=1)).isoformat(),
        "essay_written": (today + dt.timedelta(days=10)).isoformat(),
    }
    Campaign.objects.filter(pk=campaign.pk).update(events=events)
    campaign.refresh_from_db()
    app.refresh_from_db()
    return {"hr": hr, "campaign": campaign, "application": app, "student": person.user}
