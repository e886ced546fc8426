"""Written works in the browser (issue 11): TP-8 — a candidate types an essay one word over the
limit, sees the count, fixes it and submits; KM-22, KM-23 — a scorer sees the anonymous paper
under its code only, and downloads it without the author's name."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import log_in
from tests.works.makedocs import make_docx, words
from tests.works.worlds import km_works_world, tp_essay_world

pytestmark = pytest.mark.django_db(transaction=True)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_tp8_essay_one_word_over_refused_with_the_count_then_fixed_and_submitted(
    browser: Any,
) -> None:
    world = tp_essay_world()
    page = browser()
    log_in(page, "tp_student")
    page.goto(f"/a/{world['application'].uid}/")
    page.get_by_role("link", name="Письменные работы").click()
    expect(page.get_by_text("Не более 500 слов.")).to_be_visible()
    page.get_by_label("Тема работы").fill("Бюджет, ориентированный на результат")
    page.get_by_label("Текст работы").fill(words(501))
    page.get_by_role("button", name="Отправить работу").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Слов: 501, допускается не более 500.")
    expect(page.get_by_label("Текст работы")).to_have_value(words(501))  # nothing typed is lost
    page.get_by_label("Текст работы").fill(words(500))
    page.get_by_role("button", name="Проверить").click()
    expect(page.get_by_role("status").first).to_contain_text("Работа соответствует требованиям")
    page.get_by_role("button", name="Отправить работу").click()
    expect(page.get_by_text("Работа принята", exact=False).first).to_be_visible()
    expect(page.get_by_text("Слов: 500.", exact=False).first).to_be_visible()


def test_km22_km23_paper_reaches_the_scorer_under_its_code_only(browser: Any) -> None:
    world = km_works_world()
    candidate = browser()
    log_in(candidate, "ivanov")
    candidate.goto(f"/a/{world['mine'].uid}/works/")
    section = candidate.locator("section").filter(has_text="Написание реферата")
    section.get_by_label("Файл работы (DOCX, PDF)").set_input_files(
        {
            "name": "Иванов_реферат.docx",
            "mimeType": DOCX,
            "buffer": make_docx(pages=6, font="Arial", author="Иванов Иван Иванович"),
        }
    )
    section.get_by_role("button", name="Отправить работу").click()
    alert = candidate.get_by_role("alert")
    expect(alert).to_contain_text("6, требуется не менее 7")
    expect(alert).to_contain_text("Шрифт: Arial, требуется Times New Roman.")
    section = candidate.locator("section").filter(has_text="Написание реферата")
    section.get_by_label("Файл работы (DOCX, PDF)").set_input_files(
        {
            "name": "Иванов_реферат.docx",
            "mimeType": DOCX,
            "buffer": make_docx(pages=8, author="Иванов Иван Иванович"),
        }
    )
    section.get_by_role("button", name="Отправить работу").click()
    expect(candidate.get_by_text("Работа принята", exact=False).first).to_be_visible()

    scorer = browser()
    log_in(scorer, world["members"][2].user.username)
    scorer.goto("/commission/")
    scorer.get_by_role("link", name="Письменные работы: Написание реферата").click()
    table = scorer.locator("#works")
    expect(table).to_contain_text(world["mine"].code)
    expect(scorer.get_by_text("работы обезличены")).to_be_visible()
    assert "Иванов" not in scorer.locator("main").inner_text()
    with scorer.expect_download() as info:
        scorer.get_by_role("link", name="Скачать (DOCX)").click()
    download = info.value
    assert "Иванов" not in download.suggested_filename
    with open(download.path(), "rb") as handle:
        core = zipfile.ZipFile(io.BytesIO(handle.read())).read("docProps/core.xml").decode()
    assert "Иванов" not in core
