"""Data the browser scenarios start from, built through the application's services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from rezerv.scenarios import applications
from rezerv.scenarios.commissions import Seat
from rezerv.scenarios.km import commission as km_commission
from rezerv.selection.models import Application, Campaign, CommissionMember, Person
from tests.web import factories as f

PASSWORD = f.PASSWORD
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
    hr = f.hr_user(f.body())
    today = timezone.localdate()
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    seats = [
        Seat("chair", "Председателев Павел Петрович", role="chair", civil_servant=True),
        Seat("hr", "Секретарёва Светлана Сергеевна", role="secretary", civil_servant=True),
        Seat("member", "Членова Нина Николаевна", civil_servant=True),
        Seat("expert", "Экспертов Эдуард Эдуардович", independent=True),
    ]
    members = km_commission(hr, campaign, seats, password=PASSWORD)  # "hr": the HR officer
    return Km(campaign=campaign, hr=hr, members=members, today=today)


def submit_application(campaign: Campaign, person: Person) -> Application:
    """What the application form does for a complete, eligible candidate."""
    facts: dict[str, Any] = {
        "citizenship": person.citizenship,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "speaks_russian": True,
        "liable_for_military_service": False,
    }
    return applications.apply(
        campaign,
        person,
        facts,
        f.KM_DOCS,
        consent_text="Даю согласие на обработку моих персональных данных.",
        prefill=False,
    )


def other_candidate(
    campaign: Campaign, username: str, last: str, first: str, patronymic: str
) -> Application:
    """A candidate who applied (with the reserve consent of KM-18) before the browser scenario."""
    person = f.candidate(username, last, first, patronymic)
    return applications.consent(submit_application(campaign, person))


def admit(km: Km, application: Application) -> Application:
    return applications.admit(km.hr, application, {"meets_qualification": True})
