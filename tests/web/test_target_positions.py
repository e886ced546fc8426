"""Target positions chosen from records, not typed (issue 9 §2; PK-1, PK-2, PK-7).

PK rates candidates within their target position (``rank_within: [target_position]``), a fact
declared ``choices_from: positions``: HR records the campaign's target positions at the desk,
the application form offers them as a list, a value that is none of them is refused at the
field (the form, the services behind the API and the spreadsheet import), and two candidates
choosing one position are rated together.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from rezerv.engine.errors import InputError
from rezerv.engine.loader import bundled_path, parse_regulation
from rezerv.scenarios.scoring import ballot
from rezerv.selection import bulk, campaign_positions, services
from rezerv.selection.models import Application, AuditEvent, Position
from tests.documents.world_pk import MIDDLE, STRONG
from tests.web import factories as f
from tests.web.test_procedures import (
    PK_DOCS,
    POSITION,
    _quick,  # noqa: F401 (the fixture)
    admit_web,
    application,
    apply_web,
    campaign,
    commission,
    evaluate,
    login,
    on,
    person,
    pk_facts,
    row,
)

pytestmark = pytest.mark.django_db

OTHER = "Ведущий специалист по имущественным и земельным отношениям"


@pytest.fixture
def pk() -> dict[str, Any]:
    """A PK formation announced in January of last year with two target positions."""
    year = timezone.localdate().year - 1
    hr_user = f.hr_user(f.body("Администрация Покровского сельского поселения"), "hr_pk")
    camp = campaign(
        hr_user,
        "PK",
        kind="reserve",
        announce=dt.date(year, 1, 12),
        events={"formation_start": f"{year}-01-12", "intake_end": f"{year}-02-27"},
        target_positions=(POSITION, OTHER),
    )
    return {"year": year, "hr": hr_user, "campaign": camp}


def test_issue9_choices_from_positions_is_only_for_a_text_fact_asked_with_the_application() -> None:
    text = bundled_path("PK").read_text("utf-8")
    assert "type: text, choices_from: positions, source: application" in text
    wrong = text.replace(
        "type: text, choices_from: positions, source: application",
        "type: text, choices_from: positions, source: hr",
    )
    with pytest.raises(InputError) as caught:
        parse_regulation(wrong.encode(), "pk.yaml")
    assert "choices_from" in str(caught.value)


def test_pk2_issue9_the_desk_records_positions_and_the_form_offers_them(
    pk: dict[str, Any],
) -> None:
    camp, year = pk["campaign"], pk["year"]
    # a post of the body spelled otherwise is that post, not a new one
    Position.objects.create(body=camp.body, title="Главный специалист по экономике")
    hr = login("hr_pk")
    desk = reverse("desk_campaign", args=[camp.uid])
    page = hr.get(desk).content.decode()
    assert 'id="target-positions"' in page and OTHER in page
    # the announcement lists them too
    public = hr.get(reverse("announcement", args=[camp.uid])).content.decode()
    assert "Целевые должности" in public and OTHER in public and POSITION in public
    response = hr.post(
        desk,
        {
            "add_position": "1",
            "position-title": "  главный  специалист по экономике ",
            "position-version": camp.version,
        },
    )
    assert response.status_code == 302
    camp.refresh_from_db()
    assert campaign_positions.position_titles(camp) == [
        "Ведущий специалист по имущественным и земельным отношениям",
        "Главный специалист по экономике",
        "Заведующий сектором экономики и финансов",
    ]
    assert Position.objects.filter(body=camp.body).count() == 3
    assert AuditEvent.objects.filter(action="campaign.position_add").count() == 3
    # the same title again is refused at the field, nothing changes
    again = hr.post(
        desk,
        {"add_position": "1", "position-title": POSITION.upper(), "position-version": camp.version},
    )
    assert again.status_code == 200
    assert f"Должность «{POSITION}» уже указана." in again.content.decode()
    # the candidate chooses from a list of the titles
    person("cand", "Кандидатова", "Анна", "Петровна")
    with on(dt.date(year, 1, 20)):
        form = login("cand").get(reverse("apply", args=[camp.uid])).content.decode()
    select = form[
        form.index('name="fact_target_position"') : form.index(
            "</select>", form.index('name="fact_target_position"')
        )
    ]
    for title in campaign_positions.position_titles(camp):
        assert f'<option value="{title}">{title}</option>' in select


def test_pk2_issue9_a_typed_title_is_refused_at_the_field(pk: dict[str, Any]) -> None:
    camp, year = pk["campaign"], pk["year"]
    person("typist", "Наборова", "Вера", "Ильинична")
    typed = pk_facts() | {"target_position": POSITION.lower()}
    with on(dt.date(year, 1, 20)):
        response = apply_web("typist", camp, typed, [*PK_DOCS, "recommendation"])
    assert response.status_code == 200
    assert (
        "Выберите одну из должностей, указанных кадровой службой для этой кампании."
        in response.content.decode()
    )
    assert not Application.objects.exists()
    # the service the API submits through refuses it at the fact's field too
    with on(dt.date(year, 1, 20)), pytest.raises(services.ServiceError) as caught:
        services.application_submit(
            actor=None,
            campaign=camp,
            person=person("api", "Апиева", "Ольга", "Львовна"),
            route="default",
            facts=typed,
            consent_text="согласие",
            consent_given=True,
            files={},
        )
    assert caught.value.field == "target_position"
    assert "выберите одну из должностей" in caught.value.message
    # and the spreadsheet import names the row
    entry = bulk.BulkApplication(
        key=7,
        person=person("sheet", "Листова", "Ирина", "Олеговна").pk,
        route="default",
        submitted_at=timezone.make_aware(dt.datetime(year, 1, 20, 10)),
        consent=True,
        facts=typed,
    )
    checked = bulk.application_import_check(camp, [entry])
    assert any(p.key == 7 and "выберите одну из должностей" in p.message for p in checked.problems)


def test_pk7_issue9_two_candidates_choosing_one_position_are_rated_together(
    pk: dict[str, Any],
) -> None:
    camp, year, hr_user = pk["campaign"], pk["year"], pk["hr"]
    for username in ("first", "second"):
        person(username, "Кандидатов", username, "")
        with on(dt.date(year, 1, 20)):
            response = apply_web(username, camp, pk_facts(), [*PK_DOCS, "recommendation"])
        assert response.status_code == 302, response.content.decode()[-2000:]
    apps = {u: application(camp, u) for u in ("first", "second")}
    assert {a.facts["target_position"] for a in apps.values()} == {POSITION}
    hr = login("hr_pk")
    for username, percent in (("first", 80), ("second", 60)):
        admit_web(hr, apps[username], {"meets_qualification": True, "legal_test_percent": percent})
    members = commission(
        hr_user, camp, rule_id="reserve_commission", stages=["commission"], prefix="tp", members=3
    )
    for member in members:
        ballot(member, apps["first"], "commission", "assessment", STRONG)
        ballot(member, apps["second"], "commission", "assessment", MIDDLE)
    rows = evaluate(camp)
    stages = [row(rows, apps[u])["stages"]["commission"] for u in ("first", "second")]
    assert [s["rated_within"] for s in stages] == [{"target_position": POSITION}] * 2
    assert sorted(s["place"] for s in stages) == [1, 2]  # one rating, not two of one each


def test_pk2_issue9_a_position_named_by_an_application_is_not_removed(pk: dict[str, Any]) -> None:
    camp, year = pk["campaign"], pk["year"]
    person("named", "Кандидатов", "Пётр", "Ильич")
    with on(dt.date(year, 1, 20)):
        assert apply_web("named", camp, pk_facts(), [*PK_DOCS, "recommendation"]).status_code == 302
    hr = login("hr_pk")
    desk = reverse("desk_campaign", args=[camp.uid])
    named = camp.target_positions.get(title=POSITION)
    other = camp.target_positions.get(title=OTHER)
    camp.refresh_from_db()
    refused = hr.post(desk, {"remove_position": named.pk, "version": camp.version})
    assert refused.status_code == 200
    assert "указана в заявлениях кандидатов: снять её нельзя" in refused.content.decode()
    assert hr.post(desk, {"remove_position": other.pk, "version": camp.version}).status_code == 302
    assert campaign_positions.position_titles(camp) == [POSITION]
    assert AuditEvent.objects.get(action="campaign.position_remove").changes == {"post": OTHER}
