"""Limits of written works (TP-8, AK-9, KM-22): refused with the numbers, accepted at the limit."""

from __future__ import annotations

from rezerv.engine.loader import load_regulation
from rezerv.engine.schema import WrittenWork
from rezerv.works import limits
from rezerv.works.docx_reader import read_docx
from rezerv.works.measures import WORD_RULE, count_words, text_measures
from tests.works.makedocs import make_docx, words


def _work(code: str, method: str) -> WrittenWork:
    work = load_regulation(code).regulation.method(method).work
    assert work is not None
    return work


def test_tp8_essay_one_word_over_500_refused_with_the_count() -> None:
    reasons = limits.reasons(text_measures(words(501)), _work("tp", "essay"))
    assert reasons == ["Слов: 501, допускается не более 500."]


def test_tp8_essay_of_exactly_500_words_accepted() -> None:
    assert limits.reasons(text_measures(words(500)), _work("tp", "essay")) == []


def test_word_count_rule_hyphens_and_punctuation() -> None:
    assert count_words("Северо-запад — это, «регион» №1 и т.д.") == 7
    assert "дефисом" in str(WORD_RULE)


def test_km22_paper_of_8_pages_in_times_14_single_with_references_accepted() -> None:
    work = _work("km", "paper")
    measures = read_docx(make_docx(pages=8), list(work.pages_exclude))
    assert measures.pages == 8 and measures.title_page and measures.references
    assert limits.reasons(measures, work) == []


def test_km22_paper_of_6_pages_in_arial_without_references_gets_every_reason() -> None:
    work = _work("km", "paper")
    measures = read_docx(
        make_docx(pages=6, font="Arial", size=12, spacing=1.5, references=False),
        list(work.pages_exclude),
    )
    assert limits.reasons(measures, work) == [
        "Страниц (без титульного листа и списка литературы): 6, требуется не менее 7.",
        "Шрифт: Arial, требуется Times New Roman.",
        "Размер шрифта: 12 пт, требуется 14 пт.",
        "Межстрочный интервал: 1.5, требуется 1.0.",
        "Нет списка использованных источников: нужен раздел с заголовком «Список "
        "использованной литературы» (или «Список источников»).",
    ]


def test_km22_limits_of_pages_are_inclusive_7_and_10_pass_11_does_not() -> None:
    work = _work("km", "paper")
    for pages, ok in ((7, True), (10, True), (11, False)):
        measures = read_docx(make_docx(pages=pages), list(work.pages_exclude))
        assert (limits.reasons(measures, work) == []) is ok, pages


def test_ak9_essay_of_4_pages_refused_3_accepted() -> None:
    work = _work("ak", "essay")
    four = read_docx(make_docx(pages=4, title=False, references=False), [])
    three = read_docx(make_docx(pages=3, title=False, references=False), [])
    assert limits.reasons(four, work) == ["Страниц: 4, допускается не более 3."]
    assert limits.reasons(three, work) == []


def test_ak9_typed_text_is_not_a_format_of_the_essay() -> None:
    assert limits.format_reason("text", _work("ak", "essay")) == (
        "Формат «текст» не принимается; допустимы: DOCX, PDF."
    )
