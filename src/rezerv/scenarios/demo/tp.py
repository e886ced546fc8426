"""The demo's TP talent pool: this year's cycle in its essays (``hr_tp``, ``tp_rep3``,
``tp_akhmetova``) and last year's, finished, with its certificates (``tp_baimukhanov``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User

from rezerv.scenarios import applications, bodies, campaigns, tp
from rezerv.scenarios.commissions import Seat
from rezerv.scenarios.demo.base import (
    DEMO_PASSWORD,
    SERVANT,
    Demo,
    Row,
    at,
    commission,
    hr,
    person,
    person_fields,
)
from rezerv.scenarios.scoring import ballot
from rezerv.selection.models import StateBody

REPRESENTATIVES: list[Row] = [
    (
        "tp_rep1",
        "Байжанова Сауле Кайратовна",
        "аппарат акима Костанайской области",
        "chair",
        SERVANT,
    ),
    ("tp_rep2", "Тулегенов Нурлан Болатович", "ДГД по Костанайской области", "member", SERVANT),
    (
        "tp_rep3",
        "Шайхиева Алия Муратовна",
        "департамент юстиции Северо-Казахстанской области",
        "member",
        SERVANT,
    ),
]
COMMISSION = "Представители государственных органов, сформировавших потребность"
# login, surname, name, patronymic, ИИН, programme, territorial unit, direction, specialty
PARTICIPANTS = [
    ("tp_akhmetova", "Ахметова", "Айгерим", "Нурлановна", "010314650123", "master", "kostanay", "Цифровизация и государственные услуги", "Информационные системы"),
    ("tp_zhumabaev", "Жумабаев", "Данияр", "Ерланович", "030722550481", "higher", "kostanay", "Экономика и финансы", "Финансы"),
    ("tp_seitkali", "Сейткали", "Мадина", "Асхатовна", "020911650774", "higher", "kostanay", "Экономика и финансы", "Экономика"),
    ("tp_kim", "Ким", "Артём", "Вячеславович", "000405550962", "master", "kostanay", "Право и государственное управление", "Юриспруденция"),
    ("tp_nurgalieva", "Нургалиева", "Дана", "Сериковна", "011230650215", "post_secondary", "kostanay", "Социальная политика", "Социальная работа"),
    ("tp_omarov", "Омаров", "Ерасыл", "Бакытович", "020605550316", "higher", "north_kazakhstan", "Региональное развитие", "Государственное и местное управление"),
    ("tp_smagulova", "Смагулова", "Жанель", "Арманкызы", "030117650427", "master", "north_kazakhstan", "Цифровизация и государственные услуги", "Вычислительная техника"),
]  # fmt: skip
TOPICS = [
    "Цифровизация государственных услуг в регионе",
    "Налоговое администрирование и доверие граждан",
    "Бюджет, ориентированный на результат",
    "Открытость нормотворчества",
    "Адресная социальная помощь",
    "Малые города: точки роста",
    "Данные как государственный ресурс",
]
# (originality, clarity) per representative; None: not scored yet
ESSAYS: list[list[tuple[int, int] | None]] = [
    [(5, 5), (5, 4), (4, 5)],
    [(4, 4), (5, 4), (4, 4)],
    [(4, 3), (4, 4), (3, 4)],
    [(3, 4), (3, 4), (4, 3)],
    [(4, 3), (4, 3), None],
    [(4, 4), (5, 5), None],
    [(3, 3), (4, 4), None],
]
DOCUMENTS = ["application", "study_certificate"]


def events(year: int) -> dict[str, str]:
    return {
        "cycle_start": f"{year}-09-01",
        "demand_submitted": f"{year}-08-15",
        "essay_written": f"{year}-11-10",
        "training_start": f"{year + 1}-01-12",
        "training_end": f"{year + 1}-02-26",
        "internship_start": f"{year + 1}-03-02",
        "internship_end": f"{year + 1}-04-24",
    }


def announcement(topics: str) -> dict[str, str]:
    return {
        "conditions": "Студенты выпускных курсов — граждане Республики Казахстан "
        "(п. 5 Методических рекомендаций).",
        "procedure": "Регистрация с 1 по 31 октября; эссе; программа подготовки в филиале "
        "Академии; практика; тестирование.",
        "essay_topics": topics,
        "essay_email": "talents-kst@example.kz",
    }


def checked(topic: str, words: int) -> dict[str, Any]:
    """What the desk records at admission."""
    return {
        "direction_fits_specialty": True,
        "essay_topic": topic,
        "essay_words": words,
        "academy_branch_in_region": True,
        "training_format": "academy",
    }


def seed(demo: Demo) -> None:
    today = demo.today
    body = bodies.body(
        "Департамент Агентства РК по делам государственной службы по Костанайской области",
        region=demo.regions["Костанайская область"],
    )
    officer = hr("hr_tp", body, "Айжан", "Калиева")
    # The current yearly cycle: the one whose registration (October, TP-7) has begun.
    year = today.year if today >= dt.date(today.year, 10, 2) else today.year - 1
    reg_open, reg_close = dt.date(year, 10, 1), dt.date(year, 10, 31)
    last_day = min(reg_close, today - dt.timedelta(days=1))
    campaign = campaigns.announce(
        officer,
        code="TP",
        kind="talent_pool",
        title=f"Пул талантов: Костанайская и Северо-Казахстанская области, цикл {year}–{year + 1}",
        body=body,
        on=dt.date(year, 9, 15),
        quotas={"demand": {"kostanay": 3, "north_kazakhstan": 2}},
        events=events(year),
        announcement=announcement(
            "Государственное управление: цифровые услуги для жителей села; "
            "Экономика: поддержка малого бизнеса в регионе."
        ),
    )
    members = commission(
        officer,
        campaign,
        rule_id="demand_bodies",
        name=COMMISSION,
        stages=["essay"],
        members=REPRESENTATIVES,
    )
    span = max((last_day - reg_open).days, 0)
    apps = []
    for k, row in enumerate(PARTICIPANTS):
        username, last, first, patronymic, iin, programme, unit, direction, specialty = row
        birth = dt.date(year - 22, 1 + k, 5 + k)
        participant = person(username, last, first, patronymic, country="KZ", birth=birth, iin=iin)
        kostanay = unit == "kostanay"
        facts = tp.application_facts(
            programme=programme,
            unit=unit,
            internship_body="Аппарат акима Костанайской области"
            if kostanay
            else "Аппарат акима Северо-Казахстанской области",
            direction=direction,
            specialty=specialty,
            address=f"г. {'Костанай' if kostanay else 'Петропавловск'}, ул. Абая, {10 + k}",
            phone=f"+7 701 555 {10 + k:02d} {20 + k:02d}",
            email=f"{username}@example.kz",
        )
        when = at(reg_open + dt.timedelta(days=(span * k) // len(PARTICIPANTS)), 9 + k)
        apps.append(applications.apply(campaign, participant, facts, DOCUMENTS, when=when))
    apps = [
        applications.admit(officer, app, checked(TOPICS[k], 380 + 15 * k))
        for k, app in enumerate(apps)
    ]
    if today > reg_close:
        campaigns.to_assessment(officer, campaign)
    for app, essays in zip(apps, ESSAYS, strict=True):
        for member, pair in zip(members, essays, strict=True):
            if pair is not None:
                points = {"originality": pair[0], "clarity": pair[1]}
                ballot(member, app, "essay", "essay", points)
    past(body, officer, year - 1)


def past(body: StateBody, officer: User, year: int) -> None:
    """The previous cycle, finished: the essays, training, internship and testing passed, the
    decision made and the certificates handed over on 30 June (valid one year, TP-12)."""
    campaign = campaigns.announce(
        officer,
        code="TP",
        kind="talent_pool",
        title=f"Пул талантов: Костанайская область, цикл {year}–{year + 1}",
        body=body,
        on=dt.date(year, 9, 15),
        quotas={"demand": {"kostanay": 2}},
        events={**events(year), "certificates_issued": f"{year + 1}-06-30"},
        announcement=announcement(
            "Государственное управление: открытость данных; Социальная сфера: услуги для молодёжи."
        ),
    )
    rows = [  # login, surname, name, patronymic, ИИН, essay (originality, clarity)
        ("tp_baimukhanov", "Баймуханов", "Ерлан", "Серикович", "010203550111", (5, 5)),
        ("tp_iskakova", "Искакова", "Асель", "Маратовна", "010507650222", (5, 4)),
        ("tp_zhaksylykov", "Жаксылыков", "Тимур", "Аскарович", "000911550333", (3, 3)),
    ]
    participants = {
        login: tp.Participant(
            login=login,
            last=last,
            first=first,
            patronymic=patronymic,
            person=person_fields(
                login, country="KZ", birth=dt.date(year - 22, 3 + k, 10 + k), iin=iin
            ),
            submitted=at(dt.date(year, 10, 5 + 3 * k), 10 + k),
            facts=tp.application_facts(
                unit="kostanay",
                internship_body="Аппарат акима Костанайской области",
                direction="Экономика и финансы",
                specialty="Финансы",
                address=f"г. Костанай, ул. Байтурсынова, {20 + k}",
                phone=f"+7 701 444 {10 + k:02d} {30 + k:02d}",
                email=f"{login}@example.kz",
            ),
            checked=checked("Бюджет, ориентированный на результат", 420 + 10 * k),
            essays=(essay,),
            certified=k < 2,  # demand 2 (TP-5): the two best essays go on
        )
        for k, (login, last, first, patronymic, iin, essay) in enumerate(rows)
    }
    login, name, post, role, flags = REPRESENTATIVES[0]
    tp.run_cycle(
        officer,
        campaign,
        participants,
        [Seat(login, name, post, role, **flags)],
        passed_on={
            "training": dt.date(year + 1, 2, 26),
            "internship": dt.date(year + 1, 4, 24),
            "testing": dt.date(year + 1, 5, 20),
        },
        documents=DOCUMENTS,
        commission_name=COMMISSION,
        password=DEMO_PASSWORD,
        prefill=True,
    )
