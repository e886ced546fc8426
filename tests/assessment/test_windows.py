"""The session's window and attempts from the regulation (KM-13, TP-11)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from rezerv.assessment import services, windows
from rezerv.assessment.models import Attempt
from rezerv.engine import schema
from tests.assessment.helpers import session, world

pytestmark = pytest.mark.django_db


def _create(w: dict[str, Any], **kw: Any) -> Any:
    now = timezone.now()
    args: dict[str, Any] = {
        "actor": w["hr"],
        "campaign": w["campaign"],
        "stage_id": "competition",
        "method_id": "test",
        "bank": w["bank"],
        "opens": now - dt.timedelta(hours=1),
        "closes": now + dt.timedelta(hours=5),
        "time_limit_minutes": 30,
    }
    args.update(kw)
    return services.session_create(**args)


def test_km13_attempts_come_from_the_regulation_one_unless_it_allows_more() -> None:
    w = world()
    assert _create(w).attempts_allowed == 1  # KM-13 allows no second attempt
    with pytest.raises(services.ServiceError, match="по регламенту — не более 1") as exc:
        _create(w, attempts_allowed=2)
    assert exc.value.field == "attempts_allowed"
    assert _create(w, attempts_allowed=3, practice=True).attempts_allowed == 3  # KM-7 self-test


def test_km13_the_regulation_may_allow_more_attempts(monkeypatch: Any) -> None:
    w = world()
    pairs = [
        (stage, m.model_copy(update={"attempts": 2}))
        for stage, m in services.test_methods(w["campaign"])
    ]
    monkeypatch.setattr(services, "test_methods", lambda campaign: pairs)
    s = _create(w)
    assert s.attempts_allowed == 2
    first = services.attempt_start(actor=None, session=s, application=w["application"])
    services.attempt_close(attempt=first, by="candidate")
    second = services.attempt_start(actor=None, session=s, application=w["application"])
    assert second.number == 2 and second.draw_sha256 != first.draw_sha256
    services.attempt_close(attempt=second, by="candidate")
    with pytest.raises(services.ServiceError, match="попытки уже использованы"):
        services.attempt_start(actor=None, session=s, application=w["application"])


def test_km13_the_session_window_holds_the_time_limit_and_lies_within_the_stage(
    monkeypatch: Any,
) -> None:
    w = world()
    now = timezone.now()
    with pytest.raises(services.ServiceError, match="не помещается"):
        _create(w, opens=now, closes=now + dt.timedelta(minutes=20), time_limit_minutes=30)
    today = timezone.localdate()
    monkeypatch.setattr(windows, "stage_window", lambda c, s: (today, today))
    with pytest.raises(services.ServiceError, match="тестирование не может закончиться позже"):
        _create(w, closes=now + dt.timedelta(days=2))
    with pytest.raises(services.ServiceError, match="тестирование не может начаться раньше"):
        _create(w, opens=now - dt.timedelta(days=2))


def test_km13_no_attempt_starts_before_opening_after_closing_or_without_its_full_time(
    monkeypatch: Any,
) -> None:
    w = world()
    s = session(w)
    moment = s.closes - dt.timedelta(minutes=20)  # 30 minutes no longer fit
    monkeypatch.setattr(timezone, "now", lambda: moment)
    with pytest.raises(services.ServiceError, match="не позже чем за 30 мин"):
        services.attempt_start(actor=None, session=s, application=w["application"])
    moment = s.opens - dt.timedelta(minutes=1)
    with pytest.raises(services.ServiceError, match="сейчас не проводится"):
        services.attempt_start(actor=None, session=s, application=w["application"])
    assert not Attempt.objects.exists()


def test_tp11_the_test_is_started_only_within_30_days_of_the_education_document(
    monkeypatch: Any,
) -> None:
    """TP-11: the method's window (30 calendar days after the fact) bounds the start."""
    w = world()
    s = session(w)
    reg = w["campaign"].regulation.load().regulation
    windowed = reg.method("test").model_copy(
        update={"window": schema.TestWindow(after_fact="education_document_date", days=30)}
    )
    monkeypatch.setattr(services, "_method_of", lambda session: windowed)
    application = w["application"]
    today = timezone.localdate()
    application.facts = {
        **application.facts,
        "education_document_date": (today - dt.timedelta(days=31)).isoformat(),
    }
    application.save()
    with pytest.raises(services.ServiceError, match="истёк"):
        services.attempt_start(actor=None, session=s, application=application)
    application.facts["education_document_date"] = (today - dt.timedelta(days=30)).isoformat()
    application.save()
    assert services.attempt_start(actor=None, session=s, application=application).pk
    # without the fact the candidate is not limited
    assert windows.last_day(application, reg.method("test")) is None


def test_km13_the_drawn_set_and_its_order_are_fixed_by_their_hash() -> None:
    """KM-13: 40-60 questions by the blueprint; a changed set or order no longer matches."""
    from rezerv.assessment import drawing

    w = world()
    attempt = services.attempt_start(actor=None, session=session(w), application=w["application"])
    assert 40 <= len(attempt.drawn) <= 60
    key = f"{attempt.session_id}:{w['application'].uid}:1"
    assert drawing.digest(key, attempt.drawn) == attempt.draw_sha256
    swapped = [attempt.drawn[1], attempt.drawn[0], *attempt.drawn[2:]]
    assert drawing.digest(key, swapped) != attempt.draw_sha256
