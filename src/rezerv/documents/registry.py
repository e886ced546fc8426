"""The forms: one ``FormSpec`` per layout of a document, registered by code.

A regulation says which layouts its campaigns offer and binds each layout's roles to its own ids
(its ``forms:``, ``documents.binding``); a regulation without ``forms:`` gets the generic ones.

A form is about a *subject*:

* ``campaign`` — one document per campaign (a decision, a protocol, a list);
* ``member`` — one per commission member of a campaign (a member's ballot);
* ``application`` — one per application (a refusal, an invitation, a notice, a certificate).

``build`` turns recorded data into the template's context: plain strings, numbers, booleans,
lists and dicts only, already in the Russian document style, so that a DOCX template (Jinja, via
docxtpl) and an HTML template (Django) read the same values.  ``available`` says whether the
document exists yet for the subject (a refusal only for a refused application); ``audience`` says
who besides the campaign's HR officers and administrators may download it (``selection/policy.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast

from rezerv.documents.binding import Role, layouts_used
from rezerv.engine.schema import Regulation
from rezerv.selection.audit import FORM_TITLES

Subject = Literal["campaign", "member", "application"]
Audience = Literal["member", "member_own", "candidate_own"]


@dataclass(frozen=True)
class FormSpec:
    code: str  # "km_decision": the template files are docx/<code>.docx, templates/documents/<code>.html
    family: str  # the set of layouts it belongs to, as the template page groups them: "KM"
    title: str  # Russian title shown in the list of documents
    subject: Subject
    build: Callable[[Any], dict[str, Any]]
    available: Callable[[Any], bool] = lambda subject: True
    audience: frozenset[Audience] = field(default_factory=frozenset)
    appendix: str = ""  # «приложение № 5» of the seed, when the seed gives the form
    slug: str = ""  # ASCII part of the file name; the code when empty
    # A form whose every page is a document of its own (a cycle's certificates) also comes as a
    # ZIP of one PDF per page: ``page_files`` names them (ASCII, no personal data) from the context.
    page_files: Callable[[dict[str, Any]], list[str]] | None = None
    # What the regulation binds for the layout (``forms[].bind``): role → the kind of id it takes.
    roles: Mapping[str, Role] = field(default_factory=dict)

    @property
    def formats(self) -> tuple[str, ...]:
        return ("docx", "pdf", "zip") if self.page_files else ("docx", "pdf")

    def filename(self, subject: Any, fmt: str) -> str:
        """A file name without personal data: the form and an identifier of the subject."""
        return f"{self.slug or self.code}_{subject_tag(self.subject, subject)}.{fmt}"


FORMS: dict[str, FormSpec] = {}


def register(spec: FormSpec) -> FormSpec:
    if spec.code in FORMS and FORMS[spec.code] != spec:
        raise ValueError(f"form {spec.code!r} registered twice")
    FORMS[spec.code] = spec
    FORM_TITLES[spec.code] = spec.title  # the audit log names a downloaded form by its title
    return spec


def get(code: str) -> FormSpec | None:
    return FORMS.get(code)


# The ``family`` of the generic forms (``generic.py``): they serve every regulation that lists no
# layouts of its own (``forms:``), such as one uploaded at the desk.
GENERIC = "*"


def forms_for(reg: Regulation, subject: Subject | None = None) -> list[FormSpec]:
    """The forms of a regulation: the layouts its ``forms:`` lists, else the generic ones."""
    listed = [FORMS[code] for code in layouts_used(reg) if code in FORMS]
    if not reg.forms:
        listed = [spec for spec in FORMS.values() if spec.family == GENERIC]
    return [spec for spec in listed if subject is None or spec.subject == subject]


def applies(spec: FormSpec, reg: Regulation) -> bool:
    """Whether ``spec`` is one of the forms of the regulation ``reg``."""
    return spec in forms_for(reg, spec.subject)


def subject_tag(kind: Subject, subject: Any) -> str:
    if kind == "campaign":
        return str(subject.uid)[:8]
    if kind == "member":
        return f"{str(subject.commission.campaign.uid)[:8]}_m{subject.pk}"
    return str(subject.code)


# --------------------------------------------------------------------------- one rendering's memo

_MEMO = "_document_memo"
_T = TypeVar("_T")


@contextmanager
def rendering_memo(subject: Any) -> Iterator[None]:
    """While one document is checked and built, ``memoized`` keeps what it finds on ``subject``."""
    subject.__dict__[_MEMO] = {}
    try:
        yield
    finally:
        subject.__dict__.pop(_MEMO, None)


def memoized(subject: Any, key: str, find: Callable[[], _T]) -> _T:
    """``find()``, once per rendering of a document about ``subject`` (else every time)."""
    memo = subject.__dict__.get(_MEMO)
    if memo is None:
        return find()
    if key not in memo:
        memo[key] = find()
    return cast(_T, memo[key])
