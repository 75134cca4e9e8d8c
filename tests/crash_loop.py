"""Kill a logging process with SIGKILL at random moments; check nothing reported saved is lost.

Run for the figures: .venv/bin/python -m tests.crash_loop [--kills 50]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]


class CrashLoopResult(NamedTuple):
    kills: int
    reported: int
    found: int
    missing: int
    integrity_ok: int


def crash_loop(db_path: Path, kills: int, seed: int = 1, max_delay: float = 0.4) -> CrashLoopResult:
    """Start the writer ``kills`` times, kill it each time; return what was saved vs found."""
    rng = random.Random(seed)
    reported: set[int] = set()
    integrity_ok = 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_ in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_writer", str(db_path), f"Crash {round_}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env, text=True,
        )
        # Wait for the first saved entry so the kill lands mid-loop, then a random moment more.
        first = child.stdout.readline()
        if first.strip():
            reported.add(int(first))
        time.sleep(rng.uniform(0, max_delay))
        os.kill(child.pid, signal.SIGKILL)
        out, err = child.communicate()
        reported.update(int(line) for line in out.split() if line.strip())
        conn = sqlite3.connect(db_path)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok":
                integrity_ok += 1
        finally:
            conn.close()
    conn = sqlite3.connect(db_path)
    found = {row[0] for row in conn.execute("SELECT id FROM entries")}
    conn.close()
    return CrashLoopResult(kills, len(reported), len(reported & found), len(reported - found),
                           integrity_ok)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = crash_loop(Path(tmp) / "pm-workload.db", args.kills, args.seed)
    print("Crash loop (SIGKILL while logging)")
    print(f"  kills                      {result.kills}")
    print(f"  entries reported saved     {result.reported}")
    print(f"  of those found afterwards  {result.found}")
    print(f"  missing                    {result.missing}")
    print(f"  integrity checks passed    {result.integrity_ok} / {result.kills}")


if __name__ == "__main__":
    main()
