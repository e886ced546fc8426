"""Every list of the API a page at a time, its size bounded (issue 14).

The body stays what it was, a JSON array of the page's rows, so a client reading a short list
sees no change; where the list goes on, the response says so in its headers (RFC 8288):
``Link: <…?page=2>; rel="next"`` (and ``prev``, ``first``, ``last``) and ``X-Total-Count``
(the rows of the whole list). ``?page=N`` chooses the page, ``?page_size=N`` its size
(``PAGE_SIZE`` by default, at most ``MAX_PAGE_SIZE``); a page past the end is a 404.
"""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


class ListPagination(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None and self.request is not None
        headers = {"X-Total-Count": str(self.page.paginator.count)}
        links = []
        url = self.request.build_absolute_uri()
        last = self.page.paginator.num_pages
        if self.page.has_previous():
            links.append(f'<{remove_query_param(url, self.page_query_param)}>; rel="first"')
            links.append(f'<{self.get_previous_link()}>; rel="prev"')
        if self.page.has_next():
            links.append(f'<{self.get_next_link()}>; rel="next"')
            links.append(f'<{replace_query_param(url, self.page_query_param, last)}>; rel="last"')
        if links:
            headers["Link"] = ", ".join(links)
        return Response(data, headers=headers)

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return schema  # the body is the page's array; the rest is in the headers
