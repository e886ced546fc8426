"""A candidate's documents: opened by those allowed, added or replaced until the intake ends; an
application withdrawn (``selection.candidate_files``, ``selection.policy``)."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from rezerv.selection import candidate_files, policy, reads, services
from rezerv.selection.models import Application, Document


@login_required
def upload_open(request: HttpRequest, pk: int) -> HttpResponseBase:
    """One uploaded file, for the candidate, HR and the examining commission's members; logged.

    The URL carries the file's id only; the name sent is the document's kind, not the file
    name the candidate gave (it may contain a name)."""
    document = get_object_or_404(
        Document.objects.select_related("application__campaign", "application__person"), pk=pk
    )
    if not policy.allowed(request.user, "selection.open_upload", document):
        raise PermissionDenied
    reads.record(request.user, document.application, "file")
    extension = mimetypes.guess_extension(document.content_type) or ""
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.doc_type}-{document.pk}{extension}",
        content_type=document.content_type,
    )


def _own(request: HttpRequest, uid: str) -> Application:
    application = get_object_or_404(Application.objects.select_related("campaign"), uid=uid)
    if not request.user.has_perm("selection.act_as_candidate", application):
        raise PermissionDenied
    return application


@login_required
@require_POST
def application_document(request: HttpRequest, uid: str) -> HttpResponse:
    """Add a document, or replace the one of that kind (the old one is kept as replaced)."""
    application = _own(request, uid)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, gettext("Выберите файл."))
        return redirect("application", uid=uid)
    try:
        candidate_files.document_put(
            actor=request.user,
            application=application,
            doc_type=request.POST.get("doc_type", ""),
            upload=upload,
        )
    except services.ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("Документ загружен."))
    return redirect("application", uid=uid)


@sensitive_post_parameters()  # personal data: never in an error report
@login_required
def application_withdraw(request: HttpRequest, uid: str) -> HttpResponse:
    """«Отозвать заявление»: a confirmation page, then the withdrawal (final)."""
    application = _own(request, uid)
    error = None
    if request.method == "POST":
        if request.POST.get("confirm") != "1":
            error = gettext("Подтвердите отзыв заявления.")
        else:
            try:
                candidate_files.application_withdraw(
                    actor=request.user,
                    application=application,
                    reason=request.POST.get("reason", ""),
                )
            except services.ServiceError as exc:
                error = exc.message
            else:
                messages.success(request, gettext("Заявление отозвано."))
                return redirect("application", uid=uid)
    return render(
        request,
        "web/application_withdraw.html",
        {"application": application, "error": error, "post": request.POST},
    )
