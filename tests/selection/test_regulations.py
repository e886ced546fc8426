"""Regulations uploaded at the desk (issue 9): checked as ``rezerv validate`` checks them, stored
as a version not yet in force, put in force from a day; a new campaign takes the version in force
on the day it is created and a campaign keeps the version it started with (C-6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from rezerv.engine.loader import bundled_path, parse_regulation
from rezerv.selection import regulations, services
from rezerv.selection.models import AuditEvent, RegulationVersion
from tests.web import factories as f

pytestmark = pytest.mark.django_db

KM_TITLE = (
    "Конкурс на замещение вакантной должности гражданской службы и включение в кадровый резерв"
)
RG_TITLE = "Конкурс на замещение должностей гражданской службы Региона"


def km_text() -> str:
    return bundled_path("KM").read_text("utf-8")


def region_text() -> str:
    """A region's own procedure: a copy of KM under another code and title."""
    return km_text().replace("code: KM\n", "code: RG\n").replace(KM_TITLE, RG_TITLE, 1)


def broken_line() -> int:
    """The line of km.yaml where the competition stage names its commission."""
    return km_text().splitlines().index("    commission: competition_commission") + 1


def broken_text() -> str:
    """KM with a stage whose commission does not exist (at ``broken_line()`` of km.yaml)."""
    text = km_text()
    return text.replace("    commission: competition_commission", "    commission: no_such_body", 1)


def test_a_valid_file_is_stored_not_in_force_and_audited() -> None:
    admin = f.admin_user()
    upload = regulations.regulation_upload(
        actor=admin, raw=region_text().encode(), filename="rg.yaml"
    )
    version = upload.version
    assert upload.created
    assert (version.code, version.title) == ("RG", RG_TITLE)
    assert not version.activations.exists()
    assert version.uploaded_by == admin
    assert regulations.regulation_in_force("RG") is None  # previewed, not activated
    event = AuditEvent.objects.get(action="regulation.upload")
    assert event.actor == admin and event.object_id == str(version.pk)
    assert event.changes == {"code": "RG", "version": version.version, "file": "rg.yaml"}


def test_a_bad_file_is_refused_with_its_line_and_field_and_changes_nothing() -> None:
    admin = f.admin_user()
    with pytest.raises(regulations.RegulationInvalid) as refused:
        regulations.regulation_upload(actor=admin, raw=broken_text().encode(), filename="bad.yaml")
    assert refused.value.messages == [
        f"Строка {broken_line()}, поле stages[1].commission: ссылка на несуществующий объект "
        "«no_such_body» (комиссия)"
    ]
    assert not RegulationVersion.objects.exists() and not AuditEvent.objects.exists()


def test_the_checks_are_those_of_rezerv_validate() -> None:
    """Every problem the engine finds is reported, in the Russian frame «Строка N, поле P»."""
    text = km_text().replace("code: KM\n", "code: km\n").replace("\nversion: ", "\nversio: ", 1)
    with pytest.raises(regulations.RegulationInvalid) as refused:
        regulations.regulation_check(text.encode(), "x.yaml")
    messages = refused.value.messages
    assert any(
        m.startswith("Строка 5, поле code: значение не соответствует образцу") for m in messages
    )
    assert "Строка 4, поле version: обязательное поле не заполнено" in messages
    assert "Строка 9, поле versio: неизвестное поле" in messages
    with pytest.raises(regulations.RegulationInvalid) as refused:
        regulations.regulation_check(b"code: [KM\n", "x.yaml")
    assert refused.value.messages[0].startswith("Строка 2: ошибка в записи YAML")
    with pytest.raises(regulations.RegulationInvalid) as refused:
        regulations.regulation_check("код".encode("cp1251"), "x.yaml")
    assert refused.value.messages == ["Файл должен быть текстом в кодировке UTF-8"]


def test_the_same_text_twice_is_the_same_version() -> None:
    admin = f.admin_user()
    first = regulations.regulation_upload(actor=admin, raw=region_text().encode(), filename="a")
    again = regulations.regulation_upload(actor=admin, raw=region_text().encode(), filename="b")
    assert not again.created and again.version.pk == first.version.pk
    assert RegulationVersion.objects.filter(code="RG").count() == 1
    assert AuditEvent.objects.filter(action="regulation.upload").count() == 1
    # the bundled file's text uploaded again is the bundled version itself
    bundled = services.regulation_load_bundled(code="KM")
    same = regulations.regulation_upload(actor=admin, raw=km_text().encode(), filename="km.yaml")
    assert not same.created and same.version.pk == bundled.pk


def test_the_effective_date_picks_the_version_in_force() -> None:
    admin = f.admin_user()
    today = timezone.localdate()
    bundled = services.regulation_load_bundled(code="KM")
    assert [a.effective_from for a in bundled.activations.all()] == [regulations.BUNDLED_EFFECTIVE]
    newer = km_text().replace("min_percent_of_max: 50", "min_percent_of_max: 60")
    version = regulations.regulation_upload(
        actor=admin, raw=newer.encode(), filename="km.yaml"
    ).version
    regulations.regulation_activate(
        actor=admin, version=version, effective_from=today + dt.timedelta(days=10), today=today
    )
    assert regulations.regulation_in_force("KM", today) == bundled
    assert regulations.regulation_in_force("KM", today + dt.timedelta(days=9)) == bundled
    assert regulations.regulation_in_force("KM", today + dt.timedelta(days=10)) == version
    assert regulations.regulation_in_force("KM", today + dt.timedelta(days=400)) == version
    event = AuditEvent.objects.get(action="regulation.activate")
    assert event.actor == admin and event.changes["effective_from"] == str(
        today + dt.timedelta(days=10)
    )


def test_activation_is_refused_in_the_past_and_while_in_force() -> None:
    admin = f.admin_user()
    today = timezone.localdate()
    version = regulations.regulation_upload(
        actor=admin, raw=region_text().encode(), filename="rg.yaml"
    ).version
    with pytest.raises(services.ServiceError) as refused:
        regulations.regulation_activate(
            actor=admin, version=version, effective_from=today - dt.timedelta(days=1), today=today
        )
    assert refused.value.field == "effective_from"
    assert not version.activations.exists()
    regulations.regulation_activate(actor=admin, version=version, effective_from=today)
    with pytest.raises(services.ServiceError, match="уже действует"):
        regulations.regulation_activate(
            actor=admin, version=version, effective_from=today + dt.timedelta(days=5)
        )
    assert [a.effective_from for a in version.activations.all()] == [today]
    assert AuditEvent.objects.filter(action="regulation.activate").count() == 1


def upload_km(admin: Any, percent: int) -> RegulationVersion:
    text = km_text().replace("min_percent_of_max: 50", f"min_percent_of_max: {percent}")
    return regulations.regulation_upload(actor=admin, raw=text.encode(), filename="km.yaml").version


def test_an_earlier_version_is_put_in_force_again_and_the_past_stays_as_it_was() -> None:
    """C-6: a return to an earlier text is a new activation; on the days between, the version
    that was in force stays the one in force (campaigns created then keep it)."""
    admin = f.admin_user()
    today = timezone.localdate()
    bundled = services.regulation_load_bundled(code="KM")
    amended = upload_km(admin, 60)
    regulations.regulation_activate(actor=admin, version=amended, effective_from=today)
    assert regulations.version_state(bundled, amended, today) == "replaced"
    back = today + dt.timedelta(days=7)
    regulations.regulation_activate(actor=admin, version=bundled, effective_from=back)
    assert regulations.regulation_in_force("KM", today - dt.timedelta(days=1)) == bundled
    assert regulations.regulation_in_force("KM", today) == amended
    assert regulations.regulation_in_force("KM", back) == bundled
    assert regulations.version_state(bundled, amended, today) == "scheduled"
    with pytest.raises(services.ServiceError, match="перенесите эту дату"):
        regulations.regulation_activate(actor=admin, version=bundled, effective_from=back)
    days = [a.effective_from for a in bundled.activations.order_by("pk")]
    assert days == [regulations.BUNDLED_EFFECTIVE, back]


def test_a_day_to_come_is_moved_or_withdrawn_with_a_reason_and_audited() -> None:
    admin = f.admin_user()
    today = timezone.localdate()
    services.regulation_load_bundled(code="KM")
    amended = upload_km(admin, 60)
    first = today + dt.timedelta(days=10)
    activation = regulations.regulation_activate(
        actor=admin, version=amended, effective_from=first, today=today
    )
    with pytest.raises(services.ServiceError) as refused:
        regulations.regulation_reschedule(
            actor=admin, activation=activation, effective_from=first, reason=" ", today=today
        )
    assert refused.value.field == "reason"
    later = today + dt.timedelta(days=30)
    regulations.regulation_reschedule(
        actor=admin,
        activation=activation,
        effective_from=later,
        reason="Постановление № 12 от 01.12.2026",
        today=today,
    )
    assert regulations.regulation_in_force("KM", first) != amended
    assert regulations.regulation_in_force("KM", later) == amended
    event = AuditEvent.objects.get(action="regulation.reschedule")
    assert event.changes["before"] == {"effective_from": str(first)}
    assert event.changes["after"] == {"effective_from": str(later)}
    assert event.changes["reason"] == "Постановление № 12 от 01.12.2026"

    regulations.regulation_withdraw(
        actor=admin, activation=activation, reason="Изменение отменено", today=today
    )
    assert regulations.regulation_in_force("KM", later) != amended
    assert regulations.version_state(amended, None, today) == "pending"
    activation.refresh_from_db()
    assert activation.withdrawn_by == admin and activation.withdrawal_reason == "Изменение отменено"
    assert AuditEvent.objects.filter(action="regulation.withdraw").count() == 1
    with pytest.raises(services.ServiceError, match="уже отменено"):
        regulations.regulation_withdraw(
            actor=admin, activation=activation, reason="ещё раз", today=today
        )
    # withdrawn, the version may be put in force from another day
    regulations.regulation_activate(
        actor=admin, version=amended, effective_from=today + dt.timedelta(days=3), today=today
    )
    assert regulations.version_state(amended, None, today) == "scheduled"


def test_a_day_that_has_come_is_history_and_cannot_be_moved_or_withdrawn() -> None:
    admin = f.admin_user()
    today = timezone.localdate()
    amended = upload_km(admin, 60)
    activation = regulations.regulation_activate(
        actor=admin, version=amended, effective_from=today, today=today
    )
    with pytest.raises(services.ServiceError, match="нельзя изменить"):
        regulations.regulation_reschedule(
            actor=admin,
            activation=activation,
            effective_from=today + dt.timedelta(days=1),
            reason="перенос",
            today=today,
        )
    with pytest.raises(services.ServiceError, match="нельзя изменить"):
        regulations.regulation_withdraw(
            actor=admin, activation=activation, reason="отмена", today=today
        )
    assert not AuditEvent.objects.filter(
        action__in=["regulation.reschedule", "regulation.withdraw"]
    ).exists()


def test_a_running_campaign_keeps_its_version_and_a_new_one_takes_the_version_in_force() -> None:
    """C-6: a campaign keeps the version it started with."""
    admin = f.admin_user()
    hr = f.hr_user(f.body())
    running = f.km_campaign(hr, announce=timezone.localdate())
    original = running.regulation
    newer = km_text().replace("min_percent_of_max: 50", "min_percent_of_max: 60")
    version = regulations.regulation_upload(
        actor=admin, raw=newer.encode(), filename="km.yaml"
    ).version
    regulations.regulation_activate(
        actor=admin, version=version, effective_from=timezone.localdate()
    )
    created = f.km_campaign(hr, announce=timezone.localdate())
    running.refresh_from_db()
    assert running.regulation_id == original.pk
    assert created.regulation_id == version.pk
    assert (
        created.regulation.load().regulation.stage("competition").awards[1].min_percent_of_max == 60
    )


def test_an_uploaded_code_is_offered_to_new_campaigns_once_in_force() -> None:
    admin = f.admin_user()
    hr = f.hr_user(f.body())
    codes = [v.code for v in regulations.campaign_choices()]
    assert codes == sorted(c for c in ("AK", "BR", "KM", "PK", "TP") if bundled_path(c).exists())
    version = regulations.regulation_upload(
        actor=admin, raw=region_text().encode(), filename="rg.yaml"
    ).version
    assert "RG" not in [v.code for v in regulations.campaign_choices()]
    with pytest.raises(services.ServiceError) as refused:
        services.campaign_create(
            actor=hr, regulation_code="RG", body=hr.staff.body, kind="vacancy", title="Конкурс"
        )
    assert refused.value.field == "regulation_code"
    regulations.regulation_activate(
        actor=admin, version=version, effective_from=timezone.localdate()
    )
    choices = {v.code: v.title for v in regulations.campaign_choices()}
    assert choices["RG"] == RG_TITLE
    campaign = services.campaign_create(
        actor=hr, regulation_code="RG", body=hr.staff.body, kind="vacancy", title="Конкурс"
    )
    assert campaign.regulation == version


def test_the_overview_lists_versions_in_force_and_campaigns() -> None:
    admin = f.admin_user()
    hr = f.hr_user(f.body())
    f.km_campaign(hr, announce=timezone.localdate())
    newer = km_text().replace("min_percent_of_max: 50", "min_percent_of_max: 60")
    pending = regulations.regulation_upload(
        actor=admin, raw=newer.encode(), filename="km.yaml"
    ).version
    km = next(e for e in regulations.regulation_overview() if e.code == "KM")
    assert km.title == KM_TITLE and km.in_force is not None
    states = [(v.pk, v.state, v.campaign_count) for v in km.versions]
    assert states == [(pending.pk, "pending", 0), (km.in_force.pk, "in_force", 1)]


def test_the_summary_names_stages_facts_and_outcomes_added_and_removed() -> None:
    km = parse_regulation(bundled_path("KM").read_bytes(), "KM").regulation
    br = parse_regulation(bundled_path("BR").read_bytes(), "BR").regulation
    changes = {c["title"]: c for c in regulations.regulation_changes(km, br)}
    for attr, title in [("stages", "Этапы"), ("facts", "Сведения (факты)"), ("outcomes", "Итоги")]:
        before = {x.id for x in getattr(km, attr)}
        after = {x.id for x in getattr(br, attr)}
        assert changes[title]["added"] == [x.title for x in getattr(br, attr) if x.id not in before]
        assert changes[title]["removed"] == [
            x.title for x in getattr(km, attr) if x.id not in after
        ]
    assert changes["Этапы"]["added"] and changes["Этапы"]["removed"]
    assert regulations.regulation_changes(km, km) == []
    assert regulations.regulation_changes(None, km) == []
