"""The reserve registry's filters as a form (issue 10): the registry page and its XLSX export
read the same query string through it.

Choices carry titles (bodies, regulations, the regulation's levels); the values sent are ids
and titles of groups of positions, never personal data.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rezerv.selection.reserve_registry import ALL, EXCLUDED, IN_RESERVE, Choices, RegistryFilter

MAX_MONTHS = 120


class RegistryFilterForm(forms.Form):
    body = forms.TypedChoiceField(label=_("Орган"), required=False, coerce=int, empty_value=None)
    code = forms.ChoiceField(label=_("Регламент"), required=False)
    level = forms.ChoiceField(label=_("Уровень в резерве"), required=False)
    group = forms.ChoiceField(label=_("Должность, группа должностей"), required=False)
    months = forms.IntegerField(
        label=_("Срок истекает в ближайшие, месяцев"),
        required=False,
        min_value=1,
        max_value=MAX_MONTHS,
    )
    status = forms.ChoiceField(
        label=_("Состояние"),
        required=False,
        choices=[
            (IN_RESERVE, _("в резерве")),
            (EXCLUDED, _("исключён")),
            (ALL, _("все")),
        ],
    )

    def __init__(self, data: Any, *, choices: Choices) -> None:
        super().__init__(data)
        anything: list[tuple[Any, Any]] = [("", _("все"))]
        body: Any = self.fields["body"]
        body.choices = [*anything, *choices.bodies]
        code: Any = self.fields["code"]
        code.choices = [*anything, *choices.codes]
        level: Any = self.fields["level"]
        level.choices = [*anything, *choices.levels]
        group: Any = self.fields["group"]
        group.choices = [*anything, *((g, g) for g in choices.groups)]

    def registry_filter(self) -> RegistryFilter:
        """The filter of the valid fields (a field with an error filters nothing)."""
        data = getattr(self, "cleaned_data", {})
        return RegistryFilter(
            body=data.get("body"),
            code=data.get("code") or "",
            level=data.get("level") or "",
            group=data.get("group") or "",
            ending_within_months=data.get("months"),
            status=data.get("status") or IN_RESERVE,
        )
