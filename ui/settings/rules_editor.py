"""The Rules tab of Settings: the title rules in the order they are tried, to add, edit in place
(pattern, word or regular expression, kind, category), move up or down and remove.

Changes are saved as they are made, through service.rules, and the tab says so."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.changes import Change
from app.errors import StorageError, ValidationError
from app.log.rules import Rule
from app.workload import WorkloadService
from ui.common.bridge import ServiceBridge, bridge_for
from ui.common.delegates import CategoryDelegate, KindDelegate
from ui.common.table_model import Index, RowsModel
from ui.common.theme import kind_color, kind_word

COL_NUMBER, COL_PATTERN, COL_REGEX, COL_KIND, COL_CATEGORY = range(5)
HEADERS = ("#", "Title contains", "Regular expression", "Kind", "Category")


class RulesModel(RowsModel[Rule]):
    """The rules in order; editing a cell saves it through service.rules."""

    HEADERS = HEADERS
    errorOccurred = Signal(str)
    saved = Signal(str)

    def __init__(self, service: WorkloadService, parent: QObject | None = None, *,
                 bridge: ServiceBridge | None = None) -> None:
        super().__init__(parent)
        self._service = service
        bridge_for(service, bridge, self).changed.connect(self._on_service_changed)
        self.refresh()

    def refresh(self) -> None:
        self.set_rows(self._service.rules.list())

    def rule(self, row: int) -> Rule:
        return self._rows[row]

    def _on_service_changed(self, what: str) -> None:
        if what in (Change.RULES, Change.CATEGORIES):
            self.refresh()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_REGEX:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() != COL_NUMBER:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rule, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_REGEX:
            return Qt.CheckState.Checked if rule.is_regex else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return {COL_NUMBER: str(rule.number), COL_PATTERN: rule.pattern,
                    COL_KIND: kind_word(rule.kind), COL_CATEGORY: rule.category or ""}.get(column)
        if role == Qt.ItemDataRole.EditRole:
            return {COL_PATTERN: rule.pattern, COL_KIND: rule.kind.value,
                    COL_CATEGORY: rule.category or ""}.get(column)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_KIND:
            return kind_color(rule.kind)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        rule, column = self._rows[index.row()], index.column()
        if column == COL_REGEX and role == Qt.ItemDataRole.CheckStateRole:
            change: dict[str, Any] = {"regex": Qt.CheckState(value) == Qt.CheckState.Checked}
        elif role == Qt.ItemDataRole.EditRole and column in (COL_PATTERN, COL_KIND, COL_CATEGORY):
            change = {{COL_PATTERN: "pattern", COL_KIND: "kind", COL_CATEGORY: "category"}[column]:
                      str(value or "")}
        else:
            return False
        try:
            saved = self._service.rules.update(rule.id, **change)
        except (ValidationError, StorageError) as error:
            self.errorOccurred.emit(str(error))
            return False
        self.saved.emit(f"Saved rule {saved.number}: {saved}. It applies at once.")
        return True


class RulesEditor(QWidget):
    """The Rules tab: the table and its buttons, with a line saying what was saved or refused."""

    def __init__(self, service: WorkloadService, parent: QWidget | None = None, *,
                 bridge: ServiceBridge | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.model = RulesModel(service, self, bridge=bridge)
        self.view = QTableView(self)
        self.view.setAccessibleName("Title rules")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PATTERN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CATEGORY, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_CATEGORY, 170)  # long names elide; the pattern needs the room
        self.view.setItemDelegateForColumn(COL_KIND, KindDelegate(self.view))
        self.view.setItemDelegateForColumn(COL_CATEGORY, CategoryDelegate(
            lambda: [c.name for c in service.categories.list()], self.view))
        hint = QLabel("The first rule whose words are in a title decides its kind and category, for "
                      "calendar events, imports and new titles in the quick-log line.")
        hint.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Rules message")
        self.add_button = QPushButton("Add rule")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.remove_button = QPushButton("Remove")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.up_button, self.down_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self.add_rule)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        self.remove_button.clicked.connect(self.remove_current)
        self.model.errorOccurred.connect(self.message.setText)
        self.model.saved.connect(self.message.setText)

    def current(self) -> Rule | None:
        index = self.view.currentIndex()
        return self.model.rule(index.row()) if index.isValid() else None

    def _select(self, number: int) -> None:
        self.view.setCurrentIndex(self.model.index(number - 1, COL_PATTERN))

    def _do(self, action, done: str) -> Any:
        try:
            result = action()
        except (ValidationError, StorageError) as error:
            self.message.setText(str(error))
            return None
        self.message.setText(done)
        return result

    def add_rule(self, pattern: str = "new rule", kind: str = "operational") -> None:
        """Add a rule at the end, selected and open for its words to be typed."""
        rule = self._do(lambda: self._service.rules.add(pattern, kind),
                        "Added a rule; type the words to look for. Rules apply at once.")
        if rule is not None:
            self._select(rule.number)
            self.view.edit(self.view.currentIndex())

    def move_current(self, step: int) -> None:
        rule = self.current()
        if rule is None:
            return
        number = max(1, rule.number + step)
        if self._do(lambda: self._service.rules.move(rule.id, number),
                    f"Moved {rule} to place {number}; it applies at once.") is not None:
            self._select(min(number, self.model.rowCount()))

    def remove_current(self) -> None:
        rule = self.current()
        if rule is not None:
            self._do(lambda: self._service.rules.remove(rule.id), f"Removed {rule}.")
