"""Opening the SQLite file safely, transactions, and turning disk failures into StorageError."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storage.errors import NotOurDatabaseError, SchemaTooNewError, StorageError, translate
from storage.paths import ensure_private_dir
from storage.schema import APPLICATION_ID, SCHEMA_VERSION, migrate

_SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


class Store:
    """One SQLite connection with the app's pragmas; use it from the thread that opened it."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._depth = 0

    # -- errors -------------------------------------------------------------------------
    @contextmanager
    def guard(self) -> Iterator[None]:
        """Turn an environmental sqlite3 error raised inside into a StorageError."""
        try:
            yield
        except sqlite3.Error as error:
            translated = translate(error, str(self.path))
            if translated is None:
                raise
            raise translated from error

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block as one write transaction (a savepoint when nested); roll back on error."""
        with self.guard():
            if self._depth == 0:
                # IMMEDIATE takes the write lock up front, so a busy database fails here
                # (after the busy timeout) rather than half way through the block.
                self.conn.execute("BEGIN IMMEDIATE")
            else:
                self.conn.execute(f"SAVEPOINT sp{self._depth}")
            self._depth += 1
            try:
                yield self.conn
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                else:
                    self.conn.execute(f"ROLLBACK TO sp{self._depth}")
                    self.conn.execute(f"RELEASE sp{self._depth}")
                raise
            self._depth -= 1
            if self._depth == 0:
                self.conn.execute("COMMIT")
            else:
                self.conn.execute(f"RELEASE sp{self._depth}")

    # -- reads --------------------------------------------------------------------------
    def all(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        """Return every row of a query."""
        with self.guard():
            return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: tuple | dict = ()) -> sqlite3.Row | None:
        """Return the first row of a query, or None."""
        with self.guard():
            return self.conn.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: tuple | dict = ()) -> Any:
        """Return the first column of the first row, or None."""
        row = self.one(sql, params)
        return None if row is None else row[0]

    def data_version(self) -> int:
        """Return a number that changes whenever another connection commits to the file."""
        return int(self.scalar("PRAGMA data_version"))

    def close(self) -> None:
        """Close the connection (a WAL checkpoint happens on the last close)."""
        with self.guard():
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: Path, now: datetime | None = None) -> Store:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    A file that is not ours, or from a newer version, is refused and left untouched.
    Before an existing database is migrated, a copy of it is taken beside it, named by
    ``now`` (the caller's clock; the app always passes it).
    """
    path = Path(path)
    where = str(path)
    if path.exists():
        _check_is_sqlite(path)
    else:
        try:
            ensure_private_dir(path.parent)
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
        except FileExistsError:
            pass  # another process created it first: open theirs
        except OSError as error:
            raise StorageError(
                f"Could not create the database {where}: {error.strerror or error}.", where
            ) from error

    try:
        conn = sqlite3.connect(where, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise (translate(error, where) or StorageError(f"Could not open {where}: {error}", where)) from error
    conn.row_factory = sqlite3.Row
    store = Store(conn, path)
    try:
        with store.guard():
            version = _check_ours(conn, where)
            _apply_pragmas(conn)
            if version < SCHEMA_VERSION:
                if version > 0:
                    # Without a clock (tests, scripts) the system time names the copy.
                    backup_copy(conn, path, f"before-v{SCHEMA_VERSION}", now or datetime.now(UTC))
                migrate(conn, version)
    except BaseException:
        conn.close()
        raise
    return store


def _check_is_sqlite(path: Path) -> None:
    where = str(path)
    if path.is_dir():
        raise StorageError(f"{where} is a folder, not a database file.", where)
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as error:
        raise StorageError(
            f"Could not read the database {where}: {error.strerror or error}.", where
        ) from error
    if header and header != _SQLITE_HEADER:
        raise NotOurDatabaseError(
            f"{where} is not a PM Workload database (not an SQLite file); it was left untouched.",
            where,
        )


def _check_ours(conn: sqlite3.Connection, where: str) -> int:
    """Return the schema version, refusing a foreign or newer database before any write."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    has_tables = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchone()[0]
    if app_id != APPLICATION_ID and (app_id != 0 or has_tables):
        raise NotOurDatabaseError(
            f"{where} is an SQLite database of another program, not PM Workload's; "
            "it was left untouched.",
            where,
        )
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"{where} was written by a newer version of PM Workload (schema {version}, "
            f"this version reads up to {SCHEMA_VERSION}). Update the app; the file was left "
            "untouched.",
            where,
        )
    return version


def _apply_pragmas(conn: sqlite3.Connection) -> None:
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit is on disk (WAL synced) before the app says "saved".
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def backup_copy(conn: sqlite3.Connection, path: Path, reason: str, now: datetime) -> Path:
    """Copy the database into its backups folder with SQLite's online backup; return the copy
    (named by ``now``, the caller's clock)."""
    from storage.backups import make_backup

    return make_backup(conn, path, reason, now)
