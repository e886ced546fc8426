"""Views translate HTTP to service and selector calls; no business rules here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from rezerv.engine.methods import stage_methods
from rezerv.engine.schema import Regulation
from rezerv.notifications import confirmation
from rezerv.selection import (
    accounts,
    amendments,
    candidate_files,
    decision_rows,
    eventdates,
    in_force,
    policy,
    reads,
    regulations,
    selectors,
    services,
    vocabulary,
)
from rezerv.selection import commissions as commissions_service
from rezerv.selection.campaign_positions import position_titles, record_choices
from rezerv.selection.models import (
    Application,
    Campaign,
    CommissionMember,
    Decision,
    Person,
    Result,
)
from rezerv.selection.result_models import DecisionRow
from rezerv.selection.states import ApplicationStatus
from rezerv.web import decision_reopen, forms, login_security
from rezerv.web.paging import page_of


def _form_errors(form: Any, exc: services.ServiceError) -> None:
    field = exc.field
    key = None
    if field is not None:
        for candidate in (field, f"doc_{field}", f"fact_{field}"):
            if candidate in form.fields:
                key = candidate
                break
    form.add_error(key, exc.message)


# --------------------------------------------------------------------------- public


def home(request: HttpRequest) -> HttpResponse:
    campaigns = selectors.campaigns_open()
    return render(request, "web/home.html", {"campaigns": campaigns})


def announcement(request: HttpRequest, uid: str) -> HttpResponse:
    campaign = get_object_or_404(
        Campaign.objects.select_related("position", "body", "regulation"), uid=uid
    )
    if not request.user.has_perm("selection.view_campaign", campaign):
        raise PermissionDenied
    reg = campaign.regulation.shown()
    documents = []
    if reg.documents is not None:
        titles = {d.id: d.title for d in reg.documents.catalogue}
        for cl in reg.documents.checklists:
            documents.append(
                {
                    "id": cl.id,
                    "title": cl.title,
                    "required": [titles[d] for d in cl.required],
                    "optional": [titles[d] for d in cl.optional],
                }
            )
    position = selectors.position_facts(campaign)
    classification = vocabulary.position_classification(reg, position)
    stages = [
        {
            "title": s.title,
            "methods": [m.title for m in stage_methods(reg, s, position) if m.counts],
        }
        for s in reg.stages
    ]
    return render(
        request,
        "web/announcement.html",
        {
            "campaign": campaign,
            "classification": classification,
            "reg": reg,
            "documents": documents,
            "deadlines": selectors.campaign_deadlines(campaign),
            "stages": stages,
            "texts": vocabulary.announcement_texts(reg, campaign.announcement or {}),
            "amendments": amendments.amendments_of(campaign),
            "eligibility": reg.eligibility,
            # the posts candidates choose their target position from (issue 9 §2)
            "target_positions": list(campaign.target_positions.order_by("title", "pk")),
        },
    )


@sensitive_post_parameters()  # a password and personal data: never in an error report
def register(request: HttpRequest) -> HttpResponse:
    form = forms.RegistrationForm(request.POST or None)
    if request.method == "POST" and login_security.registration_throttled(request):
        form.is_valid()  # the form shown again as typed; nothing is created
        form.add_error(None, login_security.registration_refused_message())
        return render(request, "web/register.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = accounts.account_register(
            username=data["username"],
            password=data["password1"],
            email=data["email"],
            last_name=data["last_name"],
            first_name=data["first_name"],
            patronymic=data["patronymic"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, gettext("Учётная запись создана. Заполните анкету."))
        if confirmation.send(user, str(request.META.get("REMOTE_ADDR", ""))):
            messages.info(
                request,
                gettext("На указанный адрес отправлено письмо со ссылкой для его подтверждения."),
            )
        return redirect("questionnaire")
    return render(request, "web/register.html", {"form": form})


# --------------------------------------------------------------------------- candidate


def _person(request: HttpRequest) -> Person:
    person = selectors.person_of(request.user)
    if person is None:
        raise PermissionDenied
    return person


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    person = selectors.person_of(request.user)
    applications = selectors.applications_of(person) if person else []
    return render(request, "web/me.html", {"person": person, "applications": applications})


@sensitive_post_parameters()  # personal data: never in an error report
@login_required
def questionnaire(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    q = accounts.questionnaire_ensure(actor=request.user, person=person)
    person_form = forms.PersonForm(request.POST or None, instance=person, prefix="p")
    q_form = forms.QuestionnaireForm(
        request.POST or None, instance=q, prefix="q", initial={"version": q.version}
    )
    education = forms.EducationFormSet(
        request.POST or None, prefix="edu", initial=q.education or None
    )
    work = forms.WorkFormSet(request.POST or None, prefix="work", initial=q.work_history or None)
    valid = (
        all([person_form.is_valid(), q_form.is_valid(), education.is_valid(), work.is_valid()])
        if request.method == "POST"
        else False
    )
    if valid:
        answers = q_form.answers()
        answers["education"] = forms.formset_rows(education)
        answers["work_history"] = forms.formset_rows(work)
        try:
            accounts.questionnaire_update(
                actor=request.user,
                person=person,
                person_data={k: person_form.cleaned_data[k] for k in forms.PersonForm.Meta.fields},
                answers=answers,
                expected_version=q_form.cleaned_data["version"],
            )
        except services.ServiceError as exc:
            q_form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("Анкета сохранена."))
            return redirect("me")
    return render(
        request,
        "web/questionnaire.html",
        {"person_form": person_form, "q_form": q_form, "education": education, "work": work},
    )


@sensitive_post_parameters()  # personal data: never in an error report
@login_required
def apply(request: HttpRequest, uid: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, uid=uid)
    if not request.user.has_perm("selection.view_campaign", campaign):
        raise PermissionDenied  # a draft is not announced: as on the announcement page
    person = _person(request)
    existing = Application.objects.filter(campaign=campaign, person=person).first()
    if existing is not None:
        return redirect("application", uid=existing.uid)
    reg = campaign.regulation.shown()
    form = forms.ApplicationForm(
        request.POST or None,
        request.FILES or None,
        regulation=reg,
        consent_text=selectors.consent_text(reg),
        questionnaire_answers=selectors.questionnaire_facts(person, reg),
        positions=position_titles(campaign),
        choices=record_choices(campaign, reg),
    )
    if request.method == "POST" and form.is_valid():
        facts = selectors.questionnaire_facts(person, reg)
        facts.update(form.facts())
        try:
            application = services.application_submit(
                actor=request.user,
                campaign=campaign,
                person=person,
                route=form.cleaned_data.get("route", "default"),
                facts=facts,
                consent_text=selectors.consent_text(reg),
                consent_given=form.cleaned_data["consent"],
                files=form.files_by_type(),
            )
        except services.ServiceError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, gettext("Заявление подано."))
            return redirect("application", uid=application.uid)
    close = selectors.intake_close(campaign)
    return render(request, "web/apply.html", {"campaign": campaign, "form": form, "close": close})


def _documents(user: Any, application: Application) -> list[Any]:
    """The application's files the user may see, each with the title the regulation gives."""
    reg = application.campaign.regulation.shown()
    titles = {d.id: d.title for d in reg.documents.catalogue} if reg.documents else {}
    documents: list[Any] = list(policy.files_visible_to(user, application))
    for document in documents:
        document.title = titles.get(document.doc_type, document.doc_type)
    return documents


@login_required
def application_view(request: HttpRequest, uid: str) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.select_related("campaign", "person"), uid=uid
    )
    if not request.user.has_perm("selection.view_application", application):
        raise PermissionDenied
    reads.record(request.user, application, "web")
    # The decision in force of the commission covering the candidate.
    outcome = in_force.candidate_row(application)
    reg = application.campaign.regulation.shown()
    return render(
        request,
        "web/application.html",
        {
            # the consents the regulation's awards require (KM-18), each asked once
            "consents": vocabulary.consents_asked(reg, application.consents),
            "application": application,
            "documents": _documents(request.user, application),
            "outcome": outcome,
            "own": application.person.user_id == request.user.pk,
            "changeable": selectors.changeable_facts(application),
            "documents_open": candidate_files.documents_open(application),
            "intake_closes": candidate_files.intake_closes(application),
            "fix_window": candidate_files.fix_window(application),
            "catalogue": candidate_files.catalogue_titles(application),
            # 152-FZ: the candidate sees who read their data
            "reads": reads.reads_of(application)
            if application.person.user_id == request.user.pk
            else [],
        },
    )


@sensitive_post_parameters()  # personal data: never in an error report
@login_required
@require_POST
def application_change(request: HttpRequest, uid: str) -> HttpResponse:
    """The candidate changes a fact the regulation lets change (TP-9: the direction, once)."""
    application = get_object_or_404(Application, uid=uid)
    if not request.user.has_perm("selection.act_as_candidate", application):
        raise PermissionDenied
    try:
        services.application_change_fact(
            actor=request.user,
            application=application,
            fact=request.POST.get("fact", ""),
            value=request.POST.get("value", ""),
        )
    except services.ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("Изменение записано."))
    return redirect("application", uid=uid)


@login_required
@require_POST
def application_consent(request: HttpRequest, uid: str) -> HttpResponse:
    application = get_object_or_404(Application, uid=uid)
    if not request.user.has_perm("selection.act_as_candidate", application):
        raise PermissionDenied
    try:
        services.application_give_consent(
            actor=request.user, application=application, kind=request.POST.get("consent", "")
        )
    except services.ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("Согласие записано."))
    return redirect("application", uid=uid)


# --------------------------------------------------------------------------- HR desk


def _desk_campaign(request: HttpRequest, uid: str) -> Campaign:
    campaign = get_object_or_404(
        Campaign.objects.select_related("regulation", "position", "body"), uid=uid
    )
    if not request.user.has_perm("selection.manage_campaign", campaign):
        raise PermissionDenied
    return campaign


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("selection.create_campaign"):
        raise PermissionDenied
    return render(
        request, "web/desk.html", {"campaigns": policy.campaigns_managed_by(request.user)}
    )


@login_required
def desk_campaign_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("selection.create_campaign"):
        raise PermissionDenied
    # every code with a version in force today: the bundled files and the uploaded regulations
    codes = [(v.code, f"{v.code} — {v.title}") for v in regulations.campaign_choices()]
    # first the regulation; then its kinds and the position facts it declares (KM-10)
    code = request.POST.get("regulation_code") or request.GET.get("regulation_code") or ""
    reg = regulations.new_campaign_regulation(code) if code in dict(codes) else None
    if reg is None:
        choice = forms.RegulationChoiceForm(
            {"regulation_code": code} if code else None, codes=codes
        )
        if code:
            choice.is_valid()  # names the code that is not offered
        return render(request, "web/desk_campaign_new.html", {"choice": choice})
    form = forms.CampaignForm(
        request.POST or None, regulation=reg.translated(get_language()), code=code
    )
    staff = getattr(request.user, "staff", None)
    if request.method == "POST" and form.is_valid():
        if staff is None or staff.body is None:
            form.add_error(None, gettext("Учётная запись не привязана к государственному органу."))
        else:
            data = form.cleaned_data
            new_position = None
            if data.get("position_title"):
                new_position = {
                    "title": data["position_title"],
                    "facts": form.position_facts(),
                    "qualification_requirements": data["qualification_requirements"],
                }
            try:
                campaign = services.campaign_create(
                    actor=request.user,
                    regulation_code=data["regulation_code"],
                    body=staff.body,
                    new_position=new_position,
                    **form.campaign_fields(),
                )
            except services.ServiceError as exc:
                _form_errors(form, exc)
            else:
                return redirect("desk_campaign", uid=campaign.uid)
    return render(
        request,
        "web/desk_campaign_new.html",
        {"form": form, "regulation": dict(codes)[code]},
    )


@sensitive_post_parameters()  # personal data: never in an error report
@login_required
def desk_commissions(request: HttpRequest, uid: str) -> HttpResponse:
    """Form the commissions and their members."""
    campaign = _desk_campaign(request, uid)
    reg = campaign.regulation.shown()
    com_form = forms.CommissionForm(
        request.POST if "create" in request.POST else None, regulation=reg
    )
    target = request.POST.get("commission", "") if "add_member" in request.POST else ""
    member_form = forms.MemberForm(
        request.POST if target else None, auto_id=f"id_member{target}_%s"
    )
    if request.method == "POST" and "create" in request.POST and com_form.is_valid():
        try:
            services.commission_create(
                actor=request.user, campaign=campaign, **com_form.cleaned_data
            )
        except services.ServiceError as exc:
            _form_errors(com_form, exc)
        else:
            return redirect("desk_commissions", uid=uid)
    if request.method == "POST" and "add_member" in request.POST and member_form.is_valid():
        commission = get_object_or_404(campaign.commissions, pk=request.POST.get("commission"))
        data = dict(member_form.cleaned_data)
        user = User.objects.filter(username=data.pop("username")).first()
        if user is None:
            member_form.add_error("username", gettext("Пользователь с таким именем не найден."))
        else:
            try:
                services.commission_add_member(
                    actor=request.user, commission=commission, user=user, **data
                )
            except services.ServiceError as exc:
                _form_errors(member_form, exc)
            else:
                return redirect("desk_commissions", uid=uid)
    if request.method == "POST" and "remove_member" in request.POST:
        member = get_object_or_404(
            CommissionMember, pk=request.POST.get("member"), commission__campaign=campaign
        )
        try:
            services.commission_remove_member(actor=request.user, member=member)
        except services.ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                gettext("Член комиссии «%(name)s» исключён из её состава.")
                % {"name": member.full_name},
            )
        return redirect("desk_commissions", uid=uid)
    if request.method == "POST" and "approve" in request.POST:
        commission = get_object_or_404(campaign.commissions, pk=request.POST.get("commission"))
        try:
            commissions_service.commission_approve(actor=request.user, commission=commission)
        except services.ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                gettext("Состав комиссии «%(name)s» утверждён.") % {"name": commission.name},
            )
        return redirect("desk_commissions", uid=uid)
    commissions = selectors.commissions_for_reading(campaign)
    for com in commissions:
        # the typed member and its errors only in the card of the commission it was sent for;
        # each card's fields have ids of their own, so that each label names its own field
        own = str(com.pk) == target
        com.member_form = member_form if own else forms.MemberForm(auto_id=f"id_member{com.pk}_%s")
    return render(
        request,
        "web/desk_commissions.html",
        {"campaign": campaign, "commissions": commissions, "com_form": com_form},
    )


@login_required
@require_POST
def desk_publish(request: HttpRequest, uid: str) -> HttpResponse:
    campaign = _desk_campaign(request, uid)
    try:
        services.campaign_publish(actor=request.user, campaign=campaign, on=timezone.localdate())
    except services.ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("Объявление опубликовано."))
    return redirect("desk_campaign", uid=uid)


@login_required
def desk_results(request: HttpRequest, uid: str, stage_id: str, method_id: str) -> HttpResponse:
    """The HR officer records test results, pass/fail results and sheets entered once."""
    campaign = _desk_campaign(request, uid)
    reg = campaign.regulation.shown()
    stage = next((s for s in reg.stages if s.id == stage_id), None)
    if stage is None or method_id not in stage.methods:
        raise Http404(gettext("Нет такого этапа или метода оценки."))
    method = reg.method(method_id)
    admitted = list(
        campaign.applications.filter(status=ApplicationStatus.ADMITTED)
        .select_related("person")
        .order_by("pk")
    )
    existing = {
        r.application_id: r
        for r in Result.objects.filter(
            application__campaign=campaign, stage_id=stage_id, method_id=method_id
        )
    }
    errors: dict[int, str] = {}
    date_error = ""
    on = timezone.localdate()
    if request.method == "POST":
        try:
            on = dt.date.fromisoformat(request.POST.get("date", "") or on.isoformat())
        except ValueError:
            date_error = gettext("укажите дату в формате ГГГГ-ММ-ДД.")
        if on > timezone.localdate():
            date_error = gettext("не может быть позже сегодняшней.")
    if request.method == "POST" and not date_error:
        with transaction.atomic():  # one bad row: nothing of the table is stored
            for app in admitted:
                try:
                    entered = _result_entered(request.POST, f"a{app.pk}", method, reg)
                    if entered is None:
                        continue
                    services.result_save(
                        actor=request.user,
                        application=app,
                        stage_id=stage_id,
                        method_id=method_id,
                        date=on,
                        **entered,
                    )
                except (ValueError, services.ServiceError) as exc:
                    errors[app.pk] = getattr(exc, "message", gettext("Введите целые числа."))
            if errors:
                transaction.set_rollback(True)
        if not errors:
            messages.success(request, gettext("Результаты сохранены."))
            return redirect("desk_campaign", uid=uid)
    sheet = reg.sheet(method.sheet) if method.sheet else None
    rows = [
        {
            "app": a,
            "error": errors.get(a.pk),
            "values": _result_values(request, a, existing.get(a.pk), sheet),
        }
        for a in admitted
    ]
    return render(
        request,
        "web/desk_results.html",
        {
            "campaign": campaign,
            "method": method,
            "stage_id": stage_id,
            "rows": rows,
            "sheet": sheet,
            "on": on,
            "date_error": date_error,
        },
    )


def _result_entered(post: Any, key: str, method: Any, reg: Regulation) -> dict[str, Any] | None:
    """What the results table's row holds for one candidate, as ``result_save`` arguments
    (None: nothing entered); a malformed number raises ValueError."""
    if method.kind == "test":
        correct = post.get(f"{key}_correct", "").strip()
        questions = post.get(f"{key}_questions", "").strip()
        if not correct and not questions:
            return None
        return {"correct": int(correct), "questions": int(questions)}
    if method.kind == "pass_fail":
        value = post.get(f"{key}_passed", "")
        return None if value == "" else {"passed": value == "1"}
    points = {}
    for crit in reg.sheet(method.sheet or "").criteria:
        raw = post.get(f"{key}_{crit.id}", "").strip()
        if raw and not crit.derived:
            points[crit.id] = raw if crit.kind == "options" else float(raw.replace(",", "."))
    return {"points": points} if points else None


def _result_values(
    request: HttpRequest, app: Application, result: Result | None, sheet: Any
) -> dict[str, Any]:
    """What the results table shows for one row: as typed after an error, else as stored."""
    key = f"a{app.pk}"
    names = ["questions", "correct", "passed"]
    criteria = [c for c in sheet.criteria if not c.derived] if sheet is not None else []
    if request.method == "POST":
        values: dict[str, Any] = {n: request.POST.get(f"{key}_{n}", "") for n in names}
        cells = [(c, request.POST.get(f"{key}_{c.id}", "")) for c in criteria]
    else:
        points = result.points if result is not None and isinstance(result.points, dict) else {}
        values = {
            "questions": "" if result is None or result.questions is None else result.questions,
            "correct": "" if result is None or result.correct is None else result.correct,
            "passed": "" if result is None or result.passed is None else str(int(result.passed)),
        }
        cells = [(c, points.get(c.id, "")) for c in criteria]
    values["cells"] = [
        {"crit": c, "name": f"{key}_{c.id}", "value": "" if v is None else v} for c, v in cells
    ]
    return values


@login_required
@require_POST
def desk_close_scoring(request: HttpRequest, uid: str, stage_id: str) -> HttpResponse:
    campaign = _desk_campaign(request, uid)
    services.scoring_close(actor=request.user, campaign=campaign, stage_id=stage_id)
    messages.success(
        request, gettext("Независимая оценка закрыта: члены комиссии видят баллы друг друга.")
    )
    return redirect("desk_campaign", uid=uid)


@login_required
def desk_meeting_new(request: HttpRequest, uid: str, stage_id: str) -> HttpResponse:
    campaign = _desk_campaign(request, uid)
    serving = [c for c in campaign.commissions.order_by("pk") if stage_id in c.stages]
    if not serving:
        messages.error(request, gettext("Для этого этапа не сформирована комиссия."))
        return redirect("desk_campaign", uid=uid)
    error = None
    commission_error = None
    chosen = request.POST.get("commission") or request.GET.get("commission") or ""
    commission = (
        serving[0] if len(serving) == 1 else next((c for c in serving if str(c.pk) == chosen), None)
    )
    if request.method == "POST":
        try:
            date = dt.date.fromisoformat(request.POST.get("date", ""))
        except ValueError:
            date = None
            error = gettext("Укажите дату заседания.")
        else:
            assert date is not None  # parsed in the try above (mypy widens it to the except's None)
            reg = campaign.regulation.shown()
            error = eventdates.date_problem(reg, gettext("Дата заседания"), date)
        if commission is None:
            commission_error = gettext("Выберите комиссию, которая проводит заседание.")
        if date is not None and error is None and commission is not None:
            warnings = _schedule_checks(campaign, stage_id, date)
            meeting = services.meeting_schedule(
                actor=request.user,
                campaign=campaign,
                commission=commission,
                stage_id=stage_id,
                date=date,
                place=request.POST.get("place", ""),
            )
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("desk_meeting", pk=meeting.pk)
    return render(
        request,
        "web/desk_meeting_new.html",
        {
            "campaign": campaign,
            "stage_id": stage_id,
            "error": error,
            "commission_error": commission_error,
            "commissions": serving,
            "chosen": str(commission.pk) if commission else chosen,
        },
    )


def _schedule_checks(campaign: Campaign, stage_id: str, date: dt.date) -> list[str]:
    """Warnings from the regulation's calendar when a meeting is scheduled (KM-8, KM-11)."""
    out = []
    reg = campaign.regulation.shown()
    stage = reg.stage(stage_id)
    events = dict(campaign.events)
    if stage.decision_event:
        events[stage.decision_event] = date.isoformat()
    probe = Campaign(regulation=campaign.regulation, events=events)
    for row in selectors.campaign_deadlines(probe):
        if row.get("complies") is False:
            out.append(
                gettext("Срок нарушен: %(title)s (%(date)s; %(rules)s).")
                % {"title": row["title"], "date": row["date"], "rules": ", ".join(row["rules"])}
            )
        if row["date"] and row["limit"] == "latest" and row.get("governs") is None:
            day = dt.date.fromisoformat(str(row["date"]))
            if day < timezone.localdate() and stage.decision_event in (
                row.get("missing_event"),
                None,
            ):
                out.append(
                    gettext("Срок уже прошёл: %(title)s — %(date)s (%(rules)s).")
                    % {"title": row["title"], "date": row["date"], "rules": ", ".join(row["rules"])}
                )
    if stage.min_candidates is not None:
        admitted = campaign.applications.filter(status=ApplicationStatus.ADMITTED).count()
        if admitted < stage.min_candidates.n:
            out.append(
                gettext(
                    "Допущено кандидатов: %(admitted)s; процедуры проводятся при наличии не менее "
                    "%(minimum)s (%(rules)s)."
                )
                % {
                    "admitted": admitted,
                    "minimum": stage.min_candidates.n,
                    "rules": ", ".join(stage.min_candidates.rules),
                }
            )
    return out


@login_required
def desk_decision(request: HttpRequest, uid: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, uid=uid)
    if not request.user.has_perm("selection.view_decisions", campaign):
        raise PermissionDenied
    decisions: list[Any] = list(  # each with its stage_title (below)
        campaign.decisions.select_related(
            "commission", "meeting", "created_by", "superseded_by__created_by"
        ).defer("inputs", "result")
    )
    chosen = request.GET.get("d", "")
    picked = next((d for d in decisions if str(d.pk) == chosen), None)
    if picked is None:
        picked = next((d for d in decisions if d.in_force), None)
    if picked is None:
        messages.error(request, gettext("Решение ещё не принято."))
        return redirect("home")
    reg = campaign.regulation.shown()
    stage_titles = {st.id: st.title for st in reg.stages}
    for d in decisions:
        d.stage_title = stage_titles.get(d.stage_id, "")
    decision_rows.ensure([picked])
    # the decision's own figures without its candidates (issue 14: a page of them below)
    regulation, meetings = (
        Decision.objects.filter(pk=picked.pk)
        .values_list("result__regulation", "result__meetings")
        .get()
    )
    rows = DecisionRow.objects.filter(decision=picked, covered=True).order_by("position")
    page = page_of(request, rows.values_list("reading", flat=True))
    candidates = list(page.object_list)
    keys = (
        decision_rows.within_keys(reg, picked.stage_id) if picked.stage_id in stage_titles else []
    )
    for row in candidates:
        row["within"] = [
            vocabulary.fact_value_text(reg, k, v)
            for k, v in zip(keys, row.get("within") or [None] * len(keys), strict=False)
        ]
    groups = []
    for n, group in enumerate(vocabulary.outcome_groups(reg, picked.stage_id, {})):
        group["page"] = page_of(
            request,
            rows.filter(outcome=group["id"]).values_list("reading", flat=True),
            param=f"g{n + 1}",
        )
        group["candidates"] = list(group["page"].object_list)
        groups.append(group)
    facts = {f.id: f for f in reg.facts}
    return render(
        request,
        "web/decision.html",
        {
            "campaign": campaign,
            "decision": picked,
            "shown": picked,
            "decisions": decisions,
            "result": {"regulation": regulation or {}},
            "meetings": [
                m
                for m in meetings or []
                if picked.meeting_id is None or m.get("id") == str(picked.meeting_id)
            ],
            "candidates": candidates,
            "page": page,
            "within": [facts[k].title for k in keys],
            "groups": groups,
            "votes": [
                {
                    "candidate": row.get("name", row["id"]),
                    "question": vocabulary.question_title(reg, t["question"]),
                    "rows": t["rows"],
                    "totals": t["totals"],
                }
                for row in candidates
                for t in row.get("votes") or []
            ],
            "reopen_form": (
                decision_reopen.ReopenForm()
                if decision_reopen.can_reopen(request.user, picked)
                else None
            ),
        },
    )


# --------------------------------------------------------------------------- commission


@login_required
def commission_home(request: HttpRequest) -> HttpResponse:
    """The member's commissions, per campaign; each lists the scoring screens it acts in."""
    campaigns = []
    for campaign in policy.campaigns_scored_by(request.user):
        reg = campaign.regulation.shown()
        position = selectors.position_facts(campaign)
        seats = []
        for member in selectors.memberships(request.user, campaign):
            links = [
                {"stage": s, "method": m}
                for s in reg.stages
                if s.id in member.commission.stages
                for m in stage_methods(reg, s, position)
                if m.kind == "ballot"  # the other methods are entered by the secretary
            ]
            seats.append({"member": member, "commission": member.commission, "links": links})
        campaigns.append({"campaign": campaign, "seats": seats})
    return render(request, "web/commission.html", {"campaigns": campaigns})


def _member(request: HttpRequest, campaign: Campaign, stage_id: str) -> CommissionMember:
    """The seat the member acts in (``policy.seat_for_stage``, as for the API): the commission
    chosen on the commission screen (``?commission=``), or their only commission of the stage.
    A member of several who has not chosen raises ``policy.SeatChoiceNeeded``."""
    member = policy.seat_for_stage(request.user, campaign, stage_id, request.GET.get("commission"))
    if member is None:
        raise PermissionDenied
    return member


def login_redirect(request: HttpRequest) -> HttpResponse:
    """Send a user to the page of their role after login."""
    user = request.user
    if not user.is_authenticated:
        return redirect("login")
    if user.has_perm("selection.create_campaign"):
        return redirect("desk")
    if policy.campaigns_scored_by(user).exists():
        return redirect("commission")
    return redirect(reverse("me"))
