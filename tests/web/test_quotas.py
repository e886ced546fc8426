"""The campaign quotas the regulation's award limits read (TP-5: demand per territorial unit)."""

from __future__ import annotations

from rezerv.engine.loader import bundled_path, load_regulation
from rezerv.web.quotas import QuotaForm, declared_quotas


def test_tp5_demand_is_asked_per_territorial_unit_with_titles() -> None:
    reg = load_regulation(bundled_path("TP")).regulation
    (quota,) = declared_quotas(reg)
    assert quota.name == "demand" and quota.per == "territorial_unit"
    assert ("kostanay", "Костанайская область") in quota.choices
    assert "прошёл отбор по эссе" in quota.title and "зачислен в пул талантов" in quota.title
    assert "Территориальное подразделение" in quota.title
    assert {"TP-5", "TP-8", "TP-12"} <= set(quota.rules)


def test_tp5_quota_form_keeps_entered_numbers_and_drops_empty_ones() -> None:
    reg = load_regulation(bundled_path("TP")).regulation
    form = QuotaForm(
        {"version": "3", "demand:kostanay": "3", "demand:north_kazakhstan": "2"},
        quotas=declared_quotas(reg),
        current={"demand": {"astana": 5}},
    )
    assert form.is_valid(), form.errors
    assert form.quotas_value({"demand": {"astana": 5}}) == {
        "demand": {"kostanay": 3, "north_kazakhstan": 2}
    }


def test_tp5_negative_quota_is_refused_naming_the_unit() -> None:
    reg = load_regulation(bundled_path("TP")).regulation
    form = QuotaForm(
        {"version": "1", "demand:kostanay": "-1"}, quotas=declared_quotas(reg), current={}
    )
    assert not form.is_valid()
    assert form.fields["demand:kostanay"].label == "Костанайская область"
    assert "demand:kostanay" in form.errors


def test_km_reads_no_campaign_quota() -> None:
    reg = load_regulation(bundled_path("KM")).regulation
    assert declared_quotas(reg) == []
