"""The hand-off table: operational tasks of the look-back, the PM's judgement editable in place."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette

from app.domain import HandoffStatus, Needed
from app.review.analysis import TaskScore
from ui.common.delegates import _ComboDelegate

(COL_TASK, COL_HOURS, COL_WEEKS, COL_CHECKLIST, COL_NEEDED, COL_STATUS, COL_SCORE, COL_ROUTE,
 COL_REASON) = range(9)
HEADERS = ("Task", "h/week", "Weeks", "Checklist", "Without it", "Status", "Back h/wk", "Route",
           "Why")
TOOLTIPS = {
    COL_HOURS: "H: average hours in the weeks the task appeared",
    COL_WEEKS: "R: in how many of the look-back's weeks it appeared",
    COL_CHECKLIST: "P: could someone follow a checklist for it? 1 only you could do it … "
                   "5 anyone could follow a checklist",
    COL_NEEDED: "What would happen if this were not done at all?",
    COL_STATUS: "Your decision: keep it, hand it off (candidate), or handed off",
    COL_SCORE: "Score = H × R × P/5: hours a week you could get back",
}
# Columns the PM edits, and the set_judgement argument each one sets.
EDITABLE = {COL_CHECKLIST: "checklist", COL_NEEDED: "needed", COL_STATUS: "handoff"}
NEEDED_WORDS = {Needed.NEEDED: "it matters", Needed.NOTHING: "nothing happens"}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

# judge(title, field, value) -> True when the change was saved.
Judge = Callable[[str, str, Any], bool]

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CandidatesModel(QAbstractTableModel):
    """One row per operational task of the look-back: candidates first, then the ones to rate."""

    def __init__(self, parent=None, judge: Judge | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TaskScore] = []
        self._judge = judge

    def set_rows(self, scores: Sequence[TaskScore], keep_order: bool = False) -> None:
        """Show these tasks: candidates by score, then unrated ones by hours, then the rest.

        With ``keep_order`` the tasks shown already stay in their rows (new ones go last):
        a task the PM just rated must not jump away while the next one is rated.
        """
        rows = sorted(scores, key=lambda t: (
            0 if t.is_candidate else 1 if t.needs_rating else 2,
            -(t.score or 0) if t.is_candidate else -t.minutes, t.title.casefold()))
        if keep_order:
            place = {t.title: row for row, t in enumerate(self._rows)}
            rows.sort(key=lambda t: place.get(t.title, len(place)))  # stable: new ones keep theirs
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_of(self, title: str) -> int | None:
        """Return the row showing this task, or None."""
        return next((row for row, t in enumerate(self._rows) if t.title == title), None)

    def task_at(self, row: int) -> TaskScore:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return TOOLTIPS.get(section)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE and self._judge is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        t, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(t, column)
        if role == Qt.ItemDataRole.EditRole:
            return _edit_value(t, column)
        if role == SORT_ROLE:
            return _sort_key(t, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{t.title}: {t.reason}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_HOURS, COL_SCORE):
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_CHECKLIST \
                and t.checklist is None:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or index.column() not in EDITABLE or self._judge is None):
            return False
        t = self._rows[index.row()]
        if value in (None, "") or value == _edit_value(t, index.column()):
            return False
        if not self._judge(t.title, EDITABLE[index.column()], value):
            return False
        # The service's change notice brings the new figures; until then show the new value.
        self.dataChanged.emit(index, index)
        return True


def _display(t: TaskScore, column: int) -> str:
    if column == COL_TASK:
        return t.title
    if column == COL_HOURS:
        return t.hours_text
    if column == COL_WEEKS:
        return f"{t.weeks_seen} of {t.weeks}"
    if column == COL_CHECKLIST:
        return f"{t.checklist}/5" if t.checklist else "rate…"
    if column == COL_NEEDED:
        return NEEDED_WORDS.get(t.needed, "–") if t.needed else "–"
    if column == COL_STATUS:
        return t.status.label
    if column == COL_SCORE:
        return t.score_text
    if column == COL_ROUTE:
        return t.route.label if t.route else ""
    if column == COL_REASON:
        return t.reason
    return ""


def _edit_value(t: TaskScore, column: int) -> Any:
    if column == COL_CHECKLIST:
        return t.checklist
    if column == COL_NEEDED:
        return t.needed.value if t.needed else ""
    if column == COL_STATUS:
        return t.status.value
    return _display(t, column)


def _sort_key(t: TaskScore, column: int) -> Any:
    if column == COL_HOURS:
        return t.hours_per_week
    if column == COL_WEEKS:
        return t.weeks_seen
    if column == COL_CHECKLIST:
        return t.checklist or 0
    if column == COL_SCORE:
        return -1.0 if t.score is None else t.score
    return _display(t, column).casefold()


class ChoiceDelegate(_ComboDelegate):
    """A combo box of fixed (shown text, value) choices."""

    def __init__(self, choices: Sequence[tuple[str, Any]], accessible_name: str,
                 parent=None) -> None:
        super().__init__(parent)
        self._choices = list(choices)
        self.accessible_name = accessible_name

    def choices(self, current: str) -> list[tuple[str, Any]]:
        return self._choices

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt's name)
        combo = super().createEditor(parent, option, index)
        # The column is narrow; the list opens wide enough to read each choice in full.
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        return combo


# What each checklist rating (P) means, so that the PM's 3 and the next PM's 3 agree.
CHECKLIST_WORDS = {
    1: "only I could do it",
    2: "needs my judgement at most steps",
    3: "half of it could be written down",
    4: "a checklist covers most of it",
    5: "anyone could follow a checklist",
}
CHECKLIST_CHOICES = [(f"{p} — {words}", p) for p, words in CHECKLIST_WORDS.items()]
NEEDED_CHOICES = [(NEEDED_WORDS[Needed.NEEDED], Needed.NEEDED.value),
                  (NEEDED_WORDS[Needed.NOTHING], Needed.NOTHING.value)]
STATUS_CHOICES = [(status.label, status.value) for status in HandoffStatus]
