"""Qt models of the CSV dialogs: the import preview's rows, its problems and its project/tag
mapping, the peers, the strategic-share comparison and the team report's PMs. Read-only except the mapping.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from app.display import day_words, format_minutes, percent
from app.domain import Kind
from app.exchange.importing import ImportMapping, ImportPlan, KindRule, PlannedRow, RowProblem
from app.exchange.peers import Peer, ShareComparison
from app.exchange.team import TeamReport
from ui.common.delegates import NO_CATEGORY
from ui.common.theme import kind_word
from ui.log.models import kind_icon

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
NOT_SET = "—"


def _muted() -> Any:
    return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


class _TableModel(QAbstractTableModel):
    """A read-only table of rows of display texts; subclasses say what a row shows."""

    HEADERS: tuple[str, ...] = ()
    RIGHT: frozenset[int] = frozenset()   # columns of numbers

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._texts: list[tuple[str, ...]] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._texts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == _DISPLAY:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _RIGHT if section in self.RIGHT else _LEFT
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._texts):
            return None
        if role in (_DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if index.column() in self.RIGHT else _LEFT
        return self.extra(index.row(), index.column(), role)

    def extra(self, row: int, column: int, role: int) -> Any:
        """Return what a subclass shows for other roles (icons, colours)."""
        return None

    def _set_texts(self, texts: list[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self._texts = texts
        self.endResetModel()


# -- the import preview ---------------------------------------------------------------------
class PreviewRowsModel(_TableModel):
    """The first good rows of a file as they will be saved; duplicates greyed and marked."""

    COL_ROW, COL_OUTCOME, COL_DAY, COL_START, COL_DURATION, COL_TITLE, COL_KIND, COL_CATEGORY, \
        COL_NOTE = range(9)
    HEADERS = ("Row", "Import", "Day", "Start", "Duration", "Title", "Kind", "Category", "Note")
    RIGHT = frozenset({COL_ROW, COL_DURATION})
    ADDED, SKIPPED = "new", "no: already there"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PlannedRow] = []

    def set_rows(self, rows: Sequence[PlannedRow]) -> None:
        self._rows = list(rows)
        self._set_texts([(
            str(r.row), self.SKIPPED if r.duplicate else self.ADDED, day_words(r.day), r.start or "",
            format_minutes(r.minutes), r.title, kind_word(r.kind), r.category or "",
            " ".join(r.note.split())) for r in self._rows])

    def planned(self, row: int) -> PlannedRow:
        return self._rows[row]

    def extra(self, row: int, column: int, role: int) -> Any:
        if column == self.COL_KIND and role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(Kind(self._rows[row].kind))
        if role == Qt.ItemDataRole.ForegroundRole and self._rows[row].duplicate:
            return _muted()
        return None


class ProblemsModel(_TableModel):
    """What is wrong with the file's rows: row (the header is row 1), column, what."""

    COL_ROW, COL_COLUMN, COL_MESSAGE = range(3)
    HEADERS = ("Row", "Column", "What is wrong")
    RIGHT = frozenset({COL_ROW})

    def set_problems(self, problems: Sequence[RowProblem]) -> None:
        self._set_texts([(str(p.row), p.column or "(the whole row)", p.message) for p in problems])


class MappingRow(NamedTuple):
    name: str
    source: str          # "Project" or "Tag"
    rows: int            # rows of the file naming it
    no_kind: int         # of those, rows that got no kind (projects only)
    kind: Kind | None
    category: str | None


class MappingModel(_TableModel):
    """Toggl/Clockify projects and tags, each with the kind (and category) its rows get.

    Kind and category are edited in place (combo boxes); ``mappingEdited`` follows each edit.
    """

    COL_NAME, COL_SOURCE, COL_ROWS, COL_KIND, COL_CATEGORY = range(5)
    HEADERS = ("Project or tag", "Is a", "Rows", "Kind", "Category")
    RIGHT = frozenset({COL_ROWS})
    mappingEdited = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[MappingRow] = []

    def set_plan(self, plan: ImportPlan, mapping: ImportMapping) -> None:
        """Show the plan's projects and tags with the rules of ``mapping``."""
        rows = []
        for source, counts in (("Project", plan.projects), ("Tag", plan.tags)):
            for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold())):
                rule = mapping.rule_for(name)
                rows.append(MappingRow(name, source, count, plan.unmapped.get(name, 0) if
                                       source == "Project" else 0,
                                       rule.kind if rule else None, rule.category if rule else None))
        if [(r.name, r.source) for r in rows] == [(r.name, r.source) for r in self._rows]:
            self._rows = rows  # the same names, re-read: update in place, keep the editors
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.HEADERS) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rules(self) -> dict[str, KindRule]:
        """Return the rules the table sets (rows with a kind)."""
        return {r.name: KindRule(r.kind, r.category) for r in self._rows if r.kind is not None}

    def names(self) -> list[str]:
        return [r.name for r in self._rows]

    def mapping_row(self, row: int) -> MappingRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        column = index.column()
        if column == self.COL_KIND or (column == self.COL_CATEGORY
                                       and self._rows[index.row()].kind is not None):
            return _READ_ONLY | Qt.ItemFlag.ItemIsEditable
        return _READ_ONLY

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == _DISPLAY:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == self.COL_KIND:
                return row.kind.value if row.kind else ""
            if column == self.COL_CATEGORY:
                return row.category or ""
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column == self.COL_ROWS else _LEFT
        # No icon in the kind column: its combo box would be pushed aside to make room for it.
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_NAME and row.no_kind:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_NAME and row.no_kind:
            return (f"{row.no_kind:,} rows of {row.name} have no kind: choose one here, map one of "
                    "their tags, or choose a kind for all other rows.")
        if role == Qt.ItemDataRole.FontRole and column == self.COL_NAME and row.no_kind:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, row: MappingRow, column: int) -> str:
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_SOURCE:
            return row.source
        if column == self.COL_ROWS:
            return f"{row.rows:,}"
        if column == self.COL_KIND:
            return kind_word(row.kind) if row.kind else NOT_SET
        if column == self.COL_CATEGORY:
            return (row.category or NO_CATEGORY) if row.kind else ""
        return ""

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self._rows[index.row()]
        if index.column() == self.COL_KIND:
            kind = Kind(value) if value else None
            changed = row._replace(kind=kind, category=row.category if kind else None)
        else:
            changed = row._replace(category=str(value) if value else None)
        if changed == row:
            return False
        self._rows[index.row()] = changed
        self.dataChanged.emit(self.index(index.row(), self.COL_KIND),
                              self.index(index.row(), self.COL_CATEGORY))
        self.mappingEdited.emit()
        return True


# -- peers ------------------------------------------------------------------------------------
class PeersModel(_TableModel):
    """Every peer: label, weeks held, which weeks, and their average strategic share."""

    COL_LABEL, COL_WEEKS, COL_SPAN, COL_SHARE = range(4)
    HEADERS = ("Peer", "Weeks", "From – to", "Strategic (average)")
    RIGHT = frozenset({COL_WEEKS, COL_SHARE})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []

    def set_peers(self, peers: Sequence[Peer], shares: ShareComparison) -> None:
        self._labels = [p.label for p in peers]
        self._set_texts([(p.label, f"{p.weeks:,}", f"{p.first_week or ''} – {p.last_week or ''}",
                          percent(shares.peers.get(p.label))) for p in peers])

    def label(self, row: int) -> str:
        return self._labels[row]


class ShareModel(_TableModel):
    """Your strategic share beside each peer's, week by week, and an Average row last."""

    COL_WEEK, COL_MINE = 0, 1   # then one column per peer
    AVERAGE = "Average"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.HEADERS = ("Week", "You")

    def set_comparison(self, shares: ShareComparison) -> None:
        self.beginResetModel()
        self.HEADERS = ("Week", "You", *shares.labels)
        self.RIGHT = frozenset(range(1, len(self.HEADERS)))
        rows = [(row.week, percent(row.mine), *(percent(row.peers[label]) for label in shares.labels))
                for row in shares.weeks]
        if rows:
            rows.append((self.AVERAGE, percent(shares.mine),
                         *(percent(shares.peers[label]) for label in shares.labels)))
        self._texts = rows
        self.endResetModel()

    def extra(self, row: int, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and self._texts[row][0] == self.AVERAGE:
            font = QFont()
            font.setBold(True)
            return font
        return None


class TeamModel(_TableModel):
    """The team report's PMs: strategic share, hours, weeks with data, reclaimable hours a week."""

    HEADERS = ("PM", "Strategic", "Hours", "Weeks", "Reclaimable h/wk")
    RIGHT = frozenset({1, 2, 3, 4})

    def set_report(self, report: TeamReport | None) -> None:
        self._set_texts([] if report is None else [
            (p.label, percent(p.share), f"{p.hours:.1f}", str(p.weeks_with_data),
             "missing" if p.reclaimable is None else f"{p.reclaimable:.1f}")
            for p in report.pms])
