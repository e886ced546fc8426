"""The engine's reasons on the desk pages, worded in the chosen language (issue 9, section 3).

The engine gives a code with params (``rezerv.engine.reasons``); the pages word it through
gettext (``web/templatetags/reasons.py``): Russian by default, English or Kazakh once the user
picks it with ``set_language``.  The reasons used here carry no text of the regulation (dates
and numbers only), so an English page shows them without a Cyrillic letter.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.scenarios import km
from rezerv.selection import services
from tests.web import factories as f

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile("[А-Яа-яЁё]")


def client_in(user: Any, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


def items(page: Any, css_class: str) -> list[str]:
    """The texts of the ``<li>`` items in the page's lists of the given class."""
    text = page.content.decode()
    blocks = re.findall(rf'<ul class="{css_class}">(.*?)</ul>', text, re.S)
    return [html.unescape(li) for b in blocks for li in re.findall(r"<li[^>]*>(.*?)</li>", b)]


@pytest.fixture
def world() -> dict[str, Any]:
    """A KM campaign: two candidates tested, drafted and interviewed by a commission of five;
    the meeting of the competition stage is scheduled."""
    today = timezone.localdate()
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    apps = [
        f.km_application(campaign, f.candidate("ivanov", "Иванов", "Иван")),
        f.km_application(campaign, f.candidate("petrova", "Петрова", "Мария")),
    ]
    members = f.km_commission(hr, campaign)
    for app in apps:
        km.score(hr, app, members, correct=45, draft=4, interview=8, date=today)
    meeting = services.meeting_schedule(
        actor=hr,
        campaign=campaign,
        commission=members[0].commission,
        stage_id="competition",
        date=today + dt.timedelta(days=25),
    )
    return {"hr": hr, "campaign": campaign, "apps": apps, "members": members, "meeting": meeting}


def vote_outcome(page: Any, world: dict[str, Any]) -> str:
    text = page.content.decode()
    found = re.search(
        rf'<p class="vote-outcome" id="vote-outcome-{world["apps"][0].pk}-winner">(.*?)</p>', text
    )
    assert found is not None
    return html.unescape(found.group(1))


def test_km12_vote_outcome_on_the_meeting_page_in_english_and_russian(
    world: dict[str, Any],
) -> None:
    """All five attend and vote the first candidate winner."""
    members, meeting = world["members"], world["meeting"]
    services.attendance_record(
        actor=world["hr"], meeting=meeting, present_ids={m.pk for m in members}
    )
    services.vote_record(
        actor=world["hr"],
        meeting=meeting,
        question="winner",
        application=world["apps"][0],
        votes={m.pk: "for" for m in members},
    )
    url = reverse("desk_meeting", args=[meeting.pk])
    english = vote_outcome(client_in(world["hr"], "en").get(url), world)
    assert english == "Decision adopted: “for” 5 of 5: a majority."
    assert not CYRILLIC.search(english)
    russian = vote_outcome(client_in(world["hr"], "ru").get(url), world)
    assert russian == "Решение принято: «за» 5 из 5: большинство."
    kazakh = vote_outcome(client_in(world["hr"], "kk").get(url), world)
    assert kazakh == "Шешім қабылданды: «жақтап» 5 дауыстың 5: көпшілік."


def test_km12_meeting_invalid_reasons_on_the_meeting_page_in_english_and_russian(
    world: dict[str, Any],
) -> None:
    """Two of five present (both independent experts): no quorum; the candidates' places
    wait for a valid meeting, each saying why (the meeting's reason, named by the meeting)."""
    meeting = world["meeting"]
    present = {m.pk for m in world["members"][3:]}
    services.attendance_record(actor=world["hr"], meeting=meeting, present_ids=present)
    url = reverse("desk_meeting", args=[meeting.pk])
    day = meeting.date.isoformat()

    english = client_in(world["hr"], "en").get(url)
    quorum = "2 of 5 commission members are present; a quorum needs at least 4 (2/3)"
    text = english.content.decode()
    assert f'<li class="bad">{quorum} (KM-12)</li>' in text
    pending = items(english, "why")
    assert pending == [f"meeting {meeting.pk} ({day}) is not quorate: {quorum} (KM-12)"] * 2
    for line in [quorum, *pending]:
        assert not CYRILLIC.search(line)
    assert 'class="vote-outcome"' not in text  # a vote at an invalid meeting decides nothing

    russian = client_in(world["hr"], "ru").get(url)
    quorum_ru = "присутствует 2 из 5 членов комиссии, для кворума нужно не менее 4 (2/3)"
    assert f'<li class="bad">{quorum_ru} (KM-12)</li>' in russian.content.decode()
    assert (
        items(russian, "why")
        == [f"заседание {meeting.pk} ({day}) неправомочно: {quorum_ru} (KM-12)"] * 2
    )


def test_c2_km5_refusal_reason_on_the_application_desk_in_english_and_russian(
    world: dict[str, Any],
) -> None:
    """The announcement moved back 60 days: the intake closed 21 days after it (KM-5), before
    the candidates applied, and the engine refuses each of them for lateness."""
    campaign = world["campaign"]
    campaign.refresh_from_db()
    today = timezone.localdate()
    announced = today - dt.timedelta(days=60)
    services.campaign_update(
        actor=world["hr"],
        campaign=campaign,
        expected_version=campaign.version,
        events={**campaign.events, "announcement": announced.isoformat()},
    )
    app = world["apps"][1]
    closes = (announced + dt.timedelta(days=21)).isoformat()
    submitted = timezone.localtime(app.submitted_at).date().isoformat()
    url = reverse("desk_application", args=[app.uid])

    def refusals(language: str) -> list[str]:
        text = client_in(world["hr"], language).get(url).content.decode()
        return [html.unescape(li) for li in re.findall(r'<li class="bad">(.*?)</li>', text)]

    (english,) = refusals("en")
    assert english.startswith(
        f"documents submitted on {submitted}, after the intake closed on {closes} (KM-5"
    )
    assert not CYRILLIC.search(english)
    (russian,) = refusals("ru")
    assert russian.startswith(f"документы поданы {submitted}, после окончания приёма {closes} (")
    (kazakh,) = refusals("kk")
    assert kazakh.startswith(f"құжаттар {submitted} тапсырылған, қабылдау {closes} аяқталғаннан")
