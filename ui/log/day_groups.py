"""DayGroupsModel: the sorted, filtered week's entries under one header row per day.

A proxy over EntriesFilterProxy, so sorting and filtering stay where they were (and the
entries-only models keep their rows): it only puts the rows it is given under their day, days
in calendar order, each after a header with the day's total and strategic share. Header rows
are enabled (the keyboard can land on one, which picks that day) but not selectable, so a
selection only ever holds entries.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from app.display import format_minutes, percent
from app.domain import Entry, Kind
from ui.log.models import EntriesFilterProxy, day_text

DAY_ROLE = Qt.ItemDataRole.UserRole + 3  # the day of a header row (None on entry rows)
HEADER_TIP = ("The day's total and strategic share count all its entries, whatever the filter "
              "shows; a filter hides the days it leaves empty.")
NOTHING_LOGGED = "nothing logged"

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _TOOLTIP, _FONT, _BACKGROUND, _FOREGROUND, _ACCESSIBLE = (int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.AccessibleTextRole))
_HEADER_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren


def day_header_text(day: date, minutes: dict[Kind, int], today: date) -> str:
    """Return a day header, e.g. 'Tue 1 Dec · today — 6 h 40 min · 55 % strategic'."""
    name = day_text(day) + (" · today" if day == today else "")
    total = sum(minutes.values())
    if not total:
        return f"{name} — {NOTHING_LOGGED}"
    share = percent(minutes.get(Kind.STRATEGIC, 0) / total)
    return f"{name} — {format_minutes(total)} · {share} strategic"


class DayGroupsModel(QAbstractProxyModel):
    """The rows of an EntriesFilterProxy grouped under day headers (a flat table).

    ``_rows`` holds, per shown row, the inner proxy's row or -1 for a header; ``_days`` the
    day of each shown row. Rebuilt whenever the inner rows change (a week is a few hundred).
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._first: date | None = None
        self._last: date | None = None
        self._today: date | None = None
        self._rows: list[int] = []
        self._days: list[date] = []
        self._from_inner: list[int] = []  # inner row -> shown row
        self._totals: dict[date, dict[Kind, int]] = {}
        self._texts: dict[date, str] = {}
        self._held: list[tuple[QPersistentModelIndex | date | None, int]] = []
        self._bold: QFont | None = None

    # -- what it groups ---------------------------------------------------------------------
    def setSourceModel(self, model: EntriesFilterProxy) -> None:  # noqa: N802 (Qt's name)
        self.beginResetModel()
        super().setSourceModel(model)
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._reset_done)
        for about in (model.layoutAboutToBeChanged, model.rowsAboutToBeInserted,
                      model.rowsAboutToBeRemoved):
            about.connect(self._layout_begins)
        for done in (model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            done.connect(self._layout_done)
        model.dataChanged.connect(self._inner_data_changed)
        self._count_days()
        self._group()
        self.endResetModel()

    def set_week(self, first: date, last: date, today: date) -> None:
        """Group the days ``first`` to ``last``; days up to ``today`` show even when empty."""
        if (first, last, today) == (self._first, self._last, self._today):
            return
        self.beginResetModel()
        self._first, self._last, self._today = first, last, today
        self._count_days()
        self._group()
        self.endResetModel()

    def header_rows(self) -> list[int]:
        """Return the shown rows that are day headers, top to bottom."""
        return [row for row, inner in enumerate(self._rows) if inner < 0]

    def day_of_row(self, row: int) -> date | None:
        """Return the day a shown row belongs to (a header's or an entry's), or None."""
        return self._days[row] if 0 <= row < len(self._days) else None

    def is_header(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and self._rows[row] < 0

    # -- building ---------------------------------------------------------------------------
    def _entries(self) -> list[Entry]:
        inner = self.sourceModel()
        return inner.sourceModel().entries() if inner is not None and inner.sourceModel() else []

    def _count_days(self) -> None:
        """Total each day's minutes by kind over all its entries (the filter aside)."""
        totals: dict[date, dict[Kind, int]] = {}
        for entry in self._entries():
            day = totals.setdefault(entry.day, dict.fromkeys(Kind, 0))
            day[entry.kind] += entry.minutes
        self._totals = totals
        today = self._today or date.min
        empty = dict.fromkeys(Kind, 0)
        self._texts = {day: day_header_text(day, totals.get(day, empty), today)
                       for day in self._week_days() | totals.keys()}

    def _week_days(self) -> set[date]:
        if self._first is None or self._last is None:
            return set()
        last = min(self._last, self._today) if self._today else self._last
        return {self._first + timedelta(days=n) for n in range((last - self._first).days + 1)}

    def _group(self) -> None:
        inner = self.sourceModel()
        by_day: dict[date, list[int]] = {}
        if inner is not None:
            entries = self._entries()
            to_source, index = inner.mapToSource, inner.index  # no Python data() per row
            for row in range(inner.rowCount()):
                by_day.setdefault(entries[to_source(index(row, 0)).row()].day, []).append(row)
        days = set(by_day)
        if self._totals and (inner is None or not inner.is_filtering()):
            # An empty day shows, to be picked and logged into; an empty week shows its hint.
            days |= self._week_days()
        rows: list[int] = []
        shown_days: list[date] = []
        from_inner = [0] * (inner.rowCount() if inner is not None else 0)
        for day in sorted(days):
            rows.append(-1)
            shown_days.append(day)
            for row in by_day.get(day, ()):
                from_inner[row] = len(rows)
                rows.append(row)
                shown_days.append(day)
        self._rows, self._days, self._from_inner = rows, shown_days, from_inner

    def _reset_done(self) -> None:
        self._count_days()
        self._group()
        self.endResetModel()

    def _layout_begins(self, *_: Any) -> None:
        # Sorting, or a filter hiding and showing rows: the views keep their selection and
        # current row, so each persistent index is held as the inner one (or a header's day).
        self.layoutAboutToBeChanged.emit()
        held: list[tuple[QPersistentModelIndex | date | None, int]] = []
        for index in self.persistentIndexList():
            row = index.row()
            if self.is_header(row):
                held.append((self._days[row], index.column()))
            else:
                inner = self.mapToSource(index)
                held.append((QPersistentModelIndex(inner) if inner.isValid() else None,
                             index.column()))
        self._held = held

    def _layout_done(self, *_: Any) -> None:
        self._group()
        header_at = {self._days[row]: row for row in self.header_rows()}
        new: list[QModelIndex] = []
        for kept, column in self._held:
            if isinstance(kept, date):
                row = header_at.get(kept)
                new.append(self.index(row, column) if row is not None else QModelIndex())
            elif kept is not None and kept.isValid():
                new.append(self.mapFromSource(self.sourceModel().index(kept.row(), column)))
            else:
                new.append(QModelIndex())
        self.changePersistentIndexList(self.persistentIndexList(), new)
        self._held = []
        self.layoutChanged.emit()

    def _inner_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles=()) -> None:
        for row in range(top.row(), bottom.row() + 1):
            shown = self._from_inner[row] if row < len(self._from_inner) else -1
            if shown >= 0:
                self.dataChanged.emit(self.index(shown, top.column()),
                                      self.index(shown, bottom.column()), roles)

    # -- QAbstractProxyModel ----------------------------------------------------------------
    def mapToSource(self, index: _Index) -> QModelIndex:  # noqa: N802
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return QModelIndex()
        inner = self._rows[index.row()]
        return QModelIndex() if inner < 0 else self.sourceModel().index(inner, index.column())

    def mapFromSource(self, index: _Index) -> QModelIndex:  # noqa: N802
        if not index.isValid() or not 0 <= index.row() < len(self._from_inner):
            return QModelIndex()
        return self.index(self._from_inner[index.row()], index.column())

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not 0 <= row < len(self._rows) or not 0 <= column < self.columnCount():
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        inner = self.sourceModel()
        return 0 if parent.isValid() or inner is None else inner.columnCount()

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._rows)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and self.sourceModel() is not None:
            return self.sourceModel().headerData(section, orientation, role)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()] < 0:
            return _HEADER_FLAGS
        return self.sourceModel().flags(self.mapToSource(index))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = index.row()
        if self._rows[row] >= 0:
            if role == DAY_ROLE:
                return None
            return self.sourceModel().data(self.mapToSource(index), role)
        return self._header_data(self._days[row], index.column(), role)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        source = self.mapToSource(index)
        return source.isValid() and self.sourceModel().setData(source, value, role)

    def _header_data(self, day: date, column: int, role: int) -> Any:
        if role == DAY_ROLE:
            return day
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._texts.get(day, "") if column == 0 else ""
        if role == _TOOLTIP:
            return HEADER_TIP
        if role == _FONT:
            if self._bold is None:
                self._bold = QFont(QGuiApplication.font())
                self._bold.setBold(True)
            return self._bold
        if role == _BACKGROUND:
            return QGuiApplication.palette().color(QPalette.ColorRole.Window)
        if role == _FOREGROUND and not sum(self._totals.get(day, {}).values()):
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None
