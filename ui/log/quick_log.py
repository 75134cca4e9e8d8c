"""QuickLogBar: the quick-log line, its autocomplete from history, the live preview and Start."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCompleter,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QStyle,
    QWidget,
)

from app.display import day_words, format_minutes
from app.domain import TaskUsage
from app.errors import StorageError, ValidationError
from app.log.quickadd import format_quick_add
from app.workload import WorkloadService
from ui.common import theme
from ui.common.feedback import MessageLine
from ui.common.richtext import escape
from ui.log.models import TaskListModel

PLACEHOLDER = "What did you work on? e.g. Weekly status deck 45m ops #status"
EMPTY_HINT = ("Type a title and how long it took; optionally ops or strat, #category, "
              "a day (yesterday, mon) and a start time (14:00). Enter saves, Ctrl+Enter starts a timer.")
SUGGESTIONS = 8
NO_DURATION = "no duration yet (add e.g. 45m, or Start a timer)"


def describe(values: dict[str, Any], today: date, *, into_viewed: bool = False) -> tuple[str, str]:
    """Return (rich, plain) text of how resolved values will be saved, e.g.
    'Weekly status deck · 45 min · operational · Status reports & decks · today'
    (the day as '→ Tue 24 Nov' when it is the viewed day, not one the line names)."""
    kind = values["kind"]
    when = ("→ " if into_viewed else "") + day_words(values["day"], today)
    if values["start"] is not None:
        when += f" at {values['start']:%H:%M}"
    category = values["category"].name if values["category"] else values["new_category"]
    plain = [values["title"],
             format_minutes(values["minutes"]) if values["minutes"] else NO_DURATION,
             kind.value, category or "no category", when]
    if values["task_id"] is None:
        plain.append("new task")
    rich = [escape(p) for p in plain]
    rich[0] = f"<b>{rich[0]}</b>"
    rich[2] = f"<span style='color:{theme.kind_text_color(kind).name()}'><b>{rich[2]}</b></span>"
    return " · ".join(rich), " · ".join(plain)


class QuickLogLine(QLineEdit):
    """The line itself: Enter asks to save, Ctrl+Enter to start a timer, Esc empties it."""

    submitted = Signal(str)
    start_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggestions_popup: QWidget | None = None
        self.just_logged = ""  # the text last saved from the line: Ctrl+Z undoes its entry

    def event(self, event: QEvent) -> bool:
        # With nothing of the user's to undo in the line (it is empty, or holds what was just
        # logged), Ctrl+Z / Ctrl+Shift+Z go to the window's undo stack, as the Edit menu says.
        if event.type() == QEvent.Type.ShortcutOverride and self._leaves_undo_to_window(event):
            event.ignore()
            return False
        return super().event(event)

    def _leaves_undo_to_window(self, event: QKeyEvent) -> bool:
        if not (event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)):
            return False
        text = self.text()
        # Emptied by Esc, the line's own Ctrl+Z brings the text back first.
        return (not text.strip() and not self.isUndoAvailable()) or text == self.just_logged

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.suggestions_popup is not None and self.suggestions_popup.isVisible():
                event.ignore()  # the completer takes this Enter: it chooses a suggestion
            elif event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.start_requested.emit(self.text())
                event.accept()
            else:
                self.submitted.emit(self.text())
                event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.text() and not (
                self.suggestions_popup is not None and self.suggestions_popup.isVisible()):
            self.clear()  # undoable in the line: Ctrl+Z brings the text back
            event.accept()
            return
        super().keyPressEvent(event)


class QuickLogBar(QWidget):
    """The line, a Start button beside it and the preview under it."""

    def __init__(self, service: WorkloadService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.default_day: date | None = None  # the viewed day, where a line naming none goes
        self.line = QuickLogLine(self)
        self.line.setPlaceholderText(PLACEHOLDER)
        self.line.setAccessibleName("Quick log")
        self.line.setAccessibleDescription(EMPTY_HINT)
        self.line.setClearButtonEnabled(True)
        self.line.setMinimumHeight(self.line.sizeHint().height() + 6)
        self.start_button = QPushButton("Start timer", self)
        self.start_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.start_button.setToolTip("Start a timer for what the line says (Ctrl+Enter)")
        self.start_button.setAccessibleName("Start timer")
        self.preview = MessageLine(self, "Preview")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(4)
        layout.addWidget(self.line, 0, 0)
        layout.addWidget(self.start_button, 0, 1)
        layout.addWidget(self.preview, 1, 0, 1, 2)

        # Every task (most used first) and the few that match what is typed. The matching is
        # the service's (title or word prefixes), so the line and the command line agree.
        self.tasks: list[TaskUsage] = []
        self._category_names: dict[int, str] = {}
        self.suggestions = TaskListModel(self)
        self.completer = QCompleter(self.suggestions, self)
        self.completer.setWidget(self.line)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(SUGGESTIONS)
        self.completer.popup().setAccessibleName("Tasks you logged before")
        self.line.suggestions_popup = self.completer.popup()

        self.line.textChanged.connect(self.update_preview)
        self.line.textEdited.connect(self._complete)
        self.completer.activated[str].connect(self.insert_task)
        self.start_button.clicked.connect(lambda: self.line.start_requested.emit(self.line.text()))
        self.update_preview(self.line.text())

    def set_tasks(self, tasks: list[TaskUsage], category_names: dict[int, str] | None = None) -> None:
        """Complete from these tasks (most used first); category names label the suggestions."""
        self.tasks = list(tasks)
        if category_names is not None:
            self._category_names = dict(category_names)

    def text(self) -> str:
        return self.line.text()

    def clear(self) -> None:
        """Empty the line; its own undo history goes too (Ctrl+Z then undoes the entry)."""
        self.line.setText("")

    def logged(self) -> None:
        """Empty the line after its text was saved as an entry."""
        self.line.just_logged = self.line.text()
        self.clear()

    def show_problem(self, message: str) -> None:
        """Show why the line was not saved, under it (the text stays as typed)."""
        self.preview.show_problem(message)

    def _complete(self, text: str) -> None:
        matches = self.service.tasks.autocomplete(text, limit=SUGGESTIONS, usage=self.tasks)
        typed = " ".join(text.split()).casefold()
        if not matches or [m.task.title.casefold() for m in matches] == [typed]:
            self.completer.popup().hide()  # nothing to offer, or the title is typed in full
            return
        self.suggestions.set_tasks(matches, self._category_names)
        self.completer.complete()

    def insert_task(self, title: str) -> None:
        """Put a task's title in the line, quoted if needed, ready for the duration."""
        self.line.setText(format_quick_add(title, today=self.service.clock.today()) + " ")
        self.line.setFocus()
        self.line.end(False)

    def update_preview(self, text: str) -> None:
        """Show how the line would be saved, or what is wrong with it (reads only)."""
        if not text.strip():
            self.preview.show_hint(EMPTY_HINT)
            return
        try:
            typed = self.service.entries.draft_from_line(text)
            into_viewed = typed.day is None and self.default_day is not None
            draft = typed._replace(day=self.default_day) if into_viewed else typed
            values = self.service.entries.resolve(draft, need_minutes=False)
        except ValidationError as error:
            self.preview.show_problem(str(error), prefix="Can't save yet: ")
            return
        except StorageError as error:
            self.preview.show_problem(str(error), prefix="")
            return
        today = self.service.clock.today()
        rich, plain = describe(values, today, into_viewed=into_viewed and values["day"] != today)
        self.preview.show_ok(rich, plain)

