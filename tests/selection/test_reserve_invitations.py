"""For a competitive vacancy, the reserve members who meet its requirements are invited to the
competition (issue 10; the matching of BR-20, PK-7): a message through the outbox, each
invitation recorded, nobody invited twice, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from rezerv.notifications.models import Notification
from rezerv.selection.models import AuditEvent, Campaign, ReserveEntry
from rezerv.selection.reserve_invitations import vacancy_invite
from rezerv.selection.reserve_review_models import VacancyInvitation
from rezerv.selection.reserve_vacancies import matches, vacancy_create
from rezerv.selection.services import ServiceError
from rezerv.selection.states import CampaignStatus
from tests.documents.world_br import br_documents_world
from tests.web.test_reserve_views import at, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def br() -> dict[str, Any]:
    w = br_documents_world(timezone.localdate())
    included = ReserveEntry.objects.filter(decision=w["decision"]).first()
    assert included is not None and included.included_on is not None
    w["day"] = day = included.included_on + dt.timedelta(days=30)
    w["vacancy"] = vacancy_create(
        actor=w["hr"],
        body=w["body"],
        code="BR",
        title="Заместитель министра",
        level="",
        vacant_since=day,
        today=day,
    )
    w["competition"] = Campaign.objects.create(
        kind=w["campaign"].kind,
        regulation=w["campaign"].regulation,
        title="Конкурс на замещение должности заместителя министра",
        body=w["body"],
        status=CampaignStatus.PUBLISHED,
        created_by=w["hr"],
    )
    return w


def test_br20_matching_members_are_invited_to_the_competition_once_with_a_message(
    br: dict[str, Any],
) -> None:
    w = br
    meets = [e for _m, e in matches(w["hr"], w["vacancy"], w["day"]).meets]
    assert meets
    sent = vacancy_invite(
        actor=w["hr"], vacancy=w["vacancy"], campaign=w["competition"], today=w["day"]
    )
    assert {i.entry_id for i in sent} == {e.pk for e in meets}
    for invitation in sent:
        user = invitation.entry.person.user
        if user is None:
            assert not invitation.notified
            continue
        assert invitation.notified
        note = Notification.objects.get(
            recipient=user, template_key="reserve.competition_invitation", channel="in_app"
        )
        assert "Заместитель министра" in note.body
        assert str(w["competition"].uid) in note.body
    event = AuditEvent.objects.get(action="reserve.vacancy_invite")
    assert sorted(event.changes["entries"]) == sorted(e.pk for e in meets)
    with pytest.raises(ServiceError):  # everyone matching is invited already
        vacancy_invite(
            actor=w["hr"], vacancy=w["vacancy"], campaign=w["competition"], today=w["day"]
        )
    assert VacancyInvitation.objects.count() == len(meets)


def test_only_a_competition_of_the_body_open_for_applications_takes_invitations(
    br: dict[str, Any],
) -> None:
    w = br
    with pytest.raises(ServiceError) as err:
        vacancy_invite(actor=w["hr"], vacancy=w["vacancy"], campaign=w["campaign"], today=w["day"])
    assert err.value.field == "campaign"
    assert not VacancyInvitation.objects.exists()


def test_the_vacancy_page_invites_and_lists_the_invitations(
    br: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    w = br
    at(monkeypatch, w["day"])
    client = client_for(w["hr"])
    url = reverse("desk_vacancy", args=[w["vacancy"].uid])
    html = client.get(url).content.decode()
    assert "Пригласить к участию в конкурсе" in html
    done = client.post(url, {"invite": "1", "invite-campaign": str(w["competition"].uid)})
    assert done.status_code == 302
    html = client.get(url).content.decode()
    assert "Конкурс на замещение должности заместителя министра" in html
    assert VacancyInvitation.objects.exists()
