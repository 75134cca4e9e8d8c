"""Opening the database: creation, pragmas, refusing files that are not ours, migrations."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

import storage.database
import storage.schema
from storage import NotOurDatabaseError, SchemaTooNewError, StorageError, open_store
from storage.backups import list_backups, make_backup
from storage.schema import APPLICATION_ID, DEFAULT_CATEGORIES, SCHEMA_VERSION, STEPS

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")

# When the tests' migrations happen (it names the copy taken first).
MIGRATED_AT = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def _create(path: Path) -> None:
    open_store(path).close()


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(str(path), isolation_level=None)


def _user_version(path: Path) -> int:
    conn = _raw(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _set_user_version(path: Path, version: int) -> None:
    conn = _raw(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


# -- a new database ---------------------------------------------------------------------
def test_new_database_has_the_tables_indexes_and_default_categories(store):
    names = {r[0] for r in store.all("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"tasks", "entries", "categories", "settings", "timer"} <= names
    indexes = {r[0] for r in store.all("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"entries_by_day", "entries_by_task_usage", "entries_by_kind"} <= indexes
    rows = store.all("SELECT name, kind, archived FROM categories ORDER BY position")
    assert [(r["name"], r["kind"]) for r in rows] == list(DEFAULT_CATEGORIES)
    assert len(rows) == 15
    assert not any(r["archived"] for r in rows)
    assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
    assert store.scalar("PRAGMA application_id") == APPLICATION_ID


def test_the_connection_has_the_safety_pragmas(store):
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA synchronous") == 2  # FULL
    assert store.scalar("PRAGMA busy_timeout") >= 1000


def test_foreign_keys_are_enforced(store):
    with pytest.raises(sqlite3.IntegrityError), store.transaction():
        store.conn.execute(
            "INSERT INTO entries (task_id, day, minutes, kind, created_at, updated_at) "
            "VALUES (999, '2026-11-24', 30, 'strategic', 'x', 'x')"
        )
    assert store.scalar("SELECT count(*) FROM entries") == 0


def test_reopening_an_up_to_date_database_keeps_its_data_and_makes_no_copy(data_dir):
    path = data_dir / "pm-workload.db"
    with open_store(path) as db, db.transaction():
        db.conn.execute("INSERT INTO settings (key, value) VALUES ('week_start', '6')")
    with open_store(path) as db:
        assert db.scalar("SELECT value FROM settings WHERE key = 'week_start'") == "6"
        assert db.scalar("SELECT count(*) FROM categories") == 15
    assert list(data_dir.rglob("*.db")) == [data_dir / "pm-workload.db"]


@posix_only
def test_new_files_are_private(tmp_path):
    data_dir = tmp_path / "nested" / "data"
    path = data_dir / "pm-workload.db"
    with open_store(path) as db, db.transaction():
        db.conn.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        for sidecar in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            if sidecar.exists():
                assert stat.S_IMODE(os.stat(sidecar).st_mode) & 0o077 == 0, sidecar
    assert stat.S_IMODE(os.stat(data_dir).st_mode) == 0o700


@posix_only
def test_backup_copy_is_private_and_complete(store, clock):
    with store.transaction():
        store.conn.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
    copy = make_backup(store.conn, store.path, "test", clock.now())
    assert copy.parent == store.path.parent / "backups" and copy.name.endswith("-test.db")
    assert (list_backups(store.path)[0].taken_at, list_backups(store.path)[0].path) == (
        clock.now().astimezone(UTC), copy)  # named by the caller's clock
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    conn = _raw(copy)
    assert conn.execute("SELECT value FROM settings WHERE key = 'a'").fetchone()[0] == "b"
    conn.close()


def test_an_empty_file_becomes_a_database(data_dir):
    data_dir.mkdir()
    path = data_dir / "pm-workload.db"
    path.touch()
    with open_store(path) as db:
        assert db.scalar("SELECT count(*) FROM categories") == 15


# -- files that are not ours ------------------------------------------------------------
def test_a_newer_database_is_refused_and_left_byte_identical(data_dir):
    path = data_dir / "pm-workload.db"
    _create(path)
    _set_user_version(path, SCHEMA_VERSION + 1)
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError) as raised:
        open_store(path)
    message = str(raised.value)
    assert "newer version" in message and str(path) in message and "untouched" in message
    assert path.read_bytes() == before
    assert list(data_dir.rglob("*.db")) == [path]  # no copy taken either


def test_a_text_file_is_refused_and_left_untouched(data_dir):
    data_dir.mkdir()
    path = data_dir / "pm-workload.db"
    path.write_bytes(b"title,minutes\nWeekly status deck,45\n")
    before = path.read_bytes()
    with pytest.raises(NotOurDatabaseError) as raised:
        open_store(path)
    assert "not an SQLite file" in str(raised.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["pm-workload.db"]


def test_a_corrupt_sqlite_file_is_refused_and_left_untouched(data_dir):
    data_dir.mkdir()
    path = data_dir / "pm-workload.db"
    # The SQLite header followed by garbage: looks like SQLite, but is not a database.
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)
    before = path.read_bytes()
    with pytest.raises(StorageError) as raised:
        open_store(path)
    assert str(path) in str(raised.value)
    assert path.read_bytes() == before


def test_another_programs_sqlite_database_is_refused_and_left_untouched(data_dir):
    data_dir.mkdir()
    path = data_dir / "pm-workload.db"
    conn = _raw(path)
    conn.execute("CREATE TABLE bookmarks (url TEXT)")
    conn.execute("INSERT INTO bookmarks VALUES ('https://example.com')")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotOurDatabaseError) as raised:
        open_store(path)
    assert "another program" in str(raised.value)
    assert path.read_bytes() == before


def test_a_folder_in_place_of_the_file_is_a_storage_error(data_dir):
    path = data_dir / "pm-workload.db"
    path.mkdir(parents=True)
    with pytest.raises(StorageError, match="folder"):
        open_store(path)


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores modes")
def test_an_unwritable_data_dir_is_a_storage_error(tmp_path):
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        with pytest.raises(StorageError) as raised:
            open_store(parent / "data" / "pm-workload.db")
        assert "Permission denied" in str(raised.value) or "permission" in str(raised.value)
    finally:
        parent.chmod(0o700)


# -- migrations -------------------------------------------------------------------------
def _fake_step(db) -> None:
    db.execute("CREATE TABLE fake_step_ran (id INTEGER PRIMARY KEY)")
    db.execute("ALTER TABLE tasks ADD COLUMN colour TEXT")


def _with_steps(monkeypatch, steps) -> None:
    monkeypatch.setattr(storage.schema, "STEPS", tuple(steps))
    monkeypatch.setattr(storage.schema, "SCHEMA_VERSION", len(steps))
    monkeypatch.setattr(storage.database, "SCHEMA_VERSION", len(steps))


def test_a_new_step_migrates_with_a_copy_taken_first(data_dir, monkeypatch):
    path = data_dir / "pm-workload.db"
    with open_store(path) as db, db.transaction():
        db.conn.execute("INSERT INTO settings (key, value) VALUES ('strategic_target', '60')")
    old_version = _user_version(path)

    _with_steps(monkeypatch, (*STEPS, _fake_step))
    with open_store(path, now=MIGRATED_AT) as db:
        assert db.scalar("PRAGMA user_version") == old_version + 1
        assert db.scalar("SELECT count(*) FROM fake_step_ran") == 0
        assert "colour" in {r[1] for r in db.all("PRAGMA table_info(tasks)")}
        assert db.scalar("SELECT value FROM settings WHERE key = 'strategic_target'") == "60"

    copies = [b.path for b in list_backups(path)]
    assert len(copies) == 1
    assert f"before-v{old_version + 1}" in copies[0].name
    assert _user_version(copies[0]) == old_version
    conn = _raw(copies[0])
    assert conn.execute("SELECT value FROM settings WHERE key = 'strategic_target'").fetchone()[0] == "60"
    assert "fake_step_ran" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()


def test_an_old_database_is_brought_up_to_date_step_by_step(data_dir, monkeypatch):
    if SCHEMA_VERSION < 2:
        pytest.skip("only one schema step so far")
    path = data_dir / "pm-workload.db"
    with monkeypatch.context() as patch:
        _with_steps(patch, STEPS[:1])
        _create(path)
    assert _user_version(path) == 1
    with open_store(path, now=MIGRATED_AT) as db:
        assert db.scalar("PRAGMA user_version") == SCHEMA_VERSION
        applied = [r[0] for r in db.all("SELECT name FROM _sqlite_migrations ORDER BY id")]
        assert len(applied) == SCHEMA_VERSION
    copies = [b.path for b in list_backups(path)]
    assert len(copies) == 1 and _user_version(copies[0]) == 1


def test_a_failing_step_is_rolled_back_and_the_version_stays(data_dir, monkeypatch):
    path = data_dir / "pm-workload.db"
    _create(path)
    old_version = _user_version(path)

    def broken_step(db) -> None:
        db.execute("CREATE TABLE half_done (id INTEGER)")
        raise RuntimeError("step failed half way")

    _with_steps(monkeypatch, (*STEPS, broken_step))
    with pytest.raises(RuntimeError):
        open_store(path, now=MIGRATED_AT)
    assert _user_version(path) == old_version
    conn = _raw(path)
    assert "half_done" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()

    # With the step mended, the next start migrates.
    _with_steps(monkeypatch, (*STEPS, _fake_step))
    with open_store(path, now=MIGRATED_AT) as db:
        assert db.scalar("PRAGMA user_version") == old_version + 1


def test_a_failed_first_creation_can_be_retried(data_dir, monkeypatch):
    """A crash or a full disk while creating the schema must not brand the file as foreign."""
    path = data_dir / "pm-workload.db"

    def broken_first_step(db) -> None:
        raise RuntimeError("disk full, say")

    with monkeypatch.context() as patch:
        _with_steps(patch, (broken_first_step, *STEPS[1:]))
        with pytest.raises(RuntimeError):
            open_store(path)
    with open_store(path) as db:
        assert db.scalar("SELECT count(*) FROM categories") == 15


# -- transactions -----------------------------------------------------------------------
class _Boom(Exception):
    """An error raised on purpose inside a transaction."""


def test_a_failed_transaction_rolls_back(store):
    with pytest.raises(_Boom), store.transaction():
        store.conn.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
        raise _Boom
    assert store.scalar("SELECT count(*) FROM settings") == 0
    assert not store.conn.in_transaction


def test_a_failed_nested_block_rolls_back_only_itself(store):
    with store.transaction():
        store.conn.execute("INSERT INTO settings (key, value) VALUES ('outer', '1')")
        with pytest.raises(_Boom), store.transaction():
            store.conn.execute("INSERT INTO settings (key, value) VALUES ('inner', '2')")
            raise _Boom
    assert {r[0] for r in store.all("SELECT key FROM settings")} == {"outer"}


def test_a_locked_database_is_a_storage_error(store, monkeypatch):
    other = _raw(store.path)
    other.execute("BEGIN IMMEDIATE")
    store.conn.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StorageError) as raised, store.transaction():
            pass
        assert "another program" in str(raised.value)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_programming_error_is_not_hidden_as_a_storage_error(store):
    with pytest.raises(sqlite3.OperationalError) as raised:
        store.all("SELECT no_such_column FROM entries")
    assert not isinstance(raised.value, StorageError)


def test_a_failed_commit_rolls_back_and_the_next_write_works(store):
    with pytest.raises(sqlite3.IntegrityError), store.transaction():
        # Checked at COMMIT: the entry's task does not exist.
        store.conn.execute("PRAGMA defer_foreign_keys = ON")
        store.conn.execute("INSERT INTO settings (key, value) VALUES ('lost', '1')")
        store.conn.execute(
            "INSERT INTO entries (task_id, day, minutes, kind, created_at, updated_at) "
            "VALUES (999, '2026-11-24', 5, 'operational', 'x', 'x')")
    assert not store.conn.in_transaction
    with store.transaction():
        store.conn.execute("INSERT INTO settings (key, value) VALUES ('kept', '1')")
    assert {r[0] for r in store.all("SELECT key FROM settings")} == {"kept"}
