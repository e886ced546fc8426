"""Questions read from an XLSX sheet or a Moodle XML file, with errors naming the row or line.

Both readers return ``(questions, errors)``; the caller stores nothing when there are errors.
KM-13: every question has options and exactly one correct option.

XLSX: the first row names the columns «Тема», «Вопрос», «Правильный ответ» (the number of the
correct option) and «Вариант 1», «Вариант 2», …; every further row is a question.

Moodle XML: ``<question type="multichoice">`` with ``<single>true</single>`` and one answer of
``fraction="100"`` (the others 0); a ``<question type="category">`` sets the topic of the
questions after it (the last part of its path). The file is parsed without a DTD, entities or
network access (no XXE); a file with a DOCTYPE is refused.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass
from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext

MAX_OPTIONS = 10
MAX_TEXT = 4000


@dataclass(frozen=True)
class QuestionData:
    topic: str
    text: str
    options: list[str]
    correct: int  # the index of the correct option, from 0


def check_question(topic: str, text: str, options: list[str], correct: int | None) -> list[str]:
    """What is wrong with one question (KM-13), worded for the user; empty: nothing."""
    problems = []
    if not topic.strip():
        problems.append(gettext("не указана тема"))
    if not text.strip():
        problems.append(gettext("нет текста вопроса"))
    elif len(text) > MAX_TEXT:
        problems.append(gettext("текст вопроса длиннее %(n)s знаков") % {"n": MAX_TEXT})
    if len(options) < 2:
        problems.append(gettext("нужно не меньше двух вариантов ответа"))
    if len(options) > MAX_OPTIONS:
        problems.append(gettext("вариантов ответа больше %(n)s") % {"n": MAX_OPTIONS})
    if any(not o.strip() for o in options):
        problems.append(gettext("пустой вариант ответа"))
    if len({o.strip().casefold() for o in options}) != len(options):
        problems.append(gettext("варианты ответа повторяются"))
    if correct is None or not 0 <= correct < len(options):
        problems.append(gettext("правильным должен быть ровно один из вариантов ответа"))
    return problems


# --------------------------------------------------------------------------- XLSX

TOPIC, TEXT, CORRECT = "тема", "вопрос", "правильный ответ"
OPTION = re.compile(r"^вариант\s*(\d+)$")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# The header of an XLSX bank as its authors type it (the same in every interface language).
XLSX_COLUMNS = "«Тема», «Вопрос», «Правильный ответ», «Вариант 1», «Вариант 2»…"


def read_xlsx(data: bytes) -> tuple[list[QuestionData], list[str]]:
    """The questions of an XLSX bank, or the errors; a «zip bomb» (judged from the archive's
    directory, before anything is unpacked) or a file corrupted anywhere gets one message."""
    import zipfile

    from rezerv.selection.file_safety import max_unpacked, zip_bomb

    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return [], [gettext("Файл не читается как таблица XLSX.")]
    if zip_bomb(members, max_unpacked()):
        return [], [gettext("Файл распаковывается в слишком большой объём и не принят.")]
    try:
        return _read_xlsx(data)
    except Exception:  # any unreadable part, found while reading: one message
        return [], [gettext("Файл не читается как таблица XLSX.")]


def _read_xlsx(data: bytes) -> tuple[list[QuestionData], list[str]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_cell(v).casefold() for v in next(rows, ())]
    columns = {name: i for i, name in enumerate(header) if name}
    options = sorted(
        (int(m.group(1)), i) for name, i in columns.items() if (m := OPTION.match(name))
    )
    missing = [t for t in (TOPIC, TEXT, CORRECT) if t not in columns]
    if missing or not options:
        return [], [
            gettext("Строка 1: в заголовке должны быть столбцы %(need)s.") % {"need": XLSX_COLUMNS}
        ]
    found, errors = [], []
    for number, row in enumerate(rows, start=2):
        cells = [_cell(v) for v in row]
        if not any(cells):
            continue

        def get(i: int, cells: list[str] = cells) -> str:
            return cells[i] if i < len(cells) else ""

        given = [get(i) for _, i in options]
        while given and not given[-1]:
            given.pop()
        raw = get(columns[CORRECT])
        correct = int(raw) - 1 if raw.isdigit() else None
        problems = check_question(get(columns[TOPIC]), get(columns[TEXT]), given, correct)
        if problems:
            errors.append(
                gettext("Строка %(row)s: %(problems)s.")
                % {"row": number, "problems": "; ".join(problems)}
            )
        else:
            assert correct is not None
            found.append(QuestionData(get(columns[TOPIC]), get(columns[TEXT]), given, correct))
    if not found and not errors:
        errors.append(gettext("В файле нет ни одного вопроса."))
    return found, errors


# --------------------------------------------------------------------------- Moodle XML


def _text(node: Any) -> str:
    if node is None:
        return ""
    inner = node.find("text")
    raw = inner.text if inner is not None else node.text
    return html.unescape(strip_tags(raw or "")).strip()


def _fraction(answer: Any) -> float | None:
    try:
        return float(answer.get("fraction", "0"))
    except ValueError:
        return None


def read_moodle_xml(data: bytes) -> tuple[list[QuestionData], list[str]]:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        return [], [gettext("Строка %(line)s: файл не является правильным XML.") % {"line": line}]
    if root.getroottree().docinfo.doctype:
        return [], [gettext("Строка 1: файл с объявлением DOCTYPE не принимается.")]
    if root.tag != "quiz":
        return [], [
            gettext("Строка %(line)s: ожидался элемент quiz (Moodle XML).")
            % {"line": root.sourceline or 1}
        ]
    found, errors, topic = [], [], ""
    for node in root.iter("question"):
        kind = node.get("type", "")
        line = node.sourceline or 1
        if kind == "category":
            path = _text(node.find("category"))
            topic = path.rstrip("/").split("/")[-1].strip()
            continue
        if kind != "multichoice":
            errors.append(
                gettext(
                    "Строка %(line)s: тип вопроса «%(kind)s» не поддерживается (нужен multichoice)."
                )
                % {"line": line, "kind": kind}
            )
            continue
        problems = []
        if (node.findtext("single") or "true").strip().lower() not in ("true", "1"):
            problems.append(gettext("вопрос с несколькими правильными ответами"))
        answers = node.findall("answer")
        options = [_text(a) for a in answers]
        fractions = [_fraction(a) for a in answers]
        right = [i for i, f in enumerate(fractions) if f == 100]
        single = len(right) == 1 and all(f in (0, 100) for f in fractions)
        correct = right[0] if single else None
        problems += check_question(topic, _text(node.find("questiontext")), options, correct)
        if problems:
            errors.append(
                gettext("Строка %(row)s: %(problems)s.")
                % {"row": line, "problems": "; ".join(problems)}
            )
        else:
            assert correct is not None
            found.append(QuestionData(topic, _text(node.find("questiontext")), options, correct))
    if not found and not errors:
        errors.append(gettext("В файле нет ни одного вопроса."))
    return found, errors
