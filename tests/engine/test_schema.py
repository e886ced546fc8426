"""A regulation's texts in several languages (issue 15): a text is a string in the file's own
language or a map ``{ru: …, kk: …, en: …}``; ``Regulation.translated`` shows a language and
falls back to the own one; a bad map is refused with its line."""

from __future__ import annotations

import pickle

import pytest

from rezerv.engine.errors import InputError
from rezerv.engine.loader import load_regulation, parse_regulation
from rezerv.engine.schema import LocalText, text_in

MINIMAL = """\
schema_version: 1
code: MINI
title: Минимальный регламент
jurisdiction: KZ
source: test
version: "1"
calendar: {country: KZ}
events:
  - {id: announcement, title: Объявление}
deadlines:
  - {id: intake_end, title: Окончание приёма, after: announcement, days: 10}
stages:
  - id: intake
    title:
      ru: Приём
      kk: Қабылдау
    kind: intake
    owner: hr_officer
    closes: intake_end
"""


def problems(text: str) -> list[tuple[str | None, int | None, str]]:
    with pytest.raises(InputError) as err:
        parse_regulation(text.encode(), "mini.yaml")
    return [(p.path, p.line, p.code) for p in err.value.problems]


def test_a_plain_string_and_a_map_are_both_texts() -> None:
    reg = parse_regulation(MINIMAL.encode(), "mini.yaml").regulation
    assert reg.language == "ru"
    assert reg.title == "Минимальный регламент"  # a plain string: the own language
    assert isinstance(reg.title, LocalText) and reg.title.translations == {}
    stage = reg.stages[0]
    assert stage.title == "Приём"  # the engine reads the own language
    assert text_in(stage.title, "kk") == "Қабылдау"
    assert text_in(stage.title, "en") == "Приём"  # no English: the own language
    assert text_in("просто строка", "kk") == "просто строка"


def test_translated_regulation_shows_the_language_and_keeps_everything_else() -> None:
    reg = parse_regulation(MINIMAL.encode(), "mini.yaml").regulation
    kk = reg.translated("kk")
    assert kk.stages[0].title == "Қабылдау"
    assert kk.title == "Минимальный регламент"  # untranslated: falls back
    assert kk.stages[0].id == "intake" and kk.deadlines == reg.deadlines
    assert reg.stages[0].title == "Приём"  # the original is not changed
    assert reg.translated("ru") is reg
    assert reg.translated("kk").translated("ru").stages[0].title == "Приём"
    assert kk.stages[0].title.translations == {"ru": "Приём"}


def test_a_text_survives_pickling_with_its_translations() -> None:
    title = parse_regulation(MINIMAL.encode(), "mini.yaml").regulation.stages[0].title
    again = pickle.loads(pickle.dumps(title))
    assert isinstance(again, LocalText) and again == "Приём"
    assert again.translations == {"kk": "Қабылдау"}


def test_a_file_written_in_kazakh_falls_back_to_kazakh() -> None:
    text = MINIMAL.replace("title: Минимальный регламент", "title: Шағын регламент\nlanguage: kk")
    text = text.replace(
        "      ru: Приём\n      kk: Қабылдау\n", "      kk: Қабылдау\n      ru: Приём\n"
    )
    reg = parse_regulation(text.encode(), "mini.yaml").regulation
    assert reg.stages[0].title == "Қабылдау"
    assert reg.translated("ru").stages[0].title == "Приём"
    assert reg.translated("en").stages[0].title == "Қабылдау"


def test_unknown_language_is_refused_on_its_own_line() -> None:
    text = MINIMAL.replace("      kk: Қабылдау\n", "      kk: Қабылдау\n      de: Annahme\n")
    assert problems(text) == [("stages[0].title.de", 17, "text_unknown_language")]


def test_empty_translation_is_refused_on_its_own_line() -> None:
    text = MINIMAL.replace("      kk: Қабылдау\n", "      kk: '  '\n")
    assert problems(text) == [("stages[0].title.kk", 16, "text_empty_translation")]


def test_a_map_without_the_own_language_is_refused() -> None:
    text = MINIMAL.replace("      ru: Приём\n", "")
    assert problems(text) == [("stages[0].title", 14, "text_lacks_own_language")]


def test_a_text_that_is_neither_string_nor_map_is_refused() -> None:
    text = MINIMAL.replace("title: Окончание приёма", "title: [Окончание приёма]")
    assert problems(text) == [("deadlines[0].title", 11, "text_form")]


def test_tp_stage_titles_carry_kazakh_and_english_tp_2() -> None:
    """TP-2: the stages of the talent pool, in the state language (and English)."""
    reg = load_regulation("TP").regulation
    kk = reg.translated("kk")
    assert kk.title.startswith("Мемлекеттік секторға таланттар пулына іріктеу")
    assert kk.stage("essay").title == "Эссе жазу және бағалау"
    assert kk.outcome_title("certified") == "таланттар пулына қабылданды (сертификат берілді)"
    assert reg.translated("en").stage("essay").title == "Writing and assessment of the essay"
    # every stage title and outcome title of TP has a Kazakh text
    assert all("kk" in s.title.translations for s in reg.stages)  # type: ignore[attr-defined]
    assert all("kk" in o.title.translations for o in reg.outcomes)  # type: ignore[attr-defined]
    assert kk.cite(["TP-5"]) == "Әдістемелік ұсынымдардың 12–13-тармақтары"


def test_km_without_translations_falls_back_to_russian() -> None:
    reg = load_regulation("KM").regulation
    assert reg.translated("kk").stages[0].title == reg.stages[0].title


def test_ak_carries_kazakh_for_its_users_texts_ak_1_ak_3() -> None:
    """AK-1, AK-3: the contest «Үздік ауыл әкімі», its stages, outcomes and requirements."""
    reg = load_regulation("AK").regulation
    kk = reg.translated("kk")
    assert kk.title == "«Үздік ауыл әкімі» республикалық конкурсы"
    assert kk.outcome_title("winner") == "конкурс жеңімпазы"
    assert kk.stage("republican").title.startswith("II кезең — Республикалық комиссияда")
    assert kk.eligibility[0].requirement == "ауыл әкімі (ауыл, ауылдық округ әкімі)"
    assert all("kk" in s.title.translations for s in reg.stages)  # type: ignore[attr-defined]
    assert all("kk" in v.title.translations for v in reg.votes)  # type: ignore[attr-defined]
    # the score sheets' criteria are not translated: they fall back to Russian
    assert kk.score_sheets[2].criteria[0].title == "Ясность и чёткость изложения"
