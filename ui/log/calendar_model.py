"""The table model of the "From your calendar" panel: one row per suggestion of the viewed
week, with the PM's changes (kind, category, duration) kept by occurrence until accepted."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal

from app.display import format_minutes
from app.errors import ValidationError
from ui.common.table_model import Index, RowsModel
from ui.common.theme import kind_color, kind_word

if TYPE_CHECKING:
    from app.exchange.calendar_import import Suggestion


COL_WHEN, COL_TITLE, COL_MINUTES, COL_KIND, COL_CATEGORY, COL_WHY = range(6)
HEADERS = ("When", "Title", "Duration", "Kind", "Category", "Why")
TO_CLASSIFY = "to classify"
_EDITABLE = {COL_MINUTES: "minutes", COL_KIND: "kind", COL_CATEGORY: "category"}


class SuggestionsModel(RowsModel["Suggestion"]):
    """The week's calendar suggestions; editing kind, category or duration changes the row only
    (nothing is written until it is accepted)."""

    HEADERS = HEADERS
    errorOccurred = Signal(str)  # why an edit was refused

    def __init__(self, parse_minutes: Callable[[str], int], parent=None) -> None:
        super().__init__(parent)
        self._parse_minutes = parse_minutes
        self._changes: dict[tuple[str, str], dict[str, Any]] = {}

    def set_suggestions(self, suggestions: list[Suggestion]) -> None:
        """Show ``suggestions``, each as the PM changed it before (if they did)."""
        self.set_rows([s.changed(**self._changes[s.key]) if s.key in self._changes else s
                       for s in suggestions])

    def suggestion(self, row: int) -> Suggestion:
        """Return the suggestion in ``row``, with the PM's changes."""
        return self._rows[row]

    def suggestions(self) -> list[Suggestion]:
        return list(self._rows)

    # -- Qt -------------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in _EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown(s, column)
        if role == Qt.ItemDataRole.EditRole:
            return {COL_MINUTES: format_minutes(s.minutes),
                    COL_KIND: s.kind.value if s.kind else "",
                    COL_CATEGORY: s.category or ""}.get(column, self._shown(s, column))
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_KIND and s.kind:
            return kind_color(s.kind)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_KIND and s.kind is None:
            return "Nothing says what kind this is yet: choose one before accepting it."
        return None

    @staticmethod
    def _shown(s: Suggestion, column: int) -> str:
        if column == COL_WHEN:
            return f"{s.day:%a %d %b} {s.start:%H:%M}"
        if column == COL_TITLE:
            return s.title + (" (tentative)" if s.occurrence.tentative else "")
        if column == COL_MINUTES:
            return format_minutes(s.minutes)
        if column == COL_KIND:
            return kind_word(s.kind) if s.kind else TO_CLASSIFY
        if column == COL_CATEGORY:
            return s.category or ""
        return s.source.value

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in _EDITABLE:
            return False
        field, row = _EDITABLE[index.column()], index.row()
        s = self._rows[row]
        try:
            if field == "minutes":
                value = self._parse_minutes(str(value))
            change = {field: value if field != "category" else str(value or "")}
            if field == "kind" and not value:
                return False
            changed = s.changed(**change)
        except ValidationError as error:
            self.errorOccurred.emit(str(error))
            return False
        kept = self._changes.setdefault(s.key, {})
        kept.update(change)
        self._rows[row] = changed
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        return True
