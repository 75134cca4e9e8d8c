"""Soak: the window open for minutes while the command line adds, exports, imports and backs up
in a loop and the window logs too; then the window is killed (SIGKILL, as a crash would).
Prints the entries each side reported saved against those found, and integrity_check.

Run: .venv/bin/python -m tests.bench.bench_soak [--minutes 2] (--minutes 0.3 for a quick run)

Not part of run_all: it takes minutes, and its figures are counts, not speeds.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from tests.bench.common import print_table
from tests.window_writer import WindowProcess, cli, titles_in


def soak(data_dir: Path, seconds: float) -> list[tuple[str, str]]:
    """Run the soak for ``seconds``; return its figures as (measure, value) rows."""
    window = WindowProcess(data_dir, "Window", interval_ms=100, backup_every_ms=5000)
    cli_saved: list[str] = []
    failed: list[str] = []
    rounds = 0
    csv = data_dir.parent / "soak-export.csv"
    try:
        window.wait_ready()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            title = f"Command line {rounds}"
            steps = [("add", ["add", f"{title} 5m ops #status"]),
                     ("export", ["export", "--output", str(csv)]),
                     ("import", ["import", str(csv)]),
                     ("backup", ["backup"])]
            for name, words in steps:
                done = cli(data_dir, *words)
                if done.returncode != 0:
                    failed.append(f"{name}: {done.stderr.strip()}")
                elif name == "add":
                    cli_saved.append(title)
                window.check_files()
            rounds += 1
    finally:
        window.kill()
    titles, integrity = titles_in(data_dir / "pm-workload.db")
    rows = [
        ("seconds", f"{seconds:.0f}"),
        ("command-line rounds (add, export, import, backup)", str(rounds)),
        ("command-line commands failed", str(len(failed))),
        ("window entries reported saved", str(len(window.saved))),
        ("  of those found afterwards", str(len(set(window.saved) & titles))),
        ("command-line entries reported saved", str(len(cli_saved))),
        ("  of those found afterwards", str(len(set(cli_saved) & titles))),
        ("deleted database files the window held", str(len(window.deleted))),
        ("integrity_check", integrity),
    ]
    for message in failed[:5]:
        rows.append(("  a failure", message[:100]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=2.0)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pmw-soak-"))
    try:
        rows = soak(folder / "data", args.minutes * 60)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print_table(f"Soak: the window and the command line together for {args.minutes:g} min, "
                "then SIGKILL", ["measure", "value"], rows)


if __name__ == "__main__":
    main()
