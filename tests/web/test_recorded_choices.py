"""Issue 9 §2: a territory chosen from records (``choices_from: campaign``), AK-7.

AK ranks and caps the akims of pre-selection per district («не более 3 акимов от района»). The
district is one of the values HR records for the campaign at the desk; the form offers them and
a typed value is refused, so «Бурабайский район» and «Бурабайский  район» are never ranked or
capped apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from rezerv.selection import bulk, campaign_positions, readiness, services
from rezerv.selection.models import Application, AuditEvent
from tests.web import factories as f
from tests.web.test_procedures import (
    AK_DOCS,
    P_CRITERIA,
    _quick,  # noqa: F401 (the fixture)
    admit_web,
    ak_facts,
    application,
    apply_web,
    ballot,
    campaign,
    commission,
    evaluate,
    login,
    person,
    row,
    voting,
)

pytestmark = pytest.mark.django_db

BURABAY = "Бурабайский район"
TSELINOGRAD = "Целиноградский район"


@pytest.fixture
def ak() -> dict[str, Any]:
    """An AK contest announced three days ago, no district recorded yet."""
    hr_user = f.hr_user(f.body("Агентство РК по делам государственной службы"), "hr_ak")
    camp = campaign(
        hr_user, "AK", kind="contest", announce=timezone.localdate() - dt.timedelta(days=3)
    )
    return {"hr": hr_user, "campaign": camp}


def record(hr: Any, camp: Any, value: str) -> Any:
    camp.refresh_from_db()
    return hr.post(
        reverse("desk_campaign", args=[camp.uid]),
        {"add_choice": "1", "recorded-1-value": value, "recorded-1-version": camp.version},
    )


def test_ak7_issue9_the_desk_records_districts_and_the_form_offers_them(
    ak: dict[str, Any],
) -> None:
    camp = ak["campaign"]
    assert "recorded_choices" in [i.code for i in readiness.readiness(camp)]
    hr = login("hr_ak")
    desk = reverse("desk_campaign", args=[camp.uid])
    page = hr.get(desk).content.decode()
    assert '<h2 id="recorded-1">Район</h2>' in page and "Значения не указаны." in page
    version = camp.version
    for value in (f"  {BURABAY} ", TSELINOGRAD):
        assert record(hr, camp, value).status_code == 302
    camp.refresh_from_db()
    assert camp.version == version + 2
    assert campaign_positions.recorded_values(camp, "district") == [BURABAY, TSELINOGRAD]
    assert [
        e.changes for e in AuditEvent.objects.filter(action="campaign.choice_add").order_by("pk")
    ] == [
        {"fact": "Район", "value": BURABAY},
        {"fact": "Район", "value": TSELINOGRAD},
    ]
    assert "recorded_choices" not in [i.code for i in readiness.readiness(camp)]
    # differing only in letter case and spaces: that district, refused at the field
    again = record(hr, camp, "бурабайский   РАЙОН")
    assert again.status_code == 200
    assert f"Значение «{BURABAY}» уже указано." in again.content.decode()
    assert campaign_positions.recorded_values(camp, "district") == [BURABAY, TSELINOGRAD]
    # the candidate chooses from the list
    person("cand", "Акимов", "Ерлан", "", citizenship="KZ", iin="800101300001")
    form = login("cand").get(reverse("apply", args=[camp.uid])).content.decode()
    start = form.index('name="fact_district"')
    select = form[start : form.index("</select>", start)]
    for value in (BURABAY, TSELINOGRAD):
        assert f'<option value="{value}">{value}</option>' in select


def test_ak7_issue9_a_typed_district_is_refused_at_the_field(ak: dict[str, Any]) -> None:
    camp = ak["campaign"]
    record(login("hr_ak"), camp, BURABAY)
    typed = ak_facts("akmola", "Бурабайский  район", 1)  # two spaces
    person("typist", "Акимов", "Марат", "", citizenship="KZ", iin="800101300002")
    response = apply_web("typist", camp, typed, AK_DOCS)
    assert response.status_code == 200
    assert (
        "Выберите одно из значений, указанных кадровой службой для этой кампании."
        in response.content.decode()
    )
    assert not Application.objects.exists()
    # the service the API submits through refuses it at the fact's field too
    with pytest.raises(services.ServiceError) as caught:
        services.application_submit(
            actor=None,
            campaign=camp,
            person=person("api", "Акимов", "Арман", "", citizenship="KZ", iin="800101300003"),
            route="default",
            facts=typed,
            consent_text="согласие",
            consent_given=True,
            files={},
        )
    assert caught.value.field == "district"
    assert "выберите одно из значений" in caught.value.message
    # and the spreadsheet import names the row
    entry = bulk.BulkApplication(
        key=7,
        person=person("sheet", "Акимов", "Нурлан", "", citizenship="KZ", iin="800101300004").pk,
        route="default",
        submitted_at=timezone.now(),
        consent=True,
        facts=typed,
    )
    checked = bulk.application_import_check(camp, [entry])
    assert any(p.key == 7 and "выберите одно из значений" in p.message for p in checked.problems)


def test_ak7_issue9_candidates_of_one_district_are_ranked_and_capped_together(
    ak: dict[str, Any],
) -> None:
    """Four akims choose «Бурабайский район» from the list: one ranking, the fourth is over the
    cap of 3 per district; a district an application names is not removed."""
    camp, hr_user = ak["campaign"], ak["hr"]
    hr = login("hr_ak")
    for value in (BURABAY, TSELINOGRAD):
        record(hr, camp, value)
    akmola = commission(
        hr_user,
        camp,
        rule_id="regional_commission",
        stages=["intake", "preselection", "regional_interview"],
        prefix="akm",
        members=9,
        secretary=True,
        scope="akmola",
    )
    points = {"a1": 9, "a2": 8, "a3": 7, "a4": 6}
    apps = {}
    for k, username in enumerate(points):
        person(username, "Акимов", f"Аким{k}", "", citizenship="KZ", iin=f"8001013001{k:02d}")
        response = apply_web(username, camp, ak_facts("akmola", BURABAY, k), AK_DOCS)
        assert response.status_code == 302, response.content.decode()[-3000:]
        apps[username] = application(camp, username)
        admit_web(hr, apps[username], {"substantiated_complaints": 0, "essay_pages": 3})
    for member in voting(akmola):
        for username, value in points.items():
            ballot(
                member,
                apps[username],
                "preselection",
                "preselection",
                dict.fromkeys(P_CRITERIA, value),
            )
    rows = evaluate(camp)
    pre = {u: row(rows, a)["stages"]["preselection"] for u, a in apps.items()}
    assert {str(p["rated_within"]) for p in pre.values()} == {str({"district": BURABAY})}
    assert [pre[u]["place"] for u in points] == [1, 2, 3, 4]
    assert [pre[u]["outcome"] for u in points] == ["nominee"] * 3 + ["not_selected"]
    # removal: refused while an application names the district, done otherwise
    desk = reverse("desk_campaign", args=[camp.uid])
    named = camp.recorded_choices.get(value=BURABAY)
    unused = camp.recorded_choices.get(value=TSELINOGRAD)
    camp.refresh_from_db()
    refused = hr.post(
        desk, {"remove_choice_of": "1", "remove_choice": named.pk, "version": camp.version}
    )
    assert refused.status_code == 200
    assert "указано в заявлениях кандидатов: снять его нельзя" in refused.content.decode()
    done = hr.post(
        desk, {"remove_choice_of": "1", "remove_choice": unused.pk, "version": camp.version}
    )
    assert done.status_code == 302
    assert campaign_positions.recorded_values(camp, "district") == [BURABAY]
    assert AuditEvent.objects.get(action="campaign.choice_remove").changes == {
        "fact": "Район",
        "value": TSELINOGRAD,
    }
