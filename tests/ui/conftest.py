"""Fixtures for window tests: a shown main window over the test's service, and no modal boxes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from ui.common import messages


class Shown:
    """The message boxes a test caused: (kind, title, text), instead of blocking on them."""

    def __init__(self) -> None:
        self.boxes: list[tuple[str, str, str]] = []

    def texts(self) -> list[str]:
        return [text for _, _, text in self.boxes]


@pytest.fixture(autouse=True)
def shown_messages(monkeypatch) -> Shown:
    """Record every message box instead of showing it (a modal box would hang the test)."""
    shown = Shown()
    monkeypatch.setattr(messages, "show_error",
                        lambda parent, title, text: shown.boxes.append(("error", title, text)))
    monkeypatch.setattr(messages, "show_info",
                        lambda parent, title, text: shown.boxes.append(("info", title, text)))
    return shown


@pytest.fixture
def ui_settings(tmp_path) -> QSettings:
    """Window state kept in the test's own file, never the user's."""
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, service, ui_settings):
    """The main window over the test's service, shown and active (so shortcuts work)."""
    from ui.shell.main_window import MainWindow

    win = MainWindow(service, ui_settings=ui_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


@pytest.fixture
def page(window):
    """The Log page of the shown window."""
    return window.log_page
