"""The demo's AK contest «Лучший сельский аким», in its intake: two regional commissions and the
republican one formed, six akims applied, four admitted, one refused (``hr_ak``, ``ak_*``)."""

from __future__ import annotations

import datetime as dt

from rezerv.scenarios import applications, bodies, campaigns, checklists
from rezerv.scenarios.demo.base import Demo, Row, at, commission, hr, person

REGIONAL = {
    "akmola": ("Акмолинская область", "Кокшетау"),
    "turkistan": ("Туркестанская область", "Туркестан"),
}
POSTS = [
    "директор территориального департамента Агентства",
    "заместитель акима области",
    "руководитель управления",
    "депутат маслихата",
    "председатель общественного совета",
    "руководитель отдела",
    "уполномоченный по этике",
    "представитель НПП «Атамекен»",
    "преподаватель Академии государственного управления",
    "главный эксперт департамента",
]
NAMES = {
    "akmola": [
        "Жумабаев Ерлан Сапарович",
        "Ахметова Гульнара Бекеновна",
        "Сейтказиев Нурлан Маратович",
        "Кусаинова Айгерим Толеговна",
        "Оспанов Данияр Ержанович",
        "Бекмуханов Арман Кайратович",
        "Исмагулова Сауле Амангельдиевна",
        "Тулеубаев Марат Болатович",
        "Нурланова Динара Ериковна",
        "Сарсенова Жанар Муратовна",
    ],
    "turkistan": [
        "Абдрахманов Бахытжан Саматович",
        "Турсынбаева Гаухар Ерболовна",
        "Мырзахметов Ержан Абаевич",
        "Байтурсынова Асель Кайратовна",
        "Алимжанов Талгат Сериккалиевич",
        "Утегенова Камила Бауыржановна",
        "Садыков Айдос Маратович",
        "Жолдасбекова Меруерт Аскаровна",
        "Кожахметов Руслан Нурланович",
        "Рахимова Дильназ Ерлановна",
    ],
    "rep": [
        "Шаймерденов Кайрат Жумабекович",
        "Абилова Сауле Нурлановна",
        "Есимов Бакыт Оралович",
        "Калиева Гульмира Садыковна",
        "Ибраев Азамат Толегенович",
        "Муратова Айнур Бекзатовна",
        "Жакенов Серик Болатович",
        "Сыздыкова Ляззат Маратовна",
        "Танатаров Олжас Ерланович",
        "Бейсенова Аружан Кайратовна",
    ],
}
# login, surname, name, patronymic, ИИН, oblast, district, settlement, months as akim,
# years of civil service, languages
AKIMS = [
    ("ak_abenov", "Абенов", "Серик", "Маратович", "750110300415", "akmola", "Бурабайский район", "Златопольский сельский округ", 40, 12, ["state", "state_russian_english"]),
    ("ak_mukanova", "Муканова", "Алия", "Жанатовна", "790302400528", "akmola", "Бурабайский район", "Урумкайский сельский округ", 26, 6, ["state"]),
    ("ak_tokenov", "Токенов", "Бауыржан", "Ерланович", "770521300639", "akmola", "Целиноградский район", "Акмолинский сельский округ", 30, 11, ["state", "state_russian_english"]),
    ("ak_dzhaksybekov", "Джаксыбеков", "Арман", "Нурланович", "730915300741", "turkistan", "Сайрамский район", "Карабулакский сельский округ", 36, 15, ["state"]),
    ("ak_yesenova", "Есенова", "Мадина", "Касымовна", "840130400852", "turkistan", "Толебийский район", "Кемекалганский сельский округ", 20, 5, ["state", "state_russian_english"]),
    ("ak_bekov", "Беков", "Нурсултан", "Айдарович", "880707300963", "turkistan", "Толебийский район", "Аксукентский сельский округ", 8, 3, ["state"]),
]  # fmt: skip
DOCS = checklists.documents("AK", "all_akims")
ROUTES = ["default", "local_executive_body", "central_body_territorial_unit"]


def roster(prefix: str) -> list[Row]:
    """The chair, eight members (the first four civil servants) and the secretary."""
    rows: list[Row] = []
    for i, name in enumerate(NAMES[prefix]):
        role = "chair" if i == 0 else "secretary" if i == 9 else "member"
        login = f"ak_{prefix}_{role if role != 'member' else f'm{i + 1}'}"
        rows.append((login, name, POSTS[i], role, {"civil_servant": i < 4}))
    return rows


def seed(demo: Demo) -> None:
    body = bodies.body("Агентство Республики Казахстан по делам государственной службы")
    officer = hr("hr_ak", body, "Гульнар", "Сапарова")
    announce = demo.days(-6)  # three weeks of intake (AK-5)
    campaign = campaigns.announce(
        officer,
        code="AK",
        kind="contest",
        title="Республиканский конкурс «Лучший сельский аким» (Акмолинская и Туркестанская области)",
        body=body,
        on=announce,
        recorded={"district": sorted({row[6] for row in AKIMS})},
        announcement={
            "conditions": "Участвуют сельские акимы со стажем на должности не менее года "
            "(п. 6 Методических рекомендаций).",
            "submission": "Материалы — в территориальный департамент Агентства по месту работы.",
            "venue": "I этап — региональные комиссии; II этап — Республиканская комиссия, г. Астана.",
        },
    )
    for scope, (oblast, city) in REGIONAL.items():
        commission(
            officer,
            campaign,
            rule_id="regional_commission",
            name=f"Региональная конкурсная комиссия — {oblast} (г. {city})",
            stages=["intake", "preselection", "regional_interview"],
            scope=scope,
            members=roster(scope),
        )
    commission(
        officer,
        campaign,
        rule_id="republican_commission",
        name="Республиканская конкурсная комиссия",
        stages=["republican"],
        members=roster("rep"),
    )
    apps = []
    for k, row in enumerate(AKIMS):
        username, last, first, patronymic, iin, oblast, district, settlement = row[:8]
        months, years, languages = row[8:]
        birth = dt.date(1900 + int(iin[:2]), int(iin[2:4]), int(iin[4:6]))
        akim = person(username, last, first, patronymic, country="KZ", birth=birth, iin=iin)
        facts = {
            "oblast": oblast,
            "district": district,
            "settlement": settlement,
            "post": "rural_district_akim",
            "akim_service_months": months,
            "administrative_penalty_outstanding": False,
            "disciplinary_penalty_outstanding": False,
            "video_minutes": 4,
            "civil_service_years": years,
            "languages": languages,
            "awards": ["departmental"] if k % 2 == 0 else [],
            "development": ["projects"],
            "training": ["seminars", "refresher_courses"] if k < 3 else ["seminars"],
            "practice": ["improvement_proposals"] if k % 3 == 0 else [],
            "complex_projects": 3 - k % 3,
            "openness_events": 60 + 15 * k,
            "project_budget_tenge": 4_500_000,
        }
        when = at(announce + dt.timedelta(days=1 + k % 5), 9 + k)
        apps.append(applications.apply(campaign, akim, facts, DOCS, route=ROUTES[k % 3], when=when))
    for app in apps[:4]:
        applications.admit(officer, app, {"substantiated_complaints": 0})
    applications.refuse_by_engine(officer, apps[5])  # 8 months in the post (AK-3)
