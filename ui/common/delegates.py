"""Editors for the entries table: combo boxes for the kind and the category."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from app.domain import Kind
from ui.common import theme

if TYPE_CHECKING:  # named in annotations only: making their types costs start-up time
    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtWidgets import QStyleOptionViewItem

NO_CATEGORY = "(no category)"

_Index = QModelIndex | QPersistentModelIndex


class _ComboDelegate(QStyledItemDelegate):
    """A combo box editor that saves as soon as a choice is made."""

    accessible_name = ""

    def choices(self, current: str) -> list[tuple[str, str]]:
        """Return (shown text, value given to setData) pairs."""
        raise NotImplementedError

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self.accessible_name)
        for text, value in self.choices(index.data(Qt.ItemDataRole.EditRole) or ""):
            combo.addItem(text, value)
        # A pick from the list is the whole edit: save and close without another key.
        combo.activated.connect(lambda _=0, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        at = editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setCurrentIndex(max(at, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class KindDelegate(_ComboDelegate):
    """Strategic or operational."""

    accessible_name = "Kind of work"

    def choices(self, current: str) -> list[tuple[str, str]]:
        return [(theme.kind_word(kind), kind.value) for kind in Kind]


class CategoryDelegate(_ComboDelegate):
    """The active categories (and the entry's own, if it is archived), or none."""

    accessible_name = "Category"

    def __init__(self, names: Callable[[], list[str]], parent=None) -> None:
        super().__init__(parent)
        self._names = names

    def choices(self, current: str) -> list[tuple[str, str]]:
        names = self._names()
        if current and current not in names:
            names = [current, *names]
        return [(NO_CATEGORY, ""), *((name, name) for name in names)]
