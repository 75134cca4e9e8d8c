"""Where the data lives, and which SQLite failures become a StorageError with a clear message."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from storage import NotOurDatabaseError, StorageError, database_path, resolve_data_dir
from storage.errors import DamagedDatabaseError, is_environmental, translate
from storage.paths import DATA_DIR_ENV, default_data_dir


def test_an_explicit_dir_beats_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert resolve_data_dir() == tmp_path / "env"
    assert resolve_data_dir("") == tmp_path / "env"


def test_without_an_override_the_platform_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv(DATA_DIR_ENV)
    assert resolve_data_dir() == default_data_dir()
    assert default_data_dir().name == "pm-workload"
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
        assert resolve_data_dir() == tmp_path / "xdg" / "pm-workload"


def test_a_home_relative_dir_is_expanded(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_data_dir("~/pm") == tmp_path / "pm"


def test_database_path():
    assert database_path(Path("/x")) == Path("/x/pm-workload.db")


@pytest.mark.parametrize(("message", "says", "cls"), [
    ("database is locked", "locked", StorageError),
    ("attempt to write a readonly database", "read-only", StorageError),
    ("database or disk is full", "disk is full", StorageError),
    ("disk I/O error", "input/output", StorageError),
    ("database disk image is malformed", "damaged", DamagedDatabaseError),
    ("file is not a database", "not a PM Workload database", NotOurDatabaseError),
    ("unable to open database file", "cannot be opened", StorageError),
])
def test_environmental_errors_become_storage_errors_naming_the_file(message, says, cls):
    error = sqlite3.OperationalError(message)
    assert is_environmental(error)
    translated = translate(error, "/data/pm-workload.db")
    assert type(translated) is cls
    assert says in str(translated) and "/data/pm-workload.db" in str(translated)


@pytest.mark.parametrize("error", [
    sqlite3.OperationalError("no such column: colour"),
    sqlite3.OperationalError('near "SELEC": syntax error'),
    sqlite3.IntegrityError("UNIQUE constraint failed: tasks.title_key"),
])
def test_bugs_are_not_dressed_up_as_storage_errors(error):
    assert not is_environmental(error)
    assert translate(error, "/data/pm-workload.db") is None


def _io_error(extended_code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode = extended_code
    return error


SHMOPEN, SHMSIZE = 10 | (18 << 8), 10 | (19 << 8)


@pytest.mark.parametrize("code", [SHMOPEN, SHMSIZE])
def test_an_shm_error_on_a_full_disk_says_the_disk_is_full(code, monkeypatch, tmp_path):
    import os

    real = os.statvfs(tmp_path)
    full = os.statvfs_result((real.f_bsize, real.f_frsize, real.f_blocks, 0, 0, *real[5:]))
    monkeypatch.setattr(os, "statvfs", lambda _path: full)
    translated = translate(_io_error(code), str(tmp_path / "pm-workload.db"))
    assert "the disk is full" in str(translated)
    assert "input/output" not in str(translated)


def test_an_shm_error_with_room_on_the_disk_names_the_shm_file(tmp_path):
    translated = translate(_io_error(SHMOPEN), str(tmp_path / "pm-workload.db"))
    assert "-shm" in str(translated) and "disk may be full" in str(translated)
    assert "input/output" not in str(translated)


def test_another_io_error_with_room_on_the_disk_stays_an_io_error(tmp_path):
    translated = translate(_io_error(10 | (3 << 8)), str(tmp_path / "pm-workload.db"))
    assert "input/output" in str(translated)
