"""Settings: values shown and saved as they change, inline validation, the categories tab."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from app.domain import Kind
from app.errors import ValidationError
from ui.settings.category_editor import CategoryModel
from ui.settings.dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def dialog(qtbot, service):
    widget = SettingsDialog(service)
    qtbot.addWidget(widget)
    widget.open()
    return widget


def click(qtbot, widget, pos: QPoint | None = None):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())


def type_into(qtbot, widget, text: str):
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def counting_updates(service, monkeypatch):
    calls = []
    original = service.settings.update

    def update_settings(**values):
        calls.append(values)
        return original(**values)

    monkeypatch.setattr(service.settings, "update", update_settings)
    return calls


# -- the general tab ------------------------------------------------------------------------
def test_shows_the_stored_settings(qtbot, service):
    service.settings.update(strategic_target=60, week_start="sunday", working_days="mo,tu,we,th",
                            reminder_time="off", usual_hours=6.5, handoff_min_recurrence=0.75)
    dialog = SettingsDialog(service)
    qtbot.addWidget(dialog)
    assert dialog.strategic_target.value() == 60
    assert dialog.week_start.currentText() == "Sunday"
    assert [b.isChecked() for b in dialog.working_days] == [True] * 4 + [False] * 3
    assert not dialog.reminder_on.isChecked() and not dialog.reminder_time.isEnabled()
    assert dialog.usual_hours.value() == 6.5
    assert dialog.handoff_min_recurrence.value() == 75


def test_each_general_change_is_saved_as_it_is_made(qtbot, dialog, service, monkeypatch):
    calls = counting_updates(service, monkeypatch)
    type_into(qtbot, dialog.strategic_target, "65")
    assert calls == []                          # not at each digit…
    qtbot.keyClick(dialog.strategic_target, Qt.Key.Key_Return)
    assert calls == [{"strategic_target": 65}]  # …but once it is typed, and only what changed
    click(qtbot, dialog.working_days[4])       # Friday off
    click(qtbot, dialog.working_days[5])       # Saturday on
    assert service.settings.get().working_days == (0, 1, 2, 3, 5)
    type_into(qtbot, dialog.usual_hours, "7.5")
    qtbot.keyClick(dialog.usual_hours, Qt.Key.Key_Enter)
    assert dialog.isVisible()  # Enter saves the field; it does not close the dialog
    assert service.settings.get().usual_hours == 7.5
    dialog.week_start.setCurrentIndex(6)
    assert service.settings.get().week_start == 6
    # Tabbing into a time field selects its hour, ready to type over; Close saves what is typed.
    dialog.reminder_time.setFocus()
    dialog.reminder_time.setSelectedSection(dialog.reminder_time.Section.HourSection)
    qtbot.keyClicks(dialog.reminder_time, "1630")
    type_into(qtbot, dialog.fte_hours, "38")
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, dialog.close_button)
    saved = service.settings.get()
    assert saved.strategic_target == 65
    assert saved.reminder_time == time(16, 30)
    assert saved.fte_hours == 38  # the team report's hours a week per full-time person


def test_the_short_date_order_is_chosen_and_read_by_the_quick_log_line(dialog, service):
    assert dialog.date_order.currentData() == ""  # the system's, until one is chosen
    dialog.date_order.setCurrentIndex(dialog.date_order.findData("mdy"))
    assert service.settings.get().date_order == "mdy"
    today = service.clock.today()
    assert service.entries.parse(f"Deck 30m ops {today.month}/{today.day}").day == today
    dialog.date_order.setCurrentIndex(dialog.date_order.findData("dmy"))
    assert service.entries.parse(f"Deck 30m ops {today.day}/{today.month}").day == today


def test_working_hours_are_set_in_the_general_tab(qtbot, dialog, service):
    from PySide6.QtCore import QTime

    assert dialog.work_start.time() == QTime(9, 0) and dialog.work_end.time() == QTime(17, 30)
    dialog.work_end.setTime(QTime(18, 0))
    dialog.work_end.editingFinished.emit()
    assert service.settings.get().work_end == time(18, 0)
    dialog.work_end.setTime(QTime(8, 0))  # before the start: refused inside, nothing saved
    dialog.work_end.editingFinished.emit()
    assert service.settings.get().work_end == time(18, 0)
    assert "before they start" in dialog.error_label.text()


def test_the_dialog_says_changes_are_saved_and_has_only_close(dialog):
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    note = dialog.findChild(QLabel, "settingsSavedNote")
    assert note is not None and note.text() == "Changes are saved as you make them."
    buttons = dialog.findChild(QDialogButtonBox)
    assert [b.text() for b in buttons.buttons()] == ["Close"]


def test_reminder_can_be_turned_off(qtbot, dialog, service):
    click(qtbot, dialog.reminder_on)
    assert not dialog.reminder_time.isEnabled()
    assert service.settings.get().reminder_time is None


def test_no_working_day_is_not_saved_and_keeps_the_dialog_open(qtbot, dialog, service):
    type_into(qtbot, dialog.strategic_target, "70")
    qtbot.keyClick(dialog.strategic_target, Qt.Key.Key_Return)
    for box in dialog.working_days:
        if box.isChecked():
            click(qtbot, box)
    assert not dialog.error_label.isHidden()
    assert dialog.error_label.text() == "Choose at least one working day."
    assert service.settings.get().working_days == (4,)  # the last valid choice stays saved
    dialog.tabs.setCurrentIndex(1)
    click(qtbot, dialog.close_button)
    assert dialog.isVisible()
    assert dialog.tabs.currentIndex() == 0  # brought back to where the problem is
    click(qtbot, dialog.working_days[2])
    assert service.settings.get().working_days == (2,)
    assert dialog.error_label.isHidden()
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, dialog.close_button)
    assert service.settings.get().strategic_target == 70


def test_an_unfinished_number_is_reported_not_saved(qtbot, dialog, service, monkeypatch):
    calls = counting_updates(service, monkeypatch)
    dialog.usual_hours.lineEdit().setText("")  # cleared, not yet corrected
    click(qtbot, dialog.close_button)
    assert dialog.isVisible() and calls == []
    assert dialog.error_label.text() == "Usual hours a day is not a valid number."


def test_a_refusal_from_the_service_is_shown_inside(qtbot, dialog, service, monkeypatch):
    def refuse(**values):
        raise ValidationError("The database said no.")

    monkeypatch.setattr(service.settings, "update", refuse)
    dialog.strategic_target.setValue(80)
    assert dialog.isVisible()
    assert dialog.error_label.text() == "The database said no."


def test_escape_closes_with_what_was_typed_saved(qtbot, dialog, service):
    type_into(qtbot, dialog.strategic_target, "90")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert service.settings.get().strategic_target == 90


def test_opening_saves_nothing(qtbot, service, monkeypatch):
    calls = counting_updates(service, monkeypatch)
    dialog = SettingsDialog(service)
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, dialog.close_button)
    assert calls == []


# -- the categories tab -----------------------------------------------------------------------
def test_category_model_passes_the_model_tester(qtmodeltester, service):
    model = CategoryModel(service)
    qtmodeltester.check(model, force_py=True)
    service.categories.add("Pricing research", "strategic")
    qtmodeltester.check(model, force_py=True)


def test_category_model_shows_names_kinds_and_archived(service):
    model = CategoryModel(service)
    first = model.index(0, CategoryModel.COL_NAME)
    assert first.data() == "Customer discovery & interviews"
    assert first.siblingAtColumn(CategoryModel.COL_KIND).data() == "Strategic"
    assert first.siblingAtColumn(CategoryModel.COL_KIND).data(Qt.ItemDataRole.EditRole) == "strategic"
    archived = first.siblingAtColumn(CategoryModel.COL_ARCHIVED)
    assert archived.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.rowCount() == len(service.categories.list(True))


def row_of(editor, name: str) -> int:
    model = editor.model
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)


def cell_center(editor, row: int, column: int) -> QPoint:
    return editor.table.visualRect(editor.model.index(row, column)).center()


@pytest.fixture
def editor(dialog):
    dialog.tabs.setCurrentIndex(1)
    return dialog.categories


def test_add_a_category_by_typing_and_enter(qtbot, editor, service):
    qtbot.keyClicks(editor.new_name, "Pricing research")
    editor.new_kind.setCurrentIndex(editor.new_kind.findData("operational"))
    qtbot.keyClick(editor.new_name, Qt.Key.Key_Return)
    assert editor.isVisible()  # Enter adds the category; it does not close Settings
    added = service.categories.find("Pricing research")
    assert added.kind == Kind.OPERATIONAL
    assert editor.new_name.text() == ""
    assert editor.current() == added  # the new row is selected
    assert editor.error_label.isHidden()


def test_a_new_category_row_is_in_full_view_with_its_name_open(qtbot, editor, service):
    editor.resize(560, 360)
    for n in range(3):  # more rows than the table shows
        qtbot.keyClicks(editor.new_name, f"Pricing research {n}")
        qtbot.keyClick(editor.new_name, Qt.Key.Key_Return)
        index = editor.table.currentIndex()
        assert index.data() == f"Pricing research {n}"
        assert editor.table.viewport().rect().contains(editor.table.visualRect(index))
        assert editor.table.state() == editor.table.State.EditingState
        assert isinstance(editor.table.focusWidget(), QLineEdit)


def test_a_duplicate_name_is_refused_inline(qtbot, editor, service):
    before = len(service.categories.list(True))
    qtbot.keyClicks(editor.new_name, "tool ADMIN")
    click(qtbot, editor.add_button)
    assert not editor.error_label.isHidden()
    assert "already a category called" in editor.error_label.text()
    assert len(service.categories.list(True)) == before


def test_rename_keeps_the_entries(qtbot, editor, service):
    entry = service.entries.log_line("Weekly status deck 45m ops #status")
    row = row_of(editor, "Status reports & decks")
    click(qtbot, editor.table.viewport(), cell_center(editor, row, CategoryModel.COL_NAME))
    click(qtbot, editor.rename_button)
    line = editor.table.focusWidget()
    assert isinstance(line, QLineEdit)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "Status updates")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # the view commits on its next turn
    qtbot.waitUntil(lambda: service.categories.get(entry.category_id).name == "Status updates")
    assert service.entries.get(entry.id).category == "Status updates"
    assert editor.model.index(row, 0).data() == "Status updates"


def test_rename_to_an_existing_name_shows_why(qtbot, editor, service):
    row = row_of(editor, "Tool admin")
    index = editor.model.index(row, CategoryModel.COL_NAME)
    assert not editor.model.setData(index, "Data pulls & dashboards")
    assert "already a category" in editor.error_label.text()
    assert editor.model.index(row, 0).data() == "Tool admin"


def test_archive_and_restore_with_the_button(qtbot, editor, service):
    row = row_of(editor, "Tool admin")
    click(qtbot, editor.table.viewport(), cell_center(editor, row, CategoryModel.COL_NAME))
    assert editor.archive_button.text() == "Archive"
    click(qtbot, editor.archive_button)
    assert service.categories.get(editor.current().id).archived
    assert "Tool admin" not in [c.name for c in service.categories.list()]
    assert editor.archive_button.text() == "Restore"
    assert editor.model.index(row, CategoryModel.COL_ARCHIVED).data(
        Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    click(qtbot, editor.archive_button)
    assert "Tool admin" in [c.name for c in service.categories.list()]


def test_archive_with_the_check_box(qtbot, editor, service):
    row = row_of(editor, "Tool admin")
    index = editor.model.index(row, CategoryModel.COL_ARCHIVED)
    assert editor.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert "Tool admin" not in [c.name for c in service.categories.list()]


def test_switch_the_default_kind_with_the_button(qtbot, editor, service):
    row = row_of(editor, "Tool admin")
    click(qtbot, editor.table.viewport(), cell_center(editor, row, CategoryModel.COL_NAME))
    assert editor.kind_button.text() == "Make strategic"
    click(qtbot, editor.kind_button)
    assert service.categories.find("Tool admin").kind == Kind.STRATEGIC
    assert editor.kind_button.text() == "Make operational"


def test_change_the_default_kind_in_the_table(qtbot, editor, service):
    row = row_of(editor, "Tool admin")
    index = editor.model.index(row, CategoryModel.COL_KIND)
    editor.table.setCurrentIndex(index)
    editor.table.edit(index)
    combo = editor.table.findChild(QComboBox)
    assert combo is not None and combo.currentText() == "Operational"
    combo.setCurrentIndex(combo.findData("strategic"))
    combo.activated.emit(combo.currentIndex())
    assert service.categories.find("Tool admin").kind == Kind.STRATEGIC
    assert editor.model.index(row, CategoryModel.COL_KIND).data() == "Strategic"


def test_buttons_wait_for_a_selection(editor):
    editor.table.clearSelection()
    editor.table.setCurrentIndex(editor.model.index(-1, -1))
    assert not editor.rename_button.isEnabled()
    assert not editor.archive_button.isEnabled()
