"""A decided TP cycle (talent pool) with everything the TP documents show, built through the
services.

One past cycle of the Kostanay territorial unit, demand 2 (TP-5). Participants (registered in
October, TP-7): Жумабаев Данияр Ерланович and Ахметова Алия Болатовна write the best essays, pass
the training, the internship and the testing and get the certificate on «30» June of the next
year (TP-12); Нургалиева Дана Сериковна and Омаров Ержан Маратович are not selected after the
essay (TP-8, the demand of 2). Three representatives of the bodies that declared the demand score
every essay (originality, clarity: 0–5 each): Касымов Нурлан Серикович, Беккожина Гульнар
Ержановна, Тлеубаев Арман Кайратович — who declares a conflict of interest for Омаров.

``snapshots`` records, while the world is built, whether each document was available at that
moment (before the essays, before the training, before the decision).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from rezerv.documents import registry
from rezerv.documents.access import DocumentRef
from rezerv.documents.services import document_available
from rezerv.selection import services
from rezerv.selection.models import Campaign
from tests.web import factories as f

BODY = "Департамент Агентства Республики Казахстан по делам государственной службы по Костанайской области"
INTERNSHIP_BODY = "Аппарат акима Костанайской области"

PARTICIPANTS = {
    # key: (last, first, patronymic, iin, direction)
    "zhumabaev": ("Жумабаев", "Данияр", "Ерланович", "020101650001", "Экономика и финансы"),
    "akhmetova": ("Ахметова", "Алия", "Болатовна", "020101650002", "Право"),
    "nurgalieva": ("Нургалиева", "Дана", "Сериковна", "020101650003", "Экономика и финансы"),
    "omarov": ("Омаров", "Ержан", "Маратович", "020101650004", "Цифровизация"),
}
REPRESENTATIVES = [
    # key, full name, post
    ("kasymov", "Касымов Нурлан Серикович", "руководитель отдела управления персоналом"),
    ("bekkozhina", "Беккожина Гульнар Ержановна", "главный специалист"),
    ("tleubaev", "Тлеубаев Арман Кайратович", "заместитель руководителя аппарата"),
]
ESSAYS = {  # (originality, clarity) by each representative, in the order above
    "zhumabaev": [(5, 5), (5, 4), (4, 5)],  # 9,33
    "akhmetova": [(4, 4), (5, 4), (4, 4)],  # 8,33
    "nurgalieva": [(3, 4), (4, 4), (3, 4)],  # 7,33
    "omarov": [(4, 3), (4, 3), None],  # 7,00 — Тлеубаев recused himself
}


def facts(key: str, k: int) -> dict[str, Any]:
    *_, iin, direction = PARTICIPANTS[key]
    return {
        "citizenship": "KZ",
        "iin": iin,
        "education_programme": "higher",
        "final_year": True,
        "territorial_unit": "kostanay",
        "internship_body": INTERNSHIP_BODY,
        "direction": direction,
        "specialty": "Финансы",
        "address": f"г. Костанай, ул. Абая, {k + 10}",
        "phone": f"+7 701 000 00 {k + 10:02d}",
        "email": f"{key}@example.kz",
    }


def _moment(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def availability(code: str, subject: Any) -> bool:
    spec = registry.get(code)
    assert spec is not None
    return document_available(DocumentRef(spec, subject))


def tp_documents_world(year: int) -> dict[str, Any]:
    """The cycle from September ``year`` to June ``year + 1``."""
    state_body = f.body(BODY)
    hr = f.hr_user(state_body, "hr_tp_docs")
    created = Campaign.objects.create(
        kind="talent_pool",
        regulation=services.regulation_load_bundled(code="TP"),
        title=f"Пул талантов {year}–{year + 1}",
        body=state_body,
        quotas={"demand": {"kostanay": 2}},
        events={"cycle_start": f"{year}-09-01", "training_start": f"{year + 1}-01-12"},
        announcement={
            "conditions": "Условия.",
            "procedure": "Порядок отбора.",
            "essay_topics": "Темы эссе.",
            "essay_email": "essay@example.kz",
        },
        created_by=hr,
    )
    campaign = services.campaign_publish(actor=hr, campaign=created, on=dt.date(year, 9, 15))
    people, apps = {}, {}
    for k, (key, (last, first, patronymic, iin, _)) in enumerate(PARTICIPANTS.items()):
        people[key] = f.candidate(f"tp_{key}", last, first, patronymic, citizenship="KZ", iin=iin)
        # 01:30 Moscow time is 22:30 UTC of the day before: the form shows the local day.
        apps[key] = services.application_submit(
            actor=people[key].user,
            campaign=campaign,
            person=people[key],
            route="default",
            facts=facts(key, k),
            consent_text="Согласие на сбор и обработку персональных данных.",
            consent_given=True,
            files={
                "application": f.pdf("application.pdf"),
                "study_certificate": f.pdf("spravka.pdf"),
            },
            now=_moment(dt.date(year, 10, 2 + k), hour=1) + dt.timedelta(minutes=30),
        )
    snapshots: dict[str, Any] = {
        "submitted": {
            "application": availability("tp_application", apps["zhumabaev"]),
            "review": availability("tp_review", apps["zhumabaev"]),
            "certificate": availability("tp_certificate", apps["zhumabaev"]),
        }
    }
    for key, app in apps.items():
        app = services.application_record_facts(
            actor=hr,
            application=app,
            facts={
                "direction_fits_specialty": True,
                "essay_topic": "Бюджет, ориентированный на результат",
                "essay_words": 450,
                "training_format": "academy",
            },
        )
        apps[key] = services.application_decide(
            actor=hr,
            application=app,
            admit=True,
            refusal_text="",
            expected_version=app.version,
        )
    commission = services.commission_create(
        actor=hr,
        campaign=campaign,
        rule_id="demand_bodies",
        name="Представители государственных органов",
        stages=["essay"],
    )
    members = {}
    for username, name, post in REPRESENTATIVES:
        user = User.objects.create_user(f"tp_{username}", password="pass-Word-1")
        members[username] = services.commission_add_member(
            actor=hr, commission=commission, user=user, full_name=name, post=post
        )
    snapshots["before_essays"] = {
        "sheet": availability("tp_essay_sheet", members["kasymov"]),
        "review": availability("tp_review", apps["zhumabaev"]),
    }
    services.conflict_declare(
        actor=members["tleubaev"].user,
        member=members["tleubaev"],
        application=apps["omarov"],
        reason="родственник",
    )
    order = [key for key, _, _ in REPRESENTATIVES]
    for key, pairs in ESSAYS.items():
        for member_key, pair in zip(order, pairs, strict=True):
            if pair is None:
                continue
            services.ballot_save(
                actor=members[member_key].user,
                member=members[member_key],
                application=apps[key],
                stage_id="essay",
                method_id="essay",
                points={"originality": pair[0], "clarity": pair[1]},
                reason="",
                expected_version=None,
            )
    certified = ("zhumabaev", "akhmetova")
    for key in certified:
        services.result_save(
            actor=hr,
            application=apps[key],
            stage_id="training",
            method_id="training",
            passed=True,
            date=dt.date(year + 1, 3, 20),
        )
    snapshots["after_training"] = {
        "review": availability("tp_review", apps["zhumabaev"]),
        "review_not_selected": availability("tp_review", apps["nurgalieva"]),
        "certificate": availability("tp_certificate", apps["zhumabaev"]),
    }
    for key in certified:
        services.result_save(
            actor=hr,
            application=apps[key],
            stage_id="internship",
            method_id="internship",
            passed=True,
            date=dt.date(year + 1, 4, 24),
        )
        for method in ("legislation_test", "personal_qualities"):
            services.result_save(
                actor=hr,
                application=apps[key],
                stage_id="testing",
                method_id=method,
                passed=True,
                date=dt.date(year + 1, 5, 12),
            )
    issued = dt.date(year + 1, 6, 30)
    campaign.refresh_from_db()
    campaign = services.campaign_update(
        actor=hr,
        campaign=campaign,
        expected_version=campaign.version,
        events={**campaign.events, "certificates_issued": issued.isoformat()},
    )
    snapshots["before_decision"] = {
        "certificate": availability("tp_certificate", apps["zhumabaev"]),
    }
    decision = services.decision_make(actor=hr, campaign=campaign, stage_id="testing", meeting=None)
    campaign.refresh_from_db()
    for key in apps:
        apps[key].refresh_from_db()
    return {
        "year": year,
        "issued": issued,
        "body": state_body,
        "hr": hr,
        "campaign": campaign,
        "apps": apps,
        "people": people,
        "members": members,
        "decision": decision,
        "snapshots": snapshots,
    }
