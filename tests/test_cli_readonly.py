"""Commands that only read open the database read-only: nothing is written, not even a -wal,
and a database that cannot be written (read-only media, a read-only file) can still be read."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

import storage.database
import storage.schema
from app.cli import run
from storage import StorageError, open_store
from storage.paths import DB_FILENAME
from storage.schema import SCHEMA_VERSION

READING = [
    ["list"], ["list", "--format", "json"], ["report"], ["tasks"], ["export", "--output", "-"],
    ["export", "--summary", "--output", "-"], ["peers", "list"], ["peers", "compare"],
    ["timer", "status"],
]


@pytest.fixture
def data(tmp_path) -> Path:
    """A data dir with one entry, the database closed (no -wal beside it)."""
    folder = tmp_path / "data"
    assert run(["add", "Weekly status deck 45m ops #status", "--data-dir", str(folder)]) == 0
    assert not (folder / f"{DB_FILENAME}-wal").exists()
    return folder


def _state(folder: Path) -> tuple[bytes, int, list[str]]:
    db = folder / DB_FILENAME
    return db.read_bytes(), db.stat().st_mtime_ns, sorted(os.listdir(folder))


@pytest.mark.parametrize("words", READING, ids=" ".join)
def test_a_reading_command_writes_nothing(words, data, capsys):
    os.chmod(data / DB_FILENAME, 0o444)
    before = _state(data)
    assert run([*words, "--data-dir", str(data)]) == 0
    assert capsys.readouterr().err == ""
    assert _state(data) == before  # same bytes, same mtime, no -wal or -shm left


class _NoShmHere(sqlite3.Connection):
    """What SQLite answers for a WAL database on read-only media without its -shm."""

    def execute(self, *args, **kwargs):
        error = sqlite3.OperationalError("unable to open database file")
        error.sqlite_errorcode = sqlite3.SQLITE_CANTOPEN
        raise error


@pytest.fixture
def read_only_media(data, monkeypatch):
    """The data dir as if on read-only media (a CD, a read-only mount): tests run as root,
    for whom file modes stop nothing, so the folder says it is unwritable and SQLite cannot
    make the -shm; only an immutable open can read the file."""
    real_connect = sqlite3.connect

    def connect(database, *args, **kwargs):
        if str(data) in str(database) and "immutable=1" not in str(database):
            kwargs["factory"] = _NoShmHere
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(storage.database.sqlite3, "connect", connect)
    monkeypatch.setattr(storage.database.os, "access", lambda *_args: False)
    return data


@pytest.mark.parametrize("words", READING, ids=" ".join)
def test_a_reading_command_reads_a_database_on_read_only_media(words, read_only_media, capsys):
    before = _state(read_only_media)
    assert run([*words, "--data-dir", str(read_only_media)]) == 0
    assert capsys.readouterr().err == ""
    assert _state(read_only_media) == before


def test_a_read_only_open_refuses_writes(data):
    with open_store(data / DB_FILENAME, readonly=True) as store, \
            pytest.raises(StorageError) as raised, store.transaction():
        store.conn.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
    assert "read-only" in str(raised.value)


def test_an_unwritable_file_is_read_with_mode_ro(data, monkeypatch, capsys):
    # Tests run as root, for whom file modes do not stop writes: say the file is read-only.
    monkeypatch.setattr(storage.database.os, "access", lambda *_args: False)
    db = data / DB_FILENAME
    before = db.read_bytes(), db.stat().st_mtime_ns
    assert run(["list", "--data-dir", str(data)]) == 0
    assert "Weekly status deck" in capsys.readouterr().out
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before
    with open_store(db, readonly=True) as store:
        store.conn.execute("PRAGMA query_only = OFF")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):  # mode=ro itself
            store.conn.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")


def test_a_text_file_is_refused_untouched_by_a_reading_command(tmp_path, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_FILENAME).write_text("not a database\n")
    assert run(["list", "--data-dir", str(folder)]) == 1
    assert "not an SQLite file" in capsys.readouterr().err
    assert (folder / DB_FILENAME).read_text() == "not a database\n"
    assert os.listdir(folder) == [DB_FILENAME]


def _one_step_more(monkeypatch) -> None:
    """This version's schema gains a step: the database in the data dir is one behind."""
    def _reading_step(db) -> None:
        db.execute("CREATE TABLE reading_step_ran (x)")

    steps = (*storage.schema.STEPS, _reading_step)
    monkeypatch.setattr(storage.schema, "STEPS", steps)
    monkeypatch.setattr(storage.schema, "SCHEMA_VERSION", len(steps))
    monkeypatch.setattr(storage.database, "SCHEMA_VERSION", len(steps))


def _user_version(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_an_older_database_is_migrated_by_a_reading_command_where_it_can_be(data, monkeypatch):
    _one_step_more(monkeypatch)
    assert run(["list", "--data-dir", str(data)]) == 0
    assert _user_version(data / DB_FILENAME) == SCHEMA_VERSION + 1


def test_a_read_only_older_database_says_it_needs_updating(data, monkeypatch, capsys):
    db = data / DB_FILENAME
    before = db.read_bytes()
    _one_step_more(monkeypatch)

    def read_only_media(path, timeout=5.0):  # as root, only SQLite's mode=ro stops writes
        return sqlite3.connect(storage.database.sqlite_uri(path, "ro"), uri=True,
                               isolation_level=None)

    monkeypatch.setattr(storage.database, "connect_new", read_only_media)
    monkeypatch.setattr(storage.database.os, "access", lambda *_args: False)
    assert run(["list", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "older version" in err and "read-only" in err and str(db) in err
    assert db.read_bytes() == before
