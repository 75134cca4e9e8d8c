"""Opening database files only through SQLite: creating one, and the URI that opens one.

A leaf module: the database, its backups and restores all open files this way.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from storage.errors import StorageError, translate


def sqlite_uri(path: Path, mode: str) -> str:
    """Return the ``file:`` URI that opens ``path`` with SQLite in ``mode`` (ro, rw, rwc)."""
    # as_uri() percent-encodes what would end the path early in a URI ('?', '#', '%').
    return f"{Path(path).absolute().as_uri()}?mode={mode}"


def connect_new(path: Path, timeout: float = 5.0) -> sqlite3.Connection:
    """Return a connection to ``path`` (autocommit), creating the file owner-only if missing.

    POSIX advisory locks belong to the process: closing *any* descriptor on a database file
    drops the locks every SQLite connection of the process holds on it (SQLite's "How To
    Corrupt", 2.2), and another process then deletes the -wal under our feet. So SQLite
    creates the file, and its mode is set by name, never through a descriptor of ours.
    """
    where = str(path)
    existed = path.exists()
    try:
        conn = sqlite3.connect(sqlite_uri(path, "rwc"), uri=True, isolation_level=None,
                               timeout=timeout)
    except sqlite3.Error as error:
        raise (translate(error, where) or StorageError(f"Could not open {where}: {error}", where)) from error
    if not existed and os.name == "posix":
        try:
            os.chmod(path, 0o600)  # before the -wal and -shm exist: SQLite gives them its mode
        except OSError:
            pass  # created by another process first: theirs, and in our private folder anyway
    return conn
