"""The window's process beside command-line writers: a child that runs the real window and logs
through its quick-log line, and what a parent needs to drive it and check the file afterwards.

The child (``python -m tests.window_writer DATA_DIR PREFIX``) starts the app's real entry point
offscreen, runs the start-up backup worker at once (it opens a second connection in the
window's process, as in real use), prints ``ready``, then logs an entry every ``--interval-ms``
and prints each title once the line was saved ("reported saved"). ``--backup-every-ms`` runs
the backup worker again and again while it logs.
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READY = "ready"


# -- the child ------------------------------------------------------------------------------
def _child(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("prefix")
    parser.add_argument("--interval-ms", type=int, default=20)
    parser.add_argument("--backup-every-ms", type=int, default=0)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    from app.main import main
    from ui.shell.application import make_application

    make_application()
    QTimer.singleShot(0, lambda: _drive(args))
    return main(["--data-dir", args.data_dir])


def _drive(args: argparse.Namespace) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.shell.backup_dialogs import start_daily_backup
    from ui.shell.main_window import MainWindow

    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    line = window.log_page.quick.line
    count = [0]

    def log_one() -> None:
        title = f"{args.prefix} {count[0]}"
        line.setText(f"{title} 5m ops #status")
        QTest.keyClick(line, Qt.Key.Key_Return)
        if line.text():  # the line keeps its text when the entry was not saved
            print(f"not saved: {title}", file=sys.stderr, flush=True)
        else:
            print(title, flush=True)
        count[0] += 1

    def backup_again() -> None:
        start_daily_backup(window, window.service)

    def ready() -> None:
        print(READY, flush=True)
        logger = QTimer(window)
        logger.timeout.connect(log_one)
        logger.start(args.interval_ms)
        if args.backup_every_ms:
            backups = QTimer(window)
            backups.timeout.connect(backup_again)
            backups.start(args.backup_every_ms)

    start_daily_backup(window, window.service).finished.connect(ready)


# -- the parent -----------------------------------------------------------------------------
def child_env() -> dict[str, str]:
    """Return the environment for the children: this checkout first, no display."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


class WindowProcess:
    """A running window child: the titles it reported saved, and the files it held deleted."""

    def __init__(self, data_dir: Path, prefix: str = "Window", interval_ms: int = 20,
                 backup_every_ms: int = 0) -> None:
        self.saved: list[str] = []
        self.deleted: set[str] = set()
        self._ready = threading.Event()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.window_writer", str(data_dir), prefix,
             "--interval-ms", str(interval_ms), "--backup-every-ms", str(backup_every_ms)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=child_env(), text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for raw in self.process.stdout:  # type: ignore[union-attr]
            text = raw.strip()
            if text == READY:
                self._ready.set()
            elif text:
                self.saved.append(text)
        self._ready.set()  # the child ended: nobody waits for it in vain

    def wait_ready(self, timeout: float = 60) -> None:
        """Wait until the window is up and its start-up backup ran; raise if it died."""
        if not self._ready.wait(timeout) or self.process.poll() is not None:
            raise RuntimeError(f"the window did not start: {self.stderr()}")

    def wait_saved(self, more: int, timeout: float = 30) -> None:
        """Wait until the window reported ``more`` further entries saved."""
        target = len(self.saved) + more
        end = time.monotonic() + timeout
        while len(self.saved) < target and time.monotonic() < end and self.process.poll() is None:
            time.sleep(0.01)

    def check_files(self) -> set[str]:
        """Note (and return) the database files the window holds that were deleted."""
        self.deleted |= deleted_database_files(self.process.pid)
        return self.deleted

    def kill(self) -> None:
        """SIGKILL the window (as a crash would) and collect what it reported until then."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._reader.join(10)

    def stderr(self) -> str:
        if self.process.poll() is None:
            return ""
        return self.process.stderr.read()  # type: ignore[union-attr]


def deleted_database_files(pid: int) -> set[str]:
    """Return the database files (pm-workload.db, -wal, -shm) process ``pid`` holds deleted."""
    found = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        names = os.listdir(fd_dir)
    except OSError:
        return found
    for name in names:
        try:
            target = os.readlink(fd_dir / name)
        except OSError:
            continue  # closed meanwhile
        if "pm-workload.db" in target and target.endswith("(deleted)"):
            found.add(target)
    return found


def cli(data_dir: Path, *words: str) -> subprocess.CompletedProcess:
    """Run one `pm-workload` command on ``data_dir``; return the finished process."""
    return subprocess.run([sys.executable, "-m", "app", *words, "--data-dir", str(data_dir)],
                          cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=120)


def titles_in(db_path: Path) -> tuple[set[str], str]:
    """Return the titles of the entries in the file and its integrity_check answer."""
    conn = sqlite3.connect(db_path)
    try:
        titles = {row[0] for row in conn.execute(
            "SELECT tasks.title FROM entries JOIN tasks ON tasks.id = entries.task_id")}
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    return titles, integrity


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
