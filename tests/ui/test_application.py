"""Start-up: an unusable database, a second launch, other writers, backups, crashes, theme."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from app import backup
from app.logs import log_file
from app.workload import WorkloadService
from storage import database_path, open_store
from ui.common import crash
from ui.shell import application, recovery
from ui.shell.backup_dialogs import open_restore_dialog, start_daily_backup


@pytest.fixture(autouse=True)
def _keep_hooks(qapp, monkeypatch):
    """run_gui installs the crash hooks and may restyle the app; undo that after each test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    app = qapp
    style, palette = app.style().name(), app.palette()
    yield
    app.setStyle(style)
    app.setPalette(palette)


@pytest.fixture
def run_gui(qapp, monkeypatch):
    """run_gui without its event loop: the start-up paths are under test, not the loop.

    (A main window shown through a real exec() leaves later test windows unable to become
    active under the offscreen platform.)
    """
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)

    def run(data_dir, **kwargs) -> int:
        try:
            return application.run_gui(data_dir=str(data_dir), **kwargs)
        finally:
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            qapp.processEvents()

    return run


def _garbage_database(data_dir) -> bytes:
    data_dir.mkdir(parents=True, exist_ok=True)
    content = b"these are not the bytes of a database" * 10
    database_path(data_dir).write_bytes(content)
    return content


def test_an_unusable_database_is_never_overwritten_when_the_user_quits(run_gui, data_dir, monkeypatch,
                                                                       shown_messages):
    content = _garbage_database(data_dir)
    offered = []
    monkeypatch.setattr(recovery, "ask", lambda error, latest: offered.append(latest) or recovery.QUIT)
    assert run_gui(data_dir) == 1
    assert offered == [None]  # no backup to offer
    assert database_path(data_dir).read_bytes() == content
    assert "not a PM Workload database" in shown_messages.texts()[0]


def test_start_a_new_database_sets_the_unusable_one_aside(run_gui, data_dir, monkeypatch):
    content = _garbage_database(data_dir)
    monkeypatch.setattr(recovery, "ask", lambda error, latest: recovery.NEW)
    assert run_gui(data_dir) == 0
    aside = [p for p in data_dir.iterdir() if "unusable" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    with open_store(database_path(data_dir)) as store:
        assert WorkloadService(store).entries.count() == 0


def test_restore_the_newest_backup_of_an_unusable_database(run_gui, data_dir, monkeypatch):
    with open_store(database_path(data_dir)) as store:
        service = WorkloadService(store)
        service.entries.log_line("Weekly status deck 45m ops #status")
        backup.backup_now(service)
    for side in data_dir.glob("pm-workload.db*"):
        side.unlink()
    _garbage_database(data_dir)
    offered = []
    monkeypatch.setattr(recovery, "ask",
                        lambda error, latest: offered.append(latest) or recovery.RESTORE)
    assert run_gui(data_dir) == 0
    assert offered[0] is not None
    with open_store(database_path(data_dir)) as store:
        assert WorkloadService(store).entries.count() == 1


def test_a_locked_or_unreadable_database_offers_no_restore(run_gui, data_dir, monkeypatch, shown_messages):
    data_dir.mkdir(parents=True)
    database_path(data_dir).mkdir()  # a folder where the file should be
    monkeypatch.setattr(recovery, "ask", lambda *a: pytest.fail("nothing to restore here"))
    assert run_gui(data_dir) == 1
    assert "is a folder" in shown_messages.texts()[0]


def test_a_second_launch_brings_the_first_window_forward(qapp, data_dir, capsys):
    from ui.shell.single_instance import InstanceServer, try_lock

    data_dir.mkdir(parents=True)
    lock = try_lock(database_path(data_dir))  # as the first window holds it
    server = InstanceServer(database_path(data_dir))
    asked = []
    server.showRequested.connect(lambda: asked.append(True))
    try:
        assert application.run_gui(data_dir=str(data_dir)) == 0  # returns at once
        assert "already open" in capsys.readouterr().out
        for _ in range(50):
            qapp.processEvents()
            if asked:
                break
        assert asked
    finally:
        server.close()
        lock.unlock()


def test_a_lock_left_by_a_crashed_window_is_taken_over(data_dir):
    from ui.shell.single_instance import lock_path, try_lock

    data_dir.mkdir(parents=True)
    path = lock_path(database_path(data_dir))
    path.write_text("999999\npm-workload\nsome-host\n")  # a process that is gone
    lock = try_lock(database_path(data_dir))
    assert lock is not None
    lock.unlock()


def test_entries_logged_by_the_command_line_show_without_a_restart(qtbot, window, service):
    other = WorkloadService(open_store(service.store.path), service.clock)
    other.entries.log_line("Logged from the terminal 25m ops")
    other.store.close()
    application._check_elsewhere(window, service)
    model = window.log_page.model
    qtbot.waitUntil(lambda: "Logged from the terminal" in
                    [model.index(r, 3).data() for r in range(model.rowCount())])


def test_the_daily_backup_runs_off_the_gui_thread(qtbot, window, service):
    service.entries.log_line("Weekly status deck 45m ops #status")
    task = start_daily_backup(window, service)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: "Daily backup" in window.statusBar().currentMessage())
    assert len(backup.backups(service.store.path)) == 1


def test_restore_dialog_restores_and_clears_the_undo_history(qtbot, window, service, monkeypatch):
    import ui.shell.backup_dialogs as dialogs

    service.entries.log_line("Weekly status deck 45m ops #status")
    backup.backup_now(service)
    window.log_page.submit_line("Sprint admin 30m ops #delivery")
    assert window.undo_stack.count() == 1
    monkeypatch.setattr(dialogs, "confirm_restore", lambda parent, text: True)
    dialog = open_restore_dialog(window, service)
    qtbot.addWidget(dialog)
    dialog.restore_button.click()
    assert service.entries.count() == 1
    assert window.undo_stack.count() == 0
    assert "Restored" in window.statusBar().currentMessage()


def test_an_unexpected_error_is_logged_and_shown(shown_messages):
    try:
        raise RuntimeError("a bug")
    except RuntimeError as error:
        crash._excepthook(RuntimeError, error, error.__traceback__)
    title, text = shown_messages.boxes[0][1:]
    assert "unexpected" in title and str(log_file()) in text
    assert "RuntimeError: a bug" in log_file().read_text()


def test_the_dark_theme_can_be_asked_for(qapp, monkeypatch):
    from ui.common import theme

    monkeypatch.setenv(application.THEME_ENV, "dark")
    application.apply_theme(qapp)
    assert theme.is_dark()
    monkeypatch.setenv(application.THEME_ENV, "light")
    application.apply_theme(qapp)
    assert not theme.is_dark()
