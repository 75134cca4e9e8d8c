"""Shared benchmark helpers: demo databases, timing whole processes, printing tables."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
_CACHE = Path(tempfile.gettempdir()) / "pm-workload-bench"


def demo_data_dir(entries: int, seed: int = 7) -> Path:
    """Return a data dir holding about ``entries`` demo entries (built once, then reused)."""
    from app import demo
    from storage import database_path, open_store

    target = _CACHE / f"demo-{entries}-{seed}"
    db = database_path(target)
    if not db.exists():
        target.mkdir(parents=True, exist_ok=True)
        partial = target / "building.db"
        partial.unlink(missing_ok=True)
        with open_store(partial) as store:
            demo.fill(store, demo.generate(demo.weeks_for(entries), seed, date(2026, 11, 24)))
        partial.rename(db)
    return target


def copy_data_dir(source: Path) -> Path:
    """Return a fresh copy of a data dir (for benchmarks that write)."""
    import shutil

    target = Path(tempfile.mkdtemp(prefix="pmw-bench-"))
    for item in source.iterdir():
        if item.is_file():
            shutil.copy2(item, target / item.name)
    return target


def time_process(argv: Sequence[str], runs: int = 7, env: dict | None = None) -> float:
    """Return the median wall time in seconds of running a whole process ``runs`` times."""
    environment = {**os.environ, **(env or {})}
    # Time the program as installed: with its bytecode cached, as the stdlib baseline has.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(argv, env=environment, check=True, capture_output=True)  # warm the disk cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=environment, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
