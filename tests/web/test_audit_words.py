"""The audit log reads in words: the application's own change keys by their titles, yes/no for
booleans, members' roles, forms by their titles and formats as PDF/DOCX (issue 9 proof)."""

from __future__ import annotations

from rezerv.engine.loader import load_regulation
from rezerv.selection.vocabulary import humanizer


def test_recorded_changes_are_read_in_words() -> None:
    readable = humanizer(load_regulation("KM").regulation)
    assert readable({"before": {"correct": None, "passed": True}, "created": False}) == {
        "было": {"правильных ответов": "—", "пройдено": "да"},
        "создано": "нет",
    }
    assert readable({"role": "chair"}) == {"роль": "председатель"}
    assert readable({"form": "km_refusal", "format": "pdf"}) == {
        "форма": "Уведомление об отказе в допуске к участию в конкурсе",
        "формат": "PDF",
    }
    assert readable({"fields": ["email", "phone"]}) == {"поля": ["электронная почта", "телефон"]}


def test_an_amendment_names_the_announcement_texts_by_their_titles() -> None:
    readable = humanizer(load_regulation("KM").regulation)
    assert readable({"amendment": 1, "fields": ["venue"]}) == {
        "изменение объявления": 1,
        "поля": ["Предполагаемая дата, место и порядок проведения конкурса"],
    }
