"""The yearly review of the reserve (PK-9, BR-2; PK-6, BR-3): the list of reviews with a form
to schedule one, and a review's page — who is present (the quorum), the votes per member of the
reserve, the head's approval of the updated list and its publication, each against the
regulation's due day.  HR of the campaign's body and administrators; votes and the approval ask
for the password entered recently, as at any meeting (issue 13)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from rezerv import wording
from rezerv.selection import policy, services
from rezerv.selection.models import Commission, ReserveEntry
from rezerv.selection.reserve_review import (
    allowed_grounds,
    approve_due,
    meeting_check,
    present_members,
    publish_due,
    review_approve,
    review_attendance,
    review_members,
    review_open,
    review_publish,
    review_rows,
    review_rule,
    review_vote,
)
from rezerv.selection.reserve_review_models import ReserveReview
from rezerv.web.reauth import require_recent_password
from rezerv.web.reserve_review_forms import (
    ApprovalForm,
    AttendanceForm,
    PublicationForm,
    ReviewOpenForm,
    ReviewVoteForm,
)
from rezerv.web.reserve_views import Acts, run_acts
from rezerv.web.views import _form_errors


def _commissions(user: Any) -> list[Commission]:
    out = []
    campaigns = (
        policy.campaigns_managed_by(user)
        .filter(reserve_entries__decision__superseded_at__isnull=True)
        .distinct()
    )
    for campaign in campaigns.order_by("-pk"):
        rule = review_rule(campaign.regulation.load().regulation)
        if rule is None:
            continue
        out += list(campaign.commissions.filter(rule_id=rule.commission).order_by("pk"))
    return out


@login_required
def desk_reserve_reviews(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("selection.view_reserve"):
        raise PermissionDenied
    commissions = _commissions(request.user)
    choices = [(str(c.pk), f"{c.name} — {c.campaign.title}") for c in commissions]
    form = ReviewOpenForm(
        request.POST if request.method == "POST" else None,
        commissions=choices,
        initial={"date": timezone.localdate()},
    )
    if form.is_bound and form.is_valid():
        commission = next(c for c in commissions if str(c.pk) == form.cleaned_data["commission"])
        try:
            review = review_open(
                actor=request.user,
                campaign=commission.campaign,
                commission=commission,
                date=form.cleaned_data["date"],
                place=form.cleaned_data["place"],
            )
        except services.ServiceError as exc:
            _form_errors(form, exc)
        else:
            return redirect("desk_reserve_review", uid=review.uid)
    reviews = ReserveReview.objects.filter(
        campaign__in=policy.campaigns_managed_by(request.user).values("pk")
    ).select_related("campaign", "commission")
    return render(
        request,
        "web/reserve_reviews.html",
        {"form": form, "reviews": reviews, "can_open": bool(choices)},
    )


def _review(request: HttpRequest, uid: str) -> ReserveReview:
    review = get_object_or_404(
        ReserveReview.objects.select_related("campaign__regulation", "commission"), uid=uid
    )
    if not request.user.has_perm("selection.manage_campaign", review.campaign):
        raise PermissionDenied
    return review


@login_required
def desk_reserve_review(request: HttpRequest, uid: str) -> HttpResponse:
    review = _review(request, uid)
    today = timezone.localdate()
    reg = review.campaign.regulation.load().regulation
    rule = review_rule(reg)
    if rule is None:
        raise Http404  # the regulation in force of the campaign declares no review
    post = request.POST if request.method == "POST" else None
    if post is not None and ("vote" in post or "approve" in post):
        refused = require_recent_password(request, back=request.get_full_path())
        if refused is not None:
            return refused
    services.audit(
        actor=request.user, action="reserve.review_view", obj=review, campaign=review.campaign
    )
    members = list(review.commission.members.order_by("pk"))
    attendance = AttendanceForm(
        post if post is not None and "attendance" in post else None,
        members=[(str(m.pk), f"{m.full_name} ({m.get_role_display()})") for m in members],
        initial={"present": [str(p) for p in review.present]},
    )
    voters = [(m.pk, m.full_name) for m in present_members(review)]
    question = reg.vote_question(rule.question)
    answers: list[str] = [str(a) for a in question.answers] if question else ["for", "against"]
    grounds = allowed_grounds(reg)
    rows = review_rows(review)
    vote_entry = post.get("entry") if post is not None and "vote" in post else None
    vote_forms = {
        row.entry.pk: ReviewVoteForm(
            post if vote_entry == str(row.entry.pk) else None,
            entry_pk=row.entry.pk,
            voters=voters,
            answers=answers,
            grounds=grounds,
            initial={
                **{f"vote_{k}": v for k, v in row.votes.items()},
                "ground": row.outcome.ground if row.outcome else "",
            },
        )
        for row in rows
    }
    approve = ApprovalForm(
        post if post is not None and "approve" in post else None, initial={"on": today}
    )
    publish = PublicationForm(
        post if post is not None and "publish" in post else None, initial={"on": today}
    )
    acts: Acts = [
        (
            attendance,
            lambda d: review_attendance(
                actor=request.user,
                review=review,
                present_ids={int(p) for p in d["present"]},
            ),
            gettext("Присутствие записано."),
        ),
        (
            approve,
            lambda d: review_approve(
                actor=request.user, review=review, on=d["on"], basis=d["basis"], today=today
            ),
            gettext("Утверждение обновлённого состава резерва записано."),
        ),
        (
            publish,
            lambda d: review_publish(actor=request.user, review=review, on=d["on"], today=today),
            gettext("Опубликование записано."),
        ),
    ]
    if vote_entry is not None:
        entry = get_object_or_404(ReserveEntry, pk=vote_entry, campaign=review.campaign)
        form = vote_forms.get(entry.pk)
        if form is not None:
            acts.append(
                (
                    form,
                    lambda d: review_vote(
                        actor=request.user,
                        review=review,
                        entry=entry,
                        votes=form.votes(),
                        ground=d.get("ground", ""),
                    ),
                    gettext("Голосование записано."),
                )
            )
    if run_acts(request, acts):
        return redirect("desk_reserve_review", uid=uid)
    check = meeting_check(review)
    due_approve = approve_due(review)
    due_publish = publish_due(review)
    return render(
        request,
        "web/reserve_review.html",
        {
            "review": review,
            "rule": rule,
            "question": question,
            "check": check,
            "check_reasons": [wording.with_rules(r.as_json(), gettext) for r in check.reasons],
            "rows": [(row, vote_forms[row.entry.pk]) for row in rows],
            "pending": review.approved_on is None,
            "members_count": len(review_members(review)) if review.approved_on is None else 0,
            "attendance": attendance,
            "approve": approve,
            "publish": publish,
            "voters": voters,
            "due_approve": due_approve,
            "due_publish": due_publish,
            "approved_late": bool(
                due_approve and review.approved_on and review.approved_on > due_approve
            ),
            "published_late": bool(
                due_publish and review.published_on and review.published_on > due_publish
            ),
            "publishes": rule.publish_within is not None,
        },
    )
