"""Russian names by case (pytrovich) and the document date style; no database."""

from __future__ import annotations

import datetime as dt

import pytest

from rezerv.documents.names import FullName, decline, name_forms
from rezerv.documents.style import doc_date, num, points_word


@pytest.mark.parametrize(
    ("name", "case", "expected"),
    [
        ("Иванов Иван Иванович", "genitive", "Иванова Ивана Ивановича"),
        ("Иванов Иван Иванович", "dative", "Иванову Ивану Ивановичу"),
        ("Иванов Иван Иванович", "accusative", "Иванова Ивана Ивановича"),
        ("Иванов Иван Иванович", "instrumental", "Ивановым Иваном Ивановичем"),
        ("Петрова Мария Сергеевна", "genitive", "Петровой Марии Сергеевны"),
        ("Петрова Мария Сергеевна", "dative", "Петровой Марии Сергеевне"),
        ("Петрова Мария Сергеевна", "accusative", "Петрову Марию Сергеевну"),
        ("Петрова Мария Сергеевна", "instrumental", "Петровой Марией Сергеевной"),
        ("Шевчук Анна Петровна", "dative", "Шевчук Анне Петровне"),  # a woman's -ук stays
        ("Шевчук Андрей Петрович", "dative", "Шевчуку Андрею Петровичу"),
        ("Салтыков-Щедрин Михаил Евграфович", "genitive", "Салтыкова-Щедрина Михаила Евграфовича"),
        ("Иванов Иван Иванович", "nominative", "Иванов Иван Иванович"),
    ],
)
def test_names_are_declined_by_case(name: str, case: str, expected: str) -> None:
    assert decline(name, case) == expected


def test_gender_comes_from_the_patronymic_before_the_recorded_one() -> None:
    # a wrong recorded gender does not beat the patronymic
    assert decline(FullName("Иванов", "Иван", "Иванович"), "dative", gender="f") == (
        "Иванову Ивану Ивановичу"
    )


def test_without_a_patronymic_the_recorded_gender_decides() -> None:
    # «Саша» is either; the record says who it is
    assert decline(FullName("Ким", "Саша"), "dative", gender="f") == "Ким Саше"
    assert decline(FullName("Ким", "Саша"), "dative", gender="m") == "Киму Саше"
    assert decline(FullName("Ким", "Александра"), "dative", gender="f") == "Ким Александре"


def test_without_patronymic_or_record_a_clear_name_is_declined_an_unclear_one_is_not() -> None:
    assert decline("Нурланов Асет", "dative") == "Нурланову Асету"
    assert decline("Ким Саша", "dative") == "Ким Саша"  # gender unknown: left as written


@pytest.mark.parametrize("name", ["Smith John", "Членов Член1", "Иванов", ""])
def test_a_name_pytrovich_cannot_decline_is_left_as_written(name: str) -> None:
    assert decline(name, "dative") == " ".join(name.split())


def test_a_kazakh_patronymic_gives_the_gender_and_stays_undeclined_in_russian() -> None:
    """TP, AK: Kazakh names in a Russian sentence: «-ұлы» a man, «-қызы» a woman, the
    patronymic itself not declined."""
    assert decline("Қасымов Нұрлан Серікұлы", "dative") == "Қасымову Нұрлану Серікұлы"
    assert decline("Ахметова Айгүл Серікқызы", "genitive") == "Ахметовой Айгүл Серікқызы"
    assert name_forms("Ахметова Айгүл Серікқызы")["female"] is True


@pytest.mark.parametrize("language", ["kk", "en"])
def test_names_in_a_sentence_that_is_not_russian_are_not_declined(language: str) -> None:
    """TP, AK: the Kazakh part of a bilingual form writes the name as it is."""
    assert decline("Қасымов Нұрлан Серікұлы", "dative", language=language) == (
        "Қасымов Нұрлан Серікұлы"
    )
    forms = name_forms("Иванов Иван Иванович", language=language)
    assert forms["dative"] == forms["genitive"] == "Иванов Иван Иванович"
    assert forms["male"] is True and forms["short"] == "И.И. Иванов"


def test_name_forms_give_initials_and_agreement() -> None:
    forms = name_forms("Петрова Мария Сергеевна")
    assert forms["short"] == "М.С. Петрова"
    assert forms["surname_initials"] == "Петрова М.С."
    assert forms["first_patronymic"] == "Мария Сергеевна"
    assert forms["female"] and not forms["male"]
    unknown = name_forms("Smith John")
    assert not unknown["female"] and not unknown["male"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2018, 9, 19), "«19» сентября 2018 г."),
        (dt.date(2026, 5, 5), "«05» мая 2026 г."),
        ("2026-01-31", "«31» января 2026 г."),
        (dt.datetime(2026, 12, 1, 15, 30), "«01» декабря 2026 г."),
        (None, ""),
    ],
)
def test_dates_in_the_russian_document_style(value: object, expected: str) -> None:
    assert doc_date(value) == expected


def test_a_moment_is_dated_by_the_day_where_rezerv_runs_not_in_utc() -> None:
    """22:30 UTC on 31 January is 01:30 on 1 February in Moscow (TIME_ZONE): the form says 1 February."""
    moment = dt.datetime(2026, 1, 31, 22, 30, tzinfo=dt.UTC)
    assert doc_date(moment) == "«01» февраля 2026 г."
    assert doc_date(moment.isoformat()) == "«01» февраля 2026 г."
    assert doc_date("2026-01-31T12:00:00") == "«31» января 2026 г."  # naive: as written


def test_numbers_with_a_decimal_comma_and_the_points_word() -> None:
    assert num("47.20") == "47,20"
    assert num(None) == ""
    assert [points_word(n) for n in (1, 2, 5, 11, 21, 22, "10")] == [
        "балл",
        "балла",
        "баллов",
        "баллов",
        "балл",
        "балла",
        "баллов",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, "год"), (3, "года"), (9, "лет"), (11, "лет"), (21, "год"), ("3.5", "года"), (None, "лет")],
)
def test_the_word_after_a_number_of_years(value: object, expected: str) -> None:
    from rezerv.documents.style import years_word

    assert years_word(value) == expected
