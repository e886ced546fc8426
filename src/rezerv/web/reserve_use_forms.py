"""Forms of the reserve's use (issue 10): development plans (BR-19), vacancies (BR-20) and
priority projects (BR-23).  Choices carry the regulation's titles, never its ids."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rezerv.web.reserve_forms import DATE_WIDGET


def _choices(field: Any, options: list[tuple[str, str]], empty: Any) -> None:
    field.choices = [("", empty), *options]


class PlanItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Форма работы"))
    title = forms.CharField(label=_("Содержание"), max_length=500)
    due = forms.DateField(label=_("Срок выполнения"), widget=DATE_WIDGET)

    def __init__(self, data: Any = None, *, kinds: list[tuple[str, str]], **kw: Any) -> None:
        super().__init__(data, prefix="item", **kw)
        _choices(self.fields["kind"], kinds, _("— выберите форму работы —"))


class AssessForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    assessment = forms.ChoiceField(label=_("Оценка"))
    note = forms.CharField(label=_("Комментарий"), max_length=1000, required=False)

    def __init__(self, data: Any = None, *, marks: list[tuple[str, str]], **kw: Any) -> None:
        super().__init__(data, prefix="assess", **kw)
        _choices(self.fields["assessment"], marks, _("— выберите оценку —"))


class PlanExclusionForm(forms.Form):
    on = forms.DateField(label=_("Дата исключения"), widget=DATE_WIDGET)
    basis = forms.CharField(label=_("Приказ, протокол (номер и дата)"), max_length=300)

    def __init__(self, data: Any = None, **kw: Any) -> None:
        super().__init__(data, prefix="planexclude", **kw)


class ReportForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Что сделано"), widget=forms.Textarea(attrs={"rows": 3}))
    done_on = forms.DateField(label=_("Дата выполнения"), widget=DATE_WIDGET)
    file = forms.FileField(label=_("Файл (необязательно)"), required=False)

    def __init__(self, data: Any = None, files: Any = None, **kw: Any) -> None:
        super().__init__(data, files, prefix="report", **kw)


class VacancyForm(forms.Form):
    code = forms.ChoiceField(label=_("Резерв (регламент)"))
    body = forms.ChoiceField(label=_("Орган"))
    title = forms.CharField(label=_("Вакантная целевая должность"), max_length=300)
    level = forms.ChoiceField(label=_("Уровень резерва"), required=False)
    vacant_since = forms.DateField(label=_("Вакантна с"), widget=DATE_WIDGET)

    def __init__(
        self,
        data: Any = None,
        *,
        codes: list[tuple[str, str]],
        bodies: list[tuple[int, str]],
        levels: list[tuple[str, str]],
        **kw: Any,
    ) -> None:
        super().__init__(data, prefix="vacancy", **kw)
        _choices(self.fields["code"], codes, _("— выберите резерв —"))
        self.fields["body"].choices = [(str(pk), name) for pk, name in bodies]  # type: ignore[attr-defined]
        _choices(self.fields["level"], levels, _("любой уровень"))


class StepForm(forms.Form):
    entry = forms.CharField(widget=forms.HiddenInput)
    step = forms.CharField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Результат"), choices=[("done", _("выполнено")), ("refused", _("отказ"))]
    )
    on = forms.DateField(label=_("Дата"), widget=DATE_WIDGET)
    basis = forms.CharField(label=_("Документ (номер и дата)"), max_length=300, required=False)

    def __init__(self, data: Any = None, **kw: Any) -> None:
        super().__init__(data, prefix="step", **kw)


class ProjectForm(forms.Form):
    year = forms.IntegerField(label=_("Год"), min_value=2000, max_value=2100)
    project = forms.CharField(label=_("Приоритетный проект"), max_length=300)

    def __init__(self, data: Any = None, **kw: Any) -> None:
        super().__init__(data, prefix="project", **kw)


class InviteForm(forms.Form):
    campaign = forms.ChoiceField(label=_("Конкурс на должность"))

    def __init__(self, data: Any = None, *, campaigns: list[tuple[str, str]], **kw: Any) -> None:
        super().__init__(data, prefix="invite", **kw)
        field: Any = self.fields["campaign"]
        field.choices = [("", _("— выберите конкурс —")), *campaigns]
