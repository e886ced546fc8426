"""A commission's meeting at the HR desk: attendance, the rating, the open votes, the decision.

Issue 14: the page costs O(page). The rating and the engine's check of the meeting come from
the result stored for the campaign's current inputs (``selection.result_cache``); the
candidates the votes are about are listed in the order of the stage's rating a page at a time
(``web.paging``), with their recorded votes read for that page only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from rezerv.engine.errors import InputError
from rezerv.selection import in_force, policy, result_cache, services, vocabulary
from rezerv.selection.meetings import decision_day_to_come, meeting_history
from rezerv.selection.models import (
    Application,
    Attendance,
    ConflictDeclaration,
    Meeting,
    Vote,
)
from rezerv.web.decision_forms import StageDecisionForm
from rezerv.web.paging import page_of
from rezerv.web.reauth import require_recent_password
from rezerv.web.views import _desk_campaign, _form_errors

PER_PAGE = 25  # candidates (and their vote forms) on one page


@login_required
def desk_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("campaign", "commission"), pk=pk)
    campaign = _desk_campaign(request, str(meeting.campaign.uid))
    reg = campaign.regulation.shown()
    stage = reg.stage(meeting.stage_id)
    members = list(meeting.commission.members.order_by("pk"))
    vote_error: dict[str, Any] | None = None
    if request.method == "POST" and "attendance" in request.POST:
        present = {int(v) for v in request.POST.getlist("present")}
        try:
            services.attendance_record(actor=request.user, meeting=meeting, present_ids=present)
        except services.ServiceError as exc:
            messages.error(request, exc.message)
        return redirect("desk_meeting", pk=pk)
    if request.method == "POST" and ("vote" in request.POST or "decide" in request.POST):
        # a vote record and a decision need the password entered recently (issue 13)
        refused = require_recent_password(request, back=request.get_full_path())
        if refused is not None:
            return refused
    if request.method == "POST" and "vote" in request.POST:
        application = get_object_or_404(
            Application, pk=request.POST.get("application"), campaign=campaign
        )
        question = request.POST.get("question", "")
        votes = {
            m.pk: request.POST.get(f"vote_{m.pk}", "")
            for m in members
            if request.POST.get(f"vote_{m.pk}")
        }
        try:
            services.vote_record(
                actor=request.user,
                meeting=meeting,
                question=question,
                application=application,
                votes=votes,
            )
        except services.ServiceError as exc:
            # shown in the vote's own form, with the votes as they were marked
            vote_error = {
                "application": application.pk,
                "question": question,
                "votes": votes,
                "message": exc.message,
                "member": next((m.pk for m in members if exc.field == f"vote_{m.pk}"), None),
            }
        else:
            return redirect(request.get_full_path())
    in_force_now = in_force.latest_in_force(
        campaign, stage_id=meeting.stage_id, commission=meeting.commission, with_inputs=False
    )
    decide_form = StageDecisionForm(
        request.POST if request.method == "POST" and "decide" in request.POST else None,
        initial={"expected": in_force_now.pk if in_force_now else 0},
    )
    if decide_form.is_bound and decide_form.is_valid():
        expected = decide_form.cleaned_data["expected"] or None
        try:
            decision = services.decision_make(
                actor=request.user,
                campaign=campaign,
                stage_id=meeting.stage_id,
                meeting=meeting,
                reason=decide_form.cleaned_data["reason"],
                expected_in_force=expected,
            )
        except services.ServiceError as exc:
            _form_errors(decide_form, exc)
        else:
            messages.success(request, gettext("Решение комиссии сформировано."))
            return redirect(reverse("desk_decision", args=[campaign.uid]) + f"?d={decision.pk}")
    attendance = {a.member_id: a.present for a in Attendance.objects.filter(meeting=meeting)}
    stored = None
    check = None
    try:
        stored = result_cache.stored_result(campaign)
        check = next(
            (m for m in stored.summary.get("meetings", []) if m["id"] == str(meeting.pk)), None
        )
    except InputError as exc:
        messages.error(
            request, vocabulary.data_problems(campaign.regulation.load().regulation, exc)
        )
    candidates = Application.objects.filter(policy.commission_scope(meeting.commission))
    page = page_of(
        request,
        result_cache.rated_for_stage(stored, meeting.stage_id, candidates.select_related("person"))
        if stored is not None
        else candidates.none(),
        per_page=PER_PAGE,
    )
    on_page = list(page.object_list)
    ids = [app.pk for app in on_page]
    verdicts = stored.rows_of(ids) if stored is not None else {}
    recorded_votes: dict[int, dict[tuple[str, int], str]] = {pk: {} for pk in ids}
    for v in Vote.objects.filter(meeting=meeting, application_id__in=ids):
        recorded_votes[v.application_id][(v.question, v.member_id)] = v.vote
    rated = []
    for app in on_page:
        row = verdicts.get(str(app.pk))
        if not row or meeting.stage_id not in row["stages"]:
            continue
        recorded = recorded_votes[app.pk]
        if vote_error is not None and vote_error["application"] == app.pk:
            question = vote_error["question"]
            recorded = {k: v for k, v in recorded.items() if k[0] != question}
            recorded.update({(question, m): v for m, v in vote_error["votes"].items()})
        rated.append(
            {"app": app, "row": row, "stage": row["stages"][meeting.stage_id], "recorded": recorded}
        )
    questions = [
        {
            "id": q.id,
            "title": q.title,
            "choices": vocabulary.answer_choices(q),
            "tie": q.id == stage.tie_vote,
        }
        for q in vocabulary.vote_questions(reg, meeting.stage_id)
    ]
    for r in rated:  # the tie question only for the candidates of a tie at a limit's cut
        r["questions"] = [
            q
            for q in questions
            if not q["tie"]
            or vocabulary.tie_question_for(r["stage"], any(k[0] == q["id"] for k in r["recorded"]))
        ]
    shown = {(r["app"].pk, q["id"]) for r in rated for q in r["questions"]}
    if vote_error is not None and (vote_error["application"], vote_error["question"]) not in shown:
        messages.error(request, vote_error["message"])  # no form of this vote on the page
    recused = set(
        ConflictDeclaration.objects.filter(application_id__in=ids).values_list(
            "member_id", "application_id"
        )
    )
    return render(
        request,
        "web/desk_meeting.html",
        {
            "meeting": meeting,
            "campaign": campaign,
            "stage": stage,
            "members": members,
            "attendance": attendance,
            "check": check,
            "rated": rated,
            "stored": stored,
            "page": page,
            "questions": questions,
            "recused": recused,
            "decide_form": decide_form,
            # issue 9 §4: no decision before the meeting's day, the form waits for it
            "decide_not_yet": decision_day_to_come(meeting),
            "in_force": in_force_now,
            "vote_error": vote_error,
            "history": meeting_history(meeting),
        },
    )
