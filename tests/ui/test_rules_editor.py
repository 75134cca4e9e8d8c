"""Settings' Rules and Calendar tabs: rules added, edited, moved and removed at once."""

from __future__ import annotations

from ui.settings import calendar_settings
from ui.settings.dialog import SettingsDialog
from ui.settings.rules_editor import COL_KIND, COL_PATTERN


def test_the_rules_tab_adds_edits_moves_and_removes_rules(qtbot, service):
    dialog = SettingsDialog(service)
    qtbot.addWidget(dialog)
    editor = dialog.rules
    editor.add_rule("stand-up")
    editor.add_rule("roadmap", "strategic")
    assert [r.pattern for r in service.rules.list()] == ["stand-up", "roadmap"]
    model = editor.model
    assert model.setData(model.index(0, COL_PATTERN), "sync")
    assert model.setData(model.index(0, COL_KIND), "strategic")
    assert "applies at once" in editor.message.text()
    assert not model.setData(model.index(0, COL_PATTERN), "  ")
    assert "word or a pattern" in editor.message.text()
    editor.view.setCurrentIndex(model.index(1, COL_PATTERN))
    editor.move_current(-1)
    assert [r.pattern for r in service.rules.list()] == ["roadmap", "sync"]
    assert editor.current().pattern == "roadmap"
    editor.remove_current()
    assert [(r.pattern, r.kind.value) for r in service.rules.list()] == [("sync", "strategic")]
    assert model.rowCount() == 1


def test_the_calendar_tab_saves_the_file_and_my_address(qtbot, service, tmp_path, monkeypatch):
    dialog = SettingsDialog(service)
    qtbot.addWidget(dialog)
    tab = dialog.calendar
    monkeypatch.setattr(calendar_settings.calendar_panel, "ask_calendar_path",
                        lambda parent: str(tmp_path / "work.ics"))
    tab.choose()
    assert service.settings.get().calendar_file == str(tmp_path / "work.ics")
    tab.me.setText("not an address")
    tab.me.editingFinished.emit()
    assert "not an e-mail address" in tab.message.text()
    tab.me.setText("PM@example.com")
    tab.me.editingFinished.emit()
    assert service.settings.get().calendar_me == "pm@example.com"
    tab.clear_button.click()
    assert service.settings.get().calendar_file == ""
