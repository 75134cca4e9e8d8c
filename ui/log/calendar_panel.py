"""The Log page's "From your calendar" panel: the viewed week's calendar events not yet logged,
as suggestions with their classification, to accept (Enter; Shift+Enter for all) or dismiss
(Del), after changing kind, category or duration in place. Accepting and dismissing go on the
page's undo stack (ui/log/calendar_commands.py).

The calendar file is the ``calendar_file`` setting; without one the panel is a single line
offering to choose it. A week not read yet is read and expanded off the GUI thread (a new week
may take ~130 ms) while the panel says "Reading your calendar…"; a week read before is planned
at once (CalendarSource keeps it). The file is watched (QFileSystemWatcher) and read again when
it changes, also when an editor or an exporter replaces it atomically.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QFileSystemWatcher, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
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
from app.workload import WorkloadService
from ui.common import messages
from ui.common.bridge import ServiceBridge, bridge_for
from ui.common.delegates import CategoryDelegate, KindDelegate
from ui.common.workers import EXPECTED_ERRORS, BackgroundTask, own_service
from ui.log.calendar_commands import AcceptSuggestionsCommand, DismissSuggestionsCommand
from ui.log.calendar_model import (
    COL_CATEGORY,
    COL_KIND,
    COL_MINUTES,
    COL_TITLE,
    COL_WHEN,
    COL_WHY,
    SuggestionsModel,
)
from ui.log.commands import EntryCommand, push

if TYPE_CHECKING:  # the calendar core is imported when a calendar is first read
    from app.exchange.calendar import CalendarSource
    from app.exchange.calendar_import import CalendarPlan, Suggestion

ICS_FILTER = "Calendar files (*.ics);;All files (*)"
READING = "Reading your calendar…"
CHOOSE_LINK = "From your calendar: <a href='choose'>Choose a calendar file…</a>"
_WIDTHS = {COL_WHEN: 120, COL_MINUTES: 70, COL_KIND: 95, COL_CATEGORY: 200, COL_WHY: 80}
_DEBOUNCE_MS = 100  # an exporter writes in pieces: read once it has finished


def ask_calendar_path(parent: QWidget | None) -> str | None:
    """Ask which .ics file to read; return the path, or None if cancelled (tests replace it)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _chosen = QFileDialog.getOpenFileName(parent, "Choose a calendar file", folder, ICS_FILTER)
    return path or None


class SuggestionsView(QTableView):
    """The suggestions table: Enter accepts the selected, Shift+Enter all, Del dismisses."""

    accept_requested = Signal()
    accept_all_requested = Signal()
    dismiss_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key, shift = event.key(), event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if self.state() != QAbstractItemView.State.EditingState:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                (self.accept_all_requested if shift else self.accept_requested).emit()
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.dismiss_requested.emit()
                return
        super().keyPressEvent(event)


class CalendarPanel(QWidget):
    """Suggestions from the remembered calendar file for the week the page shows."""

    status_message = Signal(str)
    refreshed = Signal()  # the suggestions (or a problem) are shown for the week

    def __init__(self, service: WorkloadService, undo_stack: QUndoStack,
                 parent: QWidget | None = None, *, bridge: ServiceBridge | None = None) -> None:
        super().__init__(parent)
        self.service, self.undo_stack = service, undo_stack
        self.first: date | None = None
        self.last: date | None = None
        self.path = ""
        self.source: CalendarSource | None = None
        self.plan: CalendarPlan | None = None
        self._seen: set[tuple[date, date, str | None]] = set()
        self._task: BackgroundTask | None = None
        self._again = False  # asked to refresh while a read was under way
        self.watcher = QFileSystemWatcher(self)
        self._file_timer = QTimer(self, singleShot=True, interval=_DEBOUNCE_MS)
        self._build()
        self.watcher.fileChanged.connect(self._on_file_event)
        self.watcher.directoryChanged.connect(self._on_file_event)
        self._file_timer.timeout.connect(self._file_changed)
        bridge_for(service, bridge, self).changed.connect(self._on_service_changed)
        self._use_file(service.settings.get().calendar_file)

    def _build(self) -> None:
        self.title = QLabel("<b>From your calendar</b>", self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Calendar status")
        self.choose_link = QLabel(CHOOSE_LINK, self)
        self.choose_link.setAccessibleName("Choose a calendar file")
        self.choose_link.linkActivated.connect(lambda _link: self.choose_file())
        self.accept_button = QPushButton("Accept", self)
        self.accept_button.setToolTip("Log the selected events (Enter)")
        self.accept_all_button = QPushButton("Accept all", self)
        self.accept_all_button.setToolTip("Log every event listed that has a kind (Shift+Enter)")
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.setToolTip("Do not suggest the selected events again (Del)")
        for button in (self.accept_button, self.accept_all_button, self.dismiss_button):
            button.setAutoDefault(False)
        self.model = SuggestionsModel(self.service.entries.parse_duration, self)
        self.view = SuggestionsView(self)
        self.view.setAccessibleName("Calendar suggestions")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.verticalHeader().hide()
        # Fixed widths: sizing columns to their contents measures every row on each reset.
        header = self.view.horizontalHeader()
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.view.setItemDelegateForColumn(COL_KIND, KindDelegate(self.view))
        self.view.setItemDelegateForColumn(COL_CATEGORY, CategoryDelegate(self._category_names, self.view))

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.accept_button)
        head.addWidget(self.accept_all_button)
        head.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.choose_link)
        layout.addLayout(head)
        layout.addWidget(self.status)  # a line of its own: a problem is said in full
        layout.addWidget(self.view)

        self.accept_button.clicked.connect(self.accept_selected)
        self.accept_all_button.clicked.connect(self.accept_all)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.view.accept_requested.connect(self.accept_selected)
        self.view.accept_all_requested.connect(self.accept_all)
        self.view.dismiss_requested.connect(self.dismiss_selected)
        self.model.errorOccurred.connect(self._say)
        self.model.modelReset.connect(self._update_buttons)
        self.model.dataChanged.connect(self._update_buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.choose_link.clear()  # a link takes its colour when laid out (and setText
            self.choose_link.setText(CHOOSE_LINK)  # of the same text does nothing)

    def _category_names(self) -> list[str]:
        return [c.name for c in self.service.categories.list()]

    # -- the file ---------------------------------------------------------------------------
    def choose_file(self) -> None:
        """Ask for a calendar file and remember it (the panel then reads it)."""
        path = ask_calendar_path(self)
        if not path:
            return
        try:
            self.service.settings.update(calendar_file=path)
        except (ValidationError, StorageError) as error:
            self._say(str(error))

    def _use_file(self, path: str) -> None:
        """Follow ``path`` (the calendar_file setting): watch it and show its suggestions."""
        self.path = path
        for watched in self.watcher.files() + self.watcher.directories():
            self.watcher.removePath(watched)
        self.source, self.plan = None, None
        self._seen.clear()
        self.choose_link.setVisible(not path)
        for widget in (self.title, self.status, self.view, self.accept_button,
                       self.accept_all_button, self.dismiss_button):
            widget.setVisible(bool(path))
        if not path:
            self.model.set_suggestions([])
            self.refreshed.emit()
            return
        from app.exchange.calendar import CalendarSource

        self.source = CalendarSource(path)
        self._watch()
        self.refresh()

    def _watch(self) -> None:
        # The folder too: an atomic replace (write elsewhere, rename over) drops the file's
        # watch, and the folder's change is how the new file is seen.
        file, folder = Path(self.path), str(Path(self.path).parent)
        if folder not in self.watcher.directories() and Path(folder).is_dir():
            self.watcher.addPath(folder)
        if str(file) not in self.watcher.files() and file.exists():
            self.watcher.addPath(str(file))

    def _on_file_event(self, _path: str) -> None:
        self._file_timer.start()

    def _file_changed(self) -> None:
        if not self.path:
            return
        self._watch()
        self._seen.clear()  # the next refresh reads the file again (CalendarSource notices)
        self.refresh()

    # -- refreshing -------------------------------------------------------------------------
    def show_week(self, first: date, last: date) -> None:
        """Show the suggestions of the week from ``first`` to ``last``."""
        if (first, last) != (self.first, self.last):
            self.first, self.last = first, last
            self.refresh()

    def _on_service_changed(self, what: str) -> None:
        if what == Change.SETTINGS:
            path = self.service.settings.get().calendar_file
            if path != self.path:
                self._use_file(path)
            else:
                self.refresh()  # the owner's address may have changed
        elif what in (Change.ENTRIES, Change.CALENDAR, Change.RULES, Change.CATEGORIES):
            self.refresh()

    def refresh(self) -> None:
        """Plan the viewed week again: at once when it was read before, else off the thread."""
        if self.source is None or self.first is None:
            return
        if self._task is not None:
            self._again = True
            return
        me = self.service.settings.get().calendar_me or None
        key = (self.first, self.last, me)
        if key in self._seen:
            self._plan_here(me)
            self._read_ahead()  # keep the next step ahead, whichever way the PM goes
        else:
            self._read_off_thread(key)

    def _plan_here(self, me: str | None) -> None:
        from app.exchange.calendar_import import plan_calendar

        try:
            self._show(plan_calendar(self.service, self.source.occurrences(self.first, self.last, me=me)))
        except (ValidationError, StorageError, OSError) as error:
            self._show_problem(error)

    def _read_off_thread(self, key: tuple[date, date, str | None]) -> None:
        source, (first, last, me) = self.source, key

        def work(_progress, _cancelled) -> CalendarPlan:
            from app.exchange.calendar_import import plan_calendar

            with own_service(self.service) as worker:
                return plan_calendar(worker, source.occurrences(first, last, me=me))

        if self.plan is not None and (self.plan.first, self.plan.last) != (first, last):
            self.model.set_suggestions([])  # not another week's events under this week
        self.status.setText(READING)
        self._task = task = BackgroundTask(work, self, name="pm-workload-calendar")
        task.succeeded.connect(lambda plan: self._read(key, source, plan))
        task.failed.connect(self._read_failed)
        task.finished.connect(self._task_finished)
        task.start()

    def _read(self, key, source, plan: CalendarPlan) -> None:
        if source is self.source:
            self._seen.add(key)
            if key[:2] == (self.first, self.last):
                self._show(plan)
            else:
                self._again = True

    def _read_failed(self, error: BaseException) -> None:
        if not isinstance(error, EXPECTED_ERRORS):
            raise error
        self._show_problem(error)

    def _task_finished(self) -> None:
        self._task = None
        if self._again:
            self._again = False
            self.refresh()
        else:
            self._read_ahead()

    def _read_ahead(self) -> None:
        """Expand the weeks before and after the viewed one off the thread, one at a time, so
        that stepping to either is planned at once (a new week takes ~0.1 s to expand)."""
        if self.source is None or self.first is None or self._task is not None:
            return
        me = self.service.settings.get().calendar_me or None
        span = self.last - self.first + timedelta(days=1)
        for first in (self.first + span, self.first - span):
            key = (first, first + span - timedelta(days=1), me)
            if key not in self._seen:
                break
        else:
            return
        source = self.source

        def work(_progress, _cancelled) -> tuple:
            source.occurrences(key[0], key[1], me=me)  # kept by the source for the GUI thread
            return key

        self._task = task = BackgroundTask(work, self, name="pm-workload-calendar-ahead")
        task.succeeded.connect(lambda done: self._seen.add(done) if source is self.source else None)
        # A file that cannot be read fails at once on the GUI thread too, and says why there
        # when that week is shown: it counts as read ahead, so nothing is retried in a loop.
        task.failed.connect(lambda _error: self._seen.add(key) if source is self.source else None)
        task.finished.connect(self._task_finished)
        task.start()

    def wait_for_reading(self, timeout_ms: int = 30_000) -> bool:
        """Block until a read under way has ended (a closing window); False if it outlived."""
        return self._task is None or self._task.stop_and_wait(timeout_ms)

    def _show(self, plan: CalendarPlan) -> None:
        self.plan = plan
        self.model.set_suggestions(plan.suggestions)
        self.status.setText(self._summary(plan))
        self.refreshed.emit()

    def _show_problem(self, error: BaseException) -> None:
        self.plan = None
        self.model.set_suggestions([])
        self.status.setText(f"Your calendar could not be read: {error}")
        self.refreshed.emit()

    @staticmethod
    def _summary(plan: CalendarPlan) -> str:
        count = len(plan.suggestions)
        parts = ["nothing new to log this week" if not count else
                 f"{count} event{'s' if count != 1 else ''} not yet logged"]
        if plan.unclassified:
            parts.append(f"{len(plan.unclassified)} to classify")
        if plan.problems:
            what = plan.problems[0]
            more = f" (and {len(plan.problems) - 1} more)" if len(plan.problems) > 1 else ""
            parts.append(f"an event could not be read: {what}{more}")
        return "; ".join(parts).capitalize() + "."

    # -- acting -----------------------------------------------------------------------------
    def selected(self) -> list[Suggestion]:
        """Return the selected suggestions, in the table's order."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.suggestion(row) for row in rows]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.accept_button.setEnabled(bool(chosen))
        self.dismiss_button.setEnabled(bool(chosen))
        self.accept_all_button.setEnabled(any(s.kind for s in self.model.suggestions()))

    def accept_selected(self) -> None:
        self.accept(self.selected())

    def accept_all(self) -> None:
        """Accept every listed suggestion that has a kind (those to classify stay)."""
        self.accept([s for s in self.model.suggestions() if s.kind])

    def accept(self, suggestions: list[Suggestion]) -> None:
        """Log ``suggestions`` (one undo step); a problem is said in the panel."""
        if not suggestions:
            return
        name = self.source.path.name if self.source else "calendar"
        command = AcceptSuggestionsCommand(self.service, suggestions, name, self._report)
        if self._run(command):
            what = f"{len(command.entry_ids)} event{'s' if len(command.entry_ids) != 1 else ''}"
            self.status_message.emit(f"Logged {what} from your calendar (Ctrl+Z undoes it)")

    def dismiss_selected(self) -> None:
        chosen = self.selected()
        if chosen and self._run(DismissSuggestionsCommand(self.service, chosen, self._report)):
            what = f"{len(chosen)} event{'s' if len(chosen) != 1 else ''}"
            self.status_message.emit(f"Dismissed {what}; they are not suggested again "
                                     "(Ctrl+Z undoes it)")

    def _run(self, command: EntryCommand) -> bool:
        try:
            push(self.undo_stack, command)
        except ValidationError as error:
            self._say(str(error))
            return False
        except StorageError as error:
            self._say("the database could not be written; nothing was changed.")
            messages.show_error(self, "Could not save", f"{error}\n\nNothing was changed.")
            return False
        return True

    def _report(self, error: Exception) -> None:
        messages.show_error(self, "Could not undo or redo", str(error))

    def _say(self, message: str) -> None:
        self.status.setText(message)
