"""Similar works flagged with the shared passages (issue 11, TP-8, KM-22): near-identical essays
are flagged, different ones are not."""

from __future__ import annotations

from rezerv.works.similarity import similar

ESSAY = (
    "Государственная служба в Казахстане строится на принципах меритократии и открытости. "
    "Молодой служащий должен понимать, что его работа направлена на благо граждан, а не на "
    "личную выгоду. Цифровизация государственных услуг позволяет сократить очереди, снизить "
    "коррупционные риски и сделать решения прозрачными. Я хочу работать в акимате района, "
    "чтобы помогать людям решать их повседневные вопросы быстро и честно."
)
OTHER = (
    "Экологическая политика региона требует модернизации очистных сооружений, перехода на "
    "возобновляемые источники энергии и раздельного сбора отходов. Предприятия должны "
    "отчитываться о выбросах ежеквартально, а жители получать сведения о качестве воздуха "
    "через мобильное приложение в реальном времени."
)


def test_two_near_identical_essays_are_flagged_with_the_passage() -> None:
    copy = ESSAY.replace("Я хочу работать", "Я мечтаю трудиться")
    matches = similar({1: ESSAY, 2: copy, 3: OTHER}, current=[1, 2, 3])
    assert [(m.a, m.b) for m in matches] == [(1, 2)]
    assert matches[0].similarity >= 0.5
    assert any("цифровизация государственных услуг" in p for p in matches[0].passages)


def test_different_essays_are_not_flagged() -> None:
    assert similar({1: ESSAY, 3: OTHER}, current=[1, 3]) == []


def test_an_earlier_sessions_work_is_compared_but_not_listed_alone() -> None:
    matches = similar({1: ESSAY, 9: ESSAY, 8: OTHER, 7: OTHER}, current=[1])
    assert [(m.a, m.b) for m in matches] == [(1, 9)]


def test_stored_signatures_give_the_same_flags() -> None:
    from rezerv.works.similarity import signature

    copy = ESSAY.replace("Я хочу работать", "Я мечтаю трудиться")
    texts = {1: ESSAY, 2: copy, 3: OTHER}
    stored = {key: signature(text) for key, text in texts.items()}
    assert similar(texts, [1, 2, 3], signatures=stored) == similar(texts, [1, 2, 3])


def test_a_copy_with_changed_word_forms_is_flagged_by_the_lemmas() -> None:
    """Russian text is lemmatised before shingling (pymorphy3): a copy whose every noun and
    adjective changed its case still shares its shingles; the passage is shown as written."""
    from rezerv.works.similarity import lemmas, words

    original = (
        "Государственные служащие обязаны соблюдать ограничения и запреты, установленные "
        "законом, добросовестно исполнять должностные обязанности, уважать права граждан "
        "и не допускать конфликта интересов при принятии управленческих решений в органах "
        "местного самоуправления и государственной власти региона"
    )
    reworded = (
        "Государственный служащий обязан соблюдать ограничение и запрет, установленный "
        "законами, добросовестно исполнять должностную обязанность, уважать право гражданина "
        "и не допускать конфликтов интереса при принятии управленческого решения в органе "
        "местного самоуправления и государственных властей регионов"
    )
    assert lemmas("служащим обязанностей") == ["служащий", "обязанность"]
    assert lemmas("мемлекеттік қызмет") == words("мемлекеттік қызмет")  # Kazakh kept as written
    plain_words = set(zip(words(original), words(original)[1:], words(original)[2:], strict=False))
    plain_copy = set(zip(words(reworded), words(reworded)[1:], words(reworded)[2:], strict=False))
    assert len(plain_words & plain_copy) <= 2  # without lemmas 2 shingles of 30 are shared
    matches = similar({1: original, 2: reworded, 3: OTHER}, current=[1, 2, 3])
    assert [(m.a, m.b) for m in matches] == [(1, 2)] and matches[0].similarity > 0.9
    assert matches[0].passages == [" ".join(words(original))]  # in the first text's words
