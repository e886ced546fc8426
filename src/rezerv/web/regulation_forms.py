"""The forms of the regulation pages: a YAML file (or its text pasted) and the day it comes
into force."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegulationUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Файл регламента (YAML)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,text/yaml"}),
        help_text=_(
            "Формат описан в docs/regulation-format.md; проверки — как у «rezerv validate»."
        ),
    )
    text = forms.CharField(
        label=_("или текст регламента"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        text = data.get("text") or ""
        if upload and text.strip():
            raise forms.ValidationError(_("Загрузите файл или вставьте текст, но не то и другое."))
        if not upload and not text.strip():
            raise forms.ValidationError(_("Выберите файл регламента или вставьте его текст."))
        if upload:
            data["raw"] = upload.read()
            data["filename"] = upload.name or "regulation.yaml"
            data["where"] = "file"
        else:
            data["raw"] = text.replace("\r\n", "\n").encode("utf-8")
            data["filename"] = "text.yaml"
            data["where"] = "text"
        return data


class RegulationActivateForm(forms.Form):
    effective_from = forms.DateField(
        label=_("Вступает в силу с"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Новые кампании с этого дня создаются по этой редакции; кампании, созданные раньше, "
            "продолжают работать по своей."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"effective_from": timezone.localdate()})
        super().__init__(*args, **kwargs)


class RegulationRescheduleForm(forms.Form):
    """Move the day a version comes into force, while that day is still to come."""

    effective_from = forms.DateField(
        label=_("Новая дата вступления в силу"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        label=_("Основание переноса"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Например, реквизиты документа, которым перенесён срок."),
    )


class RegulationWithdrawForm(forms.Form):
    """Withdraw the activation of a version whose day has not come."""

    reason = forms.CharField(
        label=_("Основание отмены"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Например, реквизиты документа, которым отменено изменение."),
    )
