"""Services: every write goes through one of these functions (``<entity>_<action>(*, …)``).

Each runs in a transaction and records an audit event; business rules come from the engine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from rezerv import wording, wording_problems
from rezerv.engine.case import check_case, parse_case
from rezerv.engine.errors import InputError
from rezerv.engine.evaluate import evaluate
from rezerv.engine.loader import bundled_path
from rezerv.engine.scoring import validate_points
from rezerv.selection import audit_chain, duties, frozen, readiness, uploads, vocabulary
from rezerv.selection.audit import check_action
from rezerv.selection.models import (
    Application,
    Attendance,
    AuditEvent,
    Ballot,
    Campaign,
    Commission,
    CommissionMember,
    ConflictDeclaration,
    Decision,
    Document,
    Meeting,
    Person,
    Position,
    Questionnaire,
    RegulationActivation,
    RegulationVersion,
    Result,
    StateBody,
    Vote,
)
from rezerv.selection.states import (
    ApplicationStatus,
    CampaignStatus,
    MeetingStatus,
    application_transition,
    campaign_transition,
)

User = AbstractBaseUser | AnonymousUser


class ServiceError(Exception):
    """A request the rules refuse; ``field`` names the form field when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConcurrentEdit(ServiceError):
    """Somebody else changed the record since it was read; nothing was overwritten."""


def audit(
    *,
    actor: Any,
    action: str,
    obj: Any,
    campaign: Campaign | None = None,
    changes: dict[str, Any] | None = None,
) -> None:
    row = {
        "actor_id": actor.pk if getattr(actor, "is_authenticated", False) else None,
        "action": check_action(str(action)),
        "object_type": type(obj).__name__,
        "object_id": str(obj.pk),
        "campaign_id": campaign.pk if campaign is not None else None,
        "changes": json.loads(json.dumps(changes or {}, default=str)),
    }
    with transaction.atomic():  # the event and the chain's head move together
        AuditEvent.objects.create(**audit_chain.chain([row])[0])


# --------------------------------------------------------------------------- regulations


# The bundled files are in force from an early fixed day (regulations.BUNDLED_EFFECTIVE): a
# version uploaded at the desk with a later day replaces them for new campaigns from that day.
BUNDLED_EFFECTIVE = dt.date(2000, 1, 1)


def regulation_load_bundled(*, code: str) -> RegulationVersion:
    """Load a bundled regulation file; an unchanged file reuses its stored version."""
    text = bundled_path(code).read_text("utf-8")
    return regulation_store(code=code, text=text, effective_from=BUNDLED_EFFECTIVE)


def regulation_store(
    *, code: str, text: str, effective_from: dt.date | None = None
) -> RegulationVersion:
    """Store a regulation text (validated as ``rezerv validate`` does) as a version of its code;
    with ``effective_from``, a version never activated is put in force from that day.

    Uploads and activations at the desk go through ``regulations``, which audits them.
    """
    from rezerv.engine.loader import parse_regulation

    loaded = parse_regulation(text.encode("utf-8"), f"{code}.yaml")
    reg = loaded.regulation
    version, _ = RegulationVersion.objects.get_or_create(
        code=reg.code,
        sha256=loaded.sha256,
        defaults={"title": reg.title, "version": reg.version, "source_text": text},
    )
    if effective_from is not None and not version.activations.exists():
        RegulationActivation.objects.create(version=version, effective_from=effective_from)
    return version


# --------------------------------------------------------------------------- campaigns

CAMPAIGN_FIELDS = frozenset(
    {
        "kind",
        "title",
        "vacancies",
        "quotas",
        "events",
        "announcement",
    }
)
POSITION_FIELDS = frozenset({"title", "facts", "qualification_requirements"})
# The fields HR may change through campaign_update, per status: the announcement (kind, title,
# vacancies, quotas, texts) only while it is a draft; the event dates in every status, because
# they are recorded as the procedure goes (a multi-stage regulation decides stage by stage and
# later dates such as the head's order come after the first decision). The status itself changes
# only through states.campaign_transition.
CAMPAIGN_UPDATABLE: dict[CampaignStatus, frozenset[str]] = {
    CampaignStatus.DRAFT: CAMPAIGN_FIELDS,
    CampaignStatus.PUBLISHED: frozenset({"events"}),
    CampaignStatus.ASSESSMENT: frozenset({"events"}),
    CampaignStatus.DECIDED: frozenset({"events"}),
}


@transaction.atomic
def campaign_create(
    *,
    actor: Any,
    regulation_code: str,
    body: StateBody,
    position: Position | None = None,
    new_position: dict[str, Any] | None = None,
    **fields: Any,
) -> Campaign:
    """A draft campaign under the version of ``regulation_code`` in force today (audit
    ``campaign.create``): an uploaded version from its effective day on, else the bundled file.

    ``position`` is an existing post of ``body``; ``new_position`` (title, ``facts`` — its
    classification by the regulation's position facts —, qualification requirements) creates one
    in the same transaction.  ``fields`` are the campaign's own (kind, title, vacancies, quotas,
    events, announcement texts); ``kind`` is one of the regulation's kinds (it may be left out
    when the regulation has one).
    """
    unknown = set(fields) - CAMPAIGN_FIELDS
    if unknown:
        raise TypeError(f"unknown campaign fields: {', '.join(sorted(unknown))}")
    if position is not None and new_position:
        raise TypeError("either position or new_position, not both")
    if position is not None and position.body_id != body.pk:
        raise ServiceError(
            gettext("Должность относится к другому государственному органу."), field="position"
        )
    if new_position:
        extra = set(new_position) - POSITION_FIELDS
        if extra:
            raise TypeError(f"unknown position fields: {', '.join(sorted(extra))}")
    from rezerv.selection.regulations import regulation_for_new_campaign

    regulation = regulation_for_new_campaign(regulation_code, timezone.localdate())
    reg = regulation.load().regulation
    fields["kind"] = _check_kind(reg, fields.get("kind"))
    _check_kind_has(reg, fields["kind"], bool(position or new_position), fields.get("vacancies"))
    if new_position:
        _check_position_title(body, str(new_position.get("title", "")))
        new_position = {
            **new_position,
            "facts": check_position_facts(reg, new_position.get("facts") or {}),
        }
        position = Position.objects.create(body=body, **new_position)
    if fields.get("events"):
        _check_events(regulation.load().regulation, fields["events"])
    if "announcement" in fields:
        fields["announcement"] = check_announcement(
            regulation.load().regulation, fields["announcement"]
        )
    campaign = Campaign.objects.create(
        regulation=regulation,
        body=body,
        position=position,
        created_by=actor,
        **fields,
    )
    audit(actor=actor, action="campaign.create", obj=campaign, campaign=campaign)
    return campaign


def _check_kind(reg: Any, kind: Any) -> str:
    """The campaign's kind: one the regulation declares (``campaign_kinds``); left out, the
    only one it has."""
    kinds = reg.kinds()
    if not kind and len(kinds) == 1:
        return str(kinds[0].id)
    if not kind:
        raise ServiceError(gettext("Выберите вид кампании."), "kind")
    if reg.campaign_kind(str(kind)) is None:
        raise ServiceError(
            gettext("Регламент не предусматривает такой вид кампании. Возможные виды: %(kinds)s.")
            % {"kinds": ", ".join(f"«{k.title}»" for k in kinds)},
            "kind",
        )
    return str(kind)


def _check_kind_has(reg: Any, kind_id: str, position: bool, vacancies: Any) -> None:
    """A campaign of a kind without a position or vacancies (``campaign_kinds``: AK, TP) is
    given neither (a number of vacancies other than the default 1 is refused)."""
    kind = reg.campaign_kind(kind_id)
    if kind is not None and not kind.position and position:
        raise ServiceError(
            gettext("Кампания вида «%(kind)s» не замещает должность.") % {"kind": kind.title},
            "position_title",
        )
    if kind is not None and not kind.vacancies and vacancies not in (None, 1):
        raise ServiceError(
            gettext("У кампании вида «%(kind)s» нет вакансий.") % {"kind": kind.title}, "vacancies"
        )


def check_position_facts(reg: Any, facts: Any) -> dict[str, Any]:
    """The position's classification by the facts the regulation declares with ``source:
    position`` (KM-10): each value checked like a candidate's fact, a required one given; a fact
    the regulation does not declare is refused.  Empty values are dropped."""
    from rezerv.engine.facts import check_fact_value

    if not isinstance(facts, dict):
        raise ServiceError(gettext("Классификация должности: нужен набор сведений."), "facts")
    declared = {f.id: f for f in reg.position_facts()}
    clean: dict[str, Any] = {}
    for key, value in facts.items():
        decl = declared.get(key)
        if decl is None:
            raise ServiceError(
                gettext("Регламент не классифицирует должность по признаку «%(fact)s».")
                % {"fact": key},
                key,
            )
        if value in (None, "", []):
            continue
        if check_fact_value(decl, value) is not None:
            raise ServiceError(
                gettext("«%(title)s»: такого значения регламент не предусматривает.")
                % {"title": decl.title},
                key,
            )
        clean[key] = value
    for decl in declared.values():
        if decl.required and decl.id not in clean:
            raise ServiceError(gettext("Укажите «%(title)s».") % {"title": decl.title}, decl.id)
    return clean


def _check_position_title(body: StateBody, title: str) -> None:
    """Titles that differ only in letter case (or spaces) name one post of the body."""
    wanted = " ".join(title.split()).casefold()
    for existing in Position.objects.filter(body=body).values_list("title", flat=True):
        if existing != title and " ".join(existing.split()).casefold() == wanted:
            raise ServiceError(
                gettext(
                    "В этом органе уже есть должность «%(existing)s»: наименования, которые "
                    "различаются только регистром букв или пробелами, — одна и та же должность. "
                    "Напишите наименование так же, как оно записано."
                )
                % {"existing": existing},
                "position_title",
            )


def check_fact_values(reg: Any, facts: dict[str, Any]) -> None:
    """Refuse a ``number`` fact below the ``min`` its regulation declares (default 0)."""
    for fact in reg.facts:
        value = facts.get(fact.id)
        if fact.type != "number" or fact.min is None or value is None or isinstance(value, bool):
            continue
        try:
            number = Decimal(str(value))
        except ArithmeticError:
            raise ServiceError(
                gettext("«%(title)s»: нужно число.") % {"title": fact.title}, fact.id
            ) from None
        if number < fact.min:
            raise ServiceError(
                gettext("«%(title)s»: значение не может быть меньше %(min)s.")
                % {"title": fact.title, "min": fact.min},
                fact.id,
            )


def check_announcement(reg: Any, texts: Any) -> dict[str, str]:
    """The announcement's texts by the fields the regulation declares; blank texts are dropped."""
    declared = {f.id for f in reg.announcement.fields} if reg.announcement else set()
    if not isinstance(texts, dict):
        raise ServiceError(gettext("Текст объявления: нужен набор полей."), "announcement")
    clean: dict[str, str] = {}
    for key, value in texts.items():
        if key not in declared:
            raise ServiceError(
                gettext("Регламент не предусматривает в объявлении поле «%(field)s».")
                % {"field": key},
                "announcement",
            )
        if not isinstance(value, str):
            raise ServiceError(gettext("Текст объявления: нужен текст."), key)
        if value.strip():
            clean[key] = value.strip()
    return clean


def _check_events(reg: Any, events: dict[str, Any]) -> None:
    """Refuse event dates the production calendar cannot place (named, with its years)."""
    from rezerv.selection.eventdates import events_problems

    problems = events_problems(reg, events)
    if problems:
        field, message = problems[0]
        raise ServiceError(message, field)


@transaction.atomic
def campaign_update(
    *, actor: Any, campaign: Campaign, expected_version: int, **fields: Any
) -> Campaign:
    """Change the fields HR may change in the campaign's status (``CAMPAIGN_UPDATABLE``).

    Any other field, and the status, is refused with the field named; nothing is written.
    """
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.version != expected_version:
        raise ConcurrentEdit(gettext("Кампания изменена другим пользователем; обновите страницу."))
    status = CampaignStatus(locked.status)
    for key in fields:
        if key == "status":
            raise ServiceError(
                gettext(
                    "Статус кампании не редактируется: он меняется объявлением, переходом к "
                    "оценке и решением комиссии."
                ),
                "status",
            )
        if key not in CAMPAIGN_FIELDS:
            raise ServiceError(
                gettext("Поле «%(field)s» кампании не редактируется.") % {"field": key}, key
            )
        if key not in CAMPAIGN_UPDATABLE[status]:
            raise ServiceError(
                gettext("Поле «%(field)s» нельзя изменить: кампания в статусе «%(status)s».")
                % {
                    "field": getattr(Campaign._meta.get_field(key), "verbose_name", key),
                    "status": status.label,
                },
                key,
            )
    if "events" in fields:
        _check_events(locked.regulation.load().regulation, fields["events"])
        from rezerv.selection.meetings import decision_date_problem

        dated = decision_date_problem(locked, locked.regulation.load().regulation, fields["events"])
        if dated is not None:
            raise ServiceError(dated[1], dated[0])
    if "announcement" in fields:
        fields["announcement"] = check_announcement(
            locked.regulation.load().regulation, fields["announcement"]
        )
    if "kind" in fields:
        fields["kind"] = _check_kind(locked.regulation.load().regulation, fields["kind"])
    _check_kind_has(
        locked.regulation.load().regulation,
        fields.get("kind", locked.kind),
        locked.position_id is not None,
        fields.get("vacancies"),
    )
    before = {k: getattr(locked, k) for k in fields}
    for key, value in fields.items():
        setattr(locked, key, value)
    locked.version += 1
    locked.save()
    audit(
        actor=actor,
        action="campaign.update",
        obj=locked,
        campaign=locked,
        changes={"before": before, "after": fields},
    )
    return locked


@transaction.atomic
def campaign_publish(*, actor: Any, campaign: Campaign, on: dt.date) -> Campaign:
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.status != CampaignStatus.DRAFT:
        raise ServiceError(gettext("Кампания уже объявлена."))
    missing = readiness.announcement_missing(locked)
    if missing:
        reg = locked.regulation.load().regulation
        raise ServiceError(
            gettext("В объявлении не заполнено: %(missing)s (%(rules)s).")
            % {
                "missing": ", ".join(f"«{f.title}»" for f in missing),
                "rules": ", ".join(reg.announcement.rules if reg.announcement else []),
            },
            missing[0].id,
        )
    locked = campaign_transition(
        actor=actor, campaign=locked, to=CampaignStatus.PUBLISHED, reason="campaign.publish"
    )
    # the event the regulation says the publication sets (events[].publication), if any
    event = locked.regulation.load().regulation.publication_event()
    if event is not None:
        locked.events = {**locked.events, event: on.isoformat()}
    locked.published_at = timezone.now()
    locked.save(update_fields=["events", "published_at"])
    audit(
        actor=actor,
        action="campaign.publish",
        obj=locked,
        campaign=locked,
        changes={"announcement": on},
    )
    return locked


# --------------------------------------------------------------------------- applications


def _new_code() -> str:
    return secrets.token_hex(3).upper()


@transaction.atomic
def application_submit(
    *,
    actor: Any,
    campaign: Campaign,
    person: Person,
    route: str,
    facts: dict[str, Any],
    consent_text: str,
    consent_given: bool,
    files: dict[str, UploadedFile[bytes]],
    now: dt.datetime | None = None,
) -> Application:
    """Submit an application with its documents; a second submit returns the first application.

    Refused without consent (C-4). Uploads are checked by content and size before anything is
    written; an error leaves nothing behind.
    """
    from rezerv.selection.intake import campaign_problem, submission_problems, word

    closed = campaign_problem(campaign)
    if closed is not None:
        raise ServiceError(word(closed))
    try:
        duties.check_may_apply(user=person.user, campaign=campaign)
    except duties.DutyConflict as exc:
        raise ServiceError(exc.message, exc.field) from exc
    moment = now or timezone.now()

    problems = [
        p
        for p in submission_problems(
            campaign,
            person=person,
            route=route,
            facts=facts,
            consent=consent_given,
            submitted_on=timezone.localtime(moment).date(),
            documents=list(files),
        )
        if p.blocks
    ]
    if problems:
        # the consent first, as the form asks it last; then what was given wrong; then what
        # is missing
        first = min(
            problems,
            key=lambda p: (p.code != "no_consent", p.params.get("problem") == "missing_required"),
        )
        raise ServiceError(word(first), first.field)
    checked = {}
    for doc_type, upload in files.items():
        checked[doc_type] = uploads.check_upload(upload, field=doc_type)
    existing = (
        Application.objects.select_for_update().filter(campaign=campaign, person=person).first()
    )
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            application = Application.objects.create(
                campaign=campaign,
                person=person,
                route=route,
                submitted_at=moment,
                facts=json.loads(json.dumps(facts, default=str)),
                consent_given_at=moment,
                consent_text=consent_text,
                code=_new_code(),
            )
            _keep_questionnaire_answers(actor, campaign, person, facts)
    except IntegrityError:
        return Application.objects.get(campaign=campaign, person=person)
    for doc_type, (upload, content_type, digest) in checked.items():
        Document.objects.create(
            application=application,
            doc_type=doc_type,
            file=upload,
            original_name=upload.name or doc_type,
            content_type=content_type,
            size=upload.size or 0,
            sha256=digest,
        )
    audit(
        actor=actor,
        action="application.submit",
        obj=application,
        campaign=campaign,
        changes={"documents": sorted(checked), "route": route},
    )
    return application


def _keep_questionnaire_answers(
    actor: Any, campaign: Campaign, person: Person, facts: dict[str, Any]
) -> None:
    """The answers to the regulation's questionnaire facts given with an application are kept
    in the questionnaire (``extra``), so the next application asks them pre-filled."""
    from rezerv.selection.selectors import questionnaire_questions

    asked = [f.id for f in questionnaire_questions(campaign.regulation.load().regulation)]
    answers = {k: facts[k] for k in asked if k in facts}
    if not answers:
        return
    q, _created = Questionnaire.objects.select_for_update().get_or_create(person=person)
    changed = sorted(k for k, v in answers.items() if q.extra.get(k) != v)
    if not changed:
        return
    q.extra = {**q.extra, **json.loads(json.dumps(answers, default=str))}
    q.version += 1
    q.save(update_fields=["extra", "version", "updated_at"])
    audit(
        actor=actor,
        action="questionnaire.update",
        obj=q,
        changes={"fields": changed, "version": q.version},
    )


@transaction.atomic
def application_decide(
    *,
    actor: Any,
    application: Application,
    admit: bool,
    refusal_text: str,
    expected_version: int,
    override_reason: str = "",
) -> Application:
    """Admit or refuse (C-2).  Admitting a candidate the engine refuses needs ``override_reason``,
    which the audit record keeps with the engine's reasons."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.version != expected_version:
        raise ConcurrentEdit(gettext("Заявление изменено другим пользователем; обновите страницу."))
    frozen.check_admission_open(locked)
    if not admit and not refusal_text.strip():
        raise ServiceError(
            gettext("Укажите причины отказа: кандидат получает их в письменной форме (C-2)."),
            "refusal_text",
        )
    refusals = _engine_refusals(locked) if admit else []
    if refusals and not override_reason.strip():
        raise ServiceError(
            gettext(
                "По регламенту кандидат не допускается: %(reasons)s. Допустить его можно только "
                "с обоснованием решения — укажите его; оно будет записано в журнал действий."
            )
            % {"reasons": "; ".join(wording.with_rules(r, gettext) for r in refusals)},
            "override_reason",
        )
    target = ApplicationStatus.ADMITTED if admit else ApplicationStatus.REFUSED
    if locked.status != target:  # the same decision again only corrects the reasons
        locked = application_transition(
            actor=actor, application=locked, to=target, reason="application.decide"
        )
    else:
        locked.version += 1
    locked.refusal_text = "" if admit else refusal_text.strip()
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["refusal_text", "decided_by", "decided_at", "version"])
    changes: dict[str, Any] = {"status": locked.status}
    if refusals:
        # the journal keeps the engine's reasons as the documents word them (in Russian)
        changes.update(
            engine_refusals=[wording.with_rules(r) for r in refusals],
            override_reason=override_reason.strip(),
        )
    audit(
        actor=actor,
        action="application.decide",
        obj=locked,
        campaign=locked.campaign,
        changes=changes,
    )
    from rezerv.notifications.events import application_decided  # the app above selection

    application_decided(application=locked, actor=actor)  # KM-6, AK-6: the candidate is told
    return locked


def _engine_refusals(application: Application) -> list[dict[str, Any]]:
    """The engine's reasons not to admit ``application`` (empty when it admits): codes with
    params and rules (``rezerv.engine.reasons``), or a text when the campaign cannot be
    evaluated."""
    try:
        _, result = evaluate_campaign(application.campaign)
    except InputError as exc:
        text = gettext("данные кампании не согласуются с регламентом: %(error)s") % {
            "error": vocabulary.data_problems(
                application.campaign.regulation.load().regulation, exc
            )
        }
        return [{"rules": [], "reason": text}]
    row = next((r for r in result["candidates"] if r["id"] == str(application.pk)), None)
    if row is None:
        return []
    return list(row["refusals"])


@transaction.atomic
def application_give_consent(*, actor: Any, application: Application, kind: str) -> Application:
    """A candidate's consent that the regulation declares (``consents``), e.g. to inclusion in
    the reserve (KM-18); an undeclared one is refused and nothing is written."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.campaign.regulation.load().regulation.consent_def(kind) is None:
        raise ServiceError(gettext("Регламент не предусматривает такого согласия."), "consent")
    consents = dict(locked.consents)
    consents[kind] = timezone.now().isoformat()
    locked.consents = consents
    locked.version += 1
    locked.save()
    audit(
        actor=actor,
        action="application.consent",
        obj=locked,
        campaign=locked.campaign,
        changes={"kind": kind},
    )
    return locked


@transaction.atomic
def application_record_facts(
    *, actor: Any, application: Application, facts: dict[str, Any]
) -> Application:
    """Facts the HR officer records on an application (``source: hr`` in the regulation)."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    reg = locked.campaign.regulation.load().regulation
    allowed = {f.id for f in reg.facts if f.source == "hr"}
    for key in facts:
        if key not in allowed:
            raise ServiceError(
                gettext("Сведения «%(fact)s» кадровая служба не вносит.") % {"fact": key}, key
            )
    check_fact_values(reg, facts)
    locked.facts = {**locked.facts, **json.loads(json.dumps(facts, default=str))}
    locked.version += 1
    locked.save()
    audit(
        actor=actor,
        action="application.facts",
        obj=locked,
        campaign=locked.campaign,
        changes=facts,
    )
    return locked


def application_current_fact(application: Application, fact: str) -> Any:
    """The value of a fact after the recorded changes (the last change wins)."""
    value = application.facts.get(fact)
    for change in application.fact_changes:
        if change["fact"] == fact:
            value = change["to"]
    return value


@transaction.atomic
def application_change_fact(
    *,
    actor: Any,
    application: Application,
    fact: str,
    value: Any,
    on: dt.date | None = None,
) -> Application:
    """A candidate changes a fact after submission, where the regulation allows it (TP-9).

    The change is dated and appended to the application's history (``fact_changes``); the facts
    as submitted stay as they were and the engine applies the history. A change the regulation's
    ``change_limits`` do not allow (too many, or after the event that closes changes) is refused
    with the rule and nothing is recorded.
    """
    locked = Application.objects.select_for_update().get(pk=application.pk)
    campaign = locked.campaign
    reg = campaign.regulation.load().regulation
    limit = next((c for c in reg.change_limits if c.fact == fact), None)
    titles = {f.id: f.title for f in reg.facts}
    title = titles.get(fact, fact)
    if limit is None:
        raise ServiceError(
            gettext("Сведения «%(fact)s» после подачи заявления не изменяются.") % {"fact": title},
            fact,
        )
    # the candidate reads it: the clause of the regulation, never a rule ID
    clause = reg.cite(limit.rules)
    cited = f" ({clause})" if clause else ""
    if locked.status in (ApplicationStatus.REFUSED, ApplicationStatus.WITHDRAWN):
        raise ServiceError(gettext("Заявление не рассматривается: изменить сведения нельзя."), fact)
    if isinstance(value, str):
        value = value.strip()
    if value in (None, "", []):
        raise ServiceError(gettext("Укажите новое значение: «%(fact)s».") % {"fact": title}, fact)
    current = application_current_fact(locked, fact)
    if value == current:
        raise ServiceError(
            gettext("«%(fact)s»: новое значение совпадает с текущим.") % {"fact": title}, fact
        )
    day = on or timezone.localdate()
    done = [c for c in locked.fact_changes if c["fact"] == fact]
    if len(done) >= limit.max_changes:
        raise ServiceError(
            gettext("%(requirement)s: изменение уже внесено %(date)s%(clause)s.")
            % {"requirement": limit.requirement, "date": done[-1]["date"], "clause": cited},
            fact,
        )
    closes = campaign.events.get(limit.not_after) if limit.not_after else None
    if closes is not None and day > dt.date.fromisoformat(closes):
        raise ServiceError(
            gettext("%(requirement)s: после %(date)s изменение не допускается%(clause)s.")
            % {
                "requirement": limit.requirement,
                "date": dt.date.fromisoformat(closes).strftime("%d.%m.%Y"),
                "clause": cited,
            },
            fact,
        )
    change = {
        "fact": fact,
        "date": day.isoformat(),
        "from": current,
        "to": value,
        "at": timezone.now().isoformat(),
    }
    locked.fact_changes = [*locked.fact_changes, change]
    locked.version += 1
    locked.save()
    audit(
        actor=actor,
        action="application.change_fact",
        obj=locked,
        campaign=campaign,
        changes={"fact": fact, "date": day, "from": current, "to": value},
    )
    return locked


# --------------------------------------------------------------------------- commissions


@transaction.atomic
def conflict_declare(
    *, actor: Any, member: CommissionMember, application: Application, reason: str
) -> ConflictDeclaration:
    if not reason.strip():
        raise ServiceError(gettext("Укажите основание конфликта интересов."), "reason")
    for stage_id in member.commission.stages:  # it voids the member's ballots and votes
        frozen.check_stage_open(application.campaign, stage_id, application=application)
    declaration, _ = ConflictDeclaration.objects.get_or_create(
        member=member, application=application, defaults={"reason": reason.strip()}
    )
    # The ballots the declaration voids are deleted; the audit record keeps what they held.
    ballots = Ballot.objects.select_for_update().filter(member=member, application=application)
    deleted = [
        {
            "stage": b.stage_id,
            "method": b.method_id,
            "points": b.points,
            "reason": b.reason,
            "version": b.version,
        }
        for b in ballots.order_by("stage_id", "method_id")
    ]
    ballots.delete()
    audit(
        actor=actor,
        action="conflict.declare",
        obj=declaration,
        campaign=application.campaign,
        changes={
            "application": application.pk,
            "member": member.pk,
            "reason": declaration.reason,
            "deleted_ballots": deleted,
        },
    )
    return declaration


def _stage_method(campaign: Campaign, stage_id: str, method_id: str) -> Any:
    reg = campaign.regulation.load().regulation
    stage = next((s for s in reg.stages if s.id == stage_id), None)
    if stage is None or method_id not in stage.methods:
        raise ServiceError(
            gettext("Метод «%(method)s» не относится к этапу «%(stage)s».")
            % {"method": method_id, "stage": stage_id}
        )
    method = reg.method(method_id)
    return reg, stage, method


def _worded(problems: list[Any]) -> str:
    """The engine's problems with entered points (``Issue``), worded in the user's language."""
    return "; ".join(wording_problems.problem(p, gettext) for p in problems)


def _decimalize(points: Any) -> Any:
    if points is None:
        return None
    if isinstance(points, (int, float, Decimal)):
        return Decimal(str(points))
    if isinstance(points, dict):
        return {
            k: (Decimal(str(v)) if isinstance(v, (int, float)) else v) for k, v in points.items()
        }
    return points


def points_for_storage(points: Any) -> Any:
    """Points as stored in JSON: decimals as exact strings (``Decimal("7.50")`` → ``"7.50"``)."""
    if isinstance(points, Decimal):
        return format(points, "f")
    if isinstance(points, dict):
        return {k: points_for_storage(v) for k, v in points.items()}
    return points


@transaction.atomic
def ballot_save(
    *,
    actor: Any,
    member: CommissionMember,
    application: Application,
    stage_id: str,
    method_id: str,
    points: Any,
    reason: str,
    expected_version: int | None,
) -> Ballot:
    """Save one member's ballot row. ``expected_version`` None creates; a stale version is refused."""
    campaign = application.campaign
    reg, _stage, method = _stage_method(campaign, stage_id, method_id)
    if member.commission.campaign_id != campaign.pk or stage_id not in member.commission.stages:
        raise ServiceError(gettext("Член комиссии не участвует в этом этапе."))
    frozen.check_stage_open(campaign, stage_id, application=application)
    if stage_id in campaign.closed_stages:
        raise ServiceError(gettext("Независимая оценка на этом этапе закрыта секретарём."))
    if application.status != ApplicationStatus.ADMITTED:
        raise ServiceError(gettext("Кандидат не допущен к участию."))
    from rezerv.selection.selectors import in_scope

    if not in_scope(member.commission, application):
        raise ServiceError(
            gettext("Кандидат не относится к территории, за которую отвечает комиссия.")
        )
    if ConflictDeclaration.objects.filter(member=member, application=application).exists():
        raise ServiceError(
            gettext("Заявлен конфликт интересов: член комиссии не оценивает этого кандидата.")
        )
    if method.kind != "ballot":
        raise ServiceError(
            gettext("Метод «%(method)s» не оценивается бюллетенями.") % {"method": method.title}
        )
    value = _decimalize(points)
    problems = validate_points(reg.sheet(method.sheet), value)
    if problems:
        raise ServiceError(_worded(problems), "points")
    stored = points_for_storage(value)
    ballot = (
        Ballot.objects.select_for_update()
        .filter(member=member, application=application, stage_id=stage_id, method_id=method_id)
        .first()
    )
    if ballot is None:
        if expected_version not in (None, 0):
            raise ConcurrentEdit(gettext("Бюллетень удалён; обновите страницу."))
        ballot = Ballot.objects.create(
            campaign=campaign,
            stage_id=stage_id,
            method_id=method_id,
            member=member,
            application=application,
            points=stored,
            reason=reason,
        )
        before = None
    else:
        if expected_version != ballot.version:
            raise ConcurrentEdit(
                gettext(
                    "Бюллетень изменён в другом окне или другим пользователем; обновите страницу."
                )
            )
        before = ballot.points
        ballot.points = stored
        ballot.reason = reason
        ballot.version += 1
        ballot.save()
    audit(
        actor=actor,
        action="ballot.save",
        obj=ballot,
        campaign=campaign,
        changes={"before": before, "after": stored, "method": method_id, "stage": stage_id},
    )
    return ballot


def result_check(
    *,
    campaign: Campaign,
    stage_id: str,
    method_id: str,
    correct: int | None = None,
    questions: int | None = None,
    passed: bool | None = None,
    points: Any = None,
) -> Any:
    """The checks of ``result_save``, without writing (the spreadsheet import uses them too).

    Returns the points as decimals; raises ``ServiceError`` naming the field.
    """
    reg, _stage, method = _stage_method(campaign, stage_id, method_id)
    value = _decimalize(points)
    if method.kind == "test":
        assert method.questions is not None
        if correct is None or questions is None:
            raise ServiceError(gettext("Укажите число вопросов и правильных ответов."), "correct")
        if not method.questions.min <= questions <= method.questions.max:
            raise ServiceError(
                gettext("В тесте должно быть от %(min)s до %(max)s вопросов (%(rules)s).")
                % {
                    "min": method.questions.min,
                    "max": method.questions.max,
                    "rules": ", ".join(method.rules),
                },
                "questions",
            )
        if not 0 <= correct <= questions:
            raise ServiceError(
                gettext("Правильных ответов не может быть больше, чем вопросов."), "correct"
            )
    elif method.kind == "single":
        problems = validate_points(reg.sheet(method.sheet), value)
        if problems or value is None:
            raise ServiceError(_worded(problems) or gettext("Укажите баллы."), "points")
    elif method.kind == "pass_fail" and passed is None:
        raise ServiceError(gettext("Укажите результат."), "passed")
    return value


@transaction.atomic
def result_save(
    *,
    actor: Any,
    application: Application,
    stage_id: str,
    method_id: str,
    correct: int | None = None,
    questions: int | None = None,
    passed: bool | None = None,
    points: Any = None,
    date: dt.date | None = None,
) -> Result:
    campaign = application.campaign
    frozen.check_stage_open(campaign, stage_id, application=application)
    value = result_check(
        campaign=campaign,
        stage_id=stage_id,
        method_id=method_id,
        correct=correct,
        questions=questions,
        passed=passed,
        points=points,
    )
    result, created = Result.objects.select_for_update().get_or_create(
        application=application,
        stage_id=stage_id,
        method_id=method_id,
        defaults={"recorded_by": actor},
    )
    before = {
        "correct": result.correct,
        "questions": result.questions,
        "passed": result.passed,
        "points": result.points,
    }
    result.correct, result.questions, result.passed = correct, questions, passed
    result.points = points_for_storage(value)
    result.date = date
    result.recorded_by = actor
    if not created:
        result.version += 1
    result.save()
    audit(
        actor=actor,
        action="result.save",
        obj=result,
        campaign=campaign,
        changes={"before": before, "created": created},
    )
    return result


@transaction.atomic
def scoring_close(*, actor: Any, campaign: Campaign, stage_id: str) -> Campaign:
    """The secretary closes independent scoring; members then see each other's scores."""
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if stage_id not in locked.closed_stages:
        locked.closed_stages = [*locked.closed_stages, stage_id]
        locked.version += 1
        locked.save()
    audit(
        actor=actor,
        action="scoring.close",
        obj=locked,
        campaign=locked,
        changes={"stage": stage_id},
    )
    return locked


# --------------------------------------------------------------------------- meetings and votes


@transaction.atomic
def meeting_schedule(
    *,
    actor: Any,
    campaign: Campaign,
    commission: Commission,
    stage_id: str,
    date: dt.date,
    place: str = "",
) -> Meeting:
    """A meeting of ``commission`` on a stage; the stage's decision event follows it.

    The meeting carries its commission and date (a territorial commission's decision date). The
    campaign-wide decision event is the meeting's date for a commission without a territory and,
    for territorial ones, the latest meeting of the stage: one oblast's meeting does not move
    the date another's has set back.
    """
    if commission.campaign_id != campaign.pk or stage_id not in commission.stages:
        raise ServiceError(
            gettext("Комиссия не работает на этом этапе кампании."), field="commission"
        )
    meeting = Meeting.objects.create(
        campaign=campaign, commission=commission, stage_id=stage_id, date=date, place=place
    )
    follow_decision_event(campaign, commission, stage_id, date)
    audit(
        actor=actor,
        action="meeting.schedule",
        obj=meeting,
        campaign=campaign,
        changes={"date": date, "commission": commission.pk},
    )
    return meeting


def follow_decision_event(
    campaign: Campaign, commission: Commission, stage_id: str, date: dt.date
) -> None:
    """The stage's decision event follows a meeting's date (scheduled or moved): the date for a
    commission without a territory, the latest meeting of the stage for territorial ones."""
    reg = campaign.regulation.load().regulation
    stage = reg.stage(stage_id)
    if stage.decision_event:
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        day = date
        if commission.scope:
            dates = (
                Meeting.objects.filter(campaign=locked, stage_id=stage_id, commission__scope__gt="")
                .exclude(status=MeetingStatus.CANCELLED)
                .values_list("date", flat=True)
            )
            day = max([date, *dates])
        locked.events = {**locked.events, stage.decision_event: day.isoformat()}
        locked.version += 1
        locked.save(update_fields=["events", "version"])


@transaction.atomic
def attendance_record(*, actor: Any, meeting: Meeting, present_ids: set[int]) -> None:
    from rezerv.selection.meetings import check_not_cancelled

    check_not_cancelled(meeting)
    frozen.check_stage_open(meeting.campaign, meeting.stage_id, commission=meeting.commission)
    members = list(meeting.commission.members.all())
    for member in members:
        Attendance.objects.update_or_create(
            meeting=meeting, member=member, defaults={"present": member.pk in present_ids}
        )
    audit(
        actor=actor,
        action="meeting.attendance",
        obj=meeting,
        campaign=meeting.campaign,
        changes={"present": sorted(present_ids)},
    )


def _check_meeting_valid(meeting: Meeting) -> None:
    try:
        _, result = evaluate_campaign(meeting.campaign)
    except InputError as exc:
        raise ServiceError(
            gettext("Данные кампании не согласуются с регламентом: %(error)s")
            % {
                "error": vocabulary.data_problems(
                    meeting.campaign.regulation.load().regulation, exc
                )
            }
        ) from exc
    check = next((m for m in result["meetings"] if m["id"] == str(meeting.pk)), None)
    if check is not None and not check["valid"]:
        reasons = "; ".join(wording.with_rules(r, gettext) for r in check["reasons"])
        raise ServiceError(
            gettext("Голосование не записано: заседание неправомочно — %(reasons)s.")
            % {"reasons": reasons}
        )


@transaction.atomic
def vote_record(
    *, actor: Any, meeting: Meeting, question: str, application: Application, votes: dict[int, str]
) -> None:
    """Record an open vote per member; only members present may vote, recused members may not.

    A territorial commission votes on the candidates of its territory only (AK-2); refused, with
    the engine's reasons, while the meeting is not quorate (the engine's meeting check: quorum,
    composition; KM-12).
    """
    from rezerv.selection.meetings import check_not_cancelled
    from rezerv.selection.selectors import in_scope

    check_not_cancelled(meeting)
    if not in_scope(meeting.commission, application):
        raise ServiceError(
            gettext("Кандидат не относится к территории, за которую отвечает комиссия."),
            "application",
        )
    frozen.check_stage_open(meeting.campaign, meeting.stage_id, application=application)
    _check_meeting_valid(meeting)
    present = set(
        Attendance.objects.filter(meeting=meeting, present=True).values_list("member_id", flat=True)
    )
    recused = set(
        ConflictDeclaration.objects.filter(application=application).values_list(
            "member_id", flat=True
        )
    )
    reg = meeting.campaign.regulation.load().regulation
    asked = {q.id: q for q in vocabulary.vote_questions(reg, meeting.stage_id)}
    if question not in asked:
        raise ServiceError(
            gettext("На этом этапе комиссия не голосует по такому вопросу."), "question"
        )
    allowed = asked[question].answers
    for member_id, value in votes.items():
        if member_id not in present:
            raise ServiceError(
                gettext("Голосуют только присутствующие члены комиссии."), f"vote_{member_id}"
            )
        if member_id in recused:
            raise ServiceError(
                gettext("Член комиссии с конфликтом интересов не голосует."), f"vote_{member_id}"
            )
        if value not in allowed:
            raise ServiceError(
                gettext("Выберите один из ответов: %(answers)s.")
                % {"answers": ", ".join(f"«{vocabulary.ANSWER_TITLES[a]}»" for a in allowed)},
                f"vote_{member_id}",
            )
    previous = Vote.objects.select_for_update().filter(
        meeting=meeting, question=question, application=application
    )
    # a vote recorded again replaces the previous one; the audit record keeps both
    before = {str(v.member_id): v.vote for v in previous.order_by("member_id")}
    previous.delete()
    for member_id, value in votes.items():
        Vote.objects.create(
            meeting=meeting,
            question=question,
            application=application,
            member_id=member_id,
            vote=value,
        )
    audit(
        actor=actor,
        action="vote.record",
        obj=meeting,
        campaign=meeting.campaign,
        changes={
            "question": question,
            "application": application.pk,
            "votes": votes,
            "before": before or None,
            "after": {str(k): v for k, v in sorted(votes.items())},
        },
    )


# --------------------------------------------------------------------------- decision


def build_case(campaign: Campaign) -> dict[str, Any]:
    """The engine case of a campaign, from recorded data (and only from it)."""
    from rezerv.selection.casebuild import case_from_campaign

    return case_from_campaign(campaign)


def evaluate_campaign(campaign: Campaign) -> tuple[dict[str, Any], dict[str, Any]]:
    """Evaluate the campaign as it stands; returns (inputs, result)."""
    loaded = campaign.regulation.load()
    inputs = build_case(campaign)
    raw = json.dumps(inputs, ensure_ascii=False).encode("utf-8")
    case = parse_case(raw, f"campaign {campaign.pk}")
    check_case(loaded.regulation, case, f"campaign {campaign.pk}")
    return inputs, evaluate(loaded, case, f"campaign {campaign.pk}")


def decision_make(**kwargs: Any) -> Decision:
    """The decision of a stage and commission (``rezerv.selection.decisions.decision_make``)."""
    from rezerv.selection.decisions import decision_make as make

    return make(**kwargs)


def input_digest(inputs: dict[str, Any]) -> str:
    return hashlib.sha256(
        json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


@transaction.atomic
def commission_create(
    *, actor: Any, campaign: Campaign, rule_id: str, name: str, stages: list[str], scope: str = ""
) -> Commission:
    reg = campaign.regulation.load().regulation
    if rule_id not in {c.id for c in reg.commissions}:
        raise ServiceError(
            gettext("В регламенте нет комиссии «%(rule)s».") % {"rule": rule_id}, "rule_id"
        )
    known = {s.id for s in reg.stages}
    unknown = [s for s in stages if s not in known]
    if unknown or not stages:
        raise ServiceError(gettext("Выберите этапы, на которых работает комиссия."), "stages")
    rule = next(c for c in reg.commissions if c.id == rule_id)
    if scope and not vocabulary.scope_known(reg, rule, scope):
        raise ServiceError(
            gettext("Комиссия «%(rule)s» не работает на этой территории.") % {"rule": rule.title},
            "scope",
        )
    commission = Commission.objects.create(
        campaign=campaign, rule_id=rule_id, name=name, stages=stages, scope=scope
    )
    audit(actor=actor, action="commission.create", obj=commission, campaign=campaign)
    return commission


@transaction.atomic
def commission_add_member(
    *,
    actor: Any,
    commission: Commission,
    user: Any,
    full_name: str,
    post: str = "",
    role: str = "member",
    civil_servant: bool = False,
    independent: bool = False,
    public_council: bool = False,
) -> CommissionMember:
    frozen.check_commission_open(commission)
    try:
        duties.check_composition_open(commission)
        duties.check_may_sit(actor=actor, commission=commission, user=user, role=role)
    except duties.DutyConflict as exc:
        raise ServiceError(exc.message, exc.field) from exc
    if CommissionMember.objects.filter(commission=commission, user=user).exists():
        raise ServiceError(gettext("Этот пользователь уже входит в состав комиссии."), "username")
    if role == "chair" and commission.members.filter(role="chair").exists():
        raise ServiceError(gettext("Председатель комиссии уже назначен."), "role")
    member = CommissionMember.objects.create(
        commission=commission,
        user=user,
        full_name=full_name,
        post=post,
        role=role,
        civil_servant=civil_servant,
        independent=independent,
        public_council=public_council,
    )
    withdrawn = duties.withdraw_approval(commission)
    audit(
        actor=actor,
        action="commission.member_add",
        obj=member,
        campaign=commission.campaign,
        changes={"role": role, **({"approval_withdrawn": True} if withdrawn else {})},
    )
    return member


@transaction.atomic
def commission_remove_member(*, actor: Any, member: CommissionMember) -> None:
    """Remove a member entered by mistake, while nothing depends on them: no ballot, vote,
    recorded attendance or declared conflict of interest, and no decision of the commission's
    stages in force (``selection.frozen``).  The audit record keeps who they were."""
    commission = member.commission
    frozen.check_commission_open(commission)
    locked = CommissionMember.objects.select_for_update().get(pk=member.pk)
    used = (
        Ballot.objects.filter(member=locked).exists()
        or Vote.objects.filter(member=locked).exists()
        or Attendance.objects.filter(member=locked).exists()
        or ConflictDeclaration.objects.filter(member=locked).exists()
    )
    if used:
        raise ServiceError(
            gettext(
                "Член комиссии «%(name)s» уже участвует в её работе (оценки, голоса, "
                "присутствие на заседании или самоотвод): исключить его из состава нельзя."
            )
            % {"name": locked.full_name}
        )
    before = {
        "full_name": locked.full_name,
        "role": locked.role,
        "post": locked.post,
        "civil_servant": locked.civil_servant,
        "independent": locked.independent,
        "public_council": locked.public_council,
    }
    withdrawn = duties.withdraw_approval(commission)
    audit(
        actor=actor,
        action="commission.member_remove",
        obj=locked,
        campaign=commission.campaign,
        changes={"before": before, **({"approval_withdrawn": True} if withdrawn else {})},
    )
    locked.delete()
