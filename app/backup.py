"""Backups and recovery: daily copies, restore (taking a copy of the current file first),
and what to do with a database that cannot be opened (set it aside, never overwrite it).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from app.changes import EVERYTHING
from app.clock import Clock
from app.errors import ValidationError
from storage import StorageError
from storage.backups import BackupFile, check_backup, copy_into, list_backups, make_backup, prune

AUTO_BACKUP_AGE = timedelta(days=1)


class Restored(NamedTuple):
    source: Path
    previous: Path  # where the file as it was before the restore was kept


def backups(db_path: Path) -> list[BackupFile]:
    """Return the backups of the database at ``db_path``, newest first."""
    return list_backups(db_path)


def backup_now(service, reason: str = "manual") -> Path:
    """Take a backup of the open database now, keep the newest N, and return its path."""
    path = make_backup(service.store.conn, service.store.path, reason, service.clock.now())
    prune(service.store.path, service.settings.get().backup_keep)
    return path


def auto_backup(service, now: datetime | None = None) -> Path | None:
    """Take the daily backup when the newest is over a day old; return it, or None if not due."""
    now = now or service.clock.now()
    latest = next(iter(list_backups(service.store.path)), None)
    if latest is not None and now - latest.taken_at < AUTO_BACKUP_AGE:
        return None
    if latest is None and service.entries.count() == 0:
        return None  # nothing worth keeping yet
    return backup_now(service, "daily")


def _checked_source(source: Path) -> None:
    try:
        check_backup(source)
    except StorageError as error:
        # The file the user picked is the problem, not the database in use.
        raise ValidationError(str(error), "backup") from None


def pick_backup(db_path: Path, source: str | os.PathLike[str] | None) -> Path:
    """Return the backup to restore: the one named, or the newest."""
    if source:
        path = Path(source).expanduser()
        if not path.is_file():
            raise ValidationError(f"There is no backup file {path}.", "backup")
        return path
    found = list_backups(db_path)
    if not found:
        raise ValidationError(f"There are no backups of {db_path} yet.", "backup")
    return found[0].path


def restore(service, source: Path) -> Restored:
    """Replace the open database's content with a backup, keeping a copy of it first."""
    _checked_source(source)
    previous = make_backup(service.store.conn, service.store.path, "before-restore",
                           service.clock.now())
    store = service.store
    with store.guard():
        copy_into(source, store.conn)
        version = store.conn.execute("PRAGMA user_version").fetchone()[0]
        from storage.schema import SCHEMA_VERSION, migrate

        if version < SCHEMA_VERSION:
            migrate(store.conn, version)
    service.refresh()
    service.changes.notify(*EVERYTHING)
    return Restored(source, previous)


def set_aside(db_path: Path, why: str, now: datetime) -> Path:
    """Rename a database that cannot be used (and its -wal/-shm) out of the way, under a name
    stamped with ``now``; return the new name. The bytes are untouched.

    Only renamed, never opened: a descriptor of ours closed on it would drop the locks of any
    connection this process still holds on it.
    """
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.with_name(f"{db_path.stem}.{why}-{stamp}{db_path.suffix}")
    try:
        os.replace(db_path, target)
        for suffix in ("-wal", "-shm"):
            side = Path(str(db_path) + suffix)
            if side.exists():
                os.replace(side, Path(str(target) + suffix))
    except OSError as error:
        raise StorageError(
            f"Could not move {db_path} aside: {error.strerror or error}.", str(db_path)
        ) from error
    return target


def restore_file(db_path: Path, source: Path, now: datetime) -> Restored:
    """Restore a backup in place of a database that cannot be opened (which is set aside,
    stamped with ``now``)."""
    _checked_source(source)
    previous = set_aside(db_path, "unusable", now) if db_path.exists() else db_path
    if db_path.exists():  # another process started a new file meanwhile: never overwrite it
        raise StorageError(f"{db_path} appeared while restoring; nothing was restored.",
                           str(db_path))
    from storage.files import connect_new

    dest = connect_new(db_path)  # SQLite creates the file: see connect_new
    try:
        copy_into(source, dest)
    finally:
        dest.close()
    return Restored(source, previous)


def _own_service(db_path: Path, clock: Clock):
    """Open a connection of the calling thread's own (workers cannot share the window's)."""
    from app.workload import WorkloadService
    from storage import open_store

    return WorkloadService(open_store(db_path, now=clock.now()), clock)


def backup_database(db_path: Path, clock: Clock, reason: str = "manual") -> Path:
    """Back up the database at ``db_path`` through a connection of this thread's own."""
    service = _own_service(db_path, clock)
    try:
        return backup_now(service, reason)
    finally:
        service.store.close()


def auto_backup_database(db_path: Path, clock: Clock) -> Path | None:
    """The daily backup, through a connection of this thread's own; None when not due."""
    service = _own_service(db_path, clock)
    try:
        return auto_backup(service)
    finally:
        service.store.close()
