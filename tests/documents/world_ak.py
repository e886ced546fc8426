"""A decided AK contest («Лучший сельский аким», 2020) with everything its forms show.

Built through the services, on the dates of the 2020 edition:

* two regional commissions (Акмолинская and Туркестанская области), 9 members and a secretary
  each; at the Akmola meetings the member Орлова Анна Сергеевна is absent (she scores nothing);
* a republican commission of 9 members and a secretary, all present;
* akims of Акмолинская область: Абенов Серик Канатович, Петрова Мария Сергеевна, Сидоров Пётр
  Алексеевич, Кузнецов Иван Ильич (all four of Бурабайский район: Кузнецов, the fourth, is not
  nominated, AK-7) and Ахметова Гульнара Ерлановна (Целиноградский район); of Туркестанская
  область: Омаров Данияр Серикович and Смирнова Анна Викторовна (Сайрамский район);
* pre-selection (appendices 3 and 4), then the regional interview stage (survey, appendix 5,
  and essay, appendix 6): one akim per oblast goes on (Абенов, Омаров; AK-10); then the defence
  before the republican commission (appendix 7, AK-11): both are winners, Омаров first.

Every regional commission records its two meetings and a decision after each; the republican
commission one meeting and the final decision.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from rezerv.scenarios import applications, campaigns, checklists, commissions, meetings
from rezerv.scenarios.commissions import roster
from rezerv.scenarios.scoring import ballot, result
from rezerv.selection import services
from rezerv.selection.models import Campaign, CommissionMember, Person
from tests.clock import decide_at_meeting
from tests.web import factories as f

ANNOUNCE = dt.date(2020, 5, 25)
SUBMIT = dt.date(2020, 6, 5)
PRESELECTION_DAY = dt.date(2020, 6, 25)
INTERVIEW_DAY = dt.date(2020, 7, 28)
REPUBLICAN_DAY = dt.date(2020, 9, 15)

AK_DOCS = checklists.documents("AK", "all_akims")
P_CRITERIA = checklists.criteria("AK", "preselection")
S_CRITERIA = checklists.criteria("AK", "survey")
E_CRITERIA = checklists.criteria("AK", "essay")
R_CRITERIA = checklists.criteria("AK", "defence")

# username: full name, post; the first is the chair, the last the secretary
AKMOLA = [
    ("akm_chair", "Жумабеков Нурлан Болатович", "руководитель Департамента"),
    ("akm_2", "Кузнецова Ольга Викторовна", "заместитель акима области"),
    ("akm_3", "Попова Елена Игоревна", "доцент университета"),
    ("akm_4", "Лебедев Сергей Николаевич", "редактор областной газеты"),
    ("akm_5", "Орлова Анна Сергеевна", "главный специалист"),
    ("akm_6", "Тулегенов Арман Серикович", "председатель общественного совета"),
    ("akm_7", "Васильев Андрей Петрович", "независимый эксперт"),
    ("akm_8", "Ким Виктор Алексеевич", "руководитель управления"),
    ("akm_9", "Беккер Ирина Павловна", "директор НПО"),
    ("akm_secretary", "Соколова Дарья Андреевна", "главный специалист Департамента"),
]
TURKISTAN = [
    ("trk_chair", "Есенов Марат Кайратович", "руководитель Департамента"),
    *[(f"trk_{i}", f"Членов{i} Олег Иванович", "член комиссии") for i in range(2, 10)],
    ("trk_secretary", "Алиева Сауле Маратовна", "главный специалист Департамента"),
]
REPUBLICAN_MEMBERS = [
    ("rep_chair", "Смагулов Ерлан Асланович", "заместитель Председателя Агентства"),
    *[(f"rep_{i}", f"Республиканов{i} Павел Сергеевич", "член комиссии") for i in range(2, 10)],
    ("rep_secretary", "Морозова Наталья Олеговна", "главный эксперт Агентства"),
]
ABSENT = "akm_5"

AKIMS = {
    # key: last, first, patronymic, oblast, district, settlement, project points, essay points
    "abenov": ("Абенов", "Серик", "Канатович", "akmola", "Бурабайский район", "Катарколь", 9, 8),
    "petrova": ("Петрова", "Мария", "Сергеевна", "akmola", "Бурабайский район", "Златополье", 8, 7),
    "sidorov": ("Сидоров", "Пётр", "Алексеевич", "akmola", "Бурабайский район", "Урумкай", 7, 7),
    "kuznetsov": ("Кузнецов", "Иван", "Ильич", "akmola", "Бурабайский район", "Веденовка", 6, 0),
    "akhmetova": (
        "Ахметова",
        "Гульнара",
        "Ерлановна",
        "akmola",
        "Целиноградский район",
        "Акмол",
        5,
        6,
    ),
    "omarov": ("Омаров", "Данияр", "Серикович", "turkistan", "Сайрамский район", "Карабулак", 8, 8),
    "smirnova": (
        "Смирнова",
        "Анна",
        "Викторовна",
        "turkistan",
        "Сайрамский район",
        "Аксукент",
        7,
        6,
    ),
}
REPUBLICAN_POINTS = {"abenov": 8, "omarov": 9}
ABENOV_QUESTIONNAIRE = {
    "education": [
        {
            "institution": "Евразийский национальный университет им. Л.Н. Гумилёва",
            "year": 2002,
            "specialty": "Государственное и местное управление",
            "qualification": "магистр",
        }
    ],
    "degrees": "кандидат экономических наук",
    "awards": ["медаль «Ерен еңбегі үшін»"],
    "languages": ["казахский — свободно", "русский — свободно", "английский — B2"],
    "publications": "«Местное самоуправление в сельских округах», 2018",
}


def _moment(day: dt.date, hour: int = 11) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def ak_facts(key: str) -> dict[str, Any]:
    _last, _first, _patr, oblast, district, settlement, _p, _e = AKIMS[key]
    facts: dict[str, Any] = {
        "oblast": oblast,
        "district": district,
        "settlement": f"сельский округ {settlement}",
        "post": "rural_district_akim",
        "akim_service_months": 30,
        "administrative_penalty_outstanding": False,
        "disciplinary_penalty_outstanding": False,
        "video_minutes": 4,
        "civil_service_years": 8,
        "languages": ["state"],
        "training": ["seminars"],
        "complex_projects": 1,
        "openness_events": 80,
        "project_budget_tenge": 4_500_000,
    }
    if key == "abenov":  # 12 years, trilingual, a state award, a degree, a project, proposals
        facts.update(
            civil_service_years=12,
            languages=["state", "state_russian_english"],
            awards=["state"],
            development=["academic_degree", "projects"],
            training=["seminars", "internship"],
            practice=["improvement_proposals"],
        )
    return facts


def _voting(members: dict[str, CommissionMember]) -> list[CommissionMember]:
    return [m for key, m in members.items() if m.role != "secretary" and key != ABSENT]


PLACES = {
    "akmola": "г. Кокшетау, ул. Абая, 96, зал заседаний",
    "turkistan": "г. Туркестан, ул. Тауке хана, 1",
    "": "г. Нур-Султан, пр. Мангилик Ел, 8, Дом министерств",
}


def _meeting(
    hr: User, campaign: Campaign, members: dict[str, CommissionMember], stage: str, day: dt.date
) -> Any:
    commission = next(iter(members.values())).commission
    present = [m for key, m in members.items() if key != ABSENT]
    return meetings.meeting(
        hr, campaign, commission, stage, day, place=PLACES[commission.scope], present=present
    )


def ak_documents_world(*, decide: bool = True, suffix: str = "") -> dict[str, Any]:
    state_body = f.body("Агентство Республики Казахстан по делам государственной службы")
    hr = f.hr_user(state_body, f"hr_ak_docs{suffix}")
    campaign = campaigns.announce(
        hr,
        code="AK",
        kind="contest",
        title="Республиканский конкурс «Лучший сельский аким» 2020 года",
        body=state_body,
        on=ANNOUNCE,
        recorded={"district": sorted({row[4] for row in AKIMS.values()})},
        announcement={
            "conditions": "Условия конкурса.",
            "submission": "Документы направляются в Региональную комиссию.",
            "venue": "Департаменты Агентства по областям; Агентство (второй этап).",
        },
    )
    regional = ["intake", "preselection", "regional_interview"]

    def commission(rule: str, name: str, stages: list[str], scope: str, rows: Any) -> Any:
        seats = roster(rows, independent={"akm_7"}, suffix=suffix)
        return commissions.commission(
            hr,
            campaign,
            rule_id=rule,
            name=name,
            stages=stages,
            seats=seats,
            scope=scope,
            password=f.PASSWORD,
        )

    formed = {
        "akmola": commission(
            "regional_commission",
            "Региональная конкурсная комиссия Акмолинской области",
            regional,
            "akmola",
            AKMOLA,
        ),
        "turkistan": commission(
            "regional_commission",
            "Региональная конкурсная комиссия Туркестанской области",
            regional,
            "turkistan",
            TURKISTAN,
        ),
        "republican": commission(
            "republican_commission",
            "Республиканская конкурсная комиссия",
            ["republican"],
            "",
            REPUBLICAN_MEMBERS,
        ),
    }
    people: dict[str, Person] = {}
    apps: dict[str, Any] = {}
    for k, (key, (last, first, patronymic, *_rest)) in enumerate(AKIMS.items()):
        people[key] = f.candidate(
            f"ak_{key}{suffix}",
            last,
            first,
            patronymic,
            citizenship="KZ",
            iin=f"80010130{len(suffix):02d}{k:02d}",
            birth_date=dt.date(1980 + k, 3, 14),
            phone=f"+7 701 000 00 {k:02d}",
            email=f"{key}@example.kz",
            questionnaire=ABENOV_QUESTIONNAIRE if key == "abenov" else None,
        )
        apps[key] = applications.apply(
            campaign,
            people[key],
            ak_facts(key),
            AK_DOCS,
            route="local_executive_body" if key == "abenov" else "default",
            when=_moment(SUBMIT, 10 + k % 5),
            consent_text="Согласен на обработку персональных данных.",
            prefill=False,
        )
    world = {
        "body": state_body,
        "hr": hr,
        "campaign": campaign,
        "people": people,
        "apps": apps,
        "commissions": formed,
        "meetings": {},
        "decisions": {},
    }
    if not decide:
        return world
    for key, app in apps.items():
        apps[key] = applications.admit(hr, app, {"substantiated_complaints": 0, "essay_pages": 3})

    # Pre-selection (AK-7): appendix 3 from the facts, appendix 4 by every member present.
    for key, app in apps.items():
        oblast, points = AKIMS[key][3], AKIMS[key][6]
        for member in _voting(formed[oblast]):
            ballot(member, app, "preselection", "preselection", dict.fromkeys(P_CRITERIA, points))
    for oblast in ("akmola", "turkistan"):
        meeting = _meeting(hr, campaign, formed[oblast], "preselection", PRESELECTION_DAY)
        world["meetings"][(oblast, "preselection")] = meeting
        world["decisions"][(oblast, "preselection")] = decide_at_meeting(
            hr, campaign, "preselection", meeting
        )

    # The regional interview stage (AK-9, AK-10): survey once per akim, essay by every member.
    for key, app in apps.items():
        oblast, essay = AKIMS[key][3], AKIMS[key][7]
        if key == "kuznetsov":
            continue
        for method in ("ethics", "feedback"):
            result(hr, app, "regional_interview", method, passed=True)
        result(hr, app, "regional_interview", "survey", points=dict.fromkeys(S_CRITERIA, 7))
        for member in _voting(formed[oblast]):
            ballot(member, app, "regional_interview", "essay", dict.fromkeys(E_CRITERIA, essay))
    for oblast in ("akmola", "turkistan"):
        meeting = _meeting(hr, campaign, formed[oblast], "regional_interview", INTERVIEW_DAY)
        world["meetings"][(oblast, "regional_interview")] = meeting
        world["decisions"][(oblast, "regional_interview")] = decide_at_meeting(
            hr, campaign, "regional_interview", meeting
        )

    # Stage 2 (AK-11): the defence before the republican commission.
    services.application_record_facts(
        actor=hr,
        application=apps["omarov"],
        facts={"defence_form": "videoconference", "defence_minutes": 5},
    )
    services.application_record_facts(
        actor=hr,
        application=apps["abenov"],
        facts={"defence_form": "in_person", "defence_minutes": 4.5},
    )
    for key, value in REPUBLICAN_POINTS.items():
        apps[key].refresh_from_db()
        for member in _voting(formed["republican"]):
            ballot(member, apps[key], "republican", "defence", dict.fromkeys(R_CRITERIA, value))
    meeting = _meeting(hr, campaign, formed["republican"], "republican", REPUBLICAN_DAY)
    world["meetings"][("republican", "republican")] = meeting
    world["decisions"][("republican", "republican")] = decide_at_meeting(
        hr, campaign, "republican", meeting
    )
    for app in apps.values():
        app.refresh_from_db()
    return world
