"""C-2: the letter refusing a citizen cites the clauses of the regulation («п. 3.2 Методики»),
never a rule ID — the KM form of refusal (KM-6, 3.5) and, in every procedure, the refusal text
the HR desk proposes, records and the candidate reads (AK-6, BR-11, PK-5, TP-4)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from django.utils.translation import override

from rezerv.documents import registry
from rezerv.documents.access import DocumentRef
from rezerv.documents.services import document_render
from rezerv.engine.case import check_case, parse_case
from rezerv.engine.evaluate import evaluate
from rezerv.engine.loader import load_regulation
from rezerv.selection import services
from rezerv.selection.selectors import CONSENT_TEXT, questionnaire_facts, refusal_text
from tests.engine.test_clauses import EXAMPLES, _rows
from tests.web import factories as f

RULE_CODE = re.compile(r"\b(C|KM|AK|BR|PK|TP)-\d+\b")


@pytest.mark.django_db
def test_km6_refusal_letter_cites_the_clauses_of_the_missing_document(docx: Any) -> None:
    """KM-5 (3.2, appendix 1) and KM-6 (3.3–3.5): a missing document, in the letter's words."""
    today = timezone.localdate()
    hr = f.hr_user(f.body(), "hr_clauses")
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    person = f.candidate("noworkrec", "Иванов", "Иван", "Иванович")
    app = services.application_submit(
        actor=person.user,
        campaign=campaign,
        person=person,
        route="default",
        facts={**questionnaire_facts(person, campaign.regulation.load().regulation), **f.KM_FACTS},
        consent_text=CONSENT_TEXT,
        consent_given=True,
        files={d: f.pdf(f"{d}.pdf") for d in f.KM_DOCS if d != "work_record"},
    )
    type(app).objects.filter(pk=app.pk).update(status="refused", refusal_text="")
    app.refresh_from_db()
    spec = registry.get("km_refusal")
    assert spec is not None
    doc = docx(document_render(actor=hr, ref=DocumentRef(spec, app), fmt="docx").content)
    reasons = [p for p in doc.paragraphs if p.startswith("1. ")]
    assert reasons and "трудовой книжки" in reasons[0]
    assert reasons[0].endswith(
        "(п. 3.2 Методики, приложение № 1 к Методике; пп. 3.3–3.5 Методики)."
    ), reasons[0]
    assert not RULE_CODE.search(doc.text)


@pytest.mark.parametrize(
    ("code", "clause"),
    [
        ("KM", "п. 1.3 Методики; пп. 3.3–3.5 Методики"),
        ("AK", "п. 6 Методических рекомендаций; пп. 10–11 Методических рекомендаций"),
        ("BR", "п. 3.6 Порядка; п. 3.10 Порядка"),
        ("PK", "(п. 2.1 Положения)"),
        ("TP", "(п. 9 Методических рекомендаций)"),
    ],
)
def test_c2_refusal_text_of_each_procedure_cites_its_clauses(code: str, clause: str) -> None:
    """The refusals of each procedure's example case (KM-1, AK-3, BR-6, PK-1, TP-3), as the
    desk proposes the letter: the clauses of the regulation, never a rule ID."""
    loaded = load_regulation(code)
    path = EXAMPLES / f"{code.lower()}.json"
    case = parse_case(path.read_bytes(), str(path))
    check_case(loaded.regulation, case, str(path))
    rows = _rows(evaluate(loaded, case, str(path)))
    with override("ru"):
        letters = [refusal_text(row, loaded.regulation) for row in rows]
    assert letters
    assert any(clause in letter for letter in letters), letters
    for letter in letters:
        assert not RULE_CODE.search(letter), letter
