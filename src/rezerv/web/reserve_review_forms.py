"""Forms of the yearly review of the reserve (PK-9, BR-2; PK-6, BR-3).  Choices carry titles;
the ids of the regulation never show on the page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rezerv.web.reserve_forms import DATE_WIDGET

ANSWERS = {"for": _("за"), "against": _("против"), "abstain": _("воздержался")}


class ReviewOpenForm(forms.Form):
    commission = forms.ChoiceField(
        label=_("Комиссия и кампания, по итогам которой сформирован резерв")
    )
    date = forms.DateField(label=_("Дата заседания"), widget=DATE_WIDGET)
    place = forms.CharField(label=_("Место"), max_length=300, required=False)

    def __init__(self, data: Any = None, *, commissions: list[tuple[str, str]], **kw: Any) -> None:
        super().__init__(data, prefix="open", **kw)
        field: Any = self.fields["commission"]
        field.choices = [("", _("— выберите —")), *commissions]


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Присутствуют члены комиссии"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, data: Any = None, *, members: list[tuple[str, str]], **kw: Any) -> None:
        super().__init__(data, prefix="attendance", **kw)
        field: Any = self.fields["present"]
        field.choices = members


class ReviewVoteForm(forms.Form):
    """One member of the reserve: each present commission member's vote and, for a member not
    kept, the ground of exclusion."""

    def __init__(
        self,
        data: Any = None,
        *,
        entry_pk: int,
        voters: list[tuple[int, str]],
        answers: list[str],
        grounds: list[tuple[str, str]],
        **kw: Any,
    ) -> None:
        super().__init__(data, prefix=f"entry{entry_pk}", **kw)
        choices = [(a, ANSWERS[a]) for a in answers]
        self.voters = voters
        for pk, name in voters:
            self.fields[f"vote_{pk}"] = forms.ChoiceField(
                label=name, choices=choices, widget=forms.RadioSelect, required=True
            )
        self.fields["ground"] = forms.ChoiceField(
            label=_("Основание исключения (если комиссия не оставила в резерве)"),
            choices=[("", _("— не требуется —")), *grounds],
            required=False,
        )

    def votes(self) -> dict[int, str]:
        return {pk: self.cleaned_data[f"vote_{pk}"] for pk, _name in self.voters}


class ApprovalForm(forms.Form):
    on = forms.DateField(label=_("Дата утверждения"), widget=DATE_WIDGET)
    basis = forms.CharField(
        label=_("Распоряжение об утверждении (номер и дата)"),
        max_length=300,
    )

    def __init__(self, data: Any = None, **kw: Any) -> None:
        super().__init__(data, prefix="approve", **kw)


class PublicationForm(forms.Form):
    on = forms.DateField(label=_("Дата опубликования"), widget=DATE_WIDGET)

    def __init__(self, data: Any = None, **kw: Any) -> None:
        super().__init__(data, prefix="publish", **kw)
