"""ImportPreview: what importing a file would do, before anything is written — the counts, the
first rows as they will be saved, the problems, and (Toggl/Clockify) the project/tag kinds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.display import day_words, plural
from app.domain import Kind
from app.exchange.formats import Format
from app.exchange.importing import ImportMapping, ImportPlan, PlannedRow
from app.workload import WorkloadService
from ui.common.delegates import CategoryDelegate, KindDelegate
from ui.common.feedback import MessageLine
from ui.exchange.models import MappingModel, PreviewRowsModel, ProblemsModel

_MUTED = "color: palette(placeholder-text);"


class _KindOrNoneDelegate(KindDelegate):
    """Strategic, operational, or no rule for this project or tag."""

    def choices(self, current: str) -> list[tuple[str, str]]:
        return [("— (no rule)", ""), *super().choices(current)]


class FoldingMessage(MessageLine):
    """A MessageLine that takes no room while it has nothing to say."""

    def __init__(self, parent: QWidget | None = None, accessible_name: str = "Message") -> None:
        super().__init__(parent, accessible_name)
        self.hide()

    def show_ok(self, rich_text: str, plain_text: str) -> None:
        super().show_ok(rich_text, plain_text)
        self.show()

    def show_problem(self, message: str, prefix: str = "Not saved: ") -> None:
        super().show_problem(message, prefix)
        self.show()

    def show_hint(self, message: str) -> None:
        super().show_hint(message)
        self.show()

    def clear(self) -> None:
        super().clear()
        self.hide()


def _table(model, name: str, compact: bool = True) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    if compact:  # a line of text a row (the mapping table's rows hold combo boxes)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


def _titled(title: QLabel, *widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.addWidget(title)
    for widget in widgets:
        layout.addWidget(widget)
    return box


class ImportPreview(QWidget):
    """Shows one ImportPlan; ``mappingEdited`` when the project/tag kinds or default change."""

    mappingEdited = Signal()
    COUNTS = ("format", "rows_read", "to_import", "duplicates", "bad_rows", "new_tasks",
              "new_categories", "dates")

    def __init__(self, service: WorkloadService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.counts = {name: QLabel() for name in self.COUNTS}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        places = (("Format", "format", 0, 0, 3), ("Dates", "dates", 0, 4, 4),
                  ("Rows read", "rows_read", 1, 0, 1), ("To import", "to_import", 1, 2, 1),
                  ("Duplicates skipped", "duplicates", 1, 4, 1), ("Bad rows", "bad_rows", 1, 6, 1),
                  ("New tasks", "new_tasks", 2, 0, 1), ("New categories", "new_categories", 2, 2, 6))
        for title, name, row, column, span in places:
            label = QLabel(f"{title}:")
            label.setStyleSheet(_MUTED)
            grid.addWidget(label, row, column)
            grid.addWidget(self.counts[name], row, column + 1, 1, span)
            self.counts[name].setAccessibleName(title)
            self.counts[name].setTextFormat(Qt.TextFormat.PlainText)  # names from the file
            self.counts[name].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts["new_categories"].setWordWrap(True)
        for name in ("to_import", "bad_rows"):
            bold = self.counts[name].font()
            bold.setBold(True)
            self.counts[name].setFont(bold)
        grid.setColumnStretch(8, 1)

        self.rows_model = PreviewRowsModel(self)
        self.rows_view = _table(self.rows_model, "Rows as they will be saved")
        self.rows_title = QLabel()
        self.problems_model = ProblemsModel(self)
        self.problems_view = _table(self.problems_model, "Problems")
        self.problems_view.setWordWrap(True)  # the whole message, on as many lines as it needs
        self.problems_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.problems_title = QLabel()
        self.mapping_model = MappingModel(self)
        self.mapping_view = _table(self.mapping_model, "Kinds for projects and tags", compact=False)
        self.mapping_view.setItemDelegateForColumn(MappingModel.COL_KIND, _KindOrNoneDelegate(self))
        self.mapping_view.setItemDelegateForColumn(
            MappingModel.COL_CATEGORY,
            CategoryDelegate(lambda: [c.name for c in self._service.categories.list()], self))
        self.default_kind = QComboBox()
        self.default_kind.setAccessibleName("Kind for all other rows")
        self.default_kind.addItem("none: leave them out (listed as problems)", "")
        for kind in Kind:
            self.default_kind.addItem(kind.value.capitalize(), kind.value)
        self.default_kind.setToolTip("For rows whose project and tags have no rule here, and whose "
                                     "title is not a task you already have.")
        default_row = QHBoxLayout()
        default_row.addWidget(QLabel("All other rows:"))
        default_row.addWidget(self.default_kind, 1)
        self.mapping_title = QLabel("<b>Kinds for projects and tags</b> (remembered for next time)")
        self.mapping_box = _titled(self.mapping_title, self.mapping_view)
        self.mapping_box.layout().addLayout(default_row)
        self.problems_box = _titled(self.problems_title, self.problems_view)
        self.lower = QSplitter(Qt.Orientation.Horizontal)
        self.lower.addWidget(self.problems_box)
        self.lower.addWidget(self.mapping_box)
        self.lower.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(_titled(self.rows_title, self.rows_view))
        self.splitter.addWidget(self.lower)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.splitter, 1)

        self.mapping_model.mappingEdited.connect(self.mappingEdited)
        self.mapping_model.modelReset.connect(self._open_mapping_editors)
        self.mapping_model.dataChanged.connect(self._open_mapping_editors)
        self.default_kind.currentIndexChanged.connect(self.mappingEdited)

    def mapping(self, base: ImportMapping) -> ImportMapping:
        """Return ``base`` with the rules and default kind this preview shows in its place."""
        kind = self.default_kind.currentData()
        kept = base.without(self.mapping_model.names())
        return ImportMapping(kept.rules | self.mapping_model.rules(), Kind(kind) if kind else None)

    def set_default_kind(self, kind: Kind | None) -> None:
        """Show ``kind`` as the kind for all other rows (without re-reading)."""
        self.default_kind.blockSignals(True)
        self.default_kind.setCurrentIndex(max(0, self.default_kind.findData(kind.value if kind else "")))
        self.default_kind.blockSignals(False)

    def show_plan(self, plan: ImportPlan, rows: list[PlannedRow]) -> None:
        """Show what importing would do: counts, first rows, problems, the kinds of projects."""
        counts = self.counts
        counts["format"].setText(plan.format.label)
        counts["rows_read"].setText(f"{plan.rows_read:,}")
        counts["to_import"].setText(f"{plan.to_import:,}")
        counts["duplicates"].setText(f"{plan.duplicates:,}")
        counts["bad_rows"].setText(f"{plan.bad_rows:,}")
        counts["new_tasks"].setText(f"{plan.new_tasks:,}")
        counts["new_categories"].setText(", ".join(plan.new_categories) or "none")
        counts["dates"].setText(f"{day_words(plan.first_day)} – {day_words(plan.last_day)}"
                                if plan.first_day and plan.last_day else "–")
        self.rows_model.set_rows(rows)
        if plan.good_rows > len(rows):
            shown = f"the first {len(rows):,} of {plan.good_rows:,}"
        else:
            shown = f"all {plan.good_rows:,}" if plan.good_rows else "none: no row is good"
        self.rows_title.setText(f"<b>Rows as they will be saved</b> ({shown})")
        self.rows_view.resizeColumnsToContents()
        self.problems_model.set_problems(plan.problems)
        listed = "" if plan.problem_count <= len(plan.problems) else \
            f"; the first {len(plan.problems):,} are listed"
        self.problems_title.setText(f"<b>Problems</b>: {plural(plan.problem_count, 'problem')} in "
                                    f"{plural(plan.bad_rows, 'row')}{listed} (row 1 is the header)")
        for column in (ProblemsModel.COL_ROW, ProblemsModel.COL_COLUMN):
            self.problems_view.resizeColumnToContents(column)
        self.problems_box.setVisible(bool(plan.problem_count))
        tracker = plan.format in (Format.TOGGL, Format.CLOCKIFY)
        if tracker:
            self.mapping_model.set_plan(plan, plan.mapping)
        self.mapping_box.setVisible(tracker)
        self.lower.setVisible(bool(plan.problem_count) or tracker)

    def _open_mapping_editors(self) -> None:
        """Show the kind and category of every project and tag as a combo box (always open)."""
        model = self.mapping_model
        for row in range(model.rowCount()):
            for column in (MappingModel.COL_KIND, MappingModel.COL_CATEGORY):
                index = model.index(row, column)
                if model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                    self.mapping_view.openPersistentEditor(index)
                else:
                    self.mapping_view.closePersistentEditor(index)
        view = self.mapping_view
        for column in (MappingModel.COL_NAME, MappingModel.COL_SOURCE, MappingModel.COL_ROWS):
            view.resizeColumnToContents(column)
        # Wide enough for the kind's combo box, whatever kind it shows (the category stretches).
        editors = [view.indexWidget(model.index(row, MappingModel.COL_KIND))
                   for row in range(model.rowCount())]
        widths = [editor.sizeHint().width() for editor in editors if editor is not None]
        if widths:
            view.setColumnWidth(MappingModel.COL_KIND, max(widths) + 4)
