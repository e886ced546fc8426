"""The regulation format: pydantic models of a regulation file.

A regulation file is YAML data describing one selection procedure: stages and deadlines,
eligibility predicates, document checklists, score sheets, assessment methods, aggregation,
selection (awards, limits, quotas), tie-break chains, commission rules, reserve terms, exclusion
grounds and retention periods.  Nothing here is specific to one of the seed procedures.

Cross-references (a stage naming a method, a method naming a sheet, …) are checked by
:func:`rezerv.engine.loader.check_references`, which reports the path of the bad field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from contextvars import ContextVar
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    ModelWrapValidatorHandler,
    PlainSerializer,
    PlainValidator,
    Tag,
    field_validator,
    model_validator,
)

from rezerv.engine.calendar import SUPPORTED_COUNTRIES
from rezerv.engine.errors import Invalid

# A rule ID: a regulation's own namespace (letters, then digits allowed) and a number, such as
# KM-19, TP-3, OR-5 or KR-12; C- is the cross-cutting namespace of the specification.
RULE_ID = re.compile(r"^[A-Z][A-Z0-9]{0,9}-\d+$")
IDENT = r"^[a-z][a-z0-9_]*$"

Ident = Annotated[str, Field(pattern=IDENT)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --------------------------------------------------------------------------- texts and languages

# The languages a regulation's texts may be written in (ISO 639-1): the languages the
# application speaks.  A regulation is written in one of them (``language``, Russian by default);
# each human text is a string in that language, or a map of languages to strings.
LANGUAGES: tuple[str, ...] = ("ru", "kk", "en")
DEFAULT_LANGUAGE = "ru"

# The language of the regulation being validated (``Regulation.language``), read by the texts'
# validator: a text's own wording is the map's entry for it.
_OWN_LANGUAGE: ContextVar[str] = ContextVar("regulation_language", default=DEFAULT_LANGUAGE)


class LocalText(str):
    """A human text of a regulation: a string in the regulation's own language (``language``)
    that carries its translations (``translations``: language → text, without the own one).

    It is the string everywhere the engine reads it, so a result or a document made from the
    regulation is the same whatever the translations; ``in_language`` is the text to show."""

    language: str
    translations: Mapping[str, str]

    def __new__(
        cls, value: str, language: str = DEFAULT_LANGUAGE, translations: Mapping[str, str] = {}
    ) -> LocalText:
        obj = super().__new__(cls, value)
        obj.language = language
        obj.translations = dict(translations)
        return obj

    def __reduce__(self) -> Any:
        return (LocalText, (str(self), self.language, dict(self.translations)))

    def in_language(self, language: str | None) -> LocalText:
        """The text in ``language`` (with the same translations), or this text when it has no
        translation into it."""
        lang = _language_code(language)
        if lang == self.language or lang not in self.translations:
            return self
        own = {self.language: str(self), **self.translations}
        del own[lang]
        shown = LocalText(self.translations[lang], lang, own)
        return shown

    def as_data(self) -> str | dict[str, str]:
        """The text as a file writes it: a string, or the map of its languages."""
        if not self.translations:
            return str(self)
        return {self.language: str(self), **self.translations}


def _language_code(language: str | None) -> str:
    """«kk», «en-us» → «kk», «en»: Django's language codes as the file's keys."""
    return (language or "").split("-")[0].split("_")[0].lower()


def text_in(text: str, language: str | None) -> str:
    """A regulation's text in ``language``; a text without that translation (or a plain string)
    falls back to the regulation's own language."""
    if isinstance(text, LocalText):
        return text.in_language(language)
    return text


def _text(value: Any) -> LocalText:
    own = _OWN_LANGUAGE.get()
    if isinstance(value, LocalText):
        return value
    if isinstance(value, str):
        return LocalText(value, own)
    if not isinstance(value, dict) or not value:
        raise Invalid(
            "text_form",
            "a text is a string, or a map of languages to strings such as {ru: …, kk: …}",
        )
    for key, item in value.items():
        if key not in LANGUAGES:
            raise Invalid(
                "text_unknown_language",
                f"'{key}' is not a language of the texts ({', '.join(LANGUAGES)})",
                key=str(key),
                known=list(LANGUAGES),
            )
        if not isinstance(item, str) or not item.strip():
            raise Invalid(
                "text_empty_translation",
                f"the text in '{key}' is empty",
                key=str(key),
            )
    if own not in value:
        raise Invalid(
            "text_lacks_own_language",
            f"the map has no text in the regulation's own language '{own}'",
            language=own,
        )
    return LocalText(value[own], own, {k: v for k, v in value.items() if k != own})


# A human text of the regulation: a string, or ``{ru: …, kk: …, en: …}``.  Typed as ``str``: the
# value is a ``LocalText``, the string in the regulation's own language.
Text = Annotated[
    str,
    PlainValidator(_text),
    PlainSerializer(lambda t: t.as_data() if isinstance(t, LocalText) else t),
]


def _check_rule_ids(value: list[str]) -> list[str]:
    for item in value:
        if not RULE_ID.match(item):
            raise Invalid(
                "not_a_rule_id", f"'{item}' is not a rule ID such as KM-19, TP-3 or OR-5", id=item
            )
    return value


RuleIds = Annotated[list[str], Field(default_factory=list)]


class Cited(Model):
    """Anything that cites the rule IDs of RULES.md it encodes."""

    rules: RuleIds

    @field_validator("rules")
    @classmethod
    def _rules(cls, value: list[str]) -> list[str]:
        return _check_rule_ids(value)


# --------------------------------------------------------------------------- conditions

CompareOp = Literal["eq", "ne", "in", "not_in", "gte", "gt", "lte", "lt", "present", "absent"]


class FactCondition(Model):
    """A predicate over one fact of a candidate (or of a position, for method sets).

    ``age_at`` turns a birth-date fact into the age in whole years at the named event (or
    ``reference_date``); ``scale`` compares symbolic values by their rank in a named scale.
    ``elapsed_at`` compares the time elapsed from a date fact to the named event with a term
    given as ``value`` (``{years: 1}``), by the calendar: ``lte {years: 1}`` holds up to and
    including the anniversary (e.g. "unemployed for at most 1 year", BR-12).
    """

    fact: str
    op: CompareOp
    value: Any = None
    scale: str | None = None
    age_at: str | None = None
    elapsed_at: str | None = None

    @model_validator(mode="after")
    def _value_needed(self) -> FactCondition:
        if self.op not in ("present", "absent") and self.value is None:
            raise Invalid("op_needs_value", f"operator '{self.op}' needs a value", op=self.op)
        if self.op in ("in", "not_in") and not isinstance(self.value, list):
            raise Invalid("op_needs_list", f"operator '{self.op}' needs a list value", op=self.op)
        if self.elapsed_at is not None:
            if self.age_at is not None or self.scale is not None:
                raise Invalid(
                    "elapsed_at_combined", "'elapsed_at' does not combine with 'age_at' or 'scale'"
                )
            if self.op not in ("eq", "gte", "gt", "lte", "lt"):
                raise Invalid(
                    "op_not_for_elapsed",
                    f"operator '{self.op}' does not compare an elapsed time",
                    op=self.op,
                )
            try:
                Term.model_validate(self.value)
            except ValueError as exc:
                raise Invalid(
                    "elapsed_at_needs_term",
                    "'elapsed_at' compares with a term: value {years: …, months: …, days: …}",
                ) from exc
        return self


class AllCondition(Model):
    all: list[Condition]


class AnyCondition(Model):
    any: list[Condition]


class NotCondition(Model):
    not_: Condition = Field(alias="not")


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("fact", "all", "any", "not"):
            if key in value:
                return key
        return None
    if isinstance(value, BaseModel):
        return {
            FactCondition: "fact",
            AllCondition: "all",
            AnyCondition: "any",
            NotCondition: "not",
        }.get(type(value))
    return None


Condition = Annotated[
    Annotated[FactCondition, Tag("fact")]
    | Annotated[AllCondition, Tag("all")]
    | Annotated[AnyCondition, Tag("any")]
    | Annotated[NotCondition, Tag("not")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message="a condition needs one of the keys fact, all, any, not",
    ),
]

AllCondition.model_rebuild()
AnyCondition.model_rebuild()
NotCondition.model_rebuild()


# --------------------------------------------------------------------------- numbers, terms


class Rounding(Model):
    """Rounding of every computed score: ``places`` decimal places, ``mode`` as in ``decimal``."""

    places: int = Field(2, ge=0, le=6)
    mode: Literal["half_up", "half_even", "down"] = "half_up"


class Term(Model):
    years: int = Field(0, ge=0)
    months: int = Field(0, ge=0)
    days: int = Field(0, ge=0)

    @model_validator(mode="after")
    def _non_empty(self) -> Term:
        if not (self.years or self.months or self.days):
            raise Invalid("empty_term", "a term needs years, months or days")
        return self


def parse_fraction(value: str) -> Fraction:
    return Fraction(value)


FractionText = Annotated[str, Field(pattern=r"^\d+/\d+$")]


# --------------------------------------------------------------------------- calendar, deadlines


class DayOverrideSpec(Model):
    date: dt.date
    working: bool
    note: Text = ""


def _known_country(value: str) -> str:
    if value not in SUPPORTED_COUNTRIES:
        raise Invalid(
            "unknown_country",
            f"'{value}' is not a country code the production calendars know "
            "(ISO 3166-1 alpha-2, such as RU, KZ, BY, UZ)",
            country=value,
            known=sorted(SUPPORTED_COUNTRIES),
        )
    return value


Country = Annotated[str, AfterValidator(_known_country)]


class CalendarSpec(Model):
    country: Country
    overrides: list[DayOverrideSpec] = Field(default_factory=list)


class EventDef(Cited):
    """A named input event.  ``publication: true`` marks the event that the publication of the
    campaign's announcement sets to the day it is published (at most one event; none: the
    publication sets no date)."""

    id: Ident
    title: Text
    publication: bool = False
    # The usual day of the year the source names for it («1 сентября»), "MM-DD": the desk
    # proposes that day of the campaign's year until the officer enters the actual date.
    annual: str | None = Field(None, pattern=r"^\d\d-\d\d$")

    @model_validator(mode="after")
    def _month_day(self) -> EventDef:
        if self.annual is not None:
            month_day(self.annual)
        return self


def month_day(text: str) -> tuple[int, int]:
    """The month and day of an "MM-DD" (29 February allowed); ValueError if it is no day."""
    month, day = (int(x) for x in text.split("-"))
    try:
        dt.date(2000, month, day)
    except ValueError as exc:
        raise Invalid("not_a_month_day", f"'{text}' is not a month-day", value=text) from exc
    return month, day


class Deadline(Cited):
    """A computed date, itself usable as an event by later deadlines.

    Exactly one form: an offset (``after`` or ``before`` an event by ``days`` in ``unit``,
    and/or by whole calendar ``months``, counted first: the same day of the month, or the
    month's last day when it has none, Russian Civil Code art. 192), a ``fixed`` date, or an
    ``annual`` month-day: taken relative to an ``anchor`` event, or without one the day of the
    campaign's year (the year of its earliest event; «не позднее 30 мая» of a yearly contest).
    A ``fixed`` or anchorless ``annual`` date is the regulation's default: a campaign may give
    its own (an order of that year moves it).
    ``limit`` says whether the date is the latest (``не позднее``) or the earliest
    (``не ранее``) allowed.
    """

    id: Ident
    title: Text
    stage: str | None = None
    after: str | None = None
    before: str | None = None
    days: int | None = Field(None, ge=0)
    months: int | None = Field(None, ge=0)
    unit: Literal["calendar", "working"] = "calendar"
    roll: Literal["none", "forward", "backward"] = "none"
    fixed: dt.date | None = None
    annual: str | None = Field(None, pattern=r"^\d\d-\d\d$")
    anchor: str | None = None
    direction: Literal["on_or_after", "on_or_before"] = "on_or_after"
    time: str | None = Field(None, pattern=r"^\d\d:\d\d$")
    limit: Literal["latest", "earliest", "on"] = "latest"
    governs: str | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Deadline:
        offset = self.after is not None or self.before is not None
        forms = [offset, self.fixed is not None, self.annual is not None]
        if sum(forms) != 1:
            raise Invalid(
                "deadline_form",
                "a deadline needs exactly one of: after/before + days, fixed, annual",
            )
        if offset:
            if self.after is not None and self.before is not None:
                raise Invalid(
                    "deadline_after_and_before",
                    "a deadline takes either 'after' or 'before', not both",
                )
            if self.days is None and self.months is None:
                raise Invalid("deadline_needs_term", "an offset deadline needs 'days' or 'months'")
        if self.annual is not None:
            month_day(self.annual)
        elif self.anchor is not None:
            raise Invalid(
                "deadline_anchor_without_annual", "'anchor' goes with an 'annual' deadline"
            )
        return self

    @property
    def yearly(self) -> bool:
        """A date of the campaign's year (``annual`` without ``anchor``)."""
        return self.annual is not None and self.anchor is None

    @property
    def campaign_default(self) -> bool:
        """A date the regulation proposes and a campaign may give its own (fixed, yearly)."""
        return self.fixed is not None or self.yearly


# --------------------------------------------------------------------------- notices


Recipient = Literal[
    "candidates",
    "admitted_candidates",
    "refused_candidates",
    "commission_members",
    "public",
    "body",
]


class NoticeDef(Cited):
    """A notice or publication the regulation requires, recorded with the date it was actually
    issued (RULES.md: the system records when a «publish» or «notify» was done).

    ``deadline`` names one of the regulation's deadlines (its offset from events and its
    ``limit``); the result checks the issued date against it.  Without one the regulation
    states no term for the notice.  ``recipients`` says who receives it.
    """

    id: Ident
    title: Text
    deadline: str | None = None
    stage: str | None = None
    recipients: list[Recipient] = Field(default_factory=list)


# --------------------------------------------------------------------------- eligibility


class EligibilityRule(Cited):
    """A requirement checked before admission (C-2).

    The rule applies when ``when`` holds (default: always) and no ``exempt_when`` holds.
    ``requirement`` is the text a candidate reads when refused.
    """

    id: Ident
    requirement: Text
    check: Condition
    when: Condition | None = None
    exempt_when: Condition | None = None


class ConsentRule(Cited):
    required: bool = True
    requirement: Text = "Согласие на обработку персональных данных"


class ConsentDef(Cited):
    """A consent a candidate gives after admission, which an award requires (``Award.consent``),
    e.g. the consent to inclusion in the reserve (KM-18). The personal-data consent given with
    the application is ``consent`` (C-4)."""

    id: Ident
    title: Text
    text: Text


class AnnouncementField(Model):
    """One text an announcement states (KM-4, TP-6): entered by HR while the campaign is a draft.

    ``required`` fields must be filled before publication. ``role: place`` marks the text that
    says where and when the procedure takes place: documents print it where no meeting place is
    recorded.
    """

    id: Ident
    title: Text
    hint: Text = ""
    required: bool = False
    role: Literal["place"] | None = None


class Announcement(Cited):
    fields: list[AnnouncementField] = Field(min_length=1)


class ChangeLimit(Cited):
    """A fact a candidate may change at most ``max_changes`` times, not after ``not_after``."""

    fact: str
    max_changes: int = Field(ge=0)
    not_after: str | None = None
    requirement: Text


class Route(Cited):
    """An entry route (nomination, self-nomination, a federal project…).

    ``direct_outcome`` admits the candidate to that outcome without the assessment stages.
    ``closes`` is an event after which this route's submissions are late, besides the intake
    stage's own ``closes`` (e.g. recommendations due earlier than other documents, PK-3).
    """

    id: Ident
    title: Text
    direct_outcome: str | None = None
    closes: str | None = None


# --------------------------------------------------------------------------- facts


class FactChoice(Model):
    id: str
    title: Text


class FactDef(Cited):
    """A fact the regulation reads, declared so that forms can ask for it and the engine can
    check it: every fact a condition, score sheet, tie-break, limit or reserve list names is
    declared here (see :mod:`rezerv.engine.facts`).

    ``source``: ``questionnaire`` (filled once by the person), ``application`` (asked with the
    application), ``hr`` (recorded by the HR officer, e.g. a check of originals), ``position``
    (a fact of the campaign's position, read by method sets, KM-10).  ``required``: every
    candidate of a case must give it (a position fact: the position must).

    ``choices_from: positions``: a ``text`` fact asked with the application whose value is one of
    the campaign's positions (its title, as recorded): the form offers them as a list and a value
    that is none of them is refused, so two candidates naming one position are never told apart
    by the spelling of its title (issue 9 §2: a target position chosen from records).
    ``choices_from: campaign``: likewise one of the values HR records for the campaign at the
    desk (a territory: two candidates of one district are ranked and capped together).
    """

    id: Ident
    title: Text
    type: Literal["bool", "date", "number", "text", "choice", "choices"]
    choices: list[FactChoice] = Field(default_factory=list)
    choices_from: Literal["positions", "campaign"] | None = None
    source: Literal["questionnaire", "application", "hr", "position"] = "application"
    required: bool = False
    help: Text = ""
    # The least value of a ``number`` fact (years, months, counts, minutes are never negative);
    # ``min: null`` accepts any number.
    min: Decimal | None = Decimal(0)
    # How a document words the fact's value, ``{value}`` standing for the option's title (or the
    # value): «{value} группа должностей», «категории «{value}»».  Documents word a position's
    # classification by joining its position facts' wordings in the order they are declared.
    wording: str | None = None

    @field_validator("wording")
    @classmethod
    def _wording(cls, value: str | None) -> str | None:
        if value is None:
            return value
        rest = value.replace("{value}", "")
        if value.count("{value}") != 1 or "{" in rest or "}" in rest:
            raise Invalid(
                "bad_fact_wording",
                "a wording names the value once as {value} and has no other braces",
            )
        return value

    @model_validator(mode="after")
    def _choices(self) -> FactDef:
        if self.type in ("choice", "choices"):
            if not self.choices:
                raise Invalid(
                    "fact_needs_choices", f"a {self.type} fact needs 'choices'", type=self.type
                )
            ids = [c.id for c in self.choices]
            for k, choice in enumerate(ids):
                if choice in ids[:k]:
                    raise Invalid(
                        "option_twice", f"option '{choice}' is listed twice", option=choice
                    )
        elif self.choices:
            raise Invalid(
                "fact_takes_no_choices", f"a {self.type} fact takes no 'choices'", type=self.type
            )
        if self.choices_from is not None and (self.type != "text" or self.source != "application"):
            raise Invalid(
                "bad_choices_from",
                "'choices_from' is for a text fact asked with the application (source: application)",
                type=self.type,
                source=self.source,
            )
        return self


# --------------------------------------------------------------------------- documents


class DocumentType(Cited):
    id: Ident
    title: Text


class Checklist(Cited):
    """Documents required when ``when`` holds; the first matching checklist applies."""

    id: Ident
    title: Text = ""
    when: Condition | None = None
    required: list[str]
    optional: list[str] = Field(default_factory=list)


class Documents(Cited):
    catalogue: list[DocumentType]
    checklists: list[Checklist]
    # A refused candidate may supply the documents within this term from receiving the refusal
    # (BR-11: 7 days from the letter); HR then decides the admission again.  None: no such term.
    fix_term: Term | None = None
    fix_rules: RuleIds

    def checklist(self, checklist_id: str) -> Checklist:
        return next(c for c in self.checklists if c.id == checklist_id)


# --------------------------------------------------------------------------- score sheets


class Option(Model):
    id: Ident
    title: Text
    points: Decimal


class Level(Model):
    points: Decimal
    title: Text
    descriptors: list[Text] = Field(default_factory=list)


class Band(Model):
    """Points for a numeric fact in ``[min, max)`` (inclusiveness adjustable)."""

    min: Decimal | None = None
    max: Decimal | None = None
    min_inclusive: bool = True
    max_inclusive: bool = False
    points: Decimal


class Criterion(Cited):
    """One line of a score sheet.

    kinds: ``points`` (a number from min to max, in ``step``), ``options`` (one or many
    options, each with points; from a ballot or, with ``fact``, from the candidate's facts),
    ``descriptors`` (points with descriptors per level; min may be below the lowest level),
    ``band`` (points from a numeric fact), ``from_stage`` (an earlier stage's score scaled to
    ``max``), ``fact_value`` (a numeric fact taken as points, clipped to the range).
    """

    id: Ident
    title: Text
    kind: Literal["points", "options", "descriptors", "band", "from_stage", "fact_value"] = "points"
    min: Decimal = Decimal(0)
    max: Decimal | None = None
    step: Decimal | None = None
    options: list[Option] = Field(default_factory=list)
    select: Literal["one", "many"] = "one"
    levels: list[Level] = Field(default_factory=list)
    fact: str | None = None
    bands: list[Band] = Field(default_factory=list)
    stage: str | None = None
    note: Text = ""

    @model_validator(mode="after")
    def _shape(self) -> Criterion:
        if self.id in ("points", "reason"):
            raise Invalid(
                "reserved_criterion_id",
                f"'{self.id}' is reserved for ballot rows; name the criterion otherwise",
                id=self.id,
            )
        kind = self.kind
        if kind == "points" and self.max is None:
            raise Invalid(
                "criterion_needs", "a points criterion needs 'max'", kind="points", fields=["max"]
            )
        if kind == "options" and not self.options:
            raise Invalid(
                "criterion_needs",
                "an options criterion needs 'options'",
                kind="options",
                fields=["options"],
            )
        if kind == "descriptors" and not self.levels:
            raise Invalid(
                "criterion_needs",
                "a descriptors criterion needs 'levels'",
                kind="descriptors",
                fields=["levels"],
            )
        if kind == "band" and (not self.bands or self.fact is None):
            raise Invalid(
                "criterion_needs",
                "a band criterion needs 'fact' and 'bands'",
                kind="band",
                fields=["fact", "bands"],
            )
        if kind == "from_stage" and (self.stage is None or self.max is None):
            raise Invalid(
                "criterion_needs",
                "a from_stage criterion needs 'stage' and 'max'",
                kind="from_stage",
                fields=["stage", "max"],
            )
        if kind == "fact_value" and (self.fact is None or self.max is None):
            raise Invalid(
                "criterion_needs",
                "a fact_value criterion needs 'fact' and 'max'",
                kind="fact_value",
                fields=["fact", "max"],
            )
        if self.max is not None and self.max < self.min:
            raise Invalid("max_below_min", "'max' is below 'min'")
        return self

    @property
    def derived(self) -> bool:
        """True when the engine computes the points; False when a scorer enters them."""
        if self.kind in ("band", "from_stage", "fact_value"):
            return True
        return self.kind == "options" and self.fact is not None

    @property
    def top(self) -> Decimal:
        """The most points this criterion can give."""
        if self.kind == "options":
            if self.select == "one":
                best = max(o.points for o in self.options)
            else:
                best = sum((o.points for o in self.options if o.points > 0), Decimal(0))
            return min(best, self.max) if self.max is not None else best
        if self.kind == "descriptors":
            best = max(level.points for level in self.levels)
            return self.max if self.max is not None else best
        if self.kind == "band":
            return max(b.points for b in self.bands)
        assert self.max is not None
        return self.max


class ScoreSheet(Cited):
    id: Ident
    title: Text
    criteria: list[Criterion]
    anonymous: bool = False
    note: Text = ""

    @property
    def top(self) -> Decimal:
        return sum((c.top for c in self.criteria), Decimal(0))


# --------------------------------------------------------------------------- methods


class QuestionRange(Model):
    min: int = Field(ge=1)
    max: int = Field(ge=1)


class TestWindow(Model):
    """The test may be taken within ``days`` of the date in fact ``after_fact`` (TP-11)."""

    after_fact: str
    days: int = Field(ge=0)
    unit: Literal["calendar", "working"] = "calendar"


WorkFormat = Literal["text", "docx", "pdf"]
PageExclusion = Literal["title", "references"]


def _all_formats() -> list[WorkFormat]:
    return ["text", "docx", "pdf"]


class WrittenWork(Cited):
    """A written work the candidate submits in the account (TP-8, AK-9, KM-22, KM-23).

    The limits the system checks before accepting it: ``words_min``/``words_max``,
    ``pages_min``/``pages_max`` (counted without the parts named in ``pages_exclude``), ``font``,
    ``size`` (points), ``spacing`` (line spacing, 1.0 single), ``references_required`` (a
    references section). ``formats``: typed text and/or uploaded DOCX, PDF. ``anonymous``: the
    scorers see the work under its code only, the name joined once the stage's scoring is closed.
    ``topic``: the one topic (AK-9); ``topics_from``: the announcement's field that lists the topics
    the candidate chooses from (TP-6). ``opens``/``closes``: the events that bound the submission
    window (the stage's own when omitted). ``facts``: the HR facts the measures are recorded as.
    """

    words_min: int | None = Field(default=None, ge=1)
    words_max: int | None = Field(default=None, ge=1)
    pages_min: int | None = Field(default=None, ge=1)
    pages_max: int | None = Field(default=None, ge=1)
    pages_exclude: list[PageExclusion] = Field(default_factory=list)
    font: str | None = None
    size: Decimal | None = Field(default=None, gt=0)
    spacing: Decimal | None = Field(default=None, gt=0)
    references_required: bool = False
    formats: list[WorkFormat] = Field(default_factory=_all_formats)
    anonymous: bool = False
    topic: str | None = None
    topics_from: str | None = None
    opens: str | None = None
    closes: str | None = None
    # The facts (``source: hr``) the accepted work's measures are recorded as, e.g.
    # ``{words: essay_words, topic: essay_topic}`` (then read by the stage's requirements).
    facts: dict[Literal["words", "pages", "topic"], str] = Field(default_factory=dict)
    note: str = ""

    @model_validator(mode="after")
    def _shape(self) -> WrittenWork:
        for low, high in (("words_min", "words_max"), ("pages_min", "pages_max")):
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                raise Invalid("min_above_max", f"'{low}' is above '{high}'")
        if not self.formats:
            raise Invalid("work_needs_format", "a written work needs at least one format")
        return self


class Method(Cited):
    """An assessment method.

    kinds: ``ballot`` (every commission member fills the sheet; ``across_members`` combines),
    ``single`` (one sheet entered once, e.g. a survey result or an expert conclusion),
    ``facts`` (the sheet is computed from the candidate's facts), ``test`` (questions answered
    correctly; pass mark; points), ``pass_fail`` (a recorded pass or fail).
    """

    id: Ident
    title: Text
    kind: Literal["ballot", "single", "facts", "test", "pass_fail"]
    sheet: str | None = None
    across_members: Literal["mean", "median", "sum"] = "mean"
    weight: Decimal = Decimal(1)
    counts: bool = True
    pass_required: bool = False
    min_percent_of_max: Decimal | None = None
    questions: QuestionRange | None = None
    pass_percent: Decimal | None = None
    points: Literal["correct", "percent", "scaled"] = "scaled"
    max_points: Decimal | None = None
    window: TestWindow | None = None
    # How many attempts at an online test a candidate has (one unless the regulation allows more).
    attempts: int = Field(default=1, ge=1, le=10)
    # The title of the short note an online test's results are recorded in (KM-13: «краткая
    # справка»): each attempt's correct answers, share, pass and points, as the engine scores it.
    summary: Text | None = None
    # The candidate submits a written work for this method, checked against these limits.
    work: WrittenWork | None = None

    @model_validator(mode="after")
    def _shape(self) -> Method:
        if self.kind in ("ballot", "single", "facts") and self.sheet is None:
            raise Invalid(
                "method_needs",
                f"a {self.kind} method needs 'sheet'",
                kind=self.kind,
                fields=["sheet"],
            )
        if self.kind == "test":
            if self.questions is None:
                raise Invalid(
                    "method_needs",
                    "a test method needs 'questions'",
                    kind="test",
                    fields=["questions"],
                )
            if self.points == "scaled" and self.max_points is None:
                raise Invalid(
                    "scaled_test_needs_max_points", "a test scored 'scaled' needs 'max_points'"
                )
        return self


class MethodSet(Cited):
    """Methods used when the position matches ``when`` (KM-10)."""

    when: Condition
    methods: list[str]
    note: Text = ""


# --------------------------------------------------------------------------- commissions


class CommissionRule(Cited):
    id: Ident
    title: Text
    size: int | None = Field(None, ge=1)
    min_size: int | None = Field(None, ge=1)
    secretary_is_member: bool = True
    quorum: FractionText = "1/2"
    quorum_rules: RuleIds
    min_independent_share: FractionText | None = None
    forbid_civil_servants_only: bool = False
    chair_casting_vote: bool = True
    majority_of: Literal["present", "votes_cast"] = "present"
    scope: str | None = None

    @field_validator("quorum_rules")
    @classmethod
    def _quorum_rules(cls, value: list[str]) -> list[str]:
        return _check_rule_ids(value)


# --------------------------------------------------------------------------- stages


class Limit(Model):
    """How many candidates may receive an award: a number, or a number from the case
    (``from_case``: ``vacancies`` or a quota name), optionally per value of a fact (``per``).

    ``includes_direct``: candidates already holding the award's outcome from an intake stage
    (an entry route's ``direct_outcome``, e.g. reserve members kept without re-examination)
    take up places within the limit (PK-2, PK-6)."""

    n: int | None = Field(None, ge=0)
    from_case: str | None = None
    per: str | None = None
    includes_direct: bool = False

    @model_validator(mode="after")
    def _one(self) -> Limit:
        if (self.n is None) == (self.from_case is None):
            raise Invalid("limit_form", "a limit needs exactly one of 'n' and 'from_case'")
        return self


class Award(Cited):
    """An outcome granted in rating order to candidates meeting every stated condition."""

    outcome: Ident
    proceeds: bool = False
    limit: Limit | None = None
    min_percent_of_max: Decimal | None = None
    min_score: Decimal | None = None
    vote: str | None = None
    consent: str | None = None
    requires_methods: list[str] = Field(default_factory=list)


class TieBreak(Cited):
    """One link of a tie-break chain: a fact, a method's score or a stage's score.

    With ``criterion`` beside ``method``, the link is that one criterion of the method's
    sheet, combined across members as the method combines its totals (e.g. TP-8).
    """

    fact: str | None = None
    method: str | None = None
    criterion: str | None = None
    stage: str | None = None
    order: Literal["desc", "asc"] = "desc"
    title: Text

    @model_validator(mode="after")
    def _one(self) -> TieBreak:
        if sum(x is not None for x in (self.fact, self.method, self.stage)) != 1:
            raise Invalid("tie_break_form", "a tie-break needs exactly one of fact, method, stage")
        if self.criterion is not None and self.method is None:
            raise Invalid(
                "tie_break_criterion_needs_method",
                "a tie-break by 'criterion' needs its 'method'",
            )
        return self


class MinCandidates(Cited):
    n: int = Field(ge=1)
    per: str | None = None


class Stage(Cited):
    id: Ident
    title: Text
    kind: Literal["intake", "assessment"]
    owner: Literal["commission", "expert_group", "hr_officer", "body", "candidate"]
    commission: str | None = None
    opens: str | None = None
    closes: str | None = None
    unique_by: str | None = None
    unique_rules: RuleIds
    # The clauses that make an unmet requirement of an intake stage a ground for refusal
    # (KM-6, AK-6): every refusal cites them besides the requirement that failed (C-2).
    refusal_rules: RuleIds
    requirements: list[EligibilityRule] = Field(default_factory=list)
    methods: list[str] = Field(default_factory=list)
    method_sets: list[MethodSet] = Field(default_factory=list)
    carry: list[str] = Field(default_factory=list)
    rank_within: list[str] = Field(default_factory=list)
    tie_breaks: list[TieBreak] = Field(default_factory=list)
    tie_fallback: Literal["submitted_at", "id"] = "submitted_at"
    # A vote question (of ``votes``) the commission votes on, at the stage's meeting, for
    # candidates the chain leaves equal where a limited award's places cut through them: more
    # «за» first; without the vote (or with equal votes) they stay pending (rezerv.engine.ties).
    tie_vote: str | None = None
    awards: list[Award] = Field(default_factory=list)
    otherwise: Ident = "not_selected"
    min_candidates: MinCandidates | None = None
    decision: Literal["rating", "vote"] = "rating"
    decision_event: str | None = None
    repeat_if_none: str | None = None
    repeat_rules: RuleIds
    note: Text = ""

    @field_validator("unique_rules", "repeat_rules", "refusal_rules")
    @classmethod
    def _unique_rules(cls, value: list[str]) -> list[str]:
        return _check_rule_ids(value)

    @model_validator(mode="after")
    def _shape(self) -> Stage:
        if self.kind == "intake" and self.closes is None:
            raise Invalid(
                "intake_needs_closes",
                "an intake stage needs 'closes' (the event that ends the intake)",
            )
        return self


# --------------------------------------------------------------------------- outcomes, votes

VoteAnswer = Literal["for", "against", "abstain"]


def _all_answers() -> list[VoteAnswer]:
    return ["for", "against", "abstain"]


# Outcomes the engine itself gives, whatever the regulation: their titles, unless the
# regulation declares an outcome of the same id with a title of its own.
ENGINE_OUTCOMES: dict[str, str] = {
    "refused": "не допущен",
    "not_selected": "не прошёл отбор",
    "not_passed": "не прошёл испытание",
    "procedure_not_held": "процедура не проведена",
    "excluded_from_reserve": "исключён из резерва",
    "pending": "решение не принято",
}


class OutcomeDef(Cited):
    """An outcome a stage gives (an award, a route's direct outcome, a stage's ``otherwise``),
    with the title users read on pages and in documents."""

    id: Ident
    title: Text


class VoteQuestion(Cited):
    """A question the commission votes on (an award's ``vote``): its title, as a page or a
    protocol asks it, and the answers the regulation allows (some allow only «за»/«против»)."""

    id: Ident
    title: Text
    answers: list[VoteAnswer] = Field(default_factory=_all_answers)
    # Stages where the commission votes on the question although no award depends on it (the
    # vote is recorded in the protocol); an award's ``vote`` makes its stage ask it anyway.
    stages: list[str] = Field(default_factory=list)

    @field_validator("answers")
    @classmethod
    def _answers(cls, value: list[VoteAnswer]) -> list[VoteAnswer]:
        if len(set(value)) != len(value):
            raise Invalid("answer_twice", "an answer is listed twice")
        if "for" not in value or "against" not in value:
            raise Invalid(
                "answers_need_for_against", "the answers must include 'for' and 'against'"
            )
        return value


# --------------------------------------------------------------------------- reserve, retention


class ReserveLevel(Cited):
    id: Ident
    title: Text


class Ground(Cited):
    id: Ident
    title: Text


class ReInclusion(Cited):
    """Re-inclusion after exclusion on ``after_ground``: not before ``wait`` has passed, and
    only when ``condition`` (over the person's facts) holds, read as ``requirement``."""

    after_ground: str
    wait: Term
    condition: Condition | None = None
    requirement: Text = ""


class EfficiencyBand(Model):
    """A level for a share below ``below`` (at most ``below`` when ``inclusive``); the last
    band has no ``below``."""

    below: Decimal | None = None
    inclusive: bool = False
    level: str


# What an efficiency indicator counts, from what the reserve records (BR-23):
#   appointed_of_included — members appointed from the reserve of the members included in it;
#   vacancies_filled — vacant target positions filled from the reserve of those that fell vacant;
#   project_participants — members who took part in priority projects of the members in it.
EfficiencyMeasure = Literal["appointed_of_included", "vacancies_filled", "project_participants"]


class EfficiencyIndicator(Cited):
    id: Ident
    title: Text
    bands: list[EfficiencyBand]
    measure: EfficiencyMeasure | None = None


class PlanItemKind(Cited):
    """A kind of item of an individual development plan (BR-19: programme, internship…)."""

    id: Ident
    title: str


class PlanAssessment(Cited):
    """HR's assessment of a plan item; ``fulfilled: false`` counts the item as not done."""

    id: Ident
    title: str
    fulfilled: bool = True


class Development(Cited):
    """Individual development plans of reserve members (BR-19): the kinds of item, HR's
    assessments of an item, and the exclusion ground applied when a plan is not fulfilled."""

    kinds: list[PlanItemKind]
    assessments: list[PlanAssessment]
    not_fulfilled_ground: str | None = None


class VacancyStep(Cited):
    """A step of filling a vacant target position from the reserve (BR-20: agreement,
    anti-corruption check, recommendation, appointment).  ``exclusion_ground``: once the step
    is done the member is excluded on it (the appointment); ``refusal_ground``: a refusal at
    this step is that exclusion ground (the member refused the position)."""

    id: Ident
    title: str
    exclusion_ground: str | None = None
    refusal_ground: str | None = None


class VacancyUse(Cited):
    """Filling vacant target positions from the reserve (BR-20, PK-7): ``requirements`` are the
    ids of the eligibility rules that are the position's qualification requirements, checked
    against each member's facts; ``steps`` in their order."""

    requirements: list[str] = Field(default_factory=list)
    steps: list[VacancyStep]


PublishedField = Literal["name", "level", "group", "body", "included_on"]


class Publication(Cited):
    """What of the reserve is published (BR-3: names and level only)."""

    fields: list[PublishedField]


class CampaignKind(Cited):
    """A kind of campaign the regulation runs (KM-3: a competition for a vacant position or for
    the reserve of a group of positions), offered when a campaign is created.

    ``for_reserve``: a campaign of this kind fills the reserve, not a vacant position; documents
    word it so (KM appendix 6).  ``reserve_outcomes``: outcomes that, in a campaign of this kind,
    enter the reserve besides the reserve's own ``outcomes`` (in a competition for the reserve,
    its winners).  ``position``: a campaign of this kind is for a position (or a group of
    positions) whose title, classification and qualification requirements the new campaign
    gives; ``vacancies``: it has a number of vacancies.  A contest or a talent pool has neither
    (AK, TP): the new-campaign form does not ask them.
    """

    id: Ident
    title: Text
    for_reserve: bool = False
    reserve_outcomes: list[str] = Field(default_factory=list)
    position: bool = True
    vacancies: bool = True


# The one kind of a regulation that declares none (``campaign_kinds`` left out).
DEFAULT_KIND = "default"


class ReserveReview(Cited):
    """The yearly review of the reserve (PK-9, BR-2 yearly update): at a meeting of the
    commission ``commission`` (quorum and votes as at any meeting) the members vote per reserve
    member on ``question`` ("for": the member stays); a member the vote does not keep is
    excluded on one of ``grounds`` (the reserve's exclusion grounds; empty: any of them).
    The updated list is approved by the head by ``approve_by`` ("MM-DD" of the review's year,
    PK-6: 1 April) and published within ``publish_within`` days (``publish_unit``) of the
    approval (BR-3: 10 working days), with the fields of ``reserve.publication``."""

    commission: str
    question: str
    grounds: list[str] = Field(default_factory=list)
    approve_by: str | None = Field(None, pattern=r"^\d\d-\d\d$")
    approve_rules: RuleIds
    publish_within: int | None = Field(None, ge=1)
    publish_unit: Literal["calendar", "working"] = "working"
    publish_rules: RuleIds

    @model_validator(mode="after")
    def _month_day(self) -> ReserveReview:
        if self.approve_by is not None:
            month_day(self.approve_by)
        return self

    @field_validator("approve_rules", "publish_rules")
    @classmethod
    def _rules_lists(cls, value: list[str]) -> list[str]:
        return _check_rule_ids(value)


class Reserve(Cited):
    outcomes: list[str] = Field(default_factory=list)
    levels: list[ReserveLevel] = Field(default_factory=list)
    term: Term | None = None
    term_rules: RuleIds
    # How long before the term's last day the member is told it is about to end (none: not told).
    ending_notice: Term | None = None
    certificate_validity: Term | None = None
    certificate_rules: RuleIds
    per_position: int | None = Field(None, ge=1)
    exclusion_grounds: list[Ground] = Field(default_factory=list)
    # A fact naming the exclusion ground (an id of exclusion_grounds) decided for a member who
    # enters by a route whose direct_outcome is a reserve outcome: the member is excluded.
    exclusion_fact: str | None = None
    # Facts shown with each reserve member in the result (the columns of the reserve list).
    list_facts: list[str] = Field(default_factory=list)
    # The event (an id of ``events``) a member's exclusion is: the retention periods whose
    # ``after`` names it start on the day of the exclusion (BR-22). None: none start then.
    exclusion_event: str | None = None
    re_inclusion: list[ReInclusion] = Field(default_factory=list)
    efficiency: list[EfficiencyIndicator] = Field(default_factory=list)
    development: Development | None = None
    vacancy: VacancyUse | None = None
    publication: Publication | None = None
    review: ReserveReview | None = None

    @model_validator(mode="after")
    def _grounds_known(self) -> Reserve:
        known = {g.id for g in self.exclusion_grounds}
        named: list[str | None] = []
        if self.review is not None:
            named.extend(self.review.grounds)
        if self.development is not None:
            named.append(self.development.not_fulfilled_ground)
        if self.vacancy is not None:
            for step in self.vacancy.steps:
                named.extend([step.exclusion_ground, step.refusal_ground])
        for value in named:
            if value is not None and value not in known:
                raise Invalid(
                    "unknown_ground",
                    f"'{value}' is not one of the reserve's exclusion grounds",
                    id=value,
                )
        return self

    @field_validator("term_rules", "certificate_rules")
    @classmethod
    def _rules_lists(cls, value: list[str]) -> list[str]:
        return _check_rule_ids(value)

    def membership_term(self) -> tuple[Term | None, tuple[str, ...]]:
        """How long a member stays and the rules it rests on: the reserve's ``term`` (BR-2
        three years, KM-18), else the validity of its certificate (TP-12 one year).

        One rule for every outcome of the reserve: no outcome id of a regulation is named here.
        """
        if self.term is not None:
            return self.term, tuple(self.term_rules)
        if self.certificate_validity is not None:
            return self.certificate_validity, tuple(self.certificate_rules)
        return None, ()


class Retention(Cited):
    """How long documents are kept and what happens after (C-7).

    ``covers`` says whose: the campaign's ``candidates`` (those not in the reserve by a decision
    in force, and not with an outcome of ``keep_outcomes``, whose documents go to a personal
    file), counted from the campaign's event ``after``; or the reserve's ``excluded_members``,
    counted from the day each was excluded.  ``term`` None: the regulation sets no period (the
    documents are returned against signature, ``then: return``).  At the end of the term the
    daily job destroys the stored files of ``destroy`` and ``return_or_destroy`` items and, with
    ``personal_data``, the person's personal data that no decision needs to be reproduced
    (C-6), and records the destruction in an act."""

    id: Ident
    what: Text
    term: Term | None = None
    then: Literal["destroy", "return", "return_or_destroy", "archive"]
    after: str
    covers: Literal["candidates", "excluded_members"] = "candidates"
    keep_outcomes: list[str] = Field(default_factory=list)
    personal_data: bool = False

    @property
    def destroys(self) -> bool:
        return self.term is not None and self.then in ("destroy", "return_or_destroy")

    @model_validator(mode="after")
    def _term_to_destroy(self) -> Retention:
        if self.term is None and self.then in ("destroy", "return_or_destroy"):
            raise Invalid(
                "retention_without_term",
                f"retention '{self.id}': what is destroyed needs a 'term'",
                id=self.id,
            )
        return self


# --------------------------------------------------------------------------- the regulation


# --------------------------------------------------------------------------- forms

# A value bound to a form layout's role: one id or text, a list of them, or a mapping from an id
# to text (or to a list of texts): the wording a document prints for that id.
BindValue = str | list[str] | dict[str, str | list[str]]


class FormUse(Model):
    """Layouts of documents the regulation uses (``forms:``), with its own ids bound to the
    layouts' roles.  The engine reads none of it: the application checks the layout codes, the
    roles and the kind of each id against its registered layouts (``rezerv.documents``)."""

    layouts: list[Annotated[str, Field(pattern=IDENT)]] = Field(min_length=1)
    bind: dict[Annotated[str, Field(pattern=IDENT)], BindValue] = Field(default_factory=dict)


class Regulation(Cited):
    schema_version: Literal[1]
    code: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]*$")]
    title: Text
    # The language the file's texts are written in; a text may add others as a map
    # (``title: {ru: …, kk: …}``), and pages fall back to this one (docs/regulation-format.md).
    language: Literal["ru", "kk", "en"] = "ru"
    jurisdiction: Country
    source: str
    version: str
    notes: list[str] = Field(default_factory=list)
    rounding: Rounding = Rounding()
    calendar: CalendarSpec
    campaign_kinds: list[CampaignKind] = Field(default_factory=list)
    events: list[EventDef] = Field(default_factory=list)
    scales: dict[str, dict[str, int]] = Field(default_factory=dict)
    facts: list[FactDef] = Field(default_factory=list)
    outcomes: list[OutcomeDef] = Field(default_factory=list)
    votes: list[VoteQuestion] = Field(default_factory=list)
    routes: list[Route] = Field(default_factory=list)
    consent: ConsentRule | None = None
    consents: list[ConsentDef] = Field(default_factory=list)
    announcement: Announcement | None = None
    eligibility: list[EligibilityRule] = Field(default_factory=list)
    change_limits: list[ChangeLimit] = Field(default_factory=list)
    documents: Documents | None = None
    score_sheets: list[ScoreSheet] = Field(default_factory=list)
    methods: list[Method] = Field(default_factory=list)
    commissions: list[CommissionRule] = Field(default_factory=list)
    stages: list[Stage]
    deadlines: list[Deadline] = Field(default_factory=list)
    notices: list[NoticeDef] = Field(default_factory=list)
    reserve: Reserve | None = None
    retention: list[Retention] = Field(default_factory=list)
    positions: dict[str, list[str]] = Field(default_factory=dict)
    # How a letter to a citizen cites a rule: its clause in the regulation's own words, by rule
    # ID («KM-6»: «п. 3.3 Методики»). A letter never cites a rule ID; a rule without a clause
    # here is left uncited.
    clauses: dict[str, Text] = Field(default_factory=dict)
    # The document layouts the regulation's campaigns offer, each bound to its ids; none: the
    # generic forms (docs/regulation-format.md, «forms»).
    forms: list[FormUse] = Field(default_factory=list)

    @model_validator(mode="wrap")
    @classmethod
    def _own_language(cls, data: Any, handler: ModelWrapValidatorHandler[Regulation]) -> Regulation:
        """The texts are read in the file's ``language`` (a map must have it)."""
        lang = data.get("language") if isinstance(data, dict) else None
        token = _OWN_LANGUAGE.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
        try:
            return handler(data)
        finally:
            _OWN_LANGUAGE.reset(token)

    def translated(self, language: str | None) -> Regulation:
        """The regulation with every text in ``language`` where it has a translation (the own
        language elsewhere): what pages show.  Ids, numbers and conditions are unchanged; the
        same object when nothing is translated."""
        shown: Regulation = _translated(self, _language_code(language))
        return shown

    @field_validator("clauses")
    @classmethod
    def _clauses(cls, value: dict[str, str]) -> dict[str, str]:
        _check_rule_ids(list(value))
        for rule, text in value.items():
            if not text.strip():
                raise Invalid("empty_clause", f"the clause of {rule} is empty", rule=rule)
        return value

    def cite(self, rules: list[str] | tuple[str, ...]) -> str:
        """«п. 2.1 Методики; п. 3.3 Методики»: the clauses of ``rules`` as ``clauses`` words
        them, each once; a rule without a clause is not cited."""
        seen: list[str] = []
        for rule in rules:
            text = self.clauses.get(rule)
            if text and text not in seen:
                seen.append(text)
        return "; ".join(seen)

    def sheet(self, sheet_id: str) -> ScoreSheet:
        return next(s for s in self.score_sheets if s.id == sheet_id)

    def method(self, method_id: str) -> Method:
        return next(m for m in self.methods if m.id == method_id)

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)

    def commission_rule(self, rule_id: str) -> CommissionRule:
        return next(c for c in self.commissions if c.id == rule_id)

    def outcome_titles(self) -> dict[str, str]:
        """The title of every outcome: the engine's own, then the regulation's declarations."""
        return {**ENGINE_OUTCOMES, **{o.id: o.title for o in self.outcomes}}

    def outcome_title(self, outcome_id: str) -> str:
        return self.outcome_titles().get(outcome_id, outcome_id)

    def kinds(self) -> list[CampaignKind]:
        """The kinds of campaign the regulation runs: those it declares, else one kind
        (``default``) under the regulation's title."""
        return self.campaign_kinds or [CampaignKind(id=DEFAULT_KIND, title=self.title, rules=[])]

    def campaign_kind(self, kind_id: str) -> CampaignKind | None:
        return next((k for k in self.kinds() if k.id == kind_id), None)

    def publication_event(self) -> str | None:
        """The event the publication of the announcement sets (``publication: true``), if any."""
        return next((e.id for e in self.events if e.publication), None)

    def position_facts(self) -> list[FactDef]:
        """The facts of the campaign's position (``source: position``), in their order."""
        return [f for f in self.facts if f.source == "position"]

    def consent_def(self, consent_id: str) -> ConsentDef | None:
        return next((c for c in self.consents if c.id == consent_id), None)

    def vote_question(self, question_id: str) -> VoteQuestion | None:
        return next((v for v in self.votes if v.id == question_id), None)

    def cited_rules(self) -> set[str]:
        """Every rule ID cited anywhere in the file."""
        found: set[str] = set()

        def walk(value: object) -> None:
            if isinstance(value, BaseModel):
                for name in type(value).model_fields:
                    walk(getattr(value, name))
            elif isinstance(value, (list, tuple)):
                for item in value:
                    walk(item)
            elif isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, str) and RULE_ID.match(value):
                found.add(value)

        walk(self)
        return found


def _translated(value: Any, language: str) -> Any:
    """``value`` with its texts in ``language``: a model, list or dict is copied only where a
    text within it changes."""
    if isinstance(value, LocalText):
        return value.in_language(language)
    if isinstance(value, BaseModel):
        update = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _translated(old, language)
            if new is not old:
                update[name] = new
        return value.model_copy(update=update) if update else value
    if isinstance(value, list):
        items = [_translated(item, language) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        pairs = {key: _translated(item, language) for key, item in value.items()}
        return pairs if any(pairs[k] is not value[k] for k in value) else value
    return value
