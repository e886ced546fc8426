"""Test data built through the same services the application uses."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from rezerv.selection import services
from rezerv.selection.models import Campaign, Person, Position, Questionnaire, Staff, StateBody

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b" " * 64

KM_DOCS = [
    "application",
    "questionnaire",
    "passport_copy",
    "work_record",
    "education_copies",
    "medical_001gsu",
    "snils",
    "inn",
    "data_consent",
    "civil_status_certificates",
    "income_statement",
    "tax_certificates",
    "internet_sites",
]


def pdf(name: str = "doc.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def body(name: str = "Главное контрольное управление Кемеровской области") -> StateBody:
    return StateBody.objects.create(name=name)


def hr_user(state_body: StateBody, username: str = "hr") -> User:
    user = User.objects.create_user(username, password="pass-Word-1")
    Staff.objects.create(user=user, body=state_body, role="hr")
    return user


def candidate(username: str, last: str, first: str, patronymic: str = "", **person: Any) -> Person:
    user = User.objects.create_user(username, password="pass-Word-1")
    defaults = {"citizenship": "RU", "birth_date": dt.date(1985, 5, 5)}
    defaults.update(person)
    p = Person.objects.create(
        user=user, last_name=last, first_name=first, patronymic=patronymic, **defaults
    )
    Questionnaire.objects.create(person=p, education_level="master")
    return p


def km_campaign(
    hr: User, *, announce: dt.date, category: str = "specialists", group: str = "senior"
) -> Campaign:
    staff_body = hr.staff.body
    position = Position.objects.create(
        body=staff_body, title="Главный специалист", category=category, group=group
    )
    campaign = Campaign.objects.create(
        kind="vacancy",
        regulation=services.regulation_load_bundled(code="KM"),
        title="Конкурс на должность главного специалиста",
        body=staff_body,
        position=position,
        vacancies=1,
        conditions="Служебный контракт, нормированный рабочий день.",
        submission="Лично или по почте: г. Кемерово, ул. Примерная, 1, каб. 10, 9:00–17:00.",
        venue="Кемерово, ул. Примерная, 1, зал заседаний.",
        created_by=hr,
    )
    return services.campaign_publish(actor=hr, campaign=campaign, on=announce)


def km_commission(
    hr: User, campaign: Campaign, n_servants: int = 3, n_independent: int = 2
) -> list[Any]:
    commission = services.commission_create(
        actor=hr,
        campaign=campaign,
        rule_id="competition_commission",
        name="Конкурсная комиссия",
        stages=["competition"],
    )
    members = []
    for i in range(n_servants + n_independent):
        user = User.objects.create_user(f"member{i + 1}", password="pass-Word-1")
        role = "chair" if i == 0 else "secretary" if i == 1 else "member"
        members.append(
            services.commission_add_member(
                actor=hr,
                commission=commission,
                user=user,
                full_name=f"Членов Член{i + 1}",
                role=role,
                civil_servant=i < n_servants,
                independent=i >= n_servants,
            )
        )
    return members


def file_bytes(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, io.BytesIO(data).getvalue())
