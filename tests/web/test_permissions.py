"""The permission matrix: every role against every page and every API endpoint.

One world (``factories.km_world``): a decided KM campaign with an admitted application of the
``owner`` and one of ``other``, a commission (chair, civil-servant member, independent expert),
results, ballots, a meeting and a decision; an open KM campaign and a draft, all of the body of
``hr``; ``hr_other`` works for another body; ``admin`` administers the system.

Every request runs in a savepoint that is rolled back, so a POST in one cell does not change
what the next cell sees.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, get_resolver, resolve
from django.utils import timezone

from rezerv.assessment import services as assessment_services
from rezerv.documents.models import RetentionAct
from rezerv.selection.models import AuditEvent, Ballot, PersonalDataRead, ReserveEntry, Result
from rezerv.selection.reserve_review_models import ReserveReview
from rezerv.selection.reserve_use_models import PlanItem, PlanReport, Vacancy
from rezerv.works.models import Work
from tests.assessment import helpers as assessment_helpers
from tests.web import factories as f

pytestmark = pytest.mark.django_db

ROLES = ("anon", "owner", "other", "hr", "hr_other", "member", "chair", "expert", "admin")

OK, NEW, GO, BAD, NO, NF = 200, 201, 302, 400, 403, 404

# Web pages. GO for the public is the redirect to the login page.
# fmt: off
PAGES: list[tuple[Any, ...]] = [
    # method url                                                 anon  owner  other  hr   hr_other  member  chair  expert  admin
    ("get",  "/",                                                OK,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/c/{campaign}/",                                   OK,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/c/{draft}/",                                      NO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/c/{open}/apply/",                                 GO,   OK,    OK,    NO,  NO,       NO,     NO,    NO,     NO),
    ("get",  "/c/{campaign}/apply/",                             GO,   GO,    GO,    NO,  NO,       NO,     NO,    NO,     NO),
    ("get",  "/c/{draft}/apply/",                                GO,   NO,    NO,    NO,  NO,       NO,     NO,    NO,     NO),
    ("get",  "/accounts/login/",                                 OK,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("post", "/accounts/logout/",                                GO,   GO,    GO,    GO,  GO,       GO,     GO,    GO,     GO),
    ("get",  "/accounts/register/",                              OK,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/accounts/start/",                                 GO,   GO,    GO,    GO,  GO,       GO,     GO,    GO,     GO),
    ("get",  "/accounts/security/",                              GO,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/accounts/password/",                              GO,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/accounts/confirm/",                               GO,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/accounts/email/",                                 GO,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/accounts/second-factor/setup/",                   GO,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/accounts/second-factor/",                         GO,   GO,    GO,    GO,  GO,       GO,     GO,    GO,     GO),
    ("post", "/accounts/second-factor/codes/",                   GO,   GO,    GO,    GO,  GO,       GO,     GO,    GO,     GO),
    ("get",  "/accounts/email/not-a-token/",                     OK,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/me/",                                             GO,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/me/questionnaire/",                               GO,   OK,    OK,    NO,  NO,       NO,     NO,    NO,     NO),
    ("get",  "/me/data/",                                        GO,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/me/data/export.json",                             GO,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/me/data/erase/",                                  GO,   GO,    GO,    GO,  GO,       GO,     GO,    GO,     GO),
    ("post", "/me/data/erase/",                                  GO,   BAD,   BAD,   BAD, BAD,      BAD,    BAD,   BAD,    BAD),
    ("get",  "/a/{application}/",                                GO,   OK,    NO,    OK,  NO,       OK,     OK,    OK,     OK),
    ("post", "/a/{application}/consent/",                        GO,   GO,    NO,    NO,  NO,       NO,     NO,    NO,     NO),
    ("post", "/a/{application}/change/",                         GO,   GO,    NO,    NO,  NO,       NO,     NO,    NO,     NO),
    ("post", "/a/{application}/document/",                       GO,   GO,    NO,    NO,  NO,       NO,     NO,    NO,     NO),
    ("get",  "/a/{application}/withdraw/",                       GO,   OK,    NO,    NO,  NO,       NO,     NO,    NO,     NO),
    ("get",  "/files/{document}/",                               GO,   OK,    NO,    OK,  NO,       OK,     OK,    OK,     OK),
    ("get",  "/desk/",                                           GO,   NO,    NO,    OK,  OK,       NO,     NO,    NO,     OK),
    ("get",  "/desk/new/",                                       GO,   NO,    NO,    OK,  OK,       NO,     NO,    NO,     OK),
    ("get",  "/desk/regulations/",                               GO,   NO,    NO,    NO,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/bodies/",                                    GO,   NO,    NO,    OK,  OK,       NO,     NO,    NO,     OK),
    ("get",  "/desk/bodies/{body}/",                             GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("post", "/desk/bodies/{body}/",                             GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/regulations/upload/",                        GO,   NO,    NO,    NO,  NO,       NO,     NO,    NO,     OK),
    ("post", "/desk/regulations/upload/",                        GO,   NO,    NO,    NO,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/regulations/{regulation}/",                  GO,   NO,    NO,    NO,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/c/{campaign}/",                              GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/c/{draft}/",                                 GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("post", "/desk/c/{draft}/publish/",                         GO,   NO,    NO,    GO,  NO,       NO,     NO,    NO,     GO),
    ("get",  "/desk/c/{draft}/announcement/",                    GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/c/{campaign}/commissions/",                  GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/c/{campaign}/commissions/member/{member}/",  GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/c/{campaign}/results/competition/test/",     GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("post", "/desk/c/{campaign}/close/competition/",            GO,   NO,    NO,    GO,  NO,       NO,     NO,    NO,     GO),
    ("get",  "/desk/c/{campaign}/meeting/competition/",          GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("post", "/desk/c/{campaign}/stage-decision/competition/",   GO,   NO,    NO,    GO,  NO,       NO,     NO,    NO,     GO),
    ("get",  "/desk/c/{campaign}/decision/",                     GO,   NO,    NO,    OK,  NO,       OK,     OK,    OK,     OK),
    ("post", "/desk/c/{campaign}/decision/{decision}/reopen/",   GO,   NO,    NO,    BAD, NO,       NO,     NO,    NO,     BAD),
    ("get",  "/desk/c/{campaign}/audit/",                        GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/c/{campaign}/deadlines/",                    GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/deadlines/",                                 GO,   NO,    NO,    OK,  OK,       NO,     NO,    NO,     OK),
    ("get",  "/documents/retention/",                            GO,   NO,    NO,    OK,  OK,       NO,     NO,    NO,     OK),
    ("get",  "/documents/retention/{act}.pdf",                   GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/c/{campaign}/audit.xlsx",                    GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/a/{application}/",                           GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/m/{meeting}/",                               GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/m/{meeting}/change/",                        GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/reserve/",                                   GO,   NO,    NO,    OK,  OK,       NO,     NO,    NO,     OK),
    ("get",  "/desk/reserve/{reserve_entry}/",                   GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/reserve/{reserve_entry}/plan/",              GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/reserve/vacancies/",                         GO,   NO,    NO,    OK,  OK,       NO,     NO,    NO,     OK),
    ("get",  "/desk/reserve/vacancies/{vacancy}/",               GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/reserve/efficiency/",                        GO,   NO,    NO,    OK,  OK,       NO,     NO,    NO,     OK),
    ("get",  "/desk/reserve/analytics/",                         GO,   NO,    NO,    OK,  OK,       NO,     NO,    NO,     OK),
    ("get",  "/desk/reserve/reviews/",                           GO,   NO,    NO,    OK,  OK,       NO,     NO,    NO,     OK),
    # the world's regulation (KM) declares no yearly review: the campaign's HR get «not found»
    ("get",  "/desk/reserve/reviews/{reserve_review}/",          GO,   NO,    NO,    NF,  NO,       NO,     NO,    NO,     NF),
    # the world's reserve (KM) sets no efficiency indicators: nothing to export
    ("get",  "/desk/reserve/efficiency.xlsx",                    GO,   NO,    NO,    NF,  NF,       NO,     NO,    NO,     NF),
    ("get",  "/reserve/",                                        OK,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/reserve/open-data.csv",                           OK,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/reserve/open-data.json",                          OK,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/me/reserve/",                                     GO,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/reserve/reports/{plan_report}/",                  GO,   NO,    OK,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/commission/",                                     GO,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/commission/c/{campaign}/competition/interview/",  GO,   NO,    NO,    NO,  NO,       OK,     OK,    OK,     NO),
    # online tests (issue 11): banks for HR of their body, sessions for the campaign's HR, the
    # statistics for them and the commission, the test itself for the candidate only
    ("get",  "/desk/banks/",                                     GO,   NO,    NO,    OK,  OK,       NO,     NO,    NO,     OK),
    ("get",  "/desk/banks/{bank}/",                              GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/banks/{bank}/question/",                     GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/banks/{bank}/question/{question}/",          GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/c/{campaign}/tests/",                        GO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/desk/c/{campaign}/tests/{session}/",              GO,   NO,    NO,    OK,  NO,       OK,     OK,    OK,     OK),
    ("get",  "/a/{application}/tests/",                          GO,   OK,    NO,    NO,  NO,       NO,     NO,    NO,     NO),
    ("post", "/a/{application}/tests/{session}/start/",          GO,   GO,    NO,    NO,  NO,       NO,     NO,    NO,     NO),
    ("get",  "/a/{application}/attempt/{attempt}/",              GO,   OK,    NO,    NO,  NO,       NO,     NO,    NO,     NO),
    ("post", "/a/{application}/attempt/{attempt}/answer/",       GO,   BAD,   NO,    NO,  NO,       NO,     NO,    NO,     NO),
    ("get",  "/a/{application}/works/",                          GO,   OK,    NO,    NO,  NO,       NO,     NO,    NO,     NO),
    ("get",  "/works/c/{campaign}/competition/document_draft/",  GO,   NO,    NO,    OK,  NO,       OK,     OK,    OK,     OK),
    ("get",  "/works/file/{work}/",                              GO,   OK,    NO,    OK,  NO,       OK,     OK,    OK,     OK),
]

# API endpoints. The public gets 403 where a login is needed; an object outside a user's scope
# is not found (404); a visible object the role may not act on is forbidden (403).
API: list[tuple[Any, ...]] = [
    # method url                                                       payload        anon  owner  other  hr   hr_other  member  chair  expert  admin
    ("get",  "/api/schema/",                                           None,          OK,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/api/campaigns/",                                        None,          OK,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/api/campaigns/{campaign}/",                             None,          OK,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("get",  "/api/campaigns/{draft}/",                                None,          NF,   NF,    NF,    OK,  NF,       NF,     NF,    NF,     OK),
    ("get",  "/api/campaigns/{campaign}/decisions/",                   None,          NO,   NO,    NO,    OK,  NO,       OK,     OK,    OK,     OK),
    ("get",  "/api/campaigns/{campaign}/results/",                     None,          NO,   NO,    NO,    OK,  NO,       NO,     NO,    NO,     OK),
    ("get",  "/api/applications/",                                     None,          NO,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("post", "/api/applications/",                                     "application", NO,   NEW,   NEW,   NO,  NO,       NO,     NO,    NO,     NO),
    ("get",  "/api/applications/{application}/",                       None,          NO,   OK,    NF,    OK,  NF,       OK,     OK,    OK,     OK),
    ("get",  "/api/applications/{application}/documents/{document}/",  None,          NO,   OK,    NF,    OK,  NF,       OK,     OK,    OK,     OK),
    ("get",  "/api/ballots/",                                          None,          NO,   OK,    OK,    OK,  OK,       OK,     OK,    OK,     OK),
    ("post", "/api/ballots/",                                          "ballot",      NO,   NO,    NO,    NO,  NO,       NEW,    NEW,   NEW,    NO),
    ("get",  "/api/ballots/{chair_ballot}/",                           None,          NO,   NF,    NF,    OK,  NF,       NF,     OK,    NF,     OK),
    ("put",  "/api/ballots/{chair_ballot}/",                           "ballot_put",  NO,   NF,    NF,    NO,  NF,       NF,     OK,    NF,     NO),
    ("get",  "/api/results/",                                          None,          NO,   NO,    NO,    OK,  OK,       NO,     NO,    NO,     OK),
    ("post", "/api/results/",                                          "result",      NO,   NO,    NO,    NEW, BAD,      NO,     NO,    NO,     NEW),
    ("get",  "/api/results/{result}/",                                 None,          NO,   NO,    NO,    OK,  NF,       NO,     NO,    NO,     OK),
]

# How many objects each role finds in the lists (None: the list is refused).
SEEN: list[tuple[Any, ...]] = [
    # url                   anon  owner  other  hr   hr_other  member  chair  expert  admin
    ("/api/campaigns/",     2,    2,     2,     3,   2,        2,      2,     2,      3),
    ("/api/applications/",  None, 1,     1,     2,   0,        2,      2,     2,      2),
    ("/api/ballots/",       None, 0,     0,     10,  0,        2,      2,     2,      10),
    ("/api/results/",       None, None,  None,  4,   0,        None,   None,  None,   4),
]
# fmt: on


@pytest.fixture(scope="module")
def world(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[dict[str, Any]]:
    """Built once for the module inside a transaction that is rolled back at the end."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        ),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = f.reopened_km_world(timezone.localdate())
            # a member of the reserve by the world's decision, for the registry's card (issue 10)
            world["reserve_entry"] = ReserveEntry.objects.create(
                person=world["other_application"].person,
                campaign=world["campaign"],
                decision=world["decision"],
                outcome="recommended_for_reserve",
                included_on=timezone.localdate(),
            )
            # a yearly review of the campaign's reserve (PK-9), by its commission
            world["reserve_review"] = ReserveReview.objects.create(
                campaign=world["campaign"],
                commission=world["meeting"].commission,
                date=timezone.localdate(),
            )
            # a vacancy of the campaign's body and a report with a file on the member's plan
            world["vacancy"] = Vacancy.objects.create(
                body=world["campaign"].body,
                code="BR",
                title="Вакантная должность",
                vacant_since=timezone.localdate(),
            )
            item = PlanItem.objects.create(
                entry=world["reserve_entry"],
                kind="programme",
                title="Программа",
                due=timezone.localdate(),
            )
            report = PlanReport(item=item, text="Сделано", done_on=timezone.localdate())
            report.file.save("r", ContentFile(b"%PDF-1.4 report"), save=False)
            report.content_type = "application/pdf"
            report.save()
            world["plan_report"] = report
            # a question bank, a test session and the owner's attempt (issue 11)
            world["bank"] = assessment_helpers.bank_for(world["users"]["hr"])
            world["test_session"] = assessment_helpers.session(
                {**world, "hr": world["users"]["hr"], "bank": world["bank"]}
            )
            world["attempt"] = assessment_services.attempt_start(
                actor=None, session=world["test_session"], application=world["application"]
            )
            # the owner's written work (KM-23), for the works' pages (issue 11)
            world["work"] = Work.objects.create(
                application=world["application"],
                stage_id="competition",
                method_id="document_draft",
                text="Проект документа.",
                file=ContentFile(b"%PDF-1.4 work", name="work.pdf"),
                format="text",
                measures={"words": 2},
                submitted_at=timezone.now(),
            )
            # an act of destruction of the campaign (C-7), with its kept PDF
            act = RetentionAct(
                campaign=world["campaign"],
                retention_id="candidate_documents",
                ground="Документы кандидатов",
                day=timezone.localdate(),
                job="retention",
            )
            act.file.save("act.pdf", ContentFile(b"%PDF-1.4 act"), save=False)
            act.save()
            world["act"] = act
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def ids(world: dict[str, Any]) -> dict[str, Any]:
    app = world["application"]
    chair = world["members"][0]
    return {
        "campaign": world["campaign"].uid,
        "open": world["open_campaign"].uid,
        "draft": world["draft"].uid,
        "application": app.uid,
        "document": app.documents.order_by("pk").first().pk,
        "meeting": world["meeting"].pk,
        "decision": world["decision"].pk,
        "chair_ballot": Ballot.objects.get(member=chair, application=app, method_id="interview").pk,
        "result": Result.objects.get(application=app, method_id="test").pk,
        "regulation": world["campaign"].regulation_id,
        "body": world["body"].pk,
        "member": chair.pk,
        "reserve_entry": world["reserve_entry"].uid,
        "vacancy": world["vacancy"].uid,
        "reserve_review": world["reserve_review"].uid,
        "plan_report": world["plan_report"].pk,
        "bank": world["bank"].pk,
        "question": world["bank"].questions.first().pk,
        "session": world["test_session"].pk,
        "attempt": world["attempt"].pk,
        "work": world["work"].pk,
        "act": world["act"].uid,
    }


def payload(name: str | None, world: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """(data, extra client arguments) of a write request."""
    app = world["application"]
    if name is None:
        return None, {}
    if name == "application":
        data: dict[str, Any] = {
            "campaign": str(world["open_campaign"].uid),
            "route": "default",
            "consent": "true",
            "fact_speaks_russian": "1",
            "fact_liable_for_military_service": "0",
        }
        data.update({f"doc_{doc}": f.pdf(f"{doc}.pdf") for doc in f.KM_DOCS})
        return data, {}
    if name == "ballot":
        body = {
            "application": str(app.uid),
            "stage_id": "competition",
            "method_id": "survey",
            "points": 7,
        }
    elif name == "ballot_put":
        ballot = Ballot.objects.get(
            member=world["members"][0], application=app, method_id="interview"
        )
        body = {"points": 9, "reason": "", "version": ballot.version}
    elif name == "result":
        body = {
            "application": str(app.uid),
            "stage_id": "competition",
            "method_id": "self_test",
            "passed": True,
        }
    else:  # pragma: no cover - a typo in the table
        raise KeyError(name)
    return json.dumps(body), {"content_type": "application/json"}


def clients(world: dict[str, Any]) -> dict[str, Client]:
    out = {}
    for role in ROLES:
        client = Client()
        user = world["users"][role]
        if user is not None:
            client.force_login(user)
        out[role] = client
    return out


def request(client: Client, method: str, url: str, data: Any = None, **extra: Any) -> Any:
    """One request whose changes are rolled back."""
    with transaction.atomic():
        args = () if data is None else (data,)
        response = getattr(client, method)(url, *args, **extra)
        transaction.set_rollback(True)
    return response


def matrix(
    world: dict[str, Any], method: str, url: str, name: str | None, expected: tuple[int, ...]
) -> None:
    assert len(expected) == len(ROLES), url
    path = url.format(**ids(world))
    by_role = clients(world)
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        data, extra = payload(name, world)
        got = request(by_role[role], method, path, data, **extra).status_code
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
    assert not wrong, f"{method.upper()} {url}: " + "; ".join(wrong)


@pytest.mark.parametrize(
    ("method", "url", "expected"),
    [(row[0], row[1], row[2:]) for row in PAGES],
    ids=[f"{row[0]} {row[1]}" for row in PAGES],
)
def test_page_permission_matrix(
    world: dict[str, Any], method: str, url: str, expected: tuple[int, ...]
) -> None:
    matrix(world, method, url, None, expected)


@pytest.mark.parametrize(
    ("method", "url", "payload_name", "expected"),
    [(row[0], row[1], row[2], row[3:]) for row in API],
    ids=[f"{row[0]} {row[1]}" for row in API],
)
def test_api_permission_matrix(
    world: dict[str, Any],
    method: str,
    url: str,
    payload_name: str | None,
    expected: tuple[int, ...],
) -> None:
    matrix(world, method, url, payload_name, expected)


@pytest.mark.parametrize(
    ("url", "expected"), [(row[0], row[1:]) for row in SEEN], ids=[row[0] for row in SEEN]
)
def test_api_lists_are_scoped_per_role(
    world: dict[str, Any], url: str, expected: tuple[int | None, ...]
) -> None:
    by_role = clients(world)
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        response = by_role[role].get(url)
        got = len(response.json()) if response.status_code == OK else None
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got} ({response.status_code})")
    assert not wrong, f"GET {url}: " + "; ".join(wrong)


def _route_names(patterns: list[Any]) -> set[str]:
    return {p.name for p in patterns if isinstance(p, URLPattern) and p.name}


def test_the_page_matrix_covers_every_page_url(world: dict[str, Any]) -> None:
    values = ids(world)
    covered = {resolve(row[1].format(**values)).url_name for row in PAGES}
    pages = _route_names(get_resolver().url_patterns)
    assert pages - covered == set(), "pages missing from the matrix"


def test_the_api_matrix_covers_every_endpoint_of_the_schema() -> None:
    schema = Client().get("/api/schema/", {"format": "json"}).json()

    def shape(path: str) -> str:
        return re.sub(r"\{[^}]+\}", "{}", path)

    endpoints = {
        (method, shape(path))
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }
    covered = {(row[0], shape(row[1])) for row in API}
    assert endpoints - covered == set(), "API endpoints missing from the matrix"
    assert covered - endpoints == set(), "matrix rows that are not in the schema"


# --------------------------------------------------------------------------- candidates' privacy


def test_candidate_cannot_see_another_candidates_application_or_documents(
    world: dict[str, Any],
) -> None:
    theirs = world["other_application"]
    document = theirs.documents.order_by("pk").first()
    owner = Client()
    owner.force_login(world["users"]["owner"])
    assert owner.get(f"/a/{theirs.uid}/").status_code == NO
    assert owner.get(f"/desk/a/{theirs.uid}/").status_code == NO
    assert owner.get(f"/api/applications/{theirs.uid}/").status_code == NF
    assert owner.get(f"/api/applications/{theirs.uid}/documents/{document.pk}/").status_code == NF
    mine = world["application"]
    # nor reach their document through one's own application
    assert owner.get(f"/api/applications/{mine.uid}/documents/{document.pk}/").status_code == NF
    listed = [a["uid"] for a in owner.get("/api/applications/").json()]
    assert listed == [str(mine.uid)]


def test_reading_an_application_is_counted_without_personal_data(world: dict[str, Any]) -> None:
    """152-FZ: every read by someone other than the candidate is counted per reader, day and
    channel (``selection/reads.py``), apart from the audit log; the candidate's own reads are
    not; the rows hold identifiers only."""
    app = world["application"]
    for role in ("owner", "hr", "member"):
        client = Client()
        client.force_login(world["users"][role])
        for _ in range(2):
            assert client.get(f"/a/{app.uid}/").status_code == OK
            assert client.get(f"/api/applications/{app.uid}/").status_code == OK
    counts = {
        (r.reader.username, r.channel): r.count
        for r in PersonalDataRead.objects.filter(application=app).select_related("reader")
    }
    hr, member = world["users"]["hr"].username, world["users"]["member"].username
    assert counts == {(hr, "web"): 2, (hr, "api"): 2, (member, "web"): 2, (member, "api"): 2}
    assert not AuditEvent.objects.filter(action="application.view").exists()
    fields = {f.name for f in PersonalDataRead._meta.get_fields()}
    assert fields == {
        "id",
        "reader",
        "application",
        "day",
        "channel",
        "count",
        "first_at",
        "last_at",
    }


def test_commission_member_sees_codes_on_anonymous_sheets(world: dict[str, Any]) -> None:
    member = Client()
    member.force_login(world["users"]["member"])
    app = world["application"]
    paper = member.get(f"/api/applications/{app.uid}/", {"method": "paper"}).json()
    interview = member.get(f"/api/applications/{app.uid}/", {"method": "interview"}).json()
    assert paper["anonymous"] is True and paper["full_name"] is None
    assert paper["code"] == app.code
    assert interview["full_name"] == "Иванов Иван Иванович"
    # never contact data, facts or file names
    for shown in (paper, interview):
        assert shown["facts"] is None and shown["refusal_text"] is None
        assert all(d["original_name"] is None for d in shown["documents"])
    assert "112-233-445 95" not in json.dumps(interview, ensure_ascii=False)


# --------------------------------------------------------------------------- one policy, three interfaces

# One table of (permission, object) → allowed per role, decided by ``rezerv.selection.policy``
# and checked through every interface that offers the action: the web pages, the API and the
# documents. The policy's own verdict (``policy.allowed``) is checked against the same row.
Y, N = True, False
# fmt: off
POLICY: list[tuple[Any, ...]] = [
    # permission                          object          anon owner other hr  hr_other member chair expert admin
    ("selection.view_campaign",           "draft",        N,   N,    N,    Y,  N,       N,     N,    N,     Y),
    ("selection.view_campaign",           "campaign",     Y,   Y,    Y,    Y,  Y,       Y,     Y,    Y,     Y),
    ("selection.manage_campaign",         "campaign",     N,   N,    N,    Y,  N,       N,     N,    N,     Y),
    ("selection.view_application",        "application",  N,   Y,    N,    Y,  N,       Y,     Y,    Y,     Y),
    ("selection.view_application_files",  "application",  N,   Y,    N,    Y,  N,       N,     N,    N,     Y),
    ("selection.act_as_candidate",        "application",  N,   Y,    N,    N,  N,       N,     N,    N,     N),
    ("selection.open_upload",             "upload",       N,   Y,    N,    Y,  N,       Y,     Y,    Y,     Y),
    ("selection.view_decisions",          "campaign",     N,   N,    N,    Y,  N,       Y,     Y,    Y,     Y),
    ("selection.view_results",            "campaign",     N,   N,    N,    Y,  N,       N,     N,    N,     Y),
    ("selection.change_ballot",           "chair_ballot", N,   N,    N,    N,  N,       N,     Y,    N,     N),
    ("documents.download",                "decision_doc", N,   N,    N,    Y,  N,       Y,     Y,    Y,     Y),
    ("documents.download",                "ballot_doc",   N,   N,    N,    Y,  N,       N,     Y,    N,     Y),
    ("documents.download",                "notice_doc",   N,   Y,    N,    Y,  N,       N,     N,    N,     Y),
    ("selection.manage_reserve_member",   "reserve_entry", N,  N,    N,    Y,  N,       N,     N,    N,     Y),
    ("selection.manage_vacancy",          "vacancy",      N,   N,    N,    Y,  N,       N,     N,    N,     Y),
    ("selection.report_on_plan",          "reserve_entry", N,  N,    Y,    N,  N,       N,     N,    N,     N),
    ("selection.manage_body",             "body",         N,   N,    N,    Y,  N,       N,     N,    N,     Y),
]
# fmt: on

# How each interface asks the question: (interface, method, url, payload, the answer of "yes").
PROBES: dict[tuple[str, str], list[tuple[str, str, str, str | None, int]]] = {
    ("selection.view_campaign", "draft"): [
        ("web", "get", "/c/{draft}/", None, OK),
        ("api", "get", "/api/campaigns/{draft}/", None, OK),
    ],
    ("selection.view_campaign", "campaign"): [
        ("web", "get", "/c/{campaign}/", None, OK),
        ("api", "get", "/api/campaigns/{campaign}/", None, OK),
    ],
    ("selection.manage_campaign", "campaign"): [
        ("web", "get", "/desk/c/{campaign}/", None, OK),
        ("web", "get", "/desk/a/{application}/", None, OK),
        ("web", "get", "/desk/c/{campaign}/commissions/", None, OK),
    ],
    ("selection.view_application", "application"): [
        ("web", "get", "/a/{application}/", None, OK),
        ("api", "get", "/api/applications/{application}/", None, OK),
        ("documents", "get", "/documents/a/{application}/", None, OK),
    ],
    # every file, replaced ones too (policy.files_visible_to): the world replaces none, so the
    # interfaces are probed in test_api.test_km14_members_open_the_files_in_force_through_the_api
    ("selection.view_application_files", "application"): [],
    ("selection.act_as_candidate", "application"): [
        ("web", "post", "/a/{application}/consent/", None, GO),
    ],
    ("selection.open_upload", "upload"): [
        ("web", "get", "/files/{document}/", None, OK),
        # the application page lists the files the viewer may open (KM-14: members too)
        ("web", "get", "/a/{application}/#files", None, OK),
        ("api", "get", "/api/applications/{application}/documents/{document}/", None, OK),
    ],
    ("selection.view_decisions", "campaign"): [
        ("web", "get", "/desk/c/{campaign}/decision/", None, OK),
        ("api", "get", "/api/campaigns/{campaign}/decisions/", None, OK),
        ("documents", "get", "/documents/c/{campaign}/", None, OK),
    ],
    ("selection.view_results", "campaign"): [
        ("api", "get", "/api/campaigns/{campaign}/results/", None, OK),
    ],
    ("selection.change_ballot", "chair_ballot"): [
        ("api", "put", "/api/ballots/{chair_ballot}/", "ballot_put", OK),
    ],
    ("documents.download", "decision_doc"): [
        ("documents", "get", "/documents/c/{campaign}/km_decision.docx", None, OK),
    ],
    ("documents.download", "ballot_doc"): [
        ("documents", "get", "/documents/m/{chair}/km_ballot.docx", None, OK),
    ],
    ("documents.download", "notice_doc"): [
        ("documents", "get", "/documents/a/{application}/km_invitation.docx", None, OK),
    ],
    ("selection.manage_reserve_member", "reserve_entry"): [
        ("web", "get", "/desk/reserve/{reserve_entry}/", None, OK),
        ("web", "get", "/desk/reserve/{reserve_entry}/plan/", None, OK),
    ],
    ("selection.manage_vacancy", "vacancy"): [
        ("web", "get", "/desk/reserve/vacancies/{vacancy}/", None, OK),
    ],
    # the member's own plan: reports are posted on /me/reserve/ (everyone's page, listing only
    # one's own plans); probed in tests/web/test_reserve_plan_views.py
    ("selection.report_on_plan", "reserve_entry"): [],
    # a state body's document languages (issue 15)
    ("selection.manage_body", "body"): [
        ("web", "get", "/desk/bodies/{body}/", None, OK),
    ],
}


def policy_object(world: dict[str, Any], name: str) -> Any:
    from rezerv.documents import registry
    from rezerv.documents.access import DocumentRef

    app, chair = world["application"], world["members"][0]
    return {
        "draft": world["draft"],
        "campaign": world["campaign"],
        "application": app,
        "upload": app.documents.order_by("pk").first(),
        "chair_ballot": Ballot.objects.get(member=chair, application=app, method_id="interview"),
        "decision_doc": DocumentRef(registry.FORMS["km_decision"], world["campaign"]),
        "ballot_doc": DocumentRef(registry.FORMS["km_ballot"], chair),
        "notice_doc": DocumentRef(registry.FORMS["km_invitation"], app),
        "reserve_entry": world["reserve_entry"],
        "vacancy": world["vacancy"],
        "body": world["body"],
    }[name]


def answered_yes(response: Any, want: int, url: str, world: dict[str, Any]) -> bool:
    if response.status_code != want:
        return False
    if want == GO:  # a redirect to the login page is a "no"
        return "/accounts/login" not in response["Location"]
    if url.endswith("#files"):  # the application page lists the uploaded files
        return (
            world["application"].documents.count() > 0
            and "нет</li>"
            not in (
                response.content.decode().split("<h2>Документы</h2>", 1)[-1].split("</ul>", 1)[0]
            )
        )
    return True


def test_the_policy_table_covers_every_permission_the_policy_declares() -> None:
    from rezerv.selection import policy

    declared = set(policy.PERMISSIONS) - {
        "selection.create_campaign",  # the desk pages and POST /api/results/ above
        "selection.view_campaign_desk",
        "selection.view_audit",
        "selection.score_campaign",
        "documents.manage_templates",
        "selection.manage_regulations",  # the desk's regulation pages above
        "selection.view_reserve",  # the desk's reserve registry above
        "selection.view_bodies",  # the desk's list of state bodies above
        # the notification pages' own matrix: tests/notifications/test_pages.py
        "notifications.view_delivery_log",
        "notifications.view_failed_jobs",
        "notifications.edit_message_templates",
        "notifications.view_deadline_board",  # the deadline pages above
        "notifications.view_deadlines",
        # retention (C-7): the acts' pages above; returns on the desk's application page
        "documents.view_retention_acts",
        "documents.view_retention_act",
        "documents.return_documents",
    }
    assert declared - {row[0] for row in POLICY} == set()
    assert {(row[0], row[1]) for row in POLICY} == set(PROBES)


@pytest.mark.parametrize(
    ("permission", "obj", "expected"),
    [(row[0], row[1], row[2:]) for row in POLICY],
    ids=[f"{row[0]} {row[1]}" for row in POLICY],
)
def test_one_policy_answers_alike_in_web_api_and_documents(
    world: dict[str, Any], permission: str, obj: str, expected: tuple[bool, ...]
) -> None:
    from rezerv.selection import policy

    assert len(expected) == len(ROLES)
    values = {**ids(world), "chair": world["members"][0].pk}
    target = policy_object(world, obj)
    by_role = clients(world)
    wrong = []
    for role, want in zip(ROLES, expected, strict=True):
        user = world["users"][role]
        if policy.allowed(user, permission, target) != want:
            wrong.append(f"{role}: policy says {not want}")
        for interface, method, url, name, yes in PROBES[(permission, obj)]:
            data, extra = payload(name, world)
            response = request(by_role[role], method, url.format(**values), data, **extra)
            if answered_yes(response, yes, url, world) != want:
                wrong.append(f"{role}: {interface} {method.upper()} {url} → {response.status_code}")
    assert not wrong, f"{permission} on {obj}: " + "; ".join(wrong)
