"""Facts are declared once, in the regulation (issue "One path for every rule", item 2).

The questionnaire keeps the person's biography; the facts an application takes over from it are
exactly the regulation's ``source: questionnaire`` facts: the person's own attributes
(citizenship, birth date, IIN) where the regulation declares them, and any other one asked with
the application, pre-filled with the earlier answer and kept in the questionnaire.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.engine.loader import bundled_path, load_regulation
from rezerv.selection import regulations, selectors, services
from rezerv.selection.models import Application, AuditEvent, Campaign, Questionnaire
from tests.engine.casebuild import KM_DOCS
from tests.web import factories as f

pytestmark = pytest.mark.django_db

BIRTH_LINE = "  - {id: birth_date, title: Дата рождения, type: date, source: questionnaire"
RANK = (
    "  - {id: military_rank, title: Воинское звание (при наличии), type: text, "
    "source: questionnaire, rules: [KM-1]}\n"
)


def region_text() -> str:
    """KM under another code with one more questionnaire fact that no person field holds."""
    lines = bundled_path("KM").read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith(BIRTH_LINE))
    lines.insert(at + 1, RANK)
    return "".join(lines).replace("code: KM\n", "code: QF\n", 1)


def region_campaign(hr: Any, title: str) -> Campaign:
    campaign = services.campaign_create(
        actor=hr,
        regulation_code="QF",
        kind="vacancy",
        title=title,
        body=hr.staff.body,
        announcement={"conditions": "—", "submission": "—", "venue": "—"},
    )
    return services.campaign_publish(
        actor=hr, campaign=campaign, on=timezone.localdate() - dt.timedelta(days=1)
    )


@pytest.fixture
def world() -> dict[str, Any]:
    admin = f.admin_user()
    hr = f.hr_user(f.body())
    version = regulations.regulation_upload(
        actor=admin, raw=region_text().encode(), filename="qf.yaml"
    ).version
    regulations.regulation_activate(
        actor=admin, version=version, effective_from=timezone.localdate()
    )
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович", iin="850505300120")
    client = Client()
    client.force_login(person.user)
    return {"hr": hr, "person": person, "client": client}


def test_only_the_questionnaire_facts_a_regulation_declares_reach_its_applications() -> None:
    person = f.candidate("ivanov", "Иванов", "Иван", iin="850505300120", citizenship="KZ")
    Questionnaire.objects.filter(person=person).update(
        degrees="кандидат наук", extra={"unrelated": "x"}
    )
    person.refresh_from_db()
    # KM declares citizenship and birth date (KM-1), not the IIN; TP declares citizenship and
    # the IIN (TP-2, TP-3), not the birth date.  Nothing of the biography is a fact.
    assert selectors.questionnaire_facts(person, load_regulation("KM").regulation) == {
        "citizenship": "KZ",
        "birth_date": "1985-05-05",
    }
    assert selectors.questionnaire_facts(person, load_regulation("TP").regulation) == {
        "citizenship": "KZ",
        "iin": "850505300120",
    }
    assert selectors.questionnaire_facts(person, load_regulation("AK").regulation) == {}


def _apply(client: Client, campaign: Campaign, rank: str) -> Any:
    data: dict[str, Any] = {
        "route": "default",
        "fact_military_rank": rank,
        "fact_speaks_russian": "1",
        "fact_liable_for_military_service": "0",
        "consent": "on",
    }
    data.update({f"doc_{doc}": f.pdf(f"{doc}.pdf") for doc in KM_DOCS})
    return client.post(reverse("apply", args=[campaign.uid]), data)


def test_a_declared_questionnaire_fact_is_asked_kept_and_offered_again(
    world: dict[str, Any],
) -> None:
    first = region_campaign(world["hr"], "Конкурс на должность консультанта")
    second = region_campaign(world["hr"], "Конкурс на должность советника")
    client, person = world["client"], world["person"]

    page = client.get(reverse("apply", args=[first.uid])).content.decode()
    assert "Воинское звание (при наличии)" in page
    assert ">military_rank<" not in page  # shown by its title

    response = _apply(client, first, "лейтенант запаса")
    assert response.status_code == 302, response.content.decode()
    application = Application.objects.get(campaign=first, person=person)
    assert application.facts["military_rank"] == "лейтенант запаса"
    q = Questionnaire.objects.get(person=person)
    assert q.extra == {"military_rank": "лейтенант запаса"} and q.version == 2
    event = AuditEvent.objects.get(action="questionnaire.update")
    assert event.changes == {"fields": ["military_rank"], "version": 2}  # names, not values

    again = client.get(reverse("apply", args=[second.uid])).content.decode()
    assert 'value="лейтенант запаса"' in again  # pre-filled from the questionnaire
    response = _apply(client, second, "старший лейтенант запаса")
    assert response.status_code == 302, response.content.decode()
    assert Questionnaire.objects.get(person=person).extra == {
        "military_rank": "старший лейтенант запаса"
    }
    # the first application keeps the fact it was submitted with
    application.refresh_from_db()
    assert application.facts["military_rank"] == "лейтенант запаса"


def test_the_questionnaire_page_asks_no_fixed_fact() -> None:
    person = f.candidate("ivanov", "Иванов", "Иван")
    client = Client()
    client.force_login(person.user)
    page = client.get(reverse("questionnaire")).content.decode()
    for gone in ("education_level", "managerial_years", "service_years", "criminal_record"):
        assert gone not in page
    assert "Учёная степень" in page and "Образование" in page
