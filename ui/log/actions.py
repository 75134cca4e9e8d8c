"""LogActions: what can be done on the log page, as QActions for menus, shortcuts and buttons.

The actions only say what was asked for, by signal; the page connects them to what it does
(LogPage._connect_actions), so this module knows nothing of the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QTableView, QToolButton, QWidget

from app.domain import Kind
from ui.common.delegates import NO_CATEGORY
from ui.common.richtext import action_text


class LogActions(QObject):
    """The page's actions; the main window puts them in its menus, the table in its context menu.

    ``set_field(field, value)`` asks to set "kind" or "category" on the selected entries.
    """

    focus_line_requested = Signal()
    focus_filter_requested = Signal()
    edit_requested = Signal()
    delete_requested = Signal()
    duplicate_requested = Signal()
    copy_to_today_requested = Signal()
    continue_requested = Signal()
    set_field = Signal(str, object)

    def __init__(self, page: QWidget, table: QTableView,
                 category_names: Callable[[], list[str]]) -> None:
        super().__init__(page)
        self._page = page
        self._category_names = category_names
        self.focus_line = self._action("&Log work", "Ctrl+L", self.focus_line_requested.emit,
                                       "Go to the quick-log line (Ctrl+L)")
        self.find = self._action("&Filter entries", QKeySequence.StandardKey.Find,
                                 self.focus_filter_requested.emit,
                                 "Go to the filter box over the entries (Ctrl+F)")
        self.edit = self._action("&Edit entry…", "Ctrl+E", self.edit_requested.emit,
                                 "Edit the current entry (Enter or a double-click in the table)")
        self.delete = self._action("&Delete", QKeySequence.StandardKey.Delete,
                                   self.delete_requested.emit,
                                   "Delete the selected entries (Del; Ctrl+Z brings them back)")
        # Delete acts in the table only: in a text field the key deletes text.
        self.delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        page.removeAction(self.delete)
        self.select_all = self._action("Select &all", QKeySequence.StandardKey.SelectAll,
                                       table.selectAll)
        self.strategic = self._action("Mark as &strategic", "Ctrl+Shift+S",
                                      lambda: self.set_field.emit("kind", Kind.STRATEGIC))
        self.operational = self._action("Mark as &operational", "Ctrl+Shift+O",
                                        lambda: self.set_field.emit("kind", Kind.OPERATIONAL))
        self.duplicate = self._action("Du&plicate", "Ctrl+D", self.duplicate_requested.emit,
                                      "Log the selected entries again on their own day, "
                                      "right after each (Ctrl+D)")
        self.copy_to_today = self._action("Cop&y to today", "Ctrl+T",
                                          self.copy_to_today_requested.emit,
                                          "Log the selected entries again today (Ctrl+T)")
        self.continue_entry = self._action("Co&ntinue with a timer", "Ctrl+Shift+C",
                                           self.continue_requested.emit,
                                           "Start a timer on the selected entry's task, saving "
                                           "a running timer first (Ctrl+Shift+C)")
        self.category_menu = QMenu("Set &category", page)
        self.category_menu.aboutToShow.connect(self._fill_category_menu)
        # Previous / next / this week belong to the window: they act on whichever page shows.

        self.kind_menu = QMenu("Kind", page)
        self.kind_menu.addActions([self.strategic, self.operational])
        self.again_menu = QMenu("Again", page)
        self.again_menu.addActions([self.duplicate, self.copy_to_today, self.continue_entry])
        self.buttons = [self._button(self.edit, "Edit…"),
                        self._menu_button(self.again_menu, "Again",
                                          "Duplicate, copy to today or continue the selection"),
                        self._menu_button(self.kind_menu, "Kind"),
                        self._menu_button(self.category_menu, "Category"),
                        self._button(self.delete, "Delete")]

        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        table.addActions([self.edit, self._separator(table), self.duplicate, self.copy_to_today,
                          self.continue_entry, self._separator(table), self.strategic,
                          self.operational, self.category_menu.menuAction(),
                          self._separator(table), self.delete])
        self.update_for_selection(0, False)

    def _action(self, text: str, shortcut: Any, slot, tip: str = "") -> QAction:
        action = QAction(text, self._page)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text.replace("&", ""))
        action.triggered.connect(slot)
        self._page.addAction(action)  # its shortcut works while the page is shown
        return action

    def _button(self, action: QAction, text: str) -> QToolButton:
        button = QToolButton(self._page)
        button.setDefaultAction(action)
        button.setText(text)
        button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        return button

    @staticmethod
    def _separator(parent: QWidget) -> QAction:
        separator = QAction(parent)
        separator.setSeparator(True)
        return separator

    def _menu_button(self, menu: QMenu, text: str, tip: str = "") -> QToolButton:
        button = QToolButton(self._page)
        button.setText(text)
        tip = tip or f"Set the {text.lower()} of the selected entries"
        button.setAccessibleName(tip)
        button.setToolTip(tip)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        return button

    def _fill_category_menu(self) -> None:
        self.category_menu.clear()
        for name in ["", *self._category_names()]:
            action = self.category_menu.addAction(action_text(name) if name else NO_CATEGORY)
            action.triggered.connect(lambda _=False, n=name: self.set_field.emit("category", n))

    def update_for_selection(self, count: int, has_current: bool) -> None:
        """Enable what needs a selection only when there is one (``has_current``: one entry
        is there to edit)."""
        for action in (self.delete, self.strategic, self.operational, self.duplicate,
                       self.copy_to_today):
            action.setEnabled(count > 0)
        self.continue_entry.setEnabled(count == 1)  # one timer runs at a time
        self.category_menu.setEnabled(count > 0)
        self.again_menu.setEnabled(count > 0)
        self.edit.setEnabled(has_current)
        for button in self.buttons:
            if button.menu() is not None:
                button.setEnabled(count > 0)
