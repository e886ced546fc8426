"""The demo's KM competition, at the assessment: tests and drafts recorded, the interview half
scored, the meeting scheduled (``hr_km``, ``km_chair``, ``km_member``, ``km_expert2``)."""

from __future__ import annotations

import datetime as dt

from rezerv.scenarios import applications, bodies, campaigns, km, meetings
from rezerv.scenarios.demo.base import SERVANT, Demo, Row, at, commission, hr, person
from rezerv.scenarios.scoring import ballot, result

PEOPLE = [  # login, surname, name, patronymic, birth, liable for military service
    ("km_sokolov", "Соколов", "Андрей", "Викторович", dt.date(1986, 3, 14), True),
    ("km_kuznetsova", "Кузнецова", "Елена", "Павловна", dt.date(1990, 11, 2), False),
    ("km_morozov", "Морозов", "Дмитрий", "Игоревич", dt.date(1984, 7, 23), True),
    ("km_volkova", "Волкова", "Анна", "Сергеевна", dt.date(1992, 1, 30), False),
    ("km_lebedev", "Лебедев", "Кирилл", "Олегович", dt.date(1995, 5, 9), True),
]
MEMBERS: list[Row] = [
    ("km_chair", "Григорьев Сергей Николаевич", "начальник управления", "chair", SERVANT),
    (
        "km_deputy",
        "Тарасова Ирина Михайловна",
        "заместитель начальника управления",
        "deputy",
        SERVANT,
    ),
    ("km_secretary", "Белова Ольга Андреевна", "консультант по кадрам", "secretary", SERVANT),
    ("km_member", "Фёдоров Алексей Петрович", "начальник отдела", "member", SERVANT),
    ("km_expert1", "Никитина Светлана Юрьевна", "доцент КемГУ", "member", {"independent": True}),
    (
        "km_expert2",
        "Панов Виктор Геннадьевич",
        "член Общественного совета",
        "member",
        {"independent": True, "public_council": True},
    ),
]
TESTS = (44, 39, 36, 41)  # correct answers of 50, per admitted candidate
DRAFTS = (5, 4, 3, 4)  # the draft's points on every criterion
INTERVIEW = [(8, 9, 7, 8), (9, 8, 7, 9), (8, 8, 6, 8), (7, 9, 7, 8)]  # per member, per candidate


def seed(demo: Demo) -> None:
    body = bodies.body(
        "Главное контрольное управление Кузбасса",
        region=demo.regions["Кемеровская область — Кузбасс"],
    )
    unit = bodies.unit(body, "Отдел контроля в сфере закупок")
    officer = hr("hr_km", body, "Ольга", "Белова")
    position = bodies.position(
        body,
        "Главный специалист отдела контроля в сфере закупок",
        # the classification by KM's position facts (KM-10)
        facts={"group": "senior", "category": "specialists"},
        unit=unit,
        qualification_requirements=(
            "Высшее образование; знание 44-ФЗ и 223-ФЗ; опыт контрольной работы приветствуется."
        ),
    )
    announce = demo.days(-26)  # the intake ended 5 days ago (KM-5)
    campaign = campaigns.announce(
        officer,
        code="KM",
        kind="vacancy",
        title="Конкурс на замещение должности главного специалиста отдела контроля в сфере закупок",
        body=body,
        on=announce,
        position=position,
        vacancies=1,
        announcement={
            "conditions": "Служебный контракт на неопределённый срок, нормированный служебный день.",
            "submission": "Лично или почтой: г. Кемерово, пр. Советский, 60, каб. 214, 9:00–17:00.",
            "venue": "г. Кемерово, пр. Советский, 60, зал заседаний; тестирование и собеседование.",
            "duties": "Контроль соблюдения законодательства о закупках подведомственными учреждениями.",
        },
    )
    apps = []
    for k, (username, last, first, patronymic, birth, conscript) in enumerate(PEOPLE):
        candidate = person(username, last, first, patronymic, country="RU", birth=birth)
        given = [*km.GENERAL_DOCUMENTS, "military_id"] if conscript else km.GENERAL_DOCUMENTS
        if username == "km_lebedev":
            given = [d for d in given if d != "snils"]  # refused: incomplete documents
        facts = {"speaks_russian": True, "liable_for_military_service": conscript}
        when = at(announce + dt.timedelta(days=2 + 3 * k), 10 + k)
        apps.append(applications.apply(campaign, candidate, facts, given, when=when))
    checked = {"meets_qualification": True, "copies_match_originals": True}
    admitted = [applications.admit(officer, app, checked) for app in apps[:4]]
    applications.refuse_by_engine(officer, apps[4])
    members = commission(
        officer,
        campaign,
        rule_id="competition_commission",
        name="Конкурсная комиссия Главного контрольного управления Кузбасса",
        stages=[km.STAGE],
        members=MEMBERS,
    )
    campaign = campaigns.to_assessment(officer, campaign)
    written = demo.days(-2)
    for app, correct in zip(admitted, TESTS, strict=True):
        result(officer, app, km.STAGE, "test", correct=correct, questions=50, date=written)
    for app, draft in zip(admitted, DRAFTS, strict=True):
        points = dict.fromkeys(km.DRAFT_CRITERIA, draft)
        result(officer, app, km.STAGE, "document_draft", points=points, date=written)
    chair, deputy, secretary, member, expert1, _expert2 = members
    for scorer, scores in zip((deputy, secretary, member, expert1), INTERVIEW, strict=True):
        for app, score in zip(admitted, scores, strict=True):
            ballot(scorer, app, km.STAGE, "interview", score)
    for app, score in zip(admitted[:2], (9, 8), strict=True):
        ballot(chair, app, km.STAGE, "interview", score)
    meetings.meeting(
        officer,
        campaign,
        chair.commission,
        km.STAGE,
        demo.days(16),
        place="г. Кемерово, пр. Советский, 60, зал заседаний",
    )
