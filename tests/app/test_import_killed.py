"""An import killed midway leaves the database as it was before (all or nothing)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from app import demo
from app.exchange.exporting import export_entries
from app.workload import WorkloadService
from storage import open_store
from storage.backups import backup_dir

ROOT = Path(__file__).resolve().parents[2]


def _count_and_check(db: Path) -> tuple[int, str]:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT count(*) FROM entries").fetchone()[0],
                conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.slow
def test_an_import_killed_while_writing_leaves_the_database_as_it_was(tmp_path):
    source = WorkloadService(open_store(tmp_path / "source" / "pm-workload.db"))
    demo.fill(source.store, demo.generate(demo.weeks_for(30_000), 3, end=date(2026, 11, 20)))
    rows = export_entries(source, tmp_path / "big.csv", date(1970, 1, 1), date(2026, 12, 31))
    source.store.close()

    original = tmp_path / "original"
    with open_store(original / "pm-workload.db") as store:
        WorkloadService(store).entries.log_line("My own entry 30m ops #status")
    rng = random.Random(4)
    outcomes = []
    for attempt in range(8):
        data = tmp_path / f"run{attempt}"
        shutil.copytree(original, data)
        db = data / "pm-workload.db"
        child = subprocess.Popen(
            [sys.executable, "-m", "app", "import", str(tmp_path / "big.csv"), "--data-dir", str(data)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)})
        # The backup is taken right before the write transaction begins: kill inside it.
        deadline = time.monotonic() + 30
        while not any(backup_dir(db).glob("*before-import*.db")) and time.monotonic() < deadline:
            if child.poll() is not None:
                break
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.25))
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        child.communicate()
        count, check = _count_and_check(db)
        assert check == "ok"
        assert count in (1, 1 + rows), f"a half-written import: {count} entries"
        outcomes.append("killed" if count == 1 else "finished")
    assert "killed" in outcomes  # the kills did land while it was writing
