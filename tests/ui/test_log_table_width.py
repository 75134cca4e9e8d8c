"""The week's table in an 800x600 window: every column in view, cut text in the tooltip."""

from __future__ import annotations

import pytest

from ui.log.models import COL_CATEGORY, COL_NOTE, COL_TITLE

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LONG = "Experiment design review for the pricing page 2h strat #experiment mon 09:00"
NOTE = "with notes on the variants, the sample size and who signs it off"


@pytest.fixture
def table(window, service, qtbot):
    service.entries.log_line(LONG, note=NOTE)
    service.entries.log_line("Renew the licences 20m ops #tool tue 09:00")
    page = window.log_page
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)
    return page.table


def cell(table, column):
    """Return the table's index of the first entry's cell (row 0 is its day's header)."""
    return table.model().index(1, column)


@pytest.mark.parametrize("size", [(800, 600), (1400, 900)])
def test_all_columns_fit_the_window_without_a_sideways_scroll_bar(window, table, qtbot, size):
    window.resize(*size)
    qtbot.waitUntil(lambda: table.viewport().width() > size[0] - 60)
    header = table.horizontalHeader()
    assert table.horizontalScrollBar().maximum() == 0
    assert header.length() <= table.viewport().width()
    # The title takes what the short columns leave; the note and category keep some room.
    assert table.columnWidth(COL_TITLE) >= 150
    assert table.columnWidth(COL_NOTE) >= 70
    assert table.columnWidth(COL_CATEGORY) >= 90


def test_a_wide_window_shows_the_whole_category(window, table, qtbot):
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: table.viewport().width() > 1300)
    metrics = table.fontMetrics()
    assert table.columnWidth(COL_CATEGORY) > metrics.horizontalAdvance(
        "Outcomes, metrics & data interpretation")
    assert table.columnWidth(COL_TITLE) > table.columnWidth(COL_CATEGORY)


def test_a_cut_category_shows_whole_in_its_tooltip(window, table, qtbot):
    window.resize(800, 600)
    qtbot.waitUntil(lambda: table.viewport().width() < 800)
    category = cell(table, COL_CATEGORY)
    assert category.data() == "Experiment & solution design"
    assert table.fontMetrics().horizontalAdvance(category.data()) > table.columnWidth(COL_CATEGORY)
    assert table.tooltip_at(category) == "Experiment & solution design"
    # A text that fits has no tooltip; the model's own tooltips (the note) come first.
    assert table.tooltip_at(table.model().index(3, COL_CATEGORY)) is None
    assert "sample size" in table.tooltip_at(cell(table, COL_NOTE))
