"""Document pages and downloads: HTTP to ``services`` calls, permissions of ``selection.policy``.

URLs carry identifiers only (UUIDs, a member's number); file names carry no personal data.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from rezerv.documents import registry, rendering, services
from rezerv.documents.access import DocumentRef
from rezerv.documents.forms import TemplateUploadForm
from rezerv.documents.models import DocumentTemplate, RetentionAct
from rezerv.selection.models import Application, Campaign, CommissionMember
from rezerv.selection.policy import campaigns_managed_by
from rezerv.selection.services import ServiceError, audit

URL_NAMES = {
    "campaign": "documents_campaign_file",
    "member": "documents_member_file",
    "application": "documents_application_file",
}


def _spec(code: str, kind: registry.Subject) -> registry.FormSpec:
    spec = registry.get(code)
    if spec is None or spec.subject != kind:
        raise Http404
    return spec


def _url_arg(ref: DocumentRef) -> Any:
    if ref.spec.subject == "member":
        return ref.subject.pk
    return ref.subject.uid


def _entry(ref: DocumentRef) -> dict[str, Any]:
    name = URL_NAMES[ref.spec.subject]
    arg = _url_arg(ref)
    return {
        "spec": ref.spec,
        "links": [
            (fmt.upper(), reverse(name, args=[arg, ref.spec.code, fmt])) for fmt in ref.spec.formats
        ],
    }


def _visible(user: Any, refs: list[DocumentRef]) -> list[dict[str, Any]]:
    return [
        _entry(ref)
        for ref in refs
        if user.has_perm("documents.download", ref) and services.document_available(ref)
    ]


def _download(request: HttpRequest, ref: DocumentRef, fmt: str) -> HttpResponse:
    if fmt not in ref.spec.formats:
        raise Http404
    # rules' permissions take any object; django-stubs types has_perm's obj as a model
    if not request.user.has_perm("documents.download", ref):  # type: ignore[arg-type]
        raise PermissionDenied
    try:
        document = services.document_render(actor=request.user, ref=ref, fmt=fmt)
    except ServiceError as exc:
        raise Http404(exc.message) from exc
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "no-store"
    return response


# --------------------------------------------------------------------------- lists


@login_required
def campaign_documents(request: HttpRequest, uid: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("regulation", "body"), uid=uid)
    reg = campaign.regulation.load().regulation
    user = request.user
    if not user.has_perm("selection.view_decisions", campaign):
        raise PermissionDenied
    campaign_docs = _visible(
        user, [DocumentRef(s, campaign) for s in registry.forms_for(reg, "campaign")]
    )
    member_specs = registry.forms_for(reg, "member")
    members = []
    for member in CommissionMember.objects.filter(commission__campaign=campaign).order_by("pk"):
        entries = _visible(user, [DocumentRef(s, member) for s in member_specs])
        if entries:
            members.append({"member": member, "documents": entries})
    application_specs = registry.forms_for(reg, "application")
    applications = []
    if user.has_perm("selection.manage_campaign", campaign):
        for app in campaign.applications.select_related("person", "campaign").order_by("pk"):
            entries = _visible(user, [DocumentRef(s, app) for s in application_specs])
            if entries:
                applications.append({"application": app, "documents": entries})
    return render(
        request,
        "documents/pages/campaign.html",
        {
            "campaign": campaign,
            "campaign_docs": campaign_docs,
            "members": members,
            "applications": applications,
        },
    )


@login_required
def application_documents(request: HttpRequest, uid: str) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.select_related("campaign__regulation", "person"), uid=uid
    )
    if not request.user.has_perm("selection.view_application", application):
        raise PermissionDenied
    specs = registry.forms_for(application.campaign.regulation.load().regulation, "application")
    documents = _visible(request.user, [DocumentRef(s, application) for s in specs])
    return render(
        request,
        "documents/pages/application.html",
        {"application": application, "campaign": application.campaign, "documents": documents},
    )


# --------------------------------------------------------------------------- downloads


@login_required
def campaign_file(request: HttpRequest, uid: str, code: str, fmt: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, uid=uid)
    return _download(request, DocumentRef(_spec(code, "campaign"), campaign), fmt)


@login_required
def member_file(request: HttpRequest, pk: int, code: str, fmt: str) -> HttpResponse:
    member = get_object_or_404(
        CommissionMember.objects.select_related("commission__campaign"), pk=pk
    )
    return _download(request, DocumentRef(_spec(code, "member"), member), fmt)


@login_required
def application_file(request: HttpRequest, uid: str, code: str, fmt: str) -> HttpResponse:
    application = get_object_or_404(
        Application.objects.select_related("campaign", "person"), uid=uid
    )
    return _download(request, DocumentRef(_spec(code, "application"), application), fmt)


# --------------------------------------------------------------------------- organisation templates


def _template_admin(request: HttpRequest) -> None:
    if not request.user.has_perm("documents.manage_templates"):
        raise PermissionDenied


@login_required
def templates_page(request: HttpRequest) -> HttpResponse:
    _template_admin(request)
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_upload(
                actor=request.user,
                form_code=form.cleaned_data["form_code"],
                fmt=form.cleaned_data["fmt"],
                body=form.cleaned_data["body"],
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, gettext("Шаблон загружен и применяется к документам."))
            return redirect("documents_templates")
    uploaded = DocumentTemplate.objects.select_related("body", "uploaded_by")
    forms_list = sorted(registry.FORMS.values(), key=lambda s: (s.family, s.code))
    return render(
        request,
        "documents/pages/templates.html",
        {"form": form, "uploaded": uploaded, "forms": forms_list},
    )


@login_required
@require_POST
def template_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _template_admin(request)
    template = get_object_or_404(DocumentTemplate, pk=pk)
    services.template_delete(actor=request.user, template=template)
    messages.success(request, gettext("Шаблон удалён; применяется предыдущий или встроенный."))
    return redirect("documents_templates")


@login_required
def bundled_template(request: HttpRequest, code: str, fmt: str) -> HttpResponseBase:
    """The bundled template of a form: the starting point of an organisation's own."""
    _template_admin(request)
    if registry.get(code) is None:
        raise Http404
    if fmt == "docx":
        return FileResponse(
            rendering.bundled_docx(code).open("rb"),
            as_attachment=True,
            filename=f"{code}.docx",
            content_type=rendering.CONTENT_TYPES["docx"],
        )
    if fmt == "html":
        from django.template.loader import get_template

        # the Django engine's wrapper; its template (with the source) is not in the stubs' protocol
        source = get_template(rendering.bundled_html(code)).template.source  # type: ignore[attr-defined]
        response = HttpResponse(source, content_type="text/html; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{code}.html"'
        return response
    raise Http404


# --------------------------------------------------------------------------- retention (C-7)


@login_required
def retention_acts(request: HttpRequest) -> HttpResponse:
    """The acts of destruction of the campaigns one manages, newest first."""
    if not request.user.has_perm("documents.view_retention_acts"):
        raise PermissionDenied
    acts = RetentionAct.objects.filter(campaign__in=campaigns_managed_by(request.user))
    acts = acts.select_related("campaign", "performed_by")[:500]
    rows = [
        {
            "act": act,
            "people": len(act.items),
            "files": sum(len(item.get("files", [])) for item in act.items),
        }
        for act in acts
    ]
    return render(request, "documents/pages/retention_acts.html", {"rows": rows})


@login_required
def retention_act_file(request: HttpRequest, uid: str) -> HttpResponseBase:
    """The kept PDF of one act; audited (it names whose documents were destroyed)."""
    act = get_object_or_404(RetentionAct.objects.select_related("campaign"), uid=uid)
    if not request.user.has_perm("documents.view_retention_act", act):
        raise PermissionDenied
    if not act.file.name:
        raise Http404
    audit(actor=request.user, action="retention.act_view", obj=act, campaign=act.campaign)
    response = FileResponse(
        act.file.open("rb"),
        as_attachment=True,
        filename=f"akt_unichtozheniya_{str(act.uid)[:8]}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "no-store"
    return response
