"""Whole-process start to the week shown (``--smoke-test``, 25k entries) of this code against
another commit's, taken in turns so both meet the same machine load.

    python -m tests.bench.bench_start_against --against de6e537 [--runs 9]

The other commit is checked out into a temporary git worktree (removed afterwards) and run with
this checkout's .venv; each run gets a fresh copy of the same demo data.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from tests.bench.common import PYTHON, ROOT, Figure, copy_data_dir, demo_data_dir, print_figures

ENTRIES = 25_000


def _start(root: Path, data: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    began = time.perf_counter()
    subprocess.run([PYTHON, "-m", "app.main", "--smoke-test", "--data-dir", str(data)], cwd=root,
                   env=env, check=True, capture_output=True)
    return time.perf_counter() - began


def figures(against: str, runs: int) -> list[Figure]:
    """Return the median start of this code and of ``against``'s, measured in turns."""
    source = demo_data_dir(ENTRIES)
    other = Path(tempfile.mkdtemp(prefix="pmw-bench-against-")) / "tree"
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(other), against], cwd=ROOT,
                   check=True)
    times: dict[str, list[float]] = {"ours": [], "theirs": []}
    try:
        for _ in range(runs):
            for name, root in (("theirs", other), ("ours", ROOT)):
                data = copy_data_dir(source)
                try:
                    times[name].append(_start(root, data))
                finally:
                    shutil.rmtree(data, ignore_errors=True)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=ROOT, check=False)
        shutil.rmtree(other.parent, ignore_errors=True)
    ours, theirs = statistics.median(times["ours"]), statistics.median(times["theirs"])
    return [Figure("start", f"whole-process start to the week shown, {ENTRIES // 1000}k, median "
                            f"of {runs} in turns", f"{ours * 1000:.0f} ms",
                   f"{theirs * 1000:.0f} ms at {against}", ours / theirs, "<= 1.1x",
                   ours / theirs <= 1.1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--against", required=True, help="the commit to compare with")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    print_figures(f"Start against {args.against}", figures(args.against, args.runs))


if __name__ == "__main__":
    main()
