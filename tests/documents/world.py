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
from dataclasses import replace
from typing import Any

from rezerv.scenarios import applications, km, meetings
from rezerv.scenarios.commissions import Seat
from rezerv.scenarios.meetings import vote
from rezerv.selection import services
from rezerv.selection.models import Campaign, Person, RegulationVersion
from tests.clock import decide_at_meeting
from tests.web import factories as f

MEMBERS = [
    Seat(
        "smirnov", "Смирнов Алексей Петрович", "начальник управления", "chair", civil_servant=True
    ),
    Seat(
        "kuznetsova",
        "Кузнецова Ольга Викторовна",
        "заместитель начальника",
        "deputy",
        civil_servant=True,
    ),
    Seat(
        "sokolov",
        "Соколов Дмитрий Андреевич",
        "консультант отдела кадров",
        "secretary",
        civil_servant=True,
    ),
    Seat("popova", "Попова Елена Игоревна", "доцент КемГУ", independent=True),
    Seat("lebedev", "Лебедев Сергей Николаевич", "член общественного совета", public_council=True),
    Seat("orlova", "Орлова Анна Сергеевна", "главный специалист", civil_servant=True),
]

REFUSAL = (
    "Вам отказано в допуске к участию по следующим основаниям:\n"
    "1. Не представлена копия трудовой книжки.\n"
    "2. Копии документов не соответствуют оригиналам (пп. 3.3–3.5 Методики).\n"
    "Решение может быть обжаловано в соответствии с законодательством."
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
    apps["kim"] = applications.refuse(hr, apps["kim"], REFUSAL)
    seats = [replace(seat, login=f"{seat.key}_{campaign.pk}") for seat in MEMBERS]
    members = km.commission(hr, campaign, seats, password=f.PASSWORD)
    services.conflict_declare(
        actor=members["popova"].user,
        member=members["popova"],
        application=apps["sidorov"],
        reason="родственник",
    )
    for key, correct, interview in (("ivanov", 45, 8), ("petrova", 40, 7), ("sidorov", 36, 5)):
        km.score(
            hr,
            apps[key],
            members.values(),
            correct=correct,
            draft=4,
            interview=interview,
            date=dt.date.today(),
            reason="Уверенные ответы по существу" if interview == 8 else "",
        )
    apps["petrova"] = applications.consent(apps["petrova"])
    present = [m for key, m in members.items() if key != "orlova"]
    meeting = meetings.meeting(
        hr,
        campaign,
        members["smirnov"].commission,
        "competition",
        today + dt.timedelta(days=25),
        place="г. Кемерово, ул. Примерная, 1, зал заседаний",
        present=present,
    )
    m = members
    if kind == "vacancy":
        vote(
            hr,
            meeting,
            "winner",
            apps["ivanov"],
            {m["smirnov"]: "for", m["kuznetsova"]: "for", m["sokolov"]: "for",
             m["popova"]: "against", m["lebedev"]: "for"},
        )  # fmt: skip
    else:
        vote(hr, meeting, "reserve", apps["ivanov"], dict.fromkeys(present, "for"))
        applications.consent(apps["ivanov"])
    vote(
        hr,
        meeting,
        "reserve",
        apps["petrova"],
        {m["smirnov"]: "for", m["kuznetsova"]: "for", m["sokolov"]: "against",
         m["popova"]: "for", m["lebedev"]: "abstain"},
    )  # fmt: skip
    vote(
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
    world["decision"] = decide_at_meeting(world["hr"], campaign, "competition", world["meeting"])
    for app in world["apps"].values():
        app.refresh_from_db()


def person(world: dict[str, Any], key: str) -> Person:
    return world["people"][key]
