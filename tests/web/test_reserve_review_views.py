"""The yearly review of the reserve on the desk (issue 10): HR schedules the commission's meeting,
records who is present (quorum), the votes per member (PK-9, BR-2 yearly update), the head's
approval by the regulation's day (PK-6: 1 April) and the publication (BR-3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rezerv.selection.models import AuditEvent, ReserveEntry
from rezerv.selection.reserve_review_models import ReserveReview
from tests.documents.world_pk import pk_documents_world
from tests.web import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def pk() -> dict[str, Any]:
    w = pk_documents_world(timezone.localdate().year - 1)
    w["entries"] = list(
        ReserveEntry.objects.filter(decision=w["decision"])
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    return w


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_pk9_pk6_the_review_on_the_desk_from_the_meeting_to_the_approval(
    pk: dict[str, Any],
) -> None:
    w = pk
    client = client_for(w["hr"])
    page = client.get(reverse("desk_reserve_reviews"))
    assert page.status_code == 200
    assert w["commission"].name in page.content.decode()
    day = dt.date(w["year"] + 1, 3, 10)
    answer = client.post(
        reverse("desk_reserve_reviews"),
        {"open-commission": str(w["commission"].pk), "open-date": day.isoformat()},
    )
    review = ReserveReview.objects.get()
    assert answer.status_code == 302 and answer["Location"].endswith(f"{review.uid}/")
    url = reverse("desk_reserve_review", args=[review.uid])
    html = client.get(url).content.decode()
    assert "заседание неправомочно" in html  # nobody is recorded present yet
    assert "01.04." in html and "PK-6" in html  # approved by 1 April (PK-6)
    m = w["members"]
    present = [m[k].pk for k in ("smirnov", "kuznetsova", "sokolov")]
    client.post(url, {"attendance": "1", "attendance-present": [str(p) for p in present]})
    html = client.get(url).content.decode()
    assert "заседание правомочно" in html
    first, *others = w["entries"]
    # a member not kept without a ground: refused at the field, nothing recorded
    bad = client.post(
        url,
        {
            "vote": "1",
            "entry": str(first.pk),
            **{f"entry{first.pk}-vote_{p}": "against" for p in present},
        },
    )
    assert bad.status_code == 200
    assert "выберите основание" in bad.content.decode()
    assert not review.outcomes.exists()
    client.post(
        url,
        {
            "vote": "1",
            "entry": str(first.pk),
            **{f"entry{first.pk}-vote_{p}": "against" for p in present},
            f"entry{first.pk}-ground": "own_request",
        },
    )
    for entry in others:
        client.post(
            url,
            {
                "vote": "1",
                "entry": str(entry.pk),
                **{f"entry{entry.pk}-vote_{p}": "for" for p in present},
            },
        )
    assert review.outcomes.count() == len(w["entries"])
    html = client.get(url).content.decode()
    assert "исключить из резерва" in html and ">own_request<" not in html
    on = dt.date(w["year"] + 1, 3, 30)
    done = client.post(url, {"approve": "1", "approve-on": on.isoformat(), "approve-basis": "№ 7"})
    assert done.status_code == 302
    first.refresh_from_db()
    assert (first.excluded_on, first.exclusion_ground) == (on, "own_request")
    assert AuditEvent.objects.filter(action="reserve.review_view").exists()


def test_review_pages_are_for_hr_of_the_body(pk: dict[str, Any]) -> None:
    w = pk
    review = ReserveReview.objects.create(
        campaign=w["campaign"], commission=w["commission"], date=dt.date(w["year"] + 1, 3, 1)
    )
    url = reverse("desk_reserve_review", args=[review.uid])
    other = f.hr_user(f.body("Администрация другого поселения"), "hr_other_review")
    assert client_for(other).get(url).status_code == 403
    assert client_for(f.admin_user()).get(url).status_code == 200
    assert Client().get(url).status_code == 302
