"""The hint shown while the database has no entries, and the separate demo database.

Demo data never goes into the user's own file: ``create_demo_database`` writes a new
database in a temporary folder, which the window opens instead of the user's.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, time
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain import Kind
from ui.common.theme import kind_text_color

EXAMPLE = "Weekly status deck 45m ops #status"
DEMO_WEEKS = 26
_DEMO_PREFIX = "pm-workload-demo-"


class FirstRunHint(QFrame):
    """How to log a first entry, with a way to look around with demo data."""

    demoRequested = Signal()          # "Try with demo data"
    exampleRequested = Signal(str)    # "Try this line": put EXAMPLE in the quick-log line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunHint")
        self.setFrameShape(QFrame.Shape.StyledPanel)

        self.heading = QLabel("Log your first piece of work")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)

        self.how = QLabel()
        self.how.setWordWrap(True)
        self.how.setTextFormat(Qt.TextFormat.RichText)
        self.how.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                         | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.how.linkActivated.connect(lambda _: self.exampleRequested.emit(EXAMPLE))
        self._fill_text()

        self.demo_button = QPushButton("Try with demo data")
        self.demo_button.setToolTip("Open 26 made-up weeks of a product manager's work")
        self.demo_button.setAccessibleName("Try with demo data")
        self.demo_button.clicked.connect(self.demoRequested)
        self.demo_note = QLabel("Opens a separate demo file; your own data is not touched.")
        self.demo_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.demo_note.setWordWrap(True)
        demo_row = QHBoxLayout()
        demo_row.addWidget(self.demo_button)
        demo_row.addWidget(self.demo_note, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.how)
        layout.addSpacing(4)
        layout.addLayout(demo_row)

    def _fill_text(self) -> None:
        strategic = kind_text_color(Kind.STRATEGIC).name()
        operational = kind_text_color(Kind.OPERATIONAL).name()
        link = self.palette().color(QPalette.ColorRole.Link).name()
        self.how.setText(
            "Type what you did and how long: "
            f"<code style='font-size: large'><b>{EXAMPLE}</b></code> — <b>Enter</b> saves. "
            f"<a href='example' style='color: {link}'>Try this line</a>"
            "<br><br>"
            f"Say the kind with <b style='color: {strategic}'>strat</b> (moves the product "
            f"forward) or <b style='color: {operational}'>ops</b> (keeps the machine running); "
            "after the first time a task remembers its kind and category. "
            "<b>#category</b> picks a category by the start of its name; a time like "
            "<b>9:30</b> or a day like <b>yesterday</b> logs it there.")

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._fill_text()  # the kind colours differ on a dark palette


def create_demo_database(today: date, directory: Path | None = None,
                         weeks: int = DEMO_WEEKS, until: time | None = None) -> Path:
    """Write demo weeks ending on ``today``'s week into a new database; return its path.

    The database goes into ``directory`` (default: a new temporary folder) and must not
    exist yet, so demo data can never land in a database holding the user's own work.
    Remove it with ``remove_demo_database`` when the demo is closed.
    """
    from app import demo
    from app.database import database_path, open_store

    folder = Path(tempfile.mkdtemp(prefix=_DEMO_PREFIX)) if directory is None else Path(directory)
    path = database_path(folder)
    if path.exists():
        raise FileExistsError(f"{path} already exists; demo data only goes into a new file.")
    store = open_store(path)
    try:
        demo.fill(store, demo.generate(weeks, end=today, until=until))  # none ends after now
    finally:
        store.close()
    return path


def remove_demo_database(path: Path) -> None:
    """Delete a demo database made by ``create_demo_database`` in its own temporary folder."""
    folder = Path(path).parent
    if folder.name.startswith(_DEMO_PREFIX) and folder.parent == Path(tempfile.gettempdir()):
        shutil.rmtree(folder, ignore_errors=True)
