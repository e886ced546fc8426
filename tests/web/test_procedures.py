"""AK, TP, BR and PK through the same generic workflow as KM (services and the test client).

Every procedure is driven by its regulation file only: the application form asks the facts the
file declares (``facts:``), HR records the ``source: hr`` facts, commissions score on the
sheets of the file, and the engine decides. Each test names the rule IDs it proves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv import wording
from rezerv.engine.loader import bundled_path, parse_regulation
from rezerv.scenarios import campaigns, commissions
from rezerv.scenarios.campaigns import set_events
from rezerv.scenarios.commissions import Seat
from rezerv.scenarios.scoring import ballot
from rezerv.selection import selectors, services
from rezerv.selection.models import (
    Application,
    Campaign,
    CommissionMember,
    Decision,
    Person,
    ReserveEntry,
)
from tests.web import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "pass-Word-1"


@pytest.fixture(autouse=True)
def _quick(settings: Any, tmp_path: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path)


# --------------------------------------------------------------------------- helpers


def login(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


@contextmanager
def on(day: dt.date, hour: int = 12) -> Iterator[None]:
    """Requests and services see ``day`` as today (the yearly windows of TP and PK)."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def campaign(
    hr: User,
    code: str,
    *,
    kind: str,
    announce: dt.date,
    quotas: dict[str, Any] | None = None,
    events: dict[str, str] | None = None,
    target_positions: tuple[str, ...] = (),
    recorded: dict[str, list[str]] | None = None,
) -> Campaign:
    declared = services.regulation_load_bundled(code=code).load().regulation.announcement
    return campaigns.announce(
        hr,
        code=code,
        kind=kind,
        title=f"Кампания {code}",
        body=hr.staff.body,
        on=announce,
        quotas=quotas or {},
        events=events or {},
        # every text the regulation's announcement states, so that it can be published
        announcement={t.id: f"{t.title}." for t in declared.fields} if declared else {},
        target_positions=target_positions,
        recorded=recorded,
    )


def commission(
    hr: User,
    camp: Campaign,
    *,
    rule_id: str,
    stages: list[str],
    prefix: str,
    members: int,
    secretary: bool = False,
    scope: str = "",
) -> list[CommissionMember]:
    seats = [
        Seat(
            f"{prefix}{i + 1}",
            f"Член{i + 1} {prefix}",
            role="chair" if i == 0 else "secretary" if i == members else "member",
        )
        for i in range(members + (1 if secretary else 0))
    ]
    formed = commissions.commission(
        hr,
        camp,
        rule_id=rule_id,
        name=prefix,
        stages=stages,
        seats=seats,
        scope=scope,
        password=PASSWORD,
    )
    return list(formed.values())


def voting(members: list[CommissionMember]) -> list[CommissionMember]:
    return [m for m in members if m.role != "secretary"]


def form_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        return value
    return str(value)


def apply_web(
    username: str, camp: Campaign, facts: dict[str, Any], docs: list[str], route: str = "default"
) -> Any:
    """Apply through the generic form: the regulation's ``application`` facts and documents."""
    data: dict[str, Any] = {"route": route, "consent": "on"}
    data.update({f"fact_{k}": form_value(v) for k, v in facts.items()})
    data.update({f"doc_{d}": f.pdf(f"{d}.pdf") for d in docs})
    return login(username).post(reverse("apply", args=[camp.uid]), data)


def application(camp: Campaign, username: str) -> Application:
    return Application.objects.get(campaign=camp, person__user__username=username)


def admit_web(hr: Client, app: Application, hr_facts: dict[str, Any] | None = None) -> None:
    """The HR desk: record the HR facts, then admit (C-2)."""
    if hr_facts:
        data = {"save_facts": "1"}
        data.update({f"fact_{k}": form_value(v) for k, v in hr_facts.items()})
        assert hr.post(reverse("desk_application", args=[app.uid]), data).status_code == 302
    app.refresh_from_db()
    response = hr.post(
        reverse("desk_application", args=[app.uid]),
        {"decide": "1", "admit": "1", "refusal_text": "", "version": app.version},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    app.refresh_from_db()


def evaluate(camp: Campaign) -> dict[str, dict[str, Any]]:
    _, result = services.evaluate_campaign(camp)
    return {r["id"]: r for r in result["candidates"]}


def row(rows: dict[str, dict[str, Any]], app: Application) -> dict[str, Any]:
    return rows[str(app.pk)]


def person(username: str, last: str, first: str, patronymic: str, **kw: Any) -> Person:
    return f.candidate(username, last, first, patronymic, **kw)


# --------------------------------------------------------------------------- the forms


def _read_facts(node: Any, out: set[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("fact", "after_fact", "exclusion_fact") and isinstance(value, str):
                out.add(value)
            elif key in ("rank_within", "list_facts") and isinstance(value, list):
                out.update(v for v in value if isinstance(v, str))
            elif key in ("per", "unique_by") and isinstance(value, str):
                out.add(value)
            else:
                _read_facts(value, out)
    elif isinstance(node, list):
        for item in node:
            _read_facts(item, out)


@pytest.mark.parametrize("code", ["AK", "TP", "BR", "PK"])
def test_c2_every_fact_the_regulation_reads_is_declared_for_the_forms(code: str) -> None:
    reg = parse_regulation(bundled_path(code).read_bytes(), code).regulation
    read: set[str] = set()
    _read_facts(reg.model_dump(), read)
    declared = {fact.id for fact in reg.facts}
    assert read - {"route"} <= declared, sorted(read - {"route"} - declared)
    assert all(fact.rules for fact in reg.facts)


# --------------------------------------------------------------------------- AK

AK_DOCS = [
    "application",
    "id_copy",
    "service_record",
    "questionnaire",
    "socio_economic_indicators",
    "project_presentation",
    "project_video",
]


def ak_facts(oblast: str, district: str, k: int) -> dict[str, Any]:
    return {
        "oblast": oblast,
        "district": district,
        "settlement": f"Сельский округ № {k}",
        "post": "rural_district_akim",
        "akim_service_months": 24,
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


P_CRITERIA = [
    "p1_rationality",
    "p2_copyright",
    "p3_originality",
    "p4_effect",
    "p5_modernity",
    "p6_feasibility",
    "p7_local_features",
    "p8_argumentation",
    "p9_visuals",
    "p10_presentation_form",
]


def test_ak7_ak10_ak11_regional_commissions_then_republican_defence() -> None:
    today = timezone.localdate()
    hr_user = f.hr_user(f.body("Агентство РК по делам государственной службы"), "hr_ak")
    ak = campaign(
        hr_user,
        "AK",
        kind="contest",
        announce=today - dt.timedelta(days=3),
        # the districts are chosen from the desk's list (issue 9 §2)
        recorded={"district": ["Бурабайский район", "Целиноградский район", "Сайрамский район"]},
    )
    akmola = commission(
        hr_user,
        ak,
        rule_id="regional_commission",
        stages=["intake", "preselection", "regional_interview"],
        prefix="akm",
        members=9,
        secretary=True,
        scope="akmola",
    )
    turkistan = commission(
        hr_user,
        ak,
        rule_id="regional_commission",
        stages=["intake", "preselection", "regional_interview"],
        prefix="trk",
        members=9,
        secretary=True,
        scope="turkistan",
    )
    republican = commission(
        hr_user,
        ak,
        rule_id="republican_commission",
        stages=["republican"],
        prefix="rep",
        members=9,
        secretary=True,
    )
    akims = {  # username: (oblast, district, project points per criterion)
        "a1": ("akmola", "Бурабайский район", 9),
        "a2": ("akmola", "Бурабайский район", 8),
        "a3": ("akmola", "Бурабайский район", 7),
        "a4": ("akmola", "Бурабайский район", 6),
        "a5": ("akmola", "Целиноградский район", 5),
        "t1": ("turkistan", "Сайрамский район", 8),
        "t2": ("turkistan", "Сайрамский район", 7),
    }
    hr = login("hr_ak")
    apps = {}
    for k, (username, (oblast, district, _)) in enumerate(akims.items()):
        person(username, "Акимов", f"Аким{k}", "", citizenship="KZ", iin=f"8001013000{k:02d}")
        response = apply_web(username, ak, ak_facts(oblast, district, k), AK_DOCS)
        assert response.status_code == 302, response.content.decode()[-3000:]
        apps[username] = application(ak, username)
        admit_web(hr, apps[username], {"substantiated_complaints": 0, "essay_pages": 3})

    # AK-2: a regional commission scores only the akims of its oblast.
    with pytest.raises(services.ServiceError, match="территории"):
        ballot(
            turkistan[1], apps["a1"], "preselection", "preselection", dict.fromkeys(P_CRITERIA, 5)
        )
    page = login("akm1").get(reverse("scoring", args=[ak.uid, "preselection", "preselection"]))
    assert apps["a1"].person.full_name in page.content.decode()
    assert apps["t1"].person.full_name not in page.content.decode()

    # AK-7: pre-selection (appendix 3 from the facts, appendix 4 by every member)
    first = akmola[0]
    response = login("akm1").post(
        reverse("scoring", args=[ak.uid, "preselection", "preselection"]),
        {
            "application": apps["a1"].pk,
            "save": "1",
            **{f"a{apps['a1'].pk}-c_{c}": "9" for c in P_CRITERIA},
            f"a{apps['a1'].pk}-version": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    for username, (oblast, _, points) in akims.items():
        members = voting(akmola if oblast == "akmola" else turkistan)
        for member in members:
            if member == first and username == "a1":
                continue
            ballot(
                member,
                apps[username],
                "preselection",
                "preselection",
                dict.fromkeys(P_CRITERIA, points),
            )
    rows = evaluate(ak)
    pre = {u: row(rows, a)["stages"]["preselection"] for u, a in apps.items()}
    assert [pre[u]["outcome"] for u in ("a1", "a2", "a3", "a5", "t1", "t2")] == ["nominee"] * 6
    assert pre["a4"]["outcome"] == "not_selected"  # the fourth of Бурабайский район (AK-7)
    assert row(rows, apps["a4"])["decided_at"] == "preselection"
    # every member's sheet holds appendix 3 (8 years of service 1, state language 3, seminars 1)
    assert pre["a1"]["score"] == f"{9 * (5 + 10 * 9)}.00"

    # AK-9 / AK-10: the regional interview stage; one akim per oblast goes on
    survey = {
        f"s{i}_{name}": 7
        for i, name in enumerate(
            [
                "rights",
                "social_support",
                "employment",
                "farms_business",
                "microcredit",
                "communal_property",
                "social_infrastructure",
                "improvement_solutions",
                "water_supply",
                "playgrounds",
                "heritage",
                "recreation",
                "internet",
                "upkeep",
                "healthy_lifestyle",
                "community_ethics",
            ],
            start=1,
        )
    }
    essay = {
        c: 7
        for c in (
            "e1_clarity",
            "e2_alternative_view",
            "e3_objectivity",
            "e4_logic",
            "e5_argumentation",
            "e6_viewpoints",
            "e7_concepts",
            "e8_analysis",
            "e9_comparison",
            "e10_grounding",
        )
    }
    survey_bonus = {"a5": 10, "t2": 10}  # a strong survey cannot undo a weak pre-selection here
    for username in ("a1", "a2", "a3", "a5", "t1", "t2"):
        app = apps[username]
        for method in ("ethics", "feedback"):
            services.result_save(
                actor=hr_user,
                application=app,
                stage_id="regional_interview",
                method_id=method,
                passed=True,
            )
        points = {k: survey_bonus.get(username, v) for k, v in survey.items()}
        services.result_save(
            actor=hr_user,
            application=app,
            stage_id="regional_interview",
            method_id="survey",
            points=points,
        )
        for member in voting(akmola if akims[username][0] == "akmola" else turkistan):
            ballot(member, app, "regional_interview", "essay", essay)
    rows = evaluate(ak)
    interview = {
        u: row(rows, apps[u])["stages"]["regional_interview"]
        for u in ("a1", "a2", "a3", "a5", "t1", "t2")
    }
    advanced = sorted(u for u, s in interview.items() if s["outcome"] == "advanced")
    assert advanced == ["a1", "t1"]  # one per oblast (AK-10)
    assert interview["a2"]["outcome"] == interview["t2"]["outcome"] == "not_selected"
    assert interview["a1"]["rated_within"] == {"oblast": "akmola"}

    # AK-11: the republican commission; appendix 7 criterion 12 is the first stage's result
    services.application_record_facts(
        actor=hr_user,
        application=apps["t1"],
        facts={"defence_form": "videoconference", "defence_minutes": 5},
    )
    services.application_record_facts(
        actor=hr_user,
        application=apps["a1"],
        facts={"defence_form": "in_person", "defence_minutes": 4.5},
    )
    republican_points = {"a1": 8, "t1": 9}
    criteria = [
        "r1_relevance",
        "r2_local_governance",
        "r3_novelty",
        "r4_knowledge",
        "r5_recommendations",
        "r6_strategic_vision",
        "r7_economic_efficiency",
        "r8_readiness",
        "r9_answers",
        "r10_originality",
        "r11_oratory",
    ]
    with pytest.raises(services.ServiceError):  # a regional member does not sit in stage 2
        ballot(akmola[1], apps["a1"], "republican", "defence", dict.fromkeys(criteria, 5))
    for username, value in republican_points.items():
        for member in voting(republican):
            apps[username].refresh_from_db()
            ballot(member, apps[username], "republican", "defence", dict.fromkeys(criteria, value))
    rows = evaluate(ak)
    final = {u: row(rows, apps[u]) for u in ("a1", "t1")}
    assert final["t1"]["outcome"] == final["a1"]["outcome"] == "winner"
    assert final["t1"]["stages"]["republican"]["place"] == 1
    defence = final["a1"]["stages"]["republican"]["methods"]["defence"]
    stage1 = final["a1"]["stages"]["regional_interview"]
    r12 = Decimal(stage1["score"]) / Decimal(stage1["max"]) * 10
    assert Decimal(defence["score"]) == (9 * (11 * 8 + r12)).quantize(Decimal("0.01"))
    assert row(rows, apps["a2"])["outcome"] == "not_selected"


# --------------------------------------------------------------------------- TP


def tp_facts(
    k: int, unit: str = "kostanay", direction: str = "Экономика и финансы"
) -> dict[str, Any]:
    return {
        "education_programme": "higher",
        "final_year": True,
        "territorial_unit": unit,
        "internship_body": "Аппарат акима Костанайской области",
        "direction": direction,
        "specialty": "Финансы",
        "address": f"г. Костанай, ул. Абая, {k}",
        "phone": f"+7 701 000 00 {k:02d}",
        "email": f"p{k}@example.kz",
    }


@pytest.fixture
def tp() -> dict[str, Any]:
    year = timezone.localdate().year - 1  # a whole past cycle, its days set by on()
    hr_user = f.hr_user(f.body("Департамент Агентства по Костанайской области"), "hr_tp")
    camp = campaign(
        hr_user,
        "TP",
        kind="talent_pool",
        announce=dt.date(year, 9, 15),
        quotas={"demand": {"kostanay": 2}},
        events={"cycle_start": f"{year}-09-01", "training_start": f"{year + 1}-01-12"},
    )
    return {"year": year, "hr": hr_user, "campaign": camp}


def test_tp3_one_registration_per_iin_via_web(tp: dict[str, Any]) -> None:
    camp, year = tp["campaign"], tp["year"]
    person("first", "Жумабаев", "Данияр", "Ерланович", citizenship="KZ", iin="030722550481")
    person("second", "Жумабаев", "Данияр", "", citizenship="KZ", iin="030722550481")
    with on(dt.date(year, 10, 3)):
        assert apply_web("first", camp, tp_facts(1), ["application"]).status_code == 302
    with on(dt.date(year, 10, 27)):
        response = apply_web("second", camp, tp_facts(2, direction="Право"), ["application"])
    text = response.content.decode()
    assert response.status_code == 200
    assert "повторная регистрация не допускается" in text and "TP-3" in text
    assert Application.objects.filter(campaign=camp).count() == 1
    # the engine keeps the first registration and admits it (TP-2 form complete, TP-7 window)
    first = application(camp, "first")
    services.application_record_facts(
        actor=tp["hr"], application=first, facts={"direction_fits_specialty": True}
    )
    assert row(evaluate(camp), first)["refusals"] == []


def test_tp9_direction_changes_once_not_after_the_project_stage(tp: dict[str, Any]) -> None:
    camp, year = tp["campaign"], tp["year"]
    person("p3", "Сейткали", "Мадина", "Асхатовна", citizenship="KZ", iin="020911650774")
    person("p6", "Нургалиева", "Дана", "Сериковна", citizenship="KZ", iin="011230650215")
    with on(dt.date(year, 10, 6)):
        apply_web("p3", camp, tp_facts(3), ["application"])
        apply_web("p6", camp, tp_facts(6, direction="Социальная политика"), ["application"])
    p3, p6 = application(camp, "p3"), application(camp, "p6")
    client = login("p3")
    url = reverse("application_change", args=[p3.uid])
    with on(dt.date(year, 10, 25)):
        page = client.get(reverse("application", args=[p3.uid])).content.decode()
        assert "Изменение сведений" in page and 'name="value"' in page
        response = client.post(
            url, {"fact": "direction", "value": "Региональное развитие"}, follow=True
        )
        assert "Изменение записано" in response.content.decode()
    with on(dt.date(year, 11, 20)):
        response = client.post(
            url, {"fact": "direction", "value": "Социальная политика"}, follow=True
        )
    text = response.content.decode()
    assert "изменение уже внесено" in text and "(п. 18 Методических рекомендаций)" in text
    assert "TP-9" not in text
    p3.refresh_from_db()
    assert [(c["date"], c["to"]) for c in p3.fact_changes] == [
        (f"{year}-10-25", "Региональное развитие")
    ]
    assert p3.facts["direction"] == "Экономика и финансы"  # as submitted; the history is kept
    with on(dt.date(year + 1, 1, 14)):  # after the training (project) stage began
        response = login("p6").post(
            reverse("application_change", args=[p6.uid]),
            {"fact": "direction", "value": "Цифровизация и государственные услуги"},
            follow=True,
        )
    assert "после 12.01." in response.content.decode()
    p6.refresh_from_db()
    assert p6.fact_changes == []
    with pytest.raises(services.ServiceError, match="не изменяются"):
        services.application_change_fact(
            actor=p3.person.user, application=p3, fact="territorial_unit", value="akmola"
        )
    # the engine reads the history: the direction in force is the changed one
    inputs, result = services.evaluate_campaign(camp)
    cand = next(c for c in inputs["candidates"] if c["id"] == str(p3.pk))
    assert cand["changes"] == [
        {"fact": "direction", "date": f"{year}-10-25", "to": "Региональное развитие"}
    ]
    assert "rejected_changes" not in row({r["id"]: r for r in result["candidates"]}, p3)


def test_tp8_tp12_essays_by_demand_bodies_then_certificate_for_one_year(
    tp: dict[str, Any],
) -> None:
    camp, year, hr_user = tp["campaign"], tp["year"], tp["hr"]
    names = ["p1", "p2", "p3", "p4"]
    for k, username in enumerate(names):
        person(username, "Участник", f"Имя{k}", "", citizenship="KZ", iin=f"0201016500{k:02d}")
        with on(dt.date(year, 10, 2 + k)):
            assert apply_web(username, camp, tp_facts(k), ["application"]).status_code == 302
    apps = {u: application(camp, u) for u in names}
    hr = login("hr_tp")
    for k, app in enumerate(apps.values()):
        admit_web(
            hr,
            app,
            {
                "direction_fits_specialty": True,
                "essay_topic": "Бюджет, ориентированный на результат",
                "essay_words": 500 if k == 3 else 420,
                "training_format": "academy",
            },
        )
    reps = commission(
        hr_user, camp, rule_id="demand_bodies", stages=["essay"], prefix="rep", members=3
    )
    essays = {  # (originality, clarity) by each representative
        "p1": [(5, 5), (5, 4), (4, 5)],
        "p2": [(4, 4), (5, 4), (4, 4)],
        "p3": [(3, 4), (4, 4), (3, 4)],
        "p4": [(4, 3), (4, 3), (3, 4)],
    }
    url = reverse("scoring", args=[camp.uid, "essay", "essay"])
    pk = apps["p1"].pk
    response = login("rep1").post(
        url,
        {
            "application": pk,
            "save": "1",
            f"a{pk}-c_originality": "5",
            f"a{pk}-c_clarity": "5",
            f"a{pk}-version": "0",
        },
    )
    assert response.status_code == 302
    with pytest.raises(services.ServiceError, match="0"):  # the sheet allows 0–5 (TP-8, C-5)
        ballot(reps[1], apps["p1"], "essay", "essay", {"originality": 6, "clarity": 4})
    for username, pairs in essays.items():
        for member, (originality, clarity) in zip(reps, pairs, strict=True):
            if member == reps[0] and username == "p1":
                continue
            ballot(
                member,
                apps[username],
                "essay",
                "essay",
                {"originality": originality, "clarity": clarity},
            )
    rows = evaluate(camp)
    essay = {u: row(rows, a)["stages"]["essay"] for u, a in apps.items()}
    assert essay["p1"]["score"] == "9.33"  # (10 + 9 + 9) / 3
    assert [essay[u]["outcome"] for u in names] == [
        "advanced",
        "advanced",
        "not_selected",
        "not_selected",
    ]
    unmet = essay["p3"]["not_granted"][0]  # TP-5
    assert unmet["code"] == "limit_reached"
    assert "лимит (2) для territorial_unit «kostanay»" in wording.not_granted(unmet)

    # training, internship and testing; the certificate (TP-12)
    for method, stage in (("training", "training"), ("internship", "internship")):
        data = {f"a{apps[u].pk}_passed": "1" for u in ("p1", "p2")}
        response = hr.post(reverse("desk_results", args=[camp.uid, stage, method]), data)
        assert response.status_code == 302, response.content.decode()[-2000:]
    for username in ("p1", "p2"):
        for method in ("legislation_test", "personal_qualities"):
            services.result_save(
                actor=hr_user,
                application=apps[username],
                stage_id="testing",
                method_id=method,
                passed=True,
                date=dt.date(year + 1, 5, 12),
            )
    issued = dt.date(year + 1, 6, 30)
    camp = set_events(hr_user, camp, certificates_issued=issued.isoformat())
    decision = services.decision_make(
        actor=hr_user, campaign=camp, stage_id="testing", meeting=None
    )
    rows = {r["id"]: r for r in decision.result["candidates"]}
    assert [row(rows, apps[u])["outcome"] for u in names] == [
        "certified",
        "certified",
        "not_selected",
        "not_selected",
    ]
    entries = ReserveEntry.objects.filter(decision=decision).order_by("person__first_name")
    assert [(e.outcome, e.until) for e in entries] == [
        ("certified", dt.date(year + 2, 6, 30)),
        ("certified", dt.date(year + 2, 6, 30)),
    ]


# --------------------------------------------------------------------------- BR

BR_DOCS = [
    "application",
    "nomination",
    "questionnaire",
    "medical_certificate",
    "passport_copy",
    "education_work_copies",
]


def br_facts(level: str, education: str, years: float, tier: str) -> dict[str, Any]:
    return {
        "reserve_level": level,
        "education": education,
        "managerial_experience_years": years,
        "managerial_tier": tier,
        "unexpunged_criminal_record": False,
        "employed": True,
        "experience_summary": "Руководитель отдела",
        "sector": "государственное управление",
    }


def test_br1_br15_levels_remote_ranking_then_in_person_stage() -> None:
    today = timezone.localdate()
    hr_user = f.hr_user(f.body("Администрация Главы Республики Башкортостан"), "hr_br")
    announce = today - dt.timedelta(days=2)
    camp = campaign(
        hr_user,
        "BR",
        kind="reserve",
        announce=announce,
        quotas={
            "in_person_slots": {"higher": 1, "basic": 1, "prospective": 1},
            "reserve_places": {"higher": 1, "basic": 1, "prospective": 1},
        },
        events={"decision_published": (announce - dt.timedelta(days=7)).isoformat()},
    )
    commission(
        hr_user,
        camp,
        rule_id="reserve_commission",
        stages=["intake", "remote", "in_person"],
        prefix="brc",
        members=5,
    )
    people = {  # username: (level, education, managerial years, tier, age)
        "h1": ("higher", "master", 12, "top", 45),
        "h2": ("higher", "specialist", 9, "top", 50),
        "b1": ("basic", "specialist", 5, "middle", 40),
        "p1": ("prospective", "bachelor", 1, "lower", 27),
        "p2": ("prospective", "bachelor", 2, "lower", 40),
    }
    for k, (username, (level, education, years, tier, age)) in enumerate(people.items()):
        birth = today.replace(year=today.year - age) - dt.timedelta(days=40)
        person(username, "Кандидатов", f"Имя{k}", "", birth_date=birth)
        response = apply_web(username, camp, br_facts(level, education, years, tier), BR_DOCS)
        assert response.status_code == 302, response.content.decode()[-3000:]
    apps = {u: application(camp, u) for u in people}
    hr = login("hr_br")
    # BR-7: the prospective level is for 18–35 years; the desk shows the engine's reason
    page = hr.get(reverse("desk_application", args=[apps["p2"].uid])).content.decode()
    assert "не старше 35 лет" in page and "Вам отказано в допуске" in page
    for username in ("h1", "h2", "b1", "p1"):
        admit_web(hr, apps[username], {"managerial_experience_confirmed": True})
    # remote stage (BR-15): primary ranking entered once per candidate, ranked within the level
    remote = {"h1": 9, "h2": 7, "b1": 8, "p1": 6}
    data = {}
    for username, value in remote.items():
        for crit in ("professional_experience", "managerial_experience", "managerial_readiness"):
            data[f"a{apps[username].pk}_{crit}"] = str(value)
    response = hr.post(reverse("desk_results", args=[camp.uid, "remote", "remote_ranking"]), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    rows = evaluate(camp)
    stage = {u: row(rows, apps[u])["stages"]["remote"] for u in remote}
    assert {u: s["outcome"] for u, s in stage.items()} == {
        "h1": "admitted_to_next_stage",
        "h2": "not_selected",
        "b1": "admitted_to_next_stage",
        "p1": "admitted_to_next_stage",
    }
    assert stage["h1"]["rated_within"] == {"reserve_level": "higher"}
    assert stage["p1"]["place"] == 1  # first of its own level (BR-1)
    # in-person stage: expert conclusion and the 4.12 documents; the commission's rating
    for username, score in (("h1", 82), ("b1", 74), ("p1", 69)):
        services.result_save(
            actor=hr_user,
            application=apps[username],
            stage_id="in_person",
            method_id="expert_conclusion",
            points={"rating_score": score},
        )
        services.result_save(
            actor=hr_user,
            application=apps[username],
            stage_id="in_person",
            method_id="in_person_documents",
            passed=True,
        )
    order = today + dt.timedelta(days=60)
    camp = set_events(
        hr_user,
        camp,
        remote_protocol=(today + dt.timedelta(days=25)).isoformat(),
        head_order=order.isoformat(),
    )
    decision = services.decision_make(
        actor=hr_user, campaign=camp, stage_id="in_person", meeting=None
    )
    entries = {e.person.user.username: e for e in ReserveEntry.objects.filter(decision=decision)}
    assert {u: e.level for u, e in entries.items()} == {
        "h1": "higher",
        "b1": "basic",
        "p1": "prospective",
    }
    assert entries["h1"].until == order.replace(year=order.year + 3)  # formed for 3 years (BR-2)
    assert Decision.objects.get().inputs["campaign"]["quotas"]["reserve_places"]["higher"] == 1


# --------------------------------------------------------------------------- PK

PK_DOCS = [
    "application",
    "questionnaire",
    "passport_copy",
    "education_copies",
    "work_record",
    "data_consent",
]
POSITION = "Заведующий сектором экономики и финансов"


def pk_facts(level: str = "master", service: float = 5, managerial: float = 3) -> dict[str, Any]:
    return {
        "target_position": POSITION,
        "target_group": "leading",
        "education_level": level,
        "education": "ЮФУ, 2010, «Финансы и кредит»",
        "municipal_service_years": service,
        "managerial_experience_years": managerial,
        "successful_projects": 1,
        "from_scratch": "yes",
        "positive_references": 1,
    }


@pytest.fixture
def pk() -> dict[str, Any]:
    year = timezone.localdate().year - 1
    hr_user = f.hr_user(f.body("Администрация Покровского сельского поселения"), "hr_pk")
    camp = campaign(
        hr_user,
        "PK",
        kind="reserve",
        announce=dt.date(year, 1, 12),
        events={"formation_start": f"{year}-01-12", "intake_end": f"{year}-02-27"},
        target_positions=(POSITION,),  # chosen from records (issue 9 §2)
    )
    return {"year": year, "hr": hr_user, "campaign": camp}


def test_pk3_recommendations_are_due_by_1_february_other_sources_later(pk: dict[str, Any]) -> None:
    camp, year = pk["campaign"], pk["year"]
    for username in ("early", "late", "attested"):
        person(username, "Кандидатов", username, "")
    with on(dt.date(year, 1, 20)):
        assert apply_web("early", camp, pk_facts(), [*PK_DOCS, "recommendation"]).status_code == 302
    with on(dt.date(year, 2, 10)):
        assert apply_web("late", camp, pk_facts(), [*PK_DOCS, "recommendation"]).status_code == 302
        response = apply_web("attested", camp, pk_facts(), PK_DOCS, route="attestation")
        assert response.status_code == 302
    rows = evaluate(camp)
    late = row(rows, application(camp, "late"))
    assert late["outcome"] == "refused"
    assert any(
        "PK-3" in r["rules"] and r["params"].get("closes") == f"{year}-02-01"
        for r in late["refusals"]
    )
    assert row(rows, application(camp, "early"))["refusals"] == []
    assert row(rows, application(camp, "attested"))["refusals"] == []
    # without the recommendation a recommended candidate's documents are incomplete (PK-4)
    person("norec", "Без", "Рекомендации", "")
    with on(dt.date(year, 1, 21)):
        apply_web("norec", camp, pk_facts(), PK_DOCS)
    norec = row(evaluate(camp), application(camp, "norec"))
    assert any("Рекомендация" in wording.reason(r) for r in norec["refusals"])


def test_pk6_commission_votes_and_the_head_approves_by_1_april(pk: dict[str, Any]) -> None:
    camp, year, hr_user = pk["campaign"], pk["year"], pk["hr"]
    people = {
        "member": ("in_reserve", "master", 8, 4),  # kept without re-examination (PK-6, 2.19)
        "strong": ("attestation", "academic_degree", 7, 6),
        "weaker": ("competition", "bachelor", 2, 1),
    }
    for username, (route, level, service, managerial) in people.items():
        person(username, "Кандидатов", username, "")
        docs = [] if route == "in_reserve" else PK_DOCS
        with on(dt.date(year, 2, 2)):
            response = apply_web(username, camp, pk_facts(level, service, managerial), docs, route)
        assert response.status_code == 302, response.content.decode()[-3000:]
    apps = {u: application(camp, u) for u in people}
    hr = login("hr_pk")
    for username, percent in (("strong", 80), ("weaker", 40)):
        admit_web(hr, apps[username], {"meets_qualification": True, "legal_test_percent": percent})
    admit_web(hr, apps["member"])
    members = commission(
        hr_user, camp, rule_id="reserve_commission", stages=["commission"], prefix="pkc", members=3
    )
    entered = {
        "breadth": "broad_one",
        "planning": "systematic",
        "activity": "high",
        "innovation": "medium",
        "leadership": "medium",
        "analysis": "high",
        "communication": "medium",
        "argumentation": "full",
        "literacy": "high",
        "foreign_language": "with_dictionary",
    }
    for member in members:
        for username in ("strong", "weaker"):
            ballot(member, apps[username], "commission", "assessment", entered)
    approval = dt.date(year, 3, 20)
    response = hr.post(
        reverse("desk_meeting_new", args=[camp.uid, "commission"]), {"date": approval.isoformat()}
    )
    meeting_url = response["Location"]
    hr.post(meeting_url, {"attendance": "1", "present": [m.pk for m in members]})
    for username in ("strong", "weaker"):
        data = {"vote": "1", "application": apps[username].pk, "question": "include"}
        data.update({f"vote_{m.pk}": "for" for m in members})
        assert hr.post(meeting_url, data).status_code == 302
    assert hr.post(meeting_url, {"decide": "1"}).status_code == 302
    decision = Decision.objects.get()
    rows = {r["id"]: r for r in decision.result["candidates"]}
    assert row(rows, apps["member"])["outcome"] == "included_in_reserve"
    assert row(rows, apps["strong"])["outcome"] == "included_in_reserve"
    weaker = row(rows, apps["weaker"])
    assert weaker["outcome"] == "not_selected"  # 2 per position, the kept member counts (PK-2)
    assert Decimal(row(rows, apps["strong"])["final_score"]) > Decimal(weaker["final_score"])
    # included from the approval, which is due by 1 April (PK-6)
    entries = ReserveEntry.objects.filter(decision=decision)
    assert {e.person.user.username for e in entries} == {"member", "strong"}
    assert {e.included_on for e in entries} == {approval}
    due = next(
        d for d in selectors.campaign_deadlines(Campaign.objects.get()) if d["id"] == "approval_due"
    )
    assert due["date"] == f"{year}-04-01" and due["complies"] is True
