"""The command line: results on stdout; bad input names the place, exits 2, prints no output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rezerv.cli import main
from tests.engine.casebuild import ROOT, example


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, case: Any, name: str = "case.json") -> str:
    path = tmp_path / name
    path.write_text(
        case if isinstance(case, str) else json.dumps(case, ensure_ascii=False), "utf-8"
    )
    return str(path)


def test_validate_bundled_and_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["validate", "KM", str(ROOT / "src/rezerv/regulations/km.yaml")], capsys)
    assert code == 0
    assert out.count(": OK") == 2


def test_validate_reports_every_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\ncode: x\n", "utf-8")
    code, out, err = cli(["validate", "KM", str(bad)], capsys)
    assert code == 2 and out == ""
    assert f"{bad}:2: code:" in err


def test_evaluate_prints_json_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["evaluate", "KM", str(ROOT / "examples/km.json")], capsys)
    assert code == 0
    result = json.loads(out)
    assert result["regulation"]["code"] == "KM"
    assert {c["outcome"] for c in result["candidates"]} >= {"winner", "refused"}


def test_evaluate_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(
        ["evaluate", "KM", str(ROOT / "examples/km.json"), "--format", "table"], capsys
    )
    assert code == 0
    assert "Иванов Иван Иванович" in out and "победитель" in out
    assert "Уведомления и публикации:" in out
    assert "(KM-14): срок 2026-04-15, направлено — — не направлено" in out


def test_km12_km8_table_shows_pending_reasons_and_late_notices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = example("km")
    case["meetings"][0]["present"] = ["m1", "m2", "m3", "m4"]
    case["votes"] = [v for v in case["votes"] if v["member"] in ("m1", "m2", "m3", "m4")]
    case["notices"] = [{"id": "stage2_list", "issued_on": "2026-04-08"}]
    code, out, _ = cli(["evaluate", "KM", write(tmp_path, case), "--format", "table"], capsys)
    assert code == 0
    assert "решение не принято: заседание mt1 (2026-04-20) неправомочно" in out
    assert "(KM-8): срок 2026-04-05, направлено 2026-04-08 — с опозданием на 3 дн." in out


def bad_case(mutate: Any) -> dict[str, Any]:
    case = example("km")
    mutate(case)
    return case


BAD_CASES = {
    "malformed_json": ('{"candidates": [', "malformed JSON"),
    "unknown_criterion": (
        bad_case(
            lambda c: c["results"].__setitem__(
                5, {**c["results"][5], "points": {**c["results"][5]["points"], "charisma": 3}}
            )
        ),
        "results[5]: unknown criterion 'charisma'",
    ),
    "score_out_of_range": (
        bad_case(lambda c: c["ballots"][1]["rows"].__setitem__("c2", 12)),
        "ballots[1].rows.c2: criterion 'score': 12 is outside the range 0–10",
    ),
    "duplicate_candidate": (
        bad_case(lambda c: c["candidates"].append(dict(c["candidates"][0]))),
        "candidates[7].id: duplicate candidate id 'c1'",
    ),
    "ballot_from_outsider": (
        bad_case(lambda c: c["ballots"][0].__setitem__("member", "stranger")),
        "ballots[0].member: 'stranger' is not a member of a commission of stage 'competition'",
    ),
    "date_outside_calendar": (
        bad_case(lambda c: c["events"].__setitem__("announcement", "2150-01-01")),
        "outside the RU production calendar",
    ),
    "vote_of_absent_member": (
        bad_case(lambda c: c["votes"][0].__setitem__("member", "m7")),
        "votes[0].member: 'm7' was not present at meeting 'mt1'",
    ),
    "wrong_type": (
        bad_case(lambda c: c["candidates"][0].__setitem__("consent", "yes please")),
        "candidates[0].consent",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_case_exit_2_names_place_and_prints_nothing(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case, expected = BAD_CASES[name]
    path = write(tmp_path, case)
    code, out, err = cli(["evaluate", "KM", path], capsys)
    assert code == 2
    assert out == ""
    assert expected in err, err
    assert path in err


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(["evaluate", "KM", "/nonexistent/case.json"], capsys)
    assert (code, out) == (2, "")
    assert "cannot read the file" in err


def test_deadlines_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(
        ["deadlines", "KM", "--event", "announcement=2026-03-02", "--format", "json"], capsys
    )
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["intake_end"]["date"] == "2026-03-23"
    assert (
        rows["stage2_notice"]["date"] is None and rows["stage2_notice"]["missing_event"] == "stage2"
    )


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ("announcement=2026-02-30", "is not a date"),
        ("announcment=2026-03-02", "unknown event"),
        ("announcement=1900-01-01", "outside the RU production calendar"),
        ("announcement", "expected NAME=YYYY-MM-DD"),
    ],
)
def test_deadlines_bad_event(event: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(["deadlines", "KM", "--event", event], capsys)
    assert (code, out) == (2, "")
    assert expected in err


def test_console_script_is_installed() -> None:
    exe = Path(sys.executable).parent / "rezerv"
    proc = subprocess.run([str(exe), "validate", "KM"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "KM: OK" in proc.stdout
