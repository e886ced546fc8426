"""The reserve after the decision in a real browser (issue 10), from a decided BR competition
(``tests.documents.world_br``, built through the services): the HR officer opens the registry,
filters it by level (BR-1), opens a member's card, excludes the member on a ground of the
regulation's list with the order it rests on (BR-21), tries to include them again too early and
is told the date it becomes possible (BR-13); then the yearly review with a vote (PK-9, BR-2),
its approval and publication (BR-3)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rezerv.selection.models import AuditEvent, ReserveEntry
from rezerv.selection.reserve_review import review_members
from rezerv.selection.reserve_review_models import ReserveReview
from tests.documents.world_br import br_documents_world
from tests.e2e.pages import Clock, expect_message, log_in, row_of, screenshot, section_of

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(tempfile.gettempdir()) / "rezerv-e2e-reserve"  # to look at; not committed
GARIPOV = "Гарипов Ильдар Рустемович"
MOROZOV = "Морозов Денис Олегович"
APPOINTED = "Назначение на целевую управленческую должность, в резерве на которую лицо состоит"


def test_br21_br13_hr_excludes_from_the_registry_and_re_inclusion_waits_a_year(
    browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = br_documents_world(timezone.localdate())
    entry = ReserveEntry.objects.get(decision=world["decision"], person__last_name="Гарипов")
    assert entry.included_on is not None and entry.until is not None
    day = entry.included_on + dt.timedelta(days=40)
    Clock(monkeypatch).set(day)
    earliest = day.replace(year=day.year + 1).strftime("%d.%m.%Y")

    page = browser()
    log_in(page, "hr_br_docs")
    page.get_by_role("link", name="Кадровый резерв").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Реестр кадрового резерва")
    expect(row_of(page, GARIPOV)).to_contain_text("Высший уровень")
    expect(row_of(page, GARIPOV)).to_contain_text(entry.until.strftime("%d.%m.%Y"))  # BR-2
    expect(row_of(page, MOROZOV)).to_contain_text("Базовый уровень")
    screenshot(SCREENSHOTS, page, "1-registry")

    page.get_by_label("Уровень в резерве").select_option(label="Высший уровень")
    page.get_by_role("button", name="Показать").click()
    expect(row_of(page, GARIPOV)).to_be_visible()
    expect(row_of(page, MOROZOV)).to_have_count(0)

    page.get_by_role("link", name=GARIPOV).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(GARIPOV)
    assert str(entry.uid) in page.url and "Гарипов" not in page.url
    exclusion = section_of(page, "Исключение из резерва")
    exclusion.get_by_label("Основание исключения").select_option(label=APPOINTED)
    exclusion.get_by_label("Дата исключения").fill(day.isoformat())
    exclusion.get_by_role("button", name="Исключить").click()
    # the order is required: named at its field, nothing changed
    expect(section_of(page, "Исключение из резерва").get_by_role("alert")).to_contain_text(
        "Обязательное поле."
    )
    exclusion = section_of(page, "Исключение из резерва")
    exclusion.get_by_label("Приказ, протокол (номер и дата)").fill("Указ Главы РБ № УГ-100")
    exclusion.get_by_role("button", name="Исключить").click()
    expect_message(page, "Член резерва исключён из резерва.")
    history = section_of(page, "Исключения и повторные включения")
    expect(history).to_contain_text(APPOINTED)
    expect(history).to_contain_text("Указ Главы РБ № УГ-100")
    expect(history).to_contain_text(f"Повторное включение возможно не ранее {earliest}.")
    screenshot(SCREENSHOTS, page, "2-excluded")

    again = section_of(page, "Повторное включение в резерв")
    again.get_by_label("Дата повторного включения").fill(day.isoformat())
    again.get_by_label("Приказ, протокол (номер и дата)").fill("Распоряжение № 2")
    again.get_by_label(
        "Подтверждено: Успешное исполнение управленческих обязанностей на новом месте работы "
        "(для повторного включения)"
    ).check()
    again.get_by_role("button", name="Включить повторно").click()
    expect(section_of(page, "Повторное включение в резерв").get_by_role("alert")).to_contain_text(
        f"Повторное включение возможно не ранее {earliest} (BR-13)"
    )
    screenshot(SCREENSHOTS, page, "3-too-early")
    entry.refresh_from_db()
    assert entry.excluded_on == day and entry.exclusion_ground == "appointed_to_target_position"
    assert not entry.acts.filter(kind="re_inclusion").exists()

    page.get_by_role("link", name="Реестр кадрового резерва").click()
    page.get_by_label("Состояние").select_option(label="исключён")
    page.get_by_role("button", name="Показать").click()
    expect(row_of(page, GARIPOV)).to_contain_text(f"исключён {day.strftime('%d.%m.%Y')}")
    expect(row_of(page, MOROZOV)).to_have_count(0)
    assert AuditEvent.objects.filter(action="reserve.exclude", object_id=str(entry.pk)).exists()
    assert AuditEvent.objects.filter(action="reserve.view", object_id=str(entry.pk)).exists()

    # The yearly review with a vote (PK-9, BR-2 yearly update): the commission meets with a
    # quorum, votes per member; the member not kept is excluded on a ground of the list when
    # the approval is recorded, and the publication is recorded against BR-3's term.
    page.get_by_role("link", name="Ежегодное рассмотрение кадрового резерва").click()
    opening = section_of(page, "Назначить рассмотрение резерва")
    opening.get_by_label("Комиссия и кампания, по итогам которой сформирован резерв").select_option(
        index=1
    )
    opening.get_by_label("Дата заседания").fill(day.isoformat())
    opening.get_by_role("button", name="Назначить заседание").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Рассмотрение кадрового резерва")
    expect(section_of(page, "Заседание")).to_contain_text("заседание неправомочно")
    review = ReserveReview.objects.get()
    members = review_members(review)
    assert members and all(m.pk != entry.pk for m in members)  # Гарипов is no longer in it
    for box in page.locator('input[name="attendance-present"]').all():
        box.check()
    page.get_by_role("button", name="Записать присутствие").click()
    expect(section_of(page, "Заседание")).to_contain_text("заседание правомочно")
    present = list(review.commission.members.values_list("pk", flat=True))
    dropped = next(m for m in members if m.person.last_name == "Морозов")
    for member in members:
        form = section_of(page, f"Голосование: {member.person.full_name}")
        answer = "against" if member == dropped else "for"
        for pk in present:
            form.locator(f'input[name="entry{member.pk}-vote_{pk}"][value="{answer}"]').check()
        if member == dropped:
            form.get_by_label(
                "Основание исключения (если комиссия не оставила в резерве)"
            ).select_option(label="По личному заявлению")
        form.get_by_role("button", name="Записать голосование").click()
        expect_message(page, "Голосование записано.")
    decisions = section_of(page, "Решения по членам резерва")
    expect(row_of(page, MOROZOV)).to_contain_text("исключить из резерва: По личному заявлению")
    expect(decisions).to_contain_text("оставить в составе резерва")
    screenshot(SCREENSHOTS, page, "4-review-votes")
    approval = section_of(page, "Утверждение обновлённого состава резерва")
    approval.get_by_label("Дата утверждения").fill(day.isoformat())
    approval.get_by_label("Распоряжение об утверждении (номер и дата)").fill("Указ № УГ-200")
    approval.get_by_role("button", name="Записать утверждение").click()
    expect_message(page, "Утверждение обновлённого состава резерва записано.")
    expect(section_of(page, "Заседание")).to_contain_text("BR-3")  # the publication's due day
    publication = section_of(page, "Опубликование обновлённого состава резерва")
    publication.get_by_label("Дата опубликования").fill(day.isoformat())
    publication.get_by_role("button", name="Записать опубликование").click()
    expect_message(page, "Опубликование записано.")
    screenshot(SCREENSHOTS, page, "5-review-approved")
    dropped.refresh_from_db()
    assert (dropped.excluded_on, dropped.exclusion_ground) == (day, "own_request")
    assert AuditEvent.objects.filter(action="reserve.review_publish").exists()
