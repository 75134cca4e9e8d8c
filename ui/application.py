"""Starting the window: QApplication, the database (or a throw-away demo one), the main window."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.clock import Clock
from app.services import WorkloadService
from storage import StorageError, database_path, open_store, resolve_data_dir
from ui import messages

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
    from ui.resources import app_icon, asset_path

    if asset_path("icon.png").exists() or asset_path("icon.svg").exists():
        app.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


def open_service(data_dir: str | None, demo: bool,
                 clock: Clock | None = None) -> tuple[WorkloadService, Callable[[], None]]:
    """Open the user's database (or a fresh demo one in a temporary folder).

    Returns the service and what to call when the window is gone (closes the file and, for
    demo data, removes the temporary folder). Raises StorageError naming the file.
    """
    if demo:
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
    store = open_store(database_path(resolve_data_dir(data_dir)))
    return WorkloadService(store, clock), store.close


def _demo_service(folder: Path, clock: Clock | None) -> WorkloadService:
    from app import demo

    store = open_store(database_path(folder))
    service = WorkloadService(store, clock)
    demo.fill(store, demo.generate(DEMO_WEEKS, end=service.clock.today()))
    return service


def run_gui(data_dir: str | None = None, demo: bool = False) -> int:
    """Open the main window and run the event loop; return the exit code (1: no database)."""
    app = make_application()
    # PLUG-IN (theme, ui/theme.py): choose the light or dark palette here, before any window.
    try:
        service, close = open_service(data_dir, demo)
    except StorageError as error:
        messages.show_error(
            None, "PM Workload cannot open its database",
            f"{error}\n\nNothing was changed. Fix the problem and start PM Workload again, "
            "or start it with --data-dir pointing at another folder.")
        return 1
    from ui.main_window import MainWindow

    window = MainWindow(service, demo=demo)
    window.show()
    try:
        return app.exec()
    finally:
        close()
