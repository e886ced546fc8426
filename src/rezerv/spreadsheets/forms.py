"""The upload form of the import page (input shape only; the importer validates the file)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rezerv.spreadsheets.columns import KIND_TITLES, KINDS


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Что загружается"), choices=[(k, KIND_TITLES[k]) for k in KINDS]
    )
    file = forms.FileField(
        label=_("Файл XLSX или CSV"),
        help_text=_("Первая строка — заголовки столбцов; CSV в UTF-8 или Windows-1251."),
    )
