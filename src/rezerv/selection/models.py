"""Models persist; services write (``services.py``); selectors read (``selectors.py``).

Business rules live in the engine and the services, not in ``save()``, signals or views.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from rezerv.engine.loader import LoadedRegulation, parse_regulation
from rezerv.engine.schema import CampaignKind, Regulation
from rezerv.selection.states import ApplicationStatus, CampaignStatus, MeetingStatus


class Region(models.Model):
    """A region (субъект РФ) or an oblast of Kazakhstan."""

    name = models.CharField(_("наименование"), max_length=200)
    country = models.CharField(
        _("страна"), max_length=2, choices=[("RU", "Россия"), ("KZ", "Казахстан")]
    )

    class Meta:
        verbose_name = _("регион")
        verbose_name_plural = _("регионы")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    region = models.ForeignKey(Region, models.CASCADE, related_name="districts")
    name = models.CharField(_("наименование"), max_length=200)

    class Meta:
        verbose_name = _("район")
        verbose_name_plural = _("районы")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StateBody(models.Model):
    """A state body or a municipality that runs selections."""

    name = models.CharField(_("наименование"), max_length=300)
    region = models.ForeignKey(Region, models.PROTECT, null=True, blank=True, related_name="bodies")
    # The languages the body issues its forms in: a Kazakh state body issues them in Kazakh and
    # Russian (the state language first, each its own part), where a form has a Kazakh text.
    document_languages = models.CharField(
        _("язык документов"),
        max_length=8,
        choices=[("ru", _("русский")), ("kk_ru", _("казахский и русский"))],
        default="ru",
    )

    class Meta:
        verbose_name = _("государственный орган")
        verbose_name_plural = _("государственные органы")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    body = models.ForeignKey(StateBody, models.CASCADE, related_name="units")
    name = models.CharField(_("наименование"), max_length=300)

    class Meta:
        verbose_name = _("структурное подразделение")
        verbose_name_plural = _("структурные подразделения")

    def __str__(self) -> str:
        return self.name


class Position(models.Model):
    """A post of a body.  Its classification (KM-10: category and group) is the regulation's:
    ``facts`` holds the values of the facts a regulation declares with ``source: position``,
    keyed by their ids (an option id for a ``choice`` fact)."""

    body = models.ForeignKey(StateBody, models.PROTECT, related_name="positions")
    unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="positions")
    title = models.CharField(_("наименование должности"), max_length=300)
    facts = models.JSONField(_("классификация должности"), default=dict, blank=True)
    qualification_requirements = models.TextField(_("квалификационные требования"), blank=True)

    class Meta:
        verbose_name = _("должность")
        verbose_name_plural = _("должности")

    def __str__(self) -> str:
        return self.title


class RegulationVersion(models.Model):
    """A regulation file as loaded; a campaign keeps the version it started with."""

    code = models.CharField(_("код"), max_length=40)
    title = models.CharField(_("наименование"), max_length=500)
    version = models.CharField(_("редакция"), max_length=100)
    sha256 = models.CharField(max_length=64)
    source_text = models.TextField(_("текст регламента (YAML)"))
    loaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("загрузил"),
    )

    class Meta:
        verbose_name = _("версия регламента")
        verbose_name_plural = _("версии регламентов")
        constraints = [
            models.UniqueConstraint(fields=["code", "sha256"], name="regulation_unique_text")
        ]
        ordering = ["code", "-loaded_at"]

    def __str__(self) -> str:
        return f"{self.code} ({self.version}, {self.sha256[:8]})"

    def load(self) -> LoadedRegulation:
        cache: dict[str, LoadedRegulation] = _LOADED
        if self.sha256 not in cache:
            cache[self.sha256] = parse_regulation(
                self.source_text.encode("utf-8"), f"{self.code}.yaml"
            )
        return cache[self.sha256]

    def shown(self) -> Regulation:
        """The regulation as pages show it: its texts in the active language where the file
        translates them, else in its own (services, the engine and documents read ``load``)."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        key = (self.sha256, language)
        if key not in _SHOWN:
            _SHOWN[key] = self.load().regulation.translated(language)
        return _SHOWN[key]


_LOADED: dict[str, LoadedRegulation] = {}
_SHOWN: dict[tuple[str, str], Regulation] = {}


class RegulationActivation(models.Model):
    """A version put in force from a day.  A new campaign takes the version of its code whose
    activation has the latest ``effective_from`` on or before the day it is created (of two on
    the same day, the one made last); a version with no activation is uploaded, not in force.
    A version may be activated again later (a return to an earlier text); an activation whose
    day has not come yet may be withdrawn with a reason (the decree was postponed or revoked),
    and is then kept with who withdrew it and why."""

    version = models.ForeignKey(
        RegulationVersion,
        models.CASCADE,
        related_name="activations",
        verbose_name=_("версия регламента"),
    )
    effective_from = models.DateField(_("вступает в силу с"))
    activated_at = models.DateTimeField(auto_now_add=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ввёл в действие"),
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("отменил"),
    )
    withdrawal_reason = models.TextField(_("причина отмены"), blank=True)

    class Meta:
        verbose_name = _("введение регламента в действие")
        verbose_name_plural = _("введения регламентов в действие")
        ordering = ["-effective_from", "-pk"]

    def __str__(self) -> str:
        return f"{self.version} from {self.effective_from.isoformat()}"


class Campaign(models.Model):
    STATUSES = CampaignStatus.choices
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # One of the kinds its regulation declares (``campaign_kinds``, e.g. KM-3: for a vacancy or
    # for the reserve); the service refuses another.
    kind = models.CharField(_("вид"), max_length=40)
    regulation = models.ForeignKey(RegulationVersion, models.PROTECT, related_name="campaigns")
    title = models.CharField(_("наименование"), max_length=500)
    body = models.ForeignKey(StateBody, models.PROTECT, related_name="campaigns")
    position = models.ForeignKey(
        Position, models.PROTECT, null=True, blank=True, related_name="campaigns"
    )
    # The posts a campaign is for besides ``position`` (a reserve formed for several target
    # positions at once): a fact declared ``choices_from: positions`` is one of them.
    target_positions = models.ManyToManyField(
        Position, blank=True, related_name="target_of", verbose_name=_("целевые должности")
    )
    vacancies = models.PositiveIntegerField(_("число вакансий"), default=1)
    quotas = models.JSONField(_("квоты"), default=dict, blank=True)
    events = models.JSONField(_("даты событий"), default=dict, blank=True)
    status = models.CharField(
        _("статус"), max_length=20, choices=STATUSES, default=CampaignStatus.DRAFT
    )
    # The announcement's texts (KM-4, TP-6), keyed by the ids the regulation declares in
    # ``announcement.fields``; entered while the campaign is a draft.
    announcement = models.JSONField(_("текст объявления"), default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_stages = models.JSONField(
        _("этапы с закрытой независимой оценкой"), default=list, blank=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("кампания")
        verbose_name_plural = _("кампании")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def kind_declared(self) -> CampaignKind | None:
        """The declaration of the campaign's kind in its regulation (None: not declared)."""
        return self.regulation.load().regulation.campaign_kind(self.kind)

    @property
    def kind_title(self) -> str:
        """The title its regulation gives the campaign's kind (the id if it gives none)."""
        declared = self.kind_declared()
        return declared.title if declared is not None else self.kind


class CampaignChoice(models.Model):
    """A value HR records for a campaign's fact declared ``choices_from: campaign`` (issue 9 §2:
    a territory chosen from records): the application form offers these, nothing else."""

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="recorded_choices")
    fact = models.CharField(_("сведение"), max_length=100)
    value = models.CharField(_("значение"), max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "fact", "value"], name="campaign_choice_once"
            )
        ]

    def __str__(self) -> str:
        return self.value


class Person(models.Model):
    """A natural person: a candidate. Personal data (152-FZ; Law of RK on personal data)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="person"
    )
    last_name = models.CharField(_("фамилия"), max_length=100)
    first_name = models.CharField(_("имя"), max_length=100)
    patronymic = models.CharField(_("отчество"), max_length=100, blank=True)
    # Declension of the name in documents when there is no patronymic (rezerv.documents.names).
    gender = models.CharField(
        _("пол"), max_length=1, choices=[("m", _("мужской")), ("f", _("женский"))], blank=True
    )
    birth_date = models.DateField(_("дата рождения"), null=True, blank=True)
    citizenship = models.CharField(_("гражданство"), max_length=2, default="RU")
    iin = models.CharField(_("ИИН"), max_length=12, blank=True)
    snils = models.CharField(_("СНИЛС"), max_length=14, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)
    phone = models.CharField(_("телефон"), max_length=40, blank=True)
    address = models.CharField(_("адрес"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("физическое лицо")
        verbose_name_plural = _("физические лица")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)


class Questionnaire(models.Model):
    """The candidate's questionnaire (анкета): the biography the seeds' questionnaire forms
    print (education, work, awards, languages, degrees, publications) and, in ``extra``, the
    answers to the facts a regulation declares with ``source: questionnaire`` that are not the
    person's own attributes (``selectors.PERSON_FACTS``).  The questionnaire has no fact of its
    own: what the engine reads is declared by the regulation."""

    person = models.OneToOneField(Person, models.CASCADE, related_name="questionnaire")
    education = models.JSONField(_("образование"), default=list, blank=True)
    work_history = models.JSONField(_("трудовая деятельность"), default=list, blank=True)
    awards = models.JSONField(_("награды, почётные звания"), default=list, blank=True)
    languages = models.JSONField(_("владение языками"), default=list, blank=True)
    degrees = models.CharField(_("учёная степень, звание"), max_length=300, blank=True)
    publications = models.TextField(_("публикации, научные труды"), blank=True)
    extra = models.JSONField(_("дополнительные сведения"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("анкета")
        verbose_name_plural = _("анкеты")


class Application(models.Model):
    STATUSES = ApplicationStatus.choices
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(Campaign, models.PROTECT, related_name="applications")
    person = models.ForeignKey(Person, models.PROTECT, related_name="applications")
    route = models.CharField(_("порядок участия"), max_length=60, default="default")
    status = models.CharField(
        _("статус"), max_length=20, choices=STATUSES, default=ApplicationStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("дата подачи"))
    facts = models.JSONField(_("сведения на дату подачи"), default=dict)
    # Dated changes of facts after submission (TP-9), oldest first: {fact, date, from, to, at}.
    fact_changes: Any = models.JSONField(_("изменения сведений"), default=list, blank=True)
    consent_given_at = models.DateTimeField(_("согласие на обработку ПД"))
    consent_text = models.TextField(_("текст согласия"))
    consents = models.JSONField(_("иные согласия"), default=dict, blank=True)
    code = models.CharField(_("шифр работы"), max_length=12, unique=True)
    refusal_text = models.TextField(_("причины отказа"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("заявление")
        verbose_name_plural = _("заявления")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person"], name="one_application_per_campaign"
            )
        ]
        # the desk lists a campaign's applications in this order a page at a time (issue 14):
        # read from the index, not sorted out of the whole campaign (75 ms -> 4 ms at 20,000)
        indexes = [
            models.Index(fields=["campaign", "submitted_at", "id"], name="application_desk_order")
        ]
        ordering = ["submitted_at"]

    def __str__(self) -> str:
        return f"{self.code}"


def document_path(instance: Document, filename: str) -> str:
    # No personal data in paths: a random name under the campaign's uid.
    return f"documents/{instance.application.campaign.uid}/{uuid.uuid4().hex}"


class Document(models.Model):
    application = models.ForeignKey(Application, models.CASCADE, related_name="documents")
    doc_type = models.CharField(_("вид документа"), max_length=60)
    file = models.FileField(upload_to=document_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # A replaced file is kept: the replacement is recorded here (issue 9 §2).
    superseded_at = models.DateTimeField(_("заменён"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("документ")
        verbose_name_plural = _("документы")

    @property
    def format_name(self) -> str:
        """The file's format as its reader knows it (PDF, DOCX), not its MIME type."""
        from rezerv.selection.uploads import ALLOWED

        return ALLOWED.get(self.content_type, self.content_type)


class Commission(models.Model):
    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="commissions")
    rule_id = models.CharField(_("правило комиссии"), max_length=60)
    name = models.CharField(_("наименование"), max_length=300)
    stages = models.JSONField(_("этапы"), default=list)
    scope = models.CharField(_("территория"), max_length=200, blank=True)
    # The composition's approval (issue 13, separation of duties): by whom and when; a change
    # of the members afterwards withdraws it (``selection/commissions.py``).
    approved_at = models.DateTimeField(_("состав утверждён"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("комиссия")
        verbose_name_plural = _("комиссии")

    def __str__(self) -> str:
        return self.name


class CommissionMember(models.Model):
    ROLES = [
        ("chair", _("председатель")),
        ("deputy", _("заместитель председателя")),
        ("secretary", _("секретарь")),
        ("member", _("член комиссии")),
    ]
    commission = models.ForeignKey(Commission, models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="memberships")
    full_name = models.CharField(_("ФИО"), max_length=300)
    post = models.CharField(_("должность"), max_length=300, blank=True)
    role = models.CharField(_("роль"), max_length=20, choices=ROLES, default="member")
    civil_servant = models.BooleanField(_("гражданский служащий"), default=False)
    independent = models.BooleanField(_("независимый эксперт"), default=False)
    public_council = models.BooleanField(_("представитель общественного совета"), default=False)
    # Raised by each edit: a stale edit (someone changed the member meanwhile) is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("член комиссии")
        verbose_name_plural = _("члены комиссии")
        constraints = [models.UniqueConstraint(fields=["commission", "user"], name="member_once")]

    def __str__(self) -> str:
        return self.full_name


class ConflictDeclaration(models.Model):
    """A member's declared conflict of interest: recused from the candidate (no ballot, no vote)."""

    member = models.ForeignKey(CommissionMember, models.CASCADE, related_name="conflicts")
    application = models.ForeignKey(Application, models.CASCADE, related_name="conflicts")
    reason = models.CharField(_("основание"), max_length=500)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("заявление о конфликте интересов")
        verbose_name_plural = _("заявления о конфликте интересов")
        constraints = [
            models.UniqueConstraint(fields=["member", "application"], name="conflict_once")
        ]


class Meeting(models.Model):
    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="meetings")
    commission = models.ForeignKey(Commission, models.PROTECT, related_name="meetings")
    stage_id = models.CharField(_("этап"), max_length=60)
    date = models.DateField(_("дата заседания"))
    place = models.CharField(_("место"), max_length=300, blank=True)
    time = models.TimeField(_("время заседания"), null=True, blank=True)
    held = models.BooleanField(_("проведено"), default=False)
    status = models.CharField(
        _("статус"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("заседание")
        verbose_name_plural = _("заседания")
        ordering = ["date"]


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CommissionMember, models.CASCADE, related_name="+")
    present = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("отметка присутствия")
        verbose_name_plural = _("отметки присутствия")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")
        ]


class Ballot(models.Model):
    """One member × candidate × method: per-criterion points (None: abstention) and a reason."""

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="ballots")
    stage_id = models.CharField(max_length=60)
    method_id = models.CharField(max_length=60)
    member = models.ForeignKey(CommissionMember, models.PROTECT, related_name="ballots")
    application = models.ForeignKey(Application, models.PROTECT, related_name="ballots")
    points: Any = models.JSONField(null=True, blank=True)
    reason = models.TextField(_("краткая мотивировка"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("оценочный лист члена комиссии")
        verbose_name_plural = _("оценочные листы членов комиссии")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "application", "stage_id", "method_id"], name="ballot_once"
            )
        ]


class Result(models.Model):
    """A test result, a pass or fail, or a sheet entered once (expert conclusion, survey)."""

    application = models.ForeignKey(Application, models.PROTECT, related_name="results")
    stage_id = models.CharField(max_length=60)
    method_id = models.CharField(max_length=60)
    correct = models.PositiveIntegerField(null=True, blank=True)
    questions = models.PositiveIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    points: Any = models.JSONField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("результат испытания")
        verbose_name_plural = _("результаты испытаний")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stage_id", "method_id"], name="result_once"
            )
        ]


class Vote(models.Model):
    VOTES = [("for", _("за")), ("against", _("против")), ("abstain", _("воздержался"))]
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="votes")
    question = models.CharField(max_length=60)
    application = models.ForeignKey(Application, models.PROTECT, related_name="votes")
    member = models.ForeignKey(CommissionMember, models.PROTECT, related_name="votes")
    vote = models.CharField(max_length=10, choices=VOTES)

    class Meta:
        verbose_name = _("голос")
        verbose_name_plural = _("голоса")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "question", "application", "member"], name="vote_once"
            )
        ]


class Decision(models.Model):
    """The engine's result with the inputs it was computed from (C-6).

    One decision of a stage and commission is in force at a time: a new one supersedes it
    (``superseded_at``, ``superseded_by``; the new decision's ``reason`` says why), and the
    superseded one is kept as it was.
    """

    campaign = models.ForeignKey(Campaign, models.PROTECT, related_name="decisions")
    stage_id = models.CharField(max_length=60)
    commission = models.ForeignKey(
        Commission, models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    meeting = models.ForeignKey(
        Meeting, models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    regulation_sha256 = models.CharField(max_length=64)
    inputs: Any = models.JSONField()
    result: Any = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("основание повторного решения"), blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="supersedes"
    )
    # Reopened for correction (issue 13): while a decision in force is not reopened, the inputs
    # of its stage (results, ballots, votes, attendance, admissions, the commission) are read
    # only; reopened with a reason, they can be corrected and the next decision supersedes it.
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    reopen_reason = models.TextField(_("основание возобновления"), blank=True)
    # its candidates' rows are stored one per candidate (``DecisionRow``, issue 14)
    rows_stored = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("решение")
        verbose_name_plural = _("решения")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "stage_id", "commission"],
                condition=models.Q(superseded_at__isnull=True, commission__isnull=False),
                name="decision_in_force_per_commission",
            ),
            models.UniqueConstraint(
                fields=["campaign", "stage_id"],
                condition=models.Q(superseded_at__isnull=True, commission__isnull=True),
                name="decision_in_force_per_stage",
            ),
        ]

    @property
    def in_force(self) -> bool:
        return self.superseded_at is None


class Notice(models.Model):
    """When a notice or publication the regulation declares (``notices``) was actually issued:
    the engine checks the date against the notice's deadline (KM-8, KM-14, KM-20, BR-3, BR-11)."""

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="notices")
    notice_id = models.CharField(_("уведомление"), max_length=60)
    issued_on = models.DateField(_("дата направления (размещения)"))
    number = models.CharField(_("исходящий номер"), max_length=60, blank=True)
    # None: recorded by the system (the day the daily job's message went out)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("уведомление")
        verbose_name_plural = _("уведомления и публикации")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "notice_id"], name="notice_once")
        ]


class ReserveEntry(models.Model):
    """A person in the reserve by a decision.  ``excluded_on`` and ``exclusion_ground`` are the
    member's state now (an exclusion without a ground: the term expired); the acts that changed
    it are ``acts`` (``reserve_models.ReserveAct``).  ``uid``: the member's card in URLs."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, models.PROTECT, related_name="reserve_entries")
    campaign = models.ForeignKey(Campaign, models.PROTECT, related_name="reserve_entries")
    decision = models.ForeignKey(Decision, models.PROTECT, related_name="reserve_entries")
    outcome = models.CharField(max_length=60)
    level = models.CharField(max_length=60, blank=True)
    group_title = models.CharField(_("группа должностей"), max_length=300, blank=True)
    included_on = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    excluded_on = models.DateField(null=True, blank=True)
    exclusion_ground = models.CharField(max_length=60, blank=True)

    class Meta:
        verbose_name = _("запись кадрового резерва")
        verbose_name_plural = _("кадровый резерв")
        constraints = [
            models.UniqueConstraint(fields=["person", "decision"], name="reserve_once_per_decision")
        ]


class AuditEvent(models.Model):
    """Who did what, when: every change of scores, votes, decisions and access to personal data.

    Holds object identifiers and changed values, never names or contact data.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    campaign = models.ForeignKey(Campaign, models.SET_NULL, null=True, blank=True, related_name="+")
    changes: Any = models.JSONField(default=dict, blank=True)
    # The hash chain (``selection/audit_chain.py``): the event's number, the previous event's
    # hash and its own over both and its content.
    seq = models.BigIntegerField(unique=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("запись журнала действий")
        verbose_name_plural = _("журнал действий")
        ordering = ["-at"]
        # a campaign's last change (its inputs version, selection/result_cache.py) in one seek
        indexes = [models.Index(fields=["campaign", "id"], name="audit_campaign_id")]


class AnnouncementAmendment(models.Model):
    """A change of a published announcement's texts: when, by whom, on what ground, and each
    changed text before and after (issue 9 §2). The announcement shows its amendments."""

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="amendments")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    reason = models.TextField(_("основание изменения"))
    changes: Any = models.JSONField(default=dict)  # field id -> {"before": …, "after": …}

    class Meta:
        verbose_name = _("изменение объявления")
        verbose_name_plural = _("изменения объявлений")
        ordering = ["at", "pk"]


class PersonalDataRead(models.Model):
    """Who read a candidate's application or files, summarised per reader, day and channel.

    Kept apart from the audit log (reads are many; changes are few): one row per reader,
    application, day and channel with the number of reads, so a page opened a hundred times
    costs one row. The candidate sees these rows; they are kept ``REZERV_READ_RETENTION_DAYS``
    (``selection/reads.py``).
    """

    CHANNELS = [
        ("web", _("страница заявления")),
        ("api", _("программный интерфейс")),
        ("file", _("документ заявления")),
    ]
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    application = models.ForeignKey(Application, models.CASCADE, related_name="reads")
    day = models.DateField()
    channel = models.CharField(max_length=10, choices=CHANNELS)
    count = models.PositiveIntegerField(default=1)
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()

    class Meta:
        verbose_name = _("чтение персональных данных")
        verbose_name_plural = _("чтения персональных данных")
        constraints = [
            models.UniqueConstraint(
                fields=["reader", "application", "day", "channel"], name="one_read_row_per_day"
            )
        ]
        indexes = [models.Index(fields=["day"], name="read_day")]


class AuditHead(models.Model):
    """The head of the audit chain: the last event's number and hash (one row, pk 1)."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("последняя запись журнала действий")
        verbose_name_plural = _("последняя запись журнала действий")


class Staff(models.Model):
    """An official's role in a state body: HR officer / commission secretary, or administrator."""

    ROLES = [("hr", _("кадровая служба / секретарь комиссии")), ("admin", _("администратор"))]
    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="staff")
    body = models.ForeignKey(StateBody, models.PROTECT, null=True, blank=True, related_name="staff")
    role = models.CharField(max_length=10, choices=ROLES, default="hr")

    class Meta:
        verbose_name = _("сотрудник")
        verbose_name_plural = _("сотрудники")


# The acts of the reserve (exclusion, expiry, re-inclusion) are models of this app kept in their
# own module; imported here so that Django registers them with the app.
from rezerv.selection.reserve_models import ReserveAct, ReserveEmployment  # noqa: E402, F401
from rezerv.selection.reserve_review_models import (  # noqa: E402, F401
    ReserveReview,
    ReserveReviewOutcome,
    ReserveReviewVote,
    VacancyInvitation,
)
from rezerv.selection.reserve_use_models import (  # noqa: E402, F401
    PlanItem,
    PlanReport,
    ProjectParticipation,
    Vacancy,
    VacancyStepRecord,
)

# The engine's result of a campaign stored per change of its inputs (selection/result_cache.py).
from rezerv.selection.result_models import (  # noqa: E402, F401
    CampaignResult,
    CandidatePlace,
    CandidateResult,
    DecisionRow,
    ResultRecomputation,
)
