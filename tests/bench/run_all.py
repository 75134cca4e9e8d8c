"""Every benchmark in one table: each of our figures beside its baseline or peer measured in the
same run, its goal, and whether it is met.

Run: .venv/bin/python -m tests.bench.run_all [--runs 5] [--bundle] [--quick]

Each section runs in its own process (Qt, matplotlib and memory stay apart); a section that
fails shows as a row saying so and the run goes on. Databases of exactly 25,000 and 100,000
demo entries, the peers' copies of them and Watson's venv are cached under the temp dir.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from datetime import datetime

from tests.bench.common import PYTHON, ROOT, Figure, print_figures

SECTIONS = ("core", "window", "review", "csv", "calendar", "team", "peers", "quickadd", "timeline",
            "idle", "bundle")
_MARK = "FIGURES:"


def section_figures(name: str, runs: int, quick: bool) -> list[Figure]:
    """Return one section's figures, measured in this process."""
    if name == "core":
        from tests.bench import bench_core
        return bench_core.figures(runs)
    if name == "window":
        from tests.bench import bench_log_window
        return bench_log_window.figures(runs)
    if name == "review":
        from tests.bench import bench_review
        try:
            return bench_review.figures(runs)
        finally:
            bench_review.cleanup()
    if name == "csv":
        from tests.bench import bench_csv
        return bench_csv.figures(runs)
    if name == "calendar":
        from tests.bench import bench_calendar
        return bench_calendar.figures(runs)
    if name == "team":
        from tests.bench import bench_team
        return bench_team.figures(runs)
    if name == "peers":
        from tests.bench import bench_peers
        return bench_peers.figures(runs, (25_000,) if quick else (25_000, 100_000))
    if name == "quickadd":
        from tests.bench import bench_quickadd
        return bench_quickadd.figures(runs * 4)
    if name == "timeline":
        from tests.bench import bench_timeline
        return bench_timeline.figures(runs * 8)
    if name == "idle":
        from tests.bench import bench_idle
        return bench_idle.figures(runs * 400)
    if name == "bundle":
        from tests.bench import bench_bundle
        return bench_bundle.figures(runs)
    raise ValueError(f"no section {name!r}")


def run_section(name: str, runs: int, quick: bool) -> list[Figure]:
    """Return a section's figures, measured in a child process; a failure becomes one row."""
    argv = [PYTHON, "-m", "tests.bench.run_all", "--section", name, "--runs", str(runs)]
    done = subprocess.run([*argv, *(["--quick"] if quick else [])], cwd=ROOT, stdout=subprocess.PIPE,
                          text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    found = [line for line in done.stdout.splitlines() if line.startswith(_MARK)]
    if done.returncode or not found:
        return [Figure(name, f"section failed (exit {done.returncode}; see above)", "", met=False)]
    return [Figure(*row) for row in json.loads(found[-1][len(_MARK):])]


def machine() -> str:
    """Return the CPU model, cores, memory, Python, SQLite and Qt versions, one line."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
                       cpu)
        with open("/proc/meminfo", encoding="utf-8") as info:
            kib = next(int(line.split()[1]) for line in info if line.startswith("MemTotal"))
            memory = f", {kib / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    try:
        from importlib.metadata import version
        qt = f", PySide6 {version('PySide6-Essentials')}"
    except Exception:  # noqa: BLE001 - the header says what it can
        qt = ""
    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}{qt}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5,
                        help="whole-process runs per figure, after one warm-up (default 5)")
    parser.add_argument("--bundle", action="store_true",
                        help="also build the PyInstaller bundle and time it (about a minute more)")
    parser.add_argument("--quick", action="store_true",
                        help="3 runs and the peers at 25k only: a check that it all works, not "
                        "figures to quote")
    parser.add_argument("--section", choices=SECTIONS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    runs = 3 if args.quick else max(args.runs, 1)
    if args.section:
        figures = section_figures(args.section, runs, args.quick)
        print(_MARK + json.dumps([list(f) for f in figures]), flush=True)
        return

    command = "python -m tests.bench.run_all " + " ".join(sys.argv[1:])
    started = time.perf_counter()
    figures: list[Figure] = []
    for name in SECTIONS:
        if name == "bundle" and not args.bundle:
            continue
        print(f"[{time.perf_counter() - started:5.0f} s] {name}…", file=sys.stderr, flush=True)
        figures += run_section(name, runs, args.quick)
    from tests.bench.bench_peers import FOOTNOTE

    goals = [f for f in figures if f.met is not None]
    missed = [f for f in goals if not f.met]
    print(f"\nPM Workload benchmarks, {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"Machine: {machine()}")
    print(f"Command: {command.strip()}  ({runs} runs per figure, median after one warm-up, run in "
          f"turns with its baseline or peers; {time.perf_counter() - started:.0f} s)")
    print_figures("Databases: exactly 25,000 / 100,000 demo entries (app.demo, seed 7). Ratio = ours "
                  "/ baseline or peer, both measured in this run.", figures)
    print(f"\n{FOOTNOTE}")
    print(f"{len(goals) - len(missed)} of {len(goals)} goals met"
          + (f"; missed: {', '.join(f'{f.section}: {f.measure}' for f in missed)}." if missed else "."))


if __name__ == "__main__":
    main()
