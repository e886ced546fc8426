"""Hostile import files (issue 13, «Files, imports and exports»): a decompression bomb, XXE and
entity expansion, malformed XML, a corrupted archive — each gets an import report, never a
server error, within a bounded memory (the bomb is refused from the archive's directory: its
peak Python allocation is measured with tracemalloc and asserted below 16 MB)."""

from __future__ import annotations

import datetime as dt
import io
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.selection.models import Application
from rezerv.spreadsheets.reader import FileError, open_rows
from tests.spreadsheets import helpers as h
from tests.web import factories as f

pytestmark = pytest.mark.django_db

BOMB_UNPACKED = 16 * 1024 * 1024  # the sheet's XML (the figure in the report: 1 GB, by hand)


def _rewrite(good: bytes, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = replace.get(item.filename, src.read(item))
            dst.writestr(item.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _bomb(good: bytes) -> bytes:
    """A valid XLSX whose sheet unpacks to 16 MB of rows (about 20 KB packed: 800×)."""
    out = io.BytesIO()
    row = b'<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></is></c></row>'
    chunk = row * (1024 * 1024 // len(row) + 1)
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(item.filename, src.read(item), compress_type=zipfile.ZIP_DEFLATED)
                continue
            info = zipfile.ZipInfo(item.filename)
            info.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(info, "w", force_zip64=True) as sheet:
                head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                sheet.write(head)
                written = len(head)
                while written < BOMB_UNPACKED:
                    sheet.write(chunk)
                    written += len(chunk)
                sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    today = timezone.localdate()
    rows = [
        h.KM_APPLICATION_HEADERS,
        h.km_row("Иванов", "Иван", "", "05.05.1985", h.snils(123456789), today),
    ]
    return h.xlsx(tmp_path_factory.mktemp("x") / "good.xlsx", rows).read_bytes()


@pytest.fixture(scope="module")
def bomb(good: bytes) -> bytes:
    return _bomb(good)


@pytest.fixture
def page() -> dict[str, Any]:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=timezone.localdate() - dt.timedelta(days=2))
    client = Client()
    client.force_login(hr)
    return {"client": client, "url": reverse("sheets", args=[campaign.uid])}


def _upload(page: dict[str, Any], data: bytes) -> str:
    response = page["client"].post(
        page["url"], {"kind": "applications", "file": SimpleUploadedFile("a.xlsx", data)}
    )
    assert response.status_code == 200
    assert not Application.objects.exists()
    return str(response.content.decode())


def test_an_xlsx_bomb_is_refused_from_its_directory_in_bounded_memory(bomb: bytes) -> None:
    assert len(bomb) < 1024 * 1024  # 16 MB of XML in a few KB
    tracemalloc.start()
    try:
        with pytest.raises(FileError) as caught:
            open_rows(io.BytesIO(bomb))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "zip-бомбу" in str(caught.value)
    assert peak < 16 * 1024 * 1024, f"peak {peak / 1048576:.1f} MB"


def test_the_bomb_through_the_page_gets_the_report(page: dict[str, Any], bomb: bytes) -> None:
    assert "zip-бомбу" in _upload(page, bomb)


def test_a_corrupted_archive_gets_the_report(page: dict[str, Any], good: bytes) -> None:
    truncated = good[: len(good) // 2]
    assert "не читается как книга Excel" in _upload(page, truncated)
    # a member's bytes damaged in place: the CRC or the deflate stream fails while reading
    damaged = bytearray(good)
    start = good.find(b"xl/worksheets/sheet1.xml") + 60
    damaged[start : start + 40] = b"\xff" * 40
    text = _upload(page, bytes(damaged))
    assert "не читается" in text or "повреждён" in text


def test_malformed_sheet_xml_gets_the_report(page: dict[str, Any], good: bytes) -> None:
    broken = _rewrite(good, {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row><c>"})
    text = _upload(page, broken)
    assert "не читается" in text or "повреждён" in text


def test_xxe_and_entity_expansion_in_a_sheet_read_nothing_of_the_machine(
    page: dict[str, Any], good: bytes
) -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">'
        b'<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&x;&d;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    text = _upload(page, _rewrite(good, {"xl/worksheets/sheet1.xml": xxe}))
    assert "root:" not in text


def test_a_bomb_question_bank_and_hostile_moodle_xml_get_a_message(bomb: bytes) -> None:
    from rezerv.assessment.importers import read_moodle_xml, read_xlsx

    found, errors = read_xlsx(bomb)
    assert found == [] and "слишком большой объём" in errors[0]
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><quiz>&b;</quiz>'
    )
    found, errors = read_moodle_xml(laughs)
    assert found == [] and errors and "DOCTYPE" in errors[0]
    found, errors = read_xlsx(b"PK\x03\x04 broken")
    assert found == [] and errors == ["Файл не читается как таблица XLSX."]


def test_the_bench_sized_file_is_no_bomb(tmp_path: Path, good: bytes) -> None:
    """A legitimate XLSX (10× packing, as the 100,000-row benchmark's) passes the guard."""
    rows = open_rows(io.BytesIO(good))
    assert rows.format == "xlsx"
    rows.close()
