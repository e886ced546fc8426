"""XLSX/CSV import: a dry run first, a report by row, column and reason, all or nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from rezerv.engine.intake import intake_window
from rezerv.selection.models import (
    Application,
    AuditEvent,
    Person,
    Questionnaire,
    Result,
)
from rezerv.spreadsheets.importer import spreadsheet_import
from tests.spreadsheets import helpers as h
from tests.web import factories as f

pytestmark = pytest.mark.django_db

H = h.KM_APPLICATION_HEADERS


@pytest.fixture
def km(tmp_path: Path) -> dict[str, Any]:
    body = f.body()
    hr = f.hr_user(body)
    today = timezone.localdate()
    campaign = f.km_campaign(hr, announce=today - dt.timedelta(days=2))
    return {"hr": hr, "campaign": campaign, "today": today, "tmp": tmp_path}


def run(km: dict[str, Any], kind: str, path: Path, *, dry_run: bool) -> Any:
    return spreadsheet_import(
        actor=km["hr"], campaign=km["campaign"], kind=kind, source=path, dry_run=dry_run
    )


def good_rows(km: dict[str, Any]) -> list[list[Any]]:
    yesterday = km["today"] - dt.timedelta(days=1)
    return [
        H,
        h.km_row("Иванов", "Иван", "Иванович", dt.date(1985, 5, 5), h.snils(123456789), yesterday),
        h.km_row(
            "Петрова",
            "Мария",
            "Сергеевна",
            "12.03.1990",
            h.snils(223456789),
            f"{yesterday:%d.%m.%Y} 10:30",
            route="Гражданский служащий (участвует на общих основаниях)",
            military="да",
        ),
    ]


def counts() -> tuple[int, int, int]:
    return Person.objects.count(), Questionnaire.objects.count(), Application.objects.count()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_applications_dry_run_writes_nothing_then_the_real_run_imports(
    km: dict[str, Any], fmt: str
) -> None:
    path = km["tmp"] / f"apps.{fmt}"
    writer = h.xlsx if fmt == "xlsx" else h.csv_file
    writer(path, good_rows(km))
    before = counts()

    checked = run(km, "applications", path, dry_run=True)
    assert checked.ok, checked.lines()
    assert checked.rows == 2 and checked.format == fmt
    assert not checked.imported
    assert counts() == before

    done = run(km, "applications", path, dry_run=False)
    assert done.ok and done.imported, done.lines()
    assert done.counts == {"persons": 2, "questionnaires": 2, "applications": 2}
    apps = {
        a.person.last_name: a
        for a in Application.objects.filter(campaign=km["campaign"]).select_related("person")
    }
    ivanov, petrova = apps["Иванов"], apps["Петрова"]
    assert ivanov.route == "default" and petrova.route == "civil_servant"
    assert ivanov.status == "submitted"
    assert ivanov.facts["speaks_russian"] is True
    assert ivanov.facts["liable_for_military_service"] is False
    assert petrova.facts["liable_for_military_service"] is True
    assert ivanov.facts["meets_qualification"] is True
    assert ivanov.facts["birth_date"] == "1985-05-05" and ivanov.facts["citizenship"] == "RU"
    assert petrova.person.birth_date == dt.date(1990, 3, 12)
    assert petrova.person.snils == h.snils(223456789)
    assert timezone.localtime(petrova.submitted_at).strftime("%H:%M") == "10:30"
    assert petrova.consent_given_at == petrova.submitted_at
    assert not ivanov.documents.exists()  # documents are not imported
    assert len({ivanov.code, petrova.code}) == 2
    events = AuditEvent.objects.filter(campaign=km["campaign"])
    assert events.filter(action="application.submit").count() == 2
    summary = events.get(action="import.applications")
    assert summary.changes["rows"] == 2 and summary.changes["file_sha256"] == done.sha256
    assert events.filter(action="import.applications.check").count() == 1


def bad_rows(km: dict[str, Any]) -> list[list[Any]]:
    yesterday = km["today"] - dt.timedelta(days=1)
    return [
        H,
        h.km_row("Иванов", "Иван", "", "31.02.1985", h.snils(123456789), yesterday),  # row 2
        h.km_row("Сидоров", "Пётр", "", "01.01.1980", h.snils(323456789), yesterday, route="x"),
        h.km_row("Кузнецов", "Олег", "", "01.01.1981", h.snils(123456789), yesterday),  # dup
        h.km_row("Смирнов", "Ян", "", "вчера", "123-456-789 00", yesterday),  # row 5
        h.km_row("Орлов", "Лев", "", "01.01.1982", h.snils(423456789), yesterday, russian="5"),
        h.km_row("Белов", "Ян", "", "01.01.1983", h.snils(523456789), yesterday, consent="нет"),
    ]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_c4_dry_run_reports_every_error_by_row_column_and_reason(
    km: dict[str, Any], fmt: str
) -> None:
    path = km["tmp"] / f"bad.{fmt}"
    (h.xlsx if fmt == "xlsx" else h.csv_file)(path, bad_rows(km))
    report = run(km, "applications", path, dry_run=True)
    lines = report.lines()
    assert "строка 2, столбец «Дата рождения»: нет такой даты" in lines
    assert any(
        line.startswith("строка 3, столбец «Порядок участия»: нет такого значения «x»")
        for line in lines
    ), lines
    assert "строка 4, столбец «СНИЛС»: СНИЛС повторяется: такой же в строке 2" in lines
    assert "строка 5, столбец «Дата рождения»: не дата (ожидается ДД.ММ.ГГГГ)" in lines
    assert "строка 5, столбец «СНИЛС»: неверное контрольное число СНИЛС" in lines
    assert (
        "строка 6, столбец «Владею государственным языком Российской Федерации (русским языком)»:"
        " ожидается «да» или «нет»" in lines
    )
    assert (
        "строка 7, столбец «Согласие на обработку ПД»: без согласия на обработку персональных "
        "данных заявление не принимается (C-4)" in lines
    )
    assert report.problems_total == 7
    assert not report.ok and "Файл не загружен" in report.summary()


def test_nothing_is_imported_from_a_file_with_one_bad_row(km: dict[str, Any]) -> None:
    rows = good_rows(km)
    rows.append(h.km_row("Орлов", "Лев", "", "01.01.1982", h.snils(423456789), "завтра"))
    path = h.xlsx(km["tmp"] / "mixed.xlsx", rows)
    before = counts()
    events = AuditEvent.objects.count()
    report = run(km, "applications", path, dry_run=False)
    assert not report.ok and not report.imported
    assert report.lines() == [
        "строка 4, столбец «Дата подачи»: не дата (ожидается ДД.ММ.ГГГГ или ДД.ММ.ГГГГ ЧЧ:ММ)"
    ]
    assert counts() == before
    # A failed real run changes nothing; the check itself is in the audit log.
    (check,) = AuditEvent.objects.order_by("-pk")[: AuditEvent.objects.count() - events]
    assert check.action == "import.applications.check"
    assert check.changes["problems"] == 1 and check.changes["dry_run"] is False


def test_missing_required_column_and_unknown_column_are_reported(km: dict[str, Any]) -> None:
    headers = [c for c in H if c != "Имя"] + ["Любимый цвет"]
    rows = [headers, ["Иванов", "", "01.01.1980", h.snils(123456789), "default"]]
    path = h.xlsx(km["tmp"] / "cols.xlsx", rows)
    report = run(km, "applications", path, dry_run=True)
    lines = report.lines()
    assert "строка 1, столбец «Имя»: нет обязательного столбца" in lines
    assert "строка 1, столбец «Любимый цвет»: неизвестный столбец (столбец K)" in lines


def test_required_cells_must_be_filled(km: dict[str, Any]) -> None:
    rows = [H, ["Иванов", None, None, None, h.snils(123456789), "default", None, "да", "да", "нет"]]
    report = run(km, "applications", h.xlsx(km["tmp"] / "req.xlsx", rows), dry_run=True)
    assert "строка 2, столбец «Имя»: не заполнено" in report.lines()
    assert "строка 2, столбец «Дата подачи»: не заполнено" in report.lines()


def test_item1_km5_a_submission_after_the_intake_closed_is_refused(km: dict[str, Any]) -> None:
    """The window and its wording are the intake's (engine.intake, selection.intake.word)."""
    campaign = f.km_campaign(km["hr"], announce=km["today"] - dt.timedelta(days=40))
    late = km["today"] - dt.timedelta(days=1)
    rows = [H, h.km_row("Иванов", "Иван", "", "01.01.1980", h.snils(123456789), late)]
    report = spreadsheet_import(
        actor=km["hr"],
        campaign=campaign,
        kind="applications",
        source=h.xlsx(km["tmp"] / "late.xlsx", rows),
        dry_run=True,
    )
    (line,) = report.lines()
    close = intake_window(
        campaign.regulation.load().regulation, {"announcement": km["today"] - dt.timedelta(days=40)}
    )[1]
    assert line == (
        f"строка 2, столбец «Дата подачи»: приём документов окончен {close:%d.%m.%Y}: "
        "заявление, поданное после срока, не принимается"
    )


def test_a_recorded_person_is_found_by_snils_and_must_match(km: dict[str, Any]) -> None:
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович", snils="112-233-445 95")
    yesterday = km["today"] - dt.timedelta(days=1)
    rows = [
        H,
        h.km_row("Иванов", "Иван", "Иванович", None, "11223344595", yesterday),
        h.km_row("Петров", "Иван", "", None, h.snils(223456789), yesterday),
    ]
    path = h.xlsx(km["tmp"] / "known.xlsx", rows)
    report = run(km, "applications", path, dry_run=False)
    assert report.imported, report.lines()
    assert report.counts == {"persons": 1, "questionnaires": 1, "applications": 2}
    app = Application.objects.get(campaign=km["campaign"], person=person)
    # the questionnaire facts KM declares, from the person's own record; nothing else
    assert app.facts["citizenship"] == person.citizenship
    assert not {"education_level", "managerial_years", "criminal_record"} & app.facts.keys()

    again = run(km, "applications", path, dry_run=True)
    assert any("заявление этого лица в эту кампанию уже есть" in line for line in again.lines())

    other = [H, h.km_row("Сидоров", "Иван", "", None, "112-233-445 95", yesterday)]
    mismatch = run(km, "applications", h.xlsx(km["tmp"] / "m.xlsx", other), dry_run=True)
    assert (
        "строка 2, столбец «Фамилия»: не совпадает с записанным для лица с этим ИИН/СНИЛС"
        in mismatch.lines()
    )


def test_candidates_import_with_questionnaire_cp1251_csv(km: dict[str, Any]) -> None:
    rows = [
        [
            "№",
            "Фамилия",
            "Имя",
            "Отчество",
            "Дата рождения",
            "ИИН",
            "СНИЛС",
            "E-mail",
            "Учёная степень, звание",
        ],
        [
            1,
            "Иванов",
            "Иван",
            "",
            "05.05.1985",
            "",
            h.snils(123456789),
            "i@example.ru",
            "кандидат экономических наук",
        ],
        [
            2,
            "Ахметов",
            "Ерлан",
            "",
            "07.01.2001",
            h.iin(dt.date(2001, 1, 7), 1),
            "",
            "",
            "",
        ],
    ]
    path = h.csv_file(km["tmp"] / "people.csv", rows, encoding="cp1251")
    report = run(km, "candidates", path, dry_run=False)
    assert report.imported, report.lines()
    ivanov = Person.objects.get(last_name="Иванов")
    assert ivanov.email == "i@example.ru" and ivanov.user is None
    assert ivanov.questionnaire.degrees == "кандидат экономических наук"
    ahmetov = Person.objects.get(last_name="Ахметов")
    assert ahmetov.iin.startswith("010107")
    # one audit record per person (item 9), naming the fields given, never their values
    created = AuditEvent.objects.filter(action="person.create", campaign=km["campaign"])
    assert {e.object_id for e in created} == {str(ivanov.pk), str(ahmetov.pk)}
    record = created.get(object_id=str(ivanov.pk))
    assert {"last_name", "snils", "email"} <= set(record.changes["fields"])
    assert record.changes["import"] == {"file_sha256": report.sha256}
    assert record.changes["questionnaire"] == ivanov.questionnaire.pk
    assert "Иванов" not in json.dumps(record.changes, ensure_ascii=False)

    again = run(km, "candidates", path, dry_run=True)
    assert (
        "строка 2, столбец «СНИЛС»: лицо с этим СНИЛС уже есть в системе; повторно не загружается"
        in again.lines()
    )
    assert (
        "строка 3, столбец «ИИН»: лицо с этим ИИН уже есть в системе; повторно не загружается"
        in (again.lines())
    )


def test_duplicate_iin_wrong_check_digit_and_a_number_cell_losing_its_zero(
    km: dict[str, Any],
) -> None:
    good = h.iin(dt.date(2003, 4, 5), 42)
    assert good.startswith("0")
    rows = [
        ["Фамилия", "Имя", "ИИН"],
        ["Ахметов", "Ерлан", int(good)],  # Excel dropped the leading zero
        ["Ахметова", "Айгуль", good],
        ["Сеитов", "Марат", good[:-1] + str((int(good[-1]) + 1) % 10)],
        ["Омаров", "Арман", "12345"],
        ["Без", "Номера", None],
    ]
    report = run(km, "candidates", h.xlsx(km["tmp"] / "iin.xlsx", rows), dry_run=True)
    assert report.lines() == [
        "строка 3, столбец «ИИН»: ИИН повторяется: такой же в строке 2",
        "строка 4, столбец «ИИН»: неверная контрольная цифра ИИН",
        "строка 5, столбец «ИИН»: ИИН состоит из 12 цифр",
        "строка 6, столбец «ИИН»: нужен ИИН или СНИЛС",
    ]


def test_an_empty_file_and_a_file_that_is_not_a_table(km: dict[str, Any]) -> None:
    empty = h.xlsx(km["tmp"] / "empty.xlsx", [])
    assert run(km, "candidates", empty, dry_run=True).lines() == [
        "файл пуст: нет строки заголовков"
    ]
    junk = km["tmp"] / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    (line,) = run(km, "candidates", junk, dry_run=True).lines()
    assert "не читается как книга Excel" in line


# --------------------------------------------------------------------------- results


@pytest.fixture
def admitted(km: dict[str, Any]) -> dict[str, Any]:
    owner = f.candidate("ivanov", "Иванов", "Иван", "Иванович", snils="112-233-445 95")
    other = f.candidate("petrova", "Петрова", "Мария", "Сергеевна", snils=h.snils(223456789))
    km["a"] = f.km_application(km["campaign"], owner)
    km["b"] = f.km_application(km["campaign"], other)
    return km


def test_km13_results_go_through_the_checks_of_result_save(admitted: dict[str, Any]) -> None:
    km = admitted
    a, b = km["a"], km["b"]
    rows = [
        [
            "Шифр",
            "СНИЛС",
            "Фамилия",
            "Метод",
            "Вопросов",
            "Правильных ответов",
            "Результат",
            "Соответствие установленным требованиям оформления",
            "Дата",
        ],
        [a.code, None, "Иванов", "Тестирование", 50, 45, None, None, "14.04.2026"],
        [None, h.snils(223456789), None, "test", 30, 20, None, None, None],  # too few questions
        [b.code, None, "Сидоров", "self_test", None, None, "пройдено", None, None],  # wrong name
        [a.code, None, None, "Подготовка проекта документа", None, None, None, 9, None],
        [a.code, None, None, "Индивидуальное собеседование", None, None, None, None, None],
        [a.code, None, None, "test", 50, 51, None, None, None],  # dup + more correct than asked
        ["ZZZZZZ", None, None, "test", 50, 40, None, None, None],
        [b.code, None, None, "self_test", 10, None, "не пройдено", None, None],
    ]
    path = h.xlsx(km["tmp"] / "results.xlsx", rows)
    report = run(km, "results", path, dry_run=True)
    lines = report.lines()
    assert any(
        line.startswith("строка 3, столбец «Вопросов»: В тесте должно быть от 40 до 60 вопросов")
        and "KM-13" in line
        for line in lines
    ), lines
    assert (
        "строка 4, столбец «Фамилия»: не совпадает с записанным для лица с этим ИИН/СНИЛС" in lines
    )
    assert (
        "строка 5, столбец «Соответствие установленным требованиям оформления»: "
        "вне диапазона 0–5" in lines
    )
    assert (
        "строка 6, столбец «Метод»: «Индивидуальное собеседование» оценивают члены комиссии "
        "(бюллетени): из файла не загружается" in lines
    )
    assert (
        "строка 7, столбец «Метод»: результат этого кандидата по этому методу уже в строке 2"
        in lines
    )
    assert "строка 8, столбец «Шифр»: в кампании нет заявления с таким шифром" in lines
    assert (
        "строка 9, столбец «Вопросов»: не относится к методу «Предварительный квалификационный тест (вне рамок конкурса)»"
        in lines
    )
    assert not Result.objects.exists()


def test_results_import_records_and_a_second_file_replaces(admitted: dict[str, Any]) -> None:
    km = admitted
    a, b = km["a"], km["b"]
    rows = [
        ["Шифр", "Метод", "Вопросов", "Правильных ответов", "Дата"],
        [a.code, "test", 50, 45, dt.date(2026, 4, 14)],
        [b.code, "Тестирование", 50, 40, None],
    ]
    report = run(km, "results", h.xlsx(km["tmp"] / "r1.xlsx", rows), dry_run=False)
    assert report.imported, report.lines()
    assert report.counts == {"results_created": 2, "results_updated": 0}
    ra = Result.objects.get(application=a, method_id="test")
    assert (ra.correct, ra.questions, ra.date, ra.version) == (45, 50, dt.date(2026, 4, 14), 1)
    assert ra.stage_id == "competition" and ra.recorded_by == km["hr"]

    rows = [["Шифр", "Метод", "Вопросов", "Правильных ответов"], [a.code, "test", 50, 47]]
    again = run(km, "results", h.xlsx(km["tmp"] / "r2.xlsx", rows), dry_run=False)
    assert again.counts == {"results_created": 0, "results_updated": 1}
    ra.refresh_from_db()
    assert (ra.correct, ra.version) == (47, 2)
    events = AuditEvent.objects.filter(action="result.save", object_id=str(ra.pk)).order_by("at")
    assert events.count() == 2
    assert events.last().changes["before"]["correct"] == 45


def test_sheets_entered_once_take_one_column_per_criterion(admitted: dict[str, Any]) -> None:
    km = admitted
    reg = km["campaign"].regulation.load().regulation
    sheet = reg.sheet(reg.method("document_draft").sheet)
    titles = [c.title for c in sheet.criteria]
    rows = [
        ["Шифр", "Метод", *titles, "Результат"],
        [km["a"].code, "Подготовка проекта документа", 5, 4, 4, 3, "4", "5,0", None],
        [km["b"].code, "self_test", *[None] * len(titles), "не пройдено"],
    ]
    report = run(km, "results", h.xlsx(km["tmp"] / "draft.xlsx", rows), dry_run=False)
    assert report.imported, report.lines()
    draft = Result.objects.get(application=km["a"], method_id="document_draft")
    assert draft.points == {
        "formatting": "5",
        "understanding": "4",
        "solutions": "4",
        "grounds": "3",
        "analysis": "4",
        "literacy": "5.0",
    }
    assert Result.objects.get(application=km["b"], method_id="self_test").passed is False


def test_results_layout_lists_the_criteria_of_sheets_entered_once(km: dict[str, Any]) -> None:
    from rezerv.spreadsheets.columns import layout_for

    reg = km["campaign"].regulation.load().regulation
    headers = [c.header for c in layout_for("results", reg).columns]
    sheet = reg.sheet(reg.method("document_draft").sheet)
    for crit in sheet.criteria:
        assert crit.title in headers


def test_imported_rows_read_back_like_rows_the_orm_writes(km: dict[str, Any]) -> None:
    """The bulk path (multi-row INSERT, or COPY on PostgreSQL) stores what the ORM would."""
    path = h.xlsx(km["tmp"] / "apps.xlsx", good_rows(km))
    assert run(km, "applications", path, dry_run=False).imported
    app = Application.objects.select_related("person__questionnaire").get(
        person__last_name="Иванов"
    )
    assert app.uid is not None and app.version == 1
    assert app.fact_changes == [] and app.consents == {} and app.refusal_text == ""
    assert app.decided_by is None and len(app.code) == 6
    q = app.person.questionnaire
    assert q.education == [] and q.extra == {} and q.version == 1 and q.updated_at is not None
    assert app.person.user is None and app.person.uid != app.uid
    event = AuditEvent.objects.get(action="application.submit", object_id=str(app.pk))
    assert event.at is not None and event.actor == km["hr"]
    # The sequences moved on: the ORM's next rows get new keys.
    other = f.candidate("petrov", "Петров", "Пётр")
    assert other.pk not in set(Person.objects.exclude(pk=other.pk).values_list("pk", flat=True))
    assert f.km_application(km["campaign"], other).pk > app.pk


def test_tp3_an_iin_registers_once_and_contact_columns_feed_the_form_facts(
    tmp_path: Path,
) -> None:
    from rezerv.selection import services
    from rezerv.selection.models import Campaign

    year = timezone.localdate().year - 1
    hr = f.hr_user(f.body("Департамент Агентства по Костанайской области"), "hr_tp")
    camp = services.campaign_publish(
        actor=hr,
        campaign=Campaign.objects.create(
            kind="talent_pool",
            regulation=services.regulation_load_bundled(code="TP"),
            title="Пул талантов",
            body=hr.staff.body,
            events={"cycle_start": f"{year}-09-01"},
            announcement={"procedure": "—", "essay_topics": "—", "essay_email": "a@example.kz"},
            created_by=hr,
        ),
        on=dt.date(year, 9, 15),
    )
    known = h.iin(dt.date(2003, 7, 22), 5504, century_sex=5)
    registered = f.candidate(
        "first", "Жумабаев", "Данияр", "Ерланович", citizenship="KZ", iin=known
    )
    services.application_submit(
        actor=registered.user,
        campaign=camp,
        person=registered,
        route="default",
        facts={  # what the TP application asks (required facts, TP-2)
            "iin": known,
            "education_programme": "higher",
            "final_year": True,
            "territorial_unit": "astana",
            "internship_body": "Агентство по делам государственной службы",
            "direction": "Государственное управление",
            "specialty": "Государственное и местное управление",
            "address": "г. Астана",
            "phone": "+7 701 000 00 00",
            "email": "first@example.kz",
        },
        consent_text="…",
        consent_given=True,
        files={},
        now=timezone.make_aware(dt.datetime(year, 10, 3, 12)),
    )
    headers = [
        "Фамилия",
        "Имя",
        "ИИН",
        "Гражданство",
        "Адрес электронной почты",
        "Адрес",
        "Контактные телефоны",
        "Дата подачи",
        "Согласие на обработку ПД",
        "Уровень образования, по которому вы обучаетесь",
        "Обучаюсь на выпускном курсе",
        "Территориальное подразделение уполномоченного органа (область, город)",
        "Государственный орган для прохождения производственной практики",
        "Направление",
        "Специальность (по документу об обучении)",
    ]

    def row(last: str, iin: str, email: str) -> list[Any]:
        return [
            last,
            "Айгуль",
            iin,
            "Казахстан",
            email,
            "г. Костанай, ул. Абая, 1",
            "+7 701 000 00 01",
            f"03.10.{year}",
            "да",
            "higher",
            "да",
            "Костанайская область",
            "Аппарат акима Костанайской области",
            "Экономика и финансы",
            "Финансы",
        ]

    other = h.iin(dt.date(2002, 2, 2), 7, century_sex=6)
    rows = [
        headers,
        row("Жумабаев", known, "d@example.kz"),  # registered already (TP-3)
        row("Сейткали", other, "a@example.kz"),
        row("Сейткали", other, "b@example.kz"),  # the same ИИН twice in the file
        row("Омарова", h.iin(dt.date(2002, 3, 3), 8, century_sex=6), "не почта"),
    ]
    report = spreadsheet_import(
        actor=hr,
        campaign=camp,
        kind="applications",
        source=h.xlsx(tmp_path / "tp.xlsx", rows),
        dry_run=True,
    )
    lines = report.lines()
    assert any(
        line.startswith("строка 2, столбец «Имя»: не совпадает с записанным") for line in lines
    ), lines
    assert any("строка 2: заявление этого лица в эту кампанию уже есть" in line for line in lines)
    assert "строка 4, столбец «ИИН»: ИИН повторяется: такой же в строке 3" in lines
    assert "строка 5, столбец «Адрес электронной почты»: неверный адрес электронной почты" in lines

    clean = spreadsheet_import(
        actor=hr,
        campaign=camp,
        kind="applications",
        source=h.xlsx(tmp_path / "tp-clean.xlsx", [headers, rows[2]]),
        dry_run=False,
    )
    assert clean.imported, clean.lines()
    app = Application.objects.get(campaign=camp, person__iin=other)
    assert app.facts["iin"] == other and app.facts["citizenship"] == "KZ"
    assert app.facts["email"] == "a@example.kz" == app.person.email
    assert app.facts["address"] == "г. Костанай, ул. Абая, 1" == app.person.address
    assert app.facts["territorial_unit"] == "kostanay" and app.facts["final_year"] is True


def test_a_title_above_the_table_is_skipped_and_rows_keep_their_numbers(
    km: dict[str, Any],
) -> None:
    rows = [
        ["Список кандидатов, поданных на бумаге"],
        [],
        ["Фамилия", "Имя", "СНИЛС", "Дата рождения"],
        ["Иванов", "Иван", h.snils(123456789), "05.05.1985"],
        ["Петров", "Пётр", h.snils(223456789), "30.02.1985"],
    ]
    report = run(km, "candidates", h.xlsx(km["tmp"] / "titled.xlsx", rows), dry_run=True)
    assert report.lines() == ["строка 5, столбец «Дата рождения»: нет такой даты"]
    assert report.rows == 2


def test_item1_km1_a_required_fact_left_blank_is_reported_once(km: dict[str, Any]) -> None:
    """The engine's check finds the required fact (KM-1: the state language) missing too; the
    row says it once, at its column."""
    yesterday = km["today"] - dt.timedelta(days=1)
    rows = good_rows(km)
    rows.append(
        h.km_row("Орлов", "Лев", "", "01.01.1982", h.snils(423456789), yesterday, russian="")
    )
    report = run(km, "applications", h.xlsx(km["tmp"] / "blank.xlsx", rows), dry_run=True)
    header = "Владею государственным языком Российской Федерации (русским языком)"
    assert report.lines() == [f"строка 4, столбец «{header}»: не заполнено"]


def test_item1_km5_a_submission_before_the_intake_opened_is_refused(km: dict[str, Any]) -> None:
    """The opening of the window is the regulation's own event (the announcement, KM-5),
    worded as for the web form."""
    opens = km["today"] - dt.timedelta(days=2)
    rows = good_rows(km)
    rows.append(
        h.km_row("Орлов", "Лев", "", "01.01.1982", h.snils(423456789), opens - dt.timedelta(1))
    )
    report = run(km, "applications", h.xlsx(km["tmp"] / "early.xlsx", rows), dry_run=True)
    assert report.lines() == [
        f"строка 4, столбец «Дата подачи»: приём документов начинается {opens:%d.%m.%Y}: "
        "заявление подано раньше срока"
    ]


def test_item1_the_importer_has_no_intake_rule_of_its_own() -> None:
    """The window, the consent and the registrations are the intake's, not the importer's."""
    import inspect

    from rezerv.spreadsheets import importer

    source = inspect.getsource(importer)
    for own in ("campaign_intake_window", "unique_rules", "C-4", "CampaignStatus.PUBLISHED"):
        assert own not in source, own
    assert "bulk.application_import_check" in source
    assert "bulk.application_import_bulk" in source
