"""C-2: the refusal text the HR desk proposes is the candidate's (it is recorded, shown on the
candidate's page and read by the letters). A regulation that words its clauses (``clauses``)
has them cited there as its letters cite them; a rule without a clause is not cited at all:
the candidate never reads a rule ID."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.engine.loader import bundled_path
from rezerv.selection import selectors
from rezerv.selection.models import Campaign
from rezerv.selection.services import regulation_store
from tests.web import factories as f

pytestmark = pytest.mark.django_db

CLAUSES = {"KM-1": "п. 2.1 Методики", "KM-6": "п. 3.3 Методики"}
GROUND = "Не выполнено требование: соответствие квалификационным требованиям к должности"


def with_clauses(code: str) -> str:
    """The KM file under another code, with how its letters cite the clauses."""
    text = bundled_path("KM").read_text("utf-8").replace("\ncode: KM\n", f"\ncode: {code}\n", 1)
    lines = "".join(f'  {rule}: "{clause}"\n' for rule, clause in CLAUSES.items())
    return f"{text}\nclauses:\n{lines}"


def refused(clauses: bool) -> tuple[Client, Any]:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    if clauses:
        version = regulation_store(code="ZQ", text=with_clauses("ZQ"))
        Campaign.objects.filter(pk=campaign.pk).update(regulation=version)
        campaign.refresh_from_db()
    person = f.candidate("unfit", "Неподходящий", "Иван", "Иванович")
    application = f.km_application(
        campaign, person, admit=False, facts={"meets_qualification": False}
    )
    client = Client()
    assert client.login(username="hr", password=f.PASSWORD)
    return client, application


def proposed(client: Client, application: Any) -> str:
    page = client.get(reverse("desk_application", args=[application.uid])).content.decode()
    found = re.search(r'<textarea name="refusal_text"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, page
    return html.unescape(found.group(1))


def test_c2_refusal_text_cites_the_regulations_clauses_not_rule_ids() -> None:
    client, application = refused(clauses=True)
    text = proposed(client, application)
    assert f"1. {GROUND} (п. 2.1 Методики; п. 3.3 Методики)." in text
    assert "KM-" not in text
    # recorded as proposed, the candidate reads it on their page without a rule ID
    response = client.post(
        reverse("desk_application", args=[application.uid]),
        {"decide": "1", "admit": "0", "refusal_text": text, "version": application.version},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "refused"
    assert "KM-" not in application.refusal_text


def test_c2_refusal_text_of_the_bundled_km_cites_its_clauses_and_no_rule_id() -> None:
    """KM-1 (1.3) failed, a ground for refusal under KM-6 (3.3–3.5)."""
    client, application = refused(clauses=False)
    text = proposed(client, application)
    assert f"1. {GROUND} (п. 1.3 Методики; пп. 3.3–3.5 Методики)." in text
    assert "KM-" not in text and "C-2" not in text


def test_refusal_text_leaves_a_rule_without_a_clause_uncited() -> None:
    reg = regulation_store(code="ZQ", text=with_clauses("ZQ")).load().regulation
    verdict = {
        "refusals": [
            {"code": "requirement_not_met", "params": {"requirement": "условие"}, "rules": ["KM-5"]}
        ]
    }
    text = selectors.refusal_text(verdict, reg)
    assert "1. Не выполнено требование: условие.\n" in text
    assert "KM-5" not in text and "()" not in text
