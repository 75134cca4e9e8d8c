"""The week's entries: edit in a dialog or in place, delete, change several, undo and redo."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from app.domain import Kind
from storage import StorageError
from ui.log.models import COL_DURATION, COL_KIND, COL_TITLE, ENTRY_ROLE

LINES = (
    "Weekly status deck 45m ops #status mon 09:00",
    "Customer interview with Acme 1h strat #discovery mon 11:00",
    "Roadmap review 30m s #roadmap today 09:30",
)


def seed(service, page, qtbot):
    entries = [service.entries.log_line(line) for line in LINES]
    qtbot.waitUntil(lambda: page.proxy.rowCount() == len(LINES))
    return entries


def row_of(page, entry_id):
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data(ENTRY_ROLE).id == entry_id:
            return row
    return None


def shown(page, row, column=0):
    """The table's index of the entries proxy's row: the table shows it under its day."""
    return page.groups.mapFromSource(page.proxy.index(row, column))


def select_rows(page, rows):
    model = page.table.selectionModel()
    model.clearSelection()
    for row in rows:
        model.select(shown(page, row), QItemSelectionModel.SelectionFlag.Select
                     | QItemSelectionModel.SelectionFlag.Rows)
    model.setCurrentIndex(shown(page, rows[0]), QItemSelectionModel.SelectionFlag.NoUpdate)


def test_rows_show_day_start_duration_title_kind_and_category(page, qtbot, service):
    seed(service, page, qtbot)
    cells = [[page.proxy.index(row, col).data() for col in range(7)]
             for row in range(page.proxy.rowCount())]
    assert cells == [
        ["Mon 23 Nov", "09:00", "45 min", "Weekly status deck", "Operational",
         "Status reports & decks", ""],
        ["Mon 23 Nov", "11:00", "1 h", "Customer interview with Acme", "Strategic",
         "Customer discovery & interviews", ""],
        ["Tue 24 Nov", "09:30", "30 min", "Roadmap review", "Strategic",
         "Vision, strategy & roadmap", ""],
    ]
    # The kind is a word and a coloured dot, never colour alone.
    assert not page.proxy.index(0, COL_KIND).data(Qt.ItemDataRole.DecorationRole).isNull()


def test_enter_opens_the_edit_dialog_which_saves_the_changes(page, qtbot, service):
    deck, *_ = seed(service, page, qtbot)
    select_rows(page, [row_of(page, deck.id)])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.entry_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.title_edit.setText("Weekly status deck for leadership")
    dialog.duration_edit.setText("1h30")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("strategic"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.entry_dialog is None)
    after = service.entries.get(deck.id)
    assert (after.title, after.minutes, after.kind) == (
        "Weekly status deck for leadership", 90, Kind.STRATEGIC)
    qtbot.waitUntil(lambda: page.proxy.index(row_of(page, deck.id), COL_TITLE).data()
                    == "Weekly status deck for leadership")

    page.undo_stack.undo()
    assert service.entries.get(deck.id) == deck


def test_the_edit_dialog_keeps_an_invalid_change_and_saves_nothing(page, qtbot, service):
    deck, *_ = seed(service, page, qtbot)
    select_rows(page, [row_of(page, deck.id)])
    page.edit_current()
    dialog = page.entry_dialog
    dialog.duration_edit.setText("forever")
    dialog.title_edit.setText("Renamed")
    dialog.accept()

    assert dialog.isVisible()
    assert dialog.problem.isVisible()
    assert "'forever' is not a duration" in dialog.problem.text()
    assert dialog.duration_edit.hasFocus() or not dialog.isActiveWindow()
    assert service.entries.get(deck.id) == deck
    assert not page.undo_stack.canUndo()
    dialog.reject()


def test_inline_edit_of_title_and_duration(page, qtbot, service):
    deck, *_ = seed(service, page, qtbot)
    row = row_of(page, deck.id)
    index = shown(page, row, COL_TITLE)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.findChild(QLineEdit)
    assert editor is not None and editor.text() == "Weekly status deck"
    editor.selectAll()
    qtbot.keyClicks(editor, "Status deck v2")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: service.entries.get(deck.id).title == "Status deck v2")

    qtbot.waitUntil(lambda: page.proxy.index(row_of(page, deck.id), COL_TITLE).data() == "Status deck v2")
    assert page.proxy.setData(page.proxy.index(row_of(page, deck.id), COL_DURATION), "1h15")
    assert service.entries.get(deck.id).minutes == 75
    qtbot.waitUntil(lambda: page.proxy.index(row_of(page, deck.id), COL_DURATION).data() == "1 h 15 min")


def test_inline_edit_with_a_bad_duration_says_why_and_saves_nothing(page, qtbot, service):
    deck, *_ = seed(service, page, qtbot)
    assert not page.proxy.setData(page.proxy.index(row_of(page, deck.id), COL_DURATION), "lots")
    assert page.notice.isVisible()
    assert "'lots' is not a duration" in page.notice.text()
    assert service.entries.get(deck.id).minutes == 45


def test_inline_kind_edit_through_the_combo_box(page, qtbot, service):
    deck, *_ = seed(service, page, qtbot)
    index = shown(page, row_of(page, deck.id), COL_KIND)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    from PySide6.QtWidgets import QComboBox

    combo = page.table.findChild(QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["Strategic", "Operational"]
    assert combo.currentData() == "operational"
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert service.entries.get(deck.id).kind == Kind.STRATEGIC


def test_delete_then_undo_then_redo(window, page, qtbot, service):
    deck, interview, roadmap = seed(service, page, qtbot)
    select_rows(page, [row_of(page, interview.id)])
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert row_of(page, interview.id) is None
    assert service.entries.count() == 2
    assert page.selected_ids() == [roadmap.id]  # the next row, ready for another Delete

    assert window.statusBar().currentMessage() == "Deleted 1 entry (Ctrl+Z undoes it)"

    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert service.entries.get(interview.id) == interview
    qtbot.waitUntil(lambda: row_of(page, interview.id) is not None)
    assert window.statusBar().currentMessage() == "Undone: Delete 'Customer interview with Acme'"

    qtbot.keyClick(page.table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert service.entries.count() == 2
    qtbot.waitUntil(lambda: row_of(page, interview.id) is None)
    assert window.statusBar().currentMessage() == "Redone: Delete 'Customer interview with Acme'"


def test_undo_and_redo_of_a_logged_line_bring_back_the_same_entry(page, qtbot, service):
    qtbot.keyClicks(page.quick.line, "Weekly status deck 45m ops #status")
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    [entry] = service.entries.between(page.first, page.last)
    assert page.undo_stack.undoText() == "Log 'Weekly status deck'"
    page.undo_stack.undo()
    assert service.entries.count() == 0
    page.undo_stack.redo()
    assert service.entries.between(page.first, page.last) == [entry]


def test_a_failing_undo_shows_a_message_and_leaves_the_stack(page, qtbot, service, monkeypatch,
                                                             shown_messages):
    deck, *_ = seed(service, page, qtbot)
    select_rows(page, [row_of(page, deck.id)])
    page.delete_selected()

    def read_only(entries):
        raise StorageError("Could not use the database (x.db): the database file is read-only.")

    monkeypatch.setattr(service.entries, "restore", read_only)
    page.undo_stack.undo()
    assert "read-only" in shown_messages.texts()[0]
    assert page.undo_stack.count() == 0
    assert service.entries.count() == 2


def test_a_failing_undo_says_nothing_was_undone_in_the_status_bar(window, page, qtbot, service,
                                                                   monkeypatch, shown_messages):
    deck, *_ = seed(service, page, qtbot)
    select_rows(page, [row_of(page, deck.id)])
    page.delete_selected()
    assert "Deleted 1 entry" in window.statusBar().currentMessage()

    def read_only(entries):
        raise StorageError("Could not use the database (x.db): the database file is read-only.")

    monkeypatch.setattr(service.entries, "restore", read_only)
    window.undo_action.trigger()
    assert "read-only" in shown_messages.texts()[0]
    assert window.statusBar().currentMessage() == ""


def test_several_selected_entries_change_kind_at_once_in_one_undo_step(page, qtbot, service):
    deck, interview, roadmap = seed(service, page, qtbot)
    select_rows(page, [row_of(page, deck.id), row_of(page, interview.id)])
    assert page.log_actions.strategic.isEnabled()
    page.log_actions.operational.trigger()

    assert [service.entries.get(i).kind for i in (deck.id, interview.id, roadmap.id)] == [
        Kind.OPERATIONAL, Kind.OPERATIONAL, Kind.STRATEGIC]
    assert page.undo_stack.undoText() == "Change the kind of 'Customer interview with Acme'"
    page.undo_stack.undo()
    assert service.entries.get(interview.id) == interview


def test_several_selected_entries_change_category_from_the_menu(page, qtbot, service):
    deck, interview, roadmap = seed(service, page, qtbot)
    select_rows(page, [row_of(page, deck.id), row_of(page, roadmap.id)])
    page.log_actions.category_menu.aboutToShow.emit()
    [action] = [a for a in page.log_actions.category_menu.actions() if a.text() == "Tool admin"]
    action.trigger()

    assert [service.entries.get(i).category for i in (deck.id, interview.id, roadmap.id)] == [
        "Tool admin", "Customer discovery & interviews", "Tool admin"]
    assert page.undo_stack.undoText() == "Change the category of 2 entries"
    assert sorted(page.selected_ids()) == sorted([deck.id, roadmap.id])
    page.undo_stack.undo()
    assert [service.entries.get(i) for i in (deck.id, roadmap.id)] == [deck, roadmap]


def test_an_ampersand_in_a_category_name_shows_in_the_menu_not_as_a_mnemonic(page, qtbot, service):
    deck, _, _ = seed(service, page, qtbot)
    service.categories.add("Q&A", "operational")
    select_rows(page, [row_of(page, deck.id)])
    page.log_actions.category_menu.aboutToShow.emit()
    texts = [a.text() for a in page.log_actions.category_menu.actions()]
    assert "Q&&A" in texts and "Customer discovery && interviews" in texts  # drawn as "Q&A"
    [action] = [a for a in page.log_actions.category_menu.actions() if a.text() == "Q&&A"]
    action.trigger()
    assert service.entries.get(deck.id).category == "Q&A"


def test_an_ampersand_in_a_title_shows_in_the_undo_menu_item(window, page, qtbot):
    qtbot.keyClicks(page.quick.line, "Q&A prep 30m ops")
    qtbot.keyClick(page.quick.line, Qt.Key.Key_Return)
    assert window.undo_action.text() == "&Undo Log 'Q&&A prep'"
    window.undo_action.trigger()
    assert window.redo_action.text() == "&Redo Log 'Q&&A prep'"
    assert window.undo_action.text() == "&Undo"


def test_the_filter_box_matches_title_category_note_and_kind(page, qtbot, service):
    deck, interview, roadmap = seed(service, page, qtbot)
    service.entries.edit(roadmap.id, note="Agree the Q3 bets")
    qtbot.keyClicks(page.filter_edit, "deck")
    assert [page.proxy.index(r, 0).data(ENTRY_ROLE).id for r in range(page.proxy.rowCount())] == [deck.id]
    for text, expected in (("discovery", [interview.id]), ("q3 bets", [roadmap.id]),
                           ("strat", [interview.id, roadmap.id]), ("ops", [deck.id])):
        page.filter_edit.setText(text)
        qtbot.waitUntil(lambda expected=expected: [
            page.proxy.index(r, 0).data(ENTRY_ROLE).id for r in range(page.proxy.rowCount())
        ] == expected)
    page.filter_edit.setText("nothing like this")
    assert page.proxy.rowCount() == 0
    assert page.table.empty_hint.isVisible()
    assert "No entry this week matches" in page.table.empty_hint.text()
    page.filter_edit.clear()
    assert page.proxy.rowCount() == 3



def test_edit_is_offered_only_for_a_selected_entry_after_filtering(page, qtbot, service):
    deck, interview, roadmap = seed(service, page, qtbot)
    select_rows(page, [row_of(page, interview.id)])
    assert page.log_actions.edit.isEnabled()
    page.filter_edit.setText("deck")  # hides the selected entry
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    assert page.selected_ids() == []
    assert not page.log_actions.edit.isEnabled()
    page.log_actions.edit.trigger()  # Ctrl+E anyway: nothing is opened
    assert page.entry_dialog is None

    page.filter_edit.clear()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 3)
    model = page.table.selectionModel()
    model.clearSelection()  # a current row left without a selection is no choice either
    model.setCurrentIndex(shown(page, row_of(page, roadmap.id)),
                          QItemSelectionModel.SelectionFlag.NoUpdate)
    assert not page.log_actions.edit.isEnabled()
    select_rows(page, [row_of(page, deck.id)])
    page.log_actions.edit.trigger()
    assert page.entry_dialog is not None and page.entry_dialog.entry.id == deck.id
    page.entry_dialog.reject()


def test_undo_never_overwrites_an_entry_that_took_a_deleted_ones_id(page, qtbot, service,
                                                                   shown_messages):
    deck, interview, roadmap = seed(service, page, qtbot)
    select_rows(page, [row_of(page, roadmap.id)])  # the highest id: SQLite gives it out again
    page.delete_selected()
    timed = service.entries.log_line("Stopped timer 20m ops #tool")  # written outside the undo stack
    assert timed.id == roadmap.id

    page.undo_stack.undo()
    assert "cannot be put back" in shown_messages.texts()[0]
    assert service.entries.get(timed.id) == timed
    assert page.undo_stack.count() == 0


def test_undo_of_an_edit_refuses_when_the_entry_was_replaced(page, qtbot, service, shown_messages):
    deck, interview, roadmap = seed(service, page, qtbot)
    select_rows(page, [row_of(page, roadmap.id)])
    page.set_field_of_selected("kind", Kind.OPERATIONAL)
    service.entries.delete(roadmap.id)  # elsewhere: the command line, another window
    service.entries.restore([roadmap._replace(created_at="2026-11-24T18:00:00+00:00", title="Other")])

    page.undo_stack.undo()
    assert "was deleted elsewhere" in shown_messages.texts()[0]
    assert service.entries.get(roadmap.id).created_at == "2026-11-24T18:00:00+00:00"


def test_the_empty_hint_covers_the_table_as_it_is_resized(page, qtbot):
    window = page.window()
    window.resize(900, 600)
    qtbot.waitUntil(page.table.empty_hint.isVisible)  # an empty week
    assert page.table.empty_hint.geometry() == page.table.viewport().rect()
    before = page.table.viewport().size()
    window.resize(700, 820)
    qtbot.waitUntil(lambda: page.table.viewport().size() != before)
    assert page.table.empty_hint.geometry() == page.table.viewport().rect()
