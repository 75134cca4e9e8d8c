"""Opening the SQLite file safely, transactions, and turning disk failures into StorageError."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from storage.backups import make_backup
from storage.errors import NotOurDatabaseError, SchemaTooNewError, StorageError, translate
from storage.files import connect_new, sqlite_uri
from storage.paths import ensure_private_dir
from storage.schema import APPLICATION_ID, SCHEMA_VERSION, migrate

BUSY_TIMEOUT_MS = 5000
# What sqlite3 binds to a query's placeholders: by position or by name.
Params = Sequence[Any] | Mapping[str, Any]


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """Return the rowid the INSERT just run on ``cursor`` gave its row."""
    return cast(int, cursor.lastrowid)  # None only before any INSERT on the cursor


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
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    # A failed COMMIT (a deferred foreign key, a full disk) leaves the
                    # transaction open, and every later BEGIN would fail: end it, as
                    # sqlite-utils' atomic() does.
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            else:
                self.conn.execute(f"RELEASE sp{self._depth}")

    # -- reads --------------------------------------------------------------------------
    def all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Return every row of a query."""
        with self.guard():
            return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """Return the first row of a query, or None."""
        with self.guard():
            return self.conn.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Params = ()) -> Any:
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


def open_store(path: Path, readonly: bool = False, now: datetime | None = None) -> Store:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    A file that is not ours, or from a newer version, is refused and left untouched.
    Before an existing database is migrated, a copy of it is taken beside it, named by
    ``now``, the time of the caller's clock: needed only when migrating (storage reads no clock).
    The file is only ever opened through SQLite: this process may hold other connections to
    it, and closing any other descriptor on it would drop their locks (see connect_new).

    ``readonly``: for commands that only read. An up-to-date file is opened so that nothing
    is written (query_only; ``mode=ro`` where the file or its folder is read-only; no journal
    mode, no migration), so a database on read-only media can be read; an older one is
    migrated as usual where it can be written, and said so where it cannot.
    """
    path = Path(path)
    where = str(path)
    if readonly and path.exists() and not path.is_dir():
        store = _open_readonly(path)
        if store is not None:
            return store
        try:
            return open_store(path, now=now)
        except StorageError as error:
            if "read-only" not in str(error):
                raise
            raise StorageError(
                f"{where} was written by an older version of PM Workload and must be updated "
                f"to this version's format (schema {SCHEMA_VERSION}) before it can be read, "
                "but it is read-only. Copy it to a folder you can write to and open the copy "
                "(--data-dir); the file was left untouched.", where) from error
    if path.exists():
        _check_is_sqlite(path)
    else:
        try:
            ensure_private_dir(path.parent)
        except OSError as error:
            raise StorageError(
                f"Could not create the database {where}: {error.strerror or error}.", where
            ) from error
    conn = connect_new(path, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.row_factory = sqlite3.Row
    store = Store(conn, path)
    try:
        with store.guard():
            version = _check_ours(conn, where)
            _apply_pragmas(conn)
            if version < SCHEMA_VERSION:
                if version > 0:
                    if now is None:  # a caller's mistake: the app always passes its clock's time
                        raise TypeError("open_store needs now= to name the copy taken before migrating")
                    make_backup(conn, path, f"before-v{SCHEMA_VERSION}", now)
                migrate(conn, version)
    except BaseException:
        conn.close()
        raise
    return store


def _open_readonly(path: Path) -> Store | None:
    """Return a read-only Store on an up-to-date database, or None when it needs migrating."""
    where = str(path)
    # Where the file could be written, SQLite's own -wal/-shm handling is kept (a mode=ro
    # connection can create them but never remove them) and query_only stops every write;
    # on read-only media or a read-only file, mode=ro.
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    if writable:
        _check_is_sqlite(path)
    try:
        conn = sqlite3.connect(sqlite_uri(path, "rw" if writable else "ro"), uri=True,
                               isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise (translate(error, where) or StorageError(f"Could not open {where}: {error}", where)) from error
    conn.row_factory = sqlite3.Row
    store = Store(conn, path)
    try:
        try:
            with store.guard():
                version = _check_ours(conn, where)
        except NotOurDatabaseError as error:
            if isinstance(error.__cause__, sqlite3.Error):  # not SQLite at all
                raise NotOurDatabaseError(
                    f"{where} is not a PM Workload database (not an SQLite file); it was left "
                    "untouched.", where) from error
            raise
        except StorageError as error:
            if not _cannot_make_shm(error, path):
                raise
            # A WAL database on read-only media without its -shm: nobody can be writing
            # it (nobody could create the -wal), so read it as an immutable file.
            conn.close()
            conn = sqlite3.connect(sqlite_uri(path, "ro") + "&immutable=1", uri=True,
                                   isolation_level=None)
            conn.row_factory = sqlite3.Row
            store = Store(conn, path)
            with store.guard():
                version = _check_ours(conn, where)
        if version < SCHEMA_VERSION:
            conn.close()
            return None
        # Connection settings only: nothing here writes to the file.
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only = ON")
    except BaseException:
        conn.close()
        raise
    return store


def _cannot_make_shm(error: StorageError, path: Path) -> bool:
    """Return True when a read-only open failed because the folder cannot take a -shm."""
    cause = error.__cause__
    code = getattr(cause, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN) and not os.access(
        path.parent, os.W_OK)


def _check_is_sqlite(path: Path) -> None:
    """Refuse a folder or a file that is not SQLite, reading its header through SQLite."""
    where = str(path)
    if path.is_dir():
        raise StorageError(f"{where} is a folder, not a database file.", where)
    try:
        probe = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
        try:
            # Reads the header (an empty file is a new database: 0); read-only, so a file
            # that is not ours is never written, not even by a journal beside it.
            probe.execute("PRAGMA schema_version").fetchone()
        finally:
            probe.close()
    except sqlite3.Error as error:
        translated = translate(error, where)
        if isinstance(translated, NotOurDatabaseError):
            raise NotOurDatabaseError(
                f"{where} is not a PM Workload database (not an SQLite file); it was left "
                "untouched.", where) from error
        raise (translated or StorageError(f"Could not read the database {where}: {error}.",
                                          where)) from error


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
