"""The CSV dialogs driven as a user would: export, import with its preview, peers."""

from __future__ import annotations

import csv
import io
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app import demo
from app.domain import Kind
from app.exchange.csv_file import ENTRY_COLUMNS, SUMMARY_COLUMNS
from app.exchange.exporting import export_entries, export_summary
from app.exchange.importing import load_mapping
from tests.helpers import snapshot
from ui.exchange import export_dialog, files, import_dialog, peers_dialog
from ui.exchange.dialogs import open_export_dialog, open_import_dialog, open_peers_dialog
from ui.exchange.models import MappingModel, PreviewRowsModel

NATIVE_HEADER = "date,start,minutes,hours,title,kind,category,handoff,note\r\n"
TOGGL_HEADER = ("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
                "End date,End time,Duration,Tags,Amount (USD)\r\n")
EVERYTHING = (date(1970, 1, 1), date(2026, 11, 25))


def _file(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _toggl_row(project: str, description: str, day: str, start: str, duration: str, tags: str = "",
               client: str = "") -> str:
    return (f"Ann,ann@example.com,{client},{project},,{description},No,{day},{start},{day},{start},"
            f"{duration},{tags},0\r\n")


def _idle(qtbot, dialog) -> None:
    """Wait until the dialog's reading or writing (and any re-read it has queued) is over."""
    qtbot.waitUntil(lambda: not dialog.busy and not dialog._reread_timer.isActive(), timeout=10_000)


# -- export -----------------------------------------------------------------------------------
@pytest.fixture
def demo_week(service):
    """A week of demo entries, the one holding the fixed today (Tue 2026-11-24)."""
    demo.fill(service.store, demo.generate(1, end=service.clock.today()))
    service.refresh()
    return service.week_of()


def test_export_this_week_writes_what_the_app_layer_writes(qtbot, window, service, demo_week,
                                                           tmp_path, monkeypatch):
    asked: list[str] = []
    out = tmp_path / "out"
    out.mkdir()
    target = out / "week"  # no suffix given: .csv is added

    def ask(parent, caption, suggested):
        asked.append(suggested)
        return str(target)

    monkeypatch.setattr(export_dialog, "ask_save_path", ask)
    dialog = open_export_dialog(window, service)
    assert dialog.isVisible() and dialog.this_week.isChecked() and not dialog.summary
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert asked == ["pm-workload-2026-W48.csv"]
    written = (out / "week.csv").read_bytes().decode("utf-8")
    expected = io.StringIO(newline="")
    count = export_entries(service, expected, *demo_week)
    assert written == expected.getvalue()
    assert written.splitlines()[0] == ",".join(ENTRY_COLUMNS)
    assert len(written.splitlines()) == count + 1 and count > 10
    assert blocker.args == [f"Exported {count:,} entries to {out / 'week.csv'}"]
    assert window.statusBar().currentMessage() == blocker.args[0]
    assert not dialog.isVisible()
    assert [p.name for p in out.iterdir()] == ["week.csv"]  # no temporary file left


def test_export_a_summary_of_the_last_weeks_for_excel(qtbot, service, demo_week, tmp_path, monkeypatch):
    monkeypatch.setattr(export_dialog, "ask_save_path",
                        lambda parent, caption, suggested: str(tmp_path / suggested))
    dialog = export_dialog.ExportDialog(service)
    qtbot.addWidget(dialog)
    dialog.summary_choice.click()
    assert "no titles or notes, safe to share" in dialog.what_hint.text()
    dialog.weeks.setValue(3)  # picks "the last N weeks" too
    assert dialog.last_weeks.isChecked()
    dialog.weeks.setValue(4)
    assert dialog.suggested_name() == "pm-workload-summary-2026-W45-to-W48.csv"
    dialog.excel.setChecked(True)
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        dialog.export_button.click()
    data = (tmp_path / "pm-workload-summary-2026-W45-to-W48.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# PM Workload summary format 2: ")
    assert ",".join(SUMMARY_COLUMNS) + "\r\n" in data.decode("utf-8-sig")
    expected = io.StringIO(newline="")
    rows = export_summary(service, expected, demo_week[0] - timedelta(weeks=3), demo_week[1])

    def without_keys(text: str) -> list[list[str]]:  # each file salts its task keys anew
        return [r[:5] + r[6:] for r in csv.reader(io.StringIO(text, newline=""))]

    assert without_keys(data.decode("utf-8-sig")) == without_keys(expected.getvalue())
    assert blocker.args[0].startswith(f"Exported {rows:,} summary rows to ")


def test_export_ranges_and_names(qtbot, service):
    dialog = export_dialog.ExportDialog(service)
    qtbot.addWidget(dialog)
    chosen = dialog.export_range()
    assert (chosen.first, chosen.last) == (date(2026, 11, 23), date(2026, 11, 29))
    assert dialog.range_words.text() == "Mon 23 Nov 2026 – Sun 29 Nov 2026"
    dialog.everything.click()
    assert dialog.export_range().first == date(1970, 1, 1)
    assert dialog.export_range().last == date(2026, 11, 25)  # entries may be logged up to tomorrow
    assert dialog.suggested_name() == "pm-workload-all-2026-11-24.csv"
    dialog.first_day.setDate(dialog.last_day.date().addDays(1))  # picks "From … to …"
    assert dialog.dates.isChecked() and dialog.export_range() is None
    assert not dialog.export_button.isEnabled()
    assert "first day is after the last day" in dialog.message.text()
    dialog.first_day.setDate(dialog.last_day.date().addDays(-6))
    assert dialog.export_button.isEnabled() and dialog.message.text() == ""
    assert dialog.suggested_name() == "pm-workload-2026-11-18-to-2026-11-24.csv"


def test_an_export_that_cannot_write_says_why_and_leaves_no_file(qtbot, service, demo_week, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setattr(export_dialog, "ask_save_path",
                        lambda parent, caption, suggested: str(tmp_path / "missing" / "out.csv"))
    dialog = export_dialog.ExportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.export_button.click()
    with qtbot.waitSignal(dialog.task.finished, timeout=10_000):
        pass
    assert dialog.message.text().startswith("Not exported: Could not write into")
    assert dialog.message.text().endswith("No file was written.")
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    assert not (tmp_path / "missing").exists()


def test_cancelling_an_export_leaves_no_file(qtbot, service, tmp_path, monkeypatch):
    # Enough entries for the export to report progress (every 1,000 rows) and check for Cancel.
    demo.fill(service.store, demo.generate(60, end=service.clock.today()))
    out = tmp_path / "out"
    out.mkdir()
    reported, release = threading.Event(), threading.Event()

    def slow_export(service, target, first, last, **options):
        progress = options.pop("progress")

        def hold(done, total):
            progress(done, total)
            reported.set()
            release.wait(10)  # until the test has pressed Cancel

        return export_entries(service, target, first, last, progress=hold, **options)

    monkeypatch.setattr(export_dialog, "export_entries", slow_export)
    monkeypatch.setattr(export_dialog, "ask_save_path", lambda *args: str(out / "out.csv"))
    dialog = export_dialog.ExportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.progress.delay_ms = 0
    dialog.everything.click()
    dialog.export_button.click()
    assert reported.wait(10)
    qtbot.waitUntil(dialog.progress.isVisible)
    assert not dialog.export_button.isEnabled() and not dialog.everything.isEnabled()
    with qtbot.waitSignal(dialog.task.cancelled, timeout=10_000):
        qtbot.mouseClick(dialog.progress.cancel_button, Qt.MouseButton.LeftButton)
        release.set()
    assert dialog.message.text() == "Export cancelled; no file was written."
    assert list(out.iterdir()) == []
    assert dialog.isVisible() and dialog.export_button.isEnabled() and not dialog.progress.isVisible()


# -- import: our own CSV ------------------------------------------------------------------------
def test_import_preview_of_a_native_csv_then_import(qtbot, window, service, tmp_path, monkeypatch):
    service.entries.log_line("Weekly status deck 45m ops #status monday 09:00")
    path = _file(tmp_path, NATIVE_HEADER
                 + "2026-11-23,09:00,45,,Weekly status deck,operational,Status reports & decks,,\r\n"
                 + "2026-11-23,10:00,90,,Acme interview,strategic,Customer discovery & interviews,,Notes\r\n"
                 + "2026-11-24,,,1.25,Vendor contract,o,Legal paperwork,,\r\n")
    monkeypatch.setattr(files, "ask_open_path", lambda parent, caption: str(path))
    dialog = open_import_dialog(window, service)
    _idle(qtbot, dialog)
    counts = {name: label.text() for name, label in dialog.preview.counts.items()}
    assert counts == {"format": "PM Workload entries CSV", "rows_read": "3", "to_import": "2",
                      "duplicates": "1", "bad_rows": "0", "new_tasks": "2",
                      "new_categories": "Legal paperwork", "dates": "Mon 23 Nov 2026 – Tue 24 Nov 2026"}
    model = dialog.preview.rows_model
    shown = [[model.index(row, column).data() for column in
              (PreviewRowsModel.COL_ROW, PreviewRowsModel.COL_OUTCOME, PreviewRowsModel.COL_DAY,
               PreviewRowsModel.COL_DURATION, PreviewRowsModel.COL_TITLE, PreviewRowsModel.COL_KIND)]
             for row in range(model.rowCount())]
    assert shown == [["2", "no: already there", "Mon 23 Nov 2026", "45 min", "Weekly status deck",
                      "Operational"],
                     ["3", "new", "Mon 23 Nov 2026", "1 h 30 min", "Acme interview", "Strategic"],
                     ["4", "new", "Tue 24 Nov 2026", "1 h 15 min", "Vendor contract", "Operational"]]
    assert dialog.preview.problems_box.isHidden() and dialog.preview.mapping_box.isHidden()
    assert dialog.import_button.isEnabled() and dialog.good_rows_button.isHidden()
    assert len(service.entries.between(*EVERYTHING)) == 1  # nothing written by the preview

    with qtbot.waitSignal(dialog.imported, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == ("Imported 2 entries (2 new tasks; new category: Legal paperwork) from "
                               "in.csv; skipped 1 duplicate.")
    assert window.statusBar().currentMessage() == blocker.args[0]
    assert sorted(e.title for e in service.entries.between(*EVERYTHING)) == [
        "Acme interview", "Vendor contract", "Weekly status deck"]
    assert any(c.name == "Legal paperwork" for c in service.categories.list())  # caches forgotten
    # The log page heard of it: the shown week lists the new entries.
    qtbot.waitUntil(lambda: window.log_page.model.rowCount() == 3)
    assert dialog.import_button.isHidden() and "A copy of the database" in dialog.filler.text()


def test_bad_rows_turn_import_off_and_the_good_rows_can_be_imported(qtbot, service, tmp_path):
    path = _file(tmp_path, NATIVE_HEADER
                 + "2026-11-23,,45,,Good one,o,,,\r\n"
                 + "2026-11-23,,forty,,Bad minutes,o,,,\r\n"
                 + "2026-11-24,,30,,Bad kind,sideways,,,\r\n"
                 + "2026-11-24,,30,,Good two,s,,,\r\n")
    dialog = import_dialog.ImportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(path)
    _idle(qtbot, dialog)
    assert dialog.preview.counts["bad_rows"].text() == "2"
    assert dialog.preview.counts["to_import"].text() == "2"
    assert not dialog.import_button.isEnabled()
    assert dialog.good_rows_button.isVisible() and dialog.good_rows_button.isEnabled()
    assert "2 rows have problems" in dialog.hint.text() and "only the 2 good rows" in dialog.hint.text()
    problems = dialog.preview.problems_model
    assert [[problems.index(row, column).data() for column in range(3)]
            for row in range(problems.rowCount())] == [
        ["3", "minutes", "'forty' is not a whole number of minutes"],
        ["4", "kind", "'sideways' is not a kind of work; use strategic or operational."]]
    assert dialog.preview.problems_box.isVisible()

    with qtbot.waitSignal(dialog.imported, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.good_rows_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == "Imported 2 entries (2 new tasks) from in.csv; left out 2 bad rows."
    assert sorted(e.title for e in service.entries.between(*EVERYTHING)) == ["Good one", "Good two"]


def test_no_good_rows_offers_nothing_to_import(qtbot, service, tmp_path):
    path = _file(tmp_path, NATIVE_HEADER + "2026-11-23,,forty,,Bad minutes,o,,,\r\n"
                 + "2026-11-24,,30,,Bad kind,sideways,,,\r\n")
    dialog = import_dialog.ImportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(path)
    _idle(qtbot, dialog)
    assert not dialog.import_button.isEnabled() and dialog.good_rows_button.isHidden()
    assert "no row is good, so there is nothing to import" in dialog.hint.text()
    assert "0 good" not in dialog.hint.text()


@pytest.mark.parametrize(("content", "says"), [
    (b"date;start;minutes;title;kind\r\n2026-11-23;;45;Deck;o\r\n", "is separated by semicolons"),
    (NATIVE_HEADER.encode() + "2026-11-23,,45,,Café,o,,,\r\n".encode("cp1252"), "is not UTF-8 text"),
    (b"", "is empty"),
    (b"2026-11-23,,45,,Deck,o,,,\r\n", "has no header row"),
])
def test_a_file_that_cannot_be_read_as_a_whole_is_refused_clearly(qtbot, service, tmp_path, content,
                                                                   says):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    before = snapshot(service.store.path)
    dialog = import_dialog.ImportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(path)
    _idle(qtbot, dialog)
    text = dialog.message.text()
    assert text.startswith("Cannot import: bad.csv") and says in text
    assert text.endswith("Nothing was imported.")
    assert dialog.message.state == "problem" and dialog.message.isVisible()
    assert not dialog.preview.isVisible() and "entries CSV" in dialog.filler.text()
    assert not dialog.import_button.isEnabled() and dialog.good_rows_button.isHidden()
    assert snapshot(service.store.path) == before


def test_ambiguous_dates_ask_which_order(qtbot, service, tmp_path):
    path = _file(tmp_path, "date,minutes,title,kind\r\n01/07/2026,45,Deck,o\r\n03/04/2026,30,Plan,s\r\n")
    dialog = import_dialog.ImportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(path)
    _idle(qtbot, dialog)
    assert dialog.date_order_box.isVisible()
    assert "could be day/month or month/day" in dialog.message.text()
    assert "--date-order" not in dialog.message.text()
    dialog.month_first.click()
    _idle(qtbot, dialog)
    assert dialog.preview.counts["dates"].text() == "Wed 7 Jan 2026 – Wed 4 Mar 2026"
    dialog.day_first.click()
    _idle(qtbot, dialog)
    assert dialog.preview.counts["dates"].text() == "Fri 3 Apr 2026 – Wed 1 Jul 2026"
    assert dialog.date_order_box.isVisible() and dialog.import_button.isEnabled()


def test_choosing_no_file_opens_nothing(qtbot, window, service, monkeypatch):
    monkeypatch.setattr(files, "ask_open_path", lambda parent, caption: None)
    assert open_import_dialog(window, service) is None


# -- import: Toggl with a mapping ---------------------------------------------------------------
@pytest.fixture
def toggl_file(tmp_path):
    return _file(tmp_path, TOGGL_HEADER
                 + _toggl_row("Acme", "Customer interview", "2026-11-16", "09:00:00", "01:30:00",
                              client="Acme Corp")
                 + _toggl_row("Acme", "Renewal prep", "2026-11-17", "10:00:00", "00:45:00")
                 + _toggl_row("Support", "Triage queue", "2026-11-17", "13:00:00", "00:30:00",
                              tags="meetings")
                 + _toggl_row("Internal", "Status deck", "2026-11-18", "09:00:00", "01:00:00"),
                 "toggl.csv")


def _mapping_row(model: MappingModel, name: str) -> int:
    return next(row for row in range(model.rowCount()) if model.mapping_row(row).name == name)


def test_toggl_preview_follows_a_change_of_mapping(qtbot, service, toggl_file):
    dialog = import_dialog.ImportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(toggl_file)
    _idle(qtbot, dialog)
    preview = dialog.preview
    assert preview.counts["format"].text() == "Toggl Track detailed report"
    assert preview.counts["bad_rows"].text() == "4" and preview.counts["to_import"].text() == "0"
    assert preview.mapping_box.isVisible()
    model = preview.mapping_model
    assert [(model.mapping_row(r).name, model.mapping_row(r).source, model.mapping_row(r).rows,
             model.mapping_row(r).no_kind) for r in range(model.rowCount())] == [
        ("Acme", "Project", 2, 2), ("Internal", "Project", 1, 1), ("Support", "Project", 1, 1),
        ("meetings", "Tag", 1, 0)]
    assert "4 rows have no kind" in dialog.hint.text()

    # Acme is strategic, as the user picks it in the row's combo box.
    acme = _mapping_row(model, "Acme")
    combo = preview.mapping_view.indexWidget(model.index(acme, MappingModel.COL_KIND))
    at = combo.findData("strategic")
    combo.setCurrentIndex(at)
    combo.activated.emit(at)
    assert model.mapping_row(acme).kind is Kind.STRATEGIC
    _idle(qtbot, dialog)
    assert preview.counts["to_import"].text() == "2" and preview.counts["bad_rows"].text() == "2"
    # The category combo opened for Acme once it has a kind.
    category = preview.mapping_view.indexWidget(model.index(acme, MappingModel.COL_CATEGORY))
    at = category.findData("Customer discovery & interviews")
    category.setCurrentIndex(at)
    category.activated.emit(at)
    # Everything else operational. Until the file is read again, the plan shown is out of
    # date: Import waits for it.
    preview.default_kind.setCurrentIndex(preview.default_kind.findData("operational"))
    assert not dialog.import_button.isEnabled() and not dialog.good_rows_button.isEnabled()
    assert dialog.start_import(skip_bad_rows=True) is None
    _idle(qtbot, dialog)
    assert preview.counts["to_import"].text() == "4" and preview.counts["bad_rows"].text() == "0"
    rows = preview.rows_model
    assert [(rows.planned(r).title, rows.planned(r).kind, rows.planned(r).category)
            for r in range(rows.rowCount())] == [
        ("Customer interview", "strategic", "Customer discovery & interviews"),
        ("Renewal prep", "strategic", "Customer discovery & interviews"),
        ("Triage queue", "operational", None), ("Status deck", "operational", None)]
    assert dialog.import_button.isEnabled()

    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert len(service.entries.between(*EVERYTHING)) == 4
    remembered = load_mapping(service)
    assert remembered.rule_for("acme").kind is Kind.STRATEGIC
    assert remembered.default_kind is Kind.OPERATIONAL


def test_the_remembered_mapping_fills_the_table_next_time(qtbot, service, toggl_file):
    from app.exchange.importing import ImportMapping, KindRule, apply_import, read_import

    mapping = ImportMapping({"Support": KindRule(Kind.OPERATIONAL), "Elsewhere": KindRule(Kind.STRATEGIC)})
    apply_import(service, read_import(service, toggl_file, mapping=mapping), skip_bad_rows=True)
    dialog = import_dialog.ImportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(toggl_file)
    _idle(qtbot, dialog)
    model = dialog.preview.mapping_model
    assert model.mapping_row(_mapping_row(model, "Support")).kind is Kind.OPERATIONAL
    assert dialog.preview.counts["duplicates"].text() == "1"
    # Clearing Support's rule in the table drops it; a rule for a project not in the file stays.
    support = _mapping_row(model, "Support")
    model.setData(model.index(support, MappingModel.COL_KIND), "")
    _idle(qtbot, dialog)
    assert dialog.plan.mapping.rule_for("Support") is None
    assert dialog.plan.mapping.rule_for("Elsewhere") == KindRule(Kind.STRATEGIC)


# -- import: cancelling and closing -------------------------------------------------------------
def test_cancelling_a_long_import_leaves_the_database_unchanged(qtbot, service, tmp_path, monkeypatch):
    path = _file(tmp_path, NATIVE_HEADER + "".join(
        # 24 rows a day over 500 days, at most 20 h a day (a day holds at most 24 h)
        f"{date(2025, 1, 1) + timedelta(days=i % 500)},,{1 + i % 50},,Task {i % 300},o,,,\r\n"
        for i in range(12_000)))
    reported, release = threading.Event(), threading.Event()
    real_apply = import_dialog.apply_import

    def held_apply(service, plan, **options):
        progress = options.pop("progress")

        def hold(done, total):
            progress(done, total)
            reported.set()
            release.wait(10)  # the first 5,000 rows are written (uncommitted) until Cancel

        return real_apply(service, plan, progress=hold, **options)

    monkeypatch.setattr(import_dialog, "apply_import", held_apply)
    before = snapshot(service.store.path)
    dialog = import_dialog.ImportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.progress.delay_ms = 0
    dialog.set_file(path)
    _idle(qtbot, dialog)
    assert dialog.preview.counts["to_import"].text() == "12,000"
    dialog.import_button.click()
    assert reported.wait(10)
    qtbot.waitUntil(dialog.progress.isVisible)
    assert not dialog.import_button.isEnabled() and not dialog.choose_button.isEnabled()
    with qtbot.waitSignal(dialog.task.cancelled, timeout=10_000):
        qtbot.mouseClick(dialog.progress.cancel_button, Qt.MouseButton.LeftButton)
        release.set()
    assert dialog.message.text() == "The import was cancelled; nothing was written."
    assert snapshot(service.store.path) == before
    assert dialog.import_button.isEnabled()  # the plan is still there: import it after all
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    assert service.entries.count() == 12_000


def test_closing_the_dialog_while_reading_stops_the_reading(qtbot, service, tmp_path, monkeypatch):
    started, release = threading.Event(), threading.Event()
    real_read = import_dialog.read_import

    def held_read(service, path, **options):
        started.set()
        release.wait(10)
        return real_read(service, path, **options)

    monkeypatch.setattr(import_dialog, "read_import", held_read)
    dialog = import_dialog.ImportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(_file(tmp_path, NATIVE_HEADER + "2026-11-23,,45,,Deck,o,,,\r\n"))
    assert started.wait(10)
    task = dialog.task
    release.set()
    dialog.close()
    assert not task.is_running and not dialog.isVisible()
    assert service.entries.count() == 0


# -- peers ------------------------------------------------------------------------------------
@pytest.fixture
def peer_summary(tmp_path):
    return _file(tmp_path, "week,week_start,category,kind,hours\r\n"
                 "2026-W47,2026-11-16,Vision,strategic,12.00\r\n"
                 "2026-W47,2026-11-16,Status,operational,28.00\r\n"
                 "2026-W48,2026-11-23,Vision,strategic,20.00\r\n"
                 "2026-W48,2026-11-23,Status,operational,20.00\r\n", "peer-a.csv")


def test_peers_import_compare_and_remove(qtbot, window, service, peer_summary, monkeypatch):
    service.entries.log_line("Roadmap 3h strategic #vision monday")
    service.entries.log_line("Weekly status deck 1h ops #status monday")
    monkeypatch.setattr(files, "ask_open_path", lambda parent, caption: str(peer_summary))
    dialog = open_peers_dialog(window, service)
    assert dialog.empty_label.isVisible() and not dialog.share_view.isVisible()

    dialog.label_edit.setText("  Peer   A ")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.state == "ok", timeout=10_000)
    assert dialog.message.text() == "Added Peer A: 2 weeks."
    peers = dialog.peers_model
    assert [[peers.index(0, c).data() for c in range(4)]] == [["Peer A", "2", "2026-W47 – 2026-W48",
                                                              "40 %"]]
    shares = dialog.share_model
    assert [shares.headerData(c, Qt.Orientation.Horizontal) for c in range(shares.columnCount())] == [
        "Week", "You", "Peer A"]
    assert [[shares.index(r, c).data() for c in range(3)] for r in range(shares.rowCount())] == [
        ["2026-W47", "–", "30 %"], ["2026-W48", "75 %", "50 %"], ["Average", "75 %", "40 %"]]
    assert dialog.share_view.isVisible() and not dialog.empty_label.isVisible()

    # Remove: asked first; "no" keeps the peer.
    asked: list[str] = []
    monkeypatch.setattr(peers_dialog, "confirm", lambda parent, title, text: asked.append(text) or False)
    dialog.peers_view.selectRow(0)
    assert dialog.label_edit.text() == "Peer A" and dialog.remove_button.isEnabled()
    assert not dialog.ask_remove() and peers.rowCount() == 1
    assert asked and "Remove Peer A" in asked[0]
    monkeypatch.setattr(peers_dialog, "confirm", lambda parent, title, text: True)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert peers.rowCount() == 0 and shares.rowCount() == 0
    assert dialog.message.text() == "Removed Peer A and their 2 weeks."
    assert dialog.empty_label.isVisible()


def test_a_peer_needs_a_label_and_a_summary(qtbot, service, tmp_path, monkeypatch):
    asked: list[str] = []
    entries = _file(tmp_path, NATIVE_HEADER + "2026-11-23,,45,,Deck,o,,,\r\n", "entries.csv")
    monkeypatch.setattr(files, "ask_open_path",
                        lambda parent, caption: asked.append(caption) or str(entries))
    dialog = peers_dialog.PeersDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.import_button.click()
    assert asked == [] and dialog.message.text() == "Not imported: Give the peer a label, e.g. 'Peer A'."
    dialog.label_edit.setText("Peer B")
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.task.is_running, timeout=10_000)
    assert asked == ["Import Peer B's summary CSV"]
    assert "is a PM Workload entries CSV, not a summary" in dialog.message.text()
    assert dialog.peers_model.rowCount() == 0


def test_a_summary_chosen_for_import_goes_to_the_peers_dialog(qtbot, window, service, peer_summary,
                                                              monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(files, "ask_open_path",
                        lambda parent, caption: asked.append(caption) or str(peer_summary))
    dialog = open_import_dialog(window, service)
    _idle(qtbot, dialog)
    assert dialog.message.text() == ("Not entries: peer-a.csv is a summary (a peer's hours per week), "
                                     "not entries. Import it under the peer's label instead.")
    assert "--label" not in dialog.message.text() and dialog.peer_button.isVisible()
    peers = dialog.import_as_peer()
    assert not dialog.isVisible() and peers.isVisible()
    assert peers.import_button.text() == "Import peer-a.csv"
    peers.label_edit.setText("Peer A")
    qtbot.mouseClick(peers.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: peers.message.state == "ok", timeout=10_000)
    assert asked == ["Import entries from CSV"]  # the file was not asked for again
    assert peers.peers_model.rowCount() == 1 and peers.import_button.text() == "Import a summary…"


# -- models -----------------------------------------------------------------------------------
def test_every_model_of_the_csv_dialogs_passes_the_model_tester(qtbot, qtmodeltester, service,
                                                                toggl_file, peer_summary):
    from app.exchange.peers import import_peer_summary

    dialog = import_dialog.ImportDialog(service)
    qtbot.addWidget(dialog)
    for model in (dialog.preview.rows_model, dialog.preview.problems_model, dialog.preview.mapping_model):
        qtmodeltester.check(model)  # empty
    dialog.set_file(toggl_file)
    _idle(qtbot, dialog)
    preview = dialog.preview
    assert preview.problems_model.rowCount() and preview.mapping_model.rowCount()
    preview.default_kind.setCurrentIndex(preview.default_kind.findData("strategic"))
    _idle(qtbot, dialog)
    assert preview.rows_model.rowCount() == 4
    for model in (preview.rows_model, preview.problems_model, preview.mapping_model):
        qtmodeltester.check(model)
    import_peer_summary(service, peer_summary, "Peer A")
    peers = peers_dialog.PeersDialog(service)
    qtbot.addWidget(peers)
    for model in (peers.peers_model, peers.share_model):
        assert model.rowCount()
        qtmodeltester.check(model)
