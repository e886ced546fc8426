"""Forms of a reserve member's card: an exclusion and a re-inclusion (issue 10).

The grounds carry the regulation's titles; their values (the ids) never show on the page.  The
registry's filters are ``selection.reserve_filters`` (the XLSX export reads them too).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ExclusionForm(forms.Form):
    ground = forms.ChoiceField(label=_("Основание исключения"))
    on = forms.DateField(label=_("Дата исключения"), widget=DATE_WIDGET)
    basis = forms.CharField(
        label=_("Приказ, протокол (номер и дата)"),
        max_length=300,
        help_text=_("Например: распоряжение № 15-р от 10.02.2027."),
    )

    def __init__(self, data: Any = None, *, grounds: list[tuple[str, str]], **kw: Any) -> None:
        super().__init__(data, prefix="exclude", **kw)
        field: Any = self.fields["ground"]
        field.choices = [("", _("— выберите основание —")), *grounds]


class ReInclusionForm(forms.Form):
    on = forms.DateField(label=_("Дата повторного включения"), widget=DATE_WIDGET)
    basis = forms.CharField(label=_("Приказ, протокол (номер и дата)"), max_length=300)

    def __init__(self, data: Any = None, *, conditions: list[tuple[str, str]], **kw: Any) -> None:
        super().__init__(data, prefix="reinclude", **kw)
        self.conditions = conditions
        for index, (_fact, title) in enumerate(conditions):
            self.fields[f"condition_{index}"] = forms.BooleanField(
                label=_("Подтверждено: %(condition)s") % {"condition": title}, required=False
            )

    def facts(self) -> dict[str, bool]:
        """The confirmed conditions as the facts the regulation's condition reads."""
        return {
            fact: bool(self.cleaned_data.get(f"condition_{index}"))
            for index, (fact, _title) in enumerate(self.conditions)
        }


class EmploymentForm(forms.Form):
    employer = forms.CharField(label=_("Место работы (организация)"), max_length=300)
    post = forms.CharField(label=_("Должность"), max_length=300, required=False)
    since = forms.DateField(label=_("Работает с"), widget=DATE_WIDGET)

    def __init__(self, data: Any = None, **kw: Any) -> None:
        super().__init__(data, prefix="employment", **kw)
