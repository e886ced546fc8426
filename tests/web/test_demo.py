"""``manage.py seed_demo``: an empty database gets the demo; a second run changes nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from rezerv.scenarios.demo import DEMO_PASSWORD, LOGINS
from rezerv.selection.models import Application, AuditEvent, Ballot, Campaign

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return (
        User.objects.count(),
        Campaign.objects.count(),
        Application.objects.count(),
        Ballot.objects.count(),
        AuditEvent.objects.count(),
    )


def client(username: str) -> Client:
    c = Client()
    assert c.login(username=username, password=DEMO_PASSWORD), username
    return c


def test_seed_demo_fills_an_empty_database_once() -> None:
    first = seed()
    assert "Демонстрационные данные загружены" in first
    assert DEMO_PASSWORD in first
    for login in LOGINS:
        assert login.username in first
    codes = sorted(Campaign.objects.values_list("regulation__code", flat=True))
    assert codes == ["AK", "BR", "KM", "PK", "TP", "TP"]  # TP: this cycle and the last, finished
    before = counts()
    second = seed()
    assert "уже загружены" in second and "hr_km" in second
    assert counts() == before
    # written through the services: audited, with the engine's refusals in words (C-2)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "campaign.publish",
        "application.submit",
        "application.decide",
        "ballot.save",
    } <= actions
    refused = Application.objects.filter(status="refused")
    assert refused.count() == 2
    assert all("Вам отказано в допуске" in a.refusal_text for a in refused)


def test_seed_demo_refuses_a_database_with_other_data() -> None:
    User.objects.create_user("someone", password="x-Password-1")
    with pytest.raises(CommandError, match="не пуста"):
        seed()
    assert Campaign.objects.count() == 0


def test_demo_logins_log_in_and_see_their_pages() -> None:
    seed()
    for login in LOGINS:
        response = client(login.username).get(reverse("start"), follow=True)
        assert response.status_code == 200, login.username
    running = Campaign.objects.select_related("regulation").filter(decisions__isnull=True)
    campaigns = {c.regulation.code: c for c in running}
    km, ak, tp = campaigns["KM"], campaigns["AK"], campaigns["TP"]

    desk = client("admin").get(reverse("desk")).content.decode()
    assert all(c.title in desk for c in Campaign.objects.all())
    page = client("hr_km").get(reverse("desk_campaign", args=[km.uid])).content.decode()
    assert "Соколов Андрей Викторович" in page
    assert client("hr_km").get(reverse("desk_campaign", args=[ak.uid])).status_code == 403

    # the chair continues scoring the interviews: 2 of 4 are scored
    url = reverse("scoring", args=[km.uid, "competition", "interview"])
    page = client("km_chair").get(url).content.decode()
    assert "Волкова Анна Сергеевна" in page
    chair = km.commissions.get().members.get(role="chair")
    assert Ballot.objects.filter(member=chair).count() == 2
    app = km.applications.filter(status="admitted").exclude(ballots__member=chair).first()
    assert app is not None
    response = client("km_chair").post(
        url,
        {
            "application": app.pk,
            "save": "1",
            f"a{app.pk}-c_score": "8",
            f"a{app.pk}-version": "0",
        },
    )
    assert response.status_code == 302
    assert Ballot.objects.filter(member=chair).count() == 3

    # a regional member of AK sees the akims of his oblast only
    page = client("ak_akmola_m2").get(
        reverse("scoring", args=[ak.uid, "preselection", "preselection"])
    )
    assert "Абенов Серик Маратович" in page.content.decode()
    assert "Джаксыбеков" not in page.content.decode()
    page = client("tp_rep3").get(reverse("scoring", args=[tp.uid, "essay", "essay"]))
    assert page.status_code == 200 and "Оригинальность" in page.content.decode()

    # candidates: the generic form asks each regulation's facts
    for code, fact in (("BR", "fact_reserve_level"), ("PK", "fact_target_position")):
        page = client("candidate_ru").get(reverse("apply", args=[campaigns[code].uid]))
        assert fact in page.content.decode(), code
    page = client("candidate_kz").get(reverse("apply", args=[ak.uid])).content.decode()
    assert "fact_oblast" in page and "Акмолинская область" in page
    mine = client("tp_akhmetova").get(reverse("me")).content.decode()
    assert tp.title in mine
    own = Application.objects.get(campaign=tp, person__user__username="tp_akhmetova")
    page = client("tp_akhmetova").get(reverse("application", args=[own.uid])).content.decode()
    assert "Изменение сведений" in page and "п. 18 Методических рекомендаций" in page
    assert "TP-9" not in page  # the candidate reads the clause, never a rule ID


def test_demo_past_tp_cycle_hands_its_holders_certificates() -> None:
    """TP-12: the finished cycle's two best participants hold certificates valid one year; the
    holder downloads their own, HR all of them at once."""
    seed()
    past = Campaign.objects.get(regulation__code="TP", decisions__isnull=False)
    holders = sorted(
        past.applications.filter(person__reserve_entries__decision__campaign=past).values_list(
            "person__user__username", flat=True
        )
    )
    assert holders == ["tp_baimukhanov", "tp_iskakova"]
    own = Application.objects.get(campaign=past, person__user__username="tp_baimukhanov")
    url = reverse("documents_application_file", args=[own.uid, "tp_certificate", "pdf"])
    response = client("tp_baimukhanov").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    other = Application.objects.get(campaign=past, person__user__username="tp_zhaksylykov")
    url = reverse("documents_application_file", args=[other.uid, "tp_certificate", "pdf"])
    assert client("tp_zhaksylykov").get(url).status_code == 404  # not selected: no certificate
    page = client("hr_tp").get(reverse("documents_campaign", args=[past.uid])).content.decode()
    assert "tp_certificates" in page
