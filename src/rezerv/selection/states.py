"""The statuses of campaigns and applications, which status may follow which, and the one
service per entity that moves a record from one status to the next (locked, versioned, audited).

The stored values are the model fields' values; nothing else in the code sets ``status``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from rezerv.selection.models import Application, Campaign


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

S = TypeVar("S", bound=models.TextChoices)

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
    from rezerv.selection.services import audit

    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    before, after = CampaignStatus(locked.status), _status(CampaignStatus, to)
    if after not in CAMPAIGN_TRANSITIONS[before]:
        raise _refuse(gettext("Кампания"), before, after)
    locked.status = after
    locked.version += 1
    locked.save(update_fields=["status", "version"])
    audit(
        actor=actor,
        action="campaign.transition",
        obj=locked,
        campaign=locked,
        changes={"before": before.value, "after": after.value, "reason": reason},
    )
    return locked


@transaction.atomic
def application_transition(
    *, actor: Any, application: Application, to: ApplicationStatus | str, reason: str = ""
) -> Application:
    """Move ``application`` to status ``to`` if the table allows it (audit ``application.transition``).

    Like ``campaign_transition``: locked, ``version`` bumped, refused transitions change nothing.
    """
    from rezerv.selection.models import Application
    from rezerv.selection.services import audit

    locked = Application.objects.select_for_update().get(pk=application.pk)
    before, after = ApplicationStatus(locked.status), _status(ApplicationStatus, to)
    if after not in APPLICATION_TRANSITIONS[before]:
        raise _refuse(gettext("Заявление"), before, after)
    locked.status = after
    locked.version += 1
    locked.save(update_fields=["status", "version"])
    audit(
        actor=actor,
        action="application.transition",
        obj=locked,
        campaign=locked.campaign,
        changes={"before": before.value, "after": after.value, "reason": reason},
    )
    return locked
