"""Import batches: every import of entries is one batch, so that it can be undone as one.

Undoing the last import removes, in one transaction after a backup copy of the database, the
batch's entries, and the tasks and categories the import created that nothing uses any more.
An imported entry the PM has changed since (edited its minutes, kind, note, …) is kept, and
the undo says how many were kept: a change made by hand is work of theirs an undo should not
throw away; they can delete those entries themselves. A task the PM has judged since
(checklist, needed, note) is kept for the same reason. Peers' summaries are not entries and
are not batches: a peer is removed with ``pm-workload peers remove``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from app.changes import Change
from app.display import plural
from app.errors import ValidationError
from storage import csv_queries

if TYPE_CHECKING:
    from app.workload import WorkloadService

__all__ = ["ImportBatch", "UndoneImport", "backed_up_write", "has_import_to_undo", "last_import",
           "undo_last_import"]


class ImportBatch(NamedTuple):
    """An import that can be undone: where it came from, when, and what is left of it."""

    id: int
    source: str           # the file's name
    format: str           # its format's label (PM Workload entries CSV, Toggl Track, …)
    imported_at: datetime  # UTC
    entries: int          # entries it wrote
    remaining: int        # of those, still there
    edited: int           # of those, changed since the import (kept by an undo)

    def describe(self) -> str:
        """Return the batch in a sentence: file, when, how many entries."""
        when = self.imported_at.astimezone().strftime("%a %d %b %Y %H:%M")
        gone = self.entries - self.remaining
        text = (f"{self.source} ({self.format}), imported {when}: "
                f"{plural(self.remaining, 'entry', 'entries')}")
        if gone:
            text += f" ({gone:,} of the {self.entries:,} imported were deleted since)"
        return text + "."


class UndoneImport(NamedTuple):
    batch: ImportBatch
    entries: int           # entries removed
    kept: int              # entries kept because they were changed since the import
    tasks: int             # tasks removed (created by the import, now unused)
    categories: int        # categories removed (created by the import, now unused)
    backup: Path
    changed: tuple[str, ...]

    def summary(self) -> str:
        """Return what the undo did, in a sentence for the status bar or the terminal."""
        text = f"Undid the import of {self.batch.source}: removed {plural(self.entries, 'entry', 'entries')}"
        extra = [plural(self.tasks, "task")] if self.tasks else []
        if self.categories:
            extra.append(plural(self.categories, "category", "categories"))
        if extra:
            text += f" and {' and '.join(extra)} it had created"
        if self.kept:
            text += (f"; kept {plural(self.kept, 'entry', 'entries')} you changed since the "
                     "import (delete them yourself if you want them gone)")
        return text + "."


def has_import_to_undo(service: WorkloadService) -> bool:
    """Return True when there is an import that can be undone (cheap: for a menu's state)."""
    return csv_queries.has_batch_to_undo(service.store)


def last_import(service: WorkloadService) -> ImportBatch | None:
    """Return the newest import not undone yet, or None."""
    row = csv_queries.last_batch(service.store)
    if row is None:
        return None
    return ImportBatch(row["id"], row["source"], row["format"],
                       datetime.fromisoformat(row["imported_at"]), row["entries"],
                       row["remaining"], row["edited"])


@contextmanager
def backed_up_write(service: WorkloadService, reason: str) -> Iterator[Path]:
    """Take a backup copy of the database, then run the block as one write transaction.

    Yields the backup's path. When the block or the transaction fails (the database busy in
    another program, a cancel, a full disk), nothing was written, so the backup is removed:
    no stray copy is left for a change that never happened. (SQLite cannot copy a database
    through a connection that holds its write lock, so the copy comes first.)
    """
    from app.backup import backup_now

    path = backup_now(service, reason)
    try:
        with service.store.transaction():
            yield path
    except BaseException:
        try:
            path.unlink()
        except OSError:
            pass
        raise


def undo_last_import(service: WorkloadService, batch_id: int | None = None) -> UndoneImport:
    """Undo the newest import (``batch_id``: only if it is still that one); return what was done.

    Takes a backup copy first; one transaction. Raises ValidationError when there is none.
    """
    batch = last_import(service)
    if batch is None:
        raise ValidationError("There is no import to undo.", "import")
    if batch_id is not None and batch.id != batch_id:
        raise ValidationError("The last import changed since it was shown (another import or "
                              "undo happened); look again before undoing.", "import")
    with backed_up_write(service, "before-undo-import") as backup:
        # Read again inside the write transaction: another program may have changed it.
        current = last_import(service)
        if current is None or current.id != batch.id:
            raise ValidationError("The last import was undone or replaced in the meantime; "
                                  "nothing was changed.", "import")
        entries, tasks, categories = csv_queries.undo_batch(service.store, batch.id, service.clock.stamp())
    # Change.ENTRIES even when every entry was kept: the batch is undone, which menus follow.
    also = ((Change.TASKS, tasks), (Change.CATEGORIES, categories))
    changed = (Change.ENTRIES, *(what for what, yes in also if yes), Change.IMPORTS)
    service.refresh()
    service.changes.notify(*changed)
    return UndoneImport(current, entries, current.remaining - entries, tasks, categories, backup,
                        changed)
