"""The reserve's use on its pages (issue 10): a member's development plan on the desk and in
the member's account with a report and its file (BR-19), a vacancy with the requirements
explained (BR-20), the efficiency page with its table, chart and XLSX (BR-23)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from rezerv.selection.models import ReserveEntry
from rezerv.selection.reserve_use_models import PlanItem, PlanReport
from tests.documents.world_br import br_documents_world
from tests.web import factories as f
from tests.web.test_reserve_views import at, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def br(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    w = br_documents_world(timezone.localdate())
    w["garipov"] = entry = ReserveEntry.objects.get(
        decision=w["decision"], person__last_name="Гарипов"
    )
    assert entry.included_on is not None
    w["day"] = entry.included_on + dt.timedelta(days=40)
    at(monkeypatch, w["day"])
    return w


def test_br19_hr_adds_an_item_the_member_reports_with_a_file_hr_assesses(
    br: dict[str, Any],
) -> None:
    entry: ReserveEntry = br["garipov"]
    hr = client_for(br["hr"])
    url = reverse("desk_reserve_plan", args=[entry.uid])
    due = br["day"] - dt.timedelta(days=5)
    page = hr.post(
        url,
        {"add_item": "1", "item-kind": "mentoring", "item-title": "Наставник", "item-due": due},
    )
    assert page.status_code == 302
    html = hr.get(url).content.decode()
    assert "Участие в наставнической деятельности" in html and "просрочен" in html
    assert "план подготовки просрочен" in hr.get(reverse("desk_reserve")).content.decode()
    item = PlanItem.objects.get(entry=entry)
    person = entry.person
    assert person.user is not None
    member = client_for(person.user)
    mine = member.get(reverse("me_reserve")).content.decode()
    assert "Наставник" in mine
    sent = member.post(
        reverse("me_reserve"),
        {
            "report-item": item.pk,
            "report-text": "Провёл 3 встречи",
            "report-done_on": due,
            "report-file": f.pdf("report.pdf"),
        },
    )
    assert sent.status_code == 302
    report = PlanReport.objects.get(item=item)
    assert member.get(reverse("reserve_report_file", args=[report.pk])).status_code == 200
    assert hr.get(reverse("reserve_report_file", args=[report.pk])).status_code == 200
    # another candidate may neither open the file nor report on the item
    stranger = client_for(f.candidate("stranger_plan", "Чужой", "Пётр", "").user)
    assert stranger.get(reverse("reserve_report_file", args=[report.pk])).status_code == 403
    refused = stranger.post(
        reverse("me_reserve"), {"report-item": item.pk, "report-text": "x", "report-done_on": due}
    )
    assert refused.status_code == 403
    assessed = hr.post(
        url,
        {
            "assess": "1",
            "assess-item": item.pk,
            "assess-version": item.version,
            "assess-assessment": "fulfilled",
            "assess-note": "Хорошо",
        },
    )
    assert assessed.status_code == 302
    item.refresh_from_db()
    assert item.assessment == "fulfilled"
    # a future report date is refused at its field, nothing recorded
    bad = member.post(
        reverse("me_reserve"),
        {
            "report-item": item.pk,
            "report-text": "x",
            "report-done_on": br["day"] + dt.timedelta(days=3),
        },
    )
    assert bad.status_code == 200 and "не может быть в будущем" in bad.content.decode()
    assert PlanReport.objects.filter(item=item).count() == 1


def test_br20_vacancy_page_explains_requirements_and_records_steps(br: dict[str, Any]) -> None:
    hr = client_for(br["hr"])
    made = hr.post(
        reverse("desk_vacancies"),
        {
            "vacancy-code": "BR",
            "vacancy-body": br["body"].pk,
            "vacancy-title": "Министр",
            "vacancy-level": "",
            "vacancy-vacant_since": br["day"],
        },
    )
    assert made.status_code == 302
    html = hr.get(made["Location"]).content.decode()
    assert "Гарипов Ильдар Рустемович" in html
    assert "соответствует: наличие гражданства Российской Федерации" in html or (
        "соответствует" in html
    )
    assert "Согласие лица из резерва" in html  # the first step, by the regulation's title
    assert "appointed_to_target_position" not in html and 'anti_corruption_check"' not in html


def test_br23_efficiency_page_with_table_chart_and_xlsx(br: dict[str, Any]) -> None:
    hr = client_for(br["hr"])
    page = hr.get(reverse("desk_reserve_efficiency"), {"code": "BR", "year": br["day"].year})
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "pygal" in html  # drawn by the library
    assert "Доля лиц, назначенных из резерва" in html
    sheet = hr.get(reverse("reserve_efficiency_export"), {"code": "BR", "year": br["day"].year})
    assert sheet.status_code == 200
    book = load_workbook(io.BytesIO(sheet.content))
    ws = book.active
    assert ws is not None and "Выгружено" in str(ws["A2"].value)
