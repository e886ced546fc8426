"""A decided KM competition with everything the documents show, built through the services.

Vacancy (appendix 5): six members — the chair Смирнов Алексей Петрович, the deputy Кузнецова
Ольга Викторовна, the secretary Соколов Дмитрий Андреевич, the independent experts Попова Елена
Игоревна and Лебедев Сергей Николаевич, and Орлова Анна Сергеевна, who misses the meeting.
Candidates: Иванов Иван Иванович (winner, votes 4–1–0), Петрова Мария Сергеевна (recommended for
the reserve with her consent, votes 3–1–1), Сидоров Пётр Алексеевич (a 2–2 tie the chair decides,
but no consent: not selected; Попова recused herself), Ким Александра (no patronymic, recorded as
a woman) refused admission with the reasons in writing.

Scores: test 45/40/36 of 50 questions → 9/8/7.2 points; document draft 24 for everyone; interview
8/7/5 from every member who scored (Сидоров gets no score from Попова): 41,00 / 39,00 / 36,20.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User

from rezerv.selection import services
from rezerv.selection.models import Campaign, Person, RegulationVersion
from tests.web import factories as f

MEMBERS = [
    # username, full name, post, role, civil servant, independent, public council
    ("smirnov", "Смирнов Алексей Петрович", "начальник управления", "chair", True, False, False),
    (
        "kuznetsova",
        "Кузнецова Ольга Викторовна",
        "заместитель начальника",
        "deputy",
        True,
        False,
        False,
    ),
    (
        "sokolov",
        "Соколов Дмитрий Андреевич",
        "консультант отдела кадров",
        "secretary",
        True,
        False,
        False,
    ),
    ("popova", "Попова Елена Игоревна", "доцент КемГУ", "member", False, True, False),
    (
        "lebedev",
        "Лебедев Сергей Николаевич",
        "член общественного совета",
        "member",
        False,
        False,
        True,
    ),
    ("orlova", "Орлова Анна Сергеевна", "главный специалист", "member", True, False, False),
]

REFUSAL = (
    "Вам отказано в допуске к участию по следующим основаниям:\n"
    "1. Не представлена копия трудовой книжки (KM-5).\n"
    "2. Копии документов не соответствуют оригиналам (KM-6).\n"
    "Решение может быть обжаловано в соответствии с законодательством."
)


def _commission(hr: User, campaign: Campaign) -> dict[str, Any]:
    commission = services.commission_create(
        actor=hr,
        campaign=campaign,
        rule_id="competition_commission",
        name="Конкурсная комиссия",
        stages=["competition"],
    )
    members = {}
    for username, name, post, role, servant, independent, council in MEMBERS:
        user = User.objects.create_user(f"{username}_{campaign.pk}", password="pass-Word-1")
        members[username] = services.commission_add_member(
            actor=hr,
            commission=commission,
            user=user,
            full_name=name,
            post=post,
            role=role,
            civil_servant=servant,
            independent=independent,
            public_council=council,
        )
    return members


def _score(hr: User, members: dict[str, Any], app: Any, correct: int, interview: int) -> None:
    today = dt.date.today()
    services.result_save(
        actor=hr,
        application=app,
        stage_id="competition",
        method_id="test",
        correct=correct,
        questions=50,
        date=today,
    )
    services.result_save(
        actor=hr,
        application=app,
        stage_id="competition",
        method_id="document_draft",
        points={c: 4 for c in f.DRAFT_CRITERIA},
        date=today,
    )
    for member in members.values():
        if member.conflicts.filter(application=app).exists():
            continue
        services.ballot_save(
            actor=member.user,
            member=member,
            application=app,
            stage_id="competition",
            method_id="interview",
            points=interview,
            reason="Уверенные ответы по существу" if interview == 8 else "",
            expected_version=None,
        )


def _vote(hr: User, meeting: Any, question: str, app: Any, votes: dict[Any, str]) -> None:
    services.vote_record(
        actor=hr,
        meeting=meeting,
        question=question,
        application=app,
        votes={m.pk: v for m, v in votes.items()},
    )


def km_documents_world(
    today: dt.date,
    *,
    kind: str = "vacancy",
    suffix: str = "",
    regulation: RegulationVersion | None = None,
    kim_facts: dict[str, Any] | None = None,
    decide: bool = True,
) -> dict[str, Any]:
    """``regulation``: another version (another code) of the KM text the campaign runs under;
    ``kim_facts``: facts of Ким's application; ``decide=False`` stops before the decision."""
    state_body = f.body()
    hr = f.hr_user(state_body, f"hr{suffix}")
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    if regulation is not None:
        Campaign.objects.filter(pk=campaign.pk).update(regulation=regulation)
        campaign.refresh_from_db()
    if kind != "vacancy":
        Campaign.objects.filter(pk=campaign.pk).update(kind=kind)
        campaign.refresh_from_db()
    people = {
        "ivanov": f.candidate(f"ivanov{suffix}", "Иванов", "Иван", "Иванович"),
        "petrova": f.candidate(f"petrova{suffix}", "Петрова", "Мария", "Сергеевна"),
        "sidorov": f.candidate(f"sidorov{suffix}", "Сидоров", "Пётр", "Алексеевич"),
        "kim": f.candidate(f"kim{suffix}", "Ким", "Александра", "", gender="f"),
    }
    apps = {
        key: f.km_application(
            campaign, p, admit=key != "kim", facts=kim_facts if key == "kim" else None
        )
        for key, p in people.items()
    }
    apps["kim"] = services.application_decide(
        actor=hr,
        application=apps["kim"],
        admit=False,
        refusal_text=REFUSAL,
        expected_version=apps["kim"].version,
    )
    members = _commission(hr, campaign)
    services.conflict_declare(
        actor=members["popova"].user,
        member=members["popova"],
        application=apps["sidorov"],
        reason="родственник",
    )
    _score(hr, members, apps["ivanov"], 45, 8)
    _score(hr, members, apps["petrova"], 40, 7)
    _score(hr, members, apps["sidorov"], 36, 5)
    apps["petrova"] = services.application_give_consent(
        actor=people["petrova"].user, application=apps["petrova"], kind="reserve"
    )
    meeting = services.meeting_schedule(
        actor=hr,
        campaign=campaign,
        commission=members["smirnov"].commission,
        stage_id="competition",
        date=today + dt.timedelta(days=25),
        place="г. Кемерово, ул. Примерная, 1, зал заседаний",
    )
    present = [m for key, m in members.items() if key != "orlova"]
    services.attendance_record(actor=hr, meeting=meeting, present_ids={m.pk for m in present})
    m = members
    if kind == "vacancy":
        _vote(
            hr,
            meeting,
            "winner",
            apps["ivanov"],
            {m["smirnov"]: "for", m["kuznetsova"]: "for", m["sokolov"]: "for",
             m["popova"]: "against", m["lebedev"]: "for"},
        )  # fmt: skip
    else:
        _vote(hr, meeting, "reserve", apps["ivanov"], {x: "for" for x in present})
        services.application_give_consent(
            actor=people["ivanov"].user, application=apps["ivanov"], kind="reserve"
        )
    _vote(
        hr,
        meeting,
        "reserve",
        apps["petrova"],
        {m["smirnov"]: "for", m["kuznetsova"]: "for", m["sokolov"]: "against",
         m["popova"]: "for", m["lebedev"]: "abstain"},
    )  # fmt: skip
    _vote(
        hr,
        meeting,
        "reserve",
        apps["sidorov"],
        {m["smirnov"]: "for", m["kuznetsova"]: "against", m["sokolov"]: "for",
         m["lebedev"]: "against"},
    )  # fmt: skip
    world = {
        "body": state_body,
        "hr": hr,
        "campaign": campaign,
        "apps": apps,
        "people": people,
        "members": members,
        "meeting": meeting,
        "decision": None,
    }
    if decide:
        decide_world(world)
    return world


def decide_world(world: dict[str, Any]) -> None:
    """The commission's decision of the world's meeting."""
    campaign = world["campaign"]
    world["decision"] = services.decision_make(
        actor=world["hr"], campaign=campaign, stage_id="competition", meeting=world["meeting"]
    )
    campaign.refresh_from_db()
    for app in world["apps"].values():
        app.refresh_from_db()


def person(world: dict[str, Any], key: str) -> Person:
    return world["people"][key]
