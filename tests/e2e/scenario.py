"""Data the browser scenarios start from, built through the application's services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from rezerv.selection import services
from rezerv.selection.models import Application, Campaign, CommissionMember, Person
from tests.web import factories as f

PASSWORD = "pass-Word-1"
CAMPAIGN_TITLE = "Конкурс на должность главного специалиста"

# Documents of the general checklist (not liable for military service), as titled on the form.
KM_GENERAL_DOCS = [
    "Личное заявление",
    "Анкета (распоряжение Правительства РФ № 667-р) с фотографией",
    "Копия паспорта",
    "Копия трудовой книжки или иные документы о трудовой деятельности",
    "Копии документов об образовании и о квалификации",
    "Заключения по учётной форме № 001-ГС/у",
    "СНИЛС",
    "Свидетельство ИНН",
    "Согласие на обработку персональных данных",
    "Копии свидетельств о государственной регистрации актов гражданского состояния",
    "Справка о доходах, расходах, об имуществе и обязательствах имущественного характера",
    "Три справки из налоговой инспекции",
    "Сведения об адресах сайтов (распоряжение № 2867-р)",
]


@dataclass
class Km:
    campaign: Campaign
    hr: User
    members: dict[str, CommissionMember] = field(default_factory=dict)
    today: dt.date = field(default_factory=timezone.localdate)


def km_campaign_with_commission() -> Km:
    """A published KM campaign (announced two days ago) and its commission of four.

    The HR officer is the commission's secretary (KM: the secretary is a member); the chair and
    one member are civil servants, one member is an independent expert (KM-2, KM-12).
    """
    body = f.body()
    hr = f.hr_user(body)
    today = timezone.localdate()
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    commission = services.commission_create(
        actor=hr,
        campaign=campaign,
        rule_id="competition_commission",
        name="Конкурсная комиссия",
        stages=["competition"],
    )
    people = [
        ("chair", "Председателев Павел Петрович", "chair", True, False),
        ("hr", "Секретарёва Светлана Сергеевна", "secretary", True, False),
        ("member", "Членова Нина Николаевна", "member", True, False),
        ("expert", "Экспертов Эдуард Эдуардович", "member", False, True),
    ]
    km = Km(campaign=campaign, hr=hr, today=today)
    for username, full_name, role, servant, independent in people:
        user = hr if username == "hr" else User.objects.create_user(username, password=PASSWORD)
        km.members[username] = services.commission_add_member(
            actor=hr,
            commission=commission,
            user=user,
            full_name=full_name,
            role=role,
            civil_servant=servant,
            independent=independent,
        )
    return km


def submit_application(campaign: Campaign, person: Person) -> Application:
    """What the application form does for a complete, eligible candidate."""
    facts: dict[str, Any] = {
        "citizenship": person.citizenship,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "speaks_russian": True,
        "liable_for_military_service": False,
    }
    return services.application_submit(
        actor=person.user,
        campaign=campaign,
        person=person,
        route="default",
        facts=facts,
        consent_text="Даю согласие на обработку моих персональных данных.",
        consent_given=True,
        files={doc: f.pdf(f"{doc}.pdf") for doc in f.KM_DOCS},
    )


def other_candidate(
    campaign: Campaign, username: str, last: str, first: str, patronymic: str
) -> Application:
    """A candidate who applied (with the reserve consent of KM-18) before the browser scenario."""
    person = f.candidate(username, last, first, patronymic)
    application = submit_application(campaign, person)
    return services.application_give_consent(
        actor=person.user, application=application, kind="reserve"
    )


def admit(km: Km, application: Application) -> Application:
    application.facts = {**application.facts, "meets_qualification": True}
    application.save()
    return services.application_decide(
        actor=km.hr,
        application=application,
        admit=True,
        refusal_text="",
        expected_version=application.version,
    )
