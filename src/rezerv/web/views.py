"""Views translate HTTP to engine and service calls; no business rules here."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rezerv.engine.errors import InputError
from rezerv.engine.loader import BUNDLED, load_regulation


def home(request: HttpRequest) -> HttpResponse:
    """The bundled regulations, each with its code, title, version and cited rules."""
    regulations = []
    for code in BUNDLED:
        try:
            loaded = load_regulation(code)
        except (InputError, FileNotFoundError):
            continue
        reg = loaded.regulation
        regulations.append(
            {
                "code": reg.code,
                "title": reg.title,
                "version": reg.version,
                "stages": [s.title for s in reg.stages],
                "rules": len(reg.cited_rules()),
            }
        )
    return render(request, "web/home.html", {"regulations": regulations})
