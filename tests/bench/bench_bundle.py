"""The bundle's size and its start-up time against the source run's.

Start-up: `--smoke-test` (window shown offscreen, then quit) on a 25,000-entry database,
median of N runs each. Run: .venv/bin/python -m tests.bench.bench_bundle [--runs N]
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tests.bench.common import (
    PYTHON,
    Figure,
    copy_data_dir,
    demo_data_dir,
    ms,
    run_bench,
    time_processes,
)
from tests.test_bundle import build_bundle


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def figures(runs: int = 5) -> list[Figure]:
    """Return the bundle's size and its start-up time against the source run's (builds it: ~1 min)."""
    from tests.bench.bench_log_window import gui_env

    with tempfile.TemporaryDirectory() as tmp:
        env = gui_env(Path(tmp))   # the window's settings and socket in the temp dir
        (Path(tmp) / "run").mkdir(mode=0o700)
        exe = build_bundle(Path(tmp))
        data = copy_data_dir(demo_data_dir(25_000))
        source, bundled = time_processes([
            [str(Path(PYTHON).with_name("pm-workload")), "--smoke-test", "--data-dir", str(data)],
            [str(exe), "--smoke-test", "--data-dir", str(data)]], runs, env)
        size = folder_size(exe.parent)
        shutil.rmtree(data, ignore_errors=True)
    return [Figure("bundle", "bundle size (one folder)", f"{size / 2**20:.0f} MiB"),
            Figure("bundle", "start from the bundle, window up then quit (25k entries)", ms(bundled),
                   f"{ms(source)} from source", bundled / source)]


def main() -> None:
    run_bench(__doc__, "Bundle (median of {runs} starts, window up then quit)", figures, 5)


if __name__ == "__main__":
    main()
