"""The suite's own settings (issue 8, item 11: speed of the suite)."""

from __future__ import annotations

from django.contrib.auth.hashers import get_hasher, make_password

from rezerv.engine.loader import bundled_path, parse_regulation


def test_item11_every_test_uses_the_fast_password_hasher() -> None:
    assert get_hasher().algorithm == "md5"
    assert make_password("pass-Word-1").startswith("md5$")


def test_item11_a_regulation_text_is_parsed_once_per_process() -> None:
    raw = bundled_path("KM").read_bytes()
    first = parse_regulation(raw, "km.yaml")
    assert parse_regulation(raw, "km.yaml") is first
    # another text (or another label, which error messages carry) is parsed anew
    assert parse_regulation(raw + b"\n", "km.yaml") is not first
    assert parse_regulation(raw, "other.yaml") is not first
