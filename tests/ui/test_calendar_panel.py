"""The Log page's "From your calendar" panel: suggestions of the viewed week from the remembered
.ics file, accepted or dismissed through undo, edited before accepting, re-read on change."""

from __future__ import annotations

import os
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QUndoStack

from app.domain import Kind
from ui.log import calendar_panel as panel_module
from ui.log.calendar_model import COL_KIND, COL_WHY, TO_CLASSIFY
from ui.log.calendar_panel import READING, CalendarPanel

FILES = Path(__file__).parents[1] / "app" / "calendars"
W47 = (date(2026, 11, 16), date(2026, 11, 22))


# The test calendars' times are read in Europe/Berlin (tests/conftest.py's berlin fixture).
pytestmark = pytest.mark.usefixtures("berlin")


@pytest.fixture
def ics(tmp_path) -> Path:
    path = tmp_path / "work.ics"
    shutil.copy(FILES / "google.ics", path)
    return path


def _panel(qtbot, service, week=W47) -> CalendarPanel:
    stack = QUndoStack()
    panel = CalendarPanel(service, stack)
    panel.stack = stack  # kept alive with the panel
    qtbot.addWidget(panel)
    panel.resize(760, 260)
    panel.show()  # rows are selected by what the header shows: lay it out first
    qtbot.waitExposed(panel)
    panel.show_week(*week)
    return panel


def _shown(qtbot, panel: CalendarPanel) -> None:
    qtbot.waitUntil(lambda: panel._task is None and panel.status.text() != READING)


def _select(panel: CalendarPanel, row: int) -> None:
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    panel.view.selectionModel().select(panel.model.index(row, 0), flags)


def _titles(panel: CalendarPanel) -> list[str]:
    return [s.title for s in panel.model.suggestions()]


def test_without_a_calendar_file_only_the_link_is_shown(qtbot, service, ics, monkeypatch):
    panel = _panel(qtbot, service)
    assert panel.choose_link.isVisible() and not panel.view.isVisible()
    monkeypatch.setattr(panel_module, "ask_calendar_path", lambda parent: str(ics))
    panel.choose_link.linkActivated.emit("choose")
    assert service.settings.get().calendar_file == str(ics)
    assert not panel.choose_link.isVisible() and panel.view.isVisible()
    _shown(qtbot, panel)
    assert "Team stand-up" in _titles(panel)


def test_a_week_is_read_off_the_thread_then_shown_with_its_classification(qtbot, service, ics,
                                                                         qtmodeltester):
    service.rules.add("stand-up", "operational", "Delivery")
    service.settings.update(calendar_file=str(ics))
    panel = _panel(qtbot, service)
    assert panel.status.text() == READING  # a new week: read off the GUI thread
    _shown(qtbot, panel)
    qtmodeltester.check(panel.model)
    rows = {(s.title, s.source.value) for s in panel.model.suggestions()}
    assert ("Team stand-up", "rule") in rows and ("QBR prep", "to classify") in rows
    row = _titles(panel).index("QBR prep")
    assert panel.model.index(row, COL_KIND).data() == TO_CLASSIFY
    # A week seen before is planned at once, without a thread.
    panel.show_week(date(2026, 11, 9), date(2026, 11, 15))
    _shown(qtbot, panel)
    panel.show_week(*W47)
    assert panel._task is None and "Team stand-up" in _titles(panel)


def test_the_weeks_before_and_after_are_read_ahead_so_stepping_is_at_once(qtbot, service, ics):
    service.settings.update(calendar_file=str(ics))
    panel = _panel(qtbot, service)
    _shown(qtbot, panel)   # the viewed week, then the two beside it, one at a time
    for first in (date(2026, 11, 9), date(2026, 11, 23)):
        panel.show_week(first, first + timedelta(days=6))
        assert panel.status.text() != READING  # planned on the spot, no "Reading…"
        _shown(qtbot, panel)


def test_accept_one_and_all_and_undo_brings_them_back(qtbot, service, ics):
    service.settings.update(calendar_file=str(ics))
    panel = _panel(qtbot, service)
    _shown(qtbot, panel)
    before = len(panel.model.suggestions())
    row = next(i for i, s in enumerate(panel.model.suggestions()) if s.kind is None)
    panel.model.setData(panel.model.index(row, COL_KIND), "strategic")  # changed before accepting
    assert panel.model.index(row, COL_WHY).data() == "chosen"
    title = panel.model.suggestion(row).title
    panel.view.setFocus()
    _select(panel, row)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    [entry] = service.entries.between(*W47)
    assert (entry.title, entry.kind) == (title, Kind.STRATEGIC)
    assert len(panel.model.suggestions()) == before - 1
    panel.stack.undo()
    assert service.entries.count() == 0 and len(panel.model.suggestions()) == before
    # Accept all: those with a kind are logged, those to classify stay listed.
    service.rules.add("stand-up|sync|grooming|prep|night", "operational", regex=True)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert service.entries.count() == before
    assert panel.model.suggestions() == []
    panel.stack.undo()
    assert service.entries.count() == 0 and len(panel.model.suggestions()) == before


def test_dismissed_stays_dismissed_after_reopening_and_undo_brings_it_back(qtbot, service, ics):
    service.settings.update(calendar_file=str(ics))
    panel = _panel(qtbot, service)
    _shown(qtbot, panel)
    row = _titles(panel).index("QBR prep")
    panel.view.setFocus()
    _select(panel, row)
    assert [s.title for s in panel.selected()] == ["QBR prep"]
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert "QBR prep" not in _titles(panel)
    again = _panel(qtbot, service)
    _shown(qtbot, again)
    assert "QBR prep" not in _titles(again) and "Team stand-up" in _titles(again)
    panel.stack.undo()
    assert "QBR prep" in _titles(panel)


def test_a_changed_file_is_read_again(qtbot, service, ics):
    service.settings.update(calendar_file=str(ics))
    panel = _panel(qtbot, service)
    _shown(qtbot, panel)
    assert "QBR prep" in _titles(panel)
    # An atomic replace, as editors and exporters do: written beside, renamed over.
    text = ics.read_text().replace("SUMMARY:QBR prep", "SUMMARY:Quarterly review prep")
    beside = ics.with_suffix(".tmp")
    beside.write_text(text)
    os.replace(beside, ics)
    qtbot.waitUntil(lambda: "Quarterly review prep" in _titles(panel))
    assert "QBR prep" not in _titles(panel)
    # Still watched after the replace: a plain write is seen too.
    ics.write_text(text.replace("Quarterly review prep", "QBR planning"))
    qtbot.waitUntil(lambda: "QBR planning" in _titles(panel))


def test_an_unreadable_file_is_said_in_plain_words(qtbot, service, tmp_path):
    bad = tmp_path / "bad.ics"
    bad.write_text("this is not a calendar\n")
    service.settings.update(calendar_file=str(bad))
    panel = _panel(qtbot, service)
    _shown(qtbot, panel)
    assert panel.status.text().startswith("Your calendar could not be read:")
    assert "BEGIN:VCALENDAR" in panel.status.text() and panel.model.rowCount() == 0
    missing = tmp_path / "gone.ics"
    service.settings.update(calendar_file=str(missing))
    _shown(qtbot, panel)
    assert "Cannot read" in panel.status.text()


def test_the_log_page_shows_the_panel_for_its_week(qtbot, service, ics, page):
    service.settings.update(calendar_file=str(ics))
    panel = page.calendar_panel
    assert (panel.first, panel.last) == (page.first, page.last)
    page.previous_week()
    assert (panel.first, panel.last) == W47
    _shown(qtbot, panel)
    assert "Team stand-up" in _titles(panel)


def test_the_window_start_does_not_import_the_calendar_libraries():
    import subprocess
    import sys

    code = ("import os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'; import sys; "
            "from PySide6.QtWidgets import QApplication; app = QApplication([]); "
            "from app.clock import Clock; from app.workload import WorkloadService; "
            "from storage import open_store; import tempfile, pathlib; "
            "d = pathlib.Path(tempfile.mkdtemp()); "
            "from ui.shell.main_window import MainWindow; "
            "w = MainWindow(WorkloadService(open_store(d / 'x.db'), Clock())); w.show(); "
            "app.processEvents(); "
            "print(sorted(m for m in ('icalendar', 'recurring_ical_events', "
            "'app.exchange.calendar_import') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_choose_link_takes_the_new_themes_link_colour(qtbot, service, qapp):
    from PySide6.QtGui import QPalette

    from ui.common.theme import apply_dark_palette, apply_light_palette

    panel = _panel(qtbot, service)
    apply_dark_palette(qapp)
    try:
        qapp.processEvents()  # the palette change reaches the widgets
        link = qapp.palette().color(QPalette.ColorRole.Link)  # a light blue
        image = panel.choose_link.grab().toImage()
        colours = [image.pixelColor(x, y) for x in range(image.width())
                   for y in range(image.height())]
        # The text is drawn in the new link colour (give or take antialiasing), not the
        # light theme's dark blue on a dark window.
        assert any(abs(c.red() - link.red()) < 24 and abs(c.green() - link.green()) < 24
                   and c.blue() > 200 for c in colours)
        assert not any(c.red() < 40 and c.green() < 40 and c.blue() > 200 for c in colours)
    finally:
        apply_light_palette(qapp)
