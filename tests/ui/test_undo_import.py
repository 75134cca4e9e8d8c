"""File > Undo last import… driven as a user would: asked first, done off the GUI thread."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QUndoCommand

from app.domain import EntryDraft, Kind
from app.exchange.importing import apply_import, read_import
from storage.backups import list_backups
from ui.common import messages

NATIVE_HEADER = "date,start,minutes,hours,title,kind,category,handoff,note\r\n"
EVERYTHING = (date(1970, 1, 1), date(2026, 11, 25))


def _import(service, tmp_path, text: str, name: str = "vendor.csv"):
    path = tmp_path / name
    path.write_bytes((NATIVE_HEADER + text).encode())
    return apply_import(service, read_import(service, path))


def _titles(service) -> list[str]:
    return sorted(e.title for e in service.entries.between(*EVERYTHING))


def test_undo_last_import_asks_then_removes_it_and_says_so(qtbot, window, service, tmp_path,
                                                          monkeypatch):
    action = window.file_actions.undo_import_action
    assert action in window.file_menu.actions()
    assert not action.isEnabled()  # nothing imported yet
    service.entries.log(EntryDraft("Weekly status deck", 30, Kind.OPERATIONAL, None, date(2026, 11, 23)))
    _import(service, tmp_path, "2026-11-23,10:00,45,,Vendor call,strategic,Vendor talks,,\r\n"
                               "2026-11-24,10:00,45,,Vendor call,strategic,Vendor talks,,\r\n")
    assert action.isEnabled()
    window.undo_stack.push(QUndoCommand("an edit made before the undo"))

    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, go: asked.append(text) or False)
    action.trigger()
    assert len(asked) == 1 and asked[0].startswith("Undo the import of vendor.csv (PM Workload "
                                                   "entries CSV), imported ")
    assert ": 2 entries." in asked[0]
    assert _titles(service) == ["Vendor call", "Vendor call", "Weekly status deck"]  # said no

    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, go: True)
    with qtbot.waitSignal(window.bridge.changed, timeout=10_000):
        action.trigger()
    assert _titles(service) == ["Weekly status deck"]
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Undid"))
    assert window.statusBar().currentMessage() == (
        "Undid the import of vendor.csv: removed 2 entries and 1 task and 1 category it had created.")
    assert window.undo_stack.count() == 0
    assert not action.isEnabled()
    assert [b.reason for b in list_backups(service.store.path)] == ["before-undo-import", "before-import"]


def test_undo_keeps_an_edited_entry_and_the_window_says_so(qtbot, window, service, tmp_path,
                                                           monkeypatch):
    _import(service, tmp_path, "2026-11-23,10:00,45,,Vendor call,strategic,,,\r\n")
    entry = service.entries.between(*EVERYTHING)[0]
    service.clock.advance(minutes=5)  # an edit comes later than the import
    service.entries.edit(entry.id, minutes=50)
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, go: asked.append(text) or True)
    window.file_actions.undo_import_action.trigger()
    assert "1 entry you changed since the import is kept." in asked[0]
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Undid"), timeout=10_000)
    assert "kept 1 entry you changed since the import" in window.statusBar().currentMessage()
    assert [e.minutes for e in service.entries.between(*EVERYTHING)] == [50]
    qtbot.waitUntil(lambda: not window.file_actions.undo_import_action.isEnabled())


def test_an_import_in_the_window_enables_undo(qtbot, window, service, tmp_path):
    from ui.exchange.import_dialog import ImportDialog

    path = tmp_path / "in.csv"
    path.write_bytes((NATIVE_HEADER + "2026-11-23,,45,,Deck,o,,,\r\n").encode())
    dialog = ImportDialog(service, window)
    dialog.show()
    dialog.set_file(path)
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy, timeout=10_000)
    assert not window.file_actions.undo_import_action.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert window.file_actions.undo_import_action.isEnabled()
    dialog.close()


def test_a_failed_undo_says_nothing_was_changed(qtbot, window, service, tmp_path, monkeypatch,
                                                shown_messages):
    from app.exchange import batches as import_batches
    from storage import StorageError

    _import(service, tmp_path, "2026-11-23,10:00,45,,Vendor call,strategic,,,\r\n")

    def busy(*args, **kwargs):
        raise StorageError("Could not use the database: the database is busy in another program; "
                           "try again in a moment.")

    monkeypatch.setattr(import_batches.csv_queries, "undo_batch", busy)
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, go: True)
    window.file_actions.undo_import_action.trigger()
    qtbot.waitUntil(lambda: bool(shown_messages.boxes), timeout=10_000)
    assert shown_messages.boxes[0][1] == "Could not undo the import"
    assert shown_messages.boxes[0][2].endswith("busy in another program; try again in a moment."
                                               "\n\nNothing was changed.")
    assert _titles(service) == ["Vendor call"]
    # The backup taken for it went with it.
    assert [b.reason for b in list_backups(service.store.path)] == ["before-import"]
    assert window.file_actions.undo_import_action.isEnabled()
