"""Context pieces every procedure's forms share: the body, the position, the commission,
attendance and signature blocks, the stored decision."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from rezerv import wording
from rezerv.documents.names import FullName, name_forms, person_forms
from rezerv.documents.style import doc_date, num
from rezerv.engine.schema import Award, Regulation
from rezerv.selection import vocabulary
from rezerv.selection.in_force import latest_in_force
from rezerv.selection.models import Application, Campaign, CommissionMember, Decision
from rezerv.selection.vocabulary import announcement_place, classification_wording

VOTE_WORDS = {"for": "«за»", "against": "«против»", "abstain": "«воздержался»"}

# Signature blocks in the order of the seeds' forms (KM appendices 5 and 6): (group, one, many).
SIGNATURE_GROUPS = (
    ("chair", "Председатель {c}", "Председатель {c}"),
    ("deputy", "Заместитель председателя {c}", "Заместители председателя {c}"),
    ("secretary", "Секретарь {c}", "Секретарь {c}"),
    ("independent", "Независимый эксперт", "Независимые эксперты"),
    ("public_council", "Представитель общественного совета", "Представители общественного совета"),
    ("member", "Член {c}", "Другие члены {c}"),
)


def today_text() -> str:
    return doc_date(timezone.localdate())


def latest_decision(
    campaign: Campaign,
    *,
    stage_id: str | None = None,
    commission: Any = None,
    with_inputs: bool = True,
) -> Decision | None:
    """The campaign's latest decision in force — of one stage, of one commission, when asked
    (a superseded decision is never read); ``with_inputs=False`` leaves the inputs unread."""
    return latest_in_force(
        campaign, stage_id=stage_id, commission=commission, with_inputs=with_inputs
    )


def form_context(campaign: Campaign, title: str, *, footer_title: str = "") -> dict[str, Any]:
    """What every form reads: ``document``, ``body``, ``campaign`` and the ``footer``."""
    return {
        "document": {"title": title, "date": today_text()},
        "body": body_context(campaign),
        "campaign": campaign_context(campaign),
        "footer": f"{footer_title or title} · {campaign.body.name}",
    }


# The language tags of a document (``<html lang>`` and the PDF's /Lang; the DOCX's language).
DOCUMENT_LANGUAGE_TAGS = {"ru": "ru-RU", "kk": "kk-KZ"}


def languages_context(campaign: Campaign) -> dict[str, Any]:
    """The language keys of a form that has a Kazakh text (issue 15), chosen by the body
    (``StateBody.document_languages``): ``kazakh`` — issued in Kazakh and Russian, the Kazakh
    part first; ``document_language`` — the document's language, Kazakh for a bilingual one
    (its Russian parts are marked ``lang="ru"``), else Russian (the default of every form)."""
    kazakh = campaign.body.document_languages == "kk_ru"
    return {"kazakh": kazakh, "document_language": "kk" if kazakh else "ru"}


def salutation(forms: dict[str, Any]) -> str:
    """«Уважаемый Иван Иванович!» for a letter to the person of ``forms`` (``name_forms``)."""
    word = "Уважаемый" if forms["male"] else "Уважаемая" if forms["female"] else "Уважаемый(ая)"
    return f"{word} {forms['first_patronymic'] or forms['nominative']}!"


def body_context(campaign: Campaign) -> dict[str, Any]:
    return {"name": campaign.body.name}


def group_text(campaign: Campaign) -> str:
    """The position's classification as the regulation words it (its position facts'
    ``wording``: «старшая группа должностей категории «специалисты»»); empty when none."""
    position = campaign.position
    if position is None:
        return ""
    return classification_wording(campaign.regulation.load().regulation, position.facts or {})


def for_reserve(campaign: Campaign) -> bool:
    """Whether the campaign's kind fills the reserve (``campaign_kinds[].for_reserve``)."""
    kind = campaign.kind_declared()
    return kind is not None and kind.for_reserve


def reserve_outcomes(campaign: Campaign) -> set[str]:
    """The outcomes that enter the reserve in this campaign: the reserve's own and those its
    kind adds (``campaign_kinds[].reserve_outcomes``, e.g. the winners of KM's competition for
    the reserve)."""
    return vocabulary.reserve_outcomes(campaign.regulation.load().regulation, campaign.kind)


def campaign_context(campaign: Campaign) -> dict[str, Any]:
    position = campaign.position
    unit = position.unit.name if position is not None and position.unit is not None else ""
    title = position.title if position is not None else ""
    return {
        "title": campaign.title,
        "kind": campaign.kind,
        "kind_title": campaign.kind_title,
        "reserve": for_reserve(campaign),
        "position": title,
        "unit": unit,
        "position_full": f"{title}, {unit}" if title and unit else title,
        "group": group_text(campaign),
        "vacancies": campaign.vacancies,
        "venue": announcement_place(campaign.regulation.load().regulation, campaign.announcement),
        "regulation": campaign.regulation.title,
    }


def applications_by_id(campaign: Campaign) -> dict[str, Application]:
    return {str(a.pk): a for a in campaign.applications.select_related("person")}


def candidate_name(row_id: str, name: str, apps: dict[str, Application]) -> dict[str, Any]:
    """The forms of a candidate's name: from the person record (gender, parts) when there is one."""
    app = apps.get(row_id)
    if app is not None:
        return person_forms(app.person)
    return name_forms(name)


def signature_title(group: str, count: int, commission_word: str) -> str:
    for key, one, many in SIGNATURE_GROUPS:
        if key == group:
            return (one if count == 1 else many).format(c=commission_word)
    return group


def member_group(member: dict[str, Any]) -> str:
    role = member.get("role", "member")
    if role in ("chair", "deputy", "secretary"):
        return str(role)
    if member.get("independent"):
        return "independent"
    if member.get("public_council"):
        return "public_council"
    return "member"


def signature_rows(
    members: list[dict[str, Any]], commission_word: str = "конкурсной комиссии"
) -> list[dict[str, Any]]:
    """One row per member who signs: the group title on its first row, then the name.

    ``members``: dicts with ``name``, ``role``, ``independent``, ``public_council``.
    """
    rows: list[dict[str, Any]] = []
    for key, _one, _many in SIGNATURE_GROUPS:
        people = [m for m in members if member_group(m) == key]
        for i, member in enumerate(people):
            forms = name_forms(member["name"])
            rows.append(
                {
                    "title": signature_title(key, len(people), commission_word) if i == 0 else "",
                    "name": forms["nominative"],
                    "short": forms["short"],
                    "group": key,
                }
            )
    return rows


def commission_members(
    inputs: dict[str, Any], commission_id: str
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The commission's members as recorded in a decision's inputs, and their posts (live)."""
    commission: dict[str, Any] = next(
        (c for c in inputs.get("commissions", []) if c["id"] == commission_id),
        {"members": []},
    )
    members = list(commission["members"])
    posts = dict(
        CommissionMember.objects.filter(pk__in=[m["id"] for m in members]).values_list("pk", "post")
    )
    return members, {str(k): v for k, v in posts.items()}


def points_text(value: Any) -> tuple[str, str]:
    """(points, reason) of a ballot row: a number, ``{"points": …, "reason": …}``, criteria, None."""
    reason = ""
    if isinstance(value, dict) and "points" in value:
        reason = str(value.get("reason") or "")
        value = value["points"]
    if value is None:
        return "воздержался", reason
    if isinstance(value, dict):
        numbers = [v for v in value.values() if v is not None]
        if len(numbers) == 1:
            return num(numbers[0]), reason
        return "; ".join(f"{k}: {num(v)}" for k, v in value.items()), reason
    return num(value), reason


def member_name(member: CommissionMember) -> dict[str, Any]:
    return name_forms(FullName.parse(member.full_name))


def vote_awards(reg: Regulation, stage_id: str) -> dict[str, list[Award]]:
    """Per vote question of the stage, the awards it decides."""
    stage = next((s for s in reg.stages if s.id == stage_id), None)
    out: dict[str, list[Award]] = {}
    for award in stage.awards if stage else []:
        if award.vote:
            out.setdefault(award.vote, []).append(award)
    return out


def not_granted_lines(
    reg: Regulation, stage: Mapping[str, Any] | None, awards: list[Award]
) -> list[str]:
    """The engine's «not granted» lines of these awards, worded in Russian (the documents'
    language): «title: reason».  A line a stored result recorded as text, before reasons had
    codes, is matched by the title it begins with."""
    outcomes = {a.outcome for a in awards}
    prefixes = tuple(f"{reg.outcome_title(a.outcome)}: " for a in awards)
    lines = []
    for entry in (stage or {}).get("not_granted", []):
        if isinstance(entry, str):
            if prefixes and entry.startswith(prefixes):
                lines.append(entry)
        elif entry.get("outcome") in outcomes:
            lines.append(wording.not_granted(entry))
    return lines


def engine_refusals(application: Application) -> list[dict[str, Any]]:
    """The grounds for refusal the engine finds for the application: ``code``, ``params`` and
    ``rules`` (worded by ``rezerv.wording``)."""
    from rezerv.engine.case import check_case, parse_case
    from rezerv.engine.errors import InputError
    from rezerv.engine.evaluate import evaluate
    from rezerv.selection.casebuild import case_from_campaign
    from rezerv.selection.states import ApplicationStatus

    campaign = application.campaign
    loaded = campaign.regulation.load()
    case = case_from_campaign(
        campaign,
        statuses=(
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.ADMITTED,
            ApplicationStatus.REFUSED,
        ),
    )
    try:
        parsed = parse_case(json.dumps(case, ensure_ascii=False).encode(), "refusal")
        check_case(loaded.regulation, parsed, "refusal")
        result = evaluate(loaded, parsed, "refusal")
    except InputError:
        return []
    row = next((r for r in result["candidates"] if r["id"] == str(application.pk)), None)
    return list(row.get("refusals", [])) if row is not None else []


def letter_context(application: Application, title: str) -> dict[str, Any]:
    """What every letter to a candidate reads: the form's context, the addressee by case, the
    salutation and the application's code and submission date."""
    forms = person_forms(application.person)
    context = form_context(application.campaign, title)
    context.update(
        {
            "addressee": forms,
            "salutation": salutation(forms),
            "application": {
                "code": application.code,
                "submitted": doc_date(application.submitted_at),
            },
        }
    )
    return context
