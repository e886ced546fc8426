"""Who may do what on which object: one module for the web views, the API and the documents.

As pretalx does, the answer has two halves that are kept side by side here:

* ``rules`` predicates and permissions (``user.has_perm("selection.view_application", app)``)
  for one object;
* queryset scopers (``applications_visible_to(user, campaign)``) for lists, built from the same
  facts, so that a list never shows an object whose page is refused.

Roles: a candidate (owns applications), an HR officer / commission secretary (``Staff`` of the
campaign's state body), a commission member (chair, secretary, member, independent expert; only
through the commission that works on a stage), an administrator, the public.

How much of an application a viewer sees (``application_level``): ``FULL`` for the candidate,
the campaign's HR officers and administrators; ``MEMBER`` (name, no contact data, facts or file
names) and ``ANONYMOUS`` (the code only, where the regulation's score sheet is anonymous) for
commission members; ``None`` for everyone else.

Documents (``documents.download``) are checked on a reference with ``spec.audience``,
``subject`` and ``campaign`` (``rezerv.documents.access.DocumentRef``); this module does not
import the documents app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import rules
from django.db.models import Q, QuerySet

from rezerv.selection.models import (
    Application,
    Ballot,
    Campaign,
    CommissionMember,
    Decision,
    Document,
    Meeting,
    ReserveEntry,
    Result,
    StateBody,
)
from rezerv.selection.states import ANNOUNCED, ApplicationStatus

FULL = "full"
MEMBER = "member"
ANONYMOUS = "anonymous"


# --------------------------------------------------------------------------- who the user is


def authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _staff(user: Any) -> Any:
    if not authenticated(user):
        return None
    return getattr(user, "staff", None)


def campaign_of(obj: Any) -> Campaign | None:
    """The campaign an object belongs to (a campaign, an application, a member, a document…)."""
    if isinstance(obj, Campaign):
        return obj
    if isinstance(obj, Application | Ballot | Meeting | Decision):
        return obj.campaign
    if isinstance(obj, CommissionMember):
        return obj.commission.campaign
    if isinstance(obj, Result | Document):
        return obj.application.campaign
    found = getattr(obj, "campaign", None)
    return found if isinstance(found, Campaign) else None


def memberships_of(user: Any, campaign: Campaign | None = None) -> list[CommissionMember]:
    """The user's seats on commissions (of one campaign, or of every campaign)."""
    if not authenticated(user):
        return []
    rows = CommissionMember.objects.filter(user=user).select_related(
        "commission__campaign__regulation"
    )
    if campaign is not None:
        rows = rows.filter(commission__campaign=campaign)
    return list(rows.order_by("pk"))


class SeatChoiceNeeded(Exception):
    """The user sits on several commissions of the stage and has not chosen one (issue 8,
    item 3); ``seats`` are the ones to choose from, in commission order."""

    def __init__(self, seats: list[CommissionMember]) -> None:
        super().__init__(f"{len(seats)} seats to choose from")
        self.seats = seats


def seat_for_stage(
    user: Any,
    campaign: Campaign,
    stage_id: str | None,
    commission: Any = None,
    memberships: list[CommissionMember] | None = None,
) -> CommissionMember | None:
    """The seat through which the user acts on ``stage_id`` (on any stage when None): the one
    for the web's scoring screen, the API's ballots and the documents alike.

    A member acts on a stage only through a commission that works on it; a seat on another
    commission of the campaign does not apply.  ``commission``: the commission the user chose
    (its id; the web's ``?commission=``, the API's ``commission``): their seat on it, or None
    when they do not sit on it for this stage.  Without a choice: the only seat of the stage,
    None when there is none, and :class:`SeatChoiceNeeded` when there are several (AK: a
    member of two oblast commissions chooses which one they act in; never the first one).
    """
    rows = memberships if memberships is not None else memberships_of(user, campaign)
    seats = sorted(
        (
            m
            for m in rows
            if m.commission.campaign_id == campaign.pk
            and (stage_id is None or stage_id in m.commission.stages)
        ),
        key=lambda m: m.commission_id,
    )
    if commission not in (None, ""):
        return next((m for m in seats if str(m.commission_id) == str(commission)), None)
    if len(seats) > 1:
        raise SeatChoiceNeeded(seats)
    return seats[0] if seats else None


def in_scope(commission: Any, application: Application) -> bool:
    """Whether a territorial commission covers the candidate (AK-2: one commission per oblast).

    A commission without a scope, or whose regulation rule has none, covers everyone.
    """
    fact = _scope_fact(commission)
    if fact is None:
        return True
    return bool(application.facts.get(fact) == commission.scope)


def _scope_fact(commission: Any) -> str | None:
    """The fact a commission's territory is compared with, or None (it covers everyone)."""
    if not commission.scope:
        return None
    reg = commission.campaign.regulation.load().regulation
    rule = next((c for c in reg.commissions if c.id == commission.rule_id), None)
    if rule is None or rule.scope is None:
        return None
    return str(rule.scope)


def _member_scope(member: CommissionMember) -> Q:
    """The applications a seat covers: admitted ones of its campaign within its territory."""
    return commission_scope(member.commission)


def commission_scope(commission: Any) -> Q:
    """The applications a commission covers: admitted ones of its campaign within its
    territory (``in_scope`` as a filter)."""
    q = Q(campaign_id=commission.campaign_id, status=ApplicationStatus.ADMITTED)
    fact = _scope_fact(commission)
    if fact is not None:
        q &= Q(**{f"facts__{fact}": commission.scope})
    return q


# --------------------------------------------------------------------------- predicates


@rules.predicate
def is_admin(user: Any) -> bool:
    staff = _staff(user)
    return bool(
        authenticated(user)
        and (getattr(user, "is_superuser", False) or (staff is not None and staff.role == "admin"))
    )


@rules.predicate
def is_hr(user: Any) -> bool:
    staff = _staff(user)
    return staff is not None and staff.role == "hr" and staff.body_id is not None


@rules.predicate
def is_hr_of(user: Any, obj: Any) -> bool:
    staff = _staff(user)
    campaign = campaign_of(obj)
    return (
        staff is not None
        and staff.role == "hr"
        and campaign is not None
        and staff.body_id is not None
        and staff.body_id == campaign.body_id
    )


manages = is_admin | is_hr_of


@rules.predicate
def manages_body(user: Any, obj: Any) -> bool:
    """Administrators; HR of the body ``obj`` (a vacancy) belongs to."""
    if is_admin(user):
        return True
    staff = _staff(user)
    return (
        staff is not None
        and staff.role == "hr"
        and staff.body_id is not None
        and staff.body_id == getattr(obj, "body_id", None)
    )


@rules.predicate
def manages_state_body(user: Any, obj: Any) -> bool:
    """Administrators; HR of the state body ``obj`` itself (its settings, issue 15)."""
    if is_admin(user):
        return True
    staff = _staff(user)
    return (
        staff is not None
        and staff.role == "hr"
        and isinstance(obj, StateBody)
        and staff.body_id is not None
        and staff.body_id == obj.pk
    )


@rules.predicate
def owns_reserve_entry(user: Any, obj: Any) -> bool:
    """The member themself: the person of the reserve entry is the user's."""
    person = getattr(getattr(obj, "person", None), "user_id", None)
    return authenticated(user) and person is not None and person == user.pk


@rules.predicate
def is_member_of(user: Any, obj: Any) -> bool:
    campaign = campaign_of(obj)
    if campaign is None or not authenticated(user):
        return False
    return CommissionMember.objects.filter(commission__campaign=campaign, user=user).exists()


@rules.predicate
def is_chair_of(user: Any, obj: Any) -> bool:
    campaign = campaign_of(obj)
    if campaign is None or not authenticated(user):
        return False
    return CommissionMember.objects.filter(
        commission__campaign=campaign, user=user, role="chair"
    ).exists()


@rules.predicate
def owns_application(user: Any, obj: Any) -> bool:
    application = obj.application if isinstance(obj, Document) else obj
    if not isinstance(application, Application) or not authenticated(user):
        return False
    return bool(application.person.user_id == user.pk)


@rules.predicate
def admitted_application(user: Any, obj: Any) -> bool:
    return isinstance(obj, Application) and obj.status == ApplicationStatus.ADMITTED


@rules.predicate
def covered_by_members_commission(user: Any, obj: Any) -> bool:
    """An admitted application within the territory of a commission the user sits on."""
    if not isinstance(obj, Application) or obj.status != ApplicationStatus.ADMITTED:
        return False
    return any(in_scope(m.commission, obj) for m in memberships_of(user, obj.campaign))


def _covering_seats(user: Any, application: Application) -> list[CommissionMember]:
    """The user's seats on commissions that examine the application: it is admitted and the
    commission works on a stage of the campaign and covers the candidate's territory (AK-2)."""
    if application.status != ApplicationStatus.ADMITTED:
        return []
    return [
        m
        for m in memberships_of(user, application.campaign)
        if m.commission.stages and in_scope(m.commission, application)
    ]


@rules.predicate
def examines_upload(user: Any, obj: Any) -> bool:
    """A member of a commission examining the application, for its files in force (KM-14: the
    materials are sent to the members before the meeting); a replaced file is not theirs."""
    if not isinstance(obj, Document) or obj.superseded_at is not None:
        return False
    return bool(_covering_seats(user, obj.application))


@rules.predicate
def manages_upload(user: Any, obj: Any) -> bool:
    return isinstance(obj, Document) and bool(manages(user, obj.application.campaign))


@rules.predicate
def announced(user: Any, obj: Any) -> bool:
    campaign = campaign_of(obj)
    return campaign is not None and campaign.status in ANNOUNCED


@rules.predicate
def owns_ballot(user: Any, obj: Any) -> bool:
    return isinstance(obj, Ballot) and authenticated(user) and bool(obj.member.user_id == user.pk)


# Documents: ``ref`` has ``spec.audience``, ``subject`` and ``campaign``.


@rules.predicate
def manages_document(user: Any, ref: Any) -> bool:
    return bool(manages(user, ref.campaign))


@rules.predicate
def member_audience(user: Any, ref: Any) -> bool:
    return "member" in ref.spec.audience and bool(is_member_of(user, ref.campaign))


@rules.predicate
def own_ballot_document(user: Any, ref: Any) -> bool:
    return (
        "member_own" in ref.spec.audience
        and isinstance(ref.subject, CommissionMember)
        and authenticated(user)
        and ref.subject.user_id == user.pk
    )


@rules.predicate
def own_letter(user: Any, ref: Any) -> bool:
    return "candidate_own" in ref.spec.audience and bool(owns_application(user, ref.subject))


# --------------------------------------------------------------------------- permissions

PERMISSIONS: dict[str, Any] = {
    # campaigns
    "selection.view_campaign": announced | manages,
    "selection.create_campaign": is_admin | is_hr,
    "selection.manage_campaign": manages,
    "selection.view_campaign_desk": manages,
    "selection.view_audit": manages,
    "selection.view_results": manages,
    "selection.score_campaign": is_member_of,
    # the decisions, the campaign's documents page: HR, administrators, commission members
    "selection.view_decisions": manages | is_member_of,
    # applications
    "selection.view_application": owns_application | manages | covered_by_members_commission,
    "selection.view_application_files": owns_application | manages,
    "selection.act_as_candidate": owns_application,
    # a file uploaded with an application: the candidate, HR, the examining commission's members
    "selection.open_upload": owns_application | manages_upload | examines_upload,
    # ballots: one's own, changed only by oneself
    "selection.change_ballot": owns_ballot,
    # documents
    "documents.download": manages_document | member_audience | own_ballot_document | own_letter,
    "documents.manage_templates": is_admin,
    # regulations: uploading a file and putting it in force changes every new campaign of every
    # state body, so only administrators do it (issue 9)
    "selection.manage_regulations": is_admin,
    # the reserve registry (issue 10): HR of a body (its campaigns' members), administrators (all)
    "selection.view_reserve": is_admin | is_hr,
    "selection.manage_reserve_member": manages,
    # a vacancy filled from the reserve (BR-20): HR of its body, administrators
    "selection.manage_vacancy": manages_body,
    # a state body's settings (the languages it issues its forms in, issue 15): its HR officers
    # and administrators; the list shows the bodies one manages (bodies_managed_by)
    "selection.view_bodies": is_admin | is_hr,
    "selection.manage_body": manages_state_body,
    # one's own development plan (BR-19): the member reports on it
    "selection.report_on_plan": owns_reserve_entry,
    # notifications (issue 12): a campaign's delivery log for its HR; the failed background
    # jobs and the texts of the messages for administrators
    "notifications.view_delivery_log": manages,
    "notifications.view_failed_jobs": is_admin,
    "notifications.edit_message_templates": is_admin,
    # the deadline board: across the campaigns one manages, and per campaign
    "notifications.view_deadline_board": is_admin | is_hr,
    "notifications.view_deadlines": manages,
    # retention (C-7): the acts of destruction, listed for HR (their bodies') and
    # administrators (all); the documents returned to a candidate, recorded by its HR
    "documents.view_retention_acts": is_admin | is_hr,
    "documents.view_retention_act": manages,
    "documents.return_documents": manages,
}

for _name, _predicate in PERMISSIONS.items():
    rules.set_perm(_name, _predicate)


def allowed(user: Any, permission: str, obj: Any = None) -> bool:
    """``user.has_perm`` without the authentication backends (anonymous users included)."""
    return bool(rules.has_perm(permission, user, obj))


# --------------------------------------------------------------------------- scopers


def campaigns_managed_by(user: Any) -> QuerySet[Campaign]:
    """Every campaign for an administrator; the campaigns of their body for an HR officer."""
    if is_admin(user):
        return Campaign.objects.all().select_related("body", "regulation")
    staff = _staff(user)
    if staff is None or staff.role != "hr" or staff.body_id is None:
        return Campaign.objects.none()
    return Campaign.objects.filter(body_id=staff.body_id).select_related("body", "regulation")


def reserve_visible_to(user: Any) -> QuerySet[ReserveEntry]:
    """The reserve entries of the decisions in force of the campaigns the user manages (those
    of a superseded decision ended with it)."""
    return ReserveEntry.objects.filter(
        campaign__in=campaigns_managed_by(user).values("pk"),
        decision__superseded_at__isnull=True,
    )


def bodies_managed_by(user: Any) -> QuerySet[StateBody]:
    """Every body for an administrator; their own body for an HR officer."""
    if is_admin(user):
        return StateBody.objects.all()
    staff = _staff(user)
    if staff is None or staff.role != "hr" or staff.body_id is None:
        return StateBody.objects.none()
    return StateBody.objects.filter(pk=staff.body_id)


def campaigns_scored_by(user: Any) -> QuerySet[Campaign]:
    """The campaigns on whose commissions the user sits."""
    if not authenticated(user):
        return Campaign.objects.none()
    return (
        Campaign.objects.filter(commissions__members__user=user)
        .distinct()
        .select_related("body", "regulation")
    )


def campaigns_visible_to(user: Any) -> QuerySet[Campaign]:
    """Announced campaigns for everyone; drafts only for those who manage them."""
    visible = Q(status__in=ANNOUNCED)
    if authenticated(user):
        visible |= Q(pk__in=campaigns_managed_by(user).values("pk"))
    return Campaign.objects.filter(visible).select_related("body", "position", "regulation")


def applications_visible_to(
    user: Any, campaign: Campaign | None = None, memberships: list[CommissionMember] | None = None
) -> QuerySet[Application]:
    """One's own applications; every application of the campaigns one manages; the admitted
    applications a commission member's seats cover (their territory, AK-2)."""
    if not authenticated(user):
        return Application.objects.none()
    scope = Q(person__user=user) | Q(campaign__in=campaigns_managed_by(user).values("pk"))
    seats = memberships if memberships is not None else memberships_of(user)
    for member in seats:
        scope |= _member_scope(member)
    qs = Application.objects.filter(scope)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs.select_related("campaign__regulation", "campaign__body", "person")


def applications_scored_by(member: CommissionMember) -> QuerySet[Application]:
    """The applications one seat scores: admitted, within its commission's territory."""
    return Application.objects.filter(_member_scope(member)).select_related("person", "campaign")


def ballots_visible_to(
    user: Any, campaign: Campaign | None = None, memberships: list[CommissionMember] | None = None
) -> QuerySet[Ballot]:
    """Own ballots; the ballots of the member's own commission once the stage's independent
    scoring is closed; every ballot of the campaigns one manages."""
    if not authenticated(user):
        return Ballot.objects.none()
    scope = Q(member__user=user) | Q(campaign__in=campaigns_managed_by(user).values("pk"))
    seats = memberships if memberships is not None else memberships_of(user)
    for m in seats:
        closed = list(m.commission.campaign.closed_stages)
        if closed:
            scope |= Q(member__commission_id=m.commission_id, stage_id__in=closed)
    qs = Ballot.objects.filter(scope)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs.select_related("campaign__regulation", "application__campaign", "member")


def results_visible_to(user: Any, campaign: Campaign | None = None) -> QuerySet[Result]:
    """Test results and sheets entered once: for those who manage the campaign."""
    qs = Result.objects.filter(application__campaign__in=campaigns_managed_by(user).values("pk"))
    if campaign is not None:
        qs = qs.filter(application__campaign=campaign)
    return qs.select_related("application__campaign")


def decisions_visible_to(user: Any, campaign: Campaign) -> QuerySet[Decision]:
    if not allowed(user, "selection.view_decisions", campaign):
        return Decision.objects.none()
    return campaign.decisions.all()


def files_visible_to(user: Any, application: Application) -> QuerySet[Document]:
    """The files uploaded with an application: every one (replaced ones too) for the candidate
    and those who manage it; the files in force for the members of a commission examining it
    (the same facts as ``selection.open_upload``)."""
    if allowed(user, "selection.view_application_files", application):
        return application.documents.order_by("pk")
    if _covering_seats(user, application):
        return application.documents.filter(superseded_at__isnull=True).order_by("pk")
    return Document.objects.none()


# --------------------------------------------------------------------------- what a viewer sees


def anonymous_for(
    campaign: Campaign, memberships: list[CommissionMember], method_id: str | None
) -> bool:
    """A member sees codes, not names, where the regulation's sheet is anonymous (KM-22, KM-23).

    A named method decides only if it is a method of a stage the member's commissions work
    on (as on the scoring screen); otherwise the member sees codes if any sheet of those
    stages is anonymous.
    """
    reg = campaign.regulation.load().regulation
    methods = {m.id: m for m in reg.methods}
    stages = {
        s
        for m in memberships
        if m.commission.campaign_id == campaign.pk
        for s in m.commission.stages
    }
    own = [mid for st in reg.stages if st.id in stages for mid in st.methods if mid in methods]
    chosen = [methods[method_id]] if method_id in own else [methods[mid] for mid in own]
    return any(m.sheet is not None and reg.sheet(m.sheet).anonymous for m in chosen)


def application_level(
    user: Any,
    application: Application,
    method_id: str | None = None,
    memberships: list[CommissionMember] | None = None,
) -> str | None:
    """``FULL``, ``MEMBER``, ``ANONYMOUS`` or None (the application is not visible at all)."""
    if not authenticated(user):
        return None
    campaign = application.campaign
    if owns_application(user, application) or manages(user, campaign):
        return FULL
    seats = memberships if memberships is not None else memberships_of(user, campaign)
    covering = [
        m
        for m in seats
        if m.commission.campaign_id == campaign.pk
        and application.status == ApplicationStatus.ADMITTED
        and in_scope(m.commission, application)
    ]
    if not covering:
        return None
    return ANONYMOUS if anonymous_for(campaign, covering, method_id) else MEMBER


@dataclass
class Viewer:
    """One user's scope, with their commission seats read once (per request)."""

    user: Any
    memberships: list[CommissionMember] = field(default_factory=list)

    @classmethod
    def of(cls, user: Any) -> Viewer:
        return cls(user=user, memberships=memberships_of(user))

    @property
    def is_staff(self) -> bool:
        return bool(allowed(self.user, "selection.create_campaign"))

    def manages(self, campaign: Campaign) -> bool:
        return bool(manages(self.user, campaign))

    def seat_for_stage(
        self, campaign: Campaign, stage_id: str | None, commission: Any = None
    ) -> CommissionMember | None:
        return seat_for_stage(self.user, campaign, stage_id, commission, self.memberships)

    def application_level(self, application: Application, method_id: str | None = None) -> str:
        level = application_level(self.user, application, method_id, self.memberships)
        return level or ANONYMOUS  # a list never holds an invisible application; be safe

    def campaigns(self) -> QuerySet[Campaign]:
        return campaigns_visible_to(self.user)

    def applications(self) -> QuerySet[Application]:
        return applications_visible_to(self.user, memberships=self.memberships)

    def ballots(self) -> QuerySet[Ballot]:
        return ballots_visible_to(self.user, memberships=self.memberships)

    def results(self) -> QuerySet[Result]:
        return results_visible_to(self.user)
