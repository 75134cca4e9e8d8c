"""The bundle's size and its start-up time against the source run's.

Start-up: `--smoke-test` (window shown offscreen, then quit) on a 25,000-entry database,
median of N runs each. Run: .venv/bin/python -m tests.bench.bench_bundle [--runs N]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from tests.bench.common import PYTHON, copy_data_dir, demo_data_dir, print_table, time_process
from tests.test_bundle import build_bundle


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {"QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as tmp:
        exe = build_bundle(Path(tmp))
        data = copy_data_dir(demo_data_dir(25_000))
        source = time_process([str(Path(PYTHON).with_name("pm-workload")), "--smoke-test",
                               "--data-dir", str(data)], args.runs, env)
        bundled = time_process([str(exe), "--smoke-test", "--data-dir", str(data)], args.runs, env)
        size = folder_size(exe.parent)
    print_table(f"Bundle (median of {args.runs} starts, window up then quit, 25k entries)",
                ["measure", "value", "ratio"],
                [["bundle size (one folder)", f"{size / 2**20:.0f} MiB", ""],
                 ["start from source", f"{source * 1000:.0f} ms", "1.00"],
                 ["start from the bundle", f"{bundled * 1000:.0f} ms", f"{bundled / source:.2f}"]])


if __name__ == "__main__":
    main()
