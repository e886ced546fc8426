"""The yearly review of the reserve (PK-9, BR-2 yearly update; PK-6, BR-3): a meeting of the
commission that decides per member to keep or exclude, then the head's approval of the updated
list and its publication.  Written only by ``reserve_review``."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReserveReview(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        "selection.Campaign", models.PROTECT, related_name="reserve_reviews"
    )
    commission = models.ForeignKey("selection.Commission", models.PROTECT, related_name="+")
    date = models.DateField(_("дата заседания"))
    place = models.CharField(_("место"), max_length=300, blank=True)
    # the commission members present (CommissionMember pks): quorum as at any meeting
    present = models.JSONField(default=list, blank=True)
    approved_on = models.DateField(_("дата утверждения"), null=True, blank=True)
    approval_basis = models.CharField(_("распоряжение об утверждении"), max_length=300, blank=True)
    published_on = models.DateField(_("дата опубликования"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("ежегодное рассмотрение кадрового резерва")
        verbose_name_plural = _("ежегодные рассмотрения кадрового резерва")
        ordering = ("-date", "-pk")


class ReserveReviewVote(models.Model):
    review = models.ForeignKey(ReserveReview, models.CASCADE, related_name="votes")
    entry = models.ForeignKey("selection.ReserveEntry", models.PROTECT, related_name="+")
    member = models.ForeignKey("selection.CommissionMember", models.PROTECT, related_name="+")
    vote = models.CharField(max_length=10)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["review", "entry", "member"], name="review_vote_once"),
        )


class ReserveReviewOutcome(models.Model):
    """The commission's decision on one member: kept, or excluded on ``ground`` (applied when
    the head approves the updated list)."""

    review = models.ForeignKey(ReserveReview, models.CASCADE, related_name="outcomes")
    entry = models.ForeignKey("selection.ReserveEntry", models.PROTECT, related_name="+")
    keep = models.BooleanField()
    ground = models.CharField(max_length=60, blank=True)
    votes_for = models.PositiveIntegerField(default=0)
    against = models.PositiveIntegerField(default=0)
    abstained = models.PositiveIntegerField(default=0)
    casting_vote = models.BooleanField(default=False)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["review", "entry"], name="review_outcome_once"),
        )


class VacancyInvitation(models.Model):
    """A member of the reserve who meets a vacancy's requirements invited to the competition
    announced for it (issue 10: a competitive vacancy); ``notified``: a message went to the
    member's account (and e-mail), else HR tells them otherwise."""

    vacancy = models.ForeignKey("selection.Vacancy", models.PROTECT, related_name="invitations")
    entry = models.ForeignKey("selection.ReserveEntry", models.PROTECT, related_name="+")
    campaign = models.ForeignKey("selection.Campaign", models.PROTECT, related_name="+")
    invited_on = models.DateField(_("дата приглашения"))
    notified = models.BooleanField(default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["vacancy", "entry", "campaign"], name="vacancy_invitation_once"
            ),
        )
        ordering = ("invited_on", "pk")
