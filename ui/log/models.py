"""Qt models over the service's values: one week's entries, the filter over them, the task list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from app.display import format_duration, format_minutes
from app.domain import Entry, Kind, TaskUsage
from ui.common import theme

COL_DAY, COL_START, COL_DURATION, COL_TITLE, COL_KIND, COL_CATEGORY, COL_NOTE = range(7)
HEADERS = ("Day", "Start", "Duration", "Title", "Kind", "Category", "Note")

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1   # the Entry of a row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2    # a value that sorts the column as the user expects

# Columns edited in place, and the service.edit field each one changes.
EDITABLE = {COL_TITLE: "title", COL_DURATION: "minutes", COL_KIND: "kind",
            COL_CATEGORY: "category", COL_NOTE: "note"}

# editor(entry, field, text) -> True when the change was saved.
Editor = Callable[[Entry, str, Any], bool]

_Index = QModelIndex | QPersistentModelIndex
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
# Painting asks data() and flags() a thousand times a frame; enum arithmetic is slow in Python.
_DISPLAY, _EDIT, _TOOLTIP, _DECORATION, _ALIGNMENT = (int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.TextAlignmentRole))
_READ_ONLY = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
              | Qt.ItemFlag.ItemNeverHasChildren)
_EDITABLE_FLAGS = _READ_ONLY | Qt.ItemFlag.ItemIsEditable


def day_text(day: date) -> str:
    """Return a day as the table shows it: 'Tue 24 Nov'."""
    return f"{day:%a} {day.day} {day:%b}"


def kind_icon(kind: Kind) -> QIcon:
    """Return a small dot in the kind's colour (beside its word: colour is never alone)."""
    colour = theme.kind_color(kind)
    key = (kind, colour.name())
    icon = _ICONS.get(key)
    if icon is None:
        pixmap = QPixmap(12, 12)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        icon = _ICONS[key] = QIcon(pixmap)
    return icon


_ICONS: dict[tuple[Kind, str], QIcon] = {}


class EntriesModel(QAbstractTableModel):
    """The entries of the shown week, one row each; edits go through ``editor``."""

    def __init__(self, parent=None, editor: Editor | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._shown: list[tuple[str, ...]] = []  # each row's display texts, made once per load
        self._sort_keys: dict[int, list[Any]] = {}  # column -> each row's key, made when sorted
        self._editor = editor

    def set_entries(self, entries: Sequence[Entry]) -> None:
        """Show these entries instead of the current ones."""
        self.beginResetModel()
        self._entries = list(entries)
        self._shown = [tuple(self._display(e, c) for c in range(len(HEADERS))) for e in self._entries]
        self._sort_keys = {}
        self.endResetModel()

    def entries(self) -> list[Entry]:
        """Return the entries shown, in the order they were given."""
        return self._entries

    # -- QAbstractTableModel ------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _ALIGN_RIGHT if section == COL_DURATION else _ALIGN_LEFT
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() in EDITABLE and self._editor is not None:
            return _EDITABLE_FLAGS
        return _READ_ONLY

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            return self._shown[row][column]
        if role == _ALIGNMENT:
            return _ALIGN_RIGHT if column == COL_DURATION else _ALIGN_LEFT
        entry = self._entries[row]
        if role == ENTRY_ROLE:
            return entry
        if role == SORT_ROLE:
            # A sort asks each row's key n log n times: each key is made once per load.
            keys = self._sort_keys.get(column)
            if keys is None:
                keys = self._sort_keys[column] = [self._sort_key(e, column) for e in self._entries]
            return keys[row]
        if role == _EDIT:
            return self._edit_text(entry, column)
        if role == _TOOLTIP:
            return self._tooltip(entry, column)
        if column == COL_KIND and role == _DECORATION:
            return kind_icon(entry.kind)  # the dot; the text keeps the palette's colour,
        return None                       # readable on a selected row too

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid() or self._editor is None
                or index.column() not in EDITABLE):
            return False
        entry = self._entries[index.row()]
        if value == self._edit_text(entry, index.column()):
            return False  # nothing changed: no undo step, no write
        # The editor saves and the page reloads the week, which refreshes this row.
        return self._editor(entry, EDITABLE[index.column()], value)

    # -- what each column shows ---------------------------------------------------------
    @staticmethod
    def _display(entry: Entry, column: int) -> str:
        if column == COL_DAY:
            return day_text(entry.day)
        if column == COL_START:
            return entry.start.strftime("%H:%M") if entry.start else ""
        if column == COL_DURATION:
            return format_minutes(entry.minutes)
        if column == COL_TITLE:
            return entry.title
        if column == COL_KIND:
            return theme.kind_word(entry.kind)
        if column == COL_CATEGORY:
            return entry.category or ""
        if column == COL_NOTE:
            return " ".join(entry.note.split())
        return ""

    @staticmethod
    def _edit_text(entry: Entry, column: int) -> str:
        if column == COL_DURATION:
            return format_duration(entry.minutes)
        if column == COL_KIND:
            return entry.kind.value
        if column == COL_NOTE:
            return entry.note
        return EntriesModel._display(entry, column)

    @staticmethod
    def _sort_key(entry: Entry, column: int) -> Any:
        start = entry.start.strftime("%H:%M") if entry.start else "~"  # no start: last that day
        if column == COL_DAY:
            return f"{entry.day.isoformat()} {start} {entry.id:012d}"
        if column == COL_START:
            return f"{start} {entry.day.isoformat()} {entry.id:012d}"
        if column == COL_DURATION:
            return entry.minutes
        return EntriesModel._display(entry, column).casefold()

    @staticmethod
    def _tooltip(entry: Entry, column: int) -> str | None:
        if column == COL_NOTE and entry.note:
            return entry.note
        if column == COL_KIND:
            return ("Strategic: moves the product forward" if entry.kind == Kind.STRATEGIC
                    else "Operational: keeps the machine running")
        if column == COL_TITLE and len(entry.title) > 40:
            return entry.title
        return None


class EntriesFilterProxy(QSortFilterProxyModel):
    """Sorts the week's entries and keeps those whose title, category, note or kind match."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def is_filtering(self) -> bool:
        """Return True while a filter text hides rows that do not match it."""
        return bool(self._words)

    def set_filter_text(self, text: str) -> None:
        """Keep the rows holding every word of ``text`` (case-insensitive)."""
        words = text.casefold().split()
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._words:
            return True
        entry: Entry = self.sourceModel().index(source_row, 0, source_parent).data(ENTRY_ROLE)
        short = "ops" if entry.kind == Kind.OPERATIONAL else "strat"
        haystack = " ".join((entry.title, entry.category or "", entry.note, entry.kind.value,
                             short)).casefold()
        return all(word in haystack for word in self._words)


def usual_minutes(usage: TaskUsage) -> int | None:
    """Return a task's usual duration: its average entry, to 5 minutes from 20 on; None unused."""
    if not usage.uses:
        return None
    average = usage.total_minutes / usage.uses
    return max(1, round(average)) if average < 20 else 5 * round(average / 5)


class TaskListModel(QAbstractListModel):
    """Tasks, most used first: the suggestions the quick-log line offers. DETAIL_ROLE gives the
    dim second line of a suggestion: 'operational · #Status reports & decks · usually 45 min'."""

    TASK_ROLE = Qt.ItemDataRole.UserRole + 1
    DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
    KIND_ROLE = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._tasks: list[TaskUsage] = []
        self._categories: dict[int, str] = {}

    def set_tasks(self, tasks: Sequence[TaskUsage], categories: dict[int, str] | None = None) -> None:
        """Show these tasks (in the given order) instead of the current ones."""
        self.beginResetModel()
        self._tasks = list(tasks)
        if categories is not None:
            self._categories = dict(categories)
        self.endResetModel()

    def tasks(self) -> list[TaskUsage]:
        return list(self._tasks)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._tasks)

    def detail(self, usage: TaskUsage) -> str:
        """Return what a suggestion says under its title: kind, #category, usual duration."""
        category = self._categories.get(usage.task.category_id or -1, "")
        usual = usual_minutes(usage)
        parts = [usage.task.kind.value if usage.task.kind else "",
                 f"#{category}" if category else "",
                 f"usually {format_minutes(usual)}" if usual else ""]
        return " · ".join(p for p in parts if p)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._tasks):
            return None
        usage = self._tasks[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return usage.task.title
        if role == self.TASK_ROLE:
            return usage
        if role == self.DETAIL_ROLE:
            return self.detail(usage)
        if role == self.KIND_ROLE:
            return usage.task.kind
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [theme.kind_word(usage.task.kind),
                     self._categories.get(usage.task.category_id or -1, ""),
                     f"logged {usage.uses} time{'s' if usage.uses != 1 else ''}"]
            return " · ".join(p for p in parts if p)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.detail(usage)
        return None
