"""LogPage: log work from one line, and see, fix and undo the week's entries.

Every change goes through the undo stack (ui/log/commands.py); the table reloads the shown week
(seven days, one indexed query) after the service says entries changed. *Day* shows the picked
day as a timeline instead of the table (ui/log/day_page.py, built when first shown).
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.changes import Change
from app.display import format_duration, format_minutes
from app.domain import Entry, Kind, RunningTimer
from app.errors import StorageError, ValidationError
from app.workload import WorkloadService
from ui.common import messages, theme
from ui.common.bridge import ServiceBridge
from ui.common.delegates import CategoryDelegate, KindDelegate
from ui.common.feedback import MessageLine
from ui.common.week_nav import WeekNavigator
from ui.log.actions import LogActions
from ui.log.calendar_panel import CalendarPanel
from ui.log.commands import (
    CopyEntriesCommand,
    DeleteEntriesCommand,
    EditEntriesCommand,
    EntryCommand,
    LogEntryCommand,
    TimerEntryCommand,
    push,
)
from ui.log.day_groups import DAY_ROLE, DayGroupsModel
from ui.log.entries_table import EntriesTable
from ui.log.models import (
    COL_CATEGORY,
    COL_DAY,
    COL_KIND,
    ENTRY_ROLE,
    EntriesFilterProxy,
    EntriesModel,
)
from ui.log.quick_log import QuickLogBar
from ui.log.totals import TotalsStrip

if TYPE_CHECKING:  # built when first needed, not while the window starts
    from ui.log.day_page import DayPage
    from ui.log.entry_dialog import EntryDialog
    from ui.log.first_run import FirstRunHint

EMPTY_WEEK = ("Nothing logged this week.\nType e.g. 'Weekly status deck 45m ops #status' above "
              "and press Enter.")
NOTHING_YET = "Nothing logged yet."  # the first-run hint above says how
TASKS_IDLE_MS = 1500  # refresh the autocomplete list once the user pauses, not on the Enter path
TASKS_FIRST_MS = 200  # the first list: after the window's first frames, before anyone can type


class LogPage(QWidget):
    """The quick-log line over the week's entries, with totals always in view."""

    status_message = Signal(str)
    demo_requested = Signal()  # "Try with demo data" on the first-run hint

    def __init__(self, service: WorkloadService, bridge: ServiceBridge, undo_stack: QUndoStack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.bridge, self.undo_stack = service, bridge, undo_stack
        self.today = service.clock.today()
        self.picked = self.today
        self.first, self.last = service.week_of(self.today)
        self.entry_dialog: EntryDialog | None = None
        self._shown_once = False
        self._has_entries: bool | None = None  # None: not known yet
        self._first_run: FirstRunHint | None = None
        self._day_page: DayPage | None = None
        self.model = EntriesModel(self, editor=self._edit_in_place)
        self.proxy = EntriesFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.groups = DayGroupsModel(self)  # the table shows the proxy's rows under their days
        self.groups.setSourceModel(self.proxy)
        self._reload_timer = QTimer(self, singleShot=True, interval=0)
        self._tasks_timer = QTimer(self, singleShot=True, interval=TASKS_IDLE_MS)
        self._day_timer = QTimer(self, interval=60_000)
        self._first_tasks_timer = QTimer(self, singleShot=True, interval=TASKS_FIRST_MS)
        self._build()
        self._connect_signals()
        self.reload()
        self._first_tasks_timer.start()
        self._day_timer.start()

    # -- building -----------------------------------------------------------------------
    def _build(self) -> None:
        # The running timer's bar goes here, above the line (MainWindow puts it in).
        self.timer_slot = QVBoxLayout()
        self.quick = QuickLogBar(self.service, self)
        self.navigator = WeekNavigator(self)
        self.totals = TotalsStrip(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter: title, category, note or kind")
        self.filter_edit.setAccessibleName("Filter entries")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(320)
        self.table = EntriesTable(self)
        self.table.setModel(self.groups)
        self.table.sortByColumn(COL_DAY, Qt.SortOrder.AscendingOrder)
        self.table.setItemDelegateForColumn(COL_KIND, KindDelegate(self.table))
        self.table.setItemDelegateForColumn(COL_CATEGORY, CategoryDelegate(
            self._category_names, self.table))
        self.notice = MessageLine(self, "Notice")
        self.notice.hide()
        self.calendar_panel = CalendarPanel(self.service, self.undo_stack, self, bridge=self.bridge)
        self.calendar_panel.status_message.connect(self.status_message)

        self.log_actions = LogActions(self, self.table, self._category_names)

        tools = QHBoxLayout()
        self._build_view_switch(tools)
        tools.addWidget(self.filter_edit, 1)
        tools.addStretch(1)
        for button in self.log_actions.buttons:
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.timer_slot)
        layout.addWidget(self.quick)
        layout.addSpacing(6)
        layout.addWidget(self.navigator)
        layout.addWidget(self.totals)
        layout.addLayout(tools)
        self._first_run_at = layout.count()  # the first-run hint goes here when it is needed
        # The week's entries over the calendar's suggestions; the PM drags the line between
        # them (small windows start with the table given the room).
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.views = QStackedWidget(self)  # the week table, or the day timeline once asked for
        self.views.addWidget(self.table)
        self.splitter.addWidget(self.views)
        self.splitter.addWidget(self.calendar_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.notice)

    def _connect_signals(self) -> None:
        self.bridge.changed.connect(self._on_service_changed)
        self.quick.line.submitted.connect(self.submit_line)
        self.quick.create_category_requested.connect(self.submit_line)
        self.quick.line.start_requested.connect(self.start_timer)
        self.quick.line.textEdited.connect(self._user_is_typing)
        self.navigator.previous_requested.connect(self.previous_week)
        self.navigator.next_requested.connect(self.next_week)
        self.navigator.this_week_requested.connect(self.this_week)
        self.navigator.day_picked.connect(self.show_week_of)
        self.filter_edit.textChanged.connect(self._filter)
        self.table.edit_requested.connect(lambda _index: self.edit_current())
        self.table.selectionModel().selectionChanged.connect(self._update_selection_actions)
        self.table.selectionModel().currentChanged.connect(self._update_selection_actions)
        self.table.selectionModel().currentChanged.connect(self._pick_header_day)
        self._reload_timer.timeout.connect(self.reload)
        self._tasks_timer.timeout.connect(self.refresh_tasks)
        self._first_tasks_timer.timeout.connect(self.refresh_tasks)
        self._day_timer.timeout.connect(self.check_new_day)
        self.log_actions.focus_line_requested.connect(self.focus_quick_log)
        self.log_actions.focus_filter_requested.connect(self.focus_filter)
        self.log_actions.edit_requested.connect(self.edit_current)
        self.log_actions.delete_requested.connect(self.delete_selected)
        self.log_actions.set_field.connect(self.set_field_of_selected)
        self.log_actions.duplicate_requested.connect(self.duplicate_selected)
        self.log_actions.copy_to_today_requested.connect(self.copy_selected_to_today)
        self.log_actions.continue_requested.connect(self.continue_selected)

    def _category_names(self) -> list[str]:
        return [c.name for c in self.service.categories.list()]

    # -- loading ------------------------------------------------------------------------
    def reload(self, select: list[int] | None = None) -> None:
        """Show the week's entries again (one 7-day query), keeping or setting the selection."""
        self._reload_timer.stop()
        keep = self.selected_ids() if select is None else select
        shows_today = self.first <= self.today <= self.last
        try:
            entries = self.service.entries.between(self.first, self.last)
            # Today's total is a sum over the week just read when today is in it.
            today_minutes = dict.fromkeys(Kind, 0) if shows_today else \
                self.service.entries.minutes_by_kind(self.today, self.today)
        except StorageError as error:
            self._show_notice(str(error))
            return
        week_minutes = dict.fromkeys(Kind, 0)
        for entry in entries:
            week_minutes[entry.kind] += entry.minutes
            if shows_today and entry.day == self.today:
                today_minutes[entry.kind] += entry.minutes
        self.groups.set_week(self.first, self.last, self.today)
        self.model.set_entries(entries)
        self.table.select_entries(keep)
        self._update_selection_actions()  # a reset clears the selection without a signal
        self.totals.show_totals(today_minutes, week_minutes, self.service.settings.get().strategic_target)
        self._show_picked()
        self.calendar_panel.show_week(self.first, self.last)
        self._update_empty_hint()
        self.quick.update_preview(self.quick.text())  # a category or task it names may have changed
        if self._day_page is not None:
            self._day_page.show_day(self.picked)

    def refresh_tasks(self) -> None:
        """Reload the autocomplete list (one aggregate query over all entries)."""
        try:
            tasks = self.service.tasks.usage(logged_only=True)
            names = {c.id: c.name for c in self.service.categories.list(include_archived=True)}
        except StorageError:
            return  # autocomplete can wait; a write will report the problem
        self.quick.set_tasks(tasks, names)

    def _on_service_changed(self, what: Change) -> None:
        # Whoever made the change (this page, a dialog, another program), the week reloads on
        # the next pass of the event loop (unless the page reloads first, as after Enter), and
        # the autocomplete list after a pause in typing.
        if what in (Change.ENTRIES, Change.CATEGORIES, Change.SETTINGS):
            if what == Change.SETTINGS:  # the week start or the target may have changed
                self.first, self.last = self.service.week_of(self.picked)
            self._reload_timer.start()
        if what in (Change.ENTRIES, Change.TASKS, Change.CATEGORIES):
            self._tasks_timer.start()

    def _user_is_typing(self) -> None:
        if self._tasks_timer.isActive():
            self._tasks_timer.start()  # wait for a pause before the task list query

    def check_new_day(self) -> None:
        """After midnight, move 'today' (and the shown week, if it was this week)."""
        today = self.service.clock.today()
        if today == self.today:
            return
        was_current = self.first <= self.today <= self.last
        self.today = today
        if was_current:
            self.picked = today
            self.first, self.last = self.service.week_of(today)
        self.reload()
        self.quick.update_preview(self.quick.text())

    # -- weeks --------------------------------------------------------------------------
    def show_week_of(self, day: date, select: list[int] | None = None) -> None:
        """Show the week holding ``day``."""
        self.picked = day
        first, last = self.service.week_of(day)
        if (first, last) != (self.first, self.last):
            self.first, self.last = first, last
            self.reload(select or [])
            if not select:
                self._scroll_to_latest()
        else:
            self.reload(select)

    def _scroll_to_latest(self) -> None:
        """Show the end of this week (where today's work is), the start of another week."""
        if self.first <= self.today <= self.last:
            self.table.scrollToBottom()
        else:
            self.table.scrollToTop()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:  # the table has its real height only now
            self._shown_once = True
            QTimer.singleShot(0, self, self._scroll_to_latest)

    def viewed_day(self) -> date:
        """Return the day a line naming none logs into: the picked day when it lies in the
        shown week (today in this week, until another day is picked), else its first day.
        Never a day to come: work for tomorrow is logged only when the line says so."""
        day = self.picked if self.first <= self.picked <= self.last else self.first
        return min(day, self.today)

    def _show_picked(self) -> None:
        """Show the week and its picked day in the navigator; the line logs into that day."""
        self.navigator.show_week(self.first, self.last, picked=self.picked,
                                 latest=self.today + timedelta(days=1),
                                 is_current=self.first <= self.today <= self.last)
        self.quick.default_day = self.viewed_day()

    def _pick_header_day(self) -> None:
        # The keyboard or a click on a day's header picks that day (to log into it), and so
        # does moving to an entry in the table (the day being looked at); an entry selected
        # for the user (after logging, say) leaves the picked day alone.
        current = self.table.currentIndex().siblingAtColumn(0)
        day = current.data(DAY_ROLE)
        if day is None and self.table.hasFocus():
            entry = current.data(ENTRY_ROLE)
            day = entry.day if entry is not None else None
        if day is not None and day != self.picked:
            self.picked = day
            self._show_picked()
            self.quick.update_preview(self.quick.text())

    def _show_saved(self, entry: Entry) -> None:
        """Show a saved entry, selected; in the shown week the picked day stays (so the next
        line logs there too), else the entry's week shows with its day picked."""
        if self.first <= entry.day <= self.last:
            self.reload(select=[entry.id])
        else:
            self.show_week_of(entry.day, select=[entry.id])

    def previous_week(self) -> None:
        self.show_week_of(self.first - timedelta(days=7))

    def next_week(self) -> None:
        if self.last < self.today + timedelta(days=1):
            self.show_week_of(self.first + timedelta(days=7))

    def this_week(self) -> None:
        self.show_week_of(self.today)

    # -- selection ----------------------------------------------------------------------
    def _showing_day(self) -> bool:
        return self._day_page is not None and self.views.currentWidget() is self._day_page

    def selected_entries(self) -> list[Entry]:
        """Return the selected entries: the table's rows, or in the day the selected block."""
        if self._showing_day():
            entry = self.day_page.selected_entry()
            return [entry] if entry is not None else []
        return self.table.selected_entries()

    def selected_ids(self) -> list[int]:
        return [entry.id for entry in self.selected_entries()]

    def entry_to_edit(self) -> Entry | None:
        """Return the entry Edit opens: the current row if it is selected, else the only
        selected one (a current row left over by filtering is no choice of the user's)."""
        current = self.table.currentIndex()
        if current.isValid() and self.table.selectionModel().isRowSelected(current.row()):
            return self.table.current_entry()
        selected = self.selected_entries()
        return selected[0] if len(selected) == 1 else None

    def _update_selection_actions(self) -> None:
        if self._showing_day():  # the menus act on the selected block
            chosen = self.day_page.selected_entry() is not None
            self.log_actions.update_for_selection(int(chosen), chosen)
            return
        self.log_actions.update_for_selection(len(self.table.selected_rows()),
                                              self.entry_to_edit() is not None)

    def _update_empty_hint(self) -> None:
        self._update_first_run()
        if self.proxy.rowCount():
            self.table.set_empty_hint(None)
        elif self.model.rowCount():
            self.table.set_empty_hint(f"No entry this week matches '{self.filter_edit.text()}'.")
        else:
            hint = self._first_run is not None and self._first_run.isVisibleTo(self)
            self.table.set_empty_hint(NOTHING_YET if hint else EMPTY_WEEK)

    def _update_first_run(self) -> None:
        """Show the first-run hint while no entry exists (counted only when the week is empty)."""
        if self.model.rowCount():
            has_entries = True
        else:
            try:
                has_entries = self.service.entries.count() > 0
            except StorageError:
                has_entries = bool(self._has_entries)
        if has_entries != self._has_entries:
            self._has_entries = has_entries
            if not has_entries or self._first_run is not None:
                self.first_run.setVisible(not has_entries)

    @property
    def first_run(self) -> FirstRunHint:
        """The hint shown while the database holds no entry (made the first time it is)."""
        if self._first_run is None:
            from ui.log.first_run import FirstRunHint

            hint = FirstRunHint(self)
            hint.setAccessibleName("How to log your first piece of work")
            hint.hide()
            hint.exampleRequested.connect(self.put_in_line)
            hint.demoRequested.connect(self.demo_requested)
            self.layout().insertWidget(self._first_run_at, hint)
            self._first_run = hint
        return self._first_run

    def _filter(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._update_empty_hint()
        self._update_selection_actions()  # filtering drops rows from the selection unannounced

    # -- changes --------------------------------------------------------------------------
    def _run(self, command: EntryCommand) -> None:
        """Do a command and push it; raises ValidationError / StorageError, pushing nothing."""
        push(self.undo_stack, command)
        self.notice.hide()

    def _report(self, error: Exception) -> None:
        """Say why an undo or redo could not be done (the command is dropped from the stack)."""
        messages.show_error(self, "Could not undo or redo", str(error))

    def _write_failed(self, error: StorageError, what: str) -> None:
        messages.show_error(self, f"Could not {what}", f"{error}\n\nNothing was changed.")

    def _apply(self, command: EntryCommand, what: str, at_line: bool = False) -> bool:
        """Run a command; on a problem say why (under the line, or on the notice line), keep
        what was typed, and return False."""
        show = self.quick.show_problem if at_line else self._show_notice
        try:
            self._run(command)
        except ValidationError as error:
            show(str(error))
            return False
        except StorageError as error:
            show("the database could not be written; nothing was changed.")
            self._write_failed(error, what)
            return False
        return True

    def submit_line(self, text: str, new_category_kind: Kind | None = None) -> None:
        """Save the quick-log line (creating its new #category, of ``new_category_kind``, when
        given); on a problem say so under it and keep the text."""
        command = LogEntryCommand(self.service, text, self._report, self.viewed_day(),
                                  new_category_kind)
        if not self._apply(command, "save the entry", at_line=True):
            return
        entry = command.entry
        self.quick.logged()
        self._show_saved(entry)
        self.status_message.emit(f"Saved '{entry.title}' · {format_minutes(entry.minutes)} · "
                                 f"{entry.kind.value}")

    def start_timer(self, text: str) -> None:
        """Start the timer for what the line says, saving a running one first (the timer bar
        shows it); an empty line continues the entry saved last."""
        try:
            if text.strip():
                stopped, timer = self.service.timer.switch(text)
            else:
                stopped, timer = self.service.timer.continue_entry()
        except ValidationError as error:
            self.quick.show_problem(str(error))
            return
        except StorageError as error:
            self._write_failed(error, "start the timer")
            return
        self.quick.clear()
        self._timer_started(stopped, timer)

    def start_untitled_timer(self) -> None:
        """Start a timer with no title (named when stopped), saving a running one first."""
        try:
            stopped, timer = self.service.timer.switch("")
        except ValidationError as error:
            self._show_notice(str(error))
            return
        except StorageError as error:
            self._write_failed(error, "start the timer")
            return
        self._timer_started(stopped, timer)

    def _edit_in_place(self, entry: Entry, field: str, value: Any) -> bool:
        if field == "minutes":
            try:
                value = self.service.entries.parse_duration(str(value))
            except ValidationError as error:
                self._show_notice(str(error))
                return False
        return self._apply(EditEntriesCommand(self.service, [entry.id], {field: value}, self._report),
                           "change the entry")

    def set_field_of_selected(self, field: str, value: Any) -> None:
        """Give every selected entry the same kind or category (one undo step)."""
        current = {"kind": lambda e: e.kind, "category": lambda e: e.category or ""}[field]
        ids = [e.id for e in self.selected_entries() if current(e) != value]
        if ids and self._apply(EditEntriesCommand(self.service, ids, {field: value}, self._report),
                               "change the entries"):
            self.reload()

    def delete_selected(self) -> None:
        """Delete the selected entries (Ctrl+Z brings them back)."""
        if self._showing_day():
            entry = self.day_page.selected_entry()
            if entry is not None:
                self._delete_from_day(entry)
            return
        ids, rows = self.selected_ids(), self.table.selected_rows()
        if not ids or not self._apply(DeleteEntriesCommand(self.service, ids, self._report), "delete"):
            return
        self.reload(select=[])
        self.table.select_row(rows[0])  # keep the keyboard where it was, for the next Delete
        what = "1 entry" if len(ids) == 1 else f"{len(ids)} entries"
        self.status_message.emit(f"Deleted {what} (Ctrl+Z undoes it)")

    def duplicate_selected(self) -> None:
        """Log the selected entries again on their own days (one undo step)."""
        self._copy_selected(None, "Duplicate")

    def copy_selected_to_today(self) -> None:
        """Log the selected entries again today (one undo step); today's week shows."""
        self._copy_selected(self.today, "Copy to today")

    def _copy_selected(self, day: date | None, what: str) -> None:
        ids = self.selected_ids()
        command = CopyEntriesCommand(self.service, ids, self._report, day, what)
        if not ids or not self._apply(command, "copy the entries"):
            return
        copies = command.copies
        self.show_week_of(copies[0].day if day else self.picked, select=[c.id for c in copies])
        self.status_message.emit(f"{command.text()} (Ctrl+Z undoes it)")

    def continue_selected(self) -> None:
        """Start a timer on the one selected entry's task, saving a running timer first."""
        selected = self.selected_entries()
        if len(selected) != 1:
            return
        try:
            stopped, timer = self.service.timer.continue_entry(selected[0].id)
        except ValidationError as error:
            self._show_notice(str(error))
            return
        except StorageError as error:
            self._write_failed(error, "start the timer")
            return
        self._timer_started(stopped, timer)

    def _timer_started(self, stopped: Entry | None, timer: RunningTimer) -> None:
        """Show the entry a switched-from timer was saved as, and say what started and stopped."""
        said = (f"Timer started for '{timer.title}' at {timer.started_at:%H:%M}" if timer.title
                else f"Untitled timer started at {timer.started_at:%H:%M}: name it when you stop")
        if stopped is not None:
            self.add_timer_entry(stopped)
            said += (f"; the timer for '{stopped.title}' was stopped and saved "
                     f"({format_minutes(stopped.minutes)}, Ctrl+Z undoes it)")
        self.status_message.emit(said)

    def edit_current(self) -> None:
        """Open the edit dialog for the current entry (not modal to the app: tests reach it)."""
        entry = self.entry_to_edit() if self.views.currentWidget() is self.table else \
            self.day_page.selected_entry()
        if entry is not None:
            self.edit_entry(entry)

    def edit_entry(self, entry: Entry) -> None:
        """Open the edit dialog for ``entry`` (not modal to the app: tests reach it)."""
        from ui.log.entry_dialog import EntryDialog

        dialog = EntryDialog(self.service, entry, lambda changes: self._run(
            EditEntriesCommand(self.service, [entry.id], changes, self._report)), self)
        dialog.finished.connect(self._dialog_closed)
        dialog.accepted.connect(lambda: self.reload(select=[entry.id]))
        self.entry_dialog = dialog
        dialog.open()

    def _dialog_closed(self) -> None:
        if self.entry_dialog is not None:
            self.entry_dialog.deleteLater()
            self.entry_dialog = None

    def add_timer_entry(self, entry: Entry) -> None:
        """Show the entry a stopped timer saved, selected, and make it undoable like a line."""
        push(self.undo_stack, TimerEntryCommand(self.service, entry, self._report))
        self.show_week_of(entry.day, select=[entry.id])
        self.status_message.emit(f"Saved '{entry.title}' · {format_minutes(entry.minutes)} · "
                                 f"{entry.kind.value} (from the timer; Ctrl+Z undoes it)")

    def set_timer_running(self, running: bool) -> None:
        """Say what Start does: with a timer running it saves that one and starts the next."""
        self.quick.start_button.setToolTip(
            "Save the running timer and start one for what the line says (Ctrl+Enter)" if running
            else "Start a timer for what the line says (Ctrl+Enter)")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.quick.update_preview(self.quick.text())  # the kind's colour for this palette

    def put_in_line(self, text: str) -> None:
        """Put text in the quick-log line (an example to try), ready to press Enter."""
        self.quick.line.setText(text)
        self.quick.line.setFocus(Qt.FocusReason.OtherFocusReason)
        self.quick.line.end(False)

    def focus_quick_log(self) -> None:
        self.quick.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.quick.line.selectAll()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _show_notice(self, message: str) -> None:
        self.notice.show_problem(message)
        self.notice.show()

    # -- the day timeline ---------------------------------------------------------------
    def _build_view_switch(self, tools: QHBoxLayout) -> None:
        self.view_buttons = QButtonGroup(self)
        for mode, (text, key, tip) in enumerate((
                ("Week", "Ctrl+Shift+1", "The week's entries as a table"),
                ("Day", "Ctrl+Shift+2", "The picked day as a timeline"))):
            button = QToolButton(self)
            button.setText(text)
            button.setCheckable(True)
            button.setShortcut(key)
            button.setToolTip(f"{tip} ({key})")
            button.setAccessibleName(f"Show the {text.lower()}")
            self.view_buttons.addButton(button, mode)
            tools.addWidget(button)
        self.view_buttons.button(0).setChecked(True)
        theme.mark_checked(self.view_buttons)  # which view shows, plain in light and dark
        self.view_buttons.idClicked.connect(lambda mode: self.show_day_view() if mode else
                                            self.show_week_view())
        tools.addSpacing(8)

    def show_week_view(self) -> None:
        """Show the week's entries as a table."""
        self.view_buttons.button(0).setChecked(True)
        self.views.setCurrentWidget(self.table)
        self._show_table_tools(True)
        self._update_selection_actions()

    def show_day_view(self) -> None:
        """Show the picked day as a timeline (built the first time), with the keys in it."""
        self.view_buttons.button(1).setChecked(True)
        self.views.setCurrentWidget(self.day_page)
        self._show_table_tools(False)
        self._update_selection_actions()
        self.day_page.timeline.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_table_tools(self, shown: bool) -> None:
        # The filter acts on the table only; the selection's buttons act on a block too.
        self.filter_edit.setVisible(shown)

    @property
    def day_page(self) -> DayPage:
        """The day timeline (made the first time it is asked for)."""
        if self._day_page is None:
            from ui.log.day_page import DayPage

            day = DayPage(self.service, self)
            day.show_day(self.picked)
            day.set_suggestions(self.calendar_panel.model.suggestions())
            self.calendar_panel.refreshed.connect(
                lambda: day.set_suggestions(self.calendar_panel.model.suggestions()))
            day.day_requested.connect(self.show_week_of)
            day.log_requested.connect(self._log_into)
            day.change_requested.connect(lambda entry, changes: self._apply(EditEntriesCommand(
                self.service, [entry.id], changes, self._report), "change the entry"))
            day.edit_requested.connect(self.edit_entry)
            day.delete_requested.connect(self._delete_from_day)
            day.accept_requested.connect(lambda suggestion: self.calendar_panel.accept([suggestion]))
            day.status_message.connect(self.status_message)
            day.timeline.selection_changed.connect(self._update_selection_actions)
            day.untimed.currentItemChanged.connect(self._update_selection_actions)
            for widget in (day.timeline, day.untimed):  # the table's context menu, on a block
                widget.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
                widget.addActions(self.table.actions())
            self.views.addWidget(day)
            self._day_page = day
        return self._day_page

    def _log_into(self, day: date, start: int, minutes: int) -> None:
        """Put the start and length of a stretch of the timeline in the quick-log line, the
        cursor before them for the title."""
        at = time(start // 60, start % 60)
        when = "" if day == self.today else f" {day.isoformat()}"
        self.put_in_line(f" {at:%H:%M} {format_duration(minutes)}{when}")
        self.quick.line.setCursorPosition(0)
        self.status_message.emit(f"Type what you worked on from {at:%H:%M} for "
                                 f"{format_minutes(minutes)} and press Enter")

    def _delete_from_day(self, entry: Entry) -> None:
        if self._apply(DeleteEntriesCommand(self.service, [entry.id], self._report), "delete"):
            self.status_message.emit(f"Deleted '{entry.title}' (Ctrl+Z undoes it)")
