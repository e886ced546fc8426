"""The written works' pages: the candidate checks and submits (TP-8: the count of words, one over
refused, at the limit accepted); scorers see anonymous works under codes only (KM-22, KM-23), the
name joined once the stage's scoring is closed; the scorers' file has no author."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from rezerv.selection.models import Campaign
from rezerv.works import services
from rezerv.works.models import Work
from tests.works.makedocs import make_docx, words

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_tp8_candidate_page_refuses_501_words_with_count_and_accepts_500(
    tp_essay: dict[str, Any],
) -> None:
    app = tp_essay["application"]
    client = _client(tp_essay["student"])
    url = f"/a/{app.uid}/works/"
    page = client.get(url).content.decode()
    assert "Не более 500 слов." in page and "Как считаются слова:" in page
    assert "Бюджет, ориентированный на результат" in page  # the announcement's topics (TP-6)
    form = {"work": "essay-essay", "topic": "Бюджет, ориентированный на результат"}
    over = client.post(url, {**form, "text": words(501), "action": "submit"})
    assert "Слов: 501, допускается не более 500." in over.content.decode()
    assert not Work.objects.exists()
    checked = client.post(url, {**form, "text": words(500), "action": "check"}).content.decode()
    assert "Работа соответствует требованиям" in checked and "Слов: 500." in checked
    assert not Work.objects.exists()
    done = client.post(url, {**form, "text": words(500), "action": "submit"})
    assert done.status_code == 302
    work = Work.objects.get()
    assert work.measures["words"] == 500 and work.topic.startswith("Бюджет")
    app.refresh_from_db()  # recorded as the facts TP-8's requirements read (work.facts)
    assert app.facts["essay_words"] == 500
    assert app.facts["essay_topic"] == "Бюджет, ориентированный на результат"
    assert "Работа принята" in client.get(url).content.decode()


def test_tp8_topic_required_from_the_announcement(tp_essay: dict[str, Any]) -> None:
    app = tp_essay["application"]
    client = _client(tp_essay["student"])
    page = client.post(
        f"/a/{app.uid}/works/",
        {"work": "essay-essay", "text": words(10), "action": "submit"},
    ).content.decode()
    assert "Укажите тему работы." in page


def _paper(km: dict[str, Any], app_key: str, user_key: str, **kw: Any) -> Work:
    return services.submit(
        actor=km[user_key],
        application=km[app_key],
        stage_id="competition",
        method_id="paper",
        upload=SimpleUploadedFile("p.docx", make_docx(**kw), content_type=DOCX),
    )


def test_km22_km23_scorer_sees_only_the_code_until_scoring_closed(
    km_works: dict[str, Any],
) -> None:
    work = _paper(km_works, "mine", "owner", pages=8, author="Иванов Иван Иванович")
    campaign = km_works["campaign"]
    member = _client(km_works["members"][2].user)
    url = f"/works/c/{campaign.uid}/competition/paper/"
    page = member.get(url).content.decode()
    assert km_works["mine"].code in page
    assert "Иванов" not in page and "работы обезличены" in page
    data = member.get(f"/works/file/{work.pk}/").content
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    assert "Иванов" not in core
    own = _client(km_works["owner"]).get(f"/works/file/{work.pk}/").content
    assert "Иванов" in zipfile.ZipFile(io.BytesIO(own)).read("docProps/core.xml").decode()
    Campaign.objects.filter(pk=campaign.pk).update(closed_stages=["competition"])
    assert "Иванов Иван Иванович" in member.get(url).content.decode()


def test_near_identical_papers_flagged_for_the_commission(km_works: dict[str, Any]) -> None:
    _paper(km_works, "mine", "owner", pages=8)
    _paper(km_works, "theirs", "other", pages=8)
    page = _client(km_works["hr"]).get(f"/works/c/{km_works['campaign'].uid}/competition/paper/")
    text = page.content.decode()
    assert "Совпадающие фрагменты" in text and "Сходных работ не найдено" not in text


def test_works_list_refused_to_candidates_and_unknown_methods(km_works: dict[str, Any]) -> None:
    campaign = km_works["campaign"]
    owner = _client(km_works["owner"])
    assert owner.get(f"/works/c/{campaign.uid}/competition/paper/").status_code == 403
    hr = _client(km_works["hr"])
    assert hr.get(f"/works/c/{campaign.uid}/competition/interview/").status_code == 403
