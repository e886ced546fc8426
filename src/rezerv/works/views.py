"""Written works in the browser: the candidate's page (check, submit), the scorers' list (codes
for anonymous works until the stage's scoring is closed, similarity flags), the file."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from rezerv.selection import reads
from rezerv.selection.models import Application, Campaign
from rezerv.selection.services import ServiceError
from rezerv.works import limits, selectors, services
from rezerv.works.due import Due, works_due
from rezerv.works.measures import WORD_RULE, Measures
from rezerv.works.models import Work
from rezerv.works.strip import stripped


def _own(request: HttpRequest, uid: str) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("campaign__regulation"), uid=uid
    )
    if not request.user.has_perm("selection.act_as_candidate", application):
        raise PermissionDenied
    return application


def _row(application: Application, due: Due) -> dict[str, Any]:
    current = Work.objects.filter(
        application=application,
        stage_id=due.stage.id,
        method_id=due.method.id,
        superseded_at__isnull=True,
    ).first()
    topics = ""
    if due.work.topics_from:
        topics = str(application.campaign.announcement.get(due.work.topics_from, ""))
    notes = (
        limits.notes(Measures.from_json(current.measures), due.work) if current is not None else []
    )
    return {
        "due": due,
        "key": f"{due.stage.id}-{due.method.id}",
        "current": current,
        "current_notes": notes,
        "topics": topics,
        "open": due.open_on(timezone.localdate()),
        "reasons": [],
        "notes": [],
        "checked": False,
        "topic": current.topic if current is not None else "",
        "text": "",
    }


@login_required
def candidate_works(request: HttpRequest, uid: str) -> HttpResponse:
    """The works the application owes: typed or uploaded, checked, then submitted."""
    application = _own(request, uid)
    rows = [_row(application, due) for due in works_due(application.campaign)]
    if request.method == "POST":
        key = request.POST.get("work", "")
        row = next((r for r in rows if r["key"] == key), None)
        if row is None:
            raise PermissionDenied
        due: Due = row["due"]
        text = request.POST.get("text", "")
        upload = request.FILES.get("file")
        row["text"] = text
        row["topic"] = request.POST.get("topic", "")
        if upload is None and not text.strip():
            row["reasons"] = [gettext("Введите текст работы или выберите файл.")]
        elif request.POST.get("action") == "submit":
            try:
                services.submit(
                    actor=request.user,
                    application=application,
                    stage_id=due.stage.id,
                    method_id=due.method.id,
                    topic=row["topic"],
                    text="" if upload is not None else text,
                    upload=upload,
                )
            except services.WorkRefused as exc:
                row["reasons"] = exc.reasons
            except ServiceError as exc:
                row["reasons"] = [exc.message]
            else:
                messages.success(request, gettext("Работа принята."))
                return redirect("works_candidate", uid=uid)
        else:
            try:
                checked = services.check(
                    due, text="" if upload is not None else text, upload=upload
                )
            except services.WorkRefused as exc:
                row["reasons"] = exc.reasons
            except ServiceError as exc:
                row["reasons"] = [exc.message]
            else:
                row["reasons"], row["notes"], row["checked"] = checked.reasons, checked.notes, True
    return render(
        request,
        "works/candidate.html",
        {"application": application, "rows": rows, "word_rule": WORD_RULE},
    )


@login_required
def works_list(request: HttpRequest, uid: str, stage_id: str, method_id: str) -> HttpResponse:
    """A stage's works of one method for its scorers and managers, with similarity flags."""
    campaign = get_object_or_404(Campaign.objects.select_related("regulation"), uid=uid)
    reg = campaign.regulation.load().regulation
    stage = next((s for s in reg.stages if s.id == stage_id), None)
    method = next((m for m in reg.methods if m.id == method_id), None)
    if stage is None or method is None or method.work is None or method_id not in stage.methods:
        raise PermissionDenied
    view = selectors.scope(request.user, campaign, stage_id)
    names = selectors.names_shown(view, campaign, stage_id, method)
    works = selectors.works_in_force(view.applications, stage_id, method_id)
    visible = {w.pk for w in works}
    rows = []
    for work in works:
        measures = Measures.from_json(work.measures)
        rows.append(
            {
                "work": work,
                "name": work.application.person.full_name if names else "",
                "reasons": limits.reasons(measures, method.work),
                "notes": limits.notes(measures, method.work),
            }
        )
    flags = []
    for match, a, b in selectors.matches(campaign, works, method_id):
        flags.append(
            {
                "match": match,
                "pair": [
                    {
                        "work": w,
                        "here": w.pk in visible,
                        "same": w.application.campaign_id == campaign.pk,
                    }
                    for w in (a, b)
                ],
            }
        )
    return render(
        request,
        "works/list.html",
        {
            "campaign": campaign,
            "stage": stage,
            "method": method,
            "rows": rows,
            "flags": flags,
            "names": names,
            "anonymous": selectors.anonymous(campaign, method),
            "manager": view.manager,
        },
    )


@login_required
def work_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The work's file: the candidate's own as uploaded; to scorers and managers a copy without
    the metadata that may name the author (KM-22, KM-23). The name sent is the code."""
    work = get_object_or_404(
        Work.objects.select_related("application__campaign", "application__person"), pk=pk
    )
    if not work.file:
        raise PermissionDenied
    own = request.user.has_perm("selection.act_as_candidate", work.application)
    if not own:
        view = selectors.scope(request.user, work.application.campaign, work.stage_id)
        if work.application.pk not in {a.pk for a in view.applications}:
            raise PermissionDenied
        reads.record(request.user, work.application, "file")
    with work.file.open("rb") as handle:
        data = handle.read()
    if not own:
        data = stripped(data, work.format)
    content_type = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }.get(work.format, "application/octet-stream")
    response = HttpResponse(data, content_type=content_type)
    filename = f"{work.application.code}-{work.method_id}.{work.format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
