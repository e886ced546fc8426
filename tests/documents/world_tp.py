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

from django.utils import timezone

from rezerv.documents import registry
from rezerv.documents.access import DocumentRef
from rezerv.documents.services import document_available
from rezerv.scenarios import campaigns, tp
from rezerv.scenarios.commissions import Seat
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


CHECKED = {  # what the desk records at admission
    "direction_fits_specialty": True,
    "essay_topic": "Бюджет, ориентированный на результат",
    "essay_words": 450,
    "training_format": "academy",
}
BORN = dt.date(1985, 5, 5)  # the test candidates' birthday (tests.web.factories)
DOCUMENTS = {"application": "application.pdf", "study_certificate": "spravka.pdf"}


def facts(key: str, k: int) -> dict[str, Any]:
    *_, iin, direction = PARTICIPANTS[key]
    return {
        "citizenship": "KZ",
        "iin": iin,
        **tp.application_facts(
            unit="kostanay",
            internship_body=INTERNSHIP_BODY,
            direction=direction,
            specialty="Финансы",
            address=f"г. Костанай, ул. Абая, {k + 10}",
            phone=f"+7 701 000 00 {k + 10:02d}",
            email=f"{key}@example.kz",
        ),
    }


def _moment(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def availability(code: str, subject: Any) -> bool:
    spec = registry.get(code)
    assert spec is not None
    return document_available(DocumentRef(spec, subject))


def participants(year: int) -> dict[str, tp.Participant]:
    """Registered in October; 01:30 Moscow time is 22:30 UTC of the day before (the form shows
    the local day)."""
    return {
        key: tp.Participant(
            login=f"tp_{key}",
            last=last,
            first=first,
            patronymic=patronymic,
            person={"citizenship": "KZ", "iin": iin, "birth_date": BORN},
            submitted=_moment(dt.date(year, 10, 2 + k), hour=1) + dt.timedelta(minutes=30),
            facts=facts(key, k),
            checked=CHECKED,
            essays=tuple(ESSAYS[key]),
            certified=key in ("zhumabaev", "akhmetova"),
        )
        for k, (key, (last, first, patronymic, iin, _)) in enumerate(PARTICIPANTS.items())
    }


def tp_documents_world(year: int) -> dict[str, Any]:
    """The cycle from September ``year`` to June ``year + 1``."""
    state_body = f.body(BODY)
    hr = f.hr_user(state_body, "hr_tp_docs")
    campaign = campaigns.announce(
        hr,
        code="TP",
        kind="talent_pool",
        title=f"Пул талантов {year}–{year + 1}",
        body=state_body,
        on=dt.date(year, 9, 15),
        quotas={"demand": {"kostanay": 2}},
        events={"cycle_start": f"{year}-09-01", "training_start": f"{year + 1}-01-12"},
        announcement={
            "conditions": "Условия.",
            "procedure": "Порядок отбора.",
            "essay_topics": "Темы эссе.",
            "essay_email": "essay@example.kz",
        },
    )
    snapshots: dict[str, Any] = {}

    def observe(moment: str, world: dict[str, Any]) -> None:
        first, not_selected = world["apps"]["zhumabaev"], world["apps"]["nurgalieva"]
        if moment == "submitted":
            snapshots[moment] = {
                "application": availability("tp_application", first),
                "review": availability("tp_review", first),
                "certificate": availability("tp_certificate", first),
            }
        elif moment == "before_essays":
            snapshots[moment] = {
                "sheet": availability("tp_essay_sheet", world["members"]["kasymov"]),
                "review": availability("tp_review", first),
            }
        elif moment == "after_training":
            snapshots[moment] = {
                "review": availability("tp_review", first),
                "review_not_selected": availability("tp_review", not_selected),
                "certificate": availability("tp_certificate", first),
            }
        else:
            snapshots[moment] = {"certificate": availability("tp_certificate", first)}

    issued = dt.date(year + 1, 6, 30)
    world = tp.run_cycle(
        hr,
        campaign,
        participants(year),
        [Seat(key, name, post, login=f"tp_{key}") for key, name, post in REPRESENTATIVES],
        passed_on={
            "training": dt.date(year + 1, 3, 20),
            "internship": dt.date(year + 1, 4, 24),
            "testing": dt.date(year + 1, 5, 12),
        },
        documents=DOCUMENTS,
        commission_name="Представители государственных органов",
        password=f.PASSWORD,
        issued=issued,
        conflicts={"tleubaev": "omarov"},
        consent_text="Согласие на сбор и обработку персональных данных.",
        observe=observe,
    )
    return {**world, "year": year, "issued": issued, "body": state_body, "snapshots": snapshots}
