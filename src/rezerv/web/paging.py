"""Pages of a long list (issue 14): a page of rows, never the whole list.

``page_of(request, rows)`` takes the page number from the query string (``?page=``, or
another parameter for a second list on the same page), bounded to the pages that exist, and
returns Django's ``Page``: the rows of that page only (``LIMIT``/``OFFSET``), its number, the
count. ``web/pager.html`` shows the links to the other pages with the rest of the query string
kept (a search, the other list's page).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 50
MAX_PER_PAGE = 200


def page_of(
    request: HttpRequest, rows: Any, *, per_page: int = PER_PAGE, param: str = "page"
) -> Page[Any]:
    """The page of ``rows`` (a queryset, ordered) the request asks for; the first when the
    number is not one, the last when it is past the end."""
    paginator: Paginator[Any] = Paginator(rows, min(per_page, MAX_PER_PAGE))
    page = paginator.get_page(request.GET.get(param))
    page.param = param  # type: ignore[attr-defined]
    page.query = _query_without(request, param)  # type: ignore[attr-defined]
    return page


def _query_without(request: HttpRequest, param: str) -> str:
    """The query string without ``param``, ready to take ``&param=N`` (empty or ending in &)."""
    query = request.GET.copy()
    query.pop(param, None)
    text = query.urlencode()
    return f"{text}&" if text else ""
