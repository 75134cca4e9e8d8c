"""Choosing a CSV file to read, and saying why one could not be read; shared by the import
and peers dialogs (tests replace ``ask_open_path``)."""

from __future__ import annotations

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

OPEN_FILTER = "CSV files (*.csv *.txt);;All files (*)"


def ask_open_path(parent: QWidget | None, caption: str) -> str | None:
    """Ask which CSV file to read; return the path, or None if cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _chosen = QFileDialog.getOpenFileName(parent, caption, folder, OPEN_FILTER)
    return path or None


def failure_text(error: BaseException) -> str:
    """Return what a user should read about an expected failure (a bad file, a full disk)."""
    return f"{error.strerror or error}." if isinstance(error, OSError) else str(error)
