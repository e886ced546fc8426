"""The published composition of the reserve (BR-3: names and level only) and its open data as
CSV and JSON: exactly the fields the regulation publishes, for everyone."""

from __future__ import annotations

import csv
import io
import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext

from rezerv.selection.reserve_publication import open_data, published_lists


def _titles() -> dict[str, str]:
    return {
        "name": gettext("Фамилия, имя, отчество"),
        "level": gettext("Уровень резерва"),
        "group": gettext("Группа должностей"),
        "body": gettext("Орган"),
        "included_on": gettext("Включён"),
    }


def public_reserve(request: HttpRequest) -> HttpResponse:
    lists = published_lists(timezone.localdate())
    titles = _titles()
    return render(
        request,
        "web/reserve_public.html",
        {
            "lists": [
                (p, [titles[f] for f in p.fields], [[row[f] for f in p.fields] for row in p.rows])
                for p in lists
            ]
        },
    )


def public_reserve_csv(request: HttpRequest) -> HttpResponse:
    rows = open_data(timezone.localdate())
    keys: list[str] = ["reserve"]
    for row in rows:
        keys.extend(k for k in row if k not in keys)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=keys, restval="")
    writer.writeheader()
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reserve.csv"'
    return response


def public_reserve_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(open_data(timezone.localdate()), ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/json; charset=utf-8")
