"""A written work a candidate submitted for a method of a stage (TP-8, AK-9, KM-22, KM-23)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rezerv.selection.models import Application


def work_path(instance: Work, filename: str) -> str:
    # No personal data in paths: a random name under the campaign's uid.
    return f"works/{instance.application.campaign.uid}/{uuid.uuid4().hex}"


class Work(models.Model):
    """Typed text or an uploaded DOCX/PDF; a resubmission keeps the earlier work, superseded."""

    application = models.ForeignKey(Application, models.PROTECT, related_name="works")
    stage_id = models.CharField(_("этап"), max_length=60)
    method_id = models.CharField(_("метод оценки"), max_length=60)
    topic = models.CharField(_("тема"), max_length=500, blank=True)
    # The typed text, or the text read from the file (compared for similarity).
    text = models.TextField(_("текст"), blank=True)
    file = models.FileField(upload_to=work_path, blank=True)
    format = models.CharField(_("формат"), max_length=10)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    measures: Any = models.JSONField(_("измерения"), default=dict)
    # The text's MinHash (``similarity.signature``), compared without hashing the text again.
    signature: Any = models.JSONField(default=list, blank=True)
    submitted_at = models.DateTimeField(_("представлена"))
    superseded_at = models.DateTimeField(_("заменена"), null=True, blank=True)

    class Meta:
        verbose_name = _("письменная работа")
        verbose_name_plural = _("письменные работы")
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stage_id", "method_id"],
                condition=Q(superseded_at__isnull=True),
                name="one_work_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application.code}/{self.method_id}"
