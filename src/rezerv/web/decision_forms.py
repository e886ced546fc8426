"""The form of a commission's decision: the reason of a second decision and the decision the
user saw in force (a stale page is refused rather than superseding a decision unseen)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class StageDecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Основание повторного решения (прежнее решение утратит силу)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    expected = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
