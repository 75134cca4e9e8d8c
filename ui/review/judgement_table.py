"""JudgementTable: the hand-off table on the review page, as tall as its rows and as wide as
the page.

The page scrolls as one: a table with its own vertical scroll bar inside the scrolling page
caught the mouse wheel and hid rows, and fixed column widths cut off the last column in a
small window. Here the short columns keep fixed widths (from the longest word each holds:
sizing them to contents would measure every cell on each week switch), the task and the
reason share what is left, wrapped to at most two lines (the rest is elided; the row's
tooltip has the whole task and reason), and the table's height follows its rows.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView, QWidget

from ui.review import model as table

# The longest text each short column holds (besides its header); it wraps between words.
_WIDEST = {table.COL_NEEDED: "nothing happens", table.COL_STATUS: "unreviewed",
           table.COL_ROUTE: "hand to ProductOps", table.COL_CHECKLIST: "rate…"}
_SHARED = (table.COL_TASK, table.COL_REASON)  # the columns that take the rest of the width
_TASK_SHARE = 0.4  # of that rest: a reason is about twice as long as a title
# The columns whose text can wrap, and the room a cell keeps around its text (pixels).
_WRAPPED = (table.COL_TASK, table.COL_NEEDED, table.COL_ROUTE, table.COL_REASON)
_CELL_MARGIN = 10
_ROW_PADDING = 8
# Lines a row shows at most: a reason wrapped in full made 80-pixel rows in an 800-pixel
# window, two and a half of them on screen.
MAX_LINES = 2


class JudgementTable(QTableView):
    """A table view without scroll bars: all columns fit the width, all rows are shown."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustIgnored)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        metrics = self.fontMetrics()
        for column, title in enumerate(table.HEADERS):
            if column in _SHARED:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed
                                            if column == table.COL_TASK
                                            else QHeaderView.ResizeMode.Stretch)
                continue
            # Wide enough for the header and the longest word: longer values wrap.
            words = [title, *_WIDEST.get(column, "").split()]
            text = max(words, key=metrics.horizontalAdvance)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(column, metrics.horizontalAdvance(text) + 18)
        # Rows are measured once the model or the width changed, in one go when Qt is idle.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_rows)
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted,
                       model.rowsRemoved, model.dataChanged):
            signal.connect(self._fit_soon)
        header.sectionResized.connect(self._fit_soon)
        self.viewport().installEventFilter(self)
        self.fit_rows()

    def _fit_soon(self, *_: object) -> None:
        self._fit_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.viewport() and event.type() == QEvent.Type.Resize:
            self._share_width()
            self._fit_soon()  # another width wraps the text differently
        return super().eventFilter(watched, event)

    def _share_width(self) -> None:
        fixed = sum(self.columnWidth(c) for c in range(len(table.HEADERS)) if c not in _SHARED)
        rest = self.viewport().width() - fixed
        self.setColumnWidth(table.COL_TASK, max(80, round(rest * _TASK_SHARE)))

    def fit_rows(self) -> None:
        """Size each row to its wrapped text (up to MAX_LINES) and the table to all its rows.

        Measured here, a few wrapping columns a row: resizeRowsToContents asks every cell's
        delegate for its size, 13 ms for 40 rows, a seventh of a week switch's budget.
        """
        self._fit_timer.stop()
        model, metrics = self.model(), self.fontMetrics()
        widths = {column: max(1, self.columnWidth(column) - _CELL_MARGIN) for column in _WRAPPED}
        flags = int(Qt.TextFlag.TextWordWrap)
        tallest = metrics.lineSpacing() * MAX_LINES
        total = 0
        for row in range(model.rowCount()):
            lines = max(metrics.boundingRect(0, 0, width, 100_000, flags,
                                             str(model.index(row, column).data() or "")).height()
                        for column, width in widths.items())
            height = min(max(lines, metrics.lineSpacing()), tallest) + _ROW_PADDING
            if self.rowHeight(row) != height:
                self.setRowHeight(row, height)
            total += height
        frame = 2 * self.frameWidth()
        self.setFixedHeight(self.horizontalHeader().height() + total + frame
                            + (0 if total else metrics.lineSpacing() * 2))
