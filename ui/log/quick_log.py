"""QuickLogBar: the quick-log line, its autocomplete from history (tasks, and categories after
'#'), the live preview, the offer to create a new #category, and Start."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QStyle,
    QWidget,
)

from app.display import day_words, format_minutes
from app.domain import Kind, TaskUsage
from app.errors import StorageError, ValidationError
from app.log.quickadd import format_quick_add, match_categories
from app.workload import WorkloadService
from ui.common import theme
from ui.common.feedback import MessageLine
from ui.common.richtext import escape
from ui.log.models import TaskListModel, usual_minutes
from ui.log.new_category import NewCategoryOffer
from ui.log.suggestions import SuggestionDelegate, popup_rect

PLACEHOLDER = "What did you work on? e.g. Weekly status deck 45m ops #status"
EMPTY_HINT = ("Type a title and how long it took; optionally ops or strat, #category, "
              "a day (yesterday, mon, 20/11) and a start time (14:00, 9am). Enter saves, Ctrl+Enter "
              "starts a timer.")
SUGGESTIONS = 8
NO_DURATION = "no duration yet (add e.g. 45m, or Start a timer)"
# The window's entry shortcuts (Edit, Duplicate, Copy to today, Continue): a line edit takes some
# of them as editing keys on some platforms (Ctrl+E is end-of-line on X11), so the line lets
# them through; with the action disabled, the key still reaches the line.
WINDOW_KEYS = tuple(QKeySequence(k) for k in ("Ctrl+E", "Ctrl+D", "Ctrl+T", "Ctrl+Shift+C"))


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
        self.popups: tuple[QAbstractItemView, ...] = ()  # the suggestion popups
        # Asked before Enter saves: False when it took the Enter (to offer a new category).
        self.before_submit: Callable[[str], bool] = lambda text: True
        self.just_logged = ""  # the text last saved from the line: Ctrl+Z undoes its entry

    def event(self, event: QEvent) -> bool:
        # With nothing of the user's to undo in the line (it is empty, or holds what was just
        # logged), Ctrl+Z / Ctrl+Shift+Z go to the window's undo stack, as the Edit menu says.
        if event.type() == QEvent.Type.ShortcutOverride and (
                self._leaves_undo_to_window(event) or self._window_key(event)):
            event.ignore()
            return False
        return super().event(event)

    @staticmethod
    def _window_key(event: QKeyEvent) -> bool:
        """Return True for a key the window's entry actions own (see WINDOW_KEYS)."""
        return QKeySequence(event.keyCombination()) in WINDOW_KEYS

    def _leaves_undo_to_window(self, event: QKeyEvent) -> bool:
        if not (event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)):
            return False
        text = self.text()
        # Emptied by Esc, the line's own Ctrl+Z brings the text back first.
        return (not text.strip() and not self.isUndoAvailable()) or text == self.just_logged

    def popup_open(self) -> bool:
        """Return True while a suggestion popup is shown (it takes Esc)."""
        return any(popup.isVisible() for popup in self.popups)

    def _choosing(self) -> bool:
        """Return True while a suggestion is picked in a shown popup: Enter chooses it."""
        for popup in self.popups:
            if popup.isVisible():
                if popup.currentIndex().isValid():
                    return True
                popup.hide()  # nothing picked: Enter saves the line as typed
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._choosing():
                event.ignore()  # the completer takes this Enter: it chooses a suggestion
            elif event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.start_requested.emit(self.text())
                event.accept()
            else:
                if self.before_submit(self.text()):
                    self.submitted.emit(self.text())
                event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.text() and not self.popup_open():
            self.clear()  # undoable in the line: Ctrl+Z brings the text back
            event.accept()
            return
        super().keyPressEvent(event)


class QuickLogBar(QWidget):
    """The line, a Start button beside it, the offer of a new category and the preview under it.

    ``create_category_requested(text, kind)`` asks to log the line creating its #category
    of that kind (one service call: both are saved, or neither).
    """

    create_category_requested = Signal(str, object)

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
        self.new_category = NewCategoryOffer(self)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(4)
        layout.addWidget(self.line, 0, 0)
        layout.addWidget(self.start_button, 0, 1)
        layout.addWidget(self.new_category, 1, 0, 1, 2)
        layout.addWidget(self.preview, 2, 0, 1, 2)

        # Every task (most used first) and the few that match what is typed. The matching is
        # the service's (title or word prefixes), so the line and the command line agree.
        self.tasks: list[TaskUsage] = []
        self._offered_line = ""  # the line the new-category offer is for
        self._category_names: dict[int, str] = {}
        self.suggestions = TaskListModel(self)
        self.completer = QCompleter(self.suggestions, self)
        self.completer.setWidget(self.line)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(SUGGESTIONS)
        self.completer.popup().setAccessibleName("Tasks you logged before")
        self.completer.popup().setItemDelegate(SuggestionDelegate(
            TaskListModel.DETAIL_ROLE, TaskListModel.KIND_ROLE, self.completer.popup()))
        # After '#': the category names, completing only the word being typed.
        self.category_names = QStandardItemModel(self)
        self.category_completer = QCompleter(self.category_names, self)
        self.category_completer.setWidget(self.line)
        self.category_completer.setCompletionMode(
            QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.category_completer.setMaxVisibleItems(SUGGESTIONS)
        self.category_completer.popup().setAccessibleName("Categories")
        self.category_completer.popup().setItemDelegate(SuggestionDelegate(
            TaskListModel.DETAIL_ROLE, TaskListModel.KIND_ROLE, self.category_completer.popup()))
        self.line.popups = (self.completer.popup(), self.category_completer.popup())
        self.line.before_submit = self._offer_new_category

        self.line.textChanged.connect(self.update_preview)
        self.line.textEdited.connect(self._complete)
        self.line.textChanged.connect(self._leave_offer)
        self.completer.activated[str].connect(self.insert_task)
        self.category_completer.activated[str].connect(self.insert_category)
        self.new_category.accepted.connect(self._create_category)
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

    def _hash_word(self) -> tuple[int, int] | None:
        """Return (start, end) of the '#word' the cursor is in or just after, else None."""
        text, cursor = self.line.text(), self.line.cursorPosition()
        start = text.rfind(" ", 0, cursor) + 1
        end = text.find(" ", cursor)
        end = len(text) if end < 0 else end
        return (start, end) if text[start:start + 1] == "#" else None

    def _complete(self, text: str) -> None:
        word = self._hash_word()
        if word is not None:
            self.completer.popup().hide()
            self._complete_category(text[word[0] + 1:word[1]])
            return
        self.category_completer.popup().hide()
        matches = self.service.tasks.autocomplete(text, limit=SUGGESTIONS, usage=self.tasks)
        typed = " ".join(text.split()).casefold()
        if not matches or [m.task.title.casefold() for m in matches] == [typed]:
            self.completer.popup().hide()  # nothing to offer, or the title is typed in full
            return
        self.suggestions.set_tasks(matches, self._category_names)
        self._open(self.completer)

    def _complete_category(self, typed: str) -> None:
        try:
            kinds = {c.name: c.kind for c in self.service.categories.list()}
        except StorageError:
            return  # completion can wait; a save will report the problem
        found = match_categories(typed, list(kinds)) if typed else list(kinds)
        if not found or [n.casefold() for n in found] == [typed.casefold()]:
            self.category_completer.popup().hide()
            return
        self.category_names.clear()
        for name in found:  # under each name its default kind, as under a task's title
            item = QStandardItem(name)
            item.setData(f"{kinds[name].value} by default", TaskListModel.DETAIL_ROLE)
            item.setData(kinds[name], TaskListModel.KIND_ROLE)
            item.setEditable(False)
            self.category_names.appendRow(item)
        self._open(self.category_completer)

    def _open(self, completer: QCompleter) -> None:
        # Under the preview, which stays readable; nothing picked, so Enter saves the line as
        # typed and Down picks the first suggestion.
        completer.complete(popup_rect(self.line, self.preview))
        completer.popup().setCurrentIndex(QModelIndex())

    def insert_category(self, name: str) -> None:
        """Put '#name ' in place of the '#word' being typed, leaving the rest of the line."""
        word = self._hash_word()
        if word is None:
            return
        text = self.line.text()
        head, tail = text[:word[0]] + "#" + name, text[word[1]:]
        self.line.setText(head + (tail if tail.startswith(" ") else " " + tail))
        self.line.setFocus()
        self.line.setCursorPosition(len(head) + 1)

    def _new_category_in(self, text: str) -> str | None:
        """Return the #category the line names that doesn't exist yet (None: it exists, or
        the line is wrong in another way, or the name is archived)."""
        try:
            parsed = self.service.entries.parse(text, allow_new_category=True)
        except ValidationError:
            return None
        return parsed.category if parsed.new_category else None

    def _offer_new_category(self, text: str) -> bool:
        """Return True to save the line as it is; False when its #category is new and the
        offer to create it is shown instead (or, shown already, taken by this second Enter)."""
        if self.new_category.isVisible():
            self._create_category(self.new_category.chosen_kind())
            return False
        try:
            self.service.entries.parse(text)
            return True
        except ValidationError as error:
            if error.field != "category":
                return True  # the save says what is wrong
        name = self._new_category_in(text)
        if name is None:
            return True
        self._offered_line = text
        parsed = self.service.entries.parse(text, allow_new_category=True)
        self.new_category.offer(name, parsed.kind)
        self.preview.show_hint(
            f"Enter or Alt+C creates the category '{name}' and logs the line "
            f"{self._going_to(parsed.day)}; editing the line leaves it.")
        return False

    def _going_to(self, day: date | None) -> str:
        """Return where a line naming ``day`` (None: none) is logged, e.g. '→ tomorrow'."""
        today = self.service.clock.today()
        return "→ " + day_words(day or self.default_day or today, today)

    def _leave_offer(self, text: str) -> None:
        if self.new_category.isVisible() and text != self._offered_line:
            self.new_category.hide()  # the line changed: the offer was for another line

    def _create_category(self, kind: Kind) -> None:
        self.new_category.hide()
        self.create_category_requested.emit(self.line.text(), kind)
        self.line.setFocus()

    def insert_task(self, title: str) -> None:
        """Put a task's title in the line, quoted if needed, with the duration the line already
        gives, else the task's usual one, selected so that typing another replaces it."""
        today = self.service.clock.today()
        minutes = self._typed_minutes() or next(
            (usual_minutes(u) for u in self.suggestions.tasks() if u.task.title == title), None)
        head = format_quick_add(title, today=today)
        text = format_quick_add(title, minutes, today=today)
        self.line.setText(text + " ")
        self.line.setFocus()
        if minutes is None:
            self.line.end(False)
        else:  # the duration selected, the cursor after it
            self.line.setSelection(len(head) + 1, len(text) - len(head) - 1)

    def _typed_minutes(self) -> int | None:
        """Return the duration the line gives as typed (None: none, or not readable)."""
        try:
            return self.service.entries.parse(self.line.text()).minutes
        except ValidationError:
            return None

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
            new = self._new_category_in(text) if error.field == "category" else None
            if new:
                day = self.service.entries.parse(text, allow_new_category=True).day
                self.preview.show_hint(f"'{new}' is a new category: Enter offers to create it "
                                       f"({self._going_to(day)}).")
            else:
                self.preview.show_problem(str(error), prefix="Can't save yet: ")
            return
        except StorageError as error:
            self.preview.show_problem(str(error), prefix="")
            return
        today = self.service.clock.today()
        rich, plain = describe(values, today, into_viewed=into_viewed and values["day"] != today)
        if values["minutes"] is None:
            self.preview.show_hint(plain)  # not ready: Enter would ask how long it took
        else:
            self.preview.show_ok(rich, plain)

