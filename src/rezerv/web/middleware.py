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
