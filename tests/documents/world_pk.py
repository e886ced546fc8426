"""A decided PK formation of the reserve (Покровское сельское поселение), built through the services.

Two target positions (appendix 1, PK-7):

* «Заведующий сектором экономики и финансов» (ведущая группа): Сердюк Оксана Николаевна is kept
  without re-examination (route ``in_reserve``, PK-6, 2.19); Петрова Мария Сергеевна
  (recommended, appendix 2) and Иванов Иван Иванович (attestation) are scored by the commission;
  Петрова takes the second place, Иванов is not selected although the commission voted for him:
  2 per position, the kept member counts (PK-2).
* «Начальник сектора муниципального хозяйства» (главная группа): Гончаренко Артём Викторович
  (competition) is included.

The commission: the chair Смирнов Алексей Петрович, the deputy Кузнецова Ольга Викторовна, the
secretary Соколов Дмитрий Андреевич, the member Попова Елена Игоревна, and Орлова Анна
Сергеевна, who misses the meeting. The four present members score the member-entered criteria
of appendix 6; the engine adds the criteria it computes from the documents and the test.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from rezerv.scenarios import applications, campaigns, checklists, commissions, meetings
from rezerv.scenarios.commissions import Seat
from rezerv.scenarios.scoring import ballot
from rezerv.selection.models import Application, Person
from tests.clock import decide_at_meeting
from tests.web import factories as f

BODY = "Администрация Покровского сельского поселения"
ECONOMY = "Заведующий сектором экономики и финансов"
HOUSING = "Начальник сектора муниципального хозяйства"
PK_DOCS = checklists.documents("PK")

MEMBERS = [
    # key, full name, post, role
    ("smirnov", "Смирнов Алексей Петрович", "Глава Администрации поселения", "chair"),
    ("kuznetsova", "Кузнецова Ольга Викторовна", "заместитель главы Администрации", "deputy"),
    ("sokolov", "Соколов Дмитрий Андреевич", "главный специалист по кадровой работе", "secretary"),
    ("popova", "Попова Елена Игоревна", "начальник сектора экономики", "member"),
    ("orlova", "Орлова Анна Сергеевна", "ведущий специалист", "member"),
]

PETROVA_QUESTIONNAIRE = {
    "education": [
        {
            "institution": "Южный федеральный университет",
            "year": 2008,
            "specialty": "Финансы и кредит",
            "qualification": "экономист",
        }
    ],
    "work_history": [
        {
            "start": "2008-09-01",
            "end": "2014-05-31",
            "organisation": "ПАО «Сбербанк», Ростовское отделение",
            "post": "экономист",
            "managerial": False,
        },
        {
            "start": "2014-06-02",
            "end": None,
            "organisation": "Администрация Покровского сельского поселения",
            "post": "ведущий специалист по экономике",
            "managerial": False,
        },
    ],
    "languages": ["английский — читаю и перевожу со словарём"],
    "awards": ["Почётная грамота Главы Администрации Неклиновского района, 2019"],
}

# What the present members enter on appendix 6 (the interview, essay, discussion criteria).
STRONG = {
    "breadth": "broad_several",  # 3
    "planning": "systematic",  # 2
    "activity": "high",  # 2
    "innovation": "medium",  # 1
    "leadership": "high",  # 2
    "analysis": "high",  # 2
    "communication": "medium",  # 1
    "argumentation": "full",  # 2
    "literacy": "high",  # 2
    "foreign_language": "with_dictionary",  # 1   → 18
}
MIDDLE = {
    "breadth": "broad_one",  # 2
    "planning": "unsystematic",  # 1
    "activity": "weak",  # 1
    "innovation": "low",  # 0
    "leadership": "medium",  # 1
    "analysis": "medium",  # 1
    "communication": "medium",  # 1
    "argumentation": "partial",  # 1
    "literacy": "medium",  # 1
    "foreign_language": "none",  # 0   → 9
}


def _facts(
    position: str,
    group: str,
    level: str,
    *,
    service: float,
    managerial: float,
    projects: int,
    scratch: str,
    references: int,
    appointed: str,
    retraining: str = "",
) -> dict[str, Any]:
    return {
        "target_position": position,
        "target_group": group,
        "education_level": level,
        "education": "Южный федеральный университет, 2008, «Финансы и кредит»"
        if position == ECONOMY
        else "Донской государственный технический университет, 2012, «Городское строительство»",
        "retraining": retraining,
        "appointment_date": appointed,
        "municipal_service_years": service,
        "managerial_experience_years": managerial,
        "successful_projects": projects,
        "from_scratch": scratch,
        "positive_references": references,
    }


def pk_documents_world(year: int) -> dict[str, Any]:
    """Everything up to the decision; ``year`` is the year of the formation (a past one)."""
    tz = timezone.get_current_timezone()

    def at(month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
        return dt.datetime(year, month, day, hour, minute, tzinfo=tz)

    state_body = f.body(BODY)
    hr = f.hr_user(state_body, "hr_pk_docs")
    campaign = campaigns.announce(
        hr,
        code="PK",
        kind="reserve",
        title=f"Формирование кадрового резерва на {year} год",
        body=state_body,
        on=dt.date(year, 1, 12),
        events={"formation_start": f"{year}-01-12", "intake_end": f"{year}-02-27"},
        announcement={
            "conditions": "Условия.",
            "submission": "с. Покровское, ул. Ленина, 1, каб. 3.",
            "venue": "с. Покровское, ул. Ленина, 1, зал заседаний.",
        },
        target_positions=[ECONOMY, HOUSING],  # chosen from records (issue 9 §2)
    )

    people = {
        "serdyuk": f.candidate(
            "pk_serdyuk", "Сердюк", "Оксана", "Николаевна", birth_date=dt.date(1979, 9, 30)
        ),
        "petrova": f.candidate(
            "pk_petrova",
            "Петрова",
            "Мария",
            "Сергеевна",
            birth_date=dt.date(1986, 4, 17),
            phone="+7 (863) 470-12-34",
            email="petrova@example.ru",
            address="346830, Ростовская обл., Неклиновский р-н, с. Покровское, ул. Садовая, д. 5",
            questionnaire=PETROVA_QUESTIONNAIRE,
        ),
        "ivanov": f.candidate(
            "pk_ivanov", "Иванов", "Иван", "Иванович", birth_date=dt.date(1990, 1, 8)
        ),
        "goncharenko": f.candidate(
            "pk_goncharenko",
            "Гончаренко",
            "Артём",
            "Викторович",
            birth_date=dt.date(1988, 11, 2),
        ),
    }

    def submit(
        person: Person, facts: dict[str, Any], route: str, docs: list[str], when: dt.datetime
    ) -> Application:
        return applications.apply(campaign, person, facts, docs, route=route, when=when)

    apps = {
        "serdyuk": submit(
            people["serdyuk"],
            _facts(
                ECONOMY,
                "leading",
                "academic_degree",
                service=10,
                managerial=6,
                projects=2,
                scratch="yes",
                references=1,
                appointed=f"{year - 6}-03-01",
            ),
            "in_reserve",
            [],
            at(1, 15, 9, 5),
        ),
        "petrova": submit(
            people["petrova"],
            _facts(
                ECONOMY,
                "leading",
                "master",
                service=9,
                managerial=4,
                projects=2,
                scratch="yes",
                references=2,
                appointed="2014-06-02",
                retraining="ФГБОУ ВО «РАНХиГС», 2021, «Государственное и муниципальное управление»",
            ),
            "default",
            [*PK_DOCS, "recommendation"],
            at(1, 20, 10, 15),
        ),
        "ivanov": submit(
            people["ivanov"],
            _facts(
                ECONOMY,
                "leading",
                "bachelor",
                service=3,
                managerial=1,
                projects=0,
                scratch="no",
                references=0,
                appointed=f"{year - 3}-09-01",
            ),
            "attestation",
            PK_DOCS,
            at(2, 10, 14, 40),
        ),
        "goncharenko": submit(
            people["goncharenko"],
            _facts(
                HOUSING,
                "main",
                "specialist",
                service=5,
                managerial=2,
                projects=1,
                scratch="no",
                references=1,
                appointed=f"{year - 4}-02-15",
            ),
            "competition",
            PK_DOCS,
            at(2, 12, 11, 0),
        ),
    }
    consent_times = {key: app.consent_given_at for key, app in apps.items()}
    for key, percent in (("petrova", 80), ("ivanov", 40), ("goncharenko", 60)):
        apps[key] = applications.admit(
            hr, apps[key], {"meets_qualification": True, "legal_test_percent": percent}
        )
    apps["serdyuk"] = applications.admit(hr, apps["serdyuk"])

    members = commissions.commission(
        hr,
        campaign,
        rule_id="reserve_commission",
        name="Комиссия по формированию и подготовке муниципального резерва",
        stages=["commission"],
        seats=[Seat(key, name, post, role, login=f"{key}_pk") for key, name, post, role in MEMBERS],
        password=f.PASSWORD,
    )
    commission = members["smirnov"].commission
    present = [m for key, m in members.items() if key != "orlova"]
    entered = {"petrova": STRONG, "ivanov": MIDDLE, "goncharenko": MIDDLE}
    for member in present:
        for key, points in entered.items():
            ballot(member, apps[key], "commission", "assessment", points)
    meeting = meetings.meeting(
        hr,
        campaign,
        commission,
        "commission",
        dt.date(year, 3, 20),
        place="с. Покровское, ул. Ленина, 1, зал заседаний",
        present=present,
    )
    for key in ("petrova", "ivanov", "goncharenko"):
        meetings.vote(hr, meeting, "include", apps[key], dict.fromkeys(present, "for"))
    campaign.refresh_from_db()  # the meeting set the approval date (decision_event)
    decision = decide_at_meeting(hr, campaign, "commission", meeting)
    for app in apps.values():
        app.refresh_from_db()
    return {
        "year": year,
        "body": state_body,
        "hr": hr,
        "campaign": campaign,
        "apps": apps,
        "people": people,
        "members": members,
        "commission": commission,
        "meeting": meeting,
        "decision": decision,
        "consent_times": consent_times,
    }
