"""What is recorded while the reserve is used: individual development plans with the member's
reports and HR's assessments (BR-19), vacant target positions filled from the reserve with
their steps (BR-20, PK-7) and participation in priority projects (BR-23).

The kinds of plan item, the assessments and the steps are ids of the regulation's ``reserve``
section; their titles are the regulation's.  Written only by ``reserve_plans`` and
``reserve_vacancies``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanItem(models.Model):
    entry = models.ForeignKey("selection.ReserveEntry", models.PROTECT, related_name="plan_items")
    kind = models.CharField(_("форма работы"), max_length=60)
    title = models.CharField(_("содержание"), max_length=500)
    due = models.DateField(_("срок"))
    assessment = models.CharField(_("оценка"), max_length=60, blank=True)
    assessment_note = models.CharField(_("комментарий к оценке"), max_length=1000, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("пункт плана индивидуальной подготовки")
        verbose_name_plural = _("планы индивидуальной подготовки")
        ordering = ("due", "pk")


def report_path(instance: PlanReport, filename: str) -> str:
    # No personal data in paths: a random name.
    return f"reserve-reports/{uuid.uuid4().hex}"


class PlanReport(models.Model):
    item = models.ForeignKey(PlanItem, models.PROTECT, related_name="reports")
    text = models.TextField(_("отчёт"))
    done_on = models.DateField(_("дата выполнения"))
    file = models.FileField(upload_to=report_path, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("отчёт о выполнении плана")
        verbose_name_plural = _("отчёты о выполнении плана")
        ordering = ("submitted_at", "pk")


class Vacancy(models.Model):
    """A vacant target position of a body, to be filled from the reserve of a regulation."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    body = models.ForeignKey("selection.StateBody", models.PROTECT, related_name="+")
    code = models.CharField(_("регламент"), max_length=20)
    title = models.CharField(_("вакантная целевая должность"), max_length=300)
    level = models.CharField(_("уровень резерва"), max_length=60, blank=True)
    vacant_since = models.DateField(_("вакантна с"))
    filled_on = models.DateField(_("замещена"), null=True, blank=True)
    filled_by = models.ForeignKey(
        "selection.ReserveEntry", models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("вакантная целевая должность")
        verbose_name_plural = _("вакантные целевые должности")
        ordering = ("-vacant_since", "pk")


class StepOutcome(models.TextChoices):
    DONE = "done", _("выполнено")
    REFUSED = "refused", _("отказ")


class VacancyStepRecord(models.Model):
    vacancy = models.ForeignKey(Vacancy, models.PROTECT, related_name="steps")
    entry = models.ForeignKey("selection.ReserveEntry", models.PROTECT, related_name="+")
    step = models.CharField(_("этап"), max_length=60)
    outcome = models.CharField(_("результат"), max_length=10, choices=StepOutcome.choices)
    on = models.DateField(_("дата"))
    basis = models.CharField(_("документ"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("этап замещения должности из резерва")
        verbose_name_plural = _("этапы замещения должностей из резерва")
        ordering = ("on", "pk")


class ProjectParticipation(models.Model):
    """A member's participation in a priority project in a calendar year (BR-23)."""

    entry = models.ForeignKey(
        "selection.ReserveEntry", models.PROTECT, related_name="project_participations"
    )
    year = models.PositiveIntegerField(_("год"))
    project = models.CharField(_("проект"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("участие в приоритетном проекте")
        verbose_name_plural = _("участие в приоритетных проектах")
