"""Starting the window: QApplication, the database (or a throw-away demo one), the main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app.clock import Clock
from app.database import database_path, ensure_private_dir, open_store, resolve_data_dir
from app.errors import StorageError
from app.grammar import tell_system_date_order
from app.workload import WorkloadService
from ui.common import messages

ORGANIZATION = "PM Workload"
APPLICATION = "pm-workload"
DEMO_WEEKS = 26


def make_application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication, named so QSettings finds the window's saved state."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("PM Workload")
    app.setDesktopFileName(APPLICATION)
    from ui.common.resources import app_icon, asset_path

    if asset_path("icon.png").exists() or asset_path("icon.svg").exists():
        app.setWindowIcon(app_icon())
    tell_system_date_order(locale_date_order())
    return app  # type: ignore[return-value]


def locale_date_order(locale: QLocale | None = None) -> str:
    """Return 'mdy' when the locale's short date puts the month before the day (11/20/26, and
    2026-11-20 where the year comes first), else 'dmy'."""
    pattern = (locale or QLocale.system()).dateFormat(QLocale.FormatType.ShortFormat)
    day, month = pattern.find("d"), pattern.find("M")
    return "mdy" if 0 <= month < day else "dmy"


def open_service(data_dir: str | None, demo: bool,
                 clock: Clock | None = None) -> tuple[WorkloadService, Callable[[], None]]:
    """Open the user's database (or a fresh demo one in a temporary folder).

    Returns the service and what to call when the window is gone (closes the file and, for
    demo data, removes the temporary folder). Raises StorageError naming the file.
    """
    clock = clock or Clock()
    if demo:
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="pm-workload-demo-"))
        try:
            service = _demo_service(folder, clock)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise

        def close_demo() -> None:
            service.store.close()
            shutil.rmtree(folder, ignore_errors=True)

        return service, close_demo
    store = open_store(database_path(resolve_data_dir(data_dir)), now=clock.now())
    return WorkloadService(store, clock), store.close


def _demo_service(folder: Path, clock: Clock) -> WorkloadService:
    from app import demo

    store = open_store(database_path(folder), now=clock.now())
    service = WorkloadService(store, clock)
    now = service.clock.now().astimezone()
    demo.fill(store, demo.generate(DEMO_WEEKS, end=now.date(), until=now.time()))
    return service


EXTERNAL_CHANGES_POLL_MS = 2000
# Answering a second launch can wait until the first frames are painted: that launch asks
# for ASK_RUNNING_ATTEMPTS x 500 ms.
LISTEN_DELAY_MS = 250
DAILY_BACKUP_DELAY_MS = 5000
MATPLOTLIB_WARM_UP_DELAY_MS = 1500
ASK_RUNNING_ATTEMPTS = 4  # x 500 ms: a window that is still starting listens after it shows
THEME_ENV = "PM_WORKLOAD_THEME"  # light | dark | system (default)


def apply_theme(app: QApplication) -> None:
    """Follow the system's light/dark scheme, also where the platform style does not."""
    from PySide6.QtCore import Qt

    from ui.common import theme

    wanted = os.environ.get(THEME_ENV, "system").strip().casefold()
    if wanted == "system":
        scheme = app.styleHints().colorScheme()
        if scheme == Qt.ColorScheme.Unknown:
            return
        wanted = "dark" if scheme == Qt.ColorScheme.Dark else "light"
    if (wanted == "dark") != theme.is_dark():
        app.setStyle("Fusion")  # draws the palette faithfully on every platform
        (theme.apply_dark_palette if wanted == "dark" else theme.apply_light_palette)(app)


def _open_with_recovery(data_dir: str | None, demo: bool, clock: Clock):
    """Open the database; when the file is unusable, offer a backup or a new file (never
    overwriting it). Returns (service, close) or None when the user gives up."""
    for _attempt in range(2):
        try:
            return open_service(data_dir, demo, clock)
        except StorageError as error:
            from ui.shell import recovery

            db_path = database_path(resolve_data_dir(data_dir))
            if demo or not db_path.exists() or not recovery.recover(error, db_path, clock):
                messages.show_error(
                    None, "PM Workload cannot open its database",
                    f"{error}\n\nNothing was changed. Fix the problem and start PM Workload "
                    "again, or start it with --data-dir pointing at another folder.")
                return None
    return None


def run_gui(data_dir: str | None = None, demo: bool = False, smoke_test: bool = False,
            clock: Clock | None = None) -> int:
    """Open the main window and run the event loop; return the exit code (1: no database).

    ``smoke_test``: quit as soon as the window is up, printing what was opened (used to
    check that a bundle starts). ``clock``: the time the whole session reads (default the
    system clock).
    """
    clock = clock or Clock()
    from ui.common import crash

    app = make_application()
    crash.install()
    apply_theme(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))

    lock = None
    if not demo:
        from ui.shell import single_instance

        db_path = database_path(resolve_data_dir(data_dir))
        try:
            ensure_private_dir(db_path.parent)
        except OSError:
            pass  # opening the database will say what is wrong with the folder
        lock = single_instance.try_lock(db_path)
        if lock is None and single_instance.lock_is_held_elsewhere(
                single_instance.lock_path(db_path)):
            # Another window has this database: bring it forward (it may still be starting).
            for _attempt in range(ASK_RUNNING_ATTEMPTS):
                if single_instance.ask_running_instance(db_path):
                    print(f"PM Workload is already open on {db_path}; its window was brought "
                          "forward.")
                    return 0
            print(f"PM Workload is already starting on {db_path}.")
            return 0

    opened = _open_with_recovery(data_dir, demo, clock)
    if opened is None:
        return 1
    service, close = opened
    from ui.common.bridge import ServiceBridge
    from ui.shell.main_window import MainWindow

    # One bridge for the service's changes, owned by the application; the window hands it on.
    bridge = ServiceBridge(service, QApplication.instance())
    window = MainWindow(service, bridge=bridge, demo=demo)
    window.show()
    running = _after_show(window, service, lock is not None)
    if smoke_test:
        from PySide6.QtCore import QTimer

        def report_and_quit() -> None:
            shown = window.log_page.model.rowCount()
            print(f"PM Workload started: {service.store.path} ({shown} entries shown this week)",
                  flush=True)
            app.quit()

        QTimer.singleShot(0, report_and_quit)
    try:
        return app.exec()
    finally:
        running.stop()
        window.close()
        window.deleteLater()
        if "ui.common.workers" in sys.modules:  # a backup or an import still writing: let it finish
            sys.modules["ui.common.workers"].wait_for_background_work()
        close()
        if lock is not None:
            lock.unlock()


class _Running:
    """What runs beside the window once it shows; stopped when the event loop ends."""

    def __init__(self) -> None:
        self.poll = None
        self.server = None

    def stop(self) -> None:
        if self.poll is not None:
            self.poll.stop()
        if self.server is not None:
            self.server.close()


def _after_show(window, service: WorkloadService, listen: bool) -> _Running:
    """Start what must not delay the first paint: answering later launches, the daily backup,
    watching for other writers, loading matplotlib."""
    from PySide6.QtCore import QTimer

    from app.process import start_up_done

    running = _Running()
    db_path = service.store.path
    QTimer.singleShot(0, start_up_done)

    def start_listening() -> None:
        from ui.shell.single_instance import InstanceServer, bring_forward

        running.server = InstanceServer(db_path, window)
        running.server.showRequested.connect(lambda: bring_forward(window))

    if listen:
        QTimer.singleShot(LISTEN_DELAY_MS, window, start_listening)
    running.poll = QTimer(window)
    running.poll.setInterval(EXTERNAL_CHANGES_POLL_MS)
    running.poll.timeout.connect(lambda: _check_elsewhere(window, service))
    running.poll.start()
    # Load matplotlib in the background once the window is up, so the first look at the
    # Review page does not wait for it (it is never imported before the window shows).
    QTimer.singleShot(MATPLOTLIB_WARM_UP_DELAY_MS, window, _warm_up_charts)
    if listen:
        QTimer.singleShot(DAILY_BACKUP_DELAY_MS, window, lambda: _daily_backup(window, service))
    return running


def _daily_backup(window, service: WorkloadService) -> None:
    from ui.shell.backup_dialogs import start_daily_backup

    start_daily_backup(window, service)


def _warm_up_charts() -> None:
    from ui.review.charts import start_warm_up

    start_warm_up()


def _check_elsewhere(window, service: WorkloadService) -> None:
    try:
        service.check_for_changes_elsewhere()
    except StorageError as error:
        window.statusBar().showMessage(str(error), 8000)
