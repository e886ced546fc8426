"""A write that lost a race against another one answers 409 with a message, never 500 (issue 13,
concurrency).

The services check before they write (one application per campaign, one ballot per member,
candidate and method, one vote …) and the database's unique constraints back the checks up.
Two requests that pass the check at the same moment reach the constraint; the second one's
``IntegrityError`` (its transaction already rolled back) becomes a 409 here, for the web (the
site's page, «Данные изменены одновременно…») and for the API (``{"detail": …}``). On SQLite
the immediate transactions (settings) mostly keep the race from happening at all; on PostgreSQL
it is this middleware. The log gets the view and the constraint error's class, never the values
(they may be personal data).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext

log = logging.getLogger("rezerv.conflicts")

API_PREFIX = "/api/"


def message() -> str:
    return gettext(
        "Эти данные одновременно записал другой запрос: ваша запись не сохранена, чтобы не "
        "создать дубликат. Обновите страницу и проверьте, что уже записано."
    )


class ConflictMiddleware:
    """Turns a unique-constraint race (``IntegrityError``) into a 409 with a message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, IntegrityError):
            return None
        match = request.resolver_match
        log.warning(
            "write conflict (409) in %s: %s",
            match.view_name if match is not None else "?",
            type(exception).__name__,
        )
        if request.path.startswith(API_PREFIX):
            return JsonResponse({"detail": message()}, status=409)
        return render(request, "409.html", {"message": message()}, status=409)
