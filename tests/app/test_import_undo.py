"""Import batches: undoing the last import, duplicates within a file, no stray backups."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, time

import pytest

from app.cli import run
from app.clock import Clock
from app.domain import EntryDraft, Kind
from app.errors import ValidationError
from app.exchange.batches import has_import_to_undo, last_import, undo_last_import
from app.exchange.csv_file import Cancelled
from app.exchange.importing import apply_import, read_import
from storage import StorageError, open_store, queries
from storage.backups import list_backups

ALL = (date(1970, 1, 1), date(2026, 11, 25))
NATIVE_HEADER = "date,start,minutes,hours,title,kind,category,handoff,note\r\n"
TOGGL_HEADER = ("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
                "End date,End time,Duration,Tags,Amount (USD)\r\n")
TOGGL_ROW = ("Ana,ana@example.com,,Internal,,Jira grooming,No,2026-11-17,11:00:00,2026-11-17,"
             "11:20:00,00:20:00,,\r\n")


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    # The command line reads the system clock; stand it on Tue 2026-11-24 like the fixtures.
    monkeypatch.setattr(Clock, "now", lambda self: datetime(2026, 11, 24, 10, 30).astimezone())


def _file(tmp_path, text: str, name: str = "in.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


def _import(service, path, **options):
    return apply_import(service, read_import(service, path, **options))


def _titles(service) -> list[str]:
    return [e.title for e in service.entries.between(*ALL)]


# -- duplicates ---------------------------------------------------------------------------
def test_a_toggl_row_listed_twice_is_imported_once_and_counted(service, tmp_path, data_dir, capsys):
    path = _file(tmp_path, TOGGL_HEADER + TOGGL_ROW + TOGGL_ROW, "toggl.csv")
    args = ["import", str(path), "--default-kind", "operational", "--data-dir", str(data_dir)]
    assert run([*args, "--dry-run"]) == 0
    assert "would import 1 entry (1 new task); would skip 1 duplicate" in capsys.readouterr().out
    assert run(args) == 0
    assert "Imported 1 entry (1 new task); skipped 1 duplicate" in capsys.readouterr().out
    assert _titles(service) == ["Jira grooming"]
    # Against the database as well: the same file again adds nothing.
    assert run(args) == 0
    assert "Imported 0 entries; skipped 2 duplicates" in capsys.readouterr().out


def test_duplicates_within_a_file_and_against_the_database_are_both_skipped(service, tmp_path):
    service.entries.log(EntryDraft("Stand-up", 15, Kind.OPERATIONAL, None, date(2026, 11, 16), time(9, 0)))
    path = _file(tmp_path, NATIVE_HEADER
                 + "2026-11-16,09:00,15,,Stand-up,operational,,,\r\n"    # in the database
                 + "2026-11-17,09:00,15,,Stand-up,operational,,,\r\n"
                 + "2026-11-17,09:00,15,,stand-UP,operational,,,\r\n"    # earlier in the file
                 + "2026-11-17,,30,,E-mail,operational,,,\r\n"           # untimed: both kept
                 + "2026-11-17,,30,,E-mail,operational,,,\r\n")
    plan = read_import(service, path)
    assert (plan.to_import, plan.duplicates) == (3, 2)
    assert [row.duplicate for row in plan.first_rows()] == [True, False, True, False, False]
    result = apply_import(service, plan)
    assert (result.imported, result.duplicates) == (3, 2)
    assert sorted(_titles(service)) == ["E-mail", "E-mail", "Stand-up", "Stand-up"]


# -- undoing ------------------------------------------------------------------------------
def test_undo_removes_the_batch_and_what_it_created_and_keeps_the_rest(service, tmp_path):
    service.entries.log(EntryDraft("Weekly status deck", 60, Kind.OPERATIONAL, "Status reports & decks",
                           date(2026, 11, 16)))
    categories = len(service.categories.list(include_archived=True))
    path = _file(tmp_path, NATIVE_HEADER
                 + "2026-11-17,,30,,Weekly status deck,operational,,,\r\n"  # a task that was there
                 + "2026-11-18,10:00,45,,Vendor call,strategic,Vendor talks,,\r\n"
                 + "2026-11-19,10:00,20,,Vendor call,strategic,Vendor talks,,\r\n", "mine.csv")
    result = _import(service, path)
    assert result.imported == 3 and result.batch_id is not None
    batch = last_import(service)
    assert (batch.source, batch.format, batch.entries, batch.remaining, batch.edited) == (
        "mine.csv", "PM Workload entries CSV", 3, 3, 0)
    assert batch.describe().startswith("mine.csv (PM Workload entries CSV), imported ")
    assert batch.describe().endswith(": 3 entries.")
    heard: list[str] = []
    service.changes.subscribe(heard.append)

    done = undo_last_import(service)

    assert (done.entries, done.kept, done.tasks, done.categories) == (3, 0, 1, 1)
    assert done.summary() == ("Undid the import of mine.csv: removed 3 entries and 1 task and "
                              "1 category it had created.")
    assert _titles(service) == ["Weekly status deck"]
    assert [t.task.title for t in service.tasks.usage()] == ["Weekly status deck"]
    assert len(service.categories.list(include_archived=True)) == categories
    assert heard == ["entries", "tasks", "categories", "imports"]
    assert done.backup.exists() and "before-undo-import" in done.backup.name
    assert not has_import_to_undo(service) and last_import(service) is None
    with pytest.raises(ValidationError, match="There is no import to undo"):
        undo_last_import(service)


def test_undo_keeps_entries_changed_since_the_import_and_says_so(service, tmp_path):
    path = _file(tmp_path, NATIVE_HEADER
                 + "2026-11-17,09:00,30,,Vendor call,strategic,,,\r\n"
                 + "2026-11-18,09:00,30,,Vendor call,strategic,,,\r\n")
    _import(service, path)
    first = service.entries.between(*ALL)[0]
    service.clock.advance(minutes=5)  # an edit comes later than the import
    service.entries.edit(first.id, minutes=40)
    assert last_import(service).edited == 1

    done = undo_last_import(service)

    assert (done.entries, done.kept, done.tasks) == (1, 1, 0)
    assert "kept 1 entry you changed since the import" in done.summary()
    assert [(e.title, e.minutes) for e in service.entries.between(*ALL)] == [("Vendor call", 40)]


def test_undo_steps_back_one_import_at_a_time(service, tmp_path):
    _import(service, _file(tmp_path, NATIVE_HEADER + "2026-11-17,,30,,First,strategic,,,\r\n", "a.csv"))
    _import(service, _file(tmp_path, NATIVE_HEADER + "2026-11-18,,30,,Second,strategic,,,\r\n", "b.csv"))
    assert last_import(service).source == "b.csv"
    first = last_import(service).id
    undo_last_import(service, first)
    assert _titles(service) == ["First"]
    with pytest.raises(ValidationError, match="changed since it was shown"):
        undo_last_import(service, first)  # b.csv was the one shown; it is gone now
    assert last_import(service).source == "a.csv"


def test_an_import_of_nothing_but_duplicates_is_no_batch(service, tmp_path):
    path = _file(tmp_path, NATIVE_HEADER + "2026-11-17,09:00,30,,Vendor call,strategic,,,\r\n")
    _import(service, path)
    undo_last_import(service)
    _import(service, path)
    again = _import(service, path)
    assert again.imported == 0 and again.batch_id is None and again.backup is None
    assert last_import(service).entries == 1


# -- no stray backups -----------------------------------------------------------------------
def test_an_import_refused_because_the_database_is_busy_leaves_no_backup(service, tmp_path):
    path = _file(tmp_path, NATIVE_HEADER + "2026-11-17,,30,,Vendor call,strategic,,,\r\n")
    plan = read_import(service, path)
    other = sqlite3.connect(service.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writing
    service.store.conn.execute("PRAGMA busy_timeout = 0")
    try:
        with pytest.raises(StorageError, match="busy|locked"):
            apply_import(service, plan)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert list_backups(service.store.path) == []
    assert queries.count_entries(service.store) == 0 and last_import(service) is None


def test_a_cancelled_import_leaves_no_backup(service, tmp_path):
    rows = "".join(f"2026-11-{1 + i % 20:02d},,{1 + i % 100},,Task {i % 50},o,,,\r\n"
                   for i in range(6000))
    plan = read_import(service, _file(tmp_path, NATIVE_HEADER + rows))
    with pytest.raises(Cancelled):
        apply_import(service, plan, cancelled=lambda: True)
    assert list_backups(service.store.path) == []


# -- the command line -------------------------------------------------------------------------
def test_cli_undo_last_shows_what_and_needs_yes_without_a_terminal(service, tmp_path, data_dir,
                                                                   capsys, monkeypatch):
    base = ["--data-dir", str(data_dir)]
    assert run(["import", "--undo-last", *base]) == 2
    assert "There is no import to undo." in capsys.readouterr().err
    path = _file(tmp_path, NATIVE_HEADER + "2026-11-17,,30,,Vendor call,strategic,,,\r\n", "v.csv")
    assert run(["import", str(path), *base]) == 0
    capsys.readouterr()

    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    assert run(["import", "--undo-last", *base]) == 2
    out, err = capsys.readouterr()
    assert "The last import: v.csv (PM Workload entries CSV), imported " in out
    assert ": 1 entry." in out
    assert "Add --yes to undo it without asking" in err
    assert queries.count_entries(service.store) == 1

    assert run(["import", "--undo-last", "--yes", *base]) == 0
    out = capsys.readouterr().out
    assert "Undid the import of v.csv: removed 1 entry and 1 task it had created." in out
    assert "A copy of the database from before the undo:" in out
    assert queries.count_entries(service.store) == 0


def test_cli_undo_last_asks_on_a_terminal(service, tmp_path, data_dir, capsys, monkeypatch):
    base = ["--data-dir", str(data_dir)]
    path = _file(tmp_path, NATIVE_HEADER + "2026-11-17,,30,,Vendor call,strategic,,,\r\n", "v.csv")
    assert run(["import", str(path), *base]) == 0
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    answers = iter(["n", "y"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert run(["import", "--undo-last", *base]) == 2
    assert "Nothing was undone." in capsys.readouterr().err
    assert run(["import", "--undo-last", *base]) == 0
    assert queries.count_entries(service.store) == 0


def test_cli_undo_last_takes_no_file(data_dir, tmp_path, capsys):
    assert run(["import", str(tmp_path / "x.csv"), "--undo-last", "--data-dir", str(data_dir)]) == 2
    assert "--undo-last takes no FILE" in capsys.readouterr().err


def test_a_database_from_before_batches_is_migrated(data_dir, monkeypatch):
    import storage.database
    import storage.schema

    path = data_dir / "pm-workload.db"
    steps = storage.schema.STEPS
    with monkeypatch.context() as patch:
        for module in (storage.schema, storage.database):
            patch.setattr(module, "SCHEMA_VERSION", len(steps) - 1)
        patch.setattr(storage.schema, "STEPS", steps[:-1])
        open_store(path).close()
    with open_store(path, now=datetime(2026, 11, 24, 10, 0, tzinfo=UTC)) as store:
        columns = {row[1] for row in store.all("PRAGMA table_info(entries)")}
        assert "batch_id" in columns
        assert store.scalar("SELECT count(*) FROM import_batches") == 0
