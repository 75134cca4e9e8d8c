"""EntriesTable: the week's entries under their days' headers, with a hint in place of an
empty table. Selection and the keyboard deal in entries: header rows are never selected."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QToolTip,
    QWidget,
)

from app.domain import Entry
from ui.log.models import (
    COL_CATEGORY,
    COL_DAY,
    COL_DURATION,
    COL_KIND,
    COL_NOTE,
    COL_START,
    COL_TITLE,
    ENTRY_ROLE,
)

_SHARED = (COL_CATEGORY, COL_NOTE)  # sized from the width the short columns leave


class EntriesTable(QTableView):
    """Rows select whole; Enter or a double-click asks to edit; F2 or a second click edits in place."""

    edit_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Entries of the week")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.doubleClicked.connect(self.edit_requested)
        self._empty_hint: QLabel | None = None
        self._widest_category = self.fontMetrics().horizontalAdvance(
            "Outcomes, metrics & data interpretation") + 16

    @property
    def empty_hint(self) -> QLabel:
        """The text over an empty table (made when first shown: most weeks have entries)."""
        if self._empty_hint is None:
            hint = QLabel(self.viewport())
            hint.setAccessibleName("Empty week")
            hint.setWordWrap(True)
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            hint.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
            hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            hint.hide()
            self._empty_hint = hint
        return self._empty_hint

    def setModel(self, model) -> None:  # noqa: N802 (Qt's name)
        super().setModel(model)
        self._size_columns()
        if hasattr(model, "header_rows"):  # a DayGroupsModel: its headers span the row
            for signal in (model.modelReset, model.layoutChanged):
                signal.connect(self._span_headers)
            self._span_headers()

    def _span_headers(self) -> None:
        # Spans belong to view rows, so they are laid again whenever the rows move.
        self.clearSpans()
        columns = self.model().columnCount()
        for row in self.model().header_rows():
            self.setSpan(row, 0, 1, columns)

    def _size_columns(self) -> None:
        # The short columns keep the width of their longest value; the title stretches and
        # elides, and the category and the note share the rest (see _share_width), so that
        # every column fits an 800-pixel window without a sideways scroll bar.
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(48)
        digits = self.fontMetrics().horizontalAdvance
        widths = {
            COL_DAY: digits("Wed 30 Sep") + 28,
            COL_START: digits("00:00") + 24,
            COL_DURATION: digits("10 h 30 min") + 24,
            COL_KIND: digits("Operational") + 44,
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, width)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in _SHARED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._share_width()

    def _share_width(self) -> None:
        """Give the category and the note their share of the width the title leaves."""
        if self.model() is None:
            return
        fixed = sum(self.columnWidth(c) for c in (COL_DAY, COL_START, COL_DURATION, COL_KIND))
        rest = max(0, self.viewport().width() - fixed)
        # Of what is left: the category a third, up to its longest default name (whole from
        # a 1180-pixel window on), the note a sixth (its full text is in the tooltip), the
        # title the remainder, about half.
        self.setColumnWidth(COL_CATEGORY, max(90, min(self._widest_category, round(rest * 0.34))))
        self.setColumnWidth(COL_NOTE, max(70, min(320, round(rest * 0.18))))

    # -- selection, by entry --------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        """Return the shown rows of the selected entries (never a day header), top to bottom."""
        model = self.model()
        return sorted(index.row() for index in self.selectionModel().selectedRows()
                      if model.index(index.row(), 0).data(ENTRY_ROLE) is not None)

    def selected_entries(self) -> list[Entry]:
        """Return the selected entries, top to bottom as shown."""
        return [self.model().index(row, 0).data(ENTRY_ROLE) for row in self.selected_rows()]

    def current_entry(self) -> Entry | None:
        index = self.currentIndex()
        return index.siblingAtColumn(0).data(ENTRY_ROLE) if index.isValid() else None

    def select_entries(self, entry_ids: list[int]) -> None:
        """Select the rows of these entries (those shown), make the first current, show it."""
        wanted = set(entry_ids)
        if not wanted:  # a week switch: nothing to look for row by row
            self.selectionModel().clearSelection()
            return
        model = self.model()
        last_column = model.columnCount() - 1
        selection = QItemSelection()
        first = None
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            entry = index.data(ENTRY_ROLE)
            if entry is not None and entry.id in wanted:
                selection.select(index, index.siblingAtColumn(last_column))
                first = first or index
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if first is not None:
            self.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(first)

    def select_row(self, row: int) -> None:
        """Select the entry at a row by position, e.g. after a delete: the first entry from
        there down, else the last one above (a day header is skipped)."""
        model = self.model()
        count = model.rowCount()
        row = min(row, count - 1)
        for candidate in [*range(max(row, 0), count), *range(row - 1, -1, -1)]:
            entry = model.index(candidate, 0).data(ENTRY_ROLE)
            if entry is not None:
                self.select_entries([entry.id])
                return

    def set_empty_hint(self, text: str | None) -> None:
        """Show ``text`` over the empty table, or hide the hint (None)."""
        if text:
            self.empty_hint.setText(text)
            self.empty_hint.setAccessibleDescription(text)
            self._place_hint()
            self.empty_hint.show()
        elif self._empty_hint is not None:
            self._empty_hint.hide()

    def _place_hint(self) -> None:
        self.empty_hint.setGeometry(self.viewport().rect())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        # Scrolled to the end (today's latest work) stays at the end when the table gets
        # shorter, e.g. when the timer bar appears above it.
        bar = self.verticalScrollBar()
        at_end = bar.maximum() > 0 and bar.value() == bar.maximum()
        super().resizeEvent(event)
        if at_end:
            bar.setValue(bar.maximum())
        if self._empty_hint is not None and self._empty_hint.isVisible():
            self._place_hint()  # the viewport has its new size by now

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            self._share_width()  # a scroll bar coming or going changes the width too
        elif event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(self.indexAt(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
                return True
        return super().viewportEvent(event)

    def tooltip_at(self, index: QModelIndex) -> str | None:
        """Return the model's tooltip for a cell, else its whole text when the column cuts it."""
        if not index.isValid():
            return None
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        if tip:
            return tip
        text = index.data(Qt.ItemDataRole.DisplayRole)
        room = self.columnWidth(index.column()) - 12  # the cell's margins, and a dot's room
        if isinstance(text, str) and self.fontMetrics().horizontalAdvance(text) > room:
            return text
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.state() != QAbstractItemView.State.EditingState
                and self.currentIndex().isValid()):
            self.edit_requested.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)
