"""A regulation's own texts in the user's language (issue 15): the TP file carries Kazakh and
English, so a Kazakh reader sees TP's stages, documents and requirements in Kazakh; KM carries
Russian only, and its texts fall back to Russian in every language.  Dates are written as each
language writes them (``rezerv.l10n``)."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from rezerv.scenarios import campaigns
from rezerv.selection import services
from tests.web import factories as f

pytestmark = pytest.mark.django_db


def _client(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _tp_campaign() -> object:
    hr = f.hr_user(f.body("Агентство по делам государственной службы"))
    return campaigns.announce(
        hr,
        code="TP",
        kind="talent_pool",
        title="Пул талантов — 2026",
        body=hr.staff.body,
        on=date(2026, 9, 20),
        quotas={"demand": {"astana": 2}},
        events={"cycle_start": "2026-09-01"},
        announcement={
            "procedure": "Порядок",
            "essay_topics": "Темы",
            "essay_email": "pool@example.kz",
        },
    )


def test_tp2_announcement_in_kazakh_shows_tp_stages_documents_and_requirements_in_kazakh() -> None:
    """TP-2, TP-1: the stages, the application (appendix 1) and the requirements in Kazakh."""
    campaign = _tp_campaign()
    url = reverse("announcement", args=[campaign.uid])  # type: ignore[attr-defined]
    page = _client("kk").get(url).content.decode()
    assert '<html lang="kk">' in page
    for text in (
        "Қатысушыларды тіркеу (өтініш, бағыт пен мемлекеттік органды таңдау)",
        "Эссе жазу және бағалау",
        "Таланттар пулына іріктеуге қатысуға өтініш (1-қосымша)",
        "Қазақстан Республикасының азаматтығы",
        "Эссе жіберуге арналған электрондық мекенжай",
    ):
        assert text in page
    assert "Написание и оценка эссе" not in page
    russian = _client("ru").get(url).content.decode()
    assert "Написание и оценка эссе" in russian and "Эссе жазу және бағалау" not in russian
    english = _client("en").get(url).content.decode()
    assert "Writing and assessment of the essay" in english


def test_tp7_registration_dates_are_written_as_each_language_writes_them() -> None:
    """TP-7: registration from 1 to 31 October, in the figures of Russian, Kazakh, English."""
    campaign = _tp_campaign()
    url = reverse("announcement", args=[campaign.uid])  # type: ignore[attr-defined]
    pages = {lang: _client(lang).get(url).content.decode() for lang in ("ru", "kk", "en")}
    assert "01.10.2026" in pages["ru"] and "31.10.2026" in pages["ru"]
    assert "01.10.2026" in pages["kk"] and "31.10.2026" in pages["kk"]
    assert "10/1/2026" in pages["en"] and "10/31/2026" in pages["en"]
    assert "01.10.2026" not in pages["en"]


def test_tp6_desk_announcement_form_asks_the_texts_by_their_kazakh_titles() -> None:
    """TP-6: the HR officer edits the announcement's texts under their Kazakh titles."""
    hr = f.hr_user(f.body())
    campaign = services.campaign_create(
        actor=hr, regulation_code="TP", kind="talent_pool", title="Пул", body=hr.staff.body
    )
    client = _client("kk")
    client.force_login(hr)
    page = client.get(reverse("desk_announcement", args=[campaign.uid])).content.decode()
    assert "Әр бағыт бойынша эссе тақырыптарының тізбесі" in page
    assert "Перечень тем эссе по каждому направлению" not in page


def test_km_has_no_kazakh_texts_and_falls_back_to_russian() -> None:
    """KM is Russian only: a Kazakh page shows its stage titles in Russian."""
    from rezerv.engine.loader import load_regulation

    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=date(2026, 9, 1))
    page = _client("kk").get(reverse("announcement", args=[campaign.uid])).content.decode()
    assert '<html lang="kk">' in page
    for stage in load_regulation("KM").regulation.stages:
        assert str(stage.title) in page
