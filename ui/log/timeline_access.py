"""What a screen reader finds on the day timeline: one child per block, gap and ghost, named
by what it is ("09:00–09:45, Weekly status deck, 45 min, operational"), with its place on screen.

The timeline paints its items, so Qt knows nothing of them; ``install()`` adds a factory that
gives the timeline an interface with these children. A child stands for a position in the
timeline's list and reads the item there when asked, so the interfaces Qt keeps in its cache
stay valid however often the day changes (and there are never more than the longest day had).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtGui import QAccessible, QAccessibleInterface, QColor
from PySide6.QtWidgets import QAccessibleWidget

from ui.log.timeline_items import ItemKind

DayTimeline = Any  # ui.log.timeline's, not imported: it imports this module
_installed = False

_ROLES = {ItemKind.BLOCK: QAccessible.Role.Button, ItemKind.GHOST: QAccessible.Role.Button,
          ItemKind.GAP: QAccessible.Role.StaticText}
_WORDS = {ItemKind.BLOCK: "Entry", ItemKind.GHOST: "Calendar event", ItemKind.GAP: "Gap"}


def install() -> None:
    """Give every day timeline its accessible children (once per process)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def _factory(key: str, target: QObject) -> QAccessibleInterface | None:
    # By class name, as Qt's factories go (the timeline imports this module, not back).
    return TimelineAccessible(target) if key == "DayTimeline" else None  # type: ignore[arg-type]


class TimelineAccessible(QAccessibleWidget):
    """The timeline as a list whose children are its items, in time order."""

    def __init__(self, timeline: DayTimeline) -> None:
        super().__init__(timeline, QAccessible.Role.List, "")
        self._timeline = timeline
        self._children: list[ItemAccessible] = []  # kept: Qt's cache holds them by address

    def childCount(self) -> int:  # noqa: N802 (Qt's name)
        return len(self._timeline.items)

    def child(self, index: int) -> QAccessibleInterface | None:
        if not 0 <= index < self.childCount():
            return None
        while len(self._children) <= index:
            self._children.append(ItemAccessible(self, self._timeline, len(self._children)))
        return self._children[index]

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802
        return child.index if isinstance(child, ItemAccessible) and child.isValid() else -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # noqa: N802
        found = self._timeline.item_at(self._timeline.mapFromGlobal(QPoint(x, y)))
        return self.child(self._timeline.items.index(found)) if found is not None else None

    def focusChild(self) -> QAccessibleInterface | None:  # noqa: N802
        selected = self._timeline.selected
        if selected is None or selected not in self._timeline.items:
            return None
        return self.child(self._timeline.items.index(selected))


class ItemAccessible(QAccessibleInterface):
    """The item at one position of the timeline's list."""

    def __init__(self, parent: TimelineAccessible, timeline: DayTimeline, index: int) -> None:
        super().__init__()
        self._parent, self._timeline, self.index = parent, timeline, index

    def _item(self):
        items = self._timeline.items
        return items[self.index] if self.index < len(items) else None

    def isValid(self) -> bool:  # noqa: N802 (Qt's name)
        return self._item() is not None

    def object(self) -> QObject | None:
        return None

    def window(self):
        return self._timeline.window().windowHandle()

    def parent(self) -> QAccessibleInterface:
        return self._parent

    def child(self, _index: int) -> QAccessibleInterface | None:
        return None

    def childCount(self) -> int:  # noqa: N802
        return 0

    def indexOfChild(self, _child: QAccessibleInterface) -> int:  # noqa: N802
        return -1

    def childAt(self, _x: int, _y: int) -> QAccessibleInterface | None:  # noqa: N802
        return None

    def focusChild(self) -> QAccessibleInterface | None:  # noqa: N802
        return None

    def text(self, which: QAccessible.Text) -> str:
        item = self._item()
        if item is None:
            return ""
        if which == QAccessible.Text.Name:
            return f"{_WORDS[item.kind]}: {item.describe()}"
        if which == QAccessible.Text.Description and item.kind is ItemKind.BLOCK:
            return "Enter edits it; Shift+Up or Shift+Down changes its length."
        return ""

    def setText(self, _which: QAccessible.Text, _text: str) -> None:  # noqa: N802
        pass  # read-only

    def rect(self) -> QRect:
        item = self._item()
        if item is None:
            return QRect()
        local = self._timeline.item_rect(item).toAlignedRect()
        return QRect(self._timeline.mapToGlobal(local.topLeft()), local.size())

    def role(self) -> QAccessible.Role:
        item = self._item()
        return _ROLES[item.kind] if item is not None else QAccessible.Role.NoRole

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        item = self._item()
        state.focusable = item is not None
        state.selectable = item is not None
        state.selected = state.focused = item is not None and item is self._timeline.selected
        return state

    def backgroundColor(self) -> QColor:  # noqa: N802
        return QColor()

    def foregroundColor(self) -> QColor:  # noqa: N802
        return QColor()
