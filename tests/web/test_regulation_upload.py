"""The desk's regulation pages (issue 9): only administrators upload; a bad file is refused at its
field with the line and the place of each problem and changes nothing; a valid one is previewed
against the version in force (the diff of the text and a summary) and activated from a day."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.engine.loader import bundled_path
from rezerv.selection import regulations
from rezerv.selection.models import AuditEvent, RegulationVersion
from tests.selection.test_regulations import broken_line
from tests.web import factories as f

pytestmark = pytest.mark.django_db

KM_TITLE = (
    "Конкурс на замещение вакантной должности гражданской службы и включение в кадровый резерв"
)
RG_TITLE = "Конкурс на замещение должностей гражданской службы Региона"


def km_text() -> str:
    return bundled_path("KM").read_text("utf-8")


def region_text() -> str:
    return km_text().replace("code: KM\n", "code: RG\n").replace(KM_TITLE, RG_TITLE, 1)


def client_of(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def upload(client: Client, text: str, name: str = "regulation.yaml") -> object:
    return client.post(
        reverse("desk_regulation_upload"),
        {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/yaml")},
    )


def page(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


@pytest.fixture
def admin() -> Client:
    return client_of(f.admin_user())


@pytest.mark.parametrize("who", ["candidate", "hr"])
def test_hr_and_candidates_may_not_upload(who: str) -> None:
    user = f.hr_user(f.body()) if who == "hr" else f.candidate("ivanov", "Иванов", "Иван").user
    client = client_of(user)
    version = regulations.regulation_load_bundled(code="KM")
    for url in (
        reverse("desk_regulations"),
        reverse("desk_regulation_upload"),
        reverse("desk_regulation_version", args=[version.pk]),
    ):
        assert client.get(url).status_code == 403
    assert upload(client, region_text()).status_code == 403  # type: ignore[attr-defined]
    response = client.post(
        reverse("desk_regulation_version", args=[version.pk]),
        {"effective_from": timezone.localdate().isoformat()},
    )
    assert response.status_code == 403
    assert not RegulationVersion.objects.filter(code="RG").exists()
    if who == "hr":
        assert reverse("desk_regulations") not in page(client.get(reverse("desk")))


def test_the_list_shows_codes_versions_in_force_and_campaigns(admin: Client) -> None:
    hr = f.hr_user(f.body())
    f.km_campaign(hr, announce=timezone.localdate())
    text = page(admin.get(reverse("desk_regulations")))
    assert f"KM — {KM_TITLE}" in text
    assert "Действует редакция «2018-09-19 № 58-п»." in text
    assert "01.01.2000" in text and "встроенный файл" in text
    km = text[text.index(f"KM — {KM_TITLE}") :]
    km = km[: km.index("</section>")]
    assert "<td>1</td>" in km  # one campaign on the version
    assert reverse("desk_regulations") in page(admin.get(reverse("desk")))


def test_a_bad_file_is_refused_at_its_field_with_the_line(admin: Client) -> None:
    bad = km_text().replace(
        "    commission: competition_commission", "    commission: no_such_body", 1
    )
    response = upload(admin, bad, "bad.yaml")
    assert response.status_code == 200  # type: ignore[attr-defined]
    text = page(response)
    assert (
        f"Файл регламента (YAML): Строка {broken_line()}, поле stages[1].commission: ссылка на "
        "несуществующий объект «no_such_body» (комиссия)"
    ) in text
    assert not RegulationVersion.objects.exists() and not AuditEvent.objects.exists()


def test_pasted_text_is_checked_the_same_way(admin: Client) -> None:
    response = admin.post(
        reverse("desk_regulation_upload"), {"text": "schema_version: 1\ncode: RG\n"}
    )
    text = page(response)
    assert "или текст регламента: Строка 1, поле title: обязательное поле не заполнено" in text
    response = admin.post(reverse("desk_regulation_upload"), {"text": "  "})
    assert "Выберите файл регламента или вставьте его текст." in page(response)
    assert not RegulationVersion.objects.exists()


def test_a_valid_file_is_previewed_with_the_diff_and_activated(admin: Client) -> None:
    regulations.regulation_load_bundled(code="KM")
    newer = km_text().replace("min_percent_of_max: 50", "min_percent_of_max: 60")
    response = upload(admin, newer, "km.yaml")
    version = RegulationVersion.objects.get(code="KM", activations=None)
    assert response["Location"] == reverse("desk_regulation_version", args=[version.pk])  # type: ignore[index]
    preview = page(admin.get(response["Location"]))  # type: ignore[index]
    assert f"KM — {KM_TITLE}" in preview and "загружена, не введена в действие" in preview
    assert "Сравнение с действующей редакцией «2018-09-19 № 58-п»." in preview
    assert "Этапы, сведения и итоги те же" in preview
    assert '<span class="del">-        min_percent_of_max: 50</span>' in preview
    assert '<span class="add">+        min_percent_of_max: 60</span>' in preview
    assert (
        regulations.regulation_in_force("KM") != version
    )  # nothing in force before the confirmation

    today = timezone.localdate()
    refused = admin.post(
        response["Location"],  # type: ignore[index]
        {"effective_from": (today - dt.timedelta(days=1)).isoformat()},
    )
    assert "Вступает в силу с: Дата вступления в силу не может быть раньше" in page(refused)
    done = admin.post(
        response["Location"],  # type: ignore[index]
        {"effective_from": (today + dt.timedelta(days=3)).isoformat()},
        follow=True,
    )
    text = page(done)
    day = (today + dt.timedelta(days=3)).strftime("%d.%m.%Y")
    assert f"Редакция «2018-09-19 № 58-п» регламента KM вступает в силу с {day}." in text
    assert "вступит в силу" in text
    assert [a.effective_from for a in version.activations.all()] == [today + dt.timedelta(days=3)]
    assert AuditEvent.objects.filter(
        action="regulation.activate", object_id=str(version.pk)
    ).exists()


def test_a_new_code_has_no_version_to_compare_and_becomes_a_campaign_choice(admin: Client) -> None:
    response = upload(admin, region_text(), "rg.yaml")
    preview = page(admin.get(response["Location"]))  # type: ignore[index]
    assert f"RG — {RG_TITLE}" in preview
    assert "Действующей редакции этого регламента нет: это новый регламент." in preview
    hr = client_of(f.hr_user(f.body()))
    assert RG_TITLE not in page(hr.get(reverse("desk_campaign_new")))
    admin.post(response["Location"], {"effective_from": timezone.localdate().isoformat()})  # type: ignore[index]
    form = page(hr.get(reverse("desk_campaign_new")))
    assert f'<option value="RG">RG — {RG_TITLE}</option>' in form
    assert f"KM — {KM_TITLE}" in form  # the bundled codes stay


def test_the_same_text_twice_says_so(admin: Client) -> None:
    first = upload(admin, region_text())
    again = upload(admin, region_text())
    assert again["Location"] == first["Location"]  # type: ignore[index]
    text = page(admin.get(again["Location"]))  # type: ignore[index]
    assert "Этот текст уже загружен: это та же редакция" in text
    assert RegulationVersion.objects.filter(code="RG").count() == 1


def test_a_day_to_come_is_moved_then_withdrawn_and_an_earlier_version_returns(
    admin: Client,
) -> None:
    """The version page offers what its state allows: a day still to come is moved or withdrawn
    with a reason (a field error without one), a replaced version is put in force again."""
    bundled = regulations.regulation_load_bundled(code="KM")
    newer = km_text().replace("min_percent_of_max: 50", "min_percent_of_max: 60")
    url = upload(admin, newer, "km.yaml")["Location"]  # type: ignore[index]
    today = timezone.localdate()
    soon, later = today + dt.timedelta(days=5), today + dt.timedelta(days=20)
    admin.post(url, {"action": "activate", "effective_from": soon.isoformat()})
    scheduled = page(admin.get(url))
    assert f"вступит в силу {soon:%d.%m.%Y}" in scheduled
    assert (
        "Перенести дату вступления в силу" in scheduled
        and "Ввести в действие</h2>" not in scheduled
    )

    no_reason = admin.post(
        url, {"action": "reschedule", "move-effective_from": later.isoformat(), "move-reason": ""}
    )
    assert "Основание переноса: Обязательное поле." in page(no_reason)
    moved = admin.post(
        url,
        {
            "action": "reschedule",
            "move-effective_from": later.isoformat(),
            "move-reason": "Постановление № 12",
        },
        follow=True,
    )
    assert f"теперь вступает в силу с {later:%d.%m.%Y}" in page(moved)
    withdrawn = admin.post(
        url, {"action": "withdraw", "withdraw-reason": "Изменение отменено"}, follow=True
    )
    assert f"с {later:%d.%m.%Y} отменено" in page(withdrawn)
    history = page(admin.get(url))
    assert "загружена, не введена в действие" in history and "Изменение отменено" in history
    assert regulations.regulation_in_force("KM", later) == bundled

    # the amended text in force today; the bundled one, replaced, returns from a later day
    admin.post(url, {"action": "activate", "effective_from": today.isoformat()})
    bundled_url = reverse("desk_regulation_version", args=[bundled.pk])
    replaced = page(admin.get(bundled_url))
    assert "заменена (действовала с 01.01.2000)" in replaced
    assert "Ввести в действие снова" in replaced
    admin.post(bundled_url, {"action": "activate", "effective_from": later.isoformat()})
    assert regulations.regulation_in_force("KM", today).pk != bundled.pk
    assert regulations.regulation_in_force("KM", later) == bundled
    listed = page(admin.get(reverse("desk_regulations")))
    assert later.strftime("%d.%m.%Y") in listed
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"regulation.reschedule", "regulation.withdraw", "regulation.activate"} <= actions
