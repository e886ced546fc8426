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

from rezerv.selection import services
from rezerv.selection.models import Campaign, Questionnaire
from rezerv.selection.selectors import CONSENT_TEXT, questionnaire_facts, refusal_text
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

DOCS = [
    "application",
    "nomination",
    "questionnaire",
    "medical_certificate",
    "passport_copy",
    "education_work_copies",
]

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


def set_events(hr: User, campaign: Campaign, **events: str) -> Campaign:
    campaign.refresh_from_db()
    return services.campaign_update(
        actor=hr,
        campaign=campaign,
        expected_version=campaign.version,
        events={**campaign.events, **events},
    )


def _commission(hr: User, campaign: Campaign) -> dict[str, Any]:
    commission = services.commission_create(
        actor=hr,
        campaign=campaign,
        rule_id="reserve_commission",
        name=COMMISSION,
        stages=["intake", "remote", "in_person"],
    )
    members = {}
    for key, name, post, role, independent in MEMBERS:
        user = User.objects.create_user(f"br_{key}_{campaign.pk}", password="pass-Word-1")
        members[key] = services.commission_add_member(
            actor=hr,
            commission=commission,
            user=user,
            full_name=name,
            post=post,
            role=role,
            civil_servant=not independent,
            independent=independent,
        )
    return members


def br_documents_world(today: dt.date) -> dict[str, Any]:
    state_body = f.body(BODY)
    hr = f.hr_user(state_body, "hr_br_docs")
    announce = today - dt.timedelta(days=2)
    campaign = Campaign.objects.create(
        kind="reserve",
        regulation=services.regulation_load_bundled(code="BR"),
        title="Конкурс на включение в резерв управленческих кадров Республики Башкортостан",
        body=state_body,
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
        created_by=hr,
    )
    campaign = services.campaign_publish(actor=hr, campaign=campaign, on=announce)
    people: dict[str, Any] = {}
    apps: dict[str, Any] = {}
    for key, row in CANDIDATES.items():
        last, first, patronymic, gender, age, level, education, years, tier, route = row[:10]
        birth = today.replace(year=today.year - age) - dt.timedelta(days=40)
        person = f.candidate(
            f"br_{key}",
            last,
            first,
            patronymic,
            gender=gender,
            birth_date=birth,
            email=f"{key}@example.ru",
            phone="+7 347 200-00-00",
            address="г. Уфа",
        )
        Questionnaire.objects.filter(person=person).update(
            education=[
                {
                    "institution": "Башкирский государственный университет",
                    "year": 2005,
                    "specialty": "государственное и муниципальное управление",
                    "qualification": "менеджер",
                }
            ],
            work_history=[
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
            awards=["Почётная грамота Республики Башкортостан"],
            languages=["английский — читаю и перевожу со словарём"],
        )
        person.refresh_from_db()
        docs = DOCS if route != "leaders_of_bashkortostan" else [
            "application", "questionnaire", "education_work_copies"
        ]  # fmt: skip
        apps[key] = services.application_submit(
            actor=person.user,
            campaign=campaign,
            person=person,
            route=route,
            facts={
                **questionnaire_facts(person, campaign.regulation.load().regulation),
                **_facts(level, education, years, tier, route),
            },
            consent_text=str(CONSENT_TEXT),
            consent_given=True,
            files={doc: f.pdf(f"{doc}.pdf") for doc in docs},
        )
        people[key] = person
    for key, app in apps.items():
        if key == "kim":
            _, result = services.evaluate_campaign(campaign)
            verdict = next(r for r in result["candidates"] if r["id"] == str(app.pk))
            apps[key] = services.application_decide(
                actor=hr,
                application=app,
                admit=False,
                refusal_text=refusal_text(verdict),
                expected_version=app.version,
            )
            continue
        app = services.application_record_facts(
            actor=hr, application=app, facts={"managerial_experience_confirmed": True}
        )
        apps[key] = services.application_decide(
            actor=hr, application=app, admit=True, refusal_text="", expected_version=app.version
        )
    members = _commission(hr, campaign)
    commission = members["galiev"].commission

    # the remote stage (4.8-4.9): the commission's primary ranking, then its protocol
    for key, row in CANDIDATES.items():
        if row[10] is None:
            continue
        services.result_save(
            actor=hr,
            application=apps[key],
            stage_id="remote",
            method_id="remote_ranking",
            points={c: row[10] for c in RANKING_CRITERIA},
        )
    remote_meeting = services.meeting_schedule(
        actor=hr,
        campaign=campaign,
        commission=commission,
        stage_id="remote",
        date=today + dt.timedelta(days=25),
        place="г. Уфа, ул. Тукаева, 46, зал заседаний",
    )
    services.attendance_record(
        actor=hr, meeting=remote_meeting, present_ids={m.pk for m in members.values()}
    )
    campaign = set_events(hr, campaign, remote_protocol=remote_meeting.date.isoformat())
    remote_decision = services.decision_make(
        actor=hr, campaign=campaign, stage_id="remote", meeting=remote_meeting
    )

    # the in-person stage (4.10-4.13): expert conclusions, the 4.12 documents, the decision
    for key, row in CANDIDATES.items():
        if row[11] is None:
            continue
        services.result_save(
            actor=hr,
            application=apps[key],
            stage_id="in_person",
            method_id="expert_conclusion",
            points={"rating_score": row[11]},
        )
        services.result_save(
            actor=hr,
            application=apps[key],
            stage_id="in_person",
            method_id="in_person_documents",
            passed=True,
        )
    meeting = services.meeting_schedule(
        actor=hr,
        campaign=campaign,
        commission=commission,
        stage_id="in_person",
        date=today + dt.timedelta(days=70),
        place="г. Уфа, ул. Тукаева, 46, зал заседаний",
    )
    present = [m for key, m in members.items() if key != "valeev"]
    services.attendance_record(actor=hr, meeting=meeting, present_ids={m.pk for m in present})
    m = members
    for key, votes in (
        ("garipov", {m["galiev"]: "for", m["safina"]: "for", m["akhmetov"]: "for",
                     m["kuzmina"]: "for"}),
        ("morozov", {m["galiev"]: "for", m["safina"]: "for", m["akhmetov"]: "for",
                     m["kuzmina"]: "against"}),
    ):  # fmt: skip
        services.vote_record(
            actor=hr,
            meeting=meeting,
            question="include",
            application=apps[key],
            votes={member.pk: vote for member, vote in votes.items()},
        )
    campaign = set_events(
        hr, campaign, head_order=(meeting.date + dt.timedelta(days=10)).isoformat()
    )
    decision = services.decision_make(
        actor=hr, campaign=campaign, stage_id="in_person", meeting=meeting
    )
    campaign.refresh_from_db()
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
