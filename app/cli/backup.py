"""`backup` and `restore`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import open_service
from app.display import plural
from app.errors import ValidationError


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    backup = commands.add_parser(
        "backup", parents=[common], help="back up the database now (or list the backups)",
        description="Copy the database into <data dir>/backups with SQLite's online backup. "
        "The newest 14 are kept (setting backup_keep); the window also takes one a day.",
    )
    backup.add_argument("--list", action="store_true", help="list the backups, newest first")
    backup.set_defaults(func=cmd_backup)

    restore = commands.add_parser(
        "restore", parents=[common], help="restore the database from a backup",
        description="Replace the database with a backup (the newest when no FILE is given). "
        "The current file is backed up first; one that cannot be opened is moved aside, "
        "never overwritten.",
    )
    restore.add_argument("file", nargs="?", metavar="FILE", help="a backup file")
    restore.add_argument("--yes", action="store_true", help="do not ask before restoring")
    restore.set_defaults(func=cmd_restore)


def _db_path(args: argparse.Namespace) -> Path:
    from storage import database_path, resolve_data_dir

    return database_path(resolve_data_dir(args.data_dir))


def cmd_backup(args: argparse.Namespace) -> int:
    from app import backup

    if args.list:
        found = backup.backups(_db_path(args))
        if not found:
            print("No backups yet.")
        for item in found:
            local = item.taken_at.astimezone()
            print(f"{local:%Y-%m-%d %H:%M}  {item.reason:<15} {item.size / 1024:>8.0f} KB  {item.path}")
        return 0
    service = open_service(args)
    path = backup.backup_now(service)
    print(f"Backed up {plural(service.entries.count(), 'entry', 'entries')} to {path}")
    return 0


def _confirm(question: str, yes: bool) -> None:
    if yes:
        return
    if not sys.stdin or not sys.stdin.isatty():
        raise ValidationError(f"{question} Add --yes to restore without asking.", "restore")
    answer = input(f"{question} [y/N] ").strip().casefold()
    if answer not in ("y", "yes"):
        raise ValidationError("Nothing was restored.", "restore")


def cmd_restore(args: argparse.Namespace) -> int:
    from app import backup
    from storage import StorageError

    db_path = _db_path(args)
    source = backup.pick_backup(db_path, args.file)
    try:
        service = open_service(args)
    except StorageError as error:
        # The current file cannot be used: move it aside untouched and restore beside it.
        _confirm(f"{error}\nRestore {source.name} in its place (the file is kept, renamed)?",
                 args.yes)
        done = backup.restore_file(db_path, source, args.clock.now())
        print(f"Restored {source} into {db_path}.\nThe unusable file was kept as {done.previous}.")
        return 0
    _confirm(f"Replace the {plural(service.entries.count(), 'entry', 'entries')} in {db_path} "
             f"with {source.name}? A backup of the current file is taken first.", args.yes)
    done = backup.restore(service, source)
    print(f"Restored {source} ({plural(service.entries.count(), 'entry', 'entries')}).\n"
          f"The database as it was is kept as {done.previous}.")
    return 0
