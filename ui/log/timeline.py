"""DayTimeline: one day painted on a vertical axis of hours, and what the mouse and keys do on it.

Blocks are the timed entries (height = minutes, in the kind's colour), dashed ghosts the
calendar's suggestions, hatched stretches the gaps in the working hours. Drag across empty
time to log into it, drag a block's top or bottom edge to move its start or its end (in steps
of five minutes; Esc cancels), click a ghost to log it (one without a kind offers strategic
or operational first). On today a new stretch stops at now. The widget only says what was
asked for, by signal; the day page and the Log page do it (through undo).
"""

from __future__ import annotations

import math
from datetime import date, time

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QSizePolicy,
    QStyle,
    QStyleOptionFocusRect,
    QToolTip,
    QWidget,
)

from app.display import shorten
from app.domain import Kind
from app.log.day import DayView
from ui.log.timeline_items import (
    DAY_END,
    DEFAULT_HOURS,
    SNAP,
    Item,
    ItemKind,
    build_items,
    hour_range,
    resized,
    snap,
)

PIXELS_PER_HOUR = 60  # the least: a quarter of an hour keeps a line of text
MARGIN = 8
EDGE = 5  # pixels inside a block's edge that grab the edge (never the gap beside it)
STILL_TO_COME = "That time is still to come."
EMPTY_TEXT = "Nothing logged on this day. Drag across the hours to log into them."
_ROLE = QPalette.ColorRole


class DayTimeline(QWidget):
    """The painted day; ``selected`` is the item the keys act on."""

    log_requested = Signal(int, int)           # start minute, minutes
    change_requested = Signal(object, dict)    # entry, {"start": time, "minutes": int}
    edit_requested = Signal(object)            # entry
    delete_requested = Signal(object)          # entry
    accept_requested = Signal(object)          # a calendar Suggestion
    day_step_requested = Signal(int)           # -1 / +1 day
    status_message = Signal(str)
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.log import timeline_access

        timeline_access.install()  # its blocks, gaps and ghosts as accessible children
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName("Day timeline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.view: DayView | None = None
        self.items: list[Item] = []
        self.first, self.last = 9 * 60, 18 * 60
        self.now_minute: int | None = None  # where 'now' is, on today
        self.selected: Item | None = None
        self._drag: tuple[str, Item | None, int] | None = None  # (what, item, minute pressed)
        self._drag_to: int | None = None
        self._drag_offset = 0.0  # pixels from where the dragged edge is drawn to its minute
        self._press_at: QPoint | None = None
        self.kind_menu: QMenu | None = None  # the choice offered on a ghost without a kind

    # -- data ---------------------------------------------------------------------------
    def show_day(self, view: DayView, ghosts: list, work: tuple[time, time] = DEFAULT_HOURS,
                 now_minute: int | None = None) -> None:
        """Show a day's view and its calendar ghosts, keeping the selection where it can."""
        kept = self._key(self.selected) if self.selected else None
        same_day = self.view is not None and self.view.day == view.day
        self.view, self.now_minute = view, now_minute
        # The minutes one line of text covers at the least scale: closer items go side by side.
        least = math.ceil(self.least_height() * 60 / PIXELS_PER_HOUR)
        self.items = build_items(view, ghosts, least)
        self.first, self.last = hour_range(self.items, work)
        self.setMinimumHeight(int((self.last - self.first) / 60 * PIXELS_PER_HOUR) + 2 * MARGIN)
        self._cancel_drag()
        found = next((i for i in self.items if self._key(i) == kept), None) if same_day else None
        self._select(found)
        self.update()

    @staticmethod
    def _key(item: Item) -> tuple:
        if item.kind is ItemKind.BLOCK:
            return ("block", item.entry.id)
        if item.kind is ItemKind.GHOST:
            return ("ghost", item.suggestion.key)
        return ("gap", item.start)

    @property
    def day(self) -> date | None:
        return self.view.day if self.view else None

    def select_entry(self, entry_id: int) -> None:
        """Select the block of an entry (after it was logged or changed)."""
        self._select(next((i for i in self.items if i.kind is ItemKind.BLOCK
                           and i.entry.id == entry_id), None))

    def _select(self, item: Item | None) -> None:
        self.selected = item
        text = item.describe() if item else self._empty_description()
        self.setAccessibleDescription(text)
        if self.hasFocus():
            QAccessible.updateAccessibility(
                QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))
            if item is not None and item in self.items:  # a screen reader follows the item
                moved = QAccessibleEvent(self, QAccessible.Event.Focus)
                moved.setChild(self.items.index(item))
                QAccessible.updateAccessibility(moved)
        self.selection_changed.emit()
        self.update()

    def _empty_description(self) -> str:
        if not self.items:
            return EMPTY_TEXT
        return "Up and Down move between entries and gaps; Left and Right between days."

    # -- geometry -------------------------------------------------------------------------
    def _scale(self) -> float:
        return max(1.0, self.height() - 2 * MARGIN) / max(1, self.last - self.first)

    def y_of(self, minute: float) -> float:
        """Return the y of a minute of the day."""
        return MARGIN + (minute - self.first) * self._scale()

    def minute_at(self, y: float) -> float:
        """Return the minute of the day at ``y`` (beyond the axis too: drags go past it)."""
        return self.first + (y - MARGIN) / self._scale()

    def _gutter(self) -> int:
        return self.fontMetrics().horizontalAdvance("24:00") + 12

    def item_rect(self, item: Item, start: int | None = None, end: int | None = None) -> QRectF:
        """Return where an item is drawn (for ``start``/``end`` when given: a drag's preview)."""
        left, width = self._gutter() + 2, self.width() - self._gutter() - 2 - MARGIN
        top = self.y_of(item.start if start is None else start)
        bottom = self.y_of(item.end if end is None else end)
        if item.kind is ItemKind.GAP:
            return QRectF(left, top, width, bottom - top)
        column_width = width / item.columns
        # A short item is drawn one line of text tall (it may overlap the next in drawing;
        # where later items sit does not change), so its words fit and its edge can be grabbed.
        return QRectF(left + item.column * column_width + 1, top + 1, column_width - 2,
                      max(self.least_height(), bottom - top - 2))

    def least_height(self) -> float:
        """Return the least height a block or ghost is drawn: one line of text at the font."""
        return self.fontMetrics().height() + 4.0

    def item_at(self, pos: QPoint) -> Item | None:
        """Return the block or ghost under ``pos``, else the gap, else None."""
        for kinds in ((ItemKind.BLOCK, ItemKind.GHOST), (ItemKind.GAP,)):
            for item in self.items:
                if item.kind in kinds and self.item_rect(item).contains(pos):
                    return item
        return None

    def _edge_at(self, pos: QPoint) -> tuple[str, Item] | None:
        for item in self.items:
            if item.kind is not ItemKind.BLOCK:
                continue
            rect = self.item_rect(item)
            # Inside the block only: a press just below it starts a drag across the gap there.
            if rect.left() <= pos.x() <= rect.right():
                if rect.bottom() - EDGE <= pos.y() <= rect.bottom():
                    return "bottom", item
                if rect.top() <= pos.y() <= rect.top() + EDGE and rect.height() > 2 * EDGE:
                    return "top", item
        return None

    # -- painting -----------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        from ui.log.timeline_paint import paint_timeline

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_timeline(self, painter)
        if self.hasFocus():
            option = QStyleOptionFocusRect()
            option.initFrom(self)
            rect = self.item_rect(self.selected).toAlignedRect() if self.selected else self.rect()
            option.rect = rect.adjusted(-2, -2, 2, 2) if self.selected else rect.adjusted(1, 1, -1, -1)
            option.backgroundColor = self.palette().color(_ROLE.Base)
            self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self)
        painter.end()

    def drag_preview(self) -> tuple[str, Item | None, int, int] | None:
        """Return (what, item, start, end) of the drag under way, as it would be saved."""
        if self._drag is None or self._drag_to is None:
            return None
        what, item, pressed = self._drag
        if what == "new":
            start, end = sorted((pressed, self._drag_to))
            return what, None, start, self._until_now(start, end)
        start, end, _minutes, _note = resized(what, item, self._drag_to)
        return what, item, start, end

    # -- mouse --------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.RightButton and self.view is not None:
            self._select(self.item_at(event.position().toPoint()))  # the context menu's entry
        if event.button() != Qt.MouseButton.LeftButton or self.view is None:
            super().mousePressEvent(event)
            return
        pos = event.position().toPoint()
        self._press_at = pos
        edge = self._edge_at(pos)
        if edge is not None:
            what, item = edge
            self._select(item)
            self._drag = (what, item, self._snapped(pos.y()))
            # A short block is drawn taller than its minutes: its drawn bottom stands for its end.
            self._drag_offset = self.item_rect(item).bottom() - (self.y_of(item.end) - 1) \
                if what == "bottom" else 0.0
            return
        item = self.item_at(pos)
        if item is not None and item.kind is not ItemKind.GAP:
            self._select(item)  # a ghost is logged on release; a block is only selected
            return
        self._select(item)
        self._drag = ("new", None, self._snapped(pos.y()))

    def _until_now(self, start: int, end: int) -> int:
        """Return ``end``, cut at now on today: the quick-log line refuses time still to come."""
        if self.now_minute is None:
            return end
        return max(start, min(end, self.now_minute))

    def _snapped(self, y: float) -> int:
        return max(0, min(DAY_END, snap(self.minute_at(y))))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        pos = event.position().toPoint()
        if self._drag is None:
            edge = self._edge_at(pos)
            self.setCursor(Qt.CursorShape.SizeVerCursor if edge else Qt.CursorShape.ArrowCursor)
            return
        moved = self._press_at is not None and \
            (pos - self._press_at).manhattanLength() >= QApplication.startDragDistance()
        if self._drag[0] == "new" and not moved and self._drag_to is None:
            return
        self._drag_to = snap(self.minute_at(pos.y() - self._drag_offset))
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        drag, self._press_at = self.drag_preview(), None
        pressed, to = self._drag, self._drag_to
        self._cancel_drag()
        if drag is None:
            item = self.item_at(event.position().toPoint())
            if pressed is None and item is not None and item is self.selected \
                    and item.kind is ItemKind.GHOST:
                self._accept_ghost(item)
            return
        what, item, start, end = drag
        if what == "new":
            self._log_stretch(start, min(end, DAY_END))
            return
        self._save_resize(what, item, to)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        item = self.item_at(event.position().toPoint())
        if item is not None and item.kind is ItemKind.BLOCK:
            self.edit_requested.emit(item.entry)

    def _log_stretch(self, start: int, end: int) -> None:
        """Ask to log ``start``–``end`` (already cut at now); a stretch all to come is refused."""
        if self.now_minute is not None and start >= self.now_minute:
            self.status_message.emit(STILL_TO_COME)
        elif end - start >= 5:
            self.log_requested.emit(start, end - start)

    def _save_resize(self, what: str, item: Item, to: int, by_key: bool = False) -> None:
        """Ask once for the change a drag (or Shift+Up/Down) of an edge to ``to`` makes."""
        start, end, minutes, note = resized(what, item, to, by_key)
        others = [i.entry.title for i in self.items if i.kind is ItemKind.BLOCK and i is not item
                  and i.start < end and start < i.end]
        if others and not note:
            note = f"It now overlaps '{others[0]}'" + (f" and {len(others) - 1} more" if
                                                       len(others) > 1 else "") + "."
        changes: dict = {}
        if start != item.start:
            changes["start"] = time(start // 60, start % 60)
        if minutes != item.entry.minutes:
            changes["minutes"] = minutes
        if note:
            self.status_message.emit(note)
        if changes:
            self.change_requested.emit(item.entry, changes)

    def _cancel_drag(self) -> None:
        self._drag, self._drag_to, self._drag_offset = None, None, 0.0
        self.update()

    # -- keys -----------------------------------------------------------------------------
    _KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_PageUp,
             Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Return,
             Qt.Key.Key_Enter, Qt.Key.Key_Insert, Qt.Key.Key_Delete, Qt.Key.Key_Escape}

    def event(self, event: QEvent) -> bool:
        # The window's Delete and Enter shortcuts must not take the keys this widget acts on.
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in self._KEYS \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            event.accept()
            return True
        if event.type() == QEvent.Type.ToolTip:
            item = self.item_at(event.pos())
            if item is not None:
                QToolTip.showText(event.globalPos(), item.describe(), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Escape and self._drag is not None:
            self._cancel_drag()
            self.status_message.emit("Drag cancelled; nothing was changed.")
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and shift:
            self._nudge(SNAP if key == Qt.Key.Key_Down else -SNAP)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End):
            self._move_selection(key)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.day_step_requested.emit(-1)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.day_step_requested.emit(1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Insert):
            self.activate(insert=key == Qt.Key.Key_Insert)
        elif key == Qt.Key.Key_Delete and self.selected and self.selected.kind is ItemKind.BLOCK:
            self.delete_requested.emit(self.selected.entry)
        else:
            super().keyPressEvent(event)

    def _move_selection(self, key: Qt.Key) -> None:
        if not self.items:
            return
        if key == Qt.Key.Key_Home or (self.selected is None and key == Qt.Key.Key_Down):
            index = 0
        elif key == Qt.Key.Key_End or self.selected is None:
            index = len(self.items) - 1
        else:
            step = 1 if key == Qt.Key.Key_Down else -1
            index = max(0, min(len(self.items) - 1, self.items.index(self.selected) + step))
        self._select(self.items[index])

    def activate(self, insert: bool = False) -> None:
        """Do what Enter does on the selected item: edit a block, log into a gap, log a ghost."""
        item = self.selected
        if item is None:
            return
        if item.kind is ItemKind.GAP:
            self._log_stretch(item.start, self._until_now(item.start, item.end))
        elif insert:
            return
        elif item.kind is ItemKind.GHOST:
            self._accept_ghost(item)
        else:
            self.edit_requested.emit(item.entry)

    def _accept_ghost(self, item: Item) -> None:
        """Ask to log a ghost; one without a kind yet first offers the choice at the ghost."""
        if item.suggestion.kind is not None:
            self.accept_requested.emit(item.suggestion)
            return
        # Every meeting is unclassified at first: choosing here logs it, with the kind the
        # calendar panel would set in place (and remember for the series), in one undo step.
        menu = QMenu(self)
        menu.setAccessibleName(f"Log '{shorten(item.suggestion.title, 40)}' as")
        for kind in Kind:
            action = menu.addAction(f"Log as {kind.value}")
            action.triggered.connect(lambda _checked=False, kind=kind: self.accept_requested.emit(
                item.suggestion.changed(kind=kind)))
        if self.kind_menu is not None:  # one offer at a time
            self.kind_menu.close()
            self.kind_menu.deleteLater()
        self.kind_menu = menu
        rect = self.item_rect(item)
        menu.popup(self.mapToGlobal(rect.bottomLeft().toPoint() + QPoint(8, 0)))  # not exec()

    def _nudge(self, minutes: int) -> None:
        """Lengthen or shorten the selected block by ``minutes`` (Shift+Down / Shift+Up)."""
        item = self.selected
        if item is None or item.kind is not ItemKind.BLOCK:
            return
        self._save_resize("bottom", item, item.true_end + minutes, by_key=True)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusInEvent(event)
        if self.selected is None and self.items and event.reason() != Qt.FocusReason.MouseFocusReason:
            self._select(self.items[0])

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusOutEvent(event)
        self.update()
