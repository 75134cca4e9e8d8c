"""MainWindow: the Log and Review pages, the menus, and every signal connection between them."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from app import __version__
from app.display import timer_words
from app.domain import Entry
from app.errors import StorageError, ValidationError
from app.workload import WorkloadService
from ui.common import messages
from ui.common.bridge import ServiceBridge, bridge_for
from ui.log.page import LogPage
from ui.log.timer_bar import TimerBar, restore_timer_on_start
from ui.shell.file_actions import FileActions
from ui.shell.tray import TrayController
from ui.shell.undo_actions import UndoActions

log = logging.getLogger(__name__)

TITLE = "PM Workload"
DEMO_TITLE = "DEMO DATA, discarded on close"  # Qt adds " — PM Workload" to the title bar
DEMO_BANNER = ("<b>Demo data.</b> This window shows made-up weeks in a temporary file; "
               "what you log here is discarded when it closes. Your own data is not touched.")
DEMO_CLOSE = ("What you logged or changed in this window is demo data in a temporary file: it is "
              "discarded when the window closes.\n\nYour own data is not touched.")
LOG_TAB, REVIEW_TAB = 0, 1
GEOMETRY_KEY = "main_window/geometry"
START_HINT = "Type what you are working on in the line, then press Ctrl+Enter to start the timer."
ABOUT = (f"<h3>PM Workload {__version__}</h3>"
         "<p>Log each piece of work as <b>strategic</b> or <b>operational</b>, see where the week "
         "went, and find the recurring chores to hand to Product Operations.</p>"
         "<p>Everything stays on this computer, in one SQLite file.</p>")


class MainWindow(QMainWindow):
    """The application window; ``ui_settings`` (QSettings) keeps its size and place.

    A ``demo`` window shows demo data: it says so in its title and a banner, asks before
    closing over changes (they are discarded), and has no tray icon or reminder (those are
    about the user's own day).
    """

    closed = Signal()  # the window was closed (a demo window's database can go)

    def __init__(self, service: WorkloadService, *, bridge: ServiceBridge | None = None,
                 ui_settings: QSettings | None = None, demo: bool = False,
                 tray_available: bool | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.demo = demo
        self.ui_settings = ui_settings if ui_settings is not None else QSettings()
        self.setWindowTitle(self.base_title())
        self.setAccessibleName(TITLE)
        # The application's bridge, handed to every page, bar and dialog built here.
        self.bridge = bridge_for(service, bridge, self)
        self.undo_stack = QUndoStack(self)
        self.log_page = LogPage(service, self.bridge, self.undo_stack, self)
        self.review_page: QWidget | None = None
        self._review_week: date | None = None  # the first day of the week the review shows
        self._review_holder = QWidget(self)
        self._review_holder.setAccessibleName("Review")
        QVBoxLayout(self._review_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Pages")
        self.tabs.addTab(self.log_page, "Log")
        self.tabs.addTab(self._review_holder, "Review")
        self.setCentralWidget(self._demo_banner_over(self.tabs) if demo else self.tabs)
        self._demo_changed = False  # something was logged or changed in the demo data
        self.statusBar().setSizeGripEnabled(True)
        self.demo_windows: list[MainWindow] = []
        self.quick_help: QWidget | None = None  # built on the first F1
        self._shown_once = False
        self._create_actions()
        self._plug_ins(tray_available)
        self._create_menus()
        self._connect_signals()
        self._restore_geometry()
        self.log_page.focus_quick_log()

    # -- building -----------------------------------------------------------------------
    def _create_actions(self) -> None:
        self.file_actions = FileActions(self, self.service, self.bridge)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
        if self.quit_action.shortcut().isEmpty():  # some desktops bind no Quit key
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        undo = UndoActions(self.undo_stack, self)
        self.undo_action, self.redo_action = undo.undo, undo.redo
        self.start_timer_action = self._action("&Start timer", ["Ctrl+Return", "Ctrl+Enter"],
                                               "Start a timer for what the quick-log line says")
        self.start_untitled_action = self._action(
            "Start &untitled timer", ["Ctrl+Alt+Return", "Ctrl+Alt+Enter"],
            "Start timing now and say what it was when you stop it")
        self.stop_timer_action = self._action("S&top timer", ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"],
                                              "Stop the timer and save the time as an entry")
        self.discard_timer_action = self._action("&Discard timer…", ["Ctrl+Shift+Backspace"],
                                                 "Throw the running timer away without saving")
        self.show_log_action = self._action("&Log", ["Ctrl+1"], "Show the Log page")
        self.show_review_action = self._action("&Review", ["Ctrl+2"], "Show the Review page")
        # The week keys act on the page that shows (each page has its own week).
        self.previous_week_action = self._action("&Previous week", ["Alt+Left"], "Show the week before")
        self.next_week_action = self._action("&Next week", ["Alt+Right"], "Show the week after")
        self.this_week_action = self._action("&This week", ["Alt+Home"], "Back to this week")
        self.quick_help_action = self._action("&Quick-log syntax", ["F1"],
                                              "How to write the quick-log line")
        self.about_action = self._action("&About PM Workload", ["Ctrl+F1"], "About PM Workload")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _action(self, text: str, keys: list[str], tip: str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setToolTip(tip)
        action.setStatusTip(tip)
        return action

    def _create_menus(self) -> None:
        actions = self.log_page.log_actions
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        for action in self.file_actions.actions():
            if action is None:
                self.file_menu.addSeparator()
            else:
                self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([actions.focus_line, actions.find, actions.edit, actions.delete])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([actions.duplicate, actions.copy_to_today, actions.continue_entry])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([actions.strategic, actions.operational])
        self.edit_menu.addMenu(actions.category_menu)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(actions.select_all)
        self.timer_menu = bar.addMenu("&Timer")
        self.timer_menu.addActions([self.start_timer_action, self.start_untitled_action,
                                    self.stop_timer_action, self.discard_timer_action])
        self.view_menu = bar.addMenu("&View")
        self.view_menu.addActions([self.show_log_action, self.show_review_action])
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.previous_week_action, self.next_week_action,
                                   self.this_week_action])
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addActions([self.quick_help_action, self.about_action])

    def _plug_ins(self, tray_available: bool | None) -> None:
        """The parts built beside this window: the timer bar and the tray."""
        self.timer_bar = TimerBar(self.service, parent=self.log_page, bridge=self.bridge)
        self.log_page.timer_slot.addWidget(self.timer_bar)
        # A timer running now was left by the last session (or another process): asked about
        # once the window shows. One started after that is this session's own.
        self._timer_left_running = self.timer_bar.running_timer()
        self.tray: TrayController | None = None
        if not self.demo:  # the tray and the reminder are about the user's own day
            self.tray = TrayController(self, self.service, tray_available=tray_available,
                                       bridge=self.bridge)
        self._show_timer(self.timer_bar.window_title())
        self._timer_running(self.timer_bar.running_timer() is not None)

    def _demo_banner_over(self, pages: QWidget) -> QWidget:
        """Return the pages under a banner that says, in the window itself, this is demo data."""
        holder = QWidget(self)
        banner = QLabel(DEMO_BANNER, holder)
        banner.setObjectName("demoBanner")
        banner.setAccessibleName("Demo data")
        banner.setWordWrap(True)
        # Amber in both themes, dark text on it: nothing in the real window looks like this.
        banner.setStyleSheet("#demoBanner { background: #ffd54f; color: #3e2a00; padding: 6px 10px; }")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(banner)
        layout.addWidget(pages, 1)
        self.demo_banner = banner
        return holder

    def _connect_signals(self) -> None:
        self.quit_action.triggered.connect(self.quit)
        if self.demo:
            self.bridge.changed.connect(self._demo_was_changed)
        self.show_log_action.triggered.connect(lambda: self.tabs.setCurrentIndex(LOG_TAB))
        self.show_review_action.triggered.connect(lambda: self.tabs.setCurrentIndex(REVIEW_TAB))
        self.previous_week_action.triggered.connect(lambda: self.step_week(-1))
        self.next_week_action.triggered.connect(lambda: self.step_week(1))
        self.this_week_action.triggered.connect(self.this_week)
        self.quick_help_action.triggered.connect(self.show_quick_help)
        self.about_action.triggered.connect(
            lambda: messages.show_info(self, "About PM Workload", ABOUT))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.log_page.status_message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.log_page.demo_requested.connect(self.open_demo)
        self.bridge.changed.connect(self.file_actions.update_undo_import)

        self.start_timer_action.triggered.connect(self.start_timer)
        self.start_untitled_action.triggered.connect(self._start_untitled)
        self.stop_timer_action.triggered.connect(self.timer_bar.stop)
        self.discard_timer_action.triggered.connect(self.timer_bar.discard)
        self.timer_bar.titleChanged.connect(self._show_timer)
        self.timer_bar.runningChanged.connect(self._timer_running)
        self.timer_bar.stopped.connect(self._timer_saved)
        self.timer_bar.discarded.connect(
            lambda timer: self.statusBar().showMessage(
                f"{timer_words(timer.title).capitalize()} was discarded", 6000))
        self.timer_bar.errorOccurred.connect(lambda text: self.statusBar().showMessage(text, 8000))

        if self.tray is not None:
            self.tray.logRequested.connect(self.show_quick_log)
            self.tray.startRequested.connect(self._start_from_tray)
            self.tray.stopRequested.connect(self.timer_bar.stop)
            self.tray.quitRequested.connect(self.quit_action.trigger)
            self.tray.reminderDue.connect(self.statusBar().showMessage)  # stays until replaced

    # -- the window title and the timer ----------------------------------------------------
    def base_title(self) -> str:
        """Return the title without the timer: 'PM Workload' or 'PM Workload — demo data'."""
        return DEMO_TITLE if self.demo else TITLE

    def _show_timer(self, running: str) -> None:
        """Put the running timer ('▶ 0:42 Weekly status deck') before the title, or take it out."""
        self.setWindowTitle(f"{running} — {self.base_title()}" if running else self.base_title())

    def _timer_running(self, running: bool) -> None:
        self.timer_bar.setVisible(running)  # idle, the Start button beside the line says enough
        self.stop_timer_action.setEnabled(running)
        self.discard_timer_action.setEnabled(running)
        # Start stays: with a timer running it saves that one and starts the next.
        self.start_timer_action.setText("&Switch timer" if running else "&Start timer")
        self.start_timer_action.setToolTip(
            "Save the running timer and start one for what the quick-log line says" if running
            else "Start a timer for what the quick-log line says")
        self.log_page.set_timer_running(running)

    def _start_untitled(self) -> None:
        self.tabs.setCurrentIndex(LOG_TAB)
        self.log_page.start_untitled_timer()

    def start_timer(self) -> None:
        """Start the timer for the quick-log line; on an empty line continue the entry saved
        last; with nothing logged yet (or another page shown), go to the line and say how."""
        text = self.log_page.quick.text()
        if self.tabs.currentIndex() != LOG_TAB or (
                not text.strip() and self.service.entries.count() == 0):
            self.show_quick_log()
            self.statusBar().showMessage(START_HINT, 8000)
            return
        self.log_page.start_timer(text)

    def _start_from_tray(self) -> None:
        self.show_quick_log()
        self.statusBar().showMessage(START_HINT, 8000)

    def _timer_saved(self, entry: Entry) -> None:
        self.tabs.setCurrentIndex(LOG_TAB)
        self.log_page.add_timer_entry(entry)
        self.log_page.focus_quick_log()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            QTimer.singleShot(0, self, self._ask_about_left_timer)  # after the window is painted

    def _ask_about_left_timer(self) -> None:
        """Ask what to do with a timer left running by the last session (keep / stop / discard)."""
        left, self._timer_left_running = self._timer_left_running, None
        if left is None or not self.isVisible():
            return
        try:
            running = self.service.timer.running()
            if running is None or running.started_at != left.started_at:
                return  # stopped meanwhile (the tray, another process)
            entry = restore_timer_on_start(self, self.service)
        except (StorageError, ValidationError) as error:
            messages.show_error(self, "Could not save the timer",
                                f"{error}\n\nThe timer is still running.")
            return
        if entry is not None:
            self._timer_saved(entry)

    def show_quick_help(self) -> None:
        """Show the quick-log syntax beside the window (one help window, raised again)."""
        if self.quick_help is None:
            from ui.log.quick_help import QuickAddHelp

            self.quick_help = QuickAddHelp(self)
        self.quick_help.show()
        self.quick_help.raise_()

    # -- pages and weeks ------------------------------------------------------------------
    def show_quick_log(self) -> None:
        """Show the Log page with the quick-log line focused (the tray's "Log…")."""
        self.tabs.setCurrentIndex(LOG_TAB)
        self.log_page.focus_quick_log()

    def _on_tab_changed(self, index: int) -> None:
        if index == REVIEW_TAB:
            if self.review_page is None:
                self.review_page = self._make_review_page()
                self._review_holder.layout().addWidget(self.review_page)
                week_changed = getattr(self.review_page, "week_changed", None)
                if week_changed is not None:
                    week_changed.connect(self._review_week_changed)
            show_week = getattr(self.review_page, "show_week", None)
            if show_week is not None:  # review the week the log shows
                show_week(self.log_page.picked)
        elif index == LOG_TAB:
            page, start = self.log_page, self._review_week
            if start is not None and not page.first <= start <= page.last:
                page.show_week_of(start)  # back from the review: the week it showed
            page.focus_quick_log()

    def _review_week_changed(self, start: date) -> None:
        self._review_week = start

    def _review_shows_weeks(self) -> bool:
        page = self.review_page
        return (self.tabs.currentIndex() == REVIEW_TAB and page is not None
                and getattr(page, "review", None) is not None and hasattr(page, "show_week"))

    def step_week(self, weeks: int) -> None:
        """Show the week ``weeks`` before (-1) or after (+1) the one the visible page shows."""
        if self._review_shows_weeks():
            self.review_page.show_week(self.review_page.review.week.start + timedelta(weeks=weeks))
        elif weeks < 0:
            self.log_page.previous_week()
        else:
            self.log_page.next_week()

    def this_week(self) -> None:
        """Show this week on the visible page."""
        if self._review_shows_weeks():
            self.review_page.show_week(self.service.clock.today())
        else:
            self.log_page.this_week()

    def _make_review_page(self) -> QWidget:
        """Build the review page on first sight: it brings matplotlib, kept off the start-up."""
        from ui.review.page import ReviewPage

        return ReviewPage(self.service, bridge=self.bridge)

    # -- demo data --------------------------------------------------------------------------
    def open_demo(self) -> MainWindow | None:
        """Open 26 weeks of demo data in a new window, on its own temporary database.

        The user's database is never touched; the demo file goes when its window does.
        """
        from app.database import open_store
        from ui.log.first_run import create_demo_database, remove_demo_database

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            now = self.service.clock.now().astimezone()
            path = create_demo_database(now.date(), until=now.time())
            try:
                store = open_store(path)
            except BaseException:
                remove_demo_database(path)
                raise
        except (StorageError, OSError) as error:
            messages.show_error(self, "Could not make the demo data",
                                f"{error}\n\nYour own data is not touched.")
            return None
        finally:
            QApplication.restoreOverrideCursor()
        window = MainWindow(WorkloadService(store, self.service.clock), demo=True,
                            ui_settings=QSettings(str(path.parent / "ui.ini"),
                                                  QSettings.Format.IniFormat))
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.demo_windows.append(window)
        window.closed.connect(lambda: self.demo_windows.remove(window))
        # Close the file once no widget of the window is left to read it (or at the latest
        # when the app quits), then remove its temporary folder.
        done = []

        def remove_demo() -> None:
            if not done:
                done.append(True)
                store.close()
                remove_demo_database(path)

        window.destroyed.connect(remove_demo)
        QApplication.instance().aboutToQuit.connect(remove_demo)
        window.resize(self.size())
        window.move(self.pos() + QPoint(40, 40))
        window.show()
        return window

    # -- closing ----------------------------------------------------------------------------
    def quit(self) -> None:
        """Leave the app: close the demo windows and this one (unless a demo window stays)."""
        for window in list(self.demo_windows):
            if not window.close():
                return
        self.close()

    def _demo_was_changed(self) -> None:
        self._demo_changed = True

    def _may_close(self) -> bool:
        """Return whether the window may close: a demo window with changes asks first."""
        if not (self.demo and self._demo_changed and self.isVisible()):
            return True
        if not messages.confirm(self, "Discard the demo data?", DEMO_CLOSE, "Discard and close"):
            return False
        self._demo_changed = False  # asked once: the app's quit closes it without asking again
        return True

    def _restore_geometry(self) -> None:
        saved = self.ui_settings.value(GEOMETRY_KEY)
        if not (isinstance(saved, QByteArray) and self.restoreGeometry(saved)):
            self.resize(1180, 760)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if not self._may_close():
            event.ignore()
            return
        if not self.demo:  # a demo window must not move the user's own window next time
            self.ui_settings.setValue(GEOMETRY_KEY, self.saveGeometry())
            self.ui_settings.sync()
        super().closeEvent(event)
        if not event.isAccepted():
            return
        for window in list(self.demo_windows):
            window.close()
        if self.tray is not None:
            self.tray.shutdown()
        for timer in self.findChildren(QTimer):  # nothing reads the database once closed
            timer.stop()
        self.closed.emit()
