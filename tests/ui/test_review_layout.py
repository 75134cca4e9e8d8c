"""The Review page in a small window: one scrolling page, the table's columns all in view, and
charts laid out for the room they have. Demo data: a busy half year."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from app import demo
from ui.review.page import ReviewPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def busy(service, store, clock):
    demo.fill(store, demo.generate(26, end=clock.today()))
    return service


def shown_page(qtbot, service, size):
    page = ReviewPage(service)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    return page


def wheel_down(widget):
    """Turn the wheel over a widget as Qt does for a real wheel (QApplication::notify): an event
    left unaccepted goes on to the parent, which Qt 6 does not do for an event a test sends.
    Return the widget that took it."""
    position = QPointF(widget.rect().center())
    while widget is not None:
        event = QWheelEvent(position, QPointF(widget.mapToGlobal(position.toPoint())),
                            QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        event.ignore()  # as Qt does: a widget takes the wheel by accepting it
        if QApplication.sendEvent(widget, event) and event.isAccepted():
            return widget
        position = QPointF(widget.mapToParent(position.toPoint()))
        widget = widget.parentWidget()
    return None


@pytest.mark.parametrize("name", ["split", "categories", "candidates", "habit"])
def test_the_wheel_over_a_chart_scrolls_the_page(qtbot, busy, name):
    page = shown_page(qtbot, busy, (800, 600))
    canvas = page.charts[name].canvas
    page.scroll.ensureWidgetVisible(canvas, 0, 0)
    bar = page.scroll.verticalScrollBar()
    before = bar.value()
    assert wheel_down(canvas) is page.scroll.viewport()
    assert bar.value() > before
    assert canvas.focusPolicy() == Qt.FocusPolicy.NoFocus


@pytest.mark.parametrize("size", [(800, 600), (1400, 900)])
def test_the_table_shows_every_column_and_row_without_its_own_scrolling(qtbot, busy, size):
    page = shown_page(qtbot, busy, size)
    view = page.candidates_view
    assert page.candidates_model.rowCount() > 20
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() == 0)
    assert view.horizontalHeader().length() <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
    last = page.candidates_proxy.rowCount() - 1
    assert view.viewport().rect().contains(view.visualRect(page.candidates_proxy.index(last, 0)))
    # The page itself fits the window's width: it scrolls one way only.
    assert page.scroll.horizontalScrollBar().maximum() == 0


def test_the_wheel_over_the_table_scrolls_the_page(qtbot, busy):
    page = shown_page(qtbot, busy, (800, 600))
    view = page.candidates_view
    page.scroll.ensureWidgetVisible(view, 0, 0)
    bar = page.scroll.verticalScrollBar()
    before = bar.value()
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() == 0)
    assert wheel_down(view.viewport()) is page.scroll.viewport()
    assert bar.value() > before


def shown_off_axis(text, ax) -> bool:
    """A tick label beyond the axis's limits, which matplotlib keeps but does not draw."""
    for axes in (ax, *ax.get_shared_x_axes().get_siblings(ax), *ax.figure.axes):
        low, high = sorted(axes.get_xlim())
        if text in axes.get_xticklabels(which="both"):
            return not low <= text.get_position()[0] <= high
        low, high = sorted(axes.get_ylim())
        if text in axes.get_yticklabels(which="both"):
            return not low <= text.get_position()[1] <= high
    return False


def inside(box, figure_box) -> bool:
    return (box.x0 >= figure_box.x0 - 1 and box.x1 <= figure_box.x1 + 1
            and box.y0 >= figure_box.y0 - 1 and box.y1 <= figure_box.y1 + 1)


@pytest.mark.parametrize("size", [(800, 600), (1400, 900)])
def test_labels_keys_and_headings_stay_inside_the_charts(qtbot, busy, size):
    page = shown_page(qtbot, busy, size)
    for name in ("split", "categories"):
        chart = page.charts[name]
        chart.canvas.draw()
        renderer = chart.canvas.get_renderer()
        ax, whole = chart.plot.ax, chart.figure.bbox
        texts = [t for t in chart.figure.findobj(lambda a: hasattr(a, "get_text"))
                 if t.get_visible() and t.get_text().strip() and not shown_off_axis(t, ax)]
        assert texts
        for text in texts:
            assert inside(text.get_window_extent(renderer), whole), (name, text.get_text())
        # The key is under the axes, never over the bars.
        key = [t for t in texts if t.get_text() in ("Strategic", "Operational", "Strategic hours",
                                                    "Operational hours")]
        assert key and all(t.get_window_extent(renderer).y1 < ax.bbox.y0 for t in key)


def test_a_shortened_category_shows_in_full_in_the_tooltip(qtbot, busy):
    page = shown_page(qtbot, busy, (800, 600))
    chart = page.charts["categories"]
    chart.canvas.draw()
    plot = chart.plot
    labels = [t.get_text() for t in plot.ax.get_yticklabels()]
    row = next(i for i, label in enumerate(labels) if "…" in label)
    full = page.review.categories[row].name
    assert not labels[row].startswith(full)
    x, y = plot.ax.transData.transform((0, row))
    assert plot.tooltip_at(x - 30, y).startswith(f"{full}: ")
    assert plot.tooltip_at(x - 30, y + 1000) == ""


def test_the_headline_cards_scroll_with_the_page(qtbot, busy):
    page = shown_page(qtbot, busy, (800, 600))
    card = page.hours_card
    assert page.scroll.widget().isAncestorOf(card)
    bar = page.scroll.verticalScrollBar()
    top = card.mapTo(page, card.rect().topLeft()).y()
    bar.setValue(card.height() + 40)
    assert card.mapTo(page, card.rect().topLeft()).y() < top - card.height()
    # Scrolled past the cards, the page's view shows charts where the cards were.
    assert page.scroll.viewport().height() > 600 - page.navigator.height() - 60


def test_judgement_rows_are_one_or_two_lines_with_the_reason_in_the_tooltip(qtbot, busy):
    from ui.review import model as table

    page = shown_page(qtbot, busy, (800, 600))
    view = page.candidates_view
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() == 0)
    lines = view.fontMetrics().lineSpacing()
    heights = [view.rowHeight(row) for row in range(page.candidates_proxy.rowCount())]
    assert max(heights) <= 2 * lines + 8
    # A reason too long for two lines of its column is cut, and whole in the tooltip.
    reason = page.candidates_proxy.index(0, table.COL_REASON)
    width = view.columnWidth(table.COL_REASON) - 10
    assert view.fontMetrics().horizontalAdvance(reason.data()) > 2 * width
    assert reason.data() in reason.data(Qt.ItemDataRole.ToolTipRole)


def test_category_labels_use_the_room_of_a_small_window(qtbot, busy):
    page = shown_page(qtbot, busy, (800, 600))
    chart = page.charts["categories"]
    chart.canvas.draw()
    labels = [t.get_text() for t in chart.plot.ax.get_yticklabels()]
    names = [label.rsplit("   ", 1)[0].strip() for label in labels]
    cut = [name for name in names if name.endswith("…")]
    assert cut and min(len(name) for name in cut) >= 20, names
    # The labels still leave the bars more than a third of the chart.
    assert chart.plot.ax.bbox.width > chart.figure.bbox.width / 3


def test_a_few_minutes_read_as_under_a_tenth_of_an_hour_not_zero(qtbot, service):
    service.entries.log_line("Answer a ping 1m ops #tool today 09:00")
    page = shown_page(qtbot, service, (800, 600))
    assert page.hours_card.value.text() == "<0.1 h"
    chart = page.charts["categories"]
    chart.canvas.draw()
    assert [t.get_text() for t in chart.plot.ax.get_yticklabels()] == ["Tool admin   <0.1 h"]
    assert chart.plot.full_labels == [
        "Tool admin: <0.1 h (0.0 h strategic, <0.1 h operational)"]
