"""Item 7 ("One path for every rule"): statuses are enumerations with one transition service per
entity; only the transitions of the table are allowed, each is audited with before/after, and
campaign_update changes only the fields HR may change in the campaign's status."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.utils import timezone

from rezerv.selection import services, states
from rezerv.selection.models import Application, AuditEvent, Campaign
from rezerv.selection.states import (
    APPLICATION_TRANSITIONS,
    CAMPAIGN_TRANSITIONS,
    ApplicationStatus,
    CampaignStatus,
)
from tests.web import factories as f

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()

CAMPAIGN_ALLOWED = [(a, b) for a, targets in CAMPAIGN_TRANSITIONS.items() for b in sorted(targets)]
CAMPAIGN_FORBIDDEN = [
    (a, b)
    for a, b in itertools.product(CampaignStatus, CampaignStatus)
    if b not in CAMPAIGN_TRANSITIONS[a]
]
APPLICATION_ALLOWED = [
    (a, b) for a, targets in APPLICATION_TRANSITIONS.items() for b in sorted(targets)
]
APPLICATION_FORBIDDEN = [
    (a, b)
    for a, b in itertools.product(ApplicationStatus, ApplicationStatus)
    if b not in APPLICATION_TRANSITIONS[a]
]


def _world() -> dict[str, Any]:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=TODAY)
    person = f.candidate("ivanov", "Иванов", "Иван", "Иванович")
    application = f.km_application(campaign, person, admit=False)
    return {"hr": hr, "campaign": campaign, "application": application}


def _in_status(obj: Any, status: str) -> Any:
    """Test setup only: put the row in ``status`` without a transition."""
    type(obj).objects.filter(pk=obj.pk).update(status=status)
    obj.refresh_from_db()
    return obj


def _transitions(obj: Any) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=f"{type(obj).__name__.lower()}.transition", object_id=str(obj.pk)
        ).order_by("pk")
    )


def test_item7_statuses_keep_their_stored_values_and_russian_labels() -> None:
    assert CampaignStatus.values == ["draft", "published", "assessment", "decided"]
    assert ApplicationStatus.values == ["submitted", "admitted", "refused", "withdrawn"]
    assert str(CampaignStatus.DECIDED.label) == "решение принято"
    assert str(ApplicationStatus.REFUSED.label) == "отказано в допуске"
    assert Campaign._meta.get_field("status").choices == CampaignStatus.choices
    assert Application._meta.get_field("status").choices == ApplicationStatus.choices
    assert set(CAMPAIGN_TRANSITIONS) == set(CampaignStatus)
    assert set(APPLICATION_TRANSITIONS) == set(ApplicationStatus)


@pytest.mark.parametrize(("before", "after"), CAMPAIGN_ALLOWED)
def test_item7_every_allowed_campaign_transition_works_and_is_audited(
    before: CampaignStatus, after: CampaignStatus
) -> None:
    w = _world()
    campaign = _in_status(w["campaign"], before)
    version, earlier = campaign.version, len(_transitions(campaign))
    moved = states.campaign_transition(
        actor=w["hr"], campaign=campaign, to=after, reason="проверка"
    )
    campaign.refresh_from_db()
    assert moved.status == campaign.status == after
    assert campaign.version == version + 1
    [event] = _transitions(campaign)[earlier:]
    assert event.actor == w["hr"] and event.campaign == campaign
    assert event.changes == {"before": before.value, "after": after.value, "reason": "проверка"}


@pytest.mark.parametrize(("before", "after"), CAMPAIGN_FORBIDDEN)
def test_item7_a_forbidden_campaign_transition_is_refused_and_changes_nothing(
    before: CampaignStatus, after: CampaignStatus
) -> None:
    w = _world()
    campaign = _in_status(w["campaign"], before)
    version, audited = campaign.version, AuditEvent.objects.count()
    with pytest.raises(services.ServiceError) as refused:
        states.campaign_transition(actor=w["hr"], campaign=campaign, to=after)
    assert refused.value.message == (
        f"Кампания в статусе «{before.label}» не может перейти в статус «{after.label}»."
    )
    assert refused.value.field == "status"
    campaign.refresh_from_db()
    assert (campaign.status, campaign.version) == (before, version)
    assert AuditEvent.objects.count() == audited


def test_item7_decided_campaign_does_not_go_back_to_draft() -> None:
    w = _world()
    campaign = _in_status(w["campaign"], CampaignStatus.DECIDED)
    with pytest.raises(
        services.ServiceError, match="«решение принято» не может перейти в статус «черновик»"
    ):
        states.campaign_transition(actor=w["hr"], campaign=campaign, to=CampaignStatus.DRAFT)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DECIDED and len(_transitions(campaign)) == 1


def test_item7_an_unknown_status_is_refused_by_name() -> None:
    w = _world()
    with pytest.raises(services.ServiceError, match="Неизвестный статус «closed»"):
        states.campaign_transition(actor=w["hr"], campaign=w["campaign"], to="closed")


@pytest.mark.parametrize(("before", "after"), APPLICATION_ALLOWED)
def test_item7_every_allowed_application_transition_works_and_is_audited(
    before: ApplicationStatus, after: ApplicationStatus
) -> None:
    w = _world()
    application = _in_status(w["application"], before)
    version = application.version
    moved = states.application_transition(actor=w["hr"], application=application, to=after)
    application.refresh_from_db()
    assert moved.status == application.status == after
    assert application.version == version + 1
    [event] = _transitions(application)
    assert event.actor == w["hr"] and event.campaign == w["campaign"]
    assert event.changes == {"before": before.value, "after": after.value, "reason": ""}


@pytest.mark.parametrize(("before", "after"), APPLICATION_FORBIDDEN)
def test_item7_a_forbidden_application_transition_is_refused_and_changes_nothing(
    before: ApplicationStatus, after: ApplicationStatus
) -> None:
    w = _world()
    application = _in_status(w["application"], before)
    version, audited = application.version, AuditEvent.objects.count()
    with pytest.raises(services.ServiceError) as refused:
        states.application_transition(actor=w["hr"], application=application, to=after)
    assert refused.value.message == (
        f"Заявление в статусе «{before.label}» не может перейти в статус «{after.label}»."
    )
    application.refresh_from_db()
    assert (application.status, application.version) == (before, version)
    assert AuditEvent.objects.count() == audited


def test_item7_a_refused_application_is_not_submitted_again() -> None:
    w = _world()
    application = _in_status(w["application"], ApplicationStatus.REFUSED)
    with pytest.raises(
        services.ServiceError, match="«отказано в допуске» не может перейти в статус «подано»"
    ):
        states.application_transition(
            actor=w["hr"], application=application, to=ApplicationStatus.SUBMITTED
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REFUSED


def test_item7_publication_and_decision_go_through_the_transition() -> None:
    hr = f.hr_user(f.body())
    campaign = f.km_campaign(hr, announce=TODAY)  # campaign_create, then campaign_publish
    assert campaign.status == CampaignStatus.PUBLISHED
    assert campaign.events["announcement"] == TODAY.isoformat() and campaign.published_at
    [event] = _transitions(campaign)
    assert event.changes["before"] == "draft" and event.changes["after"] == "published"
    with pytest.raises(services.ServiceError, match="уже объявлена"):
        services.campaign_publish(actor=hr, campaign=campaign, on=TODAY)
    assert len(_transitions(campaign)) == 1


def test_item7_the_hr_decision_and_a_recorded_re_decision_are_transitions() -> None:
    w = _world()
    app = w["application"]
    app = services.application_decide(
        actor=w["hr"],
        application=app,
        admit=False,
        refusal_text="Нет диплома.",
        expected_version=app.version,
    )
    assert (app.status, app.refusal_text, app.decided_by) == ("refused", "Нет диплома.", w["hr"])
    app = services.application_decide(
        actor=w["hr"], application=app, admit=True, refusal_text="", expected_version=app.version
    )
    assert (app.status, app.refusal_text) == ("admitted", "")
    assert [(e.changes["before"], e.changes["after"]) for e in _transitions(app)] == [
        ("submitted", "refused"),
        ("refused", "admitted"),
    ]
    # The same decision again corrects nothing but who and when: no transition is recorded.
    app = services.application_decide(
        actor=w["hr"], application=app, admit=True, refusal_text="", expected_version=app.version
    )
    assert app.status == "admitted" and len(_transitions(app)) == 2


def test_item7_campaign_update_never_sets_the_status() -> None:
    w = _world()
    campaign = w["campaign"]
    audited = AuditEvent.objects.count()
    with pytest.raises(services.ServiceError, match="Статус кампании не редактируется") as refused:
        services.campaign_update(
            actor=w["hr"], campaign=campaign, expected_version=campaign.version, status="assessment"
        )
    assert refused.value.field == "status"
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.PUBLISHED and AuditEvent.objects.count() == audited


def test_item7_campaign_update_refuses_a_field_outside_the_allow_list() -> None:
    w = _world()
    campaign = w["campaign"]
    version, audited = campaign.version, AuditEvent.objects.count()
    with pytest.raises(
        services.ServiceError, match="«created_by» кампании не редактируется"
    ) as bad:
        services.campaign_update(
            actor=w["hr"], campaign=campaign, expected_version=version, created_by=None
        )
    assert bad.value.field == "created_by"
    # The announcement texts only while the campaign is a draft.
    with pytest.raises(services.ServiceError) as late:
        services.campaign_update(
            actor=w["hr"],
            campaign=campaign,
            expected_version=version,
            events={"intake_close": "2026-04-01"},
            announcement={"conditions": "Иные условия."},
        )
    assert late.value.field == "announcement"
    assert late.value.message == (
        "Поле «текст объявления» нельзя изменить: кампания в статусе «объявлен»."
    )
    campaign.refresh_from_db()
    assert campaign.version == version and "intake_close" not in campaign.events
    assert campaign.announcement["conditions"].startswith("Служебный контракт")
    assert AuditEvent.objects.count() == audited


def test_item7_campaign_update_changes_what_the_status_allows() -> None:
    hr = f.hr_user(f.body())
    draft = services.campaign_create(
        actor=hr, regulation_code="KM", body=hr.staff.body, kind="vacancy", title="Черновик"
    )
    draft = services.campaign_update(
        actor=hr,
        campaign=draft,
        expected_version=draft.version,
        announcement={"conditions": "Условия."},
        vacancies=2,
    )
    assert (draft.announcement, draft.vacancies) == ({"conditions": "Условия."}, 2)
    decided = _in_status(f.km_campaign(hr, announce=TODAY), CampaignStatus.DECIDED)
    decided = services.campaign_update(
        actor=hr,
        campaign=decided,
        expected_version=decided.version,
        events={**decided.events, "head_order": "2026-06-01"},
    )
    assert decided.events["head_order"] == "2026-06-01"
    event = AuditEvent.objects.filter(action="campaign.update", object_id=str(decided.pk)).get()
    assert event.changes["after"]["events"]["head_order"] == "2026-06-01"
