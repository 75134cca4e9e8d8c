"""Long work off the GUI thread: ``BackgroundTask`` runs one callable on its own QThread, and
reports its progress and outcome by signal on the thread that made it; ``cancel()`` asks it to
stop. ``ProgressRow`` shows a task's progress with a Cancel button.

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
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.database import open_store
from app.errors import StorageError, ValidationError
from app.exchange.csv_file import CancelFlag, Cancelled, Progress
from app.workload import WorkloadService

# work(progress, cancelled) -> result
Work = Callable[[Progress, CancelFlag], Any]

# At most this often is progress passed on to the GUI thread (the last report always is).
_PROGRESS_INTERVAL = 0.05


class _Thread(QThread):
    """Runs the work; its signals are emitted from the worker thread and queued to the task."""

    started_threads: weakref.WeakSet[_Thread] = weakref.WeakSet()

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
    ``cancelled()`` (the work raised app.exchange.csv_file.Cancelled), then ``finished()``.
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
        _Thread.started_threads.add(self._thread)
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
        _Thread.started_threads.discard(self._thread)
        self._running = False
        self._ended = True
        if outcome == "ok":
            self.succeeded.emit(value)
        elif outcome == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(value)
        self.finished.emit()


def wait_for_background_work(timeout_ms: int = 30_000) -> bool:
    """Block until every task's work has returned (the app is quitting: a backup or an
    import must not be cut off halfway); return False if one outlived ``timeout_ms``."""
    return all(thread.wait(timeout_ms) for thread in list(_Thread.started_threads)
               if shiboken6.isValid(thread))


@contextmanager
def own_service(service: WorkloadService) -> Iterator[WorkloadService]:
    """Give a worker thread a service over its own connection to the same database file.

    A SQLite connection belongs to the thread that opened it; the worker's service is closed
    when the block ends. Its change notifications reach nobody: once the work is done, call
    ``service.changed_elsewhere(*what)`` on the GUI thread.
    """
    worker = WorkloadService(open_store(service.store.path, now=service.clock.now()), service.clock)
    try:
        yield worker
    finally:
        worker.store.close()


# Failures the user can act on (a bad file, a full disk, a locked database); anything else
# a task reports is a bug, to be raised on the GUI thread where the crash handler sees it.
EXPECTED_ERRORS: tuple[type[BaseException], ...] = (ValidationError, StorageError, OSError)


class ProgressRow(QWidget):
    """A progress bar with a Cancel button that follows one BackgroundTask at a time.

    It shows itself only when the task takes longer than ``delay_ms`` (a quick export does
    not flash a bar), and hides when the task ends.
    """

    def __init__(self, parent: QWidget | None = None, delay_ms: int = 300) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(True)
        self.bar.setAccessibleName("Progress")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.delay_ms = delay_ms
        self._task: BackgroundTask | None = None
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._appear)
        self.hide()

    def follow(self, task: BackgroundTask, text: str) -> None:
        """Show ``text`` and the task's progress until it ends."""
        self._task = task
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until the first report says how far
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancel")
        task.progressed.connect(self._on_progress)
        task.finished.connect(self._on_finished)
        self._show_timer.start(self.delay_ms)

    def cancel(self) -> None:
        """Ask the followed task to stop."""
        if self._task is not None and self._task.is_running:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText("Cancelling…")

    def _appear(self) -> None:
        if self._task is not None and self._task.is_running:
            self.show()

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(min(1000, done * 1000 // total))

    def _on_finished(self) -> None:
        self._show_timer.stop()
        self._task = None
        self.hide()
