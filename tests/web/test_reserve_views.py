"""The reserve registry and a member's card on the desk (issue 10): who sees what, filters by
the regulation's titles (BR-1 levels), the term end (BR-2), reads in the audit log, a number of
queries that does not grow with the rows, exclusion (BR-21) and re-inclusion (BR-13) by form."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.selection.models import AuditEvent, Person, ReserveEntry
from tests.documents.world_br import br_documents_world
from tests.web import factories as f

pytestmark = pytest.mark.django_db

# The number of queries of a registry page whatever its rows (session, user, staff, the
# filters' choices, the count, the page, the scores, the audit record and the audit chain's
# head: savepoint, lock, move, insert, release; the menu's count of unread messages; the
# page's overdue development plans, BR-19).
REGISTRY_QUERIES = 18


@pytest.fixture
def br() -> dict[str, Any]:
    w = br_documents_world(timezone.localdate())
    w["garipov"] = ReserveEntry.objects.get(decision=w["decision"], person__last_name="Гарипов")
    w["hr_other"] = f.hr_user(f.body("Министерство финансов"), "hr_other_body")
    w["admin"] = f.admin_user()
    return w


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def at(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    """Make ``day`` today for the views (the world's members are included on a day to come)."""
    moment = dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_br1_br2_registry_lists_members_by_titles_with_term_end(br: dict[str, Any]) -> None:
    page = client_for(br["hr"]).get(reverse("desk_reserve"))
    assert page.status_code == 200
    html = page.content.decode()
    entry = br["garipov"]
    assert "Гарипов Ильдар Рустемович" in html
    assert "Высший уровень" in html  # BR-1, by its title
    assert "конкурс на включение в кадровый резерв" in html  # the kind of campaign
    assert entry.until is not None
    assert entry.until.strftime("%d.%m.%Y") in html  # BR-2: three years
    assert str(entry.uid) in html
    assert ">higher<" not in html and "included_in_reserve" not in html
    assert "82" in html  # the rating score of the decision


def test_registry_is_scoped_to_the_hr_officers_body_admins_see_all(br: dict[str, Any]) -> None:
    assert "Гарипов" not in client_for(br["hr_other"]).get(reverse("desk_reserve")).content.decode()
    assert "Гарипов" in client_for(br["admin"]).get(reverse("desk_reserve")).content.decode()
    card = reverse("desk_reserve_member", args=[br["garipov"].uid])
    assert client_for(br["hr_other"]).get(card).status_code == 403
    candidate = br["garipov"].person.user
    assert client_for(candidate).get(reverse("desk_reserve")).status_code == 403
    assert client_for(candidate).get(card).status_code == 403
    assert Client().get(reverse("desk_reserve")).status_code == 302  # to the login


def test_br1_registry_filters_by_level_status_and_term(br: dict[str, Any]) -> None:
    client = client_for(br["hr"])
    html = client.get(reverse("desk_reserve"), {"level": "higher"}).content.decode()
    assert "Гарипов" in html and "Морозов" not in html
    html = client.get(reverse("desk_reserve"), {"status": "excluded"}).content.decode()
    assert "Гарипов" not in html
    entry = br["garipov"]
    assert entry.until is not None
    months = (entry.until.year - timezone.localdate().year) * 12 + 13
    html = client.get(reverse("desk_reserve"), {"months": str(min(months, 120))}).content.decode()
    assert "Гарипов" in html
    html = client.get(reverse("desk_reserve"), {"months": "1"}).content.decode()
    assert "Гарипов" not in html


def test_registry_bad_filter_is_named_at_its_field_never_a_500(br: dict[str, Any]) -> None:
    page = client_for(br["hr"]).get(reverse("desk_reserve"), {"months": "много", "level": "x"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Введите целое число." in html
    assert "Выберите корректный вариант." in html
    assert "Гарипов" in html  # the bad fields filter nothing


def test_registry_and_card_reads_are_audited_without_personal_data(br: dict[str, Any]) -> None:
    client = client_for(br["hr"])
    client.get(reverse("desk_reserve"))
    event = AuditEvent.objects.get(action="reserve.registry_view")
    assert br["garipov"].pk in event.changes["entries"]
    client.get(reverse("desk_reserve_member", args=[br["garipov"].uid]))
    read = AuditEvent.objects.get(action="reserve.view")
    assert read.object_id == str(br["garipov"].pk)
    assert "Гарипов" not in str(event.changes) + str(read.changes)


@pytest.mark.parametrize("extra", [0, 46])
def test_registry_queries_do_not_grow_with_rows(
    br: dict[str, Any], extra: int, django_assert_max_num_queries: Any
) -> None:
    entry = br["garipov"]
    people = Person.objects.bulk_create(
        Person(last_name=f"Резервистов{i}", first_name="Иван") for i in range(extra)
    )
    ReserveEntry.objects.bulk_create(
        ReserveEntry(
            person=p,
            campaign=entry.campaign,
            decision=entry.decision,
            outcome=entry.outcome,
            level="basic",
            included_on=entry.included_on,
            until=entry.until,
        )
        for p in people
    )
    client = client_for(br["hr"])
    client.get(reverse("desk_reserve"))  # warm the session and the regulation cache
    with django_assert_max_num_queries(REGISTRY_QUERIES):
        page = client.get(reverse("desk_reserve"))
    assert page.content.decode().count("/desk/reserve/") >= 4 + extra


def test_br21_card_excludes_on_a_ground_with_its_order(
    br: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = br["garipov"]
    assert entry.included_on is not None
    day = entry.included_on + dt.timedelta(days=40)
    at(monkeypatch, day)
    client = client_for(br["hr"])
    url = reverse("desk_reserve_member", args=[entry.uid])
    html = client.get(url).content.decode()
    assert "По личному заявлению" in html and "own_request" not in html.replace(
        'value="own_request"', ""
    )
    refused = client.post(
        url,
        {"exclude": "1", "exclude-ground": "own_request", "exclude-on": day.isoformat()},
    )
    assert refused.status_code == 200
    assert "Обязательное поле." in refused.content.decode()
    entry.refresh_from_db()
    assert entry.excluded_on is None
    done = client.post(
        url,
        {
            "exclude": "1",
            "exclude-ground": "appointed_to_target_position",
            "exclude-on": day.isoformat(),
            "exclude-basis": "Указ Главы № 100 от " + day.strftime("%d.%m.%Y"),
        },
    )
    assert done.status_code == 302
    entry.refresh_from_db()
    assert entry.excluded_on == day
    html = client.get(url).content.decode()
    assert "Назначение на целевую управленческую должность" in html
    earliest = day.replace(year=day.year + 1).strftime("%d.%m.%Y")
    assert f"Повторное включение возможно не ранее {earliest}" in html
    # BR-13: too early, refused at the field with the date
    refused = client.post(
        url,
        {
            "reinclude": "1",
            "reinclude-on": day.isoformat(),
            "reinclude-basis": "Распоряжение № 2",
            "reinclude-condition_0": "on",
        },
    )
    assert refused.status_code == 200
    assert earliest in refused.content.decode()
    entry.refresh_from_db()
    assert entry.excluded_on == day


def test_br21_exclusion_is_in_the_campaigns_audit_log_by_the_grounds_title(
    br: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rezerv.selection.reserve_acts import reserve_exclude

    entry = br["garipov"]
    assert entry.included_on is not None
    day = entry.included_on + dt.timedelta(days=5)
    reserve_exclude(
        actor=br["hr"],
        entry=entry,
        ground_id="false_information",
        on=day,
        basis="Протокол № 7",
        today=day,
    )
    html = client_for(br["hr"]).get(reverse("desk_audit", args=[entry.campaign.uid]))
    text = html.content.decode()
    assert "исключение из резерва" in text
    assert "Предоставление недостоверных сведений при включении в резерв" in text
    assert "false_information" not in text
