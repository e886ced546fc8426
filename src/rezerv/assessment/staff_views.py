"""HR pages of the assessment: banks and their questions, test sessions, statistics."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from rezerv.assessment import importers, selectors, services
from rezerv.assessment.forms import BankForm, ImportForm, QuestionForm, SessionForm
from rezerv.assessment.models import Question, QuestionBank, TestSession
from rezerv.selection.models import Campaign, RegulationVersion
from rezerv.selection.policy import _staff
from rezerv.selection.services import ServiceError


def _codes() -> list[tuple[str, str]]:
    codes = sorted(set(RegulationVersion.objects.values_list("code", flat=True)))
    return [(c, c) for c in codes]


@login_required
def banks(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("assessment.view_banks"):
        raise PermissionDenied
    form = BankForm(request.POST or None, codes=_codes())
    if request.method == "POST" and form.is_valid():
        staff = _staff(request.user)
        bank = services.bank_save(
            actor=request.user,
            bank=None,
            body=staff.body if staff is not None else None,
            blueprint={},
            **form.cleaned_data,
        )
        return redirect("assessment_bank", pk=bank.pk)
    rows = selectors.banks_visible_to(request.user)
    return render(request, "assessment/banks.html", {"banks": rows, "form": form})


def _bank(request: HttpRequest, pk: int) -> QuestionBank:
    bank = get_object_or_404(QuestionBank, pk=pk)
    if not request.user.has_perm("assessment.manage_bank", bank):
        raise PermissionDenied
    return bank


def _blueprint(request: HttpRequest, topics: list[str]) -> tuple[dict[str, int], str]:
    out = {}
    for i, topic in enumerate(topics):
        raw = request.POST.get(f"topic_{i}", "0").strip() or "0"
        if not raw.isdigit():
            return {}, gettext("Тема «%(topic)s»: укажите целое число вопросов.") % {"topic": topic}
        out[topic] = int(raw)
    return out, ""


@login_required
def bank(request: HttpRequest, pk: int) -> HttpResponse:
    """The bank's questions (with their keys: staff only), its blueprint and the import."""
    found = _bank(request, pk)
    questions = list(found.questions.all())
    topics = sorted({q.topic for q in questions})
    errors: list[str] = []
    upload = ImportForm()
    if request.method == "POST" and "blueprint" in request.POST:
        blueprint, error = _blueprint(request, topics)
        if error:
            errors.append(error)
        else:
            services.bank_save(
                actor=request.user,
                bank=found,
                body=found.body,
                regulation_code=found.regulation_code,
                group=found.group,
                title=found.title,
                blueprint=blueprint,
            )
            messages.success(request, gettext("Структура теста сохранена."))
            return redirect("assessment_bank", pk=pk)
    elif request.method == "POST":
        upload = ImportForm(request.POST, request.FILES)
        if upload.is_valid():
            file = upload.cleaned_data["file"]
            data = file.read()
            reader = importers.read_xlsx if file.name.lower().endswith(".xlsx") else None
            found_rows, errors = (reader or importers.read_moodle_xml)(data)
            if not errors:
                count = services.questions_import(
                    actor=request.user, bank=found, questions=found_rows
                )
                messages.success(request, gettext("Загружено вопросов: %(n)s.") % {"n": count})
                return redirect("assessment_bank", pk=pk)
    per_topic = {t: sum(1 for q in questions if q.topic == t and q.active) for t in topics}
    rows = [
        {"index": i, "topic": t, "available": per_topic[t], "wanted": found.blueprint.get(t, 0)}
        for i, t in enumerate(topics)
    ]
    return render(
        request,
        "assessment/bank.html",
        {
            "bank": found,
            "questions": questions,
            "topics": rows,
            "errors": errors,
            "upload": upload,
            "xlsx_columns": importers.XLSX_COLUMNS,
        },
    )


@login_required
def question(request: HttpRequest, pk: int, qpk: int | None = None) -> HttpResponse:
    found = _bank(request, pk)
    current = get_object_or_404(Question, pk=qpk, bank=found) if qpk is not None else None
    initial: dict[str, Any] = {"active": True, "version": 0}
    if current is not None:
        initial = {
            "topic": current.topic,
            "text": current.text,
            "options": "\n".join(current.options),
            "correct": current.correct + 1,
            "active": current.active,
            "version": current.version,
        }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_save(
                actor=request.user,
                bank=found,
                question=current,
                data=form.data_of(),
                active=form.cleaned_data["active"],
                expected_version=form.cleaned_data.get("version"),
            )
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("Вопрос сохранён."))
            return redirect("assessment_bank", pk=pk)
    return render(
        request, "assessment/question.html", {"bank": found, "form": form, "question": current}
    )


def _campaign(request: HttpRequest, uid: str, permission: str) -> Campaign:
    campaign = get_object_or_404(Campaign.objects.select_related("regulation"), uid=uid)
    if not request.user.has_perm(permission, campaign):
        raise PermissionDenied
    return campaign


@login_required
def sessions(request: HttpRequest, uid: str) -> HttpResponse:
    """The campaign's test sessions; a new one for a stage's test method (by its kind)."""
    campaign = _campaign(request, uid, "assessment.manage_tests")
    pairs = services.test_methods(campaign)
    methods = [(f"{s.id}/{m.id}", f"{s.title}: {m.title}") for s, m in pairs]
    usable = selectors.banks_visible_to(request.user).filter(
        regulation_code=campaign.regulation.code
    ) | QuestionBank.objects.filter(regulation_code=campaign.regulation.code, body__isnull=True)
    form = SessionForm(request.POST or None, methods=methods, banks=usable.distinct())
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        stage_id, method_id = d["method"].split("/", 1)
        try:
            services.session_create(
                actor=request.user,
                campaign=campaign,
                stage_id=stage_id,
                method_id=method_id,
                bank=d["bank"],
                opens=d["opens"],
                closes=d["closes"],
                time_limit_minutes=d["time_limit_minutes"],
                attempts_allowed=d["attempts_allowed"] or None,
                practice=d["practice"],
            )
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, gettext("Тестирование назначено."))
            return redirect("assessment_sessions", uid=uid)
    titles = dict(methods)
    rows = [
        {"session": s, "title": titles.get(f"{s.stage_id}/{s.method_id}", s.method_id)}
        for s in TestSession.objects.filter(campaign=campaign).select_related("bank")
    ]
    return render(
        request,
        "assessment/sessions.html",
        {"campaign": campaign, "rows": rows, "form": form, "methods": methods},
    )


@login_required
def stats(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    """Per-question statistics of a session and the short note of its attempts (KM-13: codes,
    not names; correct answers, share, pass, points as the regulation scores them)."""
    campaign = _campaign(request, uid, "assessment.view_test_stats")
    session = get_object_or_404(TestSession, pk=pk, campaign=campaign)
    note_title, notes = selectors.session_note(session)
    return render(
        request,
        "assessment/stats.html",
        {
            "campaign": campaign,
            "session": session,
            "rows": selectors.session_stats(session),
            "note_title": note_title,
            "notes": notes,
            "manages": request.user.has_perm("assessment.manage_tests", campaign),
        },
    )
