"""Time comes from the clock object only, and the suite passes on any date.

CI runs the suite again with the wall clock moved (tests/moved_clock/run); the last test here
proves that the move reached every kind of process the suite starts, so a shim that silently
did nothing would fail instead of passing on today's date.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.clock import Clock

ROOT = Path(__file__).resolve().parents[1]
_WALL_CLOCK = re.compile(
    r"\b(?:datetime\.(?:now|today|utcnow)|date\.today|time\.(?:time|time_ns|localtime|gmtime|"
    r"ctime|strftime)|Q(?:Date|DateTime|Time)\.current\w*)\(")
# app/clock.py is the clock; nothing else reads the wall clock (open_store takes the time
# that names a pre-migration copy from its caller).
_ALLOWED = {"app/clock.py": 1}

MOVED_TO = os.environ.get("PM_WORKLOAD_TEST_MOVED_TO")
MOVED_UTC_OFFSET = os.environ.get("PM_WORKLOAD_TEST_MOVED_UTC_OFFSET")


def test_only_the_clock_reads_the_wall_clock():
    found = {}
    for folder in ("app", "storage", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            hits = _WALL_CLOCK.findall(path.read_text(encoding="utf-8"))
            if hits:
                found[path.relative_to(ROOT).as_posix()] = len(hits)
    assert found == _ALLOWED


@pytest.mark.slow
@pytest.mark.skipif(not MOVED_TO, reason="only when the suite runs with a moved clock")
def test_the_moved_clock_moves_this_process_its_subprocesses_qt_and_sqlite(tmp_path):
    from PySide6.QtCore import QDate, Qt

    moved = date.fromisoformat(MOVED_TO)
    assert Clock().today() == moved
    assert Clock().now().strftime("%z") == MOVED_UTC_OFFSET  # the zone (and DST) asked for
    assert QDate.currentDate().toString(Qt.DateFormat.ISODate) == MOVED_TO

    import sqlite3

    conn = sqlite3.connect(":memory:")
    assert conn.execute("SELECT date('now', 'localtime')").fetchone()[0] == MOVED_TO
    conn.close()

    data = tmp_path / "data"
    added = subprocess.run(
        [sys.executable, "-m", "app", "add", "Clock check 5m ops", "--data-dir", str(data)],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert added.returncode == 0, added.stderr
    assert moved.strftime("%a %d %b %Y") in added.stdout  # the entry went on the moved day
    shell = subprocess.run(["date", "+%F"], capture_output=True, text=True, timeout=10)
    assert shell.stdout.strip() == MOVED_TO
