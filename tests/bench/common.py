"""Shared benchmark helpers: demo databases, timing whole processes, printing tables."""

from __future__ import annotations

import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
CACHE = Path(tempfile.gettempdir()) / "pm-workload-bench"
# The demo data ends on this day (a Tuesday of 2026-W48).
DEMO_END = date(2026, 11, 24)


def demo_data_dir(entries: int, seed: int = 7) -> Path:
    """Return a data dir holding exactly ``entries`` demo entries (built once, then reused).

    They are the most recent ``entries`` of a longer demo history ending on Tue 2026-11-24,
    the last week with entries too; for up to 100,000 entries every day is after 1970 (from
    the 1970s on), as the app and the peers need. Copy it before writing to it.
    """
    from app import demo
    from storage import database_path, open_store, queries
    from storage.schema import SCHEMA_VERSION

    # The generator's source is part of the name: a changed generator makes new data.
    source = hashlib.sha1(Path(demo.__file__).read_bytes()).hexdigest()[:8]
    target = CACHE / f"demo-exact-v2-{entries}-{seed}-schema{SCHEMA_VERSION}-{source}"
    db = database_path(target)
    if not db.exists():
        target.mkdir(parents=True, exist_ok=True)
        partial = target / "building.db"
        partial.unlink(missing_ok=True)
        with open_store(partial) as store:
            made = demo_history(entries, seed)[-entries:]
            assert made[0].day.year >= 1970, "the app refuses days before 1970"
            demo.fill(store, made)
            assert queries.count_entries(store) == entries, "the demo history is too short"
        partial.rename(db)
    return target


def demo_history(entries: int, seed: int = 7) -> list:
    """Return a demo history of at least ``entries`` entries whose last week (2026-W48, the
    week of DEMO_END) has entries: a holiday there would leave the benchmarks' week empty."""
    from app import demo

    monday = DEMO_END - timedelta(days=DEMO_END.weekday())
    for extra in range(4, 40):   # another length is another draw of the same generator
        made = demo.generate(demo.weeks_for(entries) + extra, seed, end=DEMO_END)
        if len(made) >= entries and made[-1].day >= monday:
            return made
    raise RuntimeError(f"no demo history of {entries} entries ends in a week with entries")


def copy_data_dir(source: Path) -> Path:
    """Return a fresh copy of a data dir (for benchmarks that write)."""
    import shutil

    target = Path(tempfile.mkdtemp(prefix="pmw-bench-"))
    for item in source.iterdir():
        if item.is_file():
            shutil.copy2(item, target / item.name)
    return target


def time_processes(commands: Sequence[Sequence[str]], runs: int = 7, env: dict | None = None,
                   warm_up: bool = True) -> list[float]:
    """Return the median wall time in seconds of each command, run ``runs`` times in turns
    after one warm-up each (unless the caller ran them already): a change in the shared
    machine's load falls on all of them alike."""
    environment = {**os.environ, **(env or {})}
    # Time the program as installed: with its bytecode cached, as the stdlib baseline has.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    for argv in commands if warm_up else ():
        subprocess.run(argv, env=environment, check=True, capture_output=True)  # warm the disk cache
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for argv, taken in zip(commands, times, strict=True):
            start = time.perf_counter()
            subprocess.run(argv, env=environment, check=True, capture_output=True)
            taken.append(time.perf_counter() - start)
    return [statistics.median(taken) for taken in times]


def time_call(func: Callable[[], object], runs: int = 50) -> list[float]:
    """Return the wall times in seconds of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    print(f"\n{title}")
    print("  ".join(str(h).ljust(widths[i]) for i, h in enumerate(headers)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(row)))


# -- one table of figures ---------------------------------------------------------------------
class Figure(NamedTuple):
    """One row of the benchmark table: our figure beside its baseline or peer, and its goal."""

    section: str
    measure: str
    ours: str
    baseline: str = ""
    ratio: float | None = None
    goal: str = ""
    met: bool | None = None


def ms(seconds: float) -> str:
    """Return seconds as milliseconds, with a decimal below 100 ms."""
    value = seconds * 1000
    return f"{value:.1f} ms" if value < 100 else f"{value:,.0f} ms"


def compared(section: str, measure: str, ours: float, baseline: float, name: str,
             limit: float, strict: bool = False) -> Figure:
    """Return a figure whose goal is a ratio of two times (seconds) measured in the same run."""
    ratio = ours / baseline
    return Figure(section, measure, ms(ours), f"{ms(baseline)} {name}", ratio,
                  f"{'<' if strict else '<='} {limit:g}x", ratio < limit if strict else ratio <= limit)


def bounded(section: str, measure: str, value: float, limit: float, unit: str = "ms",
            baseline: str = "") -> Figure:
    """Return a figure whose goal is an upper bound on its value (ms, MB, …)."""
    shown = ms(value / 1000) if unit == "ms" else f"{value:,.0f} {unit}"
    return Figure(section, measure, shown, baseline, None, f"<= {limit:g} {unit}", value <= limit)


def print_figures(title: str, figures: Sequence[Figure]) -> None:
    """Print figures as one table: section, measure, ours, baseline/peer, ratio, goal, met?"""
    print_table(title, ["section", "measure", "ours", "baseline / peer", "ratio", "goal", "met?"], [
        [f.section, f.measure, f.ours, f.baseline, "" if f.ratio is None else f"{f.ratio:.2f}",
         f.goal, {True: "yes", False: "NO", None: ""}[f.met]] for f in figures])


# Runs one command from a small parent, so that the child's peak RSS is its own and not that
# of the (large) process it would otherwise be forked from.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - start
if done.returncode:
    sys.exit(done.stderr.decode())
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run_measured(argv: Sequence[str], env: dict | None = None) -> tuple[float, int]:
    """Return (wall seconds, peak RSS in KiB) of one whole process."""
    environment = {**os.environ, **(env or {})}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run([PYTHON, "-c", _MEASURE, *argv], env=environment, check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout.split()
    return float(out[0]), int(out[1])


def run_bench(doc: str | None, title: str, figures: Callable[[int], Sequence[Figure]],
              default_runs: int) -> None:
    """The command line of one bench module: ``--runs N``, then its figures as a table.

    ``title`` may hold ``{runs}``.
    """
    import argparse

    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--runs", type=int, default=default_runs)
    args = parser.parse_args()
    print_figures(title.format(runs=args.runs), figures(args.runs))
