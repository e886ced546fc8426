"""Shared by the procedures' document tests: a world built once per module and rolled back,
a form rendered as HR, a page fetched as a user."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import transaction
from django.test import Client, override_settings

from rezerv.documents import registry
from rezerv.documents.access import DocumentRef
from rezerv.documents.services import document_render


@contextmanager
def rolled_back(django_db_blocker: Any, media: Path) -> Iterator[None]:
    """Inside: the database (for a module-scoped world), fast password hashes, uploads under
    ``media``; everything written is rolled back on the way out."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=media,
        ),
        transaction.atomic(),
    ):
        try:
            yield
        finally:
            transaction.set_rollback(True)


def ref(code: str, subject: Any) -> DocumentRef:
    spec = registry.get(code)
    assert spec is not None, code
    return DocumentRef(spec, subject)


def render(world: dict[str, Any], code: str, subject: Any, fmt: str) -> bytes:
    """The form about ``subject`` in ``fmt``, downloaded by the world's HR officer."""
    return document_render(actor=world["hr"], ref=ref(code, subject), fmt=fmt).content


def status_of(user: Any, path: str) -> int:
    """The status of ``path`` for ``user`` (anonymous when None); whatever it writes is undone."""
    client = Client()
    if user is not None:
        client.force_login(user)
    with transaction.atomic():
        status = client.get(path).status_code
        transaction.set_rollback(True)
    return int(status)


# --------------------------------------------------------------------------- letters to citizens

RULE_CODE = re.compile(r"(?<![\w-])[A-Z]{1,3}-\d+")

# Every form a candidate can download about their own application (``candidate_own``), and why it
# is read as a citizen's: a rule code means nothing to them (they get «п. 3.3 Методики»).
CITIZEN_FORMS = {
    # letters addressed to the candidate
    "km_refusal": "a letter: the refusal of admission and its grounds",
    "km_invitation": "a letter: the invitation to the second stage",
    "km_results_notice": "a letter: the notice of the results",
    "br_results_notice": "a letter: the notice of the results",
    "tp_certificate": "a certificate issued to the candidate",
    "generic_refusal": "a letter: the refusal of admission (uploaded regulations)",
    "generic_invitation": "a letter: the invitation to the next stage (uploaded regulations)",
    "generic_results_notice": "a letter: the notice of the results (uploaded regulations)",
    # statements the candidate (or their recommender) signs: the citizen reads every word of them
    "ak_application": "the candidate's application, filled in and signed by them",
    "ak_questionnaire": "the candidate's questionnaire, signed by them",
    "br_application": "the candidate's application, signed by them",
    "br_nomination": "the nomination of the candidate, handed to them",
    "br_questionnaire": "the candidate's questionnaire, signed by them",
    "tp_application": "the candidate's application, signed by them",
    "pk_application": "the candidate's application, signed by them",
    "pk_questionnaire": "the candidate's questionnaire, signed by them",
    "pk_consent": "the candidate's consent, signed by them",
    "pk_recommendation": "the recommendation of the candidate, handed to them",
}


def citizen_text(content: bytes, fmt: str) -> str:
    """The whole text of a DOCX (paragraphs, tables, headers and footers) or of a PDF."""
    if fmt == "pdf":
        from pypdf import PdfReader

        return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)
    import docx

    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        for part in (section.header, section.footer):
            parts.extend(p.text for p in part.paragraphs)
    return "\n".join(parts)


def rule_codes_in(content: bytes, fmt: str) -> list[str]:
    """The rule IDs («KM-6», «C-2») a document shows its reader."""
    return RULE_CODE.findall(citizen_text(content, fmt))


def rule_codes_in_letters(
    world: dict[str, Any], applications: list[Any], forms: tuple[str, ...] = ()
) -> list[str]:
    """Every citizen's form (of ``forms`` when given) of ``applications`` that exists, rendered
    in DOCX and PDF by the world's HR officer: the rule IDs each shows, «form.fmt (code): ID»."""
    from rezerv.documents.services import document_available

    found = []
    for application in applications:
        for code in forms or tuple(CITIZEN_FORMS):
            if not document_available(ref(code, application)):
                continue
            for fmt in ("docx", "pdf"):
                content = render(world, code, application, fmt)
                found.extend(
                    f"{code}.{fmt} ({application.code}): {m}" for m in rule_codes_in(content, fmt)
                )
    return found
