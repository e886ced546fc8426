"""Retention (C-7, KM-21, BR-18, BR-22, PK-10): the daily job destroys exactly what has reached
the end of the regulation's term — the stored files gone from storage, the personal data no
decision needs erased, what C-6 needs to reproduce the decision kept — and writes the act; a
second run does nothing more."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from rezerv.documents.models import Destruction, DocumentReturn, RetentionAct
from rezerv.documents.retention import run_retention
from rezerv.engine.deadlines import add_term
from rezerv.notifications.scheduler import run_daily
from rezerv.selection.models import AuditEvent, Decision, Document, Person, Questionnaire
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _world() -> dict[str, Any]:
    today = timezone.localdate()
    world = f.km_world(today)
    campaign = world["campaign"]
    end = today - dt.timedelta(days=1)
    campaign.events = {**campaign.events, "competition_end": end.isoformat()}
    campaign.save(update_fields=["events"])
    reg = campaign.regulation.load().regulation
    ret = next(r for r in reg.retention if r.covers == "candidates")
    assert ret.term is not None
    world["until"] = add_term(end, ret.term)
    return world


def test_km21_c7_destroys_the_documents_of_the_candidate_not_appointed_on_the_term_day_once() -> (
    None
):
    world = _world()
    other = world["other_application"]
    winner = world["application"]
    person = Person.objects.get(pk=other.person_id)
    Questionnaire.objects.get_or_create(person=person, defaults={"publications": "Статья"})
    Person.objects.filter(pk=person.pk).update(phone="+7 900 000-00-00", address="г. Кемерово")
    files = [d.file.name for d in Document.objects.filter(application=other)]
    kept_files = [d.file.name for d in Document.objects.filter(application=winner)]
    assert files and all(default_storage.exists(n) for n in files)
    decision_before = Decision.objects.get(pk=world["decision"].pk).result

    # one day before the term: nothing
    assert run_retention(world["until"] - dt.timedelta(days=1)) == 0
    assert not RetentionAct.objects.exists()
    assert all(default_storage.exists(n) for n in files)

    assert run_retention(world["until"]) == 1
    act = RetentionAct.objects.get()
    # the files are gone from storage, not only unlinked
    assert not any(default_storage.exists(n) for n in files)
    assert not Document.objects.filter(application=other).exists()
    # the winner's documents go to the personal file (keep_outcomes): untouched
    assert all(default_storage.exists(n) for n in kept_files)
    assert Document.objects.filter(application=winner).count() == len(kept_files)
    # personal data erased; the name, the facts and the decision kept (C-6)
    person.refresh_from_db()
    assert (person.phone, person.address, person.birth_date) == ("", "", None)
    assert not Questionnaire.objects.filter(person=person).exists()
    assert person.last_name == "Петрова"
    other.refresh_from_db()
    assert other.facts
    assert Decision.objects.get(pk=world["decision"].pk).result == decision_before
    # the act: what, whose, on what ground, by which job, when; kept as a PDF
    assert act.day == world["until"] and act.job == "retention" and act.performed_by is None
    assert "п. 4.17" in act.ground
    [item] = act.items
    assert item["name"] == "Петрова Мария Сергеевна"
    assert item["application"] == other.code
    assert len(item["files"]) == len(files)
    assert "phone" in item["erased"]
    assert act.file.name and default_storage.open(act.file.name).read(5) == b"%PDF-"
    assert AuditEvent.objects.filter(action="retention.destroy").count() == 1

    # twice: nothing more
    assert run_retention(world["until"]) == 0
    assert run_retention(world["until"] + dt.timedelta(days=400)) == 0
    assert RetentionAct.objects.count() == 1
    assert Destruction.objects.count() == 1


def test_c7_retention_is_a_daily_job_run_once_a_day() -> None:
    world = _world()
    assert run_daily(world["until"])["retention"] == 1
    assert "retention" not in run_daily(world["until"])
    assert RetentionAct.objects.count() == 1


def test_km21_pk10_documents_returned_against_signature_are_recorded_and_listed_in_the_act(
    client: Any,
) -> None:
    world = _world()
    other = world["other_application"]
    hr = world["users"]["hr"]
    client.force_login(hr)
    url = f"/desk/a/{other.uid}/"
    page = client.get(url)
    assert page.status_code == 200 and "record_return" in page.content.decode()
    ids = [d.pk for d in Document.objects.filter(application=other, superseded_at__isnull=True)]
    form = {
        "record_return": "1",
        "documents": [str(i) for i in ids[:2]],
        "received_by": "Петрова Мария Сергеевна",
        "signed": "on",
    }
    # a day to come: refused at the field, nothing recorded
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    bad = client.post(url, {**form, "returned_on": future})
    assert bad.status_code == 200
    assert "позже сегодняшнего дня" in bad.content.decode()
    assert not DocumentReturn.objects.exists()
    done = client.post(url, {**form, "returned_on": timezone.localdate().isoformat()})
    assert done.status_code == 302
    record = DocumentReturn.objects.get()
    assert record.signed and record.received_by == "Петрова Мария Сергеевна"
    assert len(record.documents) == 2 and record.recorded_by == hr
    assert AuditEvent.objects.filter(action="documents.return").count() == 1
    assert "под роспись" in client.get(url).content.decode()

    # at the term the rest is destroyed; the act records the return
    assert run_retention(world["until"]) == 1
    act = RetentionAct.objects.get()
    assert act.items[0]["returned"][0]["signed"] is True
    # nothing left to return
    again = client.post(url, {**form, "returned_on": timezone.localdate().isoformat()})
    assert again.status_code == 200 and DocumentReturn.objects.count() == 1

    # the acts' page for HR, with the kept PDF
    listing = client.get("/documents/retention/")
    assert listing.status_code == 200
    assert world["campaign"].title in listing.content.decode()
    pdf = client.get(f"/documents/retention/{act.uid}.pdf")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content)[:5] == b"%PDF-"
    assert AuditEvent.objects.filter(action="retention.act_view").count() == 1


def test_br22_files_of_excluded_members_are_destroyed_a_term_after_each_exclusion() -> None:
    """BR-22: counted from the day each member was excluded; members in the reserve are kept."""
    from rezerv.documents.retention import due_for
    from rezerv.engine.schema import Retention, Term
    from rezerv.selection.models import ReserveEntry

    world = f.km_world(timezone.localdate())
    campaign = world["campaign"]
    excluded_on = dt.date(2026, 3, 10)
    for app, out in ((world["other_application"], excluded_on), (world["application"], None)):
        ReserveEntry.objects.create(
            person=app.person,
            campaign=campaign,
            decision=world["decision"],
            outcome="recommended_for_reserve",
            included_on=dt.date(2026, 1, 10),
            excluded_on=out,
        )
    ret = Retention.model_validate(
        {
            "id": "excluded_member_files",
            "what": "Личные дела исключённых",
            "term": {"years": 1},
            "then": "destroy",
            "after": "exclusion",
            "covers": "excluded_members",
            "rules": ["BR-22"],
        }
    )
    assert ret.term == Term(years=1)
    assert due_for(campaign, ret, dt.date(2027, 3, 9)) == []
    [due] = due_for(campaign, ret, dt.date(2027, 3, 10))
    assert due.application == world["other_application"] and due.until == dt.date(2027, 3, 10)
