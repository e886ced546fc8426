"""Language choice: Russian for everyone unless the user picked another language explicitly."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request: HttpRequest) -> str:
    """The language chosen with the selector (Django's ``set_language`` cookie), else the default.

    The browser's Accept-Language is deliberately ignored: an official in a Russian-speaking
    office with an English browser still gets the Russian interface until they switch.
    """
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code and code in dict(settings.LANGUAGES) and translation.check_for_language(code):
        return code
    return str(settings.LANGUAGE_CODE)


class ChosenLanguageMiddleware:
    """Replaces ``LocaleMiddleware``: activates :func:`chosen_language` for the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()  # nothing after the request runs in the user's language
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


def max_request_bytes() -> int:
    """The largest request body accepted: ``REZERV_MAX_REQUEST_BYTES``."""
    return int(settings.REZERV_MAX_REQUEST_BYTES)


class RequestSizeMiddleware:
    """Refuses a request whose declared body is larger than :func:`max_request_bytes` (413)
    from its ``Content-Length``, before anything reads the body: nothing of it is spooled to
    memory or disk. (A body without ``Content-Length`` is read as empty by Django's WSGI
    handler; nginx's ``client_max_body_size`` is the same limit in front.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = max_request_bytes()
        if declared > limit:
            from django.http import JsonResponse
            from django.shortcuts import render
            from django.utils.translation import gettext

            message = gettext(
                "Запрос слишком велик: %(size).1f МБ при допустимых %(limit).0f МБ. Загрузите "
                "файлы меньшего размера (каждый не более %(file).0f МБ)."
            ) % {
                "size": declared / 1048576,
                "limit": limit / 1048576,
                "file": int(settings.REZERV_MAX_UPLOAD_BYTES) / 1048576,
            }
            if request.path.startswith("/api/"):
                response: HttpResponse = JsonResponse({"detail": message}, status=413)
            else:
                response = render(request, "413.html", {"message": message}, status=413)
            response["Connection"] = "close"  # the body is not read: do not reuse the socket
            return response
        return self.get_response(request)
