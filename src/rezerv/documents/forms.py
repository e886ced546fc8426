from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from rezerv.documents import registry
from rezerv.documents.models import DocumentTemplate
from rezerv.selection.models import StateBody


class TemplateUploadForm(forms.Form):
    form_code = forms.ChoiceField(label=_("Форма"))
    fmt = forms.ChoiceField(label=_("Формат шаблона"), choices=DocumentTemplate.FORMATS)
    body = forms.ModelChoiceField(
        label=_("Государственный орган"),
        queryset=StateBody.objects.all(),
        required=False,
        empty_label=_("все органы без собственного шаблона"),
    )
    file = forms.FileField(label=_("Файл шаблона (.docx или .html)"))
    note = forms.CharField(label=_("Примечание"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["form_code"]).choices = [
            (spec.code, f"{spec.family}: {spec.title}")
            for spec in sorted(registry.FORMS.values(), key=lambda s: (s.family, s.code))
        ]


class DocumentReturnForm(forms.Form):
    """Documents handed back to the candidate (BR-18, KM-21; PK-10: against signature)."""

    returned_on = forms.DateField(
        label=_("Дата возврата"), widget=forms.DateInput(attrs={"type": "date"})
    )
    documents = forms.TypedMultipleChoiceField(
        label=_("Возвращённые документы"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    received_by = forms.CharField(label=_("Получил (фамилия, имя, отчество)"), max_length=300)
    signed = forms.BooleanField(label=_("Получено под роспись"), required=False)
    note = forms.CharField(label=_("Примечание"), max_length=500, required=False)

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedMultipleChoiceField, self.fields["documents"]).choices = choices
