"""The Review page: week changes, the range, rating edits, and what the figures and charts show.

The clock stands on Tue 2026-11-24 (week 48: Mon 23 – Sun 29 Nov 2026).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from app.domain import EntryDraft, HandoffStatus, Kind, Needed
from app.review.analysis import Route
from ui.common import theme
from ui.review import model as table
from ui.review.charts import chart_palette
from ui.review.page import ReviewPage
from ui.review.plots import bar_lengths

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

OPS, STRAT = Kind.OPERATIONAL, Kind.STRATEGIC


def log(service, title, minutes, kind, category, day):
    service.entries.log(EntryDraft(title, minutes, kind, category, day))


@pytest.fixture
def logged(service):
    """W45–W48: a status deck every Monday (3 h, rated 4/5), roadmap work, one unrated chore."""
    for monday in (date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)):
        log(service, "Weekly status deck", 180, OPS, "Status reports & decks", monday)
    for day in (date(2026, 11, 3), date(2026, 11, 10), date(2026, 11, 17)):
        log(service, "Roadmap review", 420, STRAT, "Vision, strategy & roadmap", day)
    log(service, "Roadmap review", 150, STRAT, "Vision, strategy & roadmap", date(2026, 11, 24))
    for day in (date(2026, 11, 11), date(2026, 11, 18), date(2026, 11, 24)):
        log(service, "Answer support questions", 100, OPS, "Feedback triage & internal Q&A", day)
    service.tasks.set_judgement("Weekly status deck", checklist=4, needed="needed")
    return service


@pytest.fixture
def page(qtbot, logged):
    widget = ReviewPage(logged)
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def text(label):
    """A label's text with its non-breaking spaces (which keep dates together) as spaces."""
    return label.text().replace("\u00a0", " ")


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def split_bars(page):
    plot = page.charts["split"].plot
    return bar_lengths(plot.strategic), bar_lengths(plot.operational)


def tick_texts(labels):
    return [label.get_text() for label in labels]


def row_of(page, title):
    model = page.candidates_model
    return next(r for r in range(model.rowCount()) if model.task_at(r).title == title)


def test_headline_figures(page):
    # W48: deck 180 + support 100 operational, roadmap 150 strategic = 430 min on 2 days.
    assert page.hours_card.value.text() == "7.2 h"
    assert page.hours_card.caption.text() == "on 2 days in week 48"
    assert page.share_card.value.text() == "35 %"
    # W48 is not over: the look-back is W44–W47, and the share compares with it:
    # 1260 strategic of 600 + 700 + 700 min = 63 %.
    assert text(page.share_card.caption) == (
        "target 50 % · 63 % over the 4 completed weeks 26 Oct – 22 Nov")
    # Deck: 540 min in the 3 weeks worked (W44 is empty): 3.0 h x 3/3 x 4/5 = 2.4 h a week;
    # over those 3 weeks 432 min more strategy: 1692 / 2000 = 85 %.
    assert page.reclaim_card.value.text() == "2.4 h a week"
    assert text(page.reclaim_card.caption) == (
        "from 1 hand-off candidate: 63 % → 85 % strategic over the 4 completed weeks "
        "26 Oct – 22 Nov")
    assert "26\u00a0Oct\u00a0–\u00a022\u00a0Nov" in page.share_card.caption.text()
    assert page.table_heading.text().startswith(
        "<b>Judge the operational tasks of the 4 completed weeks 26 Oct – 22 Nov</b>")


def test_a_past_week_ends_its_own_look_back(qtbot, page):
    page.show_week(date(2026, 11, 17))      # W47 is over: the look-back is W44–W47
    assert page.review.lookback.words == "the 4 completed weeks 26 Oct – 22 Nov"
    assert text(page.share_card.caption) == (
        "target 50 % · 63 % over the 4 completed weeks 26 Oct – 22 Nov")
    page.show_week(date(2026, 11, 10))      # W46: W43–W46
    assert page.review.lookback.words == "the 4 completed weeks 19 Oct – 15 Nov"
    # 840 strategic of 600 + 700 min = 65 %; the deck 360 min in 2 of 2 weeks worked.
    assert text(page.share_card.caption) == (
        "target 50 % · 65 % over the 4 completed weeks 19 Oct – 15 Nov")
    deck = page.candidates_model.task_at(row_of(page, "Weekly status deck"))
    assert (deck.weeks_seen, deck.weeks) == (2, 2)
    assert page.given_card.value.text() == "–"


def test_split_chart_data(page):
    strategic, operational = split_bars(page)
    # The default range: 8 weeks, W41–W48.
    assert strategic == [0, 0, 0, 0, 7.0, 7.0, 7.0, 2.5]
    assert operational == [0, 0, 0, 0, 3.0, 4.666667, 4.666667, 4.666667]
    ax = page.charts["split"].axes
    assert tick_texts(ax.get_xticklabels()) == [
        "W41", "W42", "W43", "W44", "W45", "W46", "W47", "W48"]
    assert ax.get_xlabel() == "ISO week, 2026" and ax.get_ylabel() == "Hours per week"
    share = page.charts["split"].plot.share.get_ydata()
    assert [round(v) for v in share[4:]] == [70, 60, 60, 35]


def test_categories_and_candidates_charts(page):
    categories = page.charts["categories"]
    assert categories.plot.heading.get_text() == "Where this week's time went · 2026-W48"
    assert tick_texts(categories.axes.get_yticklabels()) == [
        "Status reports & decks   3.0 h", "Vision, strategy & roadmap   2.5 h",
        "Feedback triage & internal Q&A   1.7 h"]
    assert bar_lengths(categories.plot.operational, horizontal=True) == [3.0, 0, 1.666667]
    assert bar_lengths(categories.plot.strategic, horizontal=True) == [0, 2.5, 0]
    candidates = page.charts["candidates"].plot
    assert bar_lengths(candidates.bars, horizontal=True) == [2.4]
    assert tick_texts(page.charts["candidates"].axes.get_yticklabels()) == [
        "Weekly status deck\n3.0 h/wk · 3 of 3 wks · checklist 4/5"]
    assert candidates.labels.texts() == ["hand to ProductOps: 2.4 h"]


def test_week_buttons_move_the_figures(qtbot, page):
    nav = page.navigator
    assert not nav.next_button.isEnabled() and not nav.this_week_button.isEnabled()
    with qtbot.waitSignal(page.week_changed) as changed:
        click(qtbot, nav.previous_button)
    assert changed.args == [date(2026, 11, 16)]
    assert nav.title.text() == "Week 47 · Mon 16 – Sun 22 Nov 2026"
    assert nav.next_button.isEnabled() and nav.this_week_button.isEnabled()
    # W47: deck 180 + support 100 + roadmap 420 = 700 min on 3 days.
    assert page.hours_card.value.text() == "11.7 h"
    assert page.hours_card.caption.text() == "on 3 days in week 47"
    assert page.share_card.value.text() == "60 %"
    strategic, _ = split_bars(page)
    assert strategic == [0, 0, 0, 0, 0, 7.0, 7.0, 7.0]
    assert tick_texts(page.charts["split"].axes.get_xticklabels())[-1] == "W47"
    assert page.charts["categories"].plot.heading.get_text().endswith("2026-W47")
    click(qtbot, nav.next_button)
    assert page.review.week.label == "2026-W48"
    assert not nav.next_button.isEnabled()
    click(qtbot, nav.previous_button)
    click(qtbot, nav.previous_button)
    click(qtbot, nav.this_week_button)
    assert page.review.week.label == "2026-W48"


def test_a_week_with_nothing_logged_says_what_to_do(qtbot, page):
    page.show_week(date(2026, 10, 28))      # W44: nothing logged
    assert page.hours_card.value.text() == "0.0 h"
    assert page.share_card.value.text() == "–"
    categories = page.charts["categories"].plot
    assert categories.empty_message == "Nothing logged this week yet.\nLog a few days to see this."
    assert categories._message.get_visible()
    assert not any(a.get_visible() for a in categories.artists)
    page.show_week(date(2026, 11, 24))
    assert categories.empty_message == "" and not categories._message.get_visible()
    assert all(a.get_visible() for a in categories.artists)


def test_range_box_changes_the_weeks_shown(qtbot, page):
    page.range_box.setCurrentIndex(page.range_box.findData(4))
    assert len(page.review.split) == 4
    strategic, _ = split_bars(page)
    assert strategic == [7.0, 7.0, 7.0, 2.5]
    page.range_box.setCurrentIndex(page.range_box.findData(26))
    assert len(split_bars(page)[0]) == 26
    assert tick_texts(page.charts["split"].axes.get_xticklabels())[:2] == ["W23", "W27"]
    assert len(page.charts["habit"].plot.days(page.review)) == 25 * 7 + 2   # up to Tue 24 Nov


def test_table_lists_candidates_first_then_tasks_to_rate(page, qtmodeltester):
    model = page.candidates_model
    qtmodeltester.check(model)
    assert [model.task_at(r).title for r in range(model.rowCount())] == [
        "Weekly status deck", "Answer support questions"]
    deck = [model.index(0, c).data() for c in range(model.columnCount())]
    assert deck == ["Weekly status deck", "3.0", "3 of 3", "4/5", "it matters", "unreviewed",
                    "2.4", "hand to ProductOps",
                    "3.0 h a week, 3 of 3 weeks, checklist 4/5 -> hand to ProductOps: "
                    "2.4 h a week back"]
    assert model.index(1, table.COL_CHECKLIST).data() == "rate…"
    assert page.to_rate_label.text() == "1 task to rate, most hours first: Answer support questions"


def test_rating_in_the_table_updates_the_charts(qtbot, page):
    view = page.candidates_view
    row = row_of(page, "Answer support questions")
    index = page.candidates_proxy.mapFromSource(
        page.candidates_model.index(row, table.COL_CHECKLIST))
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = view.findChild(QComboBox)
    assert combo is not None and combo.count() == 5
    # W46, W47: 200 min in 2 of 3 weeks worked: H 1.67, R 0.67, P 5: 1.1 h a week back.
    with qtbot.waitSignal(page.review_changed, timeout=2000):
        combo.setCurrentIndex(combo.findData(5))
        combo.activated.emit(combo.currentIndex())
    assert page.service.tasks.get("Answer support questions").checklist == 5
    candidates = page.charts["candidates"].plot
    assert bar_lengths(candidates.bars, horizontal=True) == [2.4, 1.111111]
    assert candidates.labels.texts() == ["hand to ProductOps: 2.4 h", "hand to ProductOps: 1.1 h"]
    assert page.reclaim_card.value.text() == "3.5 h a week"
    assert page.to_rate_label.text() == ""


def test_checklist_choices_say_what_each_rating_means(qtbot, page):
    view = page.candidates_view
    view.setCurrentIndex(page.candidates_proxy.mapFromSource(
        page.candidates_model.index(row_of(page, "Answer support questions"), table.COL_CHECKLIST)))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = view.findChild(QComboBox)
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[0] == "1 — only I could do it"
    assert texts[4] == "5 — anyone could follow a checklist"
    assert [combo.itemData(i) for i in range(combo.count())] == [1, 2, 3, 4, 5]
    assert combo.view().minimumWidth() > view.columnWidth(table.COL_CHECKLIST)


def test_rows_stay_in_place_while_the_pm_rates(qtbot, page, logged):
    for day in (date(2026, 11, 4), date(2026, 11, 11), date(2026, 11, 18)):
        log(logged, "Book meeting rooms", 120, OPS, "Tool admin", day)
    with qtbot.waitSignal(page.review_changed, timeout=2000):
        page.set_range(4)  # another range: sorted afresh
    model, view = page.candidates_model, page.candidates_view
    order = [model.task_at(r).title for r in range(model.rowCount())]
    assert order == ["Weekly status deck", "Book meeting rooms", "Answer support questions"]
    # Rated 5/5 it becomes a candidate, which would sort it above the unrated task.
    task = "Answer support questions"
    view.setCurrentIndex(page.candidates_proxy.mapFromSource(
        model.index(row_of(page, task), table.COL_CHECKLIST)))
    with qtbot.waitSignal(page.review_changed, timeout=2000):
        assert model.setData(model.index(row_of(page, task), table.COL_CHECKLIST), 5)
    assert model.task_at(2).title == task and model.task_at(2).is_candidate
    assert [model.task_at(r).title for r in range(model.rowCount())] == order
    current = page.candidates_proxy.mapToSource(view.currentIndex())
    assert (model.task_at(current.row()).title, current.column()) == (task, table.COL_CHECKLIST)
    # Another range (or week) sorts afresh: candidates first.
    with qtbot.waitSignal(page.review_changed, timeout=2000):
        page.set_range(8)
    assert [model.task_at(r).title for r in range(model.rowCount())] == [
        "Weekly status deck", task, "Book meeting rooms"]


def test_needed_and_status_edits(qtbot, page):
    model = page.candidates_model
    deck = row_of(page, "Weekly status deck")
    with qtbot.waitSignal(page.review_changed, timeout=2000):
        assert model.setData(model.index(deck, table.COL_NEEDED), Needed.NOTHING.value)
    deck = row_of(page, "Weekly status deck")
    assert model.task_at(deck).route is Route.DROP
    # Dropped whole: 3.0 h x 4/4 = 3.0 h a week back.
    assert page.charts["candidates"].plot.labels.texts() == ["drop: 3.0 h"]
    with qtbot.waitSignal(page.review_changed, timeout=2000):
        assert model.setData(model.index(deck, table.COL_STATUS), HandoffStatus.KEEP.value)
    assert page.service.tasks.get("Weekly status deck").handoff is HandoffStatus.KEEP
    assert page.charts["candidates"].plot.empty_message.startswith("No hand-off candidates yet.")
    assert page.reclaim_card.value.text() == "–"
    # The same value again is no change.
    deck = row_of(page, "Weekly status deck")
    assert not model.setData(model.index(deck, table.COL_STATUS), HandoffStatus.KEEP.value)


def test_handed_off_tasks_show_hours_given_back(qtbot, page, clock):
    from datetime import datetime

    clock.moment = datetime(2026, 11, 3, 9, 0).astimezone()
    page.service.tasks.set_judgement("Weekly status deck", handoff="handed_off")
    clock.moment = datetime(2026, 11, 24, 10, 30).astimezone()
    qtbot.waitUntil(lambda: page.review.handed_off != [])
    # Before W45 nothing was logged on it, so nothing counts as given back yet.
    plot = page.charts["candidates"].plot
    assert tick_texts(page.charts["candidates"].axes.get_yticklabels()) == [
        "Weekly status deck\nhanded off 03 Nov"]
    assert plot.labels.texts() == ["0.0 h/wk given back"]
    assert page.given_card.caption.text() == "given back by 1 handed-off task"


def test_new_work_elsewhere_redraws_a_visible_page(qtbot, page, logged):
    with qtbot.waitSignal(page.review_changed, timeout=2000):
        log(logged, "Competitor teardown", 60, STRAT, "Market & competitive analysis",
            date(2026, 11, 24))
    assert page.hours_card.value.text() == "8.2 h"
    assert [c.name for c in page.review.categories][1] == "Vision, strategy & roadmap"


def test_a_hidden_page_redraws_when_shown_again(qtbot, page, logged):
    page.hide()
    draws = page.charts["split"].draws
    log(logged, "Competitor teardown", 60, STRAT, "Market & competitive analysis",
        date(2026, 11, 24))
    qtbot.wait(10)
    assert page.charts["split"].draws == draws
    page.show()
    qtbot.waitUntil(lambda: page.charts["split"].draws == draws + 1)
    assert page.hours_card.value.text() == "8.2 h"


def test_empty_database_shows_what_to_do(qtbot, service):
    page = ReviewPage(service)
    qtbot.addWidget(page)
    messages = {name: chart.plot.empty_message for name, chart in page.charts.items()}
    assert messages == {
        "split": "Nothing logged in these weeks yet.\nLog a few days to see this.",
        "categories": "Nothing logged this week yet.\nLog a few days to see this.",
        "candidates": "No operational work in the 4 completed weeks 26 Oct – 22 Nov.\n"
                      "A week counts once it is over: log a few weeks to see this.",
        "habit": "Nothing logged in these weeks yet.\nLog a few days to see this.",
    }
    assert page.candidates_model.rowCount() == 0
    assert page.hours_card.caption.text() == "nothing logged yet in week 48"
    assert text(page.reclaim_card.caption) == (
        "no operational work in the 4 completed weeks 26 Oct – 22 Nov to judge yet")
    assert page.to_rate_label.text() == (
        "The operational tasks of the 4 completed weeks 26 Oct – 22 Nov show here, for you "
        "to rate; a week counts once it is over.")
    page.grab()   # draws without error


def test_chart_colours_follow_the_palette():
    from PySide6.QtGui import QPalette

    dark = chart_palette(theme.dark_palette())
    assert dark.dark and dark.strategic == theme.kind_color(Kind.STRATEGIC, True).name()
    assert dark.background == "#2b2d31"
    light = QPalette()
    light.setColor(QPalette.ColorRole.Window, theme.QColor("#f0f0f0"))
    assert chart_palette(light).operational == theme.kind_color(Kind.OPERATIONAL, False).name()


def test_export_pdf_through_the_save_dialog(page, tmp_path, monkeypatch):
    asked = []

    def ask(caption, suggested, filters):
        asked.append((caption, suggested, filters))
        return str(tmp_path / "my review")

    monkeypatch.setattr(page, "ask_save_path", ask)
    path = page.ask_export_pdf()
    assert asked == [("Export the review as PDF", "pm-workload-review-2026-W48.pdf",
                      "PDF document (*.pdf)")]
    assert path == str(tmp_path / "my review.pdf")
    data = Path(path).read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page\n") + data.count(
        b"/Type /Page ") + data.count(b"/Type /Page>") >= 2


def test_export_one_chart_as_png_or_svg(page, tmp_path, monkeypatch):
    monkeypatch.setattr(page, "ask_save_path", lambda *a: str(tmp_path / "split.svg"))
    assert page.ask_export_chart("split") == str(tmp_path / "split.svg")
    assert "<svg" in (tmp_path / "split.svg").read_text()
    monkeypatch.setattr(page, "ask_save_path", lambda *a: str(tmp_path / "habit"))
    assert page.ask_export_chart("habit") == str(tmp_path / "habit.png")
    assert (tmp_path / "habit.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("dark", [False, True])
def test_an_exported_png_is_drawn_on_white_in_either_theme(page, tmp_path, monkeypatch, dark):
    from PySide6.QtGui import QImage

    if dark:
        page.setPalette(theme.dark_palette())
    path = tmp_path / "split.png"
    monkeypatch.setattr(page, "ask_save_path", lambda *a: str(path))
    assert page.ask_export_chart("split") == str(path)
    image = QImage(str(path))
    corners = {image.pixelColor(x, y).name() for x, y in (
        (0, 0), (image.width() - 1, 0), (0, image.height() - 1),
        (image.width() - 1, image.height() - 1))}
    assert corners == {"#ffffff"}


def test_cancelled_export_writes_nothing(page, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    monkeypatch.setattr(page, "ask_save_path", lambda *a: None)
    assert page.ask_export_pdf() is None
    assert page.ask_export_chart("split") is None
    assert list(out.iterdir()) == []


def test_export_failure_is_reported(page, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("ui.common.messages.show_error", lambda parent, title, text: shown.append(title))
    monkeypatch.setattr(page, "ask_save_path", lambda *a: str(tmp_path / "no such dir" / "x.pdf"))
    assert page.ask_export_pdf() is None
    assert shown == ["Not exported"]


def test_loading_the_page_module_leaves_matplotlib_out():
    code = ("import sys; import ui.review.page, ui.review.charts, ui.review.plots; "
            "assert 'matplotlib' not in sys.modules, 'matplotlib imported'")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr


def test_showing_the_same_week_again_draws_nothing(qtbot, page):
    draws = page.charts["split"].draws
    with qtbot.assertNotEmitted(page.week_changed):
        page.show_week(date(2026, 11, 23))
    assert page.charts["split"].draws == draws
    assert page.navigator.date_edit.date().day() == 23


def test_a_dark_palette_redraws_the_charts_in_dark_colours(qtbot, page):
    from matplotlib.colors import to_rgba

    with qtbot.waitSignal(page.review_changed, timeout=2000):
        page.setPalette(theme.dark_palette())
    plot = page.charts["split"].plot
    assert tuple(plot.strategic.get_facecolor()[0]) == to_rgba(
        theme.kind_color(Kind.STRATEGIC, True).name())
    assert page.charts["split"].figure.get_facecolor() == to_rgba("#2b2d31")


def test_a_score_just_under_the_bar_does_not_read_as_the_bar(qtbot, page, logged):
    # The support questions, with 15 min more in W47: 215 min in 2 of the 3 weeks worked,
    # P 4: 1.79 x 0.67 x 0.8 = 0.956 h a week, under the 1 h bar: "0.95", not "1.0".
    log(logged, "Answer support questions", 15, OPS, "Feedback triage & internal Q&A",
        date(2026, 11, 18))
    with qtbot.waitSignal(page.review_changed, timeout=2000):
        logged.tasks.set_judgement("Answer support questions", checklist=4)
    model = page.candidates_model
    row = row_of(page, "Answer support questions")
    task = model.task_at(row)
    assert task.route is None and task.score == pytest.approx(215 / 60 / 3 * 0.8)
    assert model.index(row, table.COL_SCORE).data() == "0.95"
    assert model.index(row, table.COL_REASON).data().endswith(
        "too small to hand off (0.95 h a week back, needs 1.0)")


def test_sunday_weeks_are_named_by_their_days(qtbot, page, logged):
    with qtbot.waitSignal(page.review_changed, timeout=2000):
        logged.settings.update(week_start="sunday")
    assert page.navigator.title.text() == "Week of Sun 22 – Sat 28 Nov 2026"
    assert page.hours_card.caption.text().endswith("in the week of Sun 22 Nov")
    ax = page.charts["split"].axes
    assert ax.get_xlabel() == "Week starting, 2026"
    assert tick_texts(ax.get_xticklabels())[-2:] == ["15 Nov", "22 Nov"]
    assert page.charts["categories"].plot.heading.get_text() == (
        "Where this week's time went · week of Sun 22 Nov")
    # Sun 25 Oct – Sat 21 Nov: the completed Sunday-first weeks.
    assert page.review.lookback.words == "the 4 completed weeks 25 Oct – 21 Nov"


class DictSettings:
    """A QSettings stand-in over a dict (the real one would reach the user's settings)."""

    def __init__(self) -> None:
        self.values = {}

    def value(self, key):
        return self.values.get(key)

    def setValue(self, key, value):  # noqa: N802 (Qt's name)
        self.values[key] = value


def test_save_dialogs_start_in_documents_then_in_the_last_folder(page, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from ui.common import folders

    settings = DictSettings()
    monkeypatch.setattr(folders, "QSettings", lambda: settings)
    started = []

    def dialog(parent, caption, start, filters):
        started.append(start)
        return str(tmp_path / "slides" / "chart.png"), ""

    (tmp_path / "slides").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    assert page.ask_export_chart("split") == str(tmp_path / "slides" / "chart.png")
    assert Path(started[0]).parent == Path(folders.documents())
    assert Path(started[0]).name.startswith("pm-workload-split-")
    page.ask_export_pdf()
    assert Path(started[1]).parent == tmp_path / "slides"  # where the last export went
    assert Path(started[1]).suffix == ".pdf"
    (tmp_path / "slides" / "chart.png").unlink()
    (tmp_path / "slides" / "chart.png.pdf").unlink()
    (tmp_path / "slides").rmdir()  # a folder that is gone: back to Documents
    page.ask_export_chart("habit")
    assert Path(started[2]).parent == Path(folders.documents())
