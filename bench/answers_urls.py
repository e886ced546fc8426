"""The application's URLs and one bare view, for ``bench/answers_bench.py`` only.

The bare view goes through the same middleware as the answer (session, authentication, CSRF,
the project's own) and returns a small JSON body without touching the assessment's tables: the
figure the answers are compared with.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

from rezerv.web.urls import urlpatterns as app_urlpatterns


@login_required
@require_POST
def bare(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True, "length": len(request.body)})


urlpatterns = [path("bench/bare/", bare), *app_urlpatterns]
