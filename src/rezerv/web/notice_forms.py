"""The form that records when a notice or publication the regulation declares was issued."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from rezerv.engine.schema import Regulation


class NoticeForm(forms.Form):
    notice_id = forms.ChoiceField(label=_("Уведомление или публикация"))
    issued_on = forms.DateField(
        label=_("Дата направления (размещения)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    number = forms.CharField(label=_("Исходящий номер"), required=False, max_length=100)

    def __init__(self, *args: Any, regulation: Regulation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["notice_id"]).choices = [
            (n.id, n.title) for n in regulation.notices
        ]
