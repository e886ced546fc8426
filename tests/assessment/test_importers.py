"""Questions imported from XLSX and Moodle XML; errors name the row or line (KM-13: exactly one
correct option) and nothing is stored."""

from __future__ import annotations

import io

from openpyxl import Workbook

from rezerv.assessment.importers import read_moodle_xml, read_xlsx


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEADER = ["Тема", "Вопрос", "Правильный ответ", "Вариант 1", "Вариант 2", "Вариант 3"]


def test_xlsx_rows_become_questions() -> None:
    found, errors = read_xlsx(
        xlsx([HEADER, ["Право", "Что такое закон?", 2, "Обычай", "Акт парламента", "Мнение"]])
    )
    assert errors == []
    assert found[0].topic == "Право" and found[0].correct == 1
    assert found[0].options == ["Обычай", "Акт парламента", "Мнение"]


def test_km13_xlsx_errors_name_the_row() -> None:
    found, errors = read_xlsx(
        xlsx(
            [
                HEADER,
                ["Право", "Хороший", 1, "Да", "Нет"],
                ["Право", "Без ключа", "", "Да", "Нет"],
                ["", "Без темы", 5, "Да", "Да"],
            ]
        )
    )
    assert len(found) == 1
    assert errors[0].startswith("Строка 3:") and "ровно один" in errors[0]
    assert errors[1].startswith("Строка 4:") and "не указана тема" in errors[1]
    assert "повторяются" in errors[1]


def test_xlsx_without_the_columns_is_refused_at_row_one() -> None:
    assert read_xlsx(xlsx([["A", "B"], [1, 2]]))[1][0].startswith("Строка 1:")
    assert read_xlsx(b"not a workbook")[1] == ["Файл не читается как таблица XLSX."]


MOODLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Ethics</text></category></question>
  <question type="multichoice">
    <name><text>q1</text></name>
    <questiontext format="html"><text><![CDATA[<p>Conflict of &laquo;interest&raquo;?</p>]]></text></questiontext>
    <single>true</single>
    <answer fraction="0"><text>Ignore it</text></answer>
    <answer fraction="100"><text>Declare it</text></answer>
  </question>
  <question type="multichoice">
    <questiontext><text>Two right</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>A</text></answer>
    <answer fraction="50"><text>B</text></answer>
  </question>
  <question type="essay"><questiontext><text>Write</text></questiontext></question>
</quiz>
"""


def test_moodle_multichoice_becomes_a_question_with_its_category_as_topic() -> None:
    found, errors = read_moodle_xml(MOODLE)
    assert found[0].topic == "Ethics"
    assert found[0].text == "Conflict of «interest»?"
    assert found[0].options == ["Ignore it", "Declare it"] and found[0].correct == 1
    assert errors[0].startswith("Строка 11:") and "несколькими правильными" in errors[0]
    assert errors[1].startswith("Строка 17:") and "essay" in errors[1]


def test_moodle_xml_with_an_external_entity_is_refused_xxe() -> None:
    evil = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<quiz><question type="multichoice"><questiontext><text>&xxe;</text></questiontext>
<answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer>
</question></quiz>"""
    found, errors = read_moodle_xml(evil)
    assert found == [] and errors == ["Строка 1: файл с объявлением DOCTYPE не принимается."]


def test_broken_xml_names_the_line() -> None:
    found, errors = read_moodle_xml(b"<quiz>\n<question>\n</quiz>")
    assert found == [] and errors[0].startswith("Строка 3:")
