"""The demo's PK municipal reserve of Покровское: target posts, recommendations, the
commission's assessment ahead (``hr_pk``, ``pk_chair``)."""

from __future__ import annotations

import datetime as dt

from rezerv.scenarios import applications, bodies, campaigns, checklists
from rezerv.scenarios.demo.base import SERVANT, Demo, Row, commission, hr, person
from rezerv.selection.models import Application

MEMBERS: list[Row] = [
    ("pk_chair", "Полякова Елена Викторовна", "глава Администрации", "chair", SERVANT),
    (
        "pk_deputy",
        "Руденко Виктор Павлович",
        "заместитель главы Администрации",
        "deputy",
        SERVANT,
    ),
    (
        "pk_secretary",
        "Зинченко Татьяна Андреевна",
        "главный специалист по кадровой работе",
        "secretary",
        SERVANT,
    ),
    ("pk_member", "Коваленко Андрей Николаевич", "депутат Собрания депутатов", "member", {}),
]
TARGETS = [
    ("Заместитель главы Администрации", "main"),
    ("Заведующий сектором экономики и финансов", "leading"),
    ("Ведущий специалист по имущественным и земельным отношениям", "leading"),
]
GENERAL = checklists.documents("PK")
# login, surname, name, patronymic, birth, target, route, education, municipal service years,
# managerial years
PEOPLE = [
    ("pk_savchenko", "Савченко", "Людмила", "Ивановна", dt.date(1984, 6, 15), TARGETS[1], "default", "master", 8, 4),
    ("pk_kovalev", "Ковалев", "Игорь", "Петрович", dt.date(1988, 2, 3), TARGETS[1], "attestation", "specialist", 6, 2),
    ("pk_ivanenko", "Иваненко", "Ольга", "Сергеевна", dt.date(1990, 7, 22), TARGETS[2], "default", "bachelor", 3.5, 1),
    ("pk_serdyuk", "Сердюк", "Оксана", "Николаевна", dt.date(1979, 9, 30), TARGETS[0], "in_reserve", "academic_degree", 10, 6),
]  # fmt: skip


def seed(demo: Demo) -> None:
    today = demo.today
    body = bodies.body(
        "Администрация Покровского сельского поселения",
        region=demo.regions["Ростовская область"],
    )
    officer = hr("hr_pk", body, "Татьяна", "Зинченко")
    # Recommendations are due by the next 1 February (PK-3); the formation starts today
    # unless a week earlier still leaves that date ahead.
    start = demo.days(-7)
    due = dt.date(start.year, 2, 1)
    if due < start:
        due = dt.date(start.year + 1, 2, 1)
    if due < today:
        start = today
    campaign = campaigns.announce(
        officer,
        code="PK",
        kind="reserve",
        title="Ежегодное формирование кадрового резерва Администрации Покровского сельского поселения",
        body=body,
        on=start,
        events={"formation_start": start.isoformat(), "intake_end": demo.days(30).isoformat()},
        announcement={
            "conditions": "Целевые должности: "
            + "; ".join(t for t, _ in TARGETS)
            + ". По 2 кандидата на должность (п. 2.2 Положения).",
            "submission": "с. Покровское, пер. Парковый, 1, каб. 5; рекомендации — не позднее 1 февраля.",
            "venue": "Заседание Комиссии; резерв утверждается главой Администрации до 1 апреля.",
        },
        # the target positions candidates choose from (issue 9 §2); the group is the
        # candidate's fact in PK (target_group), not the position's
        target_positions=[title for title, _group in TARGETS],
    )
    commission(
        officer,
        campaign,
        rule_id="reserve_commission",
        name="Комиссия по формированию и подготовке муниципального резерва",
        stages=["commission"],
        members=MEMBERS,
    )
    apps: list[Application] = []
    for row in PEOPLE:
        username, last, first, patronymic, birth, (title, group), route = row[:7]
        level, service, managerial = row[7:]
        candidate = person(username, last, first, patronymic, country="RU", birth=birth)
        if route == "in_reserve":
            docs = []
        elif route == "default":
            docs = [*GENERAL, "recommendation"]
        else:
            docs = GENERAL
        facts = {
            "target_position": title,
            "target_group": group,
            "education_level": level,
            "education": "Южный федеральный университет, «Государственное и муниципальное управление»",
            "municipal_service_years": service,
            "managerial_experience_years": managerial,
            "successful_projects": 1,
            "from_scratch": "yes" if managerial > 3 else "no",
            "positive_references": 2 if route == "default" else 1,
            "appointment_date": f"{2015 + len(apps)}-03-01",
        }
        apps.append(applications.apply(campaign, candidate, facts, docs, route=route))
    for app, percent in zip(apps[:3], (80, 64, 72.5), strict=True):
        checked = {"meets_qualification": True, "legal_test_percent": percent}
        applications.admit(officer, app, checked)
    applications.admit(officer, apps[3])
