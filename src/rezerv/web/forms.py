"""Forms: input shapes only; validation of rules happens in services and the engine."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rezerv.engine.deadlines import campaign_year, in_year
from rezerv.engine.schema import Criterion, FactDef, Regulation, ScoreSheet
from rezerv.selection import eventdates, identifiers
from rezerv.selection.models import Campaign, Person, Questionnaire, StateBody
from rezerv.selection.selectors import questionnaire_questions


class RegistrationForm(UserCreationForm[User]):
    last_name = forms.CharField(label=_("Фамилия"), max_length=100)
    first_name = forms.CharField(label=_("Имя"), max_length=100)
    patronymic = forms.CharField(label=_("Отчество (при наличии)"), max_length=100, required=False)
    email = forms.EmailField(label=_("Адрес электронной почты"))

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username",)
        labels = {"username": _("Имя пользователя (логин)")}


class PersonForm(forms.ModelForm[Person]):
    # Longer than the stored numbers: people type them with spaces and hyphens (normalised below).
    iin = forms.CharField(label=_("ИИН"), max_length=30, required=False)
    snils = forms.CharField(label=_("СНИЛС"), max_length=30, required=False)

    class Meta:
        model = Person
        fields = [
            "last_name",
            "first_name",
            "patronymic",
            "gender",
            "birth_date",
            "citizenship",
            "iin",
            "snils",
            "email",
            "phone",
            "address",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "citizenship": forms.Select(
                choices=[
                    ("RU", _("Российская Федерация")),
                    ("KZ", _("Республика Казахстан")),
                    ("XX", _("иное")),
                ]
            ),
        }

    def clean_birth_date(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("birth_date")
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError(
                _("Дата рождения %(date)s ещё не наступила: проверьте год."),
                params={"date": value.strftime("%d.%m.%Y")},
            )
        return value

    def clean_iin(self) -> str:
        digits = identifiers.digits_of(self.cleaned_data.get("iin") or "")
        if not digits:
            return ""
        if len(digits) != 12 or not (digits.isascii() and digits.isdigit()):
            raise forms.ValidationError(_("ИИН состоит из 12 цифр."))
        if not identifiers.iin_valid(digits):
            raise forms.ValidationError(
                _("ИИН %(iin)s неверен: не сходится контрольная цифра (12-я). Проверьте цифры."),
                params={"iin": digits},
            )
        return digits

    def clean_snils(self) -> str:
        digits = identifiers.digits_of(self.cleaned_data.get("snils") or "")
        if not digits:
            return ""
        if len(digits) != 11 or not (digits.isascii() and digits.isdigit()):
            raise forms.ValidationError(_("СНИЛС состоит из 11 цифр (XXX-XXX-XXX YY)."))
        if not identifiers.snils_valid(digits):
            raise forms.ValidationError(
                _(
                    "СНИЛС %(snils)s неверен: не сходится контрольное число (две последние "
                    "цифры). Проверьте цифры."
                ),
                params={"snils": identifiers.format_snils(digits)},
            )
        return identifiers.format_snils(digits)


class QuestionnaireForm(forms.ModelForm[Questionnaire]):
    """The biography of the seeds' questionnaire forms; the facts the engine reads are not here
    but in the regulation (``source: questionnaire`` facts are asked with the application)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    awards_text = forms.CharField(
        label=_(
            "Государственные и ведомственные награды, почётные звания, дипломы (по одному в строке)"
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    languages_text = forms.CharField(
        label=_(
            "Знание государственного и иностранных языков (по одному в строке, со степенью владения)"
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields["awards_text"].initial = "\n".join(self.instance.awards or [])
            self.fields["languages_text"].initial = "\n".join(self.instance.languages or [])

    def answers(self) -> dict[str, Any]:
        """The answers as the questionnaire's values (``accounts.questionnaire_update`` saves)."""
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values["awards"] = _lines(self.cleaned_data.get("awards_text", ""))
        values["languages"] = _lines(self.cleaned_data.get("languages_text", ""))
        return values

    class Meta:
        model = Questionnaire
        fields = ["degrees", "publications"]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class EducationEntryForm(forms.Form):
    """One line of «Образование»: institution, year of graduation, specialty, qualification."""

    institution = forms.CharField(label=_("Учебное заведение"), max_length=300, required=False)
    year = forms.IntegerField(
        label=_("Год окончания"), min_value=1940, max_value=2100, required=False
    )
    specialty = forms.CharField(
        label=_("Специальность (направление подготовки)"), max_length=300, required=False
    )
    qualification = forms.CharField(label=_("Квалификация"), max_length=300, required=False)


class WorkEntryForm(forms.Form):
    """One line of «Трудовая деятельность»: period, organisation, post."""

    start = forms.DateField(
        label=_("Дата начала"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("Дата окончания (пусто — по настоящее время)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    organisation = forms.CharField(label=_("Организация"), max_length=300, required=False)
    post = forms.CharField(label=_("Должность"), max_length=300, required=False)
    managerial = forms.BooleanField(label=_("Руководящая должность"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("Дата окончания раньше даты начала."))
        if (data.get("organisation") or data.get("post")) and not start:
            self.add_error("start", _("Укажите дату начала работы."))
        return data


EducationFormSet = forms.formset_factory(EducationEntryForm, extra=1, max_num=20)
WorkFormSet = forms.formset_factory(WorkEntryForm, extra=1, max_num=40)


def formset_rows(formset: Any) -> list[dict[str, Any]]:
    """The filled rows of a valid formset as JSON-ready dicts (empty rows dropped)."""
    rows = []
    for form in formset.forms:
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "", False)}
        if not data or set(data) == {"managerial"}:
            continue
        rows.append(
            {
                k: (v.isoformat() if isinstance(v, dt.date) else v)
                for k, v in form.cleaned_data.items()
            }
        )
    return rows


FACT_BELOW_MIN = _("Значение не может быть меньше %(limit_value)s.")


NOT_A_POSITION = _("Выберите одну из должностей, указанных кадровой службой для этой кампании.")
NOT_RECORDED = _("Выберите одно из значений, указанных кадровой службой для этой кампании.")


def fact_field(
    fact: FactDef, positions: list[str] | None = None, recorded: list[str] | None = None
) -> forms.Field:
    """The form field of a fact; a fact declared ``choices_from: positions`` is a list of
    ``positions``, the titles of the campaign's positions, one declared ``choices_from:
    campaign`` a list of ``recorded``, the values HR recorded for it (issue 9 §2)."""
    label = fact.title
    required = fact.required
    if fact.choices_from is not None:
        values = positions if fact.choices_from == "positions" else recorded
        return forms.ChoiceField(
            label=label,
            choices=[("", "—"), *[(value, value) for value in values or []]],
            required=required,
            help_text=fact.help,
            error_messages={
                "invalid_choice": NOT_A_POSITION
                if fact.choices_from == "positions"
                else NOT_RECORDED
            },
        )
    if fact.type == "bool":
        return forms.TypedChoiceField(
            label=label,
            choices=[("", "—"), ("1", _("да")), ("0", _("нет"))],
            coerce=lambda v: v == "1",
            empty_value=None,
            required=required,
            help_text=fact.help,
        )
    if fact.type == "date":
        return forms.DateField(
            label=label,
            required=required,
            help_text=fact.help,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        )
    if fact.type == "number":
        return forms.DecimalField(
            label=label,
            required=required,
            help_text=fact.help,
            max_digits=12,
            decimal_places=2,
            min_value=fact.min,
            error_messages={"min_value": FACT_BELOW_MIN},
        )
    if fact.type == "choice":
        return forms.ChoiceField(
            label=label,
            choices=[("", "—"), *[(c.id, c.title) for c in fact.choices]],
            required=required,
            help_text=fact.help,
        )
    if fact.type == "choices":
        return forms.MultipleChoiceField(
            label=label,
            choices=[(c.id, c.title) for c in fact.choices],
            required=required,
            help_text=fact.help,
            widget=forms.CheckboxSelectMultiple,
        )
    return forms.CharField(label=label, required=required, help_text=fact.help, max_length=1000)


def fact_value(fact: FactDef, value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    return value


class ApplicationForm(forms.Form):
    """The application: route, the facts the regulation asks with it, documents, consent."""

    def __init__(
        self,
        *args: Any,
        regulation: Regulation,
        consent_text: str,
        questionnaire_answers: dict[str, Any] | None = None,
        positions: list[str] | None = None,
        choices: dict[str, list[str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.regulation = regulation
        routes = regulation.routes
        if len(routes) > 1:
            self.fields["route"] = forms.ChoiceField(
                label=_("Порядок участия"),
                choices=[(r.id, r.title) for r in routes],
                initial="default",
            )
        # The regulation's questionnaire facts the person's record does not hold are asked here,
        # pre-filled with the questionnaire's answer (the service keeps the answer there).
        asked = questionnaire_questions(regulation)
        answered = questionnaire_answers or {}
        self.fact_defs = [*asked, *(f for f in regulation.facts if f.source == "application")]
        for fact in self.fact_defs:
            field = fact_field(fact, positions, (choices or {}).get(fact.id))
            if fact.source == "questionnaire" and fact.id in answered:
                field.initial = _initial(fact, answered[fact.id])
            self.fields[f"fact_{fact.id}"] = field
        self.documents = list(regulation.documents.catalogue) if regulation.documents else []
        for doc in self.documents:
            self.fields[f"doc_{doc.id}"] = forms.FileField(label=doc.title, required=False)
        self.fields["consent"] = forms.BooleanField(label=consent_text, required=False)

    def facts(self) -> dict[str, Any]:
        return {
            f.id: fact_value(f, self.cleaned_data.get(f"fact_{f.id}"))
            for f in self.fact_defs
            if self.cleaned_data.get(f"fact_{f.id}") not in (None, "", [])
        }

    def files_by_type(self) -> dict[str, Any]:
        return {
            d.id: self.cleaned_data[f"doc_{d.id}"]
            for d in self.documents
            if self.cleaned_data.get(f"doc_{d.id}")
        }


def _initial(fact: FactDef, value: Any) -> Any:
    """A stored fact's value as its field shows it."""
    if fact.type == "bool" and value is not None:
        return "1" if value else "0"
    return value


class HrFactsForm(forms.Form):
    """Facts recorded by the HR officer (e.g. the check of copies against originals)."""

    def __init__(
        self, *args: Any, regulation: Regulation, initial_facts: dict[str, Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fact_defs = [f for f in regulation.facts if f.source == "hr"]
        for fact in self.fact_defs:
            field = fact_field(fact)
            field.initial = _initial(fact, initial_facts.get(fact.id))
            self.fields[f"fact_{fact.id}"] = field

    def facts(self) -> dict[str, Any]:
        return {
            f.id: fact_value(f, self.cleaned_data.get(f"fact_{f.id}"))
            for f in self.fact_defs
            if self.cleaned_data.get(f"fact_{f.id}") not in (None, "", [])
        }


class DecisionForm(forms.Form):
    admit = forms.TypedChoiceField(
        label=_("Решение"),
        choices=[("1", _("допустить к участию")), ("0", _("отказать в допуске"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    refusal_text = forms.CharField(
        label=_("Причины отказа (сообщаются кандидату письменно)"),
        widget=forms.Textarea,
        required=False,
    )
    override_reason = forms.CharField(
        label=_(
            "Обоснование допуска вопреки проверке по регламенту (только если проверка "
            "не допускает кандидата; записывается в журнал действий)"
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class RegulationChoiceForm(forms.Form):
    """The first step of a new campaign: the regulation, whose kinds and position facts the
    campaign form then asks."""

    regulation_code = forms.ChoiceField(label=_("Регламент"))

    def __init__(self, *args: Any, codes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["regulation_code"]).choices = codes


class CampaignForm(forms.ModelForm[Campaign]):
    """A new campaign under ``regulation``: one of its kinds (``campaign_kinds``), and a new
    position classified by its position facts (``source: position``, KM-10), asked by their
    titles with the declared choices; a regulation without position facts asks none."""

    regulation_code = forms.CharField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Вид"))
    position_title = forms.CharField(
        label=_("Наименование должности (группы должностей)"), required=False
    )
    qualification_requirements = forms.CharField(
        label=_("Квалификационные требования"), widget=forms.Textarea, required=False
    )

    class Meta:
        model = Campaign
        # The announcement's texts are the regulation's (``announcement.fields``): they are
        # entered on the announcement page once the campaign exists (web/announcement_text.py).
        fields = ["kind", "title", "vacancies"]

    def __init__(self, *args: Any, regulation: Regulation, code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regulation = regulation
        self.fields["regulation_code"].initial = code
        kinds = regulation.kinds()
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = [(k.id, k.title) for k in kinds]
        # what a campaign of the regulation's kinds has (``position``, ``vacancies``): a contest
        # or a talent pool is asked neither (AK, TP)
        self.asks_position = any(k.position for k in kinds)
        if not any(k.vacancies for k in kinds):
            del self.fields["vacancies"]
        elif not all(k.vacancies for k in kinds):
            self.fields["vacancies"].required = False  # checked against the kind chosen
        # the position's classification: asked after its title, before its requirements
        requirements = self.fields.pop("qualification_requirements")
        self.position_defs = regulation.position_facts() if self.asks_position else []
        if not self.asks_position:
            del self.fields["position_title"]
        for fact in self.position_defs:
            field = fact_field(fact)
            field.required = False  # only with a new position: the service checks required ones
            self.fields[f"fact_{fact.id}"] = field
        if self.asks_position:
            self.fields["qualification_requirements"] = requirements

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = self.regulation.campaign_kind(str(data.get("kind") or ""))
        if chosen is not None and "vacancies" in self.fields:
            if not chosen.vacancies:
                data.pop("vacancies", None)  # a kind without vacancies keeps none
            elif data.get("vacancies") is None:
                self.add_error("vacancies", gettext("Укажите число вакансий."))
        return data

    def campaign_fields(self) -> dict[str, Any]:
        """The campaign's own fields the form gives (``campaign_create``'s ``fields``)."""
        return {
            name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data
        }

    def position_facts(self) -> dict[str, Any]:
        return {
            f.id: fact_value(f, self.cleaned_data.get(f"fact_{f.id}"))
            for f in self.position_defs
            if self.cleaned_data.get(f"fact_{f.id}") not in (None, "", [])
        }


class EventForm(forms.Form):
    """The campaign's dates: every event of the regulation, then the deadlines it proposes and a
    campaign may set its own (a fixed date, a day of the campaign's year).  A date not entered
    yet is proposed where the regulation names its usual day («1 сентября», «не позднее 30
    мая»): that day of the campaign's year (the year of its earliest date, or this year)."""

    def __init__(
        self, *args: Any, regulation: Regulation, current: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.regulation = regulation
        entered = eventdates.parse_events(current)[0]
        year = campaign_year(regulation, entered) or timezone.localdate().year
        for event in regulation.events:
            self.fields[event.id] = forms.DateField(
                label=event.title,
                required=False,
                initial=current.get(event.id)
                or (in_year(year, event.annual) if event.annual else None),
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
        for deadline in regulation.deadlines:
            if deadline.campaign_default:
                proposed = deadline.fixed or in_year(year, deadline.annual or "")
                self.fields[deadline.id] = forms.DateField(
                    label=deadline.title,
                    required=False,
                    initial=current.get(deadline.id) or proposed,
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                )
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)

    def dated(self) -> list[tuple[str, str]]:
        """The (id, title) of every date the form asks: the events, then the deadlines a
        campaign sets its own."""
        reg = self.regulation
        return [(e.id, e.title) for e in reg.events] + [
            (d.id, d.title) for d in reg.deadlines if d.campaign_default
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, title in self.dated():
            day = data.get(name)
            if day is not None:
                problem = eventdates.date_problem(self.regulation, title, day)
                if problem is not None:
                    self.add_error(name, problem)
        return data


def criterion_field(criterion: Criterion) -> forms.Field:
    label = criterion.title
    if criterion.kind == "options":
        choices = [(o.id, f"{o.title} — {o.points}") for o in criterion.options]
        if criterion.select == "many":
            return forms.MultipleChoiceField(
                label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
            )
        return forms.ChoiceField(label=label, choices=[("", "—"), *choices], required=False)
    if criterion.kind == "descriptors":
        levels = sorted({int(criterion.min), *[int(level.points) for level in criterion.levels]})
        titles = {int(level.points): level.title for level in criterion.levels}
        return forms.TypedChoiceField(
            label=label,
            choices=[("", "—"), *[(str(p), f"{p} {titles.get(p, '')}".strip()) for p in levels]],
            coerce=int,
            empty_value=None,
            required=False,
        )
    top = criterion.top
    return forms.DecimalField(
        label=gettext("%(title)s (от %(min)s до %(max)s)")
        % {"title": label, "min": criterion.min, "max": top},
        min_value=criterion.min,
        max_value=top,
        required=False,
        decimal_places=2,
        max_digits=8,
    )


class BallotForm(forms.Form):
    """One member's scores for one candidate on one sheet; empty everywhere = abstention."""

    def __init__(self, *args: Any, sheet: ScoreSheet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.entered = [c for c in sheet.criteria if not c.derived]
        for criterion in self.entered:
            self.fields[f"c_{criterion.id}"] = criterion_field(criterion)
        self.fields["reason"] = forms.CharField(
            label=_("Краткая мотивировка (при необходимости)"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def points(self) -> Any:
        values = {}
        for criterion in self.entered:
            value = self.cleaned_data.get(f"c_{criterion.id}")
            if value in (None, "", []):
                continue
            values[criterion.id] = value if isinstance(value, (str, list)) else Decimal(str(value))
        if not values:
            return None
        if len(self.entered) == 1 and not isinstance(next(iter(values.values())), (str, list)):
            return next(iter(values.values()))
        return values


class StateBodyChoiceForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Государственный орган"), queryset=StateBody.objects.all()
    )


class CommissionForm(forms.Form):
    name = forms.CharField(label=_("Наименование комиссии"), max_length=300)
    rule_id = forms.ChoiceField(label=_("Правила комиссии по регламенту"))
    stages = forms.MultipleChoiceField(label=_("Этапы"), widget=forms.CheckboxSelectMultiple)
    scope = forms.ChoiceField(label=_("Территория (для региональных комиссий)"), required=False)

    def __init__(self, *args: Any, regulation: Regulation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rule_id"]).choices = [
            (c.id, c.title) for c in regulation.commissions
        ]
        cast(forms.ChoiceField, self.fields["stages"]).choices = [
            (s.id, s.title) for s in regulation.stages if s.kind == "assessment"
        ]
        # the territory is an option of the fact a territorial commission's scope names (AK-2)
        scoped = {c.scope for c in regulation.commissions if c.scope}
        options = [(o.id, o.title) for f in regulation.facts if f.id in scoped for o in f.choices]
        if options:
            cast(forms.ChoiceField, self.fields["scope"]).choices = [
                ("", _("— без территории —")),
                *options,
            ]
        else:
            del self.fields["scope"]


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Имя пользователя (логин) члена комиссии"), max_length=150)
    full_name = forms.CharField(label=_("ФИО"), max_length=300)
    post = forms.CharField(label=_("Должность"), max_length=300, required=False)
    role = forms.ChoiceField(
        label=_("Роль"),
        choices=[
            ("chair", _("председатель")),
            ("deputy", _("заместитель председателя")),
            ("secretary", _("секретарь")),
            ("member", _("член комиссии")),
        ],
        initial="member",
    )
    civil_servant = forms.BooleanField(label=_("Гражданский служащий"), required=False)
    independent = forms.BooleanField(label=_("Независимый эксперт"), required=False)
    public_council = forms.BooleanField(
        label=_("Представитель общественного совета"), required=False
    )
