"""Exporting entries to CSV: every entry of a range, or a summary without titles and notes.

RFC 4180: comma-separated, fields quoted when they hold a comma, a quote or a line break,
CRLF between records, UTF-8 (with a BOM for Excel when asked). Text cells are made
spreadsheet-safe (see app.exchange.csv_file). Written to a temporary file beside the target and
renamed when complete, so a cancelled or failed export leaves no half-written file (a FIFO
or a device is written straight into; a symlink's target is written). A full disk is a
StorageError, not bad input.
Both functions may run off the GUI thread with their own Store (open_store(path)).
"""

from __future__ import annotations

import csv
import errno
import hmac
import os
import stat
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.errors import ValidationError
from app.exchange.csv_file import (
    ENTRY_COLUMNS,
    SUMMARY_COLUMNS,
    SUMMARY_MARK,
    SUMMARY_VERSION,
    CancelFlag,
    Progress,
    check_cancel,
    refuse_database_file,
    safe_cell,
)
from app.exchange.peers import clean_label
from app.weeks import week_label
from storage import StorageError, csv_queries

if TYPE_CHECKING:
    from app.workload import WorkloadService

_PROGRESS_EVERY = 1000


def export_entries(
    service: WorkloadService, target: str | os.PathLike[str] | TextIO, first: date, last: date, *,
    excel: bool = False, progress: Progress | None = None, cancelled: CancelFlag | None = None,
) -> int:
    """Write the entries from ``first`` to ``last`` as CSV; return how many were written.

    ``target`` is a path, or a text stream opened with newline="". ``progress(done, total)``
    is called every few thousand rows; ``cancelled()`` returning True stops the export
    (raising Cancelled) and leaves no file behind.
    """
    store = service.store
    start, end = first.isoformat(), last.isoformat()
    total = csv_queries.count_entries_between(store, start, end) if progress else 0
    # SQLite writes each row's line (quoted and spreadsheet-safe as safe_cell and csv.writer
    # would): five times fewer Python objects than formatting tuples here.
    lines = csv_queries.export_lines(store, start, end, batch=_PROGRESS_EVERY)

    def write(out: TextIO) -> int:
        check_cancel(cancelled)
        csv.writer(out).writerow(ENTRY_COLUMNS)
        count = 0
        for text, rows in lines:
            out.write(text)
            count += rows
            if progress:
                progress(count, max(total, count))
            check_cancel(cancelled)
        if progress:
            progress(count, max(total, count))
        return count

    return _write_to(target, excel, write, service.store.path)


def export_summary(
    service: WorkloadService, target: str | os.PathLike[str] | TextIO, first: date, last: date, *,
    label: str | None = None, excel: bool = False, progress: Progress | None = None,
    cancelled: CancelFlag | None = None,
) -> int:
    """Write hours per week x task x category x kind, no titles and no notes; return the rows.

    Weeks follow the week-start setting and are labelled by ISO week (2026-W48). A task is
    named by a key hashed with a salt made for this file, so keys match within one file and
    nowhere else. ``label`` ("Anna") names the PM in the team report instead of "PM 1".
    """
    rows = csv_queries.summary_task_rows(service.store, first.isoformat(), last.isoformat(),
                                         service.settings.get().week_start)
    salt = os.urandom(16)
    keys: dict[int, str] = {}
    head = summary_preamble(first, min(last, service.clock.today()),
                            clean_label(label) if label else None)

    def write(out: TextIO) -> int:
        check_cancel(cancelled)
        writer = csv.writer(out)
        for line in head:
            writer.writerow((line,))
        writer.writerow(SUMMARY_COLUMNS)
        for done, (week_start, task_id, category, kind, minutes, checklist, needed,
                   handoff) in enumerate(rows, 1):
            key = keys.get(task_id)
            if key is None:
                key = keys[task_id] = hmac.new(salt, str(task_id).encode(), "sha256").hexdigest()[:12]
            writer.writerow((week_label(date.fromisoformat(week_start)), week_start,
                             safe_cell(category), kind, f"{minutes / 60:.2f}", key,
                             checklist or "", needed or "", handoff))
            if not done % _PROGRESS_EVERY:
                if progress:
                    progress(done, len(rows))
                check_cancel(cancelled)
        if progress:
            progress(len(rows), len(rows))
        return len(rows)

    return _write_to(target, excel, write, service.store.path)


def summary_preamble(first: date, last: date, label: str | None = None) -> list[str]:
    """Return the comment lines a summary starts with: what it holds, its days, its label.

    The export dialog shows the same lines before saving.
    """
    lines = [f"{SUMMARY_MARK}{SUMMARY_VERSION}: {first.isoformat()} to {last.isoformat()}",
             "# Holds hours per week by category and kind; per task an opaque key (not its "
             "title) with its checklist rating (1-5) and needed and hand-off status. "
             "No titles and no notes."]
    if label:
        lines.append(f"# label: {label}")
    return lines


def _write_to(target, excel: bool, write, db_path: Path) -> int:
    """Run ``write(stream)`` on a stream or, for a path, on a temp file renamed when done.

    A symlink is followed: its target is written (the temp file beside the target), so the
    link stays a link. A FIFO or a device (/dev/stdout) is written straight into: replacing
    it with a plain file would leave its reader with nothing.
    """
    if not isinstance(target, (str, os.PathLike)):
        if excel:
            target.write("\ufeff")
        return write(target)
    given = Path(target)
    refuse_database_file(given, db_path, "export to")
    path = Path(os.path.realpath(given))
    encoding = "utf-8-sig" if excel else "utf-8"
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise ValidationError(f"{given} is a folder; give a file name to export to.", "output")
    if info is not None and not stat.S_ISREG(info.st_mode):
        try:
            with open(path, "w", encoding=encoding, newline="") as out:
                return write(out)
        except OSError as error:
            raise _write_error(given, error) from None
    # A new file in the target's folder, with the permissions an ordinary new file gets.
    temp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.partial")
    try:
        fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
    except OSError as error:
        if error.errno in _ENVIRONMENT:
            raise _write_error(given, error) from None
        raise ValidationError(
            f"Could not write into {path.parent}: {error.strerror or error}.", "output") from None
    try:
        with open(fd, "w", encoding=encoding, newline="") as out:
            count = write(out)
        os.replace(temp, path)
    except BaseException as error:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise _write_error(given, error) from None
        raise
    return count


# Failures of the disk rather than of the path the user gave: the exit code of storage errors.
_ENVIRONMENT = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
                errno.EIO: "the disk reported an input/output error"}


def _write_error(path: Path, error: OSError) -> Exception:
    """Return the error to raise for a failed write: StorageError when the disk failed (full,
    quota, I/O), else ValidationError (the path cannot be written)."""
    if error.errno in _ENVIRONMENT:
        return StorageError(f"Could not write {path}: {_ENVIRONMENT[error.errno]}; nothing was "
                            "exported (no partial file was left).", str(path))
    return ValidationError(f"Could not write {path}: {error.strerror or error}.", "output")
