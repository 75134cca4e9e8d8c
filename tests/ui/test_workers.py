"""BackgroundTask: work off the GUI thread, progress and outcome by signal, cancel by flag."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from app.errors import ValidationError
from app.exchange.csv_file import check_cancel
from ui.common.workers import BackgroundTask, own_service, wait_for_background_work


def test_the_work_runs_off_the_gui_thread_and_its_result_comes_back_on_it(qtbot):
    gui = QThread.currentThread()
    seen: dict = {}

    def work(progress, cancelled):
        seen["thread"] = QThread.currentThread()
        for done in range(1, 4):
            progress(done, 3)
        return "result"

    task = BackgroundTask(work)
    reports: list[tuple[int, int]] = []
    task.progressed.connect(lambda done, total: reports.append((done, total)))
    task.succeeded.connect(lambda result: seen.setdefault("on", QThread.currentThread()))
    with qtbot.waitSignal(task.succeeded) as blocker, qtbot.waitSignal(task.finished):
        task.start()
    assert blocker.args == ["result"]
    assert seen["thread"] is not gui and seen["on"] is gui
    assert reports[-1] == (3, 3)  # the last report always gets through
    assert not task.is_running


def test_a_failure_is_signalled_with_the_error(qtbot):
    def work(progress, cancelled):
        raise ValidationError("The file is odd.", "file")

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.failed) as blocker:
        task.start()
    assert str(blocker.args[0]) == "The file is odd."


def test_cancel_reaches_the_work_and_ends_in_cancelled(qtbot):
    started = threading.Event()

    def work(progress, cancelled):
        started.set()
        while True:
            check_cancel(cancelled)
            threading.Event().wait(0.001)

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.cancelled), qtbot.waitSignal(task.finished):
        task.start()
        assert started.wait(5)
        task.cancel()
    assert task.cancel_requested and not task.is_running
    with pytest.raises(RuntimeError):
        task.start()


def test_stop_and_wait_delivers_the_outcome_before_returning(qtbot):
    release = threading.Event()

    def work(progress, cancelled):
        release.wait(5)
        return 42  # finished although cancelled: the caller must hear it

    task = BackgroundTask(work)
    got: list = []
    task.succeeded.connect(got.append)
    task.start()
    release.set()
    assert task.stop_and_wait()
    assert got == [42]


def test_own_service_is_a_second_connection_closed_afterwards(service):
    with own_service(service) as worker:
        assert worker.store is not service.store
        assert worker.store.path == service.store.path
        assert worker.clock is service.clock
    with pytest.raises(Exception):  # noqa: B017 - sqlite3.ProgrammingError or StorageError
        worker.store.conn.execute("select 1")


def test_quitting_waits_for_work_still_running(qtbot):
    """The app quits only once a backup or an import has finished writing."""
    release, written = threading.Event(), []

    def work(progress, cancelled):
        release.wait(5)
        threading.Event().wait(0.05)
        written.append("all of it")

    task = BackgroundTask(work)
    task.start()
    release.set()
    assert wait_for_background_work(5000)
    assert written == ["all of it"]
    qtbot.waitSignal(task.finished).wait()
    assert wait_for_background_work(0)  # nothing left running
