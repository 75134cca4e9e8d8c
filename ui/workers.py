"""Long work off the GUI thread: ``BackgroundTask`` runs one callable on its own QThread, and
reports its progress and outcome by signal on the thread that made it; ``cancel()`` asks it to
stop.

    task = BackgroundTask(lambda progress, cancelled: export(..., progress=progress,
                                                              cancelled=cancelled), parent=self)
    task.progressed.connect(bar.show_progress)
    task.succeeded.connect(self._on_done)
    task.start()

The callable gets ``progress(done, total)`` and ``cancelled()`` (True once cancel() was called)
as the app layer's long functions take them. It must not touch widgets nor the GUI thread's
database connection: ``own_service(service)`` gives it a service over a connection of its own.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, Signal, Slot

from app.csv_common import CancelFlag, Cancelled, Progress
from app.services import WorkloadService
from storage import open_store

# work(progress, cancelled) -> result
Work = Callable[[Progress, CancelFlag], Any]

# At most this often is progress passed on to the GUI thread (the last report always is).
_PROGRESS_INTERVAL = 0.05


class _Thread(QThread):
    """Runs the work; its signals are emitted from the worker thread and queued to the task."""

    reported = Signal(object, object)
    ended = Signal(str, object)   # ("ok" | "failed" | "cancelled", result or error)

    def __init__(self, work: Work, cancel_event: threading.Event, parent: QObject) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel_event = cancel_event
        self._last = 0.0

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last >= _PROGRESS_INTERVAL or done >= total:
            self._last = now
            self.reported.emit(done, total)

    def run(self) -> None:
        try:
            result = self._work(self._progress, self._cancel_event.is_set)
        except Cancelled as error:
            self.ended.emit("cancelled", error)
        except BaseException as error:  # noqa: BLE001 - every failure goes to the GUI thread
            self.ended.emit("failed", error)
        else:
            self.ended.emit("ok", result)


class BackgroundTask(QObject):
    """Runs ``work(progress, cancelled)`` once, off the GUI thread.

    Signals, all on the thread that made the task: ``progressed(done, total)`` while it runs
    (at most every 50 ms), then exactly one of ``succeeded(result)``, ``failed(error)`` or
    ``cancelled()`` (the work raised app.csv_common.Cancelled), then ``finished()``.
    Work that completes although cancel() was called still ends in ``succeeded``: what it
    wrote is written, and the caller must treat it as done.
    """

    progressed = Signal(object, object)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, work: Work, parent: QObject | None = None, name: str = "pm-workload-task") -> None:
        super().__init__(parent)
        self._cancel_event = threading.Event()
        self._thread = _Thread(work, self._cancel_event, self)
        self._thread.setObjectName(name)
        self._thread.reported.connect(self._on_reported)
        self._thread.ended.connect(self._on_ended)
        self._running = False
        self._ended = False

    def start(self) -> None:
        """Start the work (once)."""
        if self._running or self._ended:
            raise RuntimeError("A BackgroundTask runs once; make a new one.")
        self._running = True
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next check; the outcome still comes by signal."""
        self._cancel_event.set()

    @property
    def is_running(self) -> bool:
        """Return True from start() until the outcome has been signalled."""
        return self._running

    @property
    def cancel_requested(self) -> bool:
        return self._cancel_event.is_set()

    def stop_and_wait(self, timeout_ms: int = 30_000) -> bool:
        """Cancel, block until the thread has ended (for a closing window), and signal the
        outcome before returning; return False if the thread outlived ``timeout_ms``."""
        if not self._running:
            return True
        self._cancel_event.set()
        if not self._thread.wait(timeout_ms):
            return False
        # The outcome is queued to this object: deliver it now, not after the window is gone.
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        return True

    @Slot(object, object)
    def _on_reported(self, done: int, total: int) -> None:
        if self._running:
            self.progressed.emit(done, total)

    @Slot(str, object)
    def _on_ended(self, outcome: str, value: object) -> None:
        self._thread.wait()  # run() is returning: a moment at most
        self._running = False
        self._ended = True
        if outcome == "ok":
            self.succeeded.emit(value)
        elif outcome == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(value)
        self.finished.emit()


@contextmanager
def own_service(service: WorkloadService) -> Iterator[WorkloadService]:
    """Give a worker thread a service over its own connection to the same database file.

    A SQLite connection belongs to the thread that opened it; the worker's service is closed
    when the block ends. Its change notifications reach nobody: once the work is done, call
    ``service.changed_elsewhere(*what)`` on the GUI thread.
    """
    worker = WorkloadService(open_store(service.store.path), service.clock)
    try:
        yield worker
    finally:
        worker.store.close()
