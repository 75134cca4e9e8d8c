"""File > Team report…: several PMs' summaries read together, as a page with two charts.

The files are read off the GUI thread (app.exchange.team); the charts are the ones
`pm-workload team report --pdf` draws (app.exchange.team_plots), here in the window's colours,
and Save as PDF… writes that same page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.display import percent, plural
from app.exchange.team import TeamReport, lookback_of, team_report
from app.review.analysis import HandoffRules
from app.workload import WorkloadService
from ui.common import folders
from ui.common.workers import EXPECTED_ERRORS, BackgroundTask
from ui.exchange import files
from ui.exchange.import_preview import FoldingMessage
from ui.exchange.models import TeamModel

INTRO = ("Each PM exports a <b>summary</b> (File › Export…, Summary): hours per week and per task "
         "an opaque key with their ratings, no titles. Add their files or a folder of them.")
PDF_FILTER = "PDF files (*.pdf);;All files (*)"


def ask_files(parent: QWidget | None) -> list[str]:
    """Ask for summary CSV files (tests replace this); return the paths, [] if cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    paths, _chosen = QFileDialog.getOpenFileNames(parent, "Add summaries", folder,
                                                  files.OPEN_FILTER)
    return paths


def ask_folder(parent: QWidget | None) -> str | None:
    """Ask for a folder of summaries (tests replace this); return it, or None if cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return QFileDialog.getExistingDirectory(parent, "Add a folder of summaries", folder) or None


def ask_pdf_path(parent: QWidget | None, suggested: str) -> str | None:
    """Ask where to save the PDF (tests replace this); return the path, or None if cancelled."""
    path, _chosen = QFileDialog.getSaveFileName(parent, "Save the team report as PDF",
                                                folders.start_path(suggested), PDF_FILTER)
    folders.remember(path)
    return path or None


class TeamPage(QDialog):
    """The team report over the summaries added: PMs, charts, the paragraph, Save as PDF."""

    updated = Signal()   # a report (or a failure) is shown

    def __init__(self, service: WorkloadService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.paths: list[str] = []
        self.report: TeamReport | None = None
        self.task: BackgroundTask | None = None
        self._again = False
        self.setWindowTitle("Team report")
        self.resize(900, 700)
        settings = service.settings.get()
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.add_files_button = QPushButton("Add files…")
        self.add_folder_button = QPushButton("Add a folder…")
        self.clear_button = QPushButton("Clear")
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 52)
        self.weeks.setValue(settings.handoff_weeks)
        self.weeks.setSuffix(" completed weeks")
        self.weeks.setAccessibleName("Look back")
        self.pdf_button = QPushButton("Save as PDF…")
        row = QHBoxLayout()
        for widget in (self.add_files_button, self.add_folder_button, self.clear_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(QLabel("Look back:"))
        row.addWidget(self.weeks)
        row.addWidget(self.pdf_button)
        self.files_label = QLabel("No summaries added yet.")
        self.files_label.setStyleSheet("color: palette(placeholder-text);")
        self.files_label.setWordWrap(True)
        self.message = FoldingMessage(self, "Team report message")
        self.paragraph = QLabel()
        self.paragraph.setWordWrap(True)
        self.paragraph.setAccessibleName("The case in plain words")
        self.paragraph.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.team_line = QLabel()
        self.team_line.setWordWrap(True)
        self.model = TeamModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("PMs")
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setMaximumHeight(150)
        self.charts = QWidget()
        self.charts.setMinimumHeight(260)
        self.charts.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._canvas = None
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.files_label)
        layout.addWidget(self.message)
        layout.addWidget(self.paragraph)
        layout.addWidget(self.team_line)
        layout.addWidget(self.view)
        layout.addWidget(self.charts, 1)
        layout.addWidget(self.buttons)

        self.add_files_button.clicked.connect(self.add_files)
        self.add_folder_button.clicked.connect(self.add_folder)
        self.clear_button.clicked.connect(lambda: self.set_paths([]))
        self.weeks.valueChanged.connect(self.refresh)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.buttons.rejected.connect(self.reject)
        self._show(None)

    # -- choosing files ---------------------------------------------------------------------
    def add_files(self) -> None:
        self.set_paths([*self.paths, *ask_files(self)])

    def add_folder(self) -> None:
        folder = ask_folder(self)
        if folder:
            self.set_paths([*self.paths, folder])

    def set_paths(self, paths: list[str | Path]) -> None:
        """Report over ``paths`` (files, or folders standing for their .csv files)."""
        self.paths = list(dict.fromkeys(str(p) for p in paths))
        names = ", ".join(Path(p).name or p for p in self.paths)
        self.files_label.setText(f"Summaries: {names}" if self.paths else "No summaries added yet.")
        self.refresh()

    # -- the report -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the summaries again off the GUI thread (once more after a running read)."""
        if not self.paths:
            self.report = None
            self.message.clear()
            self._show(None)
            self.updated.emit()
            return
        if self.task is not None and self.task.is_running:
            self._again = True
            return
        settings = self._service.settings.get()
        this_week = self._service.week_of(self._service.clock.today())[0]
        lookback = lookback_of(this_week, this_week, self.weeks.value())
        paths, rules = list(self.paths), HandoffRules.from_settings(settings)
        target, fte = settings.strategic_target, settings.fte_hours

        def work(_progress, _cancelled) -> TeamReport:
            return team_report(paths, lookback, rules, target, fte)

        self.task = task = BackgroundTask(work, self, "pm-workload-team-report")
        task.succeeded.connect(self._on_report)
        task.failed.connect(self._on_failed)
        task.finished.connect(self._on_finished)
        task.start()

    def _on_report(self, report: TeamReport) -> None:
        self.report = report
        if report.left_out:
            count = len(report.left_out)
            reasons = " ".join(left.reason for left in report.left_out)
            self.message.show_problem(reasons, f"{plural(count, 'file')} left out: ")
        else:
            self.message.clear()
        self._show(report)
        self.updated.emit()

    def _on_failed(self, error: BaseException) -> None:
        if not isinstance(error, EXPECTED_ERRORS):
            raise error
        self.report = None
        self._show(None)
        self.message.show_problem(files.failure_text(error), "Could not read the summaries: ")
        self.updated.emit()

    def _on_finished(self) -> None:
        if self._again:
            self._again = False
            self.refresh()

    def _show(self, report: TeamReport | None) -> None:
        self.pdf_button.setEnabled(bool(report and report.pms))
        if report is None or not report.pms:
            self.paragraph.setText("")
            self.team_line.setText("")
            self.model.set_report(report)
            self._draw(None)
            return
        spread = report.spread
        self.paragraph.setText(report.paragraph())
        self.team_line.setText(
            f"<b>Team</b>: {percent(report.share)} strategic (target {report.target} %), median "
            f"{percent(report.median_share)}, from {percent(spread[0] if spread else None)} to "
            f"{percent(spread[1] if spread else None)} · <b>{report.reclaimable:.1f} h</b> a week "
            f"reclaimable = {report.fte:.2f} FTE · {report.lookback.words}")
        self.model.set_report(report)
        self._draw(report)

    def _draw(self, report: TeamReport | None) -> None:
        """Draw both charts in the window's colours (matplotlib loaded on the first report)."""
        if report is None and self._canvas is None:
            return
        from ui.review.charts import chart_palette, warm_up

        warm_up()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from app.exchange.team_plots import draw_reclaimable, draw_shares

        if self._canvas is None:
            self.figure = Figure(figsize=(8, 3), dpi=100)
            self._canvas = FigureCanvasQTAgg(self.figure)
            self._canvas.setAccessibleName("Team charts")
            box = QVBoxLayout(self.charts)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(self._canvas)
        palette = chart_palette(self.palette())
        self.figure.clear()
        self.figure.set_facecolor(palette.background)
        if report is not None:
            draw_shares(self.figure.add_axes((0.09, 0.24, 0.33, 0.66)), report, palette)
            draw_reclaimable(self.figure.add_axes((0.66, 0.24, 0.26, 0.66)), report, palette)
        self._canvas.draw_idle()

    # -- PDF --------------------------------------------------------------------------------
    def save_pdf(self) -> str | None:
        """Ask where, then write the report as the command line's --pdf does; return the path."""
        if self.report is None or not self.report.pms:
            return None
        path = ask_pdf_path(self, f"pm-workload-team-{self.report.lookback.first.isoformat()}.pdf")
        if not path:
            return None
        if not Path(path).suffix:
            path += ".pdf"
        from app.errors import ValidationError
        from app.exchange.team_plots import write_team_pdf

        try:
            write_team_pdf(self.report, path)
        except ValidationError as error:
            self.message.show_problem(str(error), "Could not save: ")
            return None
        self.message.show_ok(f"Saved <b>{Path(path).name}</b>.", f"Saved {Path(path).name}.")
        return path


def open_team_page(window: QWidget, service: WorkloadService) -> TeamPage:
    """Open the team report over ``window`` (not blocking) and return it."""
    page = TeamPage(service, window)
    page.finished.connect(page.deleteLater)
    page.open()
    return page
