"""Creating a campaign: one service for the HR desk, the demo and the tests (audit, one
transaction).  The kinds a campaign may be of and the classification its position is asked are
the regulation's (issue 9 §1: ``campaign_kinds``, the facts with ``source: position``)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.selection import regulations, services
from rezerv.selection.models import AuditEvent, Campaign, Position
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def test_campaign_create_with_a_new_position_is_audited() -> None:
    body = f.body()
    hr = f.hr_user(body)
    campaign = services.campaign_create(
        actor=hr,
        regulation_code="KM",
        body=body,
        new_position={
            "title": "Ведущий специалист",
            "facts": {"category": "specialists", "group": "senior"},
        },
        kind="vacancy",
        title="Конкурс на должность ведущего специалиста",
    )
    assert campaign.status == "draft" and campaign.regulation.code == "KM"
    assert campaign.position is not None and campaign.position.body == body
    assert campaign.position.facts == {"category": "specialists", "group": "senior"}
    event = AuditEvent.objects.get(action="campaign.create")
    assert event.actor == hr and event.campaign == campaign


def test_a_position_of_another_body_is_refused_and_nothing_is_stored() -> None:
    body, other = f.body(), f.body("Министерство")
    hr = f.hr_user(body)
    foreign = Position.objects.create(body=other, title="Советник")
    with pytest.raises(services.ServiceError) as info:
        services.campaign_create(
            actor=hr, regulation_code="KM", body=body, position=foreign, kind="vacancy", title="x"
        )
    assert info.value.field == "position"
    assert not Campaign.objects.exists() and not AuditEvent.objects.exists()


def test_unknown_fields_are_a_programming_error() -> None:
    body = f.body()
    with pytest.raises(TypeError, match="status"):
        services.campaign_create(
            actor=f.hr_user(body), regulation_code="KM", body=body, title="x", status="published"
        )


def test_km3_the_kind_is_one_the_regulation_declares() -> None:
    body = f.body()
    hr = f.hr_user(body)
    with pytest.raises(services.ServiceError) as info:
        services.campaign_create(
            actor=hr, regulation_code="KM", body=body, kind="talent_pool", title="x"
        )
    assert info.value.field == "kind"
    assert "«конкурс на включение в кадровый резерв»" in info.value.message
    with pytest.raises(services.ServiceError) as info:
        services.campaign_create(actor=hr, regulation_code="KM", body=body, title="x")
    assert info.value.field == "kind"  # KM has two kinds: one must be chosen
    assert not Campaign.objects.exists()
    # a regulation of one kind takes it when none is named
    tp = services.campaign_create(actor=hr, regulation_code="TP", body=body, title="Пул")
    assert tp.kind == "talent_pool" and tp.kind_title == "отбор в пул талантов"
    draft = services.campaign_create(
        actor=hr, regulation_code="KM", body=body, kind="vacancy", title="y"
    )
    with pytest.raises(services.ServiceError) as info:
        services.campaign_update(
            actor=hr, campaign=draft, expected_version=draft.version, kind="contest"
        )
    assert info.value.field == "kind"
    updated = services.campaign_update(
        actor=hr, campaign=draft, expected_version=draft.version, kind="reserve"
    )
    assert updated.kind_title == "конкурс на включение в кадровый резерв"


def test_km10_the_position_facts_are_the_regulations() -> None:
    body = f.body()
    hr = f.hr_user(body)

    def create(facts: dict[str, object], code: str = "KM") -> Campaign:
        return services.campaign_create(
            actor=hr,
            regulation_code=code,
            body=body,
            new_position={"title": "Специалист", "facts": facts},
            title="x",
            kind="vacancy" if code == "KM" else "",
        )

    with pytest.raises(services.ServiceError) as info:
        create({"category": "chiefs"})
    assert info.value.field == "category" and "«Категория должности»" in info.value.message
    with pytest.raises(services.ServiceError) as info:
        create({"grade": "a"})
    assert info.value.field == "grade"
    # AK's contest fills no position (``position: false``): none is created, nor classified
    with pytest.raises(services.ServiceError) as info:
        create({"category": "leaders"}, "AK")
    assert info.value.field == "position_title"
    assert not Position.objects.exists() and not Campaign.objects.exists()
    assert create({"category": "leaders", "group": ""}).position.facts == {"category": "leaders"}


def page_text(response: object) -> str:
    return re.sub(r"\s+", " ", response.content.decode())  # type: ignore[attr-defined]


def test_the_hr_desk_creates_campaigns_through_the_service() -> None:
    body = f.body()
    hr = f.hr_user(body)
    client = Client()
    client.force_login(hr)
    page = client.post(
        reverse("desk_campaign_new"),
        {
            "regulation_code": "KM",
            "kind": "vacancy",
            "title": "Конкурс на должность консультанта",
            "vacancies": 1,
            "position_title": "Консультант",
            "fact_category": "specialists",
            "fact_group": "senior",
        },
    )
    campaign = Campaign.objects.get()
    assert page.status_code == 302 and page["Location"].endswith(f"{campaign.uid}/")
    assert campaign.position.title == "Консультант" and campaign.created_by == hr
    assert campaign.position.facts == {"category": "specialists", "group": "senior"}
    assert AuditEvent.objects.filter(action="campaign.create", campaign=campaign).count() == 1


def test_km10_the_form_asks_the_regulations_kinds_and_position_facts() -> None:
    """First the regulation; then its kinds and the position facts it declares, by their titles
    and with its options; a regulation without position facts asks no classification."""
    client = Client()
    client.force_login(f.hr_user(f.body()))
    first = client.get(reverse("desk_campaign_new"))
    assert first.context["choice"] is not None and 'name="kind"' not in page_text(first)
    km = client.get(reverse("desk_campaign_new"), {"regulation_code": "KM"})
    form = km.context["form"]
    assert list(form.fields["kind"].choices) == [
        ("vacancy", "конкурс на замещение вакантной должности"),
        ("reserve", "конкурс на включение в кадровый резерв"),
    ]
    assert form.fields["fact_category"].label == "Категория должности"
    assert ("supporting", "обеспечивающие специалисты") in form.fields["fact_category"].choices
    assert form.fields["fact_group"].label == "Группа должностей"
    html = page_text(km)
    assert "обеспечивающие специалисты" in html and "Группа должностей" in html
    tp = client.get(reverse("desk_campaign_new"), {"regulation_code": "TP"}).context["form"]
    assert list(tp.fields["kind"].choices) == [("talent_pool", "отбор в пул талантов")]
    assert not [name for name in tp.fields if name.startswith("fact_")]
    unknown = client.get(reverse("desk_campaign_new"), {"regulation_code": "ZZ"})
    assert unknown.context["choice"].errors["regulation_code"]


def test_the_form_asks_what_the_campaign_will_take_when_the_bundled_file_changed() -> None:
    """A stored older text of KM without kinds is not what a new campaign takes: the bundled
    file is (regulation_for_new_campaign), so the form asks its kinds."""
    old = regulations.bundled_path("KM").read_text("utf-8")
    old = old.split("campaign_kinds:")[0] + "events:" + old.split("\nevents:", 1)[1]
    services.regulation_store(code="KM", text=old, effective_from=services.BUNDLED_EFFECTIVE)
    reg = regulations.new_campaign_regulation("KM", timezone.localdate())
    assert reg is not None and [k.id for k in reg.kinds()] == ["vacancy", "reserve"]


def create_through_the_form(client: Client, data: dict[str, object]) -> Campaign:
    page = client.post(reverse("desk_campaign_new"), data)
    assert page.status_code == 302, page.context["form"].errors
    return Campaign.objects.get(uid=page["Location"].rstrip("/").rsplit("/", 1)[-1])


def test_km10_km4_the_position_chosen_in_the_form_drives_the_methods_and_the_announcement() -> None:
    """KM-10: the methods follow the category and group given with the position; KM-4: the
    announcement states the position with its classification, by the regulation's titles."""
    client = Client()
    client.force_login(f.hr_user(f.body()))
    base = {"regulation_code": "KM", "kind": "vacancy", "vacancies": 1}
    leaders = create_through_the_form(
        client,
        {
            **base,
            "title": "Конкурс на должность начальника отдела",
            "position_title": "Начальник отдела",
            "fact_category": "leaders",
            "fact_group": "main",
        },
    )
    junior = create_through_the_form(
        client,
        {
            **base,
            "title": "Конкурс на должность специалиста 1 разряда",
            "position_title": "Специалист 1 разряда",
            "fact_category": "supporting",
            "fact_group": "junior",
        },
    )
    announced = page_text(client.get(reverse("announcement", args=[leaders.uid])))
    assert (
        "Начальник отдела — группа должностей: «главная»; категория должности: «руководители»"
        in announced
    )
    assert "Конкурс на замещение вакантной должности" in announced
    assert "Групповая дискуссия" in announced and "Написание реферата" in announced
    other = page_text(client.get(reverse("announcement", args=[junior.uid])))
    assert "категория должности: «обеспечивающие специалисты»" in other
    # the junior supporting posts: the test and the interview only (KM-10)
    assert "Групповая дискуссия" not in other and "Написание реферата" not in other
    for ident in ("leaders", "supporting", "junior", "vacancy"):
        assert ident not in announced.split("<main", 1)[-1].split("</main>")[0]


def custom_km_text() -> str:
    """KM's text as another procedure (RG): kinds of its own ids and titles, no position facts
    (so no method sets: every campaign uses the stage's methods)."""
    text = regulations.bundled_path("KM").read_text("utf-8").replace("code: KM\n", "code: RG\n")
    text = re.sub(r"  - \{id: (group|category), title: [^\n]*source: position[^\n]*\n", "", text)
    text = re.sub(r"    method_sets:\n(?:      [^\n]*\n)+", "", text)
    kinds = {
        "{id: vacancy, title: конкурс на замещение вакантной должности,": (
            "{id: post, title: конкурс на должность,"
        ),
        "{id: reserve, title: конкурс на включение в кадровый резерв, for_reserve: true,": (
            "{id: pool, title: конкурс в резерв группы должностей, for_reserve: true,"
        ),
    }
    for old, new in kinds.items():
        assert old in text
        text = text.replace(old, new)
    return text


def test_km3_a_custom_regulation_with_its_own_kinds_and_no_position_facts_works_in_the_form() -> (
    None
):
    from rezerv.documents.common import campaign_context

    services.regulation_store(code="RG", text=custom_km_text(), effective_from=timezone.localdate())
    client = Client()
    client.force_login(f.hr_user(f.body()))
    first = page_text(client.get(reverse("desk_campaign_new")))
    assert "RG — " in first
    form = client.get(reverse("desk_campaign_new"), {"regulation_code": "RG"}).context["form"]
    assert list(form.fields["kind"].choices) == [
        ("post", "конкурс на должность"),
        ("pool", "конкурс в резерв группы должностей"),
    ]
    assert not [name for name in form.fields if name.startswith("fact_")]  # no classification
    refused = client.post(
        reverse("desk_campaign_new"),
        {"regulation_code": "RG", "kind": "reserve", "title": "Резерв", "vacancies": 1},
    )
    assert refused.status_code == 200 and refused.context["form"].errors["kind"]
    campaign = create_through_the_form(
        client,
        {
            "regulation_code": "RG",
            "kind": "pool",
            "title": "Конкурс в кадровый резерв",
            "vacancies": 2,
            "position_title": "Ведущий специалист",
        },
    )
    assert campaign.regulation.code == "RG" and campaign.kind == "pool"
    assert campaign.position is not None and campaign.position.facts == {}
    desk = page_text(client.get(reverse("desk_campaign", args=[campaign.uid])))
    assert "Конкурс в резерв группы должностей · регламент RG" in desk
    announced = page_text(client.get(reverse("announcement", args=[campaign.uid])))
    assert "Ведущий специалист. Вакансий: 2." in announced
    assert "Групповая дискуссия" in announced  # the stage's own methods, no method set
    # documents read the declaration: a competition for the reserve, its winners included
    context = campaign_context(campaign)
    assert context["reserve"] and context["kind_title"] == "конкурс в резерв группы должностей"
    assert context["group"] == ""


def test_ak1_tp2_a_contest_and_a_talent_pool_are_asked_no_position_and_no_vacancies() -> None:
    """AK-1, TP-2: the regulation's kinds declare no position and no vacancies
    (``position: false, vacancies: false``): the form does not ask them; KM's kinds still do."""
    client = Client()
    client.force_login(f.hr_user(f.body()))
    for code in ("AK", "TP"):
        response = client.get(reverse("desk_campaign_new"), {"regulation_code": code})
        fields = response.context["form"].fields
        assert "vacancies" not in fields and "position_title" not in fields
        assert "qualification_requirements" not in fields
        text = page_text(response)
        assert "Число вакансий" not in text and "Наименование должности" not in text
    km = client.get(reverse("desk_campaign_new"), {"regulation_code": "KM"})
    assert {"vacancies", "position_title", "qualification_requirements"} <= set(
        km.context["form"].fields
    )
    assert "Число вакансий" in page_text(km)
    campaign = create_through_the_form(
        client, {"regulation_code": "AK", "kind": "contest", "title": "Лучший сельский аким"}
    )
    assert campaign.position is None and campaign.vacancies == 1


def test_ak1_the_service_refuses_a_position_or_vacancies_for_a_contest() -> None:
    body = f.body()
    hr = f.hr_user(body)
    with pytest.raises(services.ServiceError) as info:
        services.campaign_create(
            actor=hr, regulation_code="AK", body=body, title="Конкурс", vacancies=3
        )
    assert info.value.field == "vacancies" and "«конкурс» нет вакансий" in info.value.message
    with pytest.raises(services.ServiceError) as info:
        services.campaign_create(
            actor=hr,
            regulation_code="AK",
            body=body,
            title="Конкурс",
            new_position={"title": "Аким", "facts": {}},
        )
    assert info.value.field == "position_title"
    assert not Campaign.objects.exists() and not Position.objects.exists()


def test_km3_kinds_that_differ_are_checked_against_the_kind_chosen() -> None:
    """A regulation whose competition for the reserve has no vacancies (``vacancies: false``)
    and whose competition for a post has: the form asks the number, needs it for the post and
    keeps none for the reserve."""
    text = custom_km_text().replace(
        "{id: pool, title: конкурс в резерв группы должностей, for_reserve: true,",
        "{id: pool, title: конкурс в резерв группы должностей, for_reserve: true, "
        "vacancies: false,",
    )
    services.regulation_store(code="RG", text=text, effective_from=timezone.localdate())
    client = Client()
    client.force_login(f.hr_user(f.body()))
    form = client.get(reverse("desk_campaign_new"), {"regulation_code": "RG"}).context["form"]
    assert "vacancies" in form.fields and not form.fields["vacancies"].required
    refused = client.post(
        reverse("desk_campaign_new"),
        {"regulation_code": "RG", "kind": "post", "title": "Конкурс", "vacancies": ""},
    )
    assert refused.status_code == 200
    assert refused.context["form"].errors["vacancies"] == ["Укажите число вакансий."]
    pool = create_through_the_form(
        client,
        {"regulation_code": "RG", "kind": "pool", "title": "Резерв", "vacancies": 5},
    )
    assert pool.vacancies == 1  # a kind without vacancies keeps none (the default)


def test_ak1_a_contest_draft_is_not_given_vacancies_later() -> None:
    body = f.body()
    hr = f.hr_user(body)
    draft = services.campaign_create(actor=hr, regulation_code="AK", body=body, title="Конкурс")
    with pytest.raises(services.ServiceError) as info:
        services.campaign_update(
            actor=hr, campaign=draft, expected_version=draft.version, vacancies=4
        )
    assert info.value.field == "vacancies"
    draft.refresh_from_db()
    assert draft.vacancies == 1 and draft.version == 1
