"""The statuses of campaigns and applications, which status may follow which, and the one
service per entity that moves a record from one status to the next (locked, versioned, audited).

The stored values are the model fields' values; nothing else in the code sets ``status``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from rezerv.selection.models import Application, Campaign, Meeting


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("черновик")
    PUBLISHED = "published", _("объявлен")
    ASSESSMENT = "assessment", _("оценка")
    DECIDED = "decided", _("решение принято")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("подано")
    ADMITTED = "admitted", _("допущен")
    REFUSED = "refused", _("отказано в допуске")
    WITHDRAWN = "withdrawn", _("отозвано")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("назначено")
    RESCHEDULED = "rescheduled", _("перенесено")
    CANCELLED = "cancelled", _("отменено")


# Which status may follow which. A campaign is announced (campaign_publish), may be moved to the
# assessment, and is decided by the commission's decision (decision_make) either from the
# announcement or from the assessment; a decided campaign stays decided (a later stage's decision
# of a multi-stage regulation is stored as another Decision, the status does not change).
CAMPAIGN_TRANSITIONS: dict[CampaignStatus, frozenset[CampaignStatus]] = {
    CampaignStatus.DRAFT: frozenset({CampaignStatus.PUBLISHED}),
    CampaignStatus.PUBLISHED: frozenset({CampaignStatus.ASSESSMENT, CampaignStatus.DECIDED}),
    CampaignStatus.ASSESSMENT: frozenset({CampaignStatus.DECIDED}),
    CampaignStatus.DECIDED: frozenset(),
}

# An application is admitted or refused by the HR decision (application_decide); that decision may
# be taken again (admitted → refused, refused → admitted), recorded with who, when and the reasons.
# A candidate may withdraw an application that is not refused; a withdrawn one is final.
APPLICATION_TRANSITIONS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    ApplicationStatus.SUBMITTED: frozenset(
        {ApplicationStatus.ADMITTED, ApplicationStatus.REFUSED, ApplicationStatus.WITHDRAWN}
    ),
    ApplicationStatus.ADMITTED: frozenset({ApplicationStatus.REFUSED, ApplicationStatus.WITHDRAWN}),
    ApplicationStatus.REFUSED: frozenset({ApplicationStatus.ADMITTED}),
    ApplicationStatus.WITHDRAWN: frozenset(),
}

# A meeting may be moved (again and again) or cancelled, each with a reason; a cancelled meeting is
# final and decides nothing (``selection.meetings``).
MEETING_TRANSITIONS: dict[MeetingStatus, frozenset[MeetingStatus]] = {
    MeetingStatus.SCHEDULED: frozenset({MeetingStatus.RESCHEDULED, MeetingStatus.CANCELLED}),
    MeetingStatus.RESCHEDULED: frozenset({MeetingStatus.RESCHEDULED, MeetingStatus.CANCELLED}),
    MeetingStatus.CANCELLED: frozenset(),
}

S = TypeVar("S", bound=models.TextChoices)
_M = TypeVar("_M", bound=models.Model)

#: Statuses of a campaign that has been announced (its announcement is public).
ANNOUNCED = (CampaignStatus.PUBLISHED, CampaignStatus.ASSESSMENT, CampaignStatus.DECIDED)
#: Statuses of an application that is no longer considered.
CLOSED = (ApplicationStatus.REFUSED, ApplicationStatus.WITHDRAWN)


def _status(kind: type[S], value: str) -> S:
    from rezerv.selection.services import ServiceError

    try:
        return kind(value)
    except ValueError:
        raise ServiceError(
            gettext("Неизвестный статус «%(status)s».") % {"status": value}, "status"
        ) from None


def _refuse(what: str, before: models.TextChoices, after: models.TextChoices) -> Any:
    from rezerv.selection.services import ServiceError

    return ServiceError(
        gettext("%(what)s в статусе «%(before)s» не может перейти в статус «%(after)s».")
        % {"what": what, "before": before.label, "after": after.label},
        "status",
    )


@transaction.atomic
def campaign_transition(
    *, actor: Any, campaign: Campaign, to: CampaignStatus | str, reason: str = ""
) -> Campaign:
    """Move ``campaign`` to status ``to`` if the table allows it (audit ``campaign.transition``).

    The row is locked and re-read; the returned instance is the saved one (``version`` bumped).
    A transition the table does not allow raises ``ServiceError`` naming both statuses and changes
    nothing.
    """
    from rezerv.selection.models import Campaign

    return _move(
        Campaign, campaign, to, CampaignStatus, CAMPAIGN_TRANSITIONS, gettext("Кампания"), actor,
        reason, campaign_of=lambda c: c,
    )  # fmt: skip


@transaction.atomic
def application_transition(
    *, actor: Any, application: Application, to: ApplicationStatus | str, reason: str = ""
) -> Application:
    """Move ``application`` to status ``to`` if the table allows it (audit ``application.transition``).

    Like ``campaign_transition``: locked, ``version`` bumped, refused transitions change nothing.
    """
    from rezerv.selection.models import Application

    return _move(
        Application, application, to, ApplicationStatus, APPLICATION_TRANSITIONS,
        gettext("Заявление"), actor, reason, campaign_of=lambda a: a.campaign,
    )  # fmt: skip


@transaction.atomic
def meeting_transition(
    *,
    actor: Any,
    meeting: Meeting,
    to: MeetingStatus | str,
    reason: str = "",
    action: str,
    values: dict[str, Any] | None = None,
    expected_version: int | None = None,
) -> Meeting:
    """Move ``meeting`` to ``to`` and set ``values`` (date, time, place) with it, audited as
    ``action`` with the old and new values; ``expected_version`` detects a concurrent edit."""
    from rezerv.selection.models import Meeting

    return _move(
        Meeting, meeting, to, MeetingStatus, MEETING_TRANSITIONS, gettext("Заседание"), actor,
        reason, campaign_of=lambda m: m.campaign, action=action, values=values,
        expected_version=expected_version,
    )  # fmt: skip


def _move(
    model: Any,
    obj: _M,
    to: Any,
    enum: Any,
    table: Any,
    what: str,
    actor: Any,
    reason: str,
    *,
    campaign_of: Any,
    action: str | None = None,
    values: dict[str, Any] | None = None,
    expected_version: int | None = None,
) -> _M:
    """The one transition: lock and re-read the row, refuse a move the table does not allow
    (nothing changes), set the status (and ``values``), bump ``version``, audit before and
    after."""
    from rezerv.selection.services import ConcurrentEdit, audit

    locked = model.objects.select_for_update().get(pk=obj.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConcurrentEdit(gettext("Запись изменена другим пользователем; обновите страницу."))
    before, after = enum(locked.status), _status(enum, to)
    if after not in table[before]:
        raise _refuse(what, before, after)
    changes: dict[str, Any] = {"before": before.value, "after": after.value, "reason": reason}
    for name, value in (values or {}).items():
        old = getattr(locked, name)
        if old != value:
            changes[name] = {"before": old, "after": value}
        setattr(locked, name, value)
    locked.status = after
    locked.version += 1
    locked.save(update_fields=["status", "version", *(values or {})])
    audit(
        actor=actor,
        action=action or f"{model._meta.model_name}.transition",
        obj=locked,
        campaign=campaign_of(locked),
        changes=changes,
    )
    return cast(_M, locked)
