"""MainWindow: the Log and Review pages, the menus, and every signal connection between them."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from app import __version__
from app.services import WorkloadService
from ui import messages
from ui.bridge import ServiceBridge
from ui.log_page import LogPage

log = logging.getLogger(__name__)

TITLE = "PM Workload"
LOG_TAB, REVIEW_TAB = 0, 1
GEOMETRY_KEY = "main_window/geometry"
ABOUT = (f"<h3>PM Workload {__version__}</h3>"
         "<p>Log each piece of work as <b>strategic</b> or <b>operational</b>, see where the week "
         "went, and find the recurring chores to hand to Product Operations.</p>"
         "<p>Everything stays on this computer, in one SQLite file.</p>")


class MainWindow(QMainWindow):
    """The application window; ``ui_settings`` (QSettings) keeps its size and place."""

    def __init__(self, service: WorkloadService, *, ui_settings: QSettings | None = None,
                 demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.ui_settings = ui_settings if ui_settings is not None else QSettings()
        self.setWindowTitle(f"{TITLE} — demo data (not saved)" if demo else TITLE)
        self.setAccessibleName(TITLE)
        self.bridge = ServiceBridge(service, self)
        self.undo_stack = QUndoStack(self)
        self.log_page = LogPage(service, self.bridge, self.undo_stack, self)
        self.review_page: QWidget | None = None
        self._review_holder = QWidget(self)
        self._review_holder.setAccessibleName("Review")
        QVBoxLayout(self._review_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Pages")
        self.tabs.addTab(self.log_page, "Log")
        self.tabs.addTab(self._review_holder, "Review")
        self.setCentralWidget(self.tabs)
        self.statusBar().setSizeGripEnabled(True)
        self._create_actions()
        self._create_menus()
        self._plug_ins()
        self._connect_signals()
        self._restore_geometry()
        self.log_page.focus_quick_log()

    # -- building -----------------------------------------------------------------------
    def _create_actions(self) -> None:
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
        if self.quit_action.shortcut().isEmpty():  # some desktops bind no Quit key
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)  # Ctrl+Shift+Z, Ctrl+Y
        self.show_log_action = QAction("&Log", self)
        self.show_log_action.setShortcut(QKeySequence("Ctrl+1"))
        self.show_review_action = QAction("&Review", self)
        self.show_review_action.setShortcut(QKeySequence("Ctrl+2"))
        self.about_action = QAction("&About PM Workload", self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _create_menus(self) -> None:
        actions = self.log_page.log_actions
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([actions.focus_line, actions.edit, actions.delete])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([actions.strategic, actions.operational])
        self.edit_menu.addMenu(actions.category_menu)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(actions.select_all)
        self.view_menu = bar.addMenu("&View")
        self.view_menu.addActions([self.show_log_action, self.show_review_action])
        self.view_menu.addSeparator()
        self.view_menu.addActions(actions.week_actions())
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(self.about_action)

    def _plug_ins(self) -> None:
        """Where the parts built beside this window are wired in (each one line or two).

        PLUG-IN (timer bar, ui/timer_bar.py): ``self.log_page.timer_slot.addWidget(TimerBar(...))``;
            its errorOccurred -> self.statusBar().showMessage; at start-up, a timer left running
            by a crash asks RestoreTimerDialog (ui/timer_dialogs.py) what to do.
        PLUG-IN (settings, ui/settings_dialog.py): File > "Settings…" (QKeySequence.Preferences)
            opening SettingsDialog(self.service, self); the log page follows SETTINGS changes.
        PLUG-IN (tray, ui/tray.py): TrayController(self, self.service): logRequested ->
            self.log_page.focus_quick_log, startRequested -> self.log_page.focus_quick_log,
            quitRequested -> self.quit_action.trigger, reminderDue -> the status bar.
        PLUG-IN (first run, ui/first_run.py): when self.service.entry_count() == 0, a
            FirstRunHint above the table: exampleRequested -> self.log_page.put_in_line.
        PLUG-IN (theme, ui/theme.py): the palette is chosen in ui/application.py.
        """

    def _connect_signals(self) -> None:
        self.quit_action.triggered.connect(self.close)
        self.show_log_action.triggered.connect(lambda: self.tabs.setCurrentIndex(LOG_TAB))
        self.show_review_action.triggered.connect(lambda: self.tabs.setCurrentIndex(REVIEW_TAB))
        self.about_action.triggered.connect(
            lambda: messages.show_info(self, "About PM Workload", ABOUT))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.log_page.status_message.connect(lambda text: self.statusBar().showMessage(text, 6000))

    # -- pages --------------------------------------------------------------------------
    def _on_tab_changed(self, index: int) -> None:
        if index == REVIEW_TAB:
            if self.review_page is None:
                self.review_page = self._make_review_page()
                self._review_holder.layout().addWidget(self.review_page)
            show_week = getattr(self.review_page, "show_week", None)
            if show_week is not None:  # review the week the log shows
                show_week(self.log_page.picked)
        elif index == LOG_TAB:
            self.log_page.focus_quick_log()

    def _make_review_page(self) -> QWidget:
        """Build the review page on first sight: it brings matplotlib, kept off the start-up."""
        try:
            from ui.review.page import ReviewPage
        except ImportError as error:
            if not (getattr(error, "name", "") or "").startswith("ui.review"):
                log.exception("The review page could not be loaded")
            return self._placeholder("The review page is not available in this build yet.")
        return ReviewPage(self.service)

    def _placeholder(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setAccessibleName("Review")
        return label

    # -- size and place -------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        saved = self.ui_settings.value(GEOMETRY_KEY)
        if not (isinstance(saved, QByteArray) and self.restoreGeometry(saved)):
            self.resize(1180, 760)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ui_settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.ui_settings.sync()
        super().closeEvent(event)
