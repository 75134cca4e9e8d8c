"""The categories tab of Settings: a table of categories to add, rename, re-kind and archive.

Changes are saved as they are made (through service.categories.add / update);
a renamed category keeps its entries, since they point at its id, not its name.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.changes import Change
from app.domain import Category, Kind
from app.errors import StorageError, ValidationError
from app.workload import WorkloadService
from ui.common import messages
from ui.common.bridge import ServiceBridge, bridge_for
from ui.common.theme import kind_color, kind_word

Index = QModelIndex | QPersistentModelIndex


class CategoryModel(QAbstractTableModel):
    """Every category, archived ones included; editing a cell saves it through the service."""

    COL_NAME, COL_KIND, COL_ARCHIVED = range(3)
    HEADERS = ("Category", "Default kind", "Archived")

    errorOccurred = Signal(str)  # why an edit was refused

    def __init__(self, service: WorkloadService, parent: QWidget | None = None, *,
                 bridge: ServiceBridge | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._rows: list[Category] = []
        bridge_for(service, bridge, self).changed.connect(self._on_service_changed)
        self.refresh()

    # -- rows -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the categories again; keep the view's selection when only values changed."""
        self.set_rows(self._service.categories.list(include_archived=True))

    def set_rows(self, rows: list[Category]) -> None:
        """Show ``rows``; same ids in the same order change values in place, else reset."""
        if [c.id for c in rows] == [c.id for c in self._rows]:
            self._rows = list(rows)
            if rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(self.HEADERS) - 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def category(self, row: int) -> Category:
        """Return the category shown in ``row``."""
        return self._rows[row]

    def row_of(self, category_id: int) -> int:
        """Return the row showing a category, or -1."""
        return next((i for i, c in enumerate(self._rows) if c.id == category_id), -1)

    def _on_service_changed(self, what: str) -> None:
        if what == Change.CATEGORIES:
            self.refresh()

    # -- Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt's names)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        category, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_NAME:
                return category.name
            if column == self.COL_KIND:
                return kind_word(category.kind)
            return None
        if role == Qt.ItemDataRole.EditRole:
            if column == self.COL_NAME:
                return category.name
            if column == self.COL_KIND:
                return category.kind.value
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_ARCHIVED:
            return Qt.CheckState.Checked if category.archived else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and column == self.COL_KIND:
            return kind_color(category.kind)
        if role == Qt.ItemDataRole.ForegroundRole and category.archived:
            return QGuiApplication.palette().placeholderText()
        if role == Qt.ItemDataRole.ToolTipRole:
            if category.archived:
                return "Archived: not offered when logging; past entries keep it."
            if column == self.COL_NAME:
                return "Double-click or press F2 to rename; past entries follow the new name."
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (self.COL_NAME, self.COL_KIND):
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == self.COL_ARCHIVED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        category, column = self._rows[index.row()], index.column()
        changes: dict[str, Any]
        if role == Qt.ItemDataRole.EditRole and column == self.COL_NAME:
            if " ".join(str(value).split()) == category.name:
                return False
            changes = {"name": str(value)}
        elif role == Qt.ItemDataRole.EditRole and column == self.COL_KIND:
            changes = {"kind": str(value)}
        elif role == Qt.ItemDataRole.CheckStateRole and column == self.COL_ARCHIVED:
            changes = {"archived": Qt.CheckState(value) == Qt.CheckState.Checked}
        else:
            return False
        try:
            self._service.categories.update(category.id, **changes)
        except ValidationError as error:
            self.errorOccurred.emit(str(error))
            return False
        except StorageError as error:
            self.errorOccurred.emit(f"{error} Nothing was changed.")
            return False
        # The service's notification has refreshed the rows; say which cell changed anyway.
        self.dataChanged.emit(index, index, [role])
        return True


class KindDelegate(QStyledItemDelegate):
    """Edits a default kind with a drop-down of Strategic / Operational, saved on choice."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        for kind in Kind:
            combo.addItem(kind_word(kind), kind.value)
        combo.activated.connect(lambda _: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class CategoryEditor(QWidget):
    """The table of categories with Add, Rename, Archive/Restore and a kind switch."""

    def __init__(self, service: WorkloadService, parent: QWidget | None = None, *,
                 bridge: ServiceBridge | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.model = CategoryModel(service, self, bridge=bridge)
        self.model.errorOccurred.connect(self.show_error)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(CategoryModel.COL_KIND, KindDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(CategoryModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CategoryModel.COL_KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CategoryModel.COL_ARCHIVED,
                                    QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.dataChanged.connect(self._update_buttons)

        self.rename_button = QPushButton("Rename")
        self.rename_button.clicked.connect(self.rename_current)
        self.kind_button = QPushButton("Make operational")
        self.kind_button.clicked.connect(self.switch_kind_of_current)
        self.archive_button = QPushButton("Archive")
        self.archive_button.clicked.connect(self.toggle_archived_of_current)
        row_buttons = QHBoxLayout()
        for button in (self.rename_button, self.kind_button, self.archive_button):
            row_buttons.addWidget(button)
        row_buttons.addStretch(1)

        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("New category, e.g. Pricing research")
        self.new_name.setClearButtonEnabled(True)
        self.new_name.returnPressed.connect(self.add_category)
        self.new_kind = QComboBox()
        for kind in Kind:
            self.new_kind.addItem(kind_word(kind), kind.value)
        self.add_button = QPushButton("Add")
        self.add_button.clicked.connect(self.add_category)
        self.add_button.setAutoDefault(False)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.new_kind)
        add_row.addWidget(self.add_button)

        self.error_label = QLabel()
        self.error_label.setObjectName("categoryError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #d64545;")
        self.error_label.hide()
        hint = QLabel("Past entries follow a renamed category; an archived one is no longer "
                      "offered when logging.")
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addLayout(add_row)
        layout.addWidget(self.error_label)
        layout.addWidget(hint)
        for button in (self.rename_button, self.kind_button, self.archive_button):
            button.setAutoDefault(False)  # Enter in the dialog means OK, not Rename
        self._update_buttons()

    # -- helpers ----------------------------------------------------------------------------
    def current(self) -> Category | None:
        """Return the selected category, or None."""
        index = self.table.currentIndex()
        return self.model.category(index.row()) if index.isValid() else None

    def select(self, category_id: int) -> None:
        """Make a category the current row."""
        row = self.model.row_of(category_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, CategoryModel.COL_NAME))

    def _write_failed(self, error: StorageError) -> None:
        self.show_error("The database could not be written; nothing was changed.")
        messages.show_error(self, "Could not change the categories", f"{error}\n\nNothing was changed.")

    def show_error(self, message: str) -> None:
        """Show why a change was refused (an empty message hides it)."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _update_buttons(self, *_: object) -> None:
        category = self.current()
        for button in (self.rename_button, self.kind_button, self.archive_button):
            button.setEnabled(category is not None)
        if category is not None:
            other = Kind.OPERATIONAL if category.kind is Kind.STRATEGIC else Kind.STRATEGIC
            self.kind_button.setText(f"Make {other.value}")
            self.archive_button.setText("Restore" if category.archived else "Archive")

    # -- actions ----------------------------------------------------------------------------
    def add_category(self) -> Category | None:
        """Add the category typed in the 'new category' line; show why if it is refused."""
        try:
            category = self._service.categories.add(self.new_name.text(), self.new_kind.currentData())
        except ValidationError as error:
            self.show_error(str(error))
            return None
        except StorageError as error:
            self._write_failed(error)
            return None
        self.show_error("")
        self.new_name.clear()
        self.select(category.id)
        self._show_new_row(category.id)
        return category

    def _show_new_row(self, category_id: int) -> None:
        """Scroll a new category's row fully into view and open its name for editing."""
        index = self.model.index(self.model.row_of(category_id), CategoryModel.COL_NAME)
        # After the model's reset the view has not laid out its rows yet: a scroll now would
        # use the old height and leave the new row half shown.
        self.table.updateGeometries()
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        self.table.edit(index)

    def rename_current(self) -> None:
        """Start editing the selected category's name in the table."""
        index = self.table.currentIndex()
        if index.isValid():
            self.table.edit(index.siblingAtColumn(CategoryModel.COL_NAME))

    def switch_kind_of_current(self) -> None:
        """Give the selected category the other default kind."""
        category = self.current()
        if category is not None:
            other = Kind.OPERATIONAL if category.kind is Kind.STRATEGIC else Kind.STRATEGIC
            self._update(category, kind=other)

    def toggle_archived_of_current(self) -> None:
        """Archive the selected category, or restore it when it is archived."""
        category = self.current()
        if category is not None:
            self._update(category, archived=not category.archived)

    def _update(self, category: Category, **changes: Any) -> None:
        try:
            self._service.categories.update(category.id, **changes)
        except ValidationError as error:
            self.show_error(str(error))
            return
        except StorageError as error:
            self._write_failed(error)
            return
        self.show_error("")
        self.select(category.id)
