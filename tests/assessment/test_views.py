"""The pages: the key never reaches the candidate's page; answers saved by the script and by
the form without it; import errors shown, nothing stored."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from rezerv.assessment import services
from rezerv.assessment.models import Answer, Question
from tests.assessment.helpers import place_of, session, world

pytestmark = pytest.mark.django_db


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def started(w: dict[str, Any]) -> tuple[Client, Any, str]:
    candidate = client_of(w["application"].person.user)
    s = session(w)
    response = candidate.post(f"/a/{w['application'].uid}/tests/{s.pk}/start/")
    assert response.status_code == 302
    return candidate, s, response["Location"]


def _page(client: Client, url: str) -> str:
    html = client.get(url).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_km13_the_key_never_reaches_the_candidates_page() -> None:
    """The page is the same whichever option is correct."""
    w = world()
    candidate, _s, url = started(w)
    before = _page(candidate, url)
    Question.objects.update(correct=2)
    assert _page(candidate, url) == before
    assert "Право: вопрос" in before and "KM-13" not in before


def test_answers_saved_by_the_script_with_the_time_left_from_the_server() -> None:
    w = world()
    candidate, _s, url = started(w)
    attempt = w["application"].test_attempts.get()
    qid = attempt.question_ids[0]
    body = {"question": qid, "choice": 1, "version": 0}
    response = candidate.post(url + "answer/", json.dumps(body), content_type="application/json")
    data = response.json()
    assert response.status_code == 200 and data["version"] == 1 and 1790 <= data["left"] <= 1800
    stale = candidate.post(url + "answer/", json.dumps(body), content_type="application/json")
    assert stale.status_code == 409 and "другом окне" in stale.json()["error"]
    bad = candidate.post(url + "answer/", "{", content_type="application/json")
    assert bad.status_code == 400
    assert (
        Answer.objects.get(attempt=attempt, question_id=qid).choice
        == (attempt.option_order(qid, 3)[1])
    )


def test_the_form_without_script_saves_answers_and_finishes() -> None:
    w = world()
    candidate, _s, url = started(w)
    attempt = w["application"].test_attempts.get()
    key = dict(Question.objects.values_list("pk", "correct"))
    data = {f"q{q}": place_of(attempt, q, key[q]) for q in attempt.question_ids[:28]}
    data.update({f"v{q}": 0 for q in attempt.question_ids})
    assert candidate.post(url, {**data, "finish": "1"}).status_code == 302
    attempt.refresh_from_db()
    assert attempt.closed_by == "candidate" and attempt.correct == 28
    page = candidate.get(url).content.decode()
    assert "Правильных ответов: 28 из 40." in page
    hr = client_of(w["hr"])
    results = hr.get(f"/desk/c/{w['campaign'].uid}/results/competition/test/").content.decode()
    assert 'value="28"' in results and 'value="40"' in results


def xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_import_with_an_error_names_the_row_and_stores_nothing() -> None:
    w = world()
    hr = client_of(w["hr"])
    bank = w["bank"]
    count = bank.questions.count()
    rows = [
        ["Тема", "Вопрос", "Правильный ответ", "Вариант 1", "Вариант 2"],
        ["Этика", "Верный", 1, "Да", "Нет"],
        ["Этика", "Неверный ключ", 3, "Да", "Нет"],
    ]
    upload = SimpleUploadedFile("q.xlsx", xlsx(rows))
    page = hr.post(f"/desk/banks/{bank.pk}/", {"file": upload}).content.decode()
    assert "Строка 3: правильным должен быть ровно один из вариантов ответа." in page
    assert bank.questions.count() == count
    upload = SimpleUploadedFile("q.xlsx", xlsx(rows[:2]))
    assert hr.post(f"/desk/banks/{bank.pk}/", {"file": upload}).status_code == 302
    assert bank.questions.count() == count + 1


def test_hr_edits_a_question_and_a_stale_edit_is_refused() -> None:
    w = world()
    hr = client_of(w["hr"])
    q = w["bank"].questions.first()
    url = f"/desk/banks/{w['bank'].pk}/question/{q.pk}/"
    form = {"topic": q.topic, "text": "Новый текст", "options": "А\nБ", "correct": 2}
    assert hr.post(url, {**form, "active": "on", "version": 1}).status_code == 302
    q.refresh_from_db()
    assert (q.text, q.options, q.correct, q.version) == ("Новый текст", ["А", "Б"], 1, 2)
    stale = hr.post(url, {**form, "text": "Старое окно", "active": "on", "version": 1})
    assert "изменён другим пользователем" in stale.content.decode()
    one = hr.post(url, {**form, "options": "А", "active": "on", "version": 2}).content.decode()
    assert "не меньше двух вариантов" in one


def test_statistics_page_after_closed_attempts() -> None:
    w = world()
    _candidate, s, _url = started(w)
    attempt = w["application"].test_attempts.get()
    services.attempt_close(attempt=attempt, by="candidate")
    page = client_of(w["hr"]).get(f"/desk/c/{w['campaign'].uid}/tests/{s.pk}/").content.decode()
    assert w["application"].code in page and "0 / 40" in page
