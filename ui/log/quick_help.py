"""The short help for the quick-log line's syntax (F1): the README's quick-add table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.common.richtext import escape

TITLE = "Quick-log line: how to write it"
# (part, examples, notes), as in the README's "The quick-add line".
PARTS = (
    ("duration", "45m  45 min  1h  1 hour  1h30  1 h 30 min  1.5h  1:30h  90",
     "a bare number is minutes; 1 min to 24 h; in words: an hour, half an hour, a quarter of "
     "an hour, an hour and a half"),
    ("kind", "strategic  strat  s · operational  ops  o",
     "if left out: the task's last entry, then the category's default"),
    ("category", "#status  #Status reports  #discovery",
     "case-insensitive, a unique start of the name or of a word in it; after # the names are "
     "completed, and a new one is offered to be created (Alt+C)"),
    ("date", "today  yesterday  tomorrow  fri  20/11  20.11.  2026-11-20",
     "a weekday or a day without a year means the most recent one (up to tomorrow); 20/11 is "
     "read in the setting date_order (dmy or mdy, default the system's)"),
    ("start", "14:00  9am  9:30 pm  9.30  noon", "optional"),
)
KEYS = (("Enter", "save the line as an entry"), ("Ctrl+Enter", "start a timer for it"),
        ("Esc", "empty the line"), ("Ctrl+Z", "undo the last entry (while the line is empty)"),
        ("Ctrl+L / Ctrl+F", "go to the line / the filter"), ("Esc here", "close this help"))


def help_html() -> str:
    """Return the help as rich text: the title first, then the parts in any order, then keys."""
    rows = "".join(
        f"<tr><td><b>{escape(part)}</b></td><td><code>{escape(examples)}</code></td>"
        f"<td>{escape(notes)}</td></tr>" for part, examples, notes in PARTS)
    keys = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(what)}</td></tr>" for k, what in KEYS)
    return (
        "<p>The title comes first, then in any order:</p>"
        f"<table cellspacing='0' cellpadding='4'>{rows}</table>"
        "<p>For example <code>Weekly status deck 45m ops #status</code>. Fields are read from the "
        "end, so a title may hold numbers (<code>Review 2 PRDs 30m</code>); put a title in double "
        "quotes to take it literally: <code>\"Fix #123 today\" 30m o</code>.</p>"
        f"<table cellspacing='0' cellpadding='3'>{keys}</table>")


class QuickAddHelp(QDialog):
    """The help, beside the window (not modal: the PM can type while reading it). It opens
    focused, so Esc closes it, and is a window of its own: a dialog would stay above the main
    window, over what the PM is typing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.text = QLabel(help_html(), self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("Quick-log syntax")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        handle = self.windowHandle()
        if handle is not None:
            handle.setTransientParent(None)  # a transient window is kept above the main one
        self.activateWindow()  # F1 was pressed in the main window: Esc should reach this one

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self.parentWidget() is not None:  # back to where F1 was pressed
            self.parentWidget().window().activateWindow()
