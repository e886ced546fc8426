"""The assessment's forms: a bank, a question, an import file, a test session."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rezerv.assessment.importers import QuestionData
from rezerv.assessment.models import QuestionBank


class BankForm(forms.Form):
    title = forms.CharField(label=_("Наименование"), max_length=300)
    regulation_code = forms.ChoiceField(label=_("Регламент"))
    group = forms.CharField(
        label=_("Группа должностей или направление (необязательно)"), max_length=100, required=False
    )

    def __init__(self, *args: Any, codes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["regulation_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = codes


class QuestionForm(forms.Form):
    topic = forms.CharField(label=_("Тема"), max_length=200)
    text = forms.CharField(label=_("Текст вопроса"), widget=forms.Textarea(attrs={"rows": 3}))
    options = forms.CharField(
        label=_("Варианты ответа, каждый с новой строки"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    correct = forms.IntegerField(label=_("Номер правильного варианта"), min_value=1)
    active = forms.BooleanField(label=_("Используется в тестах"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def data_of(self) -> QuestionData:
        d = self.cleaned_data
        options = [line.strip() for line in d["options"].splitlines() if line.strip()]
        return QuestionData(d["topic"], d["text"], options, d["correct"] - 1)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Файл XLSX или Moodle XML"))

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        if file.size > 5 * 1024 * 1024:
            raise forms.ValidationError(gettext("Файл больше 5 МБ."))
        if not file.name.lower().endswith((".xlsx", ".xml")):
            raise forms.ValidationError(gettext("Нужен файл .xlsx или .xml."))
        return file


class SessionForm(forms.Form):
    method = forms.ChoiceField(label=_("Этап и метод оценки"))
    bank: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Банк вопросов"), queryset=QuestionBank.objects.none()
    )
    practice = forms.BooleanField(
        label=_("Самопроверка: не засчитывается и не влияет на допуск"), required=False
    )
    opens = forms.DateTimeField(
        label=_("Начало"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes = forms.DateTimeField(
        label=_("Окончание"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    time_limit_minutes = forms.IntegerField(
        label=_("Время на тест, минут"), min_value=1, max_value=24 * 60
    )
    attempts_allowed = forms.IntegerField(
        label=_("Число попыток"),
        help_text=_("Пусто — сколько допускает регламент."),
        min_value=1,
        max_value=10,
        required=False,
    )

    def __init__(
        self, *args: Any, methods: list[tuple[str, str]], banks: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["method"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = methods
        bank_field = self.fields["bank"]
        assert isinstance(bank_field, forms.ModelChoiceField)
        bank_field.queryset = banks
