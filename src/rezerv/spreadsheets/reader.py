"""Rows of an XLSX or CSV file, streamed: openpyxl's read-only mode, or the csv module.

The format is told by content, not by name: an XLSX file is a ZIP archive. A CSV file may be
UTF-8 (with or without BOM) or Windows-1251 (what Excel writes in Russian locales), separated by
«;», «,» or a tab (whichever the first line has most of).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from openpyxl import load_workbook


class FileError(ValueError):
    """The file cannot be read as a table at all (the report names no row)."""


@dataclass
class Rows:
    """``rows`` yields (row number as the spreadsheet shows it, cell values)."""

    format: str
    rows: Iterator[tuple[int, tuple[Any, ...]]]
    total: int | None  # number of rows, when known beforehand (for the progress bar)
    close: Any = None


def _is_zip(head: bytes) -> bool:
    return head[:4] == b"PK\x03\x04"


def open_rows(source: str | Path | IO[bytes]) -> Rows:
    """Open ``source`` (a path or a binary file object) and stream its first sheet's rows."""
    if isinstance(source, (str, Path)):
        handle: IO[bytes] = open(source, "rb")  # noqa: SIM115 (closed by Rows.close)
    else:
        handle = source
        handle.seek(0)
    head = handle.read(4)
    handle.seek(0)
    if _is_zip(head):
        return _xlsx_rows(handle)
    return _csv_rows(handle)


UNREADABLE = "файл не читается как книга Excel (XLSX); сохраните его в формате .xlsx или .csv"
# The shared strings of a book are held in memory whole by openpyxl (the rows are streamed).
MAX_SHARED_STRINGS = 32 * 1024 * 1024


def _max_import_unpacked() -> int:
    from django.conf import settings

    return int(getattr(settings, "REZERV_MAX_IMPORT_UNPACKED_BYTES", 1024 * 1024 * 1024))


def _check_archive(handle: IO[bytes]) -> None:
    """Refuse a «zip bomb» from the archive's directory, before anything is unpacked."""
    from rezerv.selection.file_safety import zip_bomb

    try:
        members = zipfile.ZipFile(handle).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileError(UNREADABLE + " (архив повреждён)") from exc
    finally:
        handle.seek(0)
    total = sum(m.file_size for m in members)
    shared = sum(m.file_size for m in members if m.filename.lower().endswith("sharedstrings.xml"))
    if zip_bomb(members, _max_import_unpacked()) or shared > MAX_SHARED_STRINGS:
        raise FileError(
            f"файл распаковывается в {total / 1048576:.0f} МБ (похоже на «zip-бомбу»); "
            "файл не принят"
        )


def _xlsx_rows(handle: IO[bytes]) -> Rows:
    try:
        _check_archive(handle)
    except FileError:
        handle.close()
        raise
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # any part unreadable (XML, ZIP, content types): one message
        handle.close()
        raise FileError(UNREADABLE) from exc
    if not workbook.worksheets:
        workbook.close()
        handle.close()
        raise FileError("в книге нет листов")
    sheet = workbook.worksheets[0]
    try:
        total = sheet.max_row if isinstance(sheet.max_row, int) else None
    except Exception as exc:  # the sheet's XML is broken from its start
        workbook.close()
        handle.close()
        raise FileError(UNREADABLE) from exc
    # The dimension a file states is only a hint (some programs write a wrong one): read every
    # row the sheet has, not just as many as it claims.
    sheet.reset_dimensions()

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        # Read-only iter_rows starts at row 1 and yields empty tuples for missing rows,
        # so the count is the row number the spreadsheet shows.
        number = 0
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, values
        except FileError:
            raise
        except Exception as exc:  # a corrupted part found while streaming (XML, deflate, CRC)
            raise FileError(f"строка {number + 1}: файл повреждён и дальше не читается") from exc

    def close() -> None:
        workbook.close()
        handle.close()

    return Rows("xlsx", rows(), total, close)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError as exc:
        raise FileError(
            "файл не является таблицей XLSX или текстом CSV в кодировке UTF-8 или Windows-1251"
        ) from exc


def _csv_rows(handle: IO[bytes]) -> Rows:
    data = handle.read()
    handle.close()
    if b"\x00" in data[:4096]:
        raise FileError("файл не является таблицей XLSX или текстом CSV")
    text = _decode(data)
    del data
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    total = text.count("\n") + (0 if text.endswith("\n") else 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows() -> Iterator[tuple[int, tuple[Any, ...]]]:
        number = 0
        try:
            # Numbered by record, as a spreadsheet shows the file (a quoted cell may span
            # several physical lines).
            for number, values in enumerate(reader, start=1):
                yield number, tuple(values)
        except csv.Error as exc:
            raise FileError(f"строка {number + 1}: ошибка формата CSV ({exc})") from exc

    return Rows("csv", rows(), total, None)
