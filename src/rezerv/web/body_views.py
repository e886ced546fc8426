"""The desk's pages of state bodies (issue 15): the languages a body issues its forms in —
Russian only, or Kazakh and Russian (the state language first).  Administrators see and change
every body; an HR officer their own body (``selection.manage_body``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rezerv.selection import bodies, policy
from rezerv.selection.models import StateBody


class DocumentLanguagesForm(forms.Form):
    document_languages = forms.ChoiceField(
        label=_("Язык документов"),
        widget=forms.RadioSelect,
        help_text=_(
            "Формы, у которых есть казахский текст, орган выдаёт на казахском и русском языках: "
            "сначала казахская часть, затем русская. Остальные формы — на русском языке."
        ),
    )
    seen = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["document_languages"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(bodies.document_language_choices().items())


@login_required
def desk_bodies(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("selection.view_bodies"):
        raise PermissionDenied
    rows = policy.bodies_managed_by(request.user).order_by("name")
    return render(request, "web/desk_bodies.html", {"bodies": rows})


@login_required
def desk_body(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(StateBody, pk=pk)
    if not request.user.has_perm("selection.manage_body", body):
        raise PermissionDenied
    initial = {"document_languages": body.document_languages, "seen": body.document_languages}
    form = DocumentLanguagesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = bodies.set_document_languages(
                actor=request.user,
                body=body,
                languages=form.cleaned_data["document_languages"],
                seen=form.cleaned_data["seen"],
            )
        except bodies.ChangedMeanwhile as exc:
            form = DocumentLanguagesForm(
                initial={"document_languages": exc.current, "seen": exc.current}
            )
            messages.error(
                request,
                gettext(
                    "Пока страница была открыта, язык документов органа изменил другой "
                    "пользователь; ничего не сохранено. Проверьте значение и сохраните снова."
                ),
            )
        else:
            if changed:
                messages.success(request, gettext("Язык документов органа сохранён."))
            return redirect("desk_body", pk=body.pk)
    return render(request, "web/desk_body.html", {"body": body, "form": form})
