"""``manage.py import_xlsx KIND FILE --campaign UUID [--dry-run] [--user LOGIN]``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
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
    rows = [h.KM_APPLICATION_HEADERS] + [
        h.km_row(f"Иванов{i}", "Иван", "", "05.05.1985", h.snils(100000000 + i * 7919), yesterday)
        for i in range(1, 31)
    ]
    good = h.xlsx(tmp_path / "apps.xlsx", rows)
    bad_rows = [*rows[:3], h.km_row("Петров", "Пётр", "", "1985-13-01", "", yesterday)]
    bad = h.csv_file(tmp_path / "apps.csv", bad_rows)
    return {"hr": hr, "campaign": campaign, "good": good, "bad": bad}


def test_dry_run_prints_the_report_and_fails_with_status_2(
    km: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_xlsx",
            "applications",
            str(km["bad"]),
            campaign=str(km["campaign"].uid),
            dry_run=True,
        )
    assert caught.value.returncode == 2
    out = capsys.readouterr().out
    assert "строка 4, столбец «Дата рождения»: нет такой даты" in out
    assert "строка 4, столбец «ИИН»: нужен ИИН или СНИЛС" in out
    assert "ошибок 2" in out and "Файл не загружен" in out
    assert not Application.objects.exists()


def test_clean_dry_run_then_import_with_a_progress_bar(
    km: dict[str, Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("import_xlsx", "applications", str(km["good"]))
    call_command(*args, campaign=str(km["campaign"].uid), dry_run=True)
    assert "ошибок нет" in capsys.readouterr().out
    assert not Application.objects.exists()

    with pytest.raises(CommandError, match="--user"):
        call_command(*args, campaign=str(km["campaign"].uid))
    assert not Application.objects.exists()

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    call_command(*args, campaign=str(km["campaign"].uid), user="hr")
    captured = capsys.readouterr()
    assert "загружено (лиц: 30, анкет: 30, заявлений: 30)" in captured.out
    assert "проверка строк" in captured.err and "100%" in captured.err  # tqdm
    assert "запись" in captured.err
    assert Application.objects.filter(campaign=km["campaign"]).count() == 30


def test_the_user_must_run_the_campaign_and_the_campaign_must_exist(km: dict[str, Any]) -> None:
    f.hr_user(f.body("Другой орган"), "stranger")
    with pytest.raises(CommandError, match="не ведёт эту кампанию"):
        call_command(
            "import_xlsx",
            "applications",
            str(km["good"]),
            campaign=str(km["campaign"].uid),
            user="stranger",
        )
    with pytest.raises(CommandError, match="нет кампании"):
        call_command("import_xlsx", "applications", str(km["good"]), campaign="nope", dry_run=True)
    with pytest.raises(CommandError, match="файл не найден"):
        call_command(
            "import_xlsx",
            "results",
            "/nonexistent.xlsx",
            campaign=str(km["campaign"].uid),
            dry_run=True,
        )
    assert not Application.objects.exists()
