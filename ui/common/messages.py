"""Message boxes, in one place so tests can replace them instead of blocking on a modal dialog.

Call them as ``messages.show_error(...)`` (not ``from ui.common.messages import show_error``) so that
``monkeypatch.setattr("ui.common.messages.show_error", ...)`` reaches every caller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """Show a problem the user has to read before going on (a modal box)."""
    from PySide6.QtWidgets import QMessageBox  # imported here: not needed to start the window

    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(title)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before doing something that changes the data; return True when the user said go.

    ``action`` is the button that goes ahead ("Undo import"); Cancel is the default.
    """
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel,
                      parent)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAccessibleName(title)
    box.exec()
    return box.clickedButton() is go


def show_status(window: QWidget | None, text: str, timeout_ms: int = 8000) -> None:
    """Say ``text`` in the window's status bar for a while (a window without one: nothing)."""
    bar = getattr(window, "statusBar", None)
    if callable(bar):
        bar().showMessage(text, timeout_ms)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    """Show a piece of information (the About box)."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(parent, title, text)
