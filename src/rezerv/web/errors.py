"""Error pages in the site's layout and the user's language (DEBUG is off for users).

Django renders ``400.html``, ``403.html`` and ``404.html`` itself with the request's context;
the two views here add what its defaults lack: the page of a server error rendered with the
request (the site's header, the chosen language) and the CSRF failure page in the same layout.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.utils.html import escape
from django.utils.translation import gettext


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: the styled page; if even that fails, a plain page that cannot fail."""
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the last resort must not raise
        title = escape(gettext("Ошибка на сервере"))
        text = escape(gettext("Запрос не выполнен из-за ошибки на сервере; попробуйте позже."))
        return HttpResponseServerError(
            f'<!doctype html><html lang="ru"><meta charset="utf-8"><title>{title}</title>'
            f"<h1>{title}</h1><p>{text}</p></html>"
        )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: the form was sent without a valid token (e.g. an expired page)."""
    return render(request, "403_csrf.html", status=403)
