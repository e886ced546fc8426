"""Editing a commission member in place (issue 9 §2): the commission page links each member to
the form of their details («изменить»), filled with them; a bad value or a stale edit is shown
at its field, nothing changed (``selection.commissions.commission_member_edit``), and a saved
edit returns to the commission page with the composition re-checked."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.debug import sensitive_post_parameters

from rezerv import wording
from rezerv.selection import selectors, services
from rezerv.selection.commissions import EDITABLE, commission_member_edit
from rezerv.selection.models import CommissionMember
from rezerv.web.forms import MemberForm


class MemberEditForm(MemberForm):
    """The member's details as entered (``MemberForm``) but the login, and the version read."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["username"]


def edit_form(member: CommissionMember, data: Any = None) -> MemberEditForm:
    """The edit form of ``member``, with field ids of its own (several on one page)."""
    initial = {name: getattr(member, name) for name in EDITABLE}
    initial["version"] = member.version
    return MemberEditForm(data, initial=initial, auto_id=f"id_edit{member.pk}_%s")


@sensitive_post_parameters()  # personal data: never in an error report
@login_required
def desk_member_edit(request: HttpRequest, uid: str, pk: int) -> HttpResponse:
    member = get_object_or_404(
        CommissionMember.objects.select_related("commission__campaign__regulation"),
        pk=pk,
        commission__campaign__uid=uid,
    )
    campaign = member.commission.campaign
    if not request.user.has_perm("selection.manage_campaign", campaign):
        raise PermissionDenied
    form = edit_form(member, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                problems = commission_member_edit(
                    actor=request.user, member=member, expected_version=version, **data
                )
            except services.ServiceError as exc:
                field = exc.field if exc.field in form.fields else None
                form.add_error(field, exc.message)
            else:
                messages.success(
                    request,
                    gettext("Сведения о члене комиссии «%(name)s» изменены.")
                    % {"name": member.full_name},
                )
                if problems:
                    messages.warning(
                        request,
                        gettext("Состав не соответствует регламенту: %(problems)s.")
                        % {"problems": "; ".join(wording.reason(p, gettext) for p in problems)},
                    )
                return redirect("desk_commissions", uid=uid)
    reg = campaign.regulation.shown()
    return render(
        request,
        "web/desk_member_edit.html",
        {
            "campaign": campaign,
            "member": member,
            "form": form,
            "composition": selectors.composition_problems(reg, member.commission),
        },
        status=status,
    )
