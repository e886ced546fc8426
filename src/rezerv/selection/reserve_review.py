"""The yearly review of the reserve (PK-9, BR-2 yearly update; PK-6, BR-3).

HR opens the review as a meeting of a campaign's commission (the regulation's
``reserve.review.commission`` rule), records who is present, then per member in the reserve the
members' votes on the regulation's question ("for" keeps the member).  Quorum and the count are
the engine's, as at any meeting (``engine.commission.check_meeting`` and ``tally``).  A member
the vote does not keep gets an exclusion ground of the regulation's list; the exclusion takes
effect when HR records the head's approval of the updated list (PK-6: by 1 April), and the
publication is recorded against its due day (BR-3: 10 working days).  Each write is one
transaction with its audit record; an approved review is frozen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext

from rezerv import wording
from rezerv.engine.case import Commission as EngineCommission
from rezerv.engine.case import Member as EngineMember
from rezerv.engine.commission import MeetingCheck, VoteOutcome, check_meeting, tally
from rezerv.engine.deadlines import in_year, make_calendar
from rezerv.engine.schema import Regulation
from rezerv.engine.schema import ReserveReview as ReviewRule
from rezerv.selection.models import Campaign, Commission, CommissionMember, ReserveEntry
from rezerv.selection.reserve_acts import record_exclusion
from rezerv.selection.reserve_review_models import (
    ReserveReview,
    ReserveReviewOutcome,
    ReserveReviewVote,
)
from rezerv.selection.services import ServiceError, audit

BASIS_MAX = 300
VOTES = ("for", "against", "abstain")


def _date(day: dt.date) -> str:
    return str(formats.date_format(day, "d.m.Y"))


def review_rule(reg: Regulation) -> ReviewRule | None:
    return reg.reserve.review if reg.reserve is not None else None


def _rule_of(campaign: Campaign) -> tuple[Regulation, ReviewRule]:
    reg = campaign.regulation.load().regulation
    rule = review_rule(reg)
    if rule is None:
        raise ServiceError(gettext("Регламент не предусматривает ежегодного рассмотрения резерва."))
    return reg, rule


def review_members(review: ReserveReview) -> list[ReserveEntry]:
    """The members the review decides on: those of the campaign in the reserve on its date
    (a decision in force, included, not excluded)."""
    return list(
        ReserveEntry.objects.filter(
            campaign_id=review.campaign_id,
            decision__superseded_at__isnull=True,
            included_on__lte=review.date,
        )
        .exclude(excluded_on__lte=review.date)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def review_commissions(campaign: Campaign) -> list[Commission]:
    """The campaign's commissions of the regulation's review rule."""
    reg = campaign.regulation.load().regulation
    rule = review_rule(reg)
    if rule is None:
        return []
    return list(campaign.commissions.filter(rule_id=rule.commission).order_by("pk"))


@transaction.atomic
def review_open(
    *,
    actor: Any,
    campaign: Campaign,
    commission: Commission,
    date: dt.date,
    place: str = "",
) -> ReserveReview:
    """Schedule the yearly review of ``campaign``'s reserve at a meeting of ``commission``."""
    _reg, rule = _rule_of(campaign)
    if commission.campaign_id != campaign.pk or commission.rule_id != rule.commission:
        raise ServiceError(
            gettext("Эта комиссия не рассматривает кадровый резерв кампании."), field="commission"
        )
    if not campaign.reserve_entries.filter(decision__superseded_at__isnull=True).exists():
        raise ServiceError(gettext("В резерве кампании никого нет: рассматривать некого."))
    if ReserveReview.objects.filter(campaign=campaign, approved_on__isnull=True).exists():
        raise ServiceError(
            gettext("Рассмотрение резерва уже назначено и ещё не утверждено."), field="date"
        )
    review = ReserveReview.objects.create(
        campaign=campaign,
        commission=commission,
        date=date,
        place=(place or "").strip()[:300],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(
        actor=actor,
        action="reserve.review_open",
        obj=review,
        campaign=campaign,
        changes={"date": date, "commission": commission.pk, "rules": list(rule.rules)},
    )
    return review


def _locked(review: ReserveReview, expected_version: int | None) -> ReserveReview:
    locked = (
        ReserveReview.objects.select_for_update()
        .select_related("campaign__regulation", "commission")
        .get(pk=review.pk)
    )
    if locked.approved_on is not None:
        raise ServiceError(
            gettext("Обновлённый состав резерва утверждён %(date)s: рассмотрение закрыто.")
            % {"date": _date(locked.approved_on)}
        )
    if expected_version is not None and locked.version != expected_version:
        raise ServiceError(
            gettext("Рассмотрение изменил другой пользователь. Обновите страницу и повторите.")
        )
    return locked


def _bump(review: ReserveReview, fields: list[str]) -> None:
    review.version += 1
    review.save(update_fields=[*fields, "version"])


@transaction.atomic
def review_attendance(
    *,
    actor: Any,
    review: ReserveReview,
    present_ids: set[int],
    expected_version: int | None = None,
) -> ReserveReview:
    locked = _locked(review, expected_version)
    if ReserveReviewVote.objects.filter(review=locked).exists():
        raise ServiceError(
            gettext("Голосование уже записано: присутствие на заседании не меняется.")
        )
    members = set(locked.commission.members.values_list("pk", flat=True))
    locked.present = sorted(present_ids & members)
    _bump(locked, ["present"])
    audit(
        actor=actor,
        action="reserve.review_attendance",
        obj=locked,
        campaign=locked.campaign,
        changes={"present": locked.present},
    )
    return locked


def _engine_commission(commission: Commission) -> EngineCommission:
    return EngineCommission(
        id=str(commission.pk),
        rule=commission.rule_id,
        stages=list(commission.stages),
        members=[
            EngineMember(
                id=str(m.pk),
                name=m.full_name,
                role=m.role,  # type: ignore[arg-type]
                civil_servant=m.civil_servant,
                independent=m.independent,
                public_council=m.public_council,
            )
            for m in commission.members.order_by("pk")
        ],
        scope=commission.scope or None,
    )


def meeting_check(review: ReserveReview) -> MeetingCheck:
    """Whether the review's meeting is quorate, as the engine checks any meeting."""
    reg, rule = _rule_of(review.campaign)
    commission_rule = reg.commission_rule(rule.commission)
    return check_meeting(
        commission_rule, _engine_commission(review.commission), [str(p) for p in review.present]
    )


def _chairs(commission: Commission) -> set[str]:
    return {str(pk) for pk in commission.members.filter(role="chair").values_list("pk", flat=True)}


@transaction.atomic
def review_vote(
    *,
    actor: Any,
    review: ReserveReview,
    entry: ReserveEntry,
    votes: dict[int, str],
    ground: str = "",
    expected_version: int | None = None,
) -> ReserveReviewOutcome:
    """Record the members' votes on keeping ``entry`` (PK-9: per member, keep or exclude).

    Only members present vote, with the answers the question allows; refused while the meeting
    is not quorate.  A member not kept needs a ground of the review's list (BR-21, PK-9).
    Recorded again, the votes and the outcome replace the previous ones (the audit keeps both).
    """
    locked = _locked(review, expected_version)
    reg, rule = _rule_of(locked.campaign)
    if entry.pk not in {e.pk for e in review_members(locked)}:
        raise ServiceError(gettext("Этот человек не состоит в резерве, который рассматривается."))
    check = meeting_check(locked)
    if not check.valid:
        reasons = "; ".join(wording.with_rules(r.as_json(), gettext) for r in check.reasons)
        raise ServiceError(
            gettext("Голосование не записано: заседание неправомочно — %(reasons)s.")
            % {"reasons": reasons}
        )
    question = reg.vote_question(rule.question)
    allowed = question.answers if question is not None else list(VOTES)
    present = set(locked.present)
    if not votes:
        raise ServiceError(gettext("Отметьте голоса присутствующих членов комиссии."))
    for member_id, value in votes.items():
        if member_id not in present:
            raise ServiceError(
                gettext("Голосуют только присутствующие члены комиссии."), f"vote_{member_id}"
            )
        if value not in allowed:
            raise ServiceError(
                gettext("Выберите один из предусмотренных ответов."), f"vote_{member_id}"
            )
    outcome: VoteOutcome = tally(
        reg.commission_rule(rule.commission),
        check.present,
        [(str(k), v) for k, v in votes.items()],
        _chairs(locked.commission),
    )
    grounds = allowed_grounds(reg)
    ground = (ground or "").strip()
    if outcome.adopted:
        ground = ""
    elif ground not in {g for g, _t in grounds}:
        raise ServiceError(
            gettext(
                "Комиссия не оставила члена резерва в составе резерва: выберите основание "
                "исключения из перечня регламента."
            ),
            field="ground",
        )
    previous = ReserveReviewVote.objects.filter(review=locked, entry=entry)
    before = {str(v.member_id): v.vote for v in previous.order_by("member_id")}
    previous.delete()
    ReserveReviewVote.objects.bulk_create(
        ReserveReviewVote(review=locked, entry=entry, member_id=k, vote=v)
        for k, v in sorted(votes.items())
    )
    row, _created = ReserveReviewOutcome.objects.update_or_create(
        review=locked,
        entry=entry,
        defaults={
            "keep": outcome.adopted,
            "ground": ground,
            "votes_for": outcome.votes_for,
            "against": outcome.against,
            "abstained": outcome.abstained,
            "casting_vote": outcome.casting_vote,
        },
    )
    _bump(locked, [])
    audit(
        actor=actor,
        action="reserve.review_vote",
        obj=locked,
        campaign=locked.campaign,
        changes={
            "entry": entry.pk,
            "before": before or None,
            "after": {str(k): v for k, v in sorted(votes.items())},
            "keep": outcome.adopted,
            "ground": ground,
            "rules": list(rule.rules),
        },
    )
    return row


def allowed_grounds(reg: Regulation) -> list[tuple[str, str]]:
    """The grounds a member not kept may be excluded on: the review's, else every ground."""
    rule = review_rule(reg)
    assert reg.reserve is not None and rule is not None
    named = set(rule.grounds)
    return [(g.id, g.title) for g in reg.reserve.exclusion_grounds if not named or g.id in named]


def approve_due(review: ReserveReview) -> dt.date | None:
    """The day the head approves the updated list by (PK-6: 1 April of the review's year)."""
    rule = review_rule(review.campaign.regulation.load().regulation)
    if rule is None or rule.approve_by is None:
        return None
    return in_year(review.date.year, rule.approve_by)


def publish_due(review: ReserveReview) -> dt.date | None:
    """The day the approved list is published by (BR-3: 10 working days after approval)."""
    reg = review.campaign.regulation.load().regulation
    rule = review_rule(reg)
    if rule is None or rule.publish_within is None or review.approved_on is None:
        return None
    if rule.publish_unit == "calendar":
        return review.approved_on + dt.timedelta(days=rule.publish_within)
    return make_calendar(reg).add_working_days(review.approved_on, rule.publish_within)


def _basis(text: str) -> str:
    value = (text or "").strip()
    if not value:
        raise ServiceError(
            gettext("Укажите распоряжение об утверждении (номер и дату)."), field="basis"
        )
    if len(value) > BASIS_MAX:
        raise ServiceError(gettext("Не более %(n)s знаков.") % {"n": BASIS_MAX}, field="basis")
    return value


@transaction.atomic
def review_approve(
    *,
    actor: Any,
    review: ReserveReview,
    on: dt.date,
    basis: str,
    today: dt.date,
    expected_version: int | None = None,
) -> ReserveReview:
    """The head approves the updated list (PK-6): every member decided on; the members not kept
    are excluded from ``on`` on their ground, each with its act and audit record; the review
    is frozen.  The approval after the regulation's day is recorded, and shown as late."""
    locked = _locked(review, expected_version)
    _reg, rule = _rule_of(locked.campaign)
    if on > today:
        raise ServiceError(
            gettext("Дата не может быть позже сегодняшнего дня (%(date)s).")
            % {"date": _date(today)},
            field="on",
        )
    if on < locked.date:
        raise ServiceError(
            gettext("Дата не может быть раньше заседания комиссии (%(date)s).")
            % {"date": _date(locked.date)},
            field="on",
        )
    text = _basis(basis)
    members = review_members(locked)
    outcomes = {o.entry_id: o for o in locked.outcomes.all()}
    missing = [e for e in members if e.pk not in outcomes]
    if missing:
        raise ServiceError(
            gettext("Комиссия ещё не приняла решение по всем членам резерва: осталось %(n)s.")
            % {"n": len(missing)}
        )
    excluded = []
    for entry in members:
        result = outcomes[entry.pk]
        if result.keep:
            continue
        locked_entry = ReserveEntry.objects.select_for_update().get(pk=entry.pk)
        if locked_entry.excluded_on is not None:
            continue  # excluded meanwhile on another ground
        record_exclusion(
            actor=actor,
            entry=locked_entry,
            ground_id=result.ground,
            on=on,
            basis=text,
            changes={"review": locked.pk},
        )
        excluded.append(entry.pk)
    locked.approved_on = on
    locked.approval_basis = text
    _bump(locked, ["approved_on", "approval_basis"])
    due = approve_due(locked)
    audit(
        actor=actor,
        action="reserve.review_approve",
        obj=locked,
        campaign=locked.campaign,
        changes={
            "date": on,
            "basis": text,
            "excluded": excluded,
            "due": due,
            "late": bool(due and on > due),
            "rules": list(rule.approve_rules),
        },
    )
    return locked


@transaction.atomic
def review_publish(
    *, actor: Any, review: ReserveReview, on: dt.date, today: dt.date
) -> ReserveReview:
    """Record the publication of the approved list (BR-3), against its due day."""
    locked = ReserveReview.objects.select_for_update().get(pk=review.pk)
    _reg, rule = _rule_of(locked.campaign)
    if locked.approved_on is None:
        raise ServiceError(gettext("Сначала запишите утверждение обновлённого состава резерва."))
    if locked.published_on is not None:
        raise ServiceError(
            gettext("Опубликование уже записано: %(date)s.") % {"date": _date(locked.published_on)}
        )
    if on > today or on < locked.approved_on:
        raise ServiceError(
            gettext("Дата опубликования — не раньше утверждения и не позже сегодняшнего дня."),
            field="on",
        )
    locked.published_on = on
    _bump(locked, ["published_on"])
    due = publish_due(locked)
    audit(
        actor=actor,
        action="reserve.review_publish",
        obj=locked,
        campaign=locked.campaign,
        changes={
            "date": on,
            "due": due,
            "late": bool(due and on > due),
            "rules": list(rule.publish_rules),
        },
    )
    return locked


# --------------------------------------------------------------------------- reads


@dataclass(frozen=True)
class ReviewRow:
    entry: ReserveEntry
    votes: dict[int, str]
    outcome: ReserveReviewOutcome | None
    ground_title: str


def review_rows(review: ReserveReview) -> list[ReviewRow]:
    reg = review.campaign.regulation.load().regulation
    titles = {g.id: g.title for g in (reg.reserve.exclusion_grounds if reg.reserve else [])}
    outcomes = {o.entry_id: o for o in review.outcomes.all()}
    votes: dict[int, dict[int, str]] = {}
    for v in review.votes.all():
        votes.setdefault(v.entry_id, {})[v.member_id] = v.vote
    if review.approved_on is not None:
        entries = list(
            ReserveEntry.objects.filter(pk__in=outcomes)
            .select_related("person")
            .order_by("person__last_name", "person__first_name", "pk")
        )
    else:
        entries = review_members(review)
    return [
        ReviewRow(
            e,
            votes.get(e.pk, {}),
            outcomes.get(e.pk),
            titles.get(outcomes[e.pk].ground, "") if e.pk in outcomes else "",
        )
        for e in entries
    ]


def present_members(review: ReserveReview) -> list[CommissionMember]:
    return list(review.commission.members.filter(pk__in=review.present).order_by("pk"))
