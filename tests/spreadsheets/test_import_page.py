"""The HR page: upload a file, read the dry-run report, confirm (or cancel) the import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.selection.models import Application
from tests.spreadsheets import helpers as h
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def km(tmp_path: Path) -> dict[str, Any]:
    body = f.body()
    hr = f.hr_user(body)
    today = timezone.localdate()
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    yesterday = today - dt.timedelta(days=1)
    rows = [
        h.KM_APPLICATION_HEADERS,
        h.km_row("Иванов", "Иван", "", "05.05.1985", h.snils(123456789), yesterday),
        h.km_row("Петрова", "Мария", "", "06.06.1986", h.snils(223456789), yesterday),
    ]
    client = Client()
    client.force_login(hr)
    return {
        "hr": hr,
        "campaign": campaign,
        "client": client,
        "good": h.xlsx(tmp_path / "good.xlsx", rows).read_bytes(),
        "bad": h.xlsx(tmp_path / "bad.xlsx", [*rows, rows[1]]).read_bytes(),
        "url": reverse("sheets", args=[campaign.uid]),
    }


def upload(km: dict[str, Any], data: bytes, name: str = "заявления Иванова.xlsx") -> Any:
    return km["client"].post(
        km["url"], {"kind": "applications", "file": SimpleUploadedFile(name, data)}
    )


def test_the_campaign_page_links_to_the_spreadsheets_page(km: dict[str, Any]) -> None:
    page = km["client"].get(reverse("desk_campaign", args=[km["campaign"].uid])).content.decode()
    assert km["url"] in page
    sheets = km["client"].get(km["url"]).content.decode()
    for text in ("Фамилия", "Дата подачи", "Согласие на обработку ПД", "Пустой шаблон XLSX"):
        assert text in sheets
    assert "Документы кандидатов из таблиц не загружаются" in sheets


def test_upload_shows_the_dry_run_report_then_confirm_imports(km: dict[str, Any]) -> None:
    page = upload(km, km["good"]).content.decode()
    assert "Проверка пройдена" in page and "ошибок нет" in page
    assert not Application.objects.exists()
    assert "заявления Иванова" not in page  # the file's name is not kept nor shown
    done = km["client"].post(reverse("sheets_confirm", args=[km["campaign"].uid]), follow=True)
    assert "загружено (лиц: 2, анкет: 2, заявлений: 2)" in done.content.decode()
    assert Application.objects.filter(campaign=km["campaign"]).count() == 2
    # The pending file is gone: a second confirm imports nothing.
    again = km["client"].post(reverse("sheets_confirm", args=[km["campaign"].uid]), follow=True)
    assert "Нет проверенного файла" in again.content.decode()
    assert Application.objects.count() == 2


def test_a_file_with_errors_cannot_be_confirmed(km: dict[str, Any]) -> None:
    page = upload(km, km["bad"]).content.decode()
    assert "Ошибки в файле" in page
    assert "строка 4, столбец «СНИЛС»: СНИЛС повторяется: такой же в строке 2" in page
    assert "Загрузить</button>" not in page
    km["client"].post(reverse("sheets_confirm", args=[km["campaign"].uid]))
    assert not Application.objects.exists()


def test_cancel_discards_the_checked_file(km: dict[str, Any]) -> None:
    upload(km, km["good"])
    km["client"].post(reverse("sheets_confirm", args=[km["campaign"].uid]), {"cancel": "1"})
    km["client"].post(reverse("sheets_confirm", args=[km["campaign"].uid]))
    assert not Application.objects.exists()


def test_other_bodies_hr_cannot_upload_nor_confirm(km: dict[str, Any]) -> None:
    stranger = Client()
    stranger.force_login(f.hr_user(f.body("Другой орган"), "stranger"))
    response = stranger.post(
        km["url"], {"kind": "applications", "file": SimpleUploadedFile("a.xlsx", km["good"])}
    )
    assert response.status_code == 403
    upload(km, km["good"])  # the campaign's HR has a checked file waiting
    response = stranger.post(reverse("sheets_confirm", args=[km["campaign"].uid]))
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_blank_templates_carry_the_documented_headers(km: dict[str, Any]) -> None:
    import io

    from openpyxl import load_workbook

    response = km["client"].get(
        reverse("sheets_template", args=[km["campaign"].uid, "applications"])
    )
    wb = load_workbook(io.BytesIO(response.content))
    headers = [c.value for c in wb["Данные"][1]]
    assert headers[:2] == ["Фамилия *", "Имя *"]
    assert "Дата подачи *" in headers
    assert "Описание" in wb.sheetnames
