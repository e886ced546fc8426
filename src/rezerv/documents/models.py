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
