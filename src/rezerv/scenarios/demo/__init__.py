"""Demo data for all five procedures, written through the services (so audit and checks apply).

``seed_demo()`` fills an empty database: state bodies, regions and districts, positions, one
campaign per procedure (KM, AK, TP, BR, PK) with commissions, candidates and applications, and
demo logins sharing one password. Dates are relative to the day it runs. A second run changes
nothing; a database that holds other data is refused.  Each procedure's part is a module of this
package (``km``, ``ak``, ``tp``, ``br``, ``pk``), built from the pieces of ``rezerv.scenarios``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from rezerv.scenarios import bodies, people
from rezerv.scenarios.demo import ak, br, km, pk, tp
from rezerv.scenarios.demo.base import DEMO_PASSWORD, Demo, person
from rezerv.selection import services
from rezerv.selection.models import AuditEvent, Campaign, StateBody

__all__ = ["DEMO_PASSWORD", "LOGINS", "DemoError", "Login", "logins_table", "seed_demo"]

MARKER = "demo.seed"


class DemoError(Exception):
    """The database is not empty and was not filled by ``seed_demo``."""


@dataclass(frozen=True)
class Login:
    role: str
    username: str
    what: str


LOGINS = [
    Login("администратор", "admin", "все кампании, рабочие места кадровых служб, журналы аудита"),
    Login(
        "кадровая служба (KM)",
        "hr_km",
        "конкурс KM на этапе оценки: результаты тестов, заседание, закрытие оценки, решение",
    ),
    Login(
        "кадровая служба (AK)",
        "hr_ak",
        "«Лучший сельский аким»: приём идёт, допуск заявлений, комиссии двух областей и РК",
    ),
    Login(
        "кадровая служба (TP)",
        "hr_tp",
        "пул талантов: оценка эссе, допуск; прошлый цикл завершён — сертификаты (DOCX, PDF)",
    ),
    Login(
        "кадровая служба (BR)",
        "hr_br",
        "резерв Башкортостана: уровни резерва, первичное ранжирование (заочный этап)",
    ),
    Login(
        "кадровая служба (PK)",
        "hr_pk",
        "резерв Покровского поселения: целевые должности, рекомендации, оценка комиссией",
    ),
    Login(
        "председатель комиссии (KM)",
        "km_chair",
        "«Оценка кандидатов» → собеседование: оценены 2 из 4, продолжите оценку",
    ),
    Login(
        "член комиссии (KM)", "km_member", "собеседование оценено; баллы других скрыты до закрытия"
    ),
    Login("независимый эксперт (KM)", "km_expert2", "собеседование: ещё никто не оценён"),
    Login(
        "председатель региональной комиссии (AK)",
        "ak_akmola_chair",
        "Акмолинская область: отбор I этапа (также ak_akmola_m2…m9, ak_akmola_secretary)",
    ),
    Login(
        "председатель региональной комиссии (AK)",
        "ak_turkistan_chair",
        "Туркестанская область (также ak_turkistan_m2…m9, ak_turkistan_secretary)",
    ),
    Login(
        "председатель Республиканской комиссии (AK)",
        "ak_rep_chair",
        "II этап — защита проектов (также ak_rep_m2…m9, ak_rep_secretary)",
    ),
    Login("представитель госоргана (TP)", "tp_rep3", "оценка эссе: часть эссе не оценена"),
    Login("председатель комиссии (BR)", "br_chair", "комиссия по резерву управленческих кадров"),
    Login("председатель комиссии (PK)", "pk_chair", "оценка по критериям приложения № 6"),
    Login(
        "кандидат (RU)",
        "candidate_ru",
        "анкета заполнена: подайте заявление в резерв BR или PK",
    ),
    Login(
        "кандидат (KZ), сельский аким",
        "candidate_kz",
        "подайте заявление на конкурс «Лучший сельский аким»",
    ),
    Login("кандидат KM", "km_sokolov", "заявление допущено; согласие на включение в резерв"),
    Login(
        "участник пула талантов (TP)",
        "tp_akhmetova",
        "заявление: смена направления — один раз",
    ),
    Login(
        "участник прошлого цикла (TP)",
        "tp_baimukhanov",
        "сертификат о зачислении в пул талантов, действителен год",
    ),
]


def is_seeded() -> bool:
    return AuditEvent.objects.filter(action=MARKER).exists()


def seed_demo(*, today: dt.date | None = None) -> tuple[bool, list[Login]]:
    """Fill an empty database; returns (created, logins). A seeded database is left as it is."""
    if is_seeded():
        return False, LOGINS
    if User.objects.exists() or StateBody.objects.exists() or Campaign.objects.exists():
        raise DemoError(
            "База данных не пуста: демонстрационные данные загружаются только в пустую базу "
            "(создайте новую базу или удалите существующую)."
        )
    with transaction.atomic():
        _run(today or timezone.localdate())
    return True, LOGINS


def logins_table(logins: list[Login]) -> str:
    rows = [("Роль", "Логин", "Что попробовать"), *((x.role, x.username, x.what) for x in logins)]
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    lines = []
    for i, (role, username, what) in enumerate(rows):
        lines.append(f"{role.ljust(widths[0])}  {username.ljust(widths[1])}  {what}")
        if i == 0:
            lines.append(f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * 15}")
    return "\n".join(lines)


REGIONS = {
    "RU": {
        "Кемеровская область — Кузбасс": [],
        "Республика Башкортостан": ["Уфимский район"],
        "Ростовская область": ["Неклиновский район"],
    },
    "KZ": {
        "Акмолинская область": ["Бурабайский район", "Целиноградский район"],
        "Туркестанская область": ["Сайрамский район", "Толебийский район"],
        "Костанайская область": ["Костанайский район"],
        "Северо-Казахстанская область": ["район Шал акына"],
    },
}


def _run(today: dt.date) -> None:
    admin = people.admin(
        "admin", password=DEMO_PASSWORD, first="Администратор", last="Системы", superuser=True
    )
    regions = {}
    for country, districts in REGIONS.items():
        regions.update(bodies.regions(country, districts))
    demo = Demo(today, regions)
    for procedure in (km, ak, tp, br, pk):
        procedure.seed(demo)
    # free candidates: their questionnaires filled, no application yet
    person("candidate_ru", "Орлов", "Павел", "Николаевич", country="RU", birth=dt.date(1987, 4, 12))
    person(
        "candidate_kz",
        "Сарсенбаев",
        "Нуржан",
        "Ерланович",
        country="KZ",
        birth=dt.date(1981, 8, 19),
        iin="810819300517",
    )
    services.audit(
        actor=admin,
        action=MARKER,
        obj=admin,
        changes={"today": today, "campaigns": Campaign.objects.count()},
    )
