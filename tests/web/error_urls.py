"""The project's URLs plus one view that fails, to see the server-error page (500)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from rezerv.web.urls import handler500  # noqa: F401
from rezerv.web.urls import urlpatterns as project_urls

SECRET = "boom-secret-internal-detail"


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET)


urlpatterns = [path("boom/", boom), *project_urls]
