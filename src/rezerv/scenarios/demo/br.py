"""The demo's BR reserve of Bashkortostan: three levels, the remote stage's primary ranking
recorded (``hr_br``, ``br_chair``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rezerv.scenarios import applications, bodies, campaigns, checklists
from rezerv.scenarios.demo.base import SERVANT, Demo, Row, commission, hr, person
from rezerv.scenarios.scoring import result

MEMBERS: list[Row] = [
    (
        "br_chair",
        "Ишмуратов Айрат Ринатович",
        "заместитель Руководителя Администрации",
        "chair",
        SERVANT,
    ),
    (
        "br_deputy",
        "Латыпов Ильдар Рашитович",
        "начальник управления кадровой политики",
        "deputy",
        SERVANT,
    ),
    (
        "br_secretary",
        "Соколова Наталья Владимировна",
        "консультант управления",
        "secretary",
        SERVANT,
    ),
    ("br_member", "Юсупов Марат Салаватович", "профессор БашГУ", "member", {"independent": True}),
    (
        "br_member2",
        "Зайнуллина Гульшат Ильгизовна",
        "член Общественной палаты РБ",
        "member",
        {"public_council": True},
    ),
]
DOCS = checklists.documents("BR")
# login, surname, name, patronymic, birth, level, education, managerial years, tier, summary,
# sector, route, recommender
PEOPLE = [
    ("br_gareev", "Гареев", "Рустам", "Ильдарович", dt.date(1975, 4, 2), "higher", "postgraduate", "12", "top", "Заместитель министра промышленности РБ, 12 лет руководящей работы", "промышленность", "heads_of_bodies", "Министр промышленности и инновационной политики РБ Петров С. А."),
    ("br_khabibullina", "Хабибуллина", "Лилия", "Маратовна", dt.date(1982, 9, 14), "basic", "master", "6", "middle", "Заместитель главы администрации городского округа", "муниципальное управление", "municipal_heads", "Глава администрации городского округа г. Уфа Мусин Р. Ф."),
    ("br_pavlov", "Павлов", "Игорь", "Сергеевич", dt.date(1980, 11, 30), "basic", "specialist", "5.5", "middle", "Директор агрохолдинга", "сельское хозяйство", "default", ""),
    ("br_valieva", "Валиева", "Алсу", "Ринатовна", dt.date(1997, 2, 3), "prospective", "bachelor", "1", "lower", "Ведущий специалист-эксперт министерства финансов", "государственное управление", "default", ""),
]  # fmt: skip
RANKING = ((9, 9, 8), (8, 7, 8), (7, 8, 6))  # the remote ranking of the three admitted


def seed(demo: Demo) -> None:
    body = bodies.body(
        "Администрация Главы Республики Башкортостан",
        region=demo.regions["Республика Башкортостан"],
    )
    officer = hr("hr_br", body, "Эльвира", "Латыпова")
    # BR classifies no position (it declares no position fact): the posts are titles only
    for title in (
        "Министр (целевая должность высшего уровня)",
        "Глава администрации муниципального района (базовый уровень)",
        "Заместитель руководителя республиканского органа (базовый уровень)",
    ):
        bodies.position(body, title)
    announce = demo.days(-4)
    campaign = campaigns.announce(
        officer,
        code="BR",
        kind="reserve",
        title="Конкурс на включение в резерв управленческих кадров Республики Башкортостан",
        body=body,
        on=announce,
        quotas={
            "in_person_slots": {"higher": 1, "basic": 2, "prospective": 2},
            "reserve_places": {"higher": 1, "basic": 1, "prospective": 1},
        },
        events={"decision_published": (announce - dt.timedelta(days=6)).isoformat()},
        announcement={
            "conditions": "Резерв формируется на 3 года по трём уровням: высший, базовый, перспективный.",
            "submission": "Портал «Кадры республики» или г. Уфа, ул. Тукаева, 46, каб. 310.",
            "venue": "Заочный этап — ранжирование; очный — углублённая диагностика экспертной группой.",
        },
    )
    commission(
        officer,
        campaign,
        rule_id="reserve_commission",
        name="Комиссия по формированию и подготовке резерва управленческих кадров РБ",
        stages=["intake", "remote", "in_person"],
        members=MEMBERS,
    )
    apps = []
    for row in PEOPLE:
        username, last, first, patronymic, birth, level, education, years, tier = row[:9]
        summary, sector, route, recommender = row[9:]
        candidate = person(username, last, first, patronymic, country="RU", birth=birth)
        facts: dict[str, Any] = {
            "reserve_level": level,
            "education": education,
            "managerial_experience_years": float(years),
            "managerial_tier": tier,
            "unexpunged_criminal_record": False,
            "employed": True,
            "experience_summary": summary,
            "sector": sector,
        }
        if recommender:
            facts["recommender"] = recommender
        apps.append(applications.apply(campaign, candidate, facts, DOCS, route=route))
    admitted = [
        applications.admit(officer, app, {"managerial_experience_confirmed": True})
        for app in apps[:3]
    ]
    criteria = checklists.criteria("BR", "remote_ranking")
    for app, scores in zip(admitted, RANKING, strict=True):
        points = dict(zip(criteria, scores, strict=True))
        result(officer, app, "remote", "remote_ranking", points=points, date=demo.today)
