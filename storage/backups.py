"""Backups: copies of the database taken with SQLite's online backup API, in <data dir>/backups.

A copy is written under a temporary name and renamed when complete, so a backup that is
listed is always whole. Names carry the time and the reason:
``pm-workload-20261124T151800Z-daily.db``.
"""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from storage.errors import NotOurDatabaseError, SchemaTooNewError, StorageError
from storage.files import connect_new, sqlite_uri
from storage.paths import ensure_private_dir
from storage.schema import APPLICATION_ID, SCHEMA_VERSION

BACKUP_DIR = "backups"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<n>\d+))?-(?P<reason>[\w-]+)\.db$")


class BackupFile(NamedTuple):
    path: Path
    taken_at: datetime  # UTC
    reason: str
    size: int


def backup_dir(db_path: Path) -> Path:
    """Return the folder that holds the backups of ``db_path``."""
    return Path(db_path).parent / BACKUP_DIR


def make_backup(conn: sqlite3.Connection, db_path: Path, reason: str, now: datetime) -> Path:
    """Copy the open database into the backups folder and return the copy's path.

    ``now`` (the caller's clock) names the copy, so it sorts with the backups the same clock took.
    """
    folder = backup_dir(db_path)
    where = str(folder)
    reason = re.sub(r"[^\w-]+", "-", reason).strip("-") or "manual"
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    stem = Path(db_path).stem
    try:
        ensure_private_dir(folder)
        target = folder / f"{stem}-{stamp}-{reason}.db"
        n = 1
        while target.exists():  # two backups in one second
            target = folder / f"{stem}-{stamp}-{n}-{reason}.db"
            n += 1
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)  # left by a backup cut off halfway
        # Created by SQLite, never opened with os.open: see storage.database.connect_new.
        dest = connect_new(partial)
        try:
            conn.backup(dest)
            # A self-contained file: no -wal beside it.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.replace(partial, target)
    except sqlite3.Error as error:
        _remove_quietly(locals().get("partial"))
        raise StorageError(f"Could not write a backup into {where}: {error}.", where) from error
    except OSError as error:
        _remove_quietly(locals().get("partial"))
        raise StorageError(
            f"Could not write a backup into {where}: {error.strerror or error}.", where
        ) from error
    return target


def _remove_quietly(path: Path | None) -> None:
    if path is not None:
        try:
            path.unlink()
        except OSError:
            pass


def list_backups(db_path: Path) -> list[BackupFile]:
    """Return the backups of ``db_path``, newest first."""
    folder = backup_dir(db_path)
    found: list[tuple[datetime, int, BackupFile]] = []
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    except OSError as error:
        raise StorageError(f"Could not read the backups folder {folder}: {error.strerror}.",
                           str(folder)) from error
    for name in names:
        match = _NAME.match(name)
        if not match:
            continue
        path = folder / name
        try:
            info = path.stat()
        except OSError:
            continue
        taken = datetime.strptime(match["stamp"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        found.append((taken, info.st_mtime_ns, BackupFile(path, taken, match["reason"], info.st_size)))
    found.sort(key=lambda item: item[:2], reverse=True)
    return [item[2] for item in found]


def prune(db_path: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups; return what was deleted."""
    removed = []
    for backup in list_backups(db_path)[max(keep, 1):]:
        try:
            backup.path.unlink()
            removed.append(backup.path)
        except OSError:
            pass  # an undeletable old backup is no reason to fail
    return removed


def check_backup(path: Path) -> int:
    """Return the schema version of a backup that is a whole PM Workload database; else raise."""
    where = str(path)
    try:
        # Through SQLite only: the file picked may be the database this process has open.
        conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
            raise NotOurDatabaseError(f"{where} is not a PM Workload database.", where) from error
        raise StorageError(f"{where} cannot be read as a database: {error}.", where) from error
    if app_id != APPLICATION_ID:
        raise NotOurDatabaseError(f"{where} is not a PM Workload database.", where)
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"{where} was written by a newer version of PM Workload; update the app to use it.",
            where)
    if ok != "ok":
        raise StorageError(f"{where} is damaged ({ok}).", where)
    return version


def copy_into(source: Path, conn: sqlite3.Connection) -> None:
    """Replace the open database's content with the backup at ``source`` (one backup step)."""
    src = sqlite3.connect(sqlite_uri(source, "ro"), uri=True)
    try:
        src.backup(conn)
    finally:
        src.close()
