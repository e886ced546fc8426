"""The candidate's pages: the tests offered, taking one (answers saved as given), the result.

The page never holds the key. The time left comes from the server on every page and every
saved answer; the page's countdown only shows it.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from rezerv.assessment import selectors, services
from rezerv.assessment.models import Attempt, TestSession
from rezerv.selection.models import Application
from rezerv.selection.services import ConcurrentEdit, ServiceError


def _application(request: HttpRequest, uid: str) -> Application:
    application = get_object_or_404(Application.objects.select_related("campaign"), uid=uid)
    if not request.user.has_perm("selection.act_as_candidate", application):
        raise PermissionDenied
    return application


def _attempt(request: HttpRequest, uid: str, pk: int) -> Attempt:
    application = _application(request, uid)
    return get_object_or_404(
        Attempt.objects.select_related("session", "application"), pk=pk, application=application
    )


@login_required
def tests(request: HttpRequest, uid: str) -> HttpResponse:
    application = _application(request, uid)
    return render(
        request,
        "assessment/candidate_tests.html",
        {"application": application, "rows": selectors.sessions_for(application)},
    )


@login_required
@require_POST
def start(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    application = _application(request, uid)
    session = get_object_or_404(TestSession, pk=pk, campaign=application.campaign)
    try:
        attempt = services.attempt_start(
            actor=request.user, session=session, application=application
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("assessment_tests", uid=uid)
    return redirect("assessment_take", uid=uid, pk=attempt.pk)


def _save_form(request: HttpRequest, attempt: Attempt) -> list[str]:
    """The page without scripts: every changed answer of the form, each saved as one."""
    errors = []
    for shown in selectors.shown_questions(attempt):
        raw = request.POST.get(f"q{shown.pk}")
        if raw is None or not raw.isdigit() or int(raw) == shown.choice:
            continue
        version = request.POST.get(f"v{shown.pk}", "0")
        try:
            services.answer_save(
                actor=request.user,
                attempt=attempt,
                question_id=shown.pk,
                choice=int(raw),
                expected_version=int(version) if version.isdigit() else -1,
            )
        except ServiceError as exc:
            errors.append(
                gettext("Вопрос %(n)s: %(error)s") % {"n": shown.number, "error": exc.message}
            )
    return errors


@login_required
def take(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    attempt = services.close_if_over(_attempt(request, uid, pk))
    if request.method == "POST" and attempt.closed_at is None:
        errors = _save_form(request, attempt)
        for error in errors:
            messages.error(request, error)
        attempt = services.close_if_over(attempt)
        if "finish" in request.POST and not errors and attempt.closed_at is None:
            attempt = services.attempt_close(attempt=attempt, by="candidate")
        elif not errors:
            messages.success(request, gettext("Ответы сохранены."))
        return redirect("assessment_take", uid=uid, pk=pk)
    context = {
        "application": attempt.application,
        "attempt": attempt,
        "session": attempt.session,
        "left": services.seconds_left(attempt),
        "questions": [] if attempt.closed_at else selectors.shown_questions(attempt),
        "answered": attempt.answers.count(),
    }
    return render(request, "assessment/take.html", context)


@login_required
@require_POST
def answer(request: HttpRequest, uid: str, pk: int) -> JsonResponse:
    """One answer from the page's script: {question, choice, version} → the saved version and
    the seconds left by the server's clock; an error says why in the user's language."""
    attempt = _attempt(request, uid, pk)
    try:
        body = json.loads(request.body or b"{}")
        question, choice, version = int(body["question"]), int(body["choice"]), int(body["version"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": gettext("Неверный запрос.")}, status=400)
    try:
        saved = services.answer_save(
            actor=request.user,
            attempt=attempt,
            question_id=question,
            choice=choice,
            expected_version=version,
        )
    except ConcurrentEdit as exc:
        return JsonResponse({"error": exc.message}, status=409)
    except ServiceError as exc:
        attempt.refresh_from_db()
        status = 410 if attempt.closed_at else 400
        return JsonResponse(
            {"error": exc.message, "closed": bool(attempt.closed_at)}, status=status
        )
    return JsonResponse({"version": saved.version, "left": services.seconds_left(attempt)})
