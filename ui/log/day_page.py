"""DayPage: the Log page's day timeline mode: a header with the day and what is not logged,
the painted timeline (ui/log/timeline.py) in a scroll area, and the entries without a start
time beside it.

The page reads the day (app/log/day.py, one indexed query) and forwards what the user asked
for by signal; the Log page does it through its undo stack. It is built the first time the
day mode is shown, so the window starts without it.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.display import day_words, format_minutes
from app.domain import Entry
from app.errors import StorageError
from app.log.day import DayView, day_of
from app.workload import WorkloadService
from ui.log.models import kind_icon
from ui.log.timeline import DayTimeline
from ui.log.timeline_items import ItemKind, minute_of, summary

_ENTRY = Qt.ItemDataRole.UserRole


class UntimedList(QListWidget):
    """The day's entries without a start time; Enter edits one, Delete deletes it."""

    edit_requested = Signal(object)
    delete_requested = Signal(object)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        item = self.currentItem()
        if item is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_requested.emit(item.data(_ENTRY))
        elif item is not None and event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit(item.data(_ENTRY))
        else:
            super().keyPressEvent(event)


class DayPage(QWidget):
    """One day as a timeline; ``day_requested(date)`` asks the Log page to show another day."""

    day_requested = Signal(object)
    log_requested = Signal(object, int, int)   # day, start minute, minutes
    change_requested = Signal(object, dict)    # entry, changes
    edit_requested = Signal(object)
    delete_requested = Signal(object)
    accept_requested = Signal(object)          # a calendar Suggestion
    status_message = Signal(str)

    def __init__(self, service: WorkloadService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.day = service.clock.today()
        self.view: DayView | None = None
        self._suggestions: list = []
        self._earliest: int | None = None  # where the shown day's first block or ghost starts
        self._stale = True
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        style = self.style()
        self.previous_button = QToolButton(self)
        self.previous_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.previous_button.setToolTip("Previous day (Left or Page Up in the timeline)")
        self.previous_button.setAccessibleName("Previous day")
        self.next_button = QToolButton(self)
        self.next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.next_button.setToolTip("Next day (Right or Page Down in the timeline)")
        self.next_button.setAccessibleName("Next day")
        self.title = QLabel(self)
        self.title.setAccessibleName("Shown day")
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setAccessibleName("Not logged on the shown day")
        self.timeline = DayTimeline(self)
        self.timeline.setToolTip("")
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.timeline)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusProxy(self.timeline)
        self.untimed_label = QLabel("Without a start time", self)
        self.untimed = UntimedList(self)
        self.untimed.setAccessibleName("Entries without a start time")
        self.untimed.setToolTip("Enter or a double-click edits an entry; Delete deletes it")
        self.untimed_label.setBuddy(self.untimed)
        # Narrow beside the day on a small window: long titles are elided (each row's tooltip
        # has the whole), never scrolled sideways.
        self.untimed.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.untimed.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        head = QHBoxLayout()
        head.addWidget(self.previous_button)
        head.addWidget(self.next_button)
        head.addSpacing(6)
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.summary, 1)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.untimed_label)
        side.addWidget(self.untimed, 1)
        self.side = QWidget(self)
        self.side.setLayout(side)
        self.side.setMaximumWidth(260)
        body = QHBoxLayout()
        body.addWidget(self.scroll, 4)
        body.addWidget(self.side, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addLayout(body, 1)

    def _connect_signals(self) -> None:
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.timeline.day_step_requested.connect(self.step)
        self.timeline.log_requested.connect(lambda start, minutes: self.log_requested.emit(
            self.day, start, minutes))
        self.timeline.change_requested.connect(self.change_requested)
        self.timeline.edit_requested.connect(self.edit_requested)
        self.timeline.delete_requested.connect(self.delete_requested)
        self.timeline.accept_requested.connect(self.accept_requested)
        self.timeline.status_message.connect(self.status_message)
        self.timeline.selection_changed.connect(self._follow_selection)
        self.untimed.edit_requested.connect(self.edit_requested)
        self.untimed.delete_requested.connect(self.delete_requested)
        self.untimed.itemDoubleClicked.connect(lambda item: self.edit_requested.emit(item.data(_ENTRY)))

    # -- showing ----------------------------------------------------------------------------
    def show_day(self, day: date) -> None:
        """Show ``day`` (read now when the page shows, else when it is shown next)."""
        self.day = day
        self._stale = True
        if self.isVisible():
            self.reload()

    def set_suggestions(self, suggestions: list) -> None:
        """Take the viewed week's calendar suggestions; the shown day's are drawn as ghosts."""
        self._suggestions = list(suggestions)
        self.show_day(self.day)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Read the shown day again and show it."""
        self._stale = False
        clock, today = self.service.clock, self.service.clock.today()
        try:
            view = day_of(self.service.entries, self.service.settings, clock, self.day)
            chosen = self.service.settings.get()
        except StorageError as error:
            self.summary.setText(f"The day could not be read: {error}")
            return
        new_day = self.view is None or self.view.day != self.day
        self.view = view
        ghosts = [s for s in self._suggestions if s.day == self.day]
        now = minute_of(clock.now().time()) if self.day == today else None
        self.timeline.show_day(view, ghosts, (chosen.work_start, chosen.work_end), now)
        when = day_words(self.day, today)
        self.title.setText(f"{self.day:%A} {self.day.day} {self.day:%B}"
                           + (f" · {when}" if when in ("today", "yesterday", "tomorrow") else ""))
        self.summary.setText(summary(view, today))
        self.next_button.setEnabled(self.day < today + timedelta(days=1))
        self._show_untimed(view)
        if new_day:  # the axis starts at the working hours' start or the first item
            self.scroll.verticalScrollBar().setValue(0)
        self._follow_selection()
        earliest = min((i.start for i in self.timeline.items if i.kind is not ItemKind.GAP),
                       default=None)
        selected = self.timeline.selected
        if earliest is not None and (new_day or earliest != self._earliest) \
                and (selected is None or selected.kind is ItemKind.GAP):
            # A day just shown, or a calendar just chosen: its first item in view, not left
            # above where the PM had scrolled to (or above a selected gap's top). Once laid
            # out: the page may only now be shown, its scroll range not set yet.
            QTimer.singleShot(0, self, self._show_earliest)
        self._earliest = earliest

    def _show_earliest(self) -> None:
        """Scroll so the shown day's first item and an hour below it are in view."""
        if self._earliest is None:
            return
        minute = self._earliest
        top = round(self.timeline.y_of(minute))
        below = min(round(self.timeline.y_of(minute + 60)) - top,
                    self.scroll.viewport().height() - 16)
        self.scroll.ensureVisible(0, top + below // 2, 0, below // 2 + 8)

    def _show_untimed(self, view: DayView) -> None:
        self.untimed.clear()
        for entry in view.untimed:
            item = QListWidgetItem(kind_icon(entry.kind), f"{entry.title} · {format_minutes(entry.minutes)}")
            item.setData(_ENTRY, entry)
            item.setToolTip(f"{entry.title}, {format_minutes(entry.minutes)}, {entry.kind.value}"
                            + (f", {entry.category}" if entry.category else ""))
            self.untimed.addItem(item)
        self.untimed_label.setText(f"Without a start time ({len(view.untimed)})")
        self.side.setVisible(bool(view.untimed))

    def _follow_selection(self) -> None:
        selected = self.timeline.selected
        if selected is not None:
            # The item's top in view, and as much of it below as fits.
            rect = self.timeline.item_rect(selected).toAlignedRect()
            half = min(rect.height(), self.scroll.viewport().height() - 16) // 2
            self.scroll.ensureVisible(rect.center().x(), rect.top() + half, 0, half + 8)

    def selected_entry(self) -> Entry | None:
        """Return the entry of the selected block, or of the current untimed row with focus."""
        if self.untimed.hasFocus() and self.untimed.currentItem() is not None:
            return self.untimed.currentItem().data(_ENTRY)
        selected = self.timeline.selected
        return selected.entry if selected is not None and selected.entry is not None else None

    def step(self, days: int) -> None:
        """Ask for the day ``days`` away (not past tomorrow, the last day one can log)."""
        day = self.day + timedelta(days=days)
        if days < 0 or day <= self.service.clock.today() + timedelta(days=1):
            self.day_requested.emit(day)
