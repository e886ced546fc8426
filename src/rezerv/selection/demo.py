"""Demo data for all five procedures, written through the services (so audit and checks apply).

``seed_demo()`` fills an empty database: state bodies, regions and districts, positions, one
campaign per procedure (KM, AK, TP, BR, PK) with commissions, candidates and applications, and
demo logins sharing one password. Dates are relative to the day it runs. A second run changes
nothing; a database that holds other data is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from rezerv.selection import selectors, services, states
from rezerv.selection.models import (
    Application,
    AuditEvent,
    Campaign,
    Commission,
    CommissionMember,
    District,
    Person,
    Position,
    Questionnaire,
    Region,
    Staff,
    StateBody,
    Unit,
)

DEMO_PASSWORD = "rezerv-demo"
MARKER = "demo.seed"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b" " * 64


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
        "заявление: смена направления — один раз (TP-9)",
    ),
    Login(
        "участник прошлого цикла (TP)",
        "tp_baimukhanov",
        "сертификат о зачислении в пул талантов, действителен год (TP-12)",
    ),
]


def km_general_documents() -> list[str]:
    """The KM documents every candidate files: the regulation's general checklist (KM-5)."""
    from rezerv.engine.loader import load_regulation

    documents = load_regulation("KM").regulation.documents
    assert documents is not None
    return list(documents.checklist("general").required)


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
        _Seeder(today or timezone.localdate()).run()
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


# --------------------------------------------------------------------------- the data


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.pdf", PDF, content_type="application/pdf")


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class _Seeder:
    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.admin: User | None = None
        self.password_hash = make_password(DEMO_PASSWORD)

    # ------------------------------------------------------------------ helpers

    def user(self, username: str, first: str = "", last: str = "") -> User:
        # One hash for the one demo password: hashing it per user would take most of the run.
        return User.objects.create(
            username=username,
            password=self.password_hash,
            first_name=first[:150],
            last_name=last[:150],
        )

    def hr(self, username: str, body: StateBody, first: str, last: str) -> User:
        user = self.user(username, first, last)
        Staff.objects.create(user=user, body=body, role="hr")
        return user

    def person(
        self,
        username: str,
        last: str,
        first: str,
        patronymic: str,
        *,
        country: str,
        birth: dt.date,
        iin: str = "",
    ) -> Person:
        user = self.user(username, first, last)
        person = Person.objects.create(
            user=user,
            last_name=last,
            first_name=first,
            patronymic=patronymic,
            birth_date=birth,
            citizenship=country,
            iin=iin,
            email=f"{username}@example.{'kz' if country == 'KZ' else 'ru'}",
        )
        Questionnaire.objects.create(
            person=person,
            languages=["казахский — свободно", "русский — свободно"]
            if country == "KZ"
            else ["английский — читаю и перевожу со словарём"],
        )
        return person

    def campaign(
        self,
        *,
        code: str,
        kind: str,
        title: str,
        body: StateBody,
        hr: User,
        announce: dt.date,
        position: Position | None = None,
        vacancies: int = 1,
        quotas: dict[str, Any] | None = None,
        events: dict[str, str] | None = None,
        **announcement: str,
    ) -> Campaign:
        """Create and publish a campaign as the HR desk does (audit ``campaign.create``)."""
        campaign = services.campaign_create(
            actor=hr,
            regulation_code=code,
            body=body,
            position=position,
            kind=kind,
            title=title,
            vacancies=vacancies,
            quotas=quotas or {},
            events=events or {},
            announcement=announcement,
        )
        return services.campaign_publish(actor=hr, campaign=campaign, on=announce)

    def to_assessment(self, campaign: Campaign, hr: User) -> Campaign:
        campaign.refresh_from_db()
        return states.campaign_transition(
            actor=hr, campaign=campaign, to=states.CampaignStatus.ASSESSMENT
        )

    def apply(
        self,
        campaign: Campaign,
        person: Person,
        facts: dict[str, Any],
        docs: list[str],
        *,
        route: str = "default",
        when: dt.datetime | None = None,
    ) -> Application:

        assert person.user is not None
        return services.application_submit(
            actor=person.user,
            campaign=campaign,
            person=person,
            route=route,
            facts={
                **selectors.questionnaire_facts(person, campaign.regulation.load().regulation),
                **facts,
            },
            consent_text=str(selectors.CONSENT_TEXT),
            consent_given=True,
            files={d: pdf(d) for d in docs},
            now=when,
        )

    def admit(self, app: Application, hr: User, hr_facts: dict[str, Any] | None = None) -> None:
        """Record the HR officer's facts and admit; ``app`` is refreshed in place."""
        if hr_facts:
            services.application_record_facts(actor=hr, application=app, facts=hr_facts)
            app.refresh_from_db()
        services.application_decide(
            actor=hr, application=app, admit=True, refusal_text="", expected_version=app.version
        )
        app.refresh_from_db()

    def refuse_by_engine(self, app: Application, hr: User) -> None:
        """Refuse with the written reasons the engine gives (C-2), as the HR desk proposes."""

        _, result = services.evaluate_campaign(app.campaign)
        verdict = next(r for r in result["candidates"] if r["id"] == str(app.pk))
        app.refresh_from_db()
        services.application_decide(
            actor=hr,
            application=app,
            admit=False,
            refusal_text=selectors.refusal_text(verdict),
            expected_version=app.version,
        )

    def commission(
        self,
        campaign: Campaign,
        hr: User,
        *,
        rule_id: str,
        name: str,
        stages: list[str],
        members: list[tuple[str, str, str, str, dict[str, bool]]],
        scope: str = "",
    ) -> list[CommissionMember]:
        commission: Commission = services.commission_create(
            actor=hr, campaign=campaign, rule_id=rule_id, name=name, stages=stages, scope=scope
        )
        out = []
        for username, full_name, post, role, flags in members:
            last, first = full_name.split()[:2]
            user = User.objects.filter(username=username).first() or self.user(
                username, first, last
            )
            out.append(
                services.commission_add_member(
                    actor=hr,
                    commission=commission,
                    user=user,
                    full_name=full_name,
                    post=post,
                    role=role,
                    **flags,
                )
            )
        return out

    def ballot(
        self, member: CommissionMember, app: Application, stage: str, method: str, points: Any
    ) -> None:
        services.ballot_save(
            actor=member.user,
            member=member,
            application=app,
            stage_id=stage,
            method_id=method,
            points=points,
            reason="",
            expected_version=None,
        )

    # ------------------------------------------------------------------ the run

    def run(self) -> None:
        self.admin = self.user("admin", "Администратор", "Системы")
        self.admin.is_superuser = True
        self.admin.save()
        Staff.objects.create(user=self.admin, body=None, role="admin")
        self.geography()
        self.km()
        self.ak()
        self.tp()
        self.br()
        self.pk()
        self.candidates()
        services.audit(
            actor=self.admin,
            action=MARKER,
            obj=self.admin,
            changes={"today": self.today, "campaigns": Campaign.objects.count()},
        )

    def geography(self) -> None:
        ru = {
            name: Region.objects.create(name=name, country="RU")
            for name in (
                "Кемеровская область — Кузбасс",
                "Республика Башкортостан",
                "Ростовская область",
            )
        }
        kz = {
            name: Region.objects.create(name=name, country="KZ")
            for name in (
                "Акмолинская область",
                "Туркестанская область",
                "Костанайская область",
                "Северо-Казахстанская область",
            )
        }
        districts = {
            "Акмолинская область": ["Бурабайский район", "Целиноградский район"],
            "Туркестанская область": ["Сайрамский район", "Толебийский район"],
            "Костанайская область": ["Костанайский район"],
            "Северо-Казахстанская область": ["район Шал акына"],
        }
        for region, names in districts.items():
            for name in names:
                District.objects.create(region=kz[region], name=name)
        District.objects.create(region=ru["Ростовская область"], name="Неклиновский район")
        District.objects.create(region=ru["Республика Башкортостан"], name="Уфимский район")
        self.regions = {**ru, **kz}

    # ------------------------------------------------------------------ KM

    def km(self) -> None:
        body = StateBody.objects.create(
            name="Главное контрольное управление Кузбасса",
            region=self.regions["Кемеровская область — Кузбасс"],
        )
        unit = Unit.objects.create(body=body, name="Отдел контроля в сфере закупок")
        hr = self.hr("hr_km", body, "Ольга", "Белова")
        position = Position.objects.create(
            body=body,
            unit=unit,
            title="Главный специалист отдела контроля в сфере закупок",
            # the classification by KM's position facts (KM-10)
            facts={"group": "senior", "category": "specialists"},
            qualification_requirements=(
                "Высшее образование; знание 44-ФЗ и 223-ФЗ; опыт контрольной работы приветствуется."
            ),
        )
        announce = self.today - dt.timedelta(days=26)  # the intake ended 5 days ago (KM-5)
        campaign = self.campaign(
            code="KM",
            kind="vacancy",
            title="Конкурс на замещение должности главного специалиста отдела контроля в сфере закупок",
            body=body,
            hr=hr,
            announce=announce,
            position=position,
            conditions="Служебный контракт на неопределённый срок, нормированный служебный день.",
            submission="Лично или почтой: г. Кемерово, пр. Советский, 60, каб. 214, 9:00–17:00.",
            venue="г. Кемерово, пр. Советский, 60, зал заседаний; тестирование и собеседование.",
            duties="Контроль соблюдения законодательства о закупках подведомственными учреждениями.",
        )
        docs = km_general_documents()
        people = [
            ("km_sokolov", "Соколов", "Андрей", "Викторович", dt.date(1986, 3, 14), True),
            ("km_kuznetsova", "Кузнецова", "Елена", "Павловна", dt.date(1990, 11, 2), False),
            ("km_morozov", "Морозов", "Дмитрий", "Игоревич", dt.date(1984, 7, 23), True),
            ("km_volkova", "Волкова", "Анна", "Сергеевна", dt.date(1992, 1, 30), False),
            ("km_lebedev", "Лебедев", "Кирилл", "Олегович", dt.date(1995, 5, 9), True),
        ]
        apps = []
        for k, (username, last, first, patronymic, birth, conscript) in enumerate(people):
            person = self.person(username, last, first, patronymic, country="RU", birth=birth)
            given = [*docs, "military_id"] if conscript else list(docs)
            if username == "km_lebedev":
                given = [d for d in given if d != "snils"]  # refused: incomplete documents
            apps.append(
                self.apply(
                    campaign,
                    person,
                    {"speaks_russian": True, "liable_for_military_service": conscript},
                    given,
                    when=at(announce + dt.timedelta(days=2 + 3 * k), 10 + k),
                )
            )
        for app in apps[:4]:
            self.admit(app, hr, {"meets_qualification": True, "copies_match_originals": True})
        self.refuse_by_engine(apps[4], hr)
        members = self.commission(
            campaign,
            hr,
            rule_id="competition_commission",
            name="Конкурсная комиссия Главного контрольного управления Кузбасса",
            stages=["competition"],
            members=[
                (
                    "km_chair",
                    "Григорьев Сергей Николаевич",
                    "начальник управления",
                    "chair",
                    {"civil_servant": True},
                ),
                (
                    "km_deputy",
                    "Тарасова Ирина Михайловна",
                    "заместитель начальника управления",
                    "deputy",
                    {"civil_servant": True},
                ),
                (
                    "km_secretary",
                    "Белова Ольга Андреевна",
                    "консультант по кадрам",
                    "secretary",
                    {"civil_servant": True},
                ),
                (
                    "km_member",
                    "Фёдоров Алексей Петрович",
                    "начальник отдела",
                    "member",
                    {"civil_servant": True},
                ),
                (
                    "km_expert1",
                    "Никитина Светлана Юрьевна",
                    "доцент КемГУ",
                    "member",
                    {"independent": True},
                ),
                (
                    "km_expert2",
                    "Панов Виктор Геннадьевич",
                    "член Общественного совета",
                    "member",
                    {"independent": True, "public_council": True},
                ),
            ],
        )
        campaign = self.to_assessment(campaign, hr)
        for app, correct in zip(apps[:4], (44, 39, 36, 41), strict=True):
            services.result_save(
                actor=hr,
                application=app,
                stage_id="competition",
                method_id="test",
                correct=correct,
                questions=50,
                date=self.today - dt.timedelta(days=2),
            )
        drafts = (5, 4, 3, 4)
        for app, value in zip(apps[:4], drafts, strict=True):
            services.result_save(
                actor=hr,
                application=app,
                stage_id="competition",
                method_id="document_draft",
                points={
                    c: value
                    for c in (
                        "formatting",
                        "understanding",
                        "solutions",
                        "grounds",
                        "analysis",
                        "literacy",
                    )
                },
                date=self.today - dt.timedelta(days=2),
            )
        interview = [(8, 9, 7, 8), (9, 8, 7, 9), (8, 8, 6, 8), (7, 9, 7, 8)]  # per member
        chair, deputy, secretary, member, expert1, _expert2 = members
        for scorer, scores in zip((deputy, secretary, member, expert1), interview, strict=True):
            for app, score in zip(apps[:4], scores, strict=True):
                self.ballot(scorer, app, "competition", "interview", score)
        for app, score in zip(apps[:2], (9, 8), strict=True):
            self.ballot(chair, app, "competition", "interview", score)
        services.meeting_schedule(
            actor=hr,
            campaign=campaign,
            commission=members[0].commission,
            stage_id="competition",
            date=self.today + dt.timedelta(days=16),
            place="г. Кемерово, пр. Советский, 60, зал заседаний",
        )

    # ------------------------------------------------------------------ AK

    def ak(self) -> None:
        body = StateBody.objects.create(
            name="Агентство Республики Казахстан по делам государственной службы"
        )
        hr = self.hr("hr_ak", body, "Гульнар", "Сапарова")
        announce = self.today - dt.timedelta(days=6)  # three weeks of intake (AK-5)
        campaign = self.campaign(
            code="AK",
            kind="contest",
            title="Республиканский конкурс «Лучший сельский аким» (Акмолинская и Туркестанская области)",
            body=body,
            hr=hr,
            announce=announce,
            conditions="Участвуют сельские акимы со стажем на должности не менее года (AK-3).",
            submission="Материалы — в территориальный департамент Агентства по месту работы.",
            venue="I этап — региональные комиссии; II этап — Республиканская комиссия, г. Астана.",
        )
        regional = {
            "akmola": ("Акмолинская область", "Кокшетау"),
            "turkistan": ("Туркестанская область", "Туркестан"),
        }
        posts = [
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
        names = {
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

        def roster(prefix: str) -> list[tuple[str, str, str, str, dict[str, bool]]]:
            out = []
            for i, name in enumerate(names[prefix]):
                role = "chair" if i == 0 else "secretary" if i == 9 else "member"
                username = (
                    f"ak_{prefix}_{'chair' if i == 0 else 'secretary' if i == 9 else f'm{i + 1}'}"
                )
                out.append((username, name, posts[i], role, {"civil_servant": i < 4}))
            return out

        commissions = {}
        for scope, (oblast, city) in regional.items():
            commissions[scope] = self.commission(
                campaign,
                hr,
                rule_id="regional_commission",
                name=f"Региональная конкурсная комиссия — {oblast} (г. {city})",
                stages=["intake", "preselection", "regional_interview"],
                scope=scope,
                members=roster(scope),
            )
        self.commission(
            campaign,
            hr,
            rule_id="republican_commission",
            name="Республиканская конкурсная комиссия",
            stages=["republican"],
            members=roster("rep"),
        )
        akims = [
            (
                "ak_abenov",
                "Абенов",
                "Серик",
                "Маратович",
                "750110300415",
                "akmola",
                "Бурабайский район",
                "Златопольский сельский округ",
                40,
                12,
                ["state", "state_russian_english"],
            ),
            (
                "ak_mukanova",
                "Муканова",
                "Алия",
                "Жанатовна",
                "790302400528",
                "akmola",
                "Бурабайский район",
                "Урумкайский сельский округ",
                26,
                6,
                ["state"],
            ),
            (
                "ak_tokenov",
                "Токенов",
                "Бауыржан",
                "Ерланович",
                "770521300639",
                "akmola",
                "Целиноградский район",
                "Акмолинский сельский округ",
                30,
                11,
                ["state", "state_russian_english"],
            ),
            (
                "ak_dzhaksybekov",
                "Джаксыбеков",
                "Арман",
                "Нурланович",
                "730915300741",
                "turkistan",
                "Сайрамский район",
                "Карабулакский сельский округ",
                36,
                15,
                ["state"],
            ),
            (
                "ak_yesenova",
                "Есенова",
                "Мадина",
                "Касымовна",
                "840130400852",
                "turkistan",
                "Толебийский район",
                "Кемекалганский сельский округ",
                20,
                5,
                ["state", "state_russian_english"],
            ),
            (
                "ak_bekov",
                "Беков",
                "Нурсултан",
                "Айдарович",
                "880707300963",
                "turkistan",
                "Толебийский район",
                "Аксукентский сельский округ",
                8,
                3,
                ["state"],
            ),
        ]
        docs = [
            "application",
            "id_copy",
            "service_record",
            "questionnaire",
            "socio_economic_indicators",
            "project_presentation",
            "project_video",
        ]
        apps = []
        for k, (
            username,
            last,
            first,
            patronymic,
            iin,
            oblast,
            district,
            settlement,
            months,
            years,
            langs,
        ) in enumerate(akims):
            person = self.person(
                username,
                last,
                first,
                patronymic,
                country="KZ",
                birth=dt.date(1900 + int(iin[:2]), int(iin[2:4]), int(iin[4:6])),
                iin=iin,
            )
            apps.append(
                self.apply(
                    campaign,
                    person,
                    {
                        "oblast": oblast,
                        "district": district,
                        "settlement": settlement,
                        "post": "rural_district_akim",
                        "akim_service_months": months,
                        "administrative_penalty_outstanding": False,
                        "disciplinary_penalty_outstanding": False,
                        "video_minutes": 4,
                        "civil_service_years": years,
                        "languages": langs,
                        "awards": ["departmental"] if k % 2 == 0 else [],
                        "development": ["projects"],
                        "training": ["seminars", "refresher_courses"] if k < 3 else ["seminars"],
                        "practice": ["improvement_proposals"] if k % 3 == 0 else [],
                        "complex_projects": 3 - k % 3,
                        "openness_events": 60 + 15 * k,
                        "project_budget_tenge": 4_500_000,
                    },
                    docs,
                    route=["default", "local_executive_body", "central_body_territorial_unit"][
                        k % 3
                    ],
                    when=at(announce + dt.timedelta(days=1 + k % 5), 9 + k),
                )
            )
        for app in apps[:4]:
            self.admit(app, hr, {"substantiated_complaints": 0})
        self.refuse_by_engine(apps[5], hr)  # 8 months in the post (AK-3)

    # ------------------------------------------------------------------ TP

    def tp(self) -> None:
        body = StateBody.objects.create(
            name="Департамент Агентства РК по делам государственной службы по Костанайской области",
            region=self.regions["Костанайская область"],
        )
        hr = self.hr("hr_tp", body, "Айжан", "Калиева")
        # The current yearly cycle: the one whose registration (October, TP-7) has begun.
        year = (
            self.today.year
            if self.today >= dt.date(self.today.year, 10, 2)
            else self.today.year - 1
        )
        reg_open, reg_close = dt.date(year, 10, 1), dt.date(year, 10, 31)
        last_day = min(reg_close, self.today - dt.timedelta(days=1))
        events = {
            "cycle_start": f"{year}-09-01",
            "demand_submitted": f"{year}-08-15",
            "essay_written": f"{year}-11-10",
            "training_start": f"{year + 1}-01-12",
            "training_end": f"{year + 1}-02-26",
            "internship_start": f"{year + 1}-03-02",
            "internship_end": f"{year + 1}-04-24",
        }
        campaign = self.campaign(
            code="TP",
            kind="talent_pool",
            title=f"Пул талантов: Костанайская и Северо-Казахстанская области, цикл {year}–{year + 1}",
            body=body,
            hr=hr,
            announce=dt.date(year, 9, 15),
            quotas={"demand": {"kostanay": 3, "north_kazakhstan": 2}},
            events=events,
            conditions="Студенты выпускных курсов — граждане Республики Казахстан (TP-1).",
            procedure="Регистрация с 1 по 31 октября; эссе; программа подготовки в филиале "
            "Академии; практика; тестирование.",
            essay_topics="Государственное управление: цифровые услуги для жителей села; "
            "Экономика: поддержка малого бизнеса в регионе.",
            essay_email="talents-kst@example.kz",
        )
        members = self.commission(
            campaign,
            hr,
            rule_id="demand_bodies",
            name="Представители государственных органов, сформировавших потребность",
            stages=["essay"],
            members=[
                (
                    "tp_rep1",
                    "Байжанова Сауле Кайратовна",
                    "аппарат акима Костанайской области",
                    "chair",
                    {"civil_servant": True},
                ),
                (
                    "tp_rep2",
                    "Тулегенов Нурлан Болатович",
                    "ДГД по Костанайской области",
                    "member",
                    {"civil_servant": True},
                ),
                (
                    "tp_rep3",
                    "Шайхиева Алия Муратовна",
                    "департамент юстиции Северо-Казахстанской области",
                    "member",
                    {"civil_servant": True},
                ),
            ],
        )
        people = [
            (
                "tp_akhmetova",
                "Ахметова",
                "Айгерим",
                "Нурлановна",
                "010314650123",
                "master",
                "kostanay",
                "Цифровизация и государственные услуги",
                "Информационные системы",
            ),
            (
                "tp_zhumabaev",
                "Жумабаев",
                "Данияр",
                "Ерланович",
                "030722550481",
                "higher",
                "kostanay",
                "Экономика и финансы",
                "Финансы",
            ),
            (
                "tp_seitkali",
                "Сейткали",
                "Мадина",
                "Асхатовна",
                "020911650774",
                "higher",
                "kostanay",
                "Экономика и финансы",
                "Экономика",
            ),
            (
                "tp_kim",
                "Ким",
                "Артём",
                "Вячеславович",
                "000405550962",
                "master",
                "kostanay",
                "Право и государственное управление",
                "Юриспруденция",
            ),
            (
                "tp_nurgalieva",
                "Нургалиева",
                "Дана",
                "Сериковна",
                "011230650215",
                "post_secondary",
                "kostanay",
                "Социальная политика",
                "Социальная работа",
            ),
            (
                "tp_omarov",
                "Омаров",
                "Ерасыл",
                "Бакытович",
                "020605550316",
                "higher",
                "north_kazakhstan",
                "Региональное развитие",
                "Государственное и местное управление",
            ),
            (
                "tp_smagulova",
                "Смагулова",
                "Жанель",
                "Арманкызы",
                "030117650427",
                "master",
                "north_kazakhstan",
                "Цифровизация и государственные услуги",
                "Вычислительная техника",
            ),
        ]
        span = max((last_day - reg_open).days, 0)
        apps = []
        for k, (
            username,
            last,
            first,
            patronymic,
            iin,
            programme,
            unit,
            direction,
            specialty,
        ) in enumerate(people):
            person = self.person(
                username,
                last,
                first,
                patronymic,
                country="KZ",
                birth=dt.date(year - 22, 1 + k, 5 + k),
                iin=iin,
            )
            apps.append(
                self.apply(
                    campaign,
                    person,
                    {
                        "education_programme": programme,
                        "final_year": True,
                        "territorial_unit": unit,
                        "internship_body": "Аппарат акима Костанайской области"
                        if unit == "kostanay"
                        else "Аппарат акима Северо-Казахстанской области",
                        "direction": direction,
                        "specialty": specialty,
                        "address": f"г. {'Костанай' if unit == 'kostanay' else 'Петропавловск'}, ул. Абая, {10 + k}",
                        "phone": f"+7 701 555 {10 + k:02d} {20 + k:02d}",
                        "email": f"{username}@example.kz",
                    },
                    ["application", "study_certificate"],
                    when=at(reg_open + dt.timedelta(days=(span * k) // len(people)), 9 + k),
                )
            )
        topics = [
            "Цифровизация государственных услуг в регионе",
            "Налоговое администрирование и доверие граждан",
            "Бюджет, ориентированный на результат",
            "Открытость нормотворчества",
            "Адресная социальная помощь",
            "Малые города: точки роста",
            "Данные как государственный ресурс",
        ]
        for k, app in enumerate(apps):
            self.admit(
                app,
                hr,
                {
                    "direction_fits_specialty": True,
                    "essay_topic": topics[k],
                    "essay_words": 380 + 15 * k,
                    "academy_branch_in_region": True,
                    "training_format": "academy",
                },
            )
        if self.today > reg_close:
            campaign = self.to_assessment(campaign, hr)
        # (originality, clarity) per representative
        essays: dict[int, list[tuple[int, int] | None]] = {
            0: [(5, 5), (5, 4), (4, 5)],
            1: [(4, 4), (5, 4), (4, 4)],
            2: [(4, 3), (4, 4), (3, 4)],
            3: [(3, 4), (3, 4), (4, 3)],
            4: [(4, 3), (4, 3), None],
            5: [(4, 4), (5, 5), None],
            6: [(3, 3), (4, 4), None],
        }
        for k, app in enumerate(apps):
            for member, pair in zip(members, essays[k], strict=True):
                if pair is not None:
                    self.ballot(
                        member, app, "essay", "essay", {"originality": pair[0], "clarity": pair[1]}
                    )
        self.tp_past(body, hr, year - 1)

    def tp_past(self, body: StateBody, hr: User, year: int) -> None:
        """The previous cycle, finished: the essays, training, internship and testing passed, the
        decision made and the certificates handed over on 30 June (valid one year, TP-12)."""
        campaign = self.campaign(
            code="TP",
            kind="talent_pool",
            title=f"Пул талантов: Костанайская область, цикл {year}–{year + 1}",
            body=body,
            hr=hr,
            announce=dt.date(year, 9, 15),
            quotas={"demand": {"kostanay": 2}},
            events={
                "cycle_start": f"{year}-09-01",
                "demand_submitted": f"{year}-08-15",
                "essay_written": f"{year}-11-10",
                "training_start": f"{year + 1}-01-12",
                "training_end": f"{year + 1}-02-26",
                "internship_start": f"{year + 1}-03-02",
                "internship_end": f"{year + 1}-04-24",
                "certificates_issued": f"{year + 1}-06-30",
            },
            conditions="Студенты выпускных курсов — граждане Республики Казахстан (TP-1).",
            procedure="Регистрация с 1 по 31 октября; эссе; программа подготовки в филиале "
            "Академии; практика; тестирование.",
            essay_topics="Государственное управление: открытость данных; "
            "Социальная сфера: услуги для молодёжи.",
            essay_email="talents-kst@example.kz",
        )
        (rep,) = self.commission(
            campaign,
            hr,
            rule_id="demand_bodies",
            name="Представители государственных органов, сформировавших потребность",
            stages=["essay"],
            members=[
                (
                    "tp_rep1",
                    "Байжанова Сауле Кайратовна",
                    "аппарат акима Костанайской области",
                    "chair",
                    {"civil_servant": True},
                )
            ],
        )
        people = [  # username, last, first, patronymic, IIN, essay (originality, clarity)
            ("tp_baimukhanov", "Баймуханов", "Ерлан", "Серикович", "010203550111", (5, 5)),
            ("tp_iskakova", "Искакова", "Асель", "Маратовна", "010507650222", (5, 4)),
            ("tp_zhaksylykov", "Жаксылыков", "Тимур", "Аскарович", "000911550333", (3, 3)),
        ]
        apps = []
        for k, (username, last, first, patronymic, iin, essay) in enumerate(people):
            person = self.person(
                username,
                last,
                first,
                patronymic,
                country="KZ",
                birth=dt.date(year - 22, 3 + k, 10 + k),
                iin=iin,
            )
            app = self.apply(
                campaign,
                person,
                {
                    "education_programme": "higher",
                    "final_year": True,
                    "territorial_unit": "kostanay",
                    "internship_body": "Аппарат акима Костанайской области",
                    "direction": "Экономика и финансы",
                    "specialty": "Финансы",
                    "address": f"г. Костанай, ул. Байтурсынова, {20 + k}",
                    "phone": f"+7 701 444 {10 + k:02d} {30 + k:02d}",
                    "email": f"{username}@example.kz",
                },
                ["application", "study_certificate"],
                when=at(dt.date(year, 10, 5 + 3 * k), 10 + k),
            )
            self.admit(
                app,
                hr,
                {
                    "direction_fits_specialty": True,
                    "essay_topic": "Бюджет, ориентированный на результат",
                    "essay_words": 420 + 10 * k,
                    "academy_branch_in_region": True,
                    "training_format": "academy",
                },
            )
            self.ballot(rep, app, "essay", "essay", {"originality": essay[0], "clarity": essay[1]})
            apps.append(app)
        for app in apps[:2]:  # demand 2 (TP-5): the two best essays go on
            for stage, method, day in (
                ("training", "training", dt.date(year + 1, 2, 26)),
                ("internship", "internship", dt.date(year + 1, 4, 24)),
                ("testing", "legislation_test", dt.date(year + 1, 5, 20)),
                ("testing", "personal_qualities", dt.date(year + 1, 5, 20)),
            ):
                services.result_save(
                    actor=hr,
                    application=app,
                    stage_id=stage,
                    method_id=method,
                    passed=True,
                    date=day,
                )
        campaign.refresh_from_db()
        services.decision_make(actor=hr, campaign=campaign, stage_id="testing", meeting=None)

    # ------------------------------------------------------------------ BR

    def br(self) -> None:
        body = StateBody.objects.create(
            name="Администрация Главы Республики Башкортостан",
            region=self.regions["Республика Башкортостан"],
        )
        hr = self.hr("hr_br", body, "Эльвира", "Латыпова")
        # BR classifies no position (it declares no position fact): the posts are titles only
        for title in (
            "Министр (целевая должность высшего уровня)",
            "Глава администрации муниципального района (базовый уровень)",
            "Заместитель руководителя республиканского органа (базовый уровень)",
        ):
            Position.objects.create(body=body, title=title)
        announce = self.today - dt.timedelta(days=4)
        campaign = self.campaign(
            code="BR",
            kind="reserve",
            title="Конкурс на включение в резерв управленческих кадров Республики Башкортостан",
            body=body,
            hr=hr,
            announce=announce,
            quotas={
                "in_person_slots": {"higher": 1, "basic": 2, "prospective": 2},
                "reserve_places": {"higher": 1, "basic": 1, "prospective": 1},
            },
            events={"decision_published": (announce - dt.timedelta(days=6)).isoformat()},
            conditions="Резерв формируется на 3 года по трём уровням: высший, базовый, перспективный.",
            submission="Портал «Кадры республики» или г. Уфа, ул. Тукаева, 46, каб. 310.",
            venue="Заочный этап — ранжирование; очный — углублённая диагностика экспертной группой.",
        )
        self.commission(
            campaign,
            hr,
            rule_id="reserve_commission",
            name="Комиссия по формированию и подготовке резерва управленческих кадров РБ",
            stages=["intake", "remote", "in_person"],
            members=[
                (
                    "br_chair",
                    "Ишмуратов Айрат Ринатович",
                    "заместитель Руководителя Администрации",
                    "chair",
                    {"civil_servant": True},
                ),
                (
                    "br_deputy",
                    "Латыпов Ильдар Рашитович",
                    "начальник управления кадровой политики",
                    "deputy",
                    {"civil_servant": True},
                ),
                (
                    "br_secretary",
                    "Соколова Наталья Владимировна",
                    "консультант управления",
                    "secretary",
                    {"civil_servant": True},
                ),
                (
                    "br_member",
                    "Юсупов Марат Салаватович",
                    "профессор БашГУ",
                    "member",
                    {"independent": True},
                ),
                (
                    "br_member2",
                    "Зайнуллина Гульшат Ильгизовна",
                    "член Общественной палаты РБ",
                    "member",
                    {"public_council": True},
                ),
            ],
        )
        docs = [
            "application",
            "nomination",
            "questionnaire",
            "medical_certificate",
            "passport_copy",
            "education_work_copies",
        ]
        people = [
            (
                "br_gareev",
                "Гареев",
                "Рустам",
                "Ильдарович",
                dt.date(1975, 4, 2),
                "higher",
                "postgraduate",
                "12",
                "top",
                "Заместитель министра промышленности РБ, 12 лет руководящей работы",
                "промышленность",
                "heads_of_bodies",
                "Министр промышленности и инновационной политики РБ Петров С. А.",
            ),
            (
                "br_khabibullina",
                "Хабибуллина",
                "Лилия",
                "Маратовна",
                dt.date(1982, 9, 14),
                "basic",
                "master",
                "6",
                "middle",
                "Заместитель главы администрации городского округа",
                "муниципальное управление",
                "municipal_heads",
                "Глава администрации городского округа г. Уфа Мусин Р. Ф.",
            ),
            (
                "br_pavlov",
                "Павлов",
                "Игорь",
                "Сергеевич",
                dt.date(1980, 11, 30),
                "basic",
                "specialist",
                "5.5",
                "middle",
                "Директор агрохолдинга",
                "сельское хозяйство",
                "default",
                "",
            ),
            (
                "br_valieva",
                "Валиева",
                "Алсу",
                "Ринатовна",
                dt.date(1997, 2, 3),
                "prospective",
                "bachelor",
                "1",
                "lower",
                "Ведущий специалист-эксперт министерства финансов",
                "государственное управление",
                "default",
                "",
            ),
        ]
        apps = []
        for (
            username,
            last,
            first,
            patronymic,
            birth,
            level,
            education,
            years,
            tier,
            summary,
            sector,
            route,
            recommender,
        ) in people:
            person = self.person(username, last, first, patronymic, country="RU", birth=birth)
            facts: dict[str, Any] = {
                "reserve_level": level,
                "education": education,
                "managerial_experience_years": float(years),
                "managerial_tier": tier,
                "unexpunged_criminal_record": False,
                "employed": True,
                "experience_summary": summary,
                "sector": sector,
            }
            if recommender:
                facts["recommender"] = recommender
            apps.append(self.apply(campaign, person, facts, docs, route=route))
        for app in apps[:3]:
            self.admit(app, hr, {"managerial_experience_confirmed": True})
        for app, scores in zip(apps[:3], ((9, 9, 8), (8, 7, 8), (7, 8, 6)), strict=True):
            services.result_save(
                actor=hr,
                application=app,
                stage_id="remote",
                method_id="remote_ranking",
                points=dict(
                    zip(
                        (
                            "professional_experience",
                            "managerial_experience",
                            "managerial_readiness",
                        ),
                        scores,
                        strict=True,
                    )
                ),
                date=self.today,
            )

    # ------------------------------------------------------------------ PK

    def pk(self) -> None:
        body = StateBody.objects.create(
            name="Администрация Покровского сельского поселения",
            region=self.regions["Ростовская область"],
        )
        hr = self.hr("hr_pk", body, "Татьяна", "Зинченко")
        targets = [
            ("Заместитель главы Администрации", "main"),
            ("Заведующий сектором экономики и финансов", "leading"),
            ("Ведущий специалист по имущественным и земельным отношениям", "leading"),
        ]
        # the group is the candidate's fact in PK (target_group), not the position's
        for title, _group in targets:
            Position.objects.create(body=body, title=title)
        # Recommendations are due by the next 1 February (PK-3); the formation starts today
        # unless a week earlier still leaves that date ahead.
        start = self.today - dt.timedelta(days=7)
        due = dt.date(start.year, 2, 1)
        if due < start:
            due = dt.date(start.year + 1, 2, 1)
        if due < self.today:
            start = self.today
        campaign = self.campaign(
            code="PK",
            kind="reserve",
            title="Ежегодное формирование кадрового резерва Администрации Покровского сельского поселения",
            body=body,
            hr=hr,
            announce=start,
            events={
                "formation_start": start.isoformat(),
                "intake_end": (self.today + dt.timedelta(days=30)).isoformat(),
            },
            conditions="Целевые должности: "
            + "; ".join(t for t, _ in targets)
            + ". По 2 кандидата на должность (PK-2).",
            submission="с. Покровское, пер. Парковый, 1, каб. 5; рекомендации — не позднее 1 февраля.",
            venue="Заседание Комиссии; резерв утверждается главой Администрации до 1 апреля.",
        )
        self.commission(
            campaign,
            hr,
            rule_id="reserve_commission",
            name="Комиссия по формированию и подготовке муниципального резерва",
            stages=["commission"],
            members=[
                (
                    "pk_chair",
                    "Полякова Елена Викторовна",
                    "глава Администрации",
                    "chair",
                    {"civil_servant": True},
                ),
                (
                    "pk_deputy",
                    "Руденко Виктор Павлович",
                    "заместитель главы Администрации",
                    "deputy",
                    {"civil_servant": True},
                ),
                (
                    "pk_secretary",
                    "Зинченко Татьяна Андреевна",
                    "главный специалист по кадровой работе",
                    "secretary",
                    {"civil_servant": True},
                ),
                (
                    "pk_member",
                    "Коваленко Андрей Николаевич",
                    "депутат Собрания депутатов",
                    "member",
                    {},
                ),
            ],
        )
        general = [
            "application",
            "questionnaire",
            "passport_copy",
            "education_copies",
            "work_record",
            "data_consent",
        ]
        people = [
            (
                "pk_savchenko",
                "Савченко",
                "Людмила",
                "Ивановна",
                dt.date(1984, 6, 15),
                targets[1],
                "default",
                "master",
                8,
                4,
            ),
            (
                "pk_kovalev",
                "Ковалев",
                "Игорь",
                "Петрович",
                dt.date(1988, 2, 3),
                targets[1],
                "attestation",
                "specialist",
                6,
                2,
            ),
            (
                "pk_ivanenko",
                "Иваненко",
                "Ольга",
                "Сергеевна",
                dt.date(1990, 7, 22),
                targets[2],
                "default",
                "bachelor",
                3.5,
                1,
            ),
            (
                "pk_serdyuk",
                "Сердюк",
                "Оксана",
                "Николаевна",
                dt.date(1979, 9, 30),
                targets[0],
                "in_reserve",
                "academic_degree",
                10,
                6,
            ),
        ]
        apps: list[Application] = []
        for username, last, first, patronymic, birth, (
            title,
            group,
        ), route, level, service, managerial in people:
            person = self.person(username, last, first, patronymic, country="RU", birth=birth)
            docs = (
                []
                if route == "in_reserve"
                else [*general, "recommendation"]
                if route == "default"
                else general
            )
            apps.append(
                self.apply(
                    campaign,
                    person,
                    {
                        "target_position": title,
                        "target_group": group,
                        "education_level": level,
                        "education": "Южный федеральный университет, «Государственное и муниципальное управление»",
                        "municipal_service_years": service,
                        "managerial_experience_years": managerial,
                        "successful_projects": 1,
                        "from_scratch": "yes" if managerial > 3 else "no",
                        "positive_references": 2 if route == "default" else 1,
                        "appointment_date": f"{2015 + len(apps)}-03-01",
                    },
                    docs,
                    route=route,
                )
            )
        for app, percent in zip(apps[:3], (80, 64, 72.5), strict=True):
            self.admit(app, hr, {"meets_qualification": True, "legal_test_percent": percent})
        self.admit(apps[3], hr)

    # ------------------------------------------------------------------ free candidates

    def candidates(self) -> None:
        self.person(
            "candidate_ru",
            "Орлов",
            "Павел",
            "Николаевич",
            country="RU",
            birth=dt.date(1987, 4, 12),
        )
        self.person(
            "candidate_kz",
            "Сарсенбаев",
            "Нуржан",
            "Ерланович",
            country="KZ",
            birth=dt.date(1981, 8, 19),
            iin="810819300517",
        )
