"""An organisation's own template of a form: replaces the bundled one for its body, no code."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rezerv.selection.models import StateBody


def template_path(instance: DocumentTemplate, filename: str) -> str:
    # A random name: the uploaded file's own name is not trusted nor kept in the path.
    suffix = "docx" if instance.fmt == DocumentTemplate.DOCX else "html"
    return f"document_templates/{uuid.uuid4().hex}.{suffix}"


class DocumentTemplate(models.Model):
    """A template uploaded by an administrator for one form and one format.

    ``body`` empty: for every body that has no template of its own for the form.
    """

    DOCX = "docx"
    HTML = "html"
    FORMATS = [(DOCX, _("DOCX (редактируемый документ)")), (HTML, _("HTML (для PDF)"))]

    form_code = models.CharField(_("форма"), max_length=60)
    fmt = models.CharField(_("формат"), max_length=10, choices=FORMATS)
    body = models.ForeignKey(
        StateBody,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="document_templates",
        verbose_name=_("государственный орган"),
    )
    file = models.FileField(_("файл шаблона"), upload_to=template_path)
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("примечание"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("шаблон документа")
        verbose_name_plural = _("шаблоны документов")
        ordering = ["form_code", "fmt", "-uploaded_at"]
        indexes = [models.Index(fields=["form_code", "fmt", "body"], name="doctemplate_lookup")]

    def __str__(self) -> str:
        return f"{self.form_code}.{self.fmt}"


def act_path(instance: RetentionAct, filename: str) -> str:
    # No personal data in paths: a random name.
    return f"retention_acts/{uuid.uuid4().hex}.pdf"


class RetentionAct(models.Model):
    """An act of destruction (C-7): what was destroyed, whose, on what ground (the regulation's
    retention item and its clauses), by whom (a user, or the daily job), when.  The rendered PDF
    is kept with what it says (``items``), so the act outlives the data it records."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        "selection.Campaign", models.PROTECT, related_name="retention_acts"
    )
    retention_id = models.CharField(_("срок хранения"), max_length=60)
    ground = models.TextField(_("основание"))
    day = models.DateField(_("дата уничтожения"))
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    job = models.CharField(_("задача"), max_length=60, blank=True)
    items = models.JSONField(_("уничтожено"), default=list)
    file = models.FileField(upload_to=act_path, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("акт об уничтожении")
        verbose_name_plural = _("акты об уничтожении")
        ordering = ["-day", "-pk"]


class Destruction(models.Model):
    """That the documents of one application under one retention item are destroyed: the claim
    (``unique``) that keeps a second run of the job from destroying or recording them again."""

    act = models.ForeignKey(RetentionAct, models.PROTECT, related_name="destructions")
    application = models.ForeignKey(
        "selection.Application", models.PROTECT, related_name="destructions"
    )
    retention_id = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "retention_id"], name="destruction_once")
        ]


class DocumentReturn(models.Model):
    """Documents returned to the candidate on request before the term (BR-18, KM-21), or
    against signature (PK-10): what, to whom, when, who handed them."""

    application = models.ForeignKey(
        "selection.Application", models.PROTECT, related_name="document_returns"
    )
    returned_on = models.DateField(_("дата возврата"))
    documents = models.JSONField(_("возвращённые документы"), default=list)
    received_by = models.CharField(_("получил (ФИО)"), max_length=300)
    signed = models.BooleanField(_("получено под роспись"), default=False)
    note = models.CharField(_("примечание"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("возврат документов")
        verbose_name_plural = _("возвраты документов")
        ordering = ["-returned_on", "-pk"]
