"""File > Team report…: the page over several summaries, and the export dialog's label."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMainWindow

from app.domain import EntryDraft, Kind
from ui.common.bridge import ServiceBridge
from ui.exchange import export_dialog, team_page
from ui.shell.file_actions import FileActions

HEADER = ("# PM Workload summary format 2: 2026-10-01 to 2026-11-29\r\n{label}"
          "week,week_start,category,kind,hours,task,checklist,needed,handoff\r\n")
WEEKS = (("2026-W44", "2026-10-26"), ("2026-W45", "2026-11-02"), ("2026-W46", "2026-11-09"),
         ("2026-W47", "2026-11-16"))


def _summary(tmp_path, name: str, label: str, operational: float, strategic: float):
    rows = "".join(
        f"{w},{d},Data pulls & dashboards,operational,{operational:.2f},abcdef,5,needed,unreviewed\r\n"
        f"{w},{d},,strategic,{strategic:.2f},123456,,,unreviewed\r\n" for w, d in WEEKS)
    path = tmp_path / name
    path.write_text(HEADER.format(label=f"# label: {label}\r\n") + rows, encoding="utf-8")
    return path


@pytest.fixture
def page(qtbot, service):
    widget = team_page.TeamPage(service)
    qtbot.addWidget(widget)
    return widget


def test_the_page_shows_pms_the_paragraph_and_what_was_left_out(qtbot, page, tmp_path,
                                                                 monkeypatch):
    anna = _summary(tmp_path, "anna.csv", "Anna", 3, 5)
    ben = _summary(tmp_path, "ben.csv", "Ben", 2, 2)
    bad = tmp_path / "notes.csv"
    bad.write_text("hello,world\n1,2\n")
    monkeypatch.setattr(team_page, "ask_files", lambda parent: [str(anna), str(ben), str(bad)])
    with qtbot.waitSignal(page.updated, timeout=10_000):
        page.add_files_button.click()
    model = page.model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    # Anna: 3 h x 4 of 4 weeks x 5/5 = 3.0 h a week back; Ben 2.0.
    assert rows == [["Anna", "62 %", "32.0", "4", "3.0"], ["Ben", "50 %", "16.0", "4", "2.0"]]
    assert page.paragraph.text().startswith(
        "Across 2 PMs, 5.0 h a week of checklist-able operational work (0.12 FTE), most in "
        "Data pulls & dashboards (5.0 h, 2 PMs).")
    assert "1 file left out: " in page.message.text() and "notes.csv" in page.message.text()
    assert "5.0 h</b> a week reclaimable = 0.12 FTE" in page.team_line.text()
    assert page.pdf_button.isEnabled() and page.report.reclaimable == pytest.approx(5.0)

    with qtbot.waitSignal(page.updated, timeout=10_000):
        page.weeks.setValue(2)       # the look-back changes: read again
    assert page.report.lookback.weeks == 2

    pdf = tmp_path / "team"
    monkeypatch.setattr(team_page, "ask_pdf_path", lambda parent, suggested: str(pdf))
    assert page.save_pdf() == f"{pdf}.pdf"
    assert (tmp_path / "team.pdf").read_bytes().startswith(b"%PDF")
    assert "Saved team.pdf." in page.message.text()

    with qtbot.waitSignal(page.updated, timeout=10_000):
        page.clear_button.click()
    assert model.rowCount() == 0 and not page.pdf_button.isEnabled()


def test_a_folder_and_nothing_countable(qtbot, page, tmp_path, monkeypatch):
    (tmp_path / "empty.csv").write_text("week,week_start,category,kind,hours\n")
    monkeypatch.setattr(team_page, "ask_folder", lambda parent: str(tmp_path))
    with qtbot.waitSignal(page.updated, timeout=10_000):
        page.add_folder_button.click()
    assert page.model.rowCount() == 0 and not page.pdf_button.isEnabled()
    assert "empty.csv is an empty summary" in page.message.text()


def test_file_menu_opens_the_team_report(qtbot, service):
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = FileActions(window, service, ServiceBridge(service, window))
    assert actions.team_action in actions.actions()
    actions.team_action.trigger()
    opened = window.findChildren(team_page.TeamPage)
    assert len(opened) == 1 and opened[0].isVisible()
    opened[0].close()


def test_export_dialog_shows_the_summary_header_and_writes_the_label(qtbot, service, tmp_path,
                                                                     monkeypatch):
    service.entries.log(EntryDraft("Weekly status deck", 60, Kind.OPERATIONAL,
                                   "Status reports & decks", date(2026, 11, 23)))
    monkeypatch.setattr(export_dialog, "ask_save_path",
                        lambda parent, caption, suggested: str(tmp_path / suggested))
    dialog = export_dialog.ExportDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.label_row.isVisible()
    dialog.summary_choice.click()
    assert dialog.label_row.isVisible()
    dialog.label.setText("  Anna  ")
    assert dialog.preamble.text().splitlines() == [
        "# PM Workload summary format 2: 2026-11-23 to 2026-11-24",
        "# Holds hours per week by category and kind; per task an opaque key (not its title) "
        "with its checklist rating (1-5) and needed and hand-off status. No titles and no notes.",
        "# label: Anna"]
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export_button.click()
    text = (tmp_path / "pm-workload-summary-2026-W48.csv").read_text("utf-8")
    assert text.splitlines()[:3] == dialog.preamble.text().splitlines()
    assert "Weekly status deck" not in text
