"""Starting the window: QApplication, the database, the main window."""

from __future__ import annotations

import sys


def run_gui(data_dir: str | None = None, demo: bool = False) -> int:
    """Open the main window and run the event loop; return the exit code."""
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    label = QLabel("PM Workload — the window is on its way.")
    label.show()
    return app.exec()
