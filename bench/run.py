"""The benchmark (``make bench``): parse and evaluate a generated KM case of 250,000 candidates.

Generates the case if it is missing (``bench/generate.py``), then measures in a fresh Python
process, so that the peak memory reflects only this work:

* parse: reading the file + ``parse_case`` + ``check_case``;
* evaluate: ``evaluate`` (intake, scoring, rating, awards, votes, the JSON-ready result);
* serialise: the result as JSON (indent 2, as the command line prints it), streamed to
  ``bench/out/<case>.result.json``; reported apart, not part of the goals;
* peak RSS of the measuring process (``resource.getrusage(...).ru_maxrss``) after each phase;
  the memory goal is judged on the peak after evaluate (parse + evaluate);
* time in the cyclic garbage collector during each phase (``gc.callbacks``).

Goals (issue): evaluation at most 2x the parse time; peak memory under 2 GiB.  The figures are
printed with "goal met" / "goal NOT met"; the exit status is 0 either way.

    python bench/run.py [--candidates N] [--regenerate] [--profile parse|evaluate]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/generate.py, beside this file)

GOAL_RATIO = 2.0
GOAL_RSS_BYTES = 2 * 2**30


def _rss_bytes() -> int:
    """Peak resident set size of this process so far (ru_maxrss is in KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


class _GcClock:
    """Time spent in the cyclic garbage collector (gc.callbacks), by phase."""

    def __init__(self) -> None:
        self.total = 0.0
        self.full = 0
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.total += time.perf_counter() - self._start
            self.full += info["generation"] == 2

    def lap(self) -> tuple[float, int]:
        lap = self.total, self.full
        self.total, self.full = 0.0, 0
        return lap


def measure(
    path: Path | str,
    profile: str | None = None,
    keep_result: bool = False,
    result_path: Path | str | None = None,
) -> dict[str, Any]:
    """Parse, check, evaluate and serialise the case at ``path``; return the figures.

    The result is written as the command line prints it (JSON, indent 2), streamed to
    ``result_path`` (or to the null device), so that writing adds little memory.
    With ``keep_result`` the evaluation result is returned under ``"result"`` (for tests).
    With ``profile`` ("parse" or "evaluate") that phase runs under cProfile and the top
    functions by cumulative and by own time are printed to standard error.
    """
    from rezerv.engine.case import check_case, parse_case
    from rezerv.engine.evaluate import evaluate
    from rezerv.engine.loader import load_regulation

    path = Path(path)
    loaded = load_regulation("KM")
    gc.collect()
    rss_start = _rss_bytes()
    profiler = cProfile.Profile() if profile else None
    clock = _GcClock()
    gc.callbacks.append(clock)

    if profiler and profile == "parse":
        profiler.enable()
    c0, t0 = time.process_time(), time.perf_counter()
    raw = path.read_bytes()
    case = parse_case(raw, str(path))
    t1 = time.perf_counter()
    check_case(loaded.regulation, case, str(path))
    gc.collect(0)
    c2, t2 = time.process_time(), time.perf_counter()
    size = len(raw)
    del raw
    if profiler and profile == "parse":
        profiler.disable()
    rss_parsed = _rss_bytes()
    gc_parse = clock.lap()

    if profiler and profile == "evaluate":
        profiler.enable()
    c3, t3 = time.process_time(), time.perf_counter()
    result = evaluate(loaded, case, str(path))
    # The engine pauses the cyclic collector while it builds; the pass over the young objects
    # it defers would run at the caller's next allocation: count it here, in this phase.
    gc.collect(0)
    c4, t4 = time.process_time(), time.perf_counter()
    if profiler and profile == "evaluate":
        profiler.disable()
    rss_evaluated = _rss_bytes()
    gc_evaluate = clock.lap()

    out = Path(result_path) if result_path else None
    with open(out or os.devnull, "w", encoding="utf-8") as sink:
        json.dump(result, sink, ensure_ascii=False, indent=2)
        sink.write("\n")
    t5 = time.perf_counter()
    rss_peak = _rss_bytes()
    gc.callbacks.remove(clock)

    if profiler:
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(30)

    outcomes = result["summary"]["outcomes"]
    figures: dict[str, Any] = {
        "file": str(path),
        "file_bytes": size,
        "candidates": len(case.candidates),
        "evaluated": result["summary"]["candidates"],
        "outcomes": outcomes,
        "read_parse_s": t1 - t0,
        "check_s": t2 - t1,
        "parse_s": t2 - t0,
        "evaluate_s": t4 - t3,
        "parse_cpu_s": c2 - c0,
        "evaluate_cpu_s": c4 - c3,
        "ratio": (t4 - t3) / (t2 - t0),
        "serialise_s": t5 - t4,
        "gc_parse_s": gc_parse[0],
        "gc_parse_full": gc_parse[1],
        "gc_evaluate_s": gc_evaluate[0],
        "gc_evaluate_full": gc_evaluate[1],
        "result_bytes": out.stat().st_size if out else None,
        "rss_start_bytes": rss_start,
        "rss_parsed_bytes": rss_parsed,
        "rss_evaluated_bytes": rss_evaluated,
        "rss_peak_bytes": rss_peak,
    }
    if keep_result:
        figures["result"] = result
    return figures


def _table(fig: dict[str, Any]) -> str:
    mib = 2**20
    ratio_ok = fig["ratio"] <= GOAL_RATIO
    rss_ok = fig["rss_evaluated_bytes"] < GOAL_RSS_BYTES
    outcomes = ", ".join(f"{k} {v}" for k, v in sorted(fig["outcomes"].items()))
    rows = [
        ("candidates", f"{fig['candidates']:,}"),
        ("outcomes", outcomes),
        ("case file", f"{fig['file_bytes'] / mib:,.1f} MiB"),
        (
            "parse (read + parse_case + check_case)",
            f"{fig['parse_s']:.2f} s  (CPU {fig['parse_cpu_s']:.2f} s)",
        ),
        ("  of which read + parse_case", f"{fig['read_parse_s']:.2f} s"),
        ("  of which check_case", f"{fig['check_s']:.2f} s"),
        ("  of which cyclic GC", f"{fig['gc_parse_s']:.2f} s ({fig['gc_parse_full']} full)"),
        ("evaluate", f"{fig['evaluate_s']:.2f} s  (CPU {fig['evaluate_cpu_s']:.2f} s)"),
        ("  of which cyclic GC", f"{fig['gc_evaluate_s']:.2f} s ({fig['gc_evaluate_full']} full)"),
        (
            "ratio evaluate / parse",
            f"{fig['ratio']:.2f}  (goal <= {GOAL_RATIO:g}: "
            + ("goal met" if ratio_ok else "goal NOT met")
            + f"; by CPU time {fig['evaluate_cpu_s'] / fig['parse_cpu_s']:.2f})",
        ),
        ("serialise (json.dump to a file, indent 2)", f"{fig['serialise_s']:.2f} s"),
        ("result JSON", f"{fig['result_bytes'] / mib:,.1f} MiB" if fig["result_bytes"] else "-"),
        ("RSS before reading (interpreter, engine)", f"{fig['rss_start_bytes'] / mib:,.0f} MiB"),
        ("peak RSS after parse", f"{fig['rss_parsed_bytes'] / mib:,.0f} MiB"),
        (
            "peak RSS after evaluate",
            f"{fig['rss_evaluated_bytes'] / mib:,.0f} MiB  (goal < 2048 MiB: "
            + ("goal met" if rss_ok else "goal NOT met")
            + ")",
        ),
        ("peak RSS after serialise", f"{fig['rss_peak_bytes'] / mib:,.0f} MiB"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=generate.DEFAULT_CANDIDATES)
    parser.add_argument("--regenerate", action="store_true", help="write the case anew")
    parser.add_argument("--case", type=Path, default=None, help="measure this case file instead")
    parser.add_argument(
        "--profile", choices=["parse", "evaluate"], help="profile one phase (cProfile)"
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)

    if args.measure is not None:
        result_path = args.measure.with_name(args.measure.stem + ".result.json")
        figures = measure(args.measure, args.profile, result_path=result_path)
        print(json.dumps(figures))
        return 0

    path = args.case or generate.default_path(args.candidates)
    if args.case is None and (args.regenerate or not path.exists()):
        # In its own process too, so that this parent (and the child it spawns) stays small.
        t0 = time.perf_counter()
        gen = [sys.executable, str(HERE / "generate.py"), "--candidates", str(args.candidates)]
        subprocess.run([*gen, "--out", str(path)], check=True)
        print(f"(generated in {time.perf_counter() - t0:.1f} s)", flush=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", str(path)]
    if args.profile:
        command += ["--profile", args.profile]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        print(f"the measuring process failed (exit {done.returncode})", file=sys.stderr)
        return done.returncode
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"rezerv benchmark, {dt.date.today().isoformat()}, Python {platform.python_version()}, "
        f"{platform.machine()}"
    )
    print(_table(figures))
    if args.case is None:  # the full run: also the spreadsheet import and the PDF certificates
        import answers_bench
        import import_bench
        import pages_bench
        import pdf_bench

        return (
            import_bench.report()
            or pdf_bench.report()
            or pages_bench.report()
            or answers_bench.report()
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
