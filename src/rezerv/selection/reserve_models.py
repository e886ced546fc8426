"""The acts of the reserve after inclusion: an exclusion on a ground of the regulation (BR-21,
PK-9), the expiry of the term (BR-2, TP-12) and a re-inclusion (BR-13).

Each act is kept as it was recorded, with the date it takes effect, the order or protocol it
rests on and who recorded it; the member's state now is on the entry itself
(``ReserveEntry.excluded_on``, ``exclusion_ground``).  Written only by ``reserve_acts``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActKind(models.TextChoices):
    EXCLUSION = "exclusion", _("исключение из резерва")
    EXPIRY = "expiry", _("истечение срока нахождения в резерве")
    RE_INCLUSION = "re_inclusion", _("повторное включение в резерв")


class ReserveAct(models.Model):
    entry = models.ForeignKey(
        "selection.ReserveEntry",
        models.PROTECT,
        related_name="acts",
        verbose_name=_("член резерва"),
    )
    kind = models.CharField(_("вид"), max_length=20, choices=ActKind.choices)
    # An exclusion ground of the regulation (``reserve.exclusion_grounds``); empty for the
    # expiry of the term and for a re-inclusion.
    ground = models.CharField(_("основание"), max_length=60, blank=True)
    on = models.DateField(_("дата"))
    basis = models.CharField(_("приказ, протокол"), max_length=300, blank=True)
    # A re-inclusion starts a new term: the dates it replaced.
    previous_included_on = models.DateField(null=True, blank=True)
    previous_until = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("акт кадрового резерва")
        verbose_name_plural = _("акты кадрового резерва")
        ordering = ("on", "pk")


class ReserveEmployment(models.Model):
    """Where and from when a member of the reserve is employed, as HR learns it (TP-13: the
    employment of talent-pool members is monitored).  Written only by ``reserve_employment``."""

    entry = models.ForeignKey(
        "selection.ReserveEntry",
        models.PROTECT,
        related_name="employments",
        verbose_name=_("член резерва"),
    )
    employer = models.CharField(_("место работы"), max_length=300)
    post = models.CharField(_("должность"), max_length=300, blank=True)
    since = models.DateField(_("работает с"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("сведения о трудоустройстве члена резерва")
        verbose_name_plural = _("сведения о трудоустройстве членов резерва")
        ordering = ("since", "pk")
