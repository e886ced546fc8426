"""A decided BR competition (Bashkortostan management reserve) built through the services.

The commission (Комиссия по формированию и подготовке резерва управленческих кадров): the chair
Галиев Руслан Маратович, the deputy Сафина Лилия Ринатовна, the secretary Ахметов Тимур
Ильдарович, the members Кузьмина Наталья Петровна and Валеев Айдар Салаватович (an independent
expert). Everyone attends the remote-stage meeting; Валеев misses the in-person-stage meeting.

Candidates (level, remote ranking 3 × 0–10, expert rating 0–100):

* Гарипов Ильдар Рустемович — higher, 9/9/9 = 27, rating 82: included (votes 4–0–0);
* Николаева Светлана Андреевна — higher, 7/7/7 = 21: not admitted to the in-person stage
  (one in-person place per level);
* Морозов Денис Олегович — basic, 8/8/8 = 24, rating 74: included (votes 3–1–0);
* Юсупова Алсу Фаритовна — prospective, 6/6/6 = 18, rating 69: included;
* Орлов Максим Игоревич — prospective, 5/5/5 = 15, rating 61: not included (one reserve place);
* Шарипов Азат Ринатович — winner of «Лидеры Башкортостана», included without the competition
  (3.8);
* Ким Виктория (no patronymic, recorded as a woman) — prospective, 40 years old: refused (3.6).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User

from rezerv.scenarios import applications, campaigns, checklists, commissions, meetings
from rezerv.scenarios.campaigns import set_events
from rezerv.scenarios.commissions import Seat
from rezerv.scenarios.scoring import result
from rezerv.selection.models import Campaign
from tests.clock import decide_at_meeting
from tests.web import factories as f

BODY = "Управление Главы Республики Башкортостан по вопросам государственной службы и кадровой политике"
COMMISSION = (
    "Комиссия по формированию и подготовке резерва управленческих кадров Республики Башкортостан"
)

MEMBERS = [
    # key, full name, post, role, independent
    ("galiev", "Галиев Руслан Маратович", "заместитель Руководителя Администрации", "chair", False),
    ("safina", "Сафина Лилия Ринатовна", "начальник Управления", "deputy", False),
    ("akhmetov", "Ахметов Тимур Ильдарович", "консультант Управления", "secretary", False),
    ("kuzmina", "Кузьмина Наталья Петровна", "заместитель министра", "member", False),
    ("valeev", "Валеев Айдар Салаватович", "профессор БашГУ", "member", True),
]

DOCS = checklists.documents("BR")
LEADERS_DOCS = checklists.documents("BR", "leaders_projects")  # winners of «Лидеры Башкортостана»

# key: last, first, patronymic, gender, age, level, education, years, tier, route, remote, rating
CANDIDATES: dict[str, tuple[Any, ...]] = {
    "garipov": ("Гарипов", "Ильдар", "Рустемович", "", 45, "higher", "master", 12, "top",
                "heads_of_bodies", 9, 82),
    "nikolaeva": ("Николаева", "Светлана", "Андреевна", "", 50, "higher", "specialist", 9, "top",
                  "default", 7, None),
    "morozov": ("Морозов", "Денис", "Олегович", "", 40, "basic", "specialist", 5, "middle",
                "municipal_heads", 8, 74),
    "yusupova": ("Юсупова", "Алсу", "Фаритовна", "", 27, "prospective", "bachelor", 1, "lower",
                 "default", 6, 69),
    "orlov": ("Орлов", "Максим", "Игоревич", "", 30, "prospective", "bachelor", 2, "lower",
              "default", 5, 61),
    "sharipov": ("Шарипов", "Азат", "Ринатович", "", 33, "basic", "master", 4, "middle",
                 "leaders_of_bashkortostan", None, None),
    "kim": ("Ким", "Виктория", "", "f", 40, "prospective", "bachelor", 2, "lower",
            "default", None, None),
}  # fmt: skip

RANKING_CRITERIA = ("professional_experience", "managerial_experience", "managerial_readiness")

RECOMMENDERS = {
    "heads_of_bodies": "Хасанов Ринат Ильдусович, министр экономического развития",
    "municipal_heads": "Петров Олег Викторович, глава администрации городского округа",
}


def _facts(level: str, education: str, years: float, tier: str, route: str) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "reserve_level": level,
        "education": education,
        "managerial_experience_years": years,
        "managerial_tier": tier,
        "unexpunged_criminal_record": False,
        "employed": True,
        "experience_summary": "Руководство отделом, реализация региональных проектов",
        "sector": "государственное управление",
    }
    if route in RECOMMENDERS:
        facts["recommender"] = RECOMMENDERS[route]
    if route == "leaders_of_bashkortostan":
        facts["leaders_of_bashkortostan_winner"] = True
    return facts


QUESTIONNAIRE = {
    "education": [
        {
            "institution": "Башкирский государственный университет",
            "year": 2005,
            "specialty": "государственное и муниципальное управление",
            "qualification": "менеджер",
        }
    ],
    "work_history": [
        {
            "start": "2010-09-01",
            "end": "2015-08-31",
            "organisation": "Администрация городского округа город Уфа",
            "post": "главный специалист",
            "managerial": False,
        },
        {
            "start": "2015-09-01",
            "end": None,
            "organisation": "Министерство экономического развития Республики Башкортостан",
            "post": "начальник отдела",
            "managerial": True,
        },
    ],
    "awards": ["Почётная грамота Республики Башкортостан"],
    "languages": ["английский — читаю и перевожу со словарём"],
}


def _commission(hr: User, campaign: Campaign) -> dict[str, Any]:
    seats = [
        Seat(key, name, post, role, not independent, independent, login=f"br_{key}_{campaign.pk}")
        for key, name, post, role, independent in MEMBERS
    ]
    return commissions.commission(
        hr,
        campaign,
        rule_id="reserve_commission",
        name=COMMISSION,
        stages=["intake", "remote", "in_person"],
        seats=seats,
        password=f.PASSWORD,
    )


def br_documents_world(today: dt.date) -> dict[str, Any]:
    state_body = f.body(BODY)
    hr = f.hr_user(state_body, "hr_br_docs")
    announce = today - dt.timedelta(days=2)
    campaign = campaigns.announce(
        hr,
        code="BR",
        kind="reserve",
        title="Конкурс на включение в резерв управленческих кадров Республики Башкортостан",
        body=state_body,
        on=announce,
        quotas={
            "in_person_slots": {"higher": 1, "basic": 1, "prospective": 2},
            "reserve_places": {"higher": 1, "basic": 1, "prospective": 1},
        },
        events={"decision_published": (announce - dt.timedelta(days=7)).isoformat()},
        announcement={
            "conditions": "Формирование резерва на 3 года.",
            "submission": "г. Уфа, ул. Тукаева, 46, каб. 100.",
            "venue": "г. Уфа, ул. Тукаева, 46.",
        },
    )
    people: dict[str, Any] = {}
    apps: dict[str, Any] = {}
    for key, row in CANDIDATES.items():
        last, first, patronymic, gender, age, level, education, years, tier, route = row[:10]
        birth = today.replace(year=today.year - age) - dt.timedelta(days=40)
        people[key] = f.candidate(
            f"br_{key}",
            last,
            first,
            patronymic,
            gender=gender,
            birth_date=birth,
            email=f"{key}@example.ru",
            phone="+7 347 200-00-00",
            address="г. Уфа",
            questionnaire=QUESTIONNAIRE,
        )
        docs = DOCS if route != "leaders_of_bashkortostan" else LEADERS_DOCS
        apps[key] = applications.apply(
            campaign, people[key], _facts(level, education, years, tier, route), docs, route=route
        )
    for key, app in apps.items():
        if key == "kim":
            apps[key] = applications.refuse_by_engine(hr, app)
        else:
            apps[key] = applications.admit(hr, app, {"managerial_experience_confirmed": True})
    members = _commission(hr, campaign)
    commission = members["galiev"].commission

    # the remote stage (4.8-4.9): the commission's primary ranking, then its protocol
    for key, row in CANDIDATES.items():
        if row[10] is not None:
            points = dict.fromkeys(RANKING_CRITERIA, row[10])
            result(hr, apps[key], "remote", "remote_ranking", points=points)
    remote_meeting = meetings.meeting(
        hr,
        campaign,
        commission,
        "remote",
        today + dt.timedelta(days=25),
        place="г. Уфа, ул. Тукаева, 46, зал заседаний",
        present=members.values(),
    )
    campaign = set_events(hr, campaign, remote_protocol=remote_meeting.date.isoformat())
    remote_decision = decide_at_meeting(hr, campaign, "remote", remote_meeting)

    # the in-person stage (4.10-4.13): expert conclusions, the 4.12 documents, the decision
    for key, row in CANDIDATES.items():
        if row[11] is None:
            continue
        result(hr, apps[key], "in_person", "expert_conclusion", points={"rating_score": row[11]})
        result(hr, apps[key], "in_person", "in_person_documents", passed=True)
    meeting = meetings.meeting(
        hr,
        campaign,
        commission,
        "in_person",
        today + dt.timedelta(days=70),
        place="г. Уфа, ул. Тукаева, 46, зал заседаний",
        present=[m for key, m in members.items() if key != "valeev"],
    )
    m = members
    for key, votes in (
        ("garipov", {m["galiev"]: "for", m["safina"]: "for", m["akhmetov"]: "for",
                     m["kuzmina"]: "for"}),
        ("morozov", {m["galiev"]: "for", m["safina"]: "for", m["akhmetov"]: "for",
                     m["kuzmina"]: "against"}),
    ):  # fmt: skip
        meetings.vote(hr, meeting, "include", apps[key], votes)
    campaign = set_events(
        hr, campaign, head_order=(meeting.date + dt.timedelta(days=10)).isoformat()
    )
    decision = decide_at_meeting(hr, campaign, "in_person", meeting)
    for app in apps.values():
        app.refresh_from_db()
    return {
        "body": state_body,
        "hr": hr,
        "campaign": campaign,
        "apps": apps,
        "people": people,
        "members": members,
        "remote_meeting": remote_meeting,
        "remote_decision": remote_decision,
        "meeting": meeting,
        "decision": decision,
    }
