"""Storage errors: the environmental failures a user can do something about."""

from __future__ import annotations

import os
import sqlite3

# Primary SQLite result codes (the low byte of an extended code).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_NOMEM = 7
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26
# Extended I/O error codes of the -shm file (the WAL's shared-memory index): creating it,
# growing it, mapping it. On a full disk SQLite reports these, not SQLITE_FULL.
_SHM_IOERRS = {_SQLITE_IOERR | (18 << 8), _SQLITE_IOERR | (19 << 8), _SQLITE_IOERR | (21 << 8)}
# Below this much free space an I/O error is most likely the disk being full.
_NEARLY_FULL_BYTES = 1 << 20

_MESSAGES = {
    _SQLITE_PERM: "permission to the database file was denied",
    _SQLITE_BUSY: "the database is busy in another program; try again in a moment",
    _SQLITE_LOCKED: "the database is locked by another program; try again in a moment",
    _SQLITE_NOMEM: "the computer ran out of memory",
    _SQLITE_READONLY: "the database file or its folder is read-only",
    _SQLITE_IOERR: "the disk reported an input/output error",
    _SQLITE_CORRUPT: "the database file is damaged",
    _SQLITE_FULL: "the disk is full",
    _SQLITE_CANTOPEN: "the database file cannot be opened (check the folder exists and is writable)",
    _SQLITE_NOTADB: "the file is not a PM Workload database",
}


class StorageError(Exception):
    """A failure of the disk or the database file, not of the program or the input.

    ``str(error)`` is a complete sentence for the user, naming the file.
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class SchemaTooNewError(StorageError):
    """The database was written by a newer version of PM Workload."""


class NotOurDatabaseError(StorageError):
    """The file exists but is not a PM Workload database (or not SQLite at all)."""


class DamagedDatabaseError(StorageError):
    """SQLite reports the file as corrupt."""


# The database file itself is unusable (as opposed to a locked, read-only or full disk):
# restoring a backup or starting a new file can help.
UNUSABLE_FILE_ERRORS = (NotOurDatabaseError, SchemaTooNewError, DamagedDatabaseError)


def is_environmental(error: sqlite3.Error) -> bool:
    """Return True when a sqlite3 error comes from the environment, not from a bug."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return isinstance(error, sqlite3.OperationalError) and _guess_code(error) is not None
    return (code & 0xFF) in _MESSAGES


def _guess_code(error: sqlite3.Error) -> int | None:
    text = str(error).lower()
    for needle, code in (
        ("locked", _SQLITE_LOCKED),
        ("readonly", _SQLITE_READONLY),
        ("read-only", _SQLITE_READONLY),
        ("disk is full", _SQLITE_FULL),
        ("disk i/o", _SQLITE_IOERR),
        ("malformed", _SQLITE_CORRUPT),
        ("not a database", _SQLITE_NOTADB),
        ("unable to open", _SQLITE_CANTOPEN),
    ):
        if needle in text:
            return code
    return None


def translate(error: sqlite3.Error, path: str | None) -> StorageError | None:
    """Return a StorageError for an environmental sqlite3 error, or None for a bug."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = (code & 0xFF) if code is not None else _guess_code(error)
    if primary not in _MESSAGES:
        return None
    where = f" ({path})" if path else ""
    cls = {_SQLITE_NOTADB: NotOurDatabaseError, _SQLITE_CORRUPT: DamagedDatabaseError}.get(
        primary, StorageError)
    message = _MESSAGES[primary]
    if primary == _SQLITE_IOERR:
        if path and _disk_is_full(path):
            message = _MESSAGES[_SQLITE_FULL]
        elif code in _SHM_IOERRS:
            message = ("its shared-memory file (the -shm beside it) could not be created or "
                       "grown; the disk may be full, or the folder may not allow new files")
    return cls(f"Could not use the database{where}: {message}.", path)


def _disk_is_full(path: str) -> bool:
    """Return True when the disk holding ``path`` has (next to) no free space left."""
    try:
        # statvfs reads the file system by name: no descriptor on the database (POSIX locks).
        info = os.statvfs(os.path.dirname(os.path.abspath(path)))
    except (AttributeError, OSError):  # AttributeError: not on Windows
        return False
    free = info.f_bfree if hasattr(os, "geteuid") and os.geteuid() == 0 else info.f_bavail
    return free * info.f_frsize < _NEARLY_FULL_BYTES
