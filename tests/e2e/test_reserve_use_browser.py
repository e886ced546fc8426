"""The reserve in use, in a real browser (issue 10), from a decided BR competition
(``tests.documents.world_br``): a member included in the reserve gets an individual development
plan (BR-19), reports on it with a file from their own account, HR assesses the report; a
target position falls vacant and the member is matched to it with each qualification
requirement explained (BR-20, PK-7), goes through the regulation's steps and is appointed,
which excludes them on the ground "appointed" (BR-21) and counts in the efficiency (BR-23)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rezerv.selection.models import ReserveEntry
from rezerv.selection.reserve_use_models import PlanReport, Vacancy
from tests.documents.world_br import br_documents_world
from tests.e2e.pages import Clock, expect_message, log_in, row_of, screenshot, section_of

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(tempfile.gettempdir()) / "rezerv-e2e-reserve-use"  # to look at; not committed
GARIPOV = "Гарипов Ильдар Рустемович"
APPOINTED = "Назначение на целевую управленческую должность, в резерве на которую лицо состоит"
STEPS = [
    "Согласие лица из резерва на замещение вакантной целевой должности",
    "Согласование списка кандидатов",
    "Анализ кандидата в соответствии с законодательством о противодействии коррупции",
    "Решение о рекомендации кандидата",
    "Назначение на вакантную целевую должность",
]


def test_br19_br20_pk7_br21_br23_plan_report_vacancy_appointment_exclusion(
    browser: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    world = br_documents_world(timezone.localdate())
    entry = ReserveEntry.objects.get(decision=world["decision"], person__last_name="Гарипов")
    assert entry.included_on is not None
    day = entry.included_on + dt.timedelta(days=40)
    due = day - dt.timedelta(days=5)
    Clock(monkeypatch).set(day)

    # HR: the member's development plan gets an item, overdue until reported (BR-19)
    hr = browser()
    log_in(hr, "hr_br_docs")
    hr.get_by_role("link", name="Кадровый резерв").click()
    hr.get_by_role("link", name=GARIPOV).click()
    hr.get_by_role("link", name="План индивидуальной подготовки и участие в проектах").click()
    hr.get_by_label("Форма работы").select_option(label="Краткосрочная стажировка")
    hr.get_by_label("Содержание").fill("Стажировка в Министерстве экономического развития")
    hr.get_by_label("Срок выполнения").fill(due.isoformat())
    hr.get_by_role("button", name="Добавить пункт").click()
    expect_message(hr, "Пункт плана добавлен.")
    expect(row_of(hr, "Стажировка в Министерстве")).to_contain_text("просрочен")
    hr.get_by_role("link", name=GARIPOV).click()
    hr.get_by_role("link", name="Реестр кадрового резерва").click()
    expect(row_of(hr, GARIPOV)).to_contain_text("план подготовки просрочен")

    # the member reports on their own plan with a file, in their account
    report_file = tmp_path / "otchet.pdf"
    report_file.write_bytes(b"%PDF-1.4\n% report\n")
    member = browser()
    log_in(member, "br_garipov")
    member.get_by_role("link", name="Мои заявления").click()
    member.get_by_role("link", name="Мой план индивидуальной подготовки").click()
    item = member.locator("article.plan-item").filter(has_text="Стажировка в Министерстве")
    expect(item).to_contain_text("просрочен")
    item.get_by_label("Что сделано").fill("Стажировка пройдена, отчёт приложен")
    item.get_by_label("Дата выполнения").fill(due.isoformat())
    item.get_by_label("Файл (необязательно)").set_input_files(str(report_file))
    item.get_by_role("button", name="Отправить отчёт").click()
    expect_message(member, "Отчёт отправлен.")
    expect(member.locator("article.plan-item")).to_contain_text("Стажировка пройдена")
    screenshot(SCREENSHOTS, member, "1-member-report")
    assert PlanReport.objects.get(item__entry=entry).sha256

    # HR sees the report, opens its file, assesses the item
    hr.get_by_role("link", name=GARIPOV).click()
    hr.get_by_role("link", name="План индивидуальной подготовки и участие в проектах").click()
    row = row_of(hr, "Стажировка в Министерстве")
    expect(row).to_contain_text("Стажировка пройдена")
    expect(row).not_to_contain_text("просрочен")
    with hr.expect_download() as got:
        row.get_by_role("link", name="файл").click()
    assert Path(got.value.path()).read_bytes().startswith(b"%PDF")
    row.get_by_label("Оценка").select_option(label="выполнено")
    row.get_by_role("button", name="Оценить").click()
    expect_message(hr, "Оценка записана.")
    expect(hr.locator("#plan-state")).to_contain_text("просроченных пунктов нет")

    # a target position falls vacant: members matched with the requirements explained (BR-20)
    hr.goto("/desk/reserve/")
    hr.get_by_role("link", name="Вакантные целевые должности").click()
    form = section_of(hr, "Новая вакантная должность")
    form.get_by_label("Резерв (регламент)").select_option(value="BR")
    form.get_by_label("Вакантная целевая должность").fill("Заместитель министра экономики")
    form.get_by_label("Вакантна с").fill(day.isoformat())
    form.get_by_role("button", name="Записать вакансию").click()
    expect_message(hr, "Вакантная должность записана.")
    meets = hr.locator("#vacancy-meets")
    candidate = meets.get_by_role("row").filter(has_text=GARIPOV)
    expect(candidate).to_contain_text("соответствует: наличие гражданства Российской Федерации")
    expect(candidate).to_contain_text("стаж работы на руководящих должностях")
    expect(candidate).to_contain_text("82")  # ranked by the rating score
    expect(meets.get_by_role("row").nth(1)).to_contain_text(GARIPOV)  # the highest score first
    screenshot(SCREENSHOTS, hr, "2-vacancy-matches")

    # the steps in the regulation's order, then the appointment
    for index, step in enumerate(STEPS):
        candidate = hr.locator("#vacancy-meets").get_by_role("row").filter(has_text=GARIPOV)
        expect(candidate).to_contain_text(step)
        candidate.get_by_label("Документ (номер и дата)").fill(f"Документ № {index + 1}")
        candidate.get_by_role("button", name="Записать этап").click()
        expect_message(hr, "Этап записан.")
    expect(hr.locator("#vacancy-filled")).to_contain_text(GARIPOV)
    history = section_of(hr, "Записанные этапы")
    for step in STEPS:
        expect(history).to_contain_text(step)
    screenshot(SCREENSHOTS, hr, "3-appointed")
    vacancy = Vacancy.objects.get()
    assert vacancy.filled_by_id == entry.pk and vacancy.filled_on == day

    # the appointment excluded the member on the ground "appointed" (BR-21)
    history.get_by_role("link", name=GARIPOV).first.click()
    expect(section_of(hr, "Исключения и повторные включения")).to_contain_text(APPOINTED)
    entry.refresh_from_db()
    assert entry.excluded_on == day and entry.exclusion_ground == "appointed_to_target_position"

    # and counts for the efficiency (BR-23): a table, a chart drawn by the library
    hr.goto("/desk/reserve/")
    hr.get_by_role("link", name="Эффективность работы с резервом").click()
    hr.get_by_label("Год").fill(str(day.year))
    hr.get_by_role("button", name="Показать").click()
    appointed = row_of(hr, "Доля лиц, назначенных из резерва")
    expect(appointed.first).to_contain_text("(1 / ")
    filled = row_of(hr, "Доля целевых должностей")
    expect(filled.first).to_contain_text("100 % (1 / 1) — очень высокая")
    expect(hr.locator("#efficiency-chart svg")).to_be_visible()
    screenshot(SCREENSHOTS, hr, "4-efficiency")
