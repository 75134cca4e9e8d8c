"""ReviewPage: where the week's time went, and what to hand off.

A week picker at the top; under it, scrolling as one page, the headline figures with the range
and Export beside them, then four charts and the hand-off table. Everything shown comes from
one ``ReviewService.review()`` per change.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.changes import Change
from app.display import percent
from app.errors import StorageError, ValidationError
from app.review.analysis import Review
from app.review.service import DEFAULT_RANGE, RANGES, ReviewService
from app.workload import WorkloadService
from ui.common import folders, messages
from ui.common.bridge import ServiceBridge, bridge_for
from ui.common.week_nav import WeekNavigator
from ui.review import model as table
from ui.review.plots import hours_label

PDF_FILTER = "PDF document (*.pdf)"
IMAGE_FILTERS = "PNG image (*.png);;SVG drawing (*.svg)"


class FigureCard(QFrame):
    """One headline figure: a large value and a line saying what it means."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(name)
        self.value = QLabel(self)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        # A role, not a style sheet: it follows a switch between light and dark.
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        title = QLabel(name, self)
        title_font = QFont(title.font())
        title_font.setBold(True)
        title.setFont(title_font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(2)
        layout.addWidget(title)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addStretch(1)

    def set(self, value: str, caption: str) -> None:
        self.value.setText(value)
        self.caption.setText(caption)
        self.setAccessibleDescription(f"{value}, {caption}")


class ReviewPage(QWidget):
    """The weekly review of one service's data.

    ``review_changed(Review)`` is emitted after every redraw (week, range, rating or data
    change); ``week_changed(date)`` when another week is shown (its first day).
    """

    review_changed = Signal(object)
    week_changed = Signal(object)

    def __init__(self, service: WorkloadService, parent: QWidget | None = None, *,
                 bridge: ServiceBridge | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReviewPage")
        self.service = service
        self.reviews = ReviewService(service)
        self._day = service.clock.today()
        self._range = DEFAULT_RANGE
        self._review: Review | None = None
        self._rows_shown_as: tuple | None = None  # (week, range, look-back) the table's order is for
        self._stale = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

        self.navigator = WeekNavigator(self)
        self.range_box = QComboBox(self)
        self.range_box.setAccessibleName("Range of weeks")
        self.range_box.setToolTip("How many weeks the charts cover, ending with the shown week")
        for weeks in RANGES:
            self.range_box.addItem(f"{weeks} weeks", weeks)
        self.range_box.setCurrentIndex(RANGES.index(DEFAULT_RANGE))
        self.export_button = QPushButton("Export", self)
        self.export_button.setAccessibleName("Export the review")

        self.hours_card = FigureCard("Logged", self)
        self.share_card = FigureCard("Strategic share", self)
        self.reclaim_card = FigureCard("Reclaimable", self)
        self.given_card = FigureCard("Given back", self)

        from ui.review.charts import Chart
        from ui.review.plots import PLOTS

        # Fixed heights, with room for 15 categories and 10 candidates: a chart that changed
        # height on a week switch would be drawn twice.
        heights = {"split": 460, "categories": 460, "candidates": 420, "habit": 250}
        self.charts = {name: Chart(name, title, plot, min_height=heights[name])
                       for name, title, plot in PLOTS}
        self.candidates_model = table.CandidatesModel(self, judge=self._judge)
        self.candidates_proxy = QSortFilterProxyModel(self)
        self.candidates_proxy.setSourceModel(self.candidates_model)
        self.candidates_proxy.setSortRole(table.SORT_ROLE)
        self.candidates_view = self._make_table()
        self.to_rate_label = QLabel(self)
        self.to_rate_label.setWordWrap(True)
        self.to_rate_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self._build_menu()
        self._lay_out()
        self.navigator.previous_requested.connect(lambda: self.show_week(self._day - timedelta(7)))
        self.navigator.next_requested.connect(lambda: self.show_week(self._day + timedelta(7)))
        self.navigator.this_week_requested.connect(lambda: self.show_week(self._today()))
        self.navigator.day_picked.connect(self.show_week)
        self.range_box.currentIndexChanged.connect(
            lambda _i: self.set_range(int(self.range_box.currentData())))
        bridge_for(service, bridge, self).changed.connect(self._service_changed)
        self.refresh()

    # -- building ---------------------------------------------------------------------------
    def _make_table(self) -> QTableView:
        from ui.review.judgement_table import JudgementTable

        view = JudgementTable(self.candidates_proxy, self)
        view.setAccessibleName("Operational tasks to judge")
        # Until the PM clicks a header, rows keep the model's order: candidates first.
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        triggers = QAbstractItemView.EditTrigger
        view.setEditTriggers(triggers.DoubleClicked | triggers.SelectedClicked
                             | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self._delegates = {
            table.COL_CHECKLIST: table.ChoiceDelegate(table.CHECKLIST_CHOICES, "Checklist", view),
            table.COL_NEEDED: table.ChoiceDelegate(table.NEEDED_CHOICES, "Without it", view),
            table.COL_STATUS: table.ChoiceDelegate(table.STATUS_CHOICES, "Status", view),
        }
        for column, delegate in self._delegates.items():
            view.setItemDelegateForColumn(column, delegate)
        return view

    def _build_menu(self) -> None:
        menu = QMenu(self.export_button)
        pdf = menu.addAction("Whole review as PDF…")
        pdf.triggered.connect(self.ask_export_pdf)
        menu.addSeparator()
        for name, chart in self.charts.items():
            action = menu.addAction(f"Chart: {chart.title}… (PNG or SVG)")
            action.triggered.connect(lambda _checked=False, n=name: self.ask_export_chart(n))
        self.export_button.setMenu(menu)
        self.export_menu = menu

    def _lay_out(self) -> None:
        # The range and Export sit beside the cards, not the week: beside the week's title they
        # made the page wider than an 800-pixel window.
        actions = QVBoxLayout()
        range_label = QLabel("&Range:", self)
        range_label.setBuddy(self.range_box)
        actions.addWidget(range_label)
        actions.addWidget(self.range_box)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        cards = QHBoxLayout()
        for card in (self.hours_card, self.share_card, self.reclaim_card, self.given_card):
            cards.addWidget(card, 1)
        cards.addLayout(actions)

        # The cards scroll with the charts: fixed above them they took half of a 600-pixel
        # window, and the page scrolls as one.
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(cards, 0, 0, 1, 2)
        grid.addWidget(self.charts["split"], 1, 0)
        grid.addWidget(self.charts["categories"], 1, 1)
        # The hand-off chart and the table under it, each the page's width: the table's nine
        # columns fit beside nothing in a small window, and the chart's long labels need room.
        grid.addWidget(self.charts["candidates"], 2, 0, 1, 2)
        self.table_heading = QLabel(body)
        self.table_heading.setWordWrap(True)
        judging = QVBoxLayout()
        judging.setContentsMargins(0, 6, 0, 6)
        judging.addWidget(self.table_heading)
        judging.addWidget(self.candidates_view)
        judging.addWidget(self.to_rate_label)
        grid.addLayout(judging, 3, 0, 1, 2)
        grid.addWidget(self.charts["habit"], 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(5, 1)    # a tall window leaves the room below, charts keep their size
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.scroll = scroll

        layout = QVBoxLayout(self)
        layout.addWidget(self.navigator)
        layout.addWidget(scroll, 1)

    # -- what is shown ----------------------------------------------------------------------
    @property
    def review(self) -> Review | None:
        """The review on screen."""
        return self._review

    def _today(self) -> date:
        return self.service.clock.today()

    def show_week(self, day: date) -> None:
        """Show the week holding ``day`` (no later than this week)."""
        day = min(day, self._today())
        shown = self._review.week.start if self._review is not None else None
        self._day = day
        start = self.reviews.week_start(day)
        if start == shown and not self._stale:
            self._show_navigator(self._review)  # same week, same figures: no redraw
            return
        self.refresh()
        if start != shown:
            self.week_changed.emit(start)

    def set_range(self, weeks: int) -> None:
        """Show ``weeks`` weeks (4, 8, 12 or 26) ending with the shown week."""
        self._range = weeks
        index = self.range_box.findData(weeks)
        if index >= 0 and index != self.range_box.currentIndex():
            self.range_box.setCurrentIndex(index)  # comes back here through the signal
            return
        self.refresh()

    def refresh(self) -> None:
        """Read the review again and redraw everything (each chart once, when Qt is idle)."""
        from ui.review.charts import chart_palette

        self._refresh_timer.stop()
        self._stale = False
        review = self.reviews.review(self._day, self._range)
        # The same week and range again (the PM rated a task): rows stay put, the current one too.
        shown_as = (review.week.start, self._range, review.lookback.first)
        same, self._rows_shown_as = shown_as == self._rows_shown_as, shown_as
        current = self.candidates_view.currentIndex()
        title = (self.candidates_model.task_at(self.candidates_proxy.mapToSource(current).row()).title
                 if same and current.isValid() else None)
        self._review = review
        self._show_navigator(review)
        self._show_headline(review)
        self.table_heading.setText(f"<b>Judge the operational tasks of {review.lookback.words}"
                                   "</b> — double-click Checklist, Without it or Status to "
                                   "change it")
        self.candidates_model.set_rows(review.scores, keep_order=same)
        row = self.candidates_model.row_of(title) if title is not None else None
        if row is not None:
            self.candidates_view.setCurrentIndex(self.candidates_proxy.mapFromSource(
                self.candidates_model.index(row, current.column())))
        self._show_to_rate(review)
        palette = chart_palette(self.palette())
        for chart in self.charts.values():
            chart.show_review(review, palette)
        self.review_changed.emit(review)

    def _show_navigator(self, review: Review) -> None:
        today = self._today()
        week = review.week
        self.navigator.show_week(week.start, week.end, picked=self._day,
                                 latest=today + timedelta(days=1),
                                 is_current=week.start <= today <= week.end)
        # "Next" stops at this week: later weeks have nothing to review.
        self.navigator.next_button.setEnabled(week.end < today)

    def _show_headline(self, review: Review) -> None:
        h, week, lookback = review.headline, review.week, review.lookback
        # The look-back's dates wrap as one piece, never between a day and its month.
        over = f"{lookback.count_words} {lookback.days.replace(' ', chr(0xA0))}"
        # Only a Monday-first week is an ISO week with a number; others go by their first day.
        name = (f"week {week.label.split('W')[1]}" if week.is_iso
                else f"the week of {week.start:%a} {week.start.day} {week.start:%b}")
        days = f"{h.days_logged} day{'' if h.days_logged == 1 else 's'}"
        self.hours_card.set(f"{hours_label(h.hours * 60)} h", f"on {days} in {name}" if h.days_logged
                            else f"nothing logged yet in {name}")
        if h.share is None:
            self.share_card.set("–", f"nothing logged this week · target {review.target} %")
        else:
            compared = (f"nothing logged in {over}" if h.lookback_share is None
                        else f"{percent(h.lookback_share)} over {over}")
            self.share_card.set(percent(h.share), f"target {review.target} % · {compared}")
        if h.candidates:
            self.reclaim_card.set(
                f"{h.reclaimable:.1f} h a week",
                f"from {h.candidates} hand-off candidate{'' if h.candidates == 1 else 's'}: "
                f"{percent(h.lookback_share)} → {percent(h.share_after)} strategic over {over}")
        elif review.scores:
            self.reclaim_card.set("–", "no hand-off candidates yet: rate the tasks below")
        else:
            self.reclaim_card.set("–", f"no operational work in {over} to judge yet")
        if h.handed_off:
            self.given_card.set(f"{h.given_back:.1f} h",
                                f"given back by {h.handed_off} handed-off "
                                f"task{'' if h.handed_off == 1 else 's'}")
        else:
            self.given_card.set("–", "nothing handed off yet")

    def _show_to_rate(self, review: Review) -> None:
        waiting = review.to_rate
        if not review.scores:
            self.to_rate_label.setText(f"The operational tasks of {review.lookback.words} show "
                                       "here, for you to rate; a week counts once it is over.")
            return
        if not waiting:
            self.to_rate_label.setText("")
            return
        first = ", ".join(t.title for t in waiting[:3])
        self.to_rate_label.setText(
            f"{len(waiting)} task{'' if len(waiting) == 1 else 's'} to rate, most hours first: "
            f"{first}{'…' if len(waiting) > 3 else ''}")

    # -- changes ----------------------------------------------------------------------------
    def _judge(self, title: str, field: str, value: Any) -> bool:
        try:
            self.service.tasks.set_judgement(title, **{field: value})
        except (ValidationError, StorageError) as error:
            messages.show_error(self, "Not saved", str(error))
            return False
        return True

    def _service_changed(self, what: str) -> None:
        # Redraw once, after the change (a burst of changes is one redraw), and only when seen.
        if what not in (Change.ENTRIES, Change.TASKS, Change.SETTINGS, Change.CATEGORIES):
            return
        if self.isVisible():
            self._refresh_timer.start()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._review is not None:
            self._service_changed(Change.SETTINGS)  # light / dark switched: charts take the new colours

    # -- export -----------------------------------------------------------------------------
    def ask_save_path(self, caption: str, suggested: str, filters: str) -> str | None:
        """Ask where to save (tests replace this); return the path, or None if cancelled."""
        path, _chosen = QFileDialog.getSaveFileName(self, caption, folders.start_path(suggested),
                                                    filters)
        folders.remember(path)
        return path or None

    def _file_label(self) -> str:
        """Return the shown week for a file name: 2026-W48, or its first day when not ISO."""
        week = self._review.week if self._review else None
        if week is None:
            return "review"
        return week.label if week.is_iso else week.start.isoformat()

    def ask_export_pdf(self) -> str | None:
        """Ask for a file name and save the whole review as PDF; return the path saved."""
        label = self._file_label()
        path = self.ask_save_path("Export the review as PDF",
                                  f"pm-workload-review-{label}.pdf", PDF_FILTER)
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        return path if self._write(lambda: self.export_pdf(path)) else None

    def ask_export_chart(self, name: str) -> str | None:
        """Ask for a file name and save one chart as PNG or SVG; return the path saved."""
        label = self._file_label()
        path = self.ask_save_path(f"Export the chart: {self.charts[name].title}",
                                  f"pm-workload-{name}-{label}.png", IMAGE_FILTERS)
        if not path:
            return None
        if Path(path).suffix.lower() not in (".png", ".svg"):
            path += ".png"
        return path if self._write(lambda: self.export_chart(name, path)) else None

    def _write(self, write) -> bool:
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            write()
        except OSError as error:
            messages.show_error(self, "Not exported",
                                f"The file could not be written: {error.strerror or error}.")
            return False
        finally:
            self.unsetCursor()
        return True

    def export_pdf(self, path: str) -> None:
        """Write the review on screen as a PDF: the headline and every chart."""
        from ui.review.charts import save_pdf

        if self._review is not None:
            save_pdf(path, self._review, self._review.headline.lines())

    def export_chart(self, name: str, path: str) -> None:
        """Write one chart (split, categories, candidates or habit) as PNG or SVG."""
        from ui.review.charts import save_chart

        if self._review is not None:
            save_chart(self.charts[name], path, self._review)
