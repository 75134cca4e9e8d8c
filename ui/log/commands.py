"""Undoable changes to entries: QUndoCommands that call the service.

A command does its change once in ``first()`` (which raises ValidationError or StorageError,
so a failed change is never pushed); ``push(stack, command)`` does that and then pushes it.
Later undo/redo that fail (the disk went read-only, the entry was deleted elsewhere) report
the error and mark the command obsolete, so the stack drops it instead of lying.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from app.domain import Entry, Kind
from app.errors import NotFoundError, StorageError, ValidationError
from app.workload import WorkloadService

Reporter = Callable[[Exception], None]

_FIELD_WORDS = {"title": "title", "minutes": "duration", "kind": "kind", "category": "category",
                "day": "date", "start": "start time", "note": "note"}


def push(stack: QUndoStack, command: EntryCommand) -> None:
    """Do the command's change and put it on the stack; raise (pushing nothing) if it fails."""
    command.first()
    stack.push(command)


def _quoted(title: str, limit: int = 40) -> str:
    return f"'{title if len(title) <= limit else title[:limit - 1] + '…'}'"


class EntryCommand(QUndoCommand):
    """A change to entries that can be undone; subclasses give _first, _redo and _undo."""

    def __init__(self, service: WorkloadService, report: Reporter) -> None:
        super().__init__()
        self.service = service
        self._report = report
        self._done_once = False

    def first(self) -> None:
        """Do the change for the first time; raises ValidationError or StorageError."""
        self._first()
        self._done_once = True

    def redo(self) -> None:
        if self._done_once:
            self._done_once = False  # QUndoStack.push() calls redo(): the change is done already
            return
        self._guarded(self._redo)

    def undo(self) -> None:
        self._guarded(self._undo)

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except (ValidationError, StorageError) as error:
            self.setObsolete(True)
            self._report(error)

    def _first(self) -> None:
        raise NotImplementedError

    # Entry ids are reused by SQLite once the highest one is deleted, and entries also come
    # from outside this stack (the timer, the command line). Before putting an entry back or
    # changing it again, make sure its id still means the entry this command knew.
    def _check_free(self, entries: Sequence[Entry]) -> None:
        for entry in entries:
            try:
                self.service.entries.get(entry.id)
            except NotFoundError:
                continue
            raise ValidationError(
                f"{_quoted(entry.title)} cannot be put back: another entry has taken its place "
                "since. Nothing was changed.", "entry")

    def _check_same(self, entries: Sequence[Entry]) -> None:
        for entry in entries:
            if self.service.entries.get(entry.id).created_at != entry.created_at:
                raise ValidationError(
                    f"{_quoted(entry.title)} was deleted elsewhere and its place taken by another "
                    "entry; nothing was changed.", "entry")

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class AddedEntryCommand(EntryCommand):
    """A change that added one entry (``self.entry``): undo deletes it, redo puts it back."""

    entry: Entry | None = None

    def _redo(self) -> None:
        self._check_free([self.entry])
        self.service.entries.restore([self.entry])

    def _undo(self) -> None:
        self._check_same([self.entry])
        self.service.entries.delete(self.entry.id)


class LogEntryCommand(AddedEntryCommand):
    """Log a quick-add line; undo deletes the entry, redo puts the same entry back."""

    def __init__(self, service: WorkloadService, line: str, report: Reporter,
                 default_day: date | None = None,
                 new_category_kind: Kind | None = None) -> None:
        super().__init__(service, report)
        self.line = line
        self.default_day = default_day  # where a line naming no day goes (None: today)
        self.entry: Entry | None = None
        self.new_category_kind = new_category_kind  # set: create the line's new #category too

    def _first(self) -> None:
        kind = self.new_category_kind
        self.entry = self.service.entries.log_line(self.line, create_category=kind is not None,
                                                   new_category_kind=kind,
                                                   default_day=self.default_day)
        self.setText(f"Log {_quoted(self.entry.title)}")


class TimerEntryCommand(AddedEntryCommand):
    """The entry a stopped timer saved: undoable like a logged line.

    The timer service has saved it already (stopping may ask the user first), so ``first()``
    only names the step.
    """

    def __init__(self, service: WorkloadService, entry: Entry, report: Reporter) -> None:
        super().__init__(service, report)
        self.entry = entry

    def _first(self) -> None:
        self.setText(f"Log {_quoted(self.entry.title)} from the timer")


class CopyEntriesCommand(EntryCommand):
    """Copy entries (a duplicate on their own day, or a copy on ``day``); undo deletes the
    copies, redo puts the same ones back."""

    def __init__(self, service: WorkloadService, entry_ids: Sequence[int], report: Reporter,
                 day: date | None = None, what: str = "Duplicate") -> None:
        super().__init__(service, report)
        self.entry_ids = list(entry_ids)
        self.day = day
        self.what = what  # the step's name in the Edit menu, e.g. 'Copy to today'
        self.copies: list[Entry] = []

    def _first(self) -> None:
        self.copies = self.service.entries.copy(self.entry_ids, self.day)
        if len(self.copies) == 1:
            self.setText(f"{self.what} {_quoted(self.copies[0].title)}")
        else:
            self.setText(f"{self.what} {len(self.copies)} entries")

    def _redo(self) -> None:
        self._check_free(self.copies)
        self.service.entries.restore(self.copies)

    def _undo(self) -> None:
        self._check_same(self.copies)
        self.service.entries.delete_many([c.id for c in self.copies])


class EditEntriesCommand(EntryCommand):
    """Change the same fields of one or more entries; undo puts each back as it was."""

    def __init__(self, service: WorkloadService, entry_ids: Sequence[int], changes: dict[str, Any],
                 report: Reporter) -> None:
        super().__init__(service, report)
        self.entry_ids = list(entry_ids)
        self.changes = dict(changes)
        self.before: list[Entry] = []
        self.after: list[Entry] = []

    def _first(self) -> None:
        # One transaction and one notification for all of them; all or nothing.
        done = self.service.entries.edit_many([(i, self.changes) for i in self.entry_ids])
        self.before = [before for before, _ in done]
        self.after = [after for _, after in done]
        fields = " and ".join(_FIELD_WORDS.get(f, f) for f in self.changes)
        if len(self.before) == 1:
            self.setText(f"Change the {fields} of {_quoted(self.before[0].title)}")
        else:
            self.setText(f"Change the {fields} of {len(self.before)} entries")

    def _redo(self) -> None:
        self._check_same(self.after)
        self.service.entries.restore(self.after)

    def _undo(self) -> None:
        self._check_same(self.before)
        self.service.entries.restore(self.before)


class DeleteEntriesCommand(EntryCommand):
    """Delete entries; undo puts them back with their ids."""

    def __init__(self, service: WorkloadService, entry_ids: Sequence[int], report: Reporter) -> None:
        super().__init__(service, report)
        self.entry_ids = list(entry_ids)
        self.deleted: list[Entry] = []

    def _first(self) -> None:
        self.deleted = self.service.entries.delete_many(self.entry_ids)
        if len(self.deleted) == 1:
            self.setText(f"Delete {_quoted(self.deleted[0].title)}")
        else:
            self.setText(f"Delete {len(self.deleted)} entries")

    def _redo(self) -> None:
        self._check_same(self.deleted)
        self.service.entries.delete_many(self.entry_ids)

    def _undo(self) -> None:
        self._check_free(self.deleted)
        self.service.entries.restore(self.deleted)
